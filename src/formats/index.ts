// PLACEHOLDER (scaffolding): replaced by the format readers' dispatcher.
import type { Document } from '../core/types.js';

/** Read one file's bytes into a Document, choosing the reader by content and extension. */
export async function readDocument(_bytes: Uint8Array, _uri: string): Promise<Document> {
  throw new Error('not implemented yet');
}
