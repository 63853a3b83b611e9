/**
 * The readers' dispatcher: one file's bytes → Document. The format is chosen
 * by content (magic bytes, markup) with the extension as a hint; every
 * refusal is an AnnalsError naming the file.
 */
import { createHash } from 'node:crypto';
import type { Document } from '../core/types.js';
import { AnnalsError, isAnnalsError } from '../core/errors.js';
import { decodeText } from './encoding.js';
import { detectBinary, detectTextFormat } from './detect.js';
import { fromText } from './text.js';
import { fromMarkdown } from './markdown.js';
import { fromHtml } from './html.js';
import { fromTei } from './tei.js';
import { fromPdf } from './pdf.js';
import { fromDocx } from './docx.js';
import { fromEpub, isEpub } from './epub.js';
import { checkHtmlSafety, checkLineLength, checkSize, checkXmlSafety, limitsFromEnv, type Limits } from './limits.js';

export interface ReadOptions {
  /** Size, length and nesting limits (when absent: the defaults, changed by ANNALS_MAX_FILE_MB and the other variables of limitsFromEnv). */
  limits?: Limits;
}

export interface DocMeta {
  id: string;
  uri: string;
  name: string;
}

export function baseName(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '').replace(/[\\/]+$/, '');
  return clean.split(/[\\/]/).pop() || clean;
}

export function contentId(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Read one file's bytes into a Document, choosing the reader by content and extension.
 * Whatever goes wrong inside a reader reaches the caller as an AnnalsError naming the file.
 */
export async function readDocument(bytes: Uint8Array, uri: string, options: ReadOptions = {}): Promise<Document> {
  try {
    return await dispatch(bytes, uri, options);
  } catch (e) {
    if (isAnnalsError(e)) throw e;
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    throw new AnnalsError('E005', `file could not be read (reader error: ${what.slice(0, 200)})`, uri);
  }
}

async function dispatch(bytes: Uint8Array, uri: string, options: ReadOptions): Promise<Document> {
  const limits = options.limits ?? limitsFromEnv();
  if (bytes.length === 0) throw new AnnalsError('E003', 'file is empty', uri);
  checkSize(bytes, uri, limits);
  const meta: DocMeta = { id: contentId(bytes), uri, name: baseName(uri) };
  const bin = detectBinary(bytes);
  if (isEpub(bytes)) return withMeta(await fromEpub(bytes, uri, { limits }), meta);
  if (bin === 'pdf') return withMeta(await fromPdf(bytes, uri, { limits }), meta);
  if (bin === 'docx') return withMeta(await fromDocx(bytes, uri, { limits }), meta);
  if (bin === 'binary') throw new AnnalsError('E004', 'file is binary, not a document annals can read', uri);
  const text = decodeText(bytes, uri);
  if (text.trim().length === 0) throw new AnnalsError('E003', 'file holds only white space', uri);
  const format = detectTextFormat(text, uri);
  // Guards before any parser sees the text: length, XML entities and nesting, line length.
  if (format === 'tei' || format === 'xml') checkXmlSafety(text, uri, limits);
  else if (format === 'html') checkHtmlSafety(text, uri, limits);
  else checkLineLength(text, uri, limits);
  switch (format) {
    case 'tei':
      return fromTei(text, meta);
    case 'xml':
      // not recognised as TEI from its first lines: let the TEI reader say why (malformed, or another vocabulary)
      return fromTei(text, meta);
    case 'html':
      return fromHtml(text, meta);
    case 'markdown':
      return fromMarkdown(text, meta);
    default:
      return fromText(text, meta);
  }
}

/** Keep the id and name rules the same for every reader. */
function withMeta(doc: Document, meta: DocMeta): Document {
  return { ...doc, id: meta.id, uri: meta.uri, name: meta.name };
}
