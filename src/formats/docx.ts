// PLACEHOLDER (scaffolding): replaced by the DOCX reader.
import { AnnalsError } from '../core/errors.js';
import type { Document } from '../core/types.js';

export async function fromDocx(_bytes: Uint8Array, uri: string): Promise<Document> {
  throw new AnnalsError('E004', 'DOCX is not supported yet', uri);
}
