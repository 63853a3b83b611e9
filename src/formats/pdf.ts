// PLACEHOLDER (scaffolding): replaced by the PDF reader.
import { AnnalsError } from '../core/errors.js';
import type { Document } from '../core/types.js';

export async function fromPdf(_bytes: Uint8Array, uri: string): Promise<Document> {
  throw new AnnalsError('E004', 'PDF is not supported yet', uri);
}
