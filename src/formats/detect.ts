/**
 * Format detection by content first, extension second.
 * - PDF: "%PDF-" magic (within the first 1 KiB, as readers allow);
 * - DOCX: zip magic "PK\x03\x04" and an entry named word/document.xml;
 * - other zip, images, executables and NUL-laden bytes: binary (refused);
 * - text: TEI when the root element is <TEI> (or a TEI namespace), HTML when
 *   it opens with a doctype/<html> or holds HTML tags, Markdown when the
 *   extension says so or the text has Markdown structure, else plain text.
 */
import type { DocumentFormat } from '../core/types.js';

export type Detected = DocumentFormat | 'xml' | 'binary';

const TEXT_EXT: Record<string, DocumentFormat | 'xml'> = {
  txt: 'text', text: 'text',
  md: 'markdown', markdown: 'markdown', mdown: 'markdown', mkd: 'markdown',
  html: 'html', htm: 'html', xhtml: 'html',
  xml: 'xml', tei: 'tei',
  pdf: 'pdf', docx: 'docx',
};

export function extensionOf(uri: string): string {
  const base = uri.split(/[\\/]/).pop() ?? uri;
  const clean = base.replace(/[?#].*$/, '');
  const dot = clean.lastIndexOf('.');
  return dot > 0 ? clean.slice(dot + 1).toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

/** Find an ASCII string in the bytes (for zip entry names). */
function includesAscii(bytes: Uint8Array, s: string, limit = bytes.length): boolean {
  const n = Math.min(limit, bytes.length) - s.length;
  const first = s.charCodeAt(0);
  outer: for (let i = 0; i <= n; i++) {
    if (bytes[i] !== first) continue;
    for (let k = 1; k < s.length; k++) if (bytes[i + k] !== s.charCodeAt(k)) continue outer;
    return true;
  }
  return false;
}

const BINARY_MAGIC: number[][] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // MZ (Windows executable)
  [0x1f, 0x8b], // gzip
  [0x42, 0x5a, 0x68], // bzip2
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0xd0, 0xcf, 0x11, 0xe0], // OLE (legacy .doc/.xls)
  [0x52, 0x61, 0x72, 0x21], // RAR
];

/** Whether bytes look like binary data rather than text (NUL bytes outside UTF-16, control bytes). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  // UTF-16 with a BOM has NULs by design.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control / n > 0.05;
}

/** Detect from the bytes only what bytes can tell: pdf, docx, binary, or undefined for text. */
export function detectBinary(bytes: Uint8Array): 'pdf' | 'docx' | 'binary' | undefined {
  if (includesAscii(bytes, '%PDF-', 1024)) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    return includesAscii(bytes, 'word/document.xml') ? 'docx' : 'binary';
  }
  if (BINARY_MAGIC.some((m) => startsWith(bytes, m))) return 'binary';
  if (looksBinary(bytes)) return 'binary';
  return undefined;
}

/** Detect a text format from its decoded content (and extension as a hint). */
export function detectTextFormat(text: string, uri: string): DocumentFormat | 'xml' {
  const ext = TEXT_EXT[extensionOf(uri)];
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
  const lower = head.toLowerCase();
  if (lower.startsWith('<?xml') || (lower.startsWith('<') && !lower.startsWith('<!doctype html') && !lower.startsWith('<html'))) {
    // XML-like: TEI if its root is TEI or it declares the TEI namespace
    if (/<tei[\s>]|<tei\.2[\s>]|xmlns\s*=\s*["']http:\/\/www\.tei-c\.org\/ns\/1\.0["']|<teiheader[\s>]/i.test(head)) return 'tei';
    if (/<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]/i.test(head)) return 'html';
    if (lower.startsWith('<?xml') || /^<[\w:-]+[^>]*>/.test(head)) {
      // An XML file that is not TEI, or an HTML fragment, or text that opens with a tag
      if (/^<(?:div|p|article|section|main|h[1-6]|ul|ol|table|span|a|b|i|em|strong|br|meta|link|script|style|title)[\s>/]/i.test(head)) return 'html';
      if (ext === 'html') return 'html';
      if (lower.startsWith('<?xml') || ext === 'xml' || ext === 'tei') return 'xml';
      if (ext === 'markdown' || ext === 'text') return ext;
      return 'xml';
    }
  }
  if (/^<!doctype html|^<html[\s>]/i.test(head)) return 'html';
  if (ext === 'html') return 'html';
  if (ext === 'markdown') return 'markdown';
  if (ext === 'tei' || ext === 'xml') return 'text';
  if (looksLikeMarkdown(text)) return 'markdown';
  return 'text';
}

/** Markdown structure: ATX headings, front matter, links, emphasis, lists, footnote definitions. */
export function looksLikeMarkdown(text: string): boolean {
  const sample = text.slice(0, 20000);
  let score = 0;
  if (/^---\n[\s\S]*?\n---\n/.test(sample)) score += 2;
  if (/^#{1,6} \S/m.test(sample)) score += 2;
  if (/\[[^\]\n]+\]\((?:https?:|\/|#|\.)[^)\s]*\)/.test(sample)) score += 2;
  if (/^\[\^[^\]]+\]:/m.test(sample)) score += 2;
  if (/(?:^|\s)\*\*[^*\n]+\*\*(?:\s|[.,;:]|$)/.test(sample)) score += 1;
  if (/^```/m.test(sample)) score += 1;
  if (/^(?:[-*+]|\d+\.) \S/m.test(sample)) score += 0.5;
  if (/^> \S/m.test(sample)) score += 0.5;
  return score >= 2;
}
