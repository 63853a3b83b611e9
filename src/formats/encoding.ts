// PLACEHOLDER (scaffolding): replaced by encoding detection (UTF-8/16 BOM, Windows-1252, ISO-8859-2).
import { AnnalsError } from '../core/errors.js';

/** Decode a text file's bytes to a string, detecting its encoding. */
export function decodeText(bytes: Uint8Array, uri: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new AnnalsError('E008', 'not valid UTF-8', uri);
  }
}
