/**
 * Limits on what a reader accepts, and cheap guards that refuse pathological
 * input before a parser spends time or memory on it. Every limit has a safe
 * default and can be changed by the caller (options) or the environment
 * (ANNALS_MAX_FILE_MB and friends, see limitsFromEnv).
 *
 * Guards are plain functions that throw an AnnalsError naming the file; they
 * run in linear time over the input and allocate nothing proportional to it.
 */
import yauzl from 'yauzl';
import { AnnalsError } from '../core/errors.js';

export interface Limits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Longest extracted text accepted, in UTF-16 code units. */
  maxTextChars: number;
  /** Longest line accepted in plain text and Markdown, in characters. */
  maxLineChars: number;
  /** Deepest element nesting accepted in XML and HTML. */
  maxXmlDepth: number;
  /** Most internal entity declarations accepted in an XML DOCTYPE. */
  maxXmlEntities: number;
  /** Most entries accepted in a zip container (DOCX). */
  maxZipEntries: number;
  /** Largest uncompressed size of one zip entry, in bytes. */
  maxZipEntryBytes: number;
  /** Largest uncompressed size of all zip entries together, in bytes. */
  maxZipTotalBytes: number;
  /** Highest compression ratio accepted for an entry larger than 1 MiB. */
  maxZipRatio: number;
  /** Time allowed to parse one PDF or DOCX (in a worker), in milliseconds. */
  readerTimeoutMs: number;
  /** Heap allowed to the PDF and DOCX parsers' worker, in MiB. */
  readerMemoryMb: number;
  /** Most pages read from one PDF. */
  pdfMaxPages: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileBytes: 64 * MiB,
  maxTextChars: 16_000_000,
  maxLineChars: 1_000_000,
  maxXmlDepth: 1000,
  maxXmlEntities: 200,
  maxZipEntries: 5000,
  maxZipEntryBytes: 128 * MiB,
  maxZipTotalBytes: 256 * MiB,
  maxZipRatio: 200,
  readerTimeoutMs: 60_000,
  readerMemoryMb: 1024,
  pdfMaxPages: 5000,
});

/** Defaults overridden by whatever the caller gives (undefined keeps the default). */
export function resolveLimits(overrides?: Partial<Limits>): Limits {
  const out: Limits = { ...DEFAULT_LIMITS };
  if (!overrides) return out;
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const v = overrides[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new AnnalsError('E020', `limit ${key} must be a positive number, got ${String(v)}`, key);
    }
    out[key] = v;
  }
  return out;
}

/** Environment variables that set limits, with the unit each is given in. */
const ENV: Record<string, [keyof Limits, number]> = {
  ANNALS_MAX_FILE_MB: ['maxFileBytes', MiB],
  ANNALS_MAX_TEXT_CHARS: ['maxTextChars', 1],
  ANNALS_MAX_LINE_CHARS: ['maxLineChars', 1],
  ANNALS_MAX_XML_DEPTH: ['maxXmlDepth', 1],
  ANNALS_READER_TIMEOUT_MS: ['readerTimeoutMs', 1],
  ANNALS_READER_MEMORY_MB: ['readerMemoryMb', 1],
  ANNALS_PDF_MAX_PAGES: ['pdfMaxPages', 1],
};

/** Limits read from the environment (ANNALS_MAX_FILE_MB=...), over the defaults. */
export function limitsFromEnv(env: Record<string, string | undefined> = process.env): Limits {
  const o: Partial<Limits> = {};
  for (const [name, [key, unit]] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) {
      throw new AnnalsError('E020', `${name} must be a positive number, got "${raw}"`, name);
    }
    o[key] = Math.floor(n * unit);
  }
  return resolveLimits(o);
}

function mb(n: number): string {
  return n >= MiB ? `${(n / MiB).toFixed(1)} MiB` : `${n} bytes`;
}

/** Refuse a file larger than the limit (E006) or empty (E003). */
export function checkSize(bytes: Uint8Array, uri: string, limits: Limits = DEFAULT_LIMITS): void {
  checkFileSize(bytes.length, uri, limits);
}

/** The same check on a size in bytes, so a caller can refuse a file before reading it. */
export function checkFileSize(size: number, uri: string, limits: Limits = DEFAULT_LIMITS): void {
  if (size === 0) throw new AnnalsError('E003', 'file is empty', uri);
  if (size > limits.maxFileBytes) {
    throw new AnnalsError(
      'E006',
      `file is too large: ${mb(size)}, the limit is ${mb(limits.maxFileBytes)} (set ANNALS_MAX_FILE_MB to change it)`,
      uri,
    );
  }
}

/** Refuse an extracted text longer than the limit (E007). */
export function checkTextLength(text: string, uri: string, limits: Limits = DEFAULT_LIMITS): void {
  if (text.length > limits.maxTextChars) {
    throw new AnnalsError(
      'E007',
      `text is too long: ${text.length} characters, the limit is ${limits.maxTextChars} (set ANNALS_MAX_TEXT_CHARS to change it)`,
      uri,
    );
  }
}

/** Refuse plain text with a line longer than the limit (E007): such files are data, not prose. */
export function checkLineLength(text: string, uri: string, limits: Limits = DEFAULT_LIMITS): void {
  checkTextLength(text, uri, limits);
  if (text.length <= limits.maxLineChars) return;
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    if (nl - start > limits.maxLineChars) {
      throw new AnnalsError(
        'E007',
        `line ${lineNumber(text, start)} is ${nl - start} characters long, the limit is ${limits.maxLineChars} (set ANNALS_MAX_LINE_CHARS to change it)`,
        uri,
      );
    }
    start = nl + 1;
  }
}

function lineNumber(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

// ---------------------------------------------------------------------------
// XML and HTML

/**
 * Refuse XML that could blow up a parser: entity declarations that refer to
 * other entities ("billion laughs"), external or parameter entities (which
 * reach outside the file), too many declarations, or nesting deeper than the
 * limit. Internal entities with literal values stay allowed.
 */
export function checkXmlSafety(text: string, uri: string, limits: Limits = DEFAULT_LIMITS): void {
  checkTextLength(text, uri, limits);
  checkDoctype(text, uri, limits);
  const depth = maxNesting(text, false, limits.maxXmlDepth);
  if (depth > limits.maxXmlDepth) {
    throw new AnnalsError('E005', `XML is nested deeper than ${limits.maxXmlDepth} elements`, uri);
  }
}

/** Refuse HTML nested deeper than the limit (void elements and raw text are understood). */
export function checkHtmlSafety(text: string, uri: string, limits: Limits = DEFAULT_LIMITS): void {
  checkTextLength(text, uri, limits);
  const depth = maxNesting(text, true, limits.maxXmlDepth);
  if (depth > limits.maxXmlDepth) {
    throw new AnnalsError('E005', `HTML is nested deeper than ${limits.maxXmlDepth} elements`, uri);
  }
}

const ENTITY_DECL = /<!ENTITY\s+(%\s+)?([^\s>]+)\s*([^>]*)>/g;

function checkDoctype(text: string, uri: string, limits: Limits): void {
  const dt = text.search(/<!DOCTYPE/i);
  if (dt < 0) return;
  const open = text.indexOf('[', dt);
  const close = text.indexOf('>', dt);
  if (open < 0 || (close >= 0 && close < open)) return; // no internal subset
  const end = text.indexOf(']>', open);
  const subset = text.slice(open, end < 0 ? text.length : end);
  let count = 0;
  ENTITY_DECL.lastIndex = 0;
  for (let m = ENTITY_DECL.exec(subset); m; m = ENTITY_DECL.exec(subset)) {
    count++;
    const [, param, name, rest] = m;
    if (param) {
      throw new AnnalsError('E005', `XML declares a parameter entity (%${name}); refused for safety`, uri);
    }
    if (/^\s*(SYSTEM|PUBLIC)\b/.test(rest ?? '')) {
      throw new AnnalsError('E005', `XML declares an external entity (${name}); refused for safety`, uri);
    }
    if (/&[^\s;&]+;/.test(rest ?? '')) {
      throw new AnnalsError(
        'E005',
        `XML entity "${name}" refers to other entities (an entity expansion bomb); refused`,
        uri,
      );
    }
    if (count > limits.maxXmlEntities) {
      throw new AnnalsError('E005', `XML declares more than ${limits.maxXmlEntities} entities; refused`, uri);
    }
  }
}

const HTML_VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source',
  'track', 'wbr', 'basefont', 'frame', 'isindex', 'keygen', 'command',
]);
/** Elements whose end tag may be left out: they never count towards depth. */
const HTML_OPTIONAL_END = new Set([
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot',
  'colgroup', 'rt', 'rp', 'html', 'head', 'body',
]);
const HTML_RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'plaintext', 'noscript']);

/**
 * Deepest nesting of elements, scanning tags only. Stops early once past
 * `stopAt`. For HTML, void elements, elements with optional end tags and raw
 * text elements are understood so sloppy but ordinary pages are not refused.
 */
export function maxNesting(text: string, html: boolean, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let i = text.indexOf('<');
  while (i >= 0 && i < text.length - 1) {
    const c = text.charCodeAt(i + 1);
    if (c === 33 /* ! */) {
      if (text.startsWith('<!--', i)) i = skipTo(text, '-->', i + 4);
      else if (text.startsWith('<![CDATA[', i)) i = skipTo(text, ']]>', i + 9);
      else i = skipTo(text, '>', i + 2);
    } else if (c === 63 /* ? */) {
      i = skipTo(text, '>', i + 2);
    } else if (c === 47 /* / */) {
      const name = tagName(text, i + 2);
      if (!html || (!HTML_VOID.has(name) && !HTML_OPTIONAL_END.has(name))) depth = Math.max(0, depth - 1);
      i = skipTo(text, '>', i + 2);
    } else if (isNameStart(c)) {
      const name = tagName(text, i + 1);
      const close = tagEnd(text, i + 1);
      const selfClosing = close > 0 && text.charCodeAt(close - 1) === 47;
      if (html) {
        if (!HTML_VOID.has(name) && !HTML_OPTIONAL_END.has(name) && !selfClosing) depth++;
        if (HTML_RAW.has(name) && !selfClosing) {
          const re = new RegExp(`</${name}`, 'ig');
          re.lastIndex = close < 0 ? i + 1 : close;
          const endTag = re.exec(text)?.index ?? -1;
          if (endTag < 0) return max;
          i = endTag;
          continue;
        }
      } else if (!selfClosing) {
        depth++;
      }
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
      i = close < 0 ? text.length : close + 1;
    } else {
      i++;
    }
    i = text.indexOf('<', i);
  }
  return max;
}

function skipTo(text: string, needle: string, from: number): number {
  const j = text.indexOf(needle, from);
  return j < 0 ? text.length : j + needle.length;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c > 127;
}

function tagName(text: string, from: number): string {
  let j = from;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
    j++;
    if (j - from > 64) break;
  }
  return text.slice(from, j).toLowerCase();
}

/** Index of the '>' closing a start tag, skipping quoted attribute values; -1 if none. */
function tagEnd(text: string, from: number): number {
  let quote = 0;
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      return j;
    } else if (c === 60) {
      return j - 1; // a stray '<' ends a broken tag
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Zip containers (DOCX)

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/**
 * Check a zip container before anything inflates it: the central directory's
 * entry count, each entry's uncompressed size, their total, and the
 * compression ratio. Then inflate the entries named by `read` (with their
 * sizes enforced while inflating, so a lying directory is caught too) and
 * return their bytes. Throws E005 for a malformed zip, E006 for a bomb.
 */
export async function inspectZip(
  bytes: Uint8Array,
  uri: string,
  limits: Limits = DEFAULT_LIMITS,
  read: (name: string) => boolean = () => false,
): Promise<{ entries: ZipEntryInfo[]; files: Map<string, Buffer> }> {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
      err || !z ? reject(zipError(err, uri)) : resolve(z),
    );
  });
  const entries: ZipEntryInfo[] = [];
  const files = new Map<string, Buffer>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (e: unknown) => {
      zip.close();
      reject(e instanceof AnnalsError ? e : zipError(e, uri));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      try {
        const info = {
          name: entry.fileName,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
        };
        entries.push(info);
        total += info.uncompressedSize;
        checkZipEntry(info, entries.length, total, uri, limits);
      } catch (e) {
        fail(e);
        return;
      }
      if (!read(entry.fileName) || entry.fileName.endsWith('/')) {
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(err);
        const chunks: Buffer[] = [];
        let got = 0;
        stream.on('data', (c: Buffer) => {
          got += c.length;
          if (got > limits.maxZipEntryBytes) {
            stream.destroy();
            fail(bomb(`entry ${entry.fileName} inflates past ${mb(limits.maxZipEntryBytes)}`, uri));
            return;
          }
          chunks.push(c);
        });
        stream.on('error', fail);
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return { entries, files };
}

/** The checks on one central-directory entry (pure; exported for tests). */
export function checkZipEntry(
  e: ZipEntryInfo,
  count: number,
  total: number,
  uri: string,
  limits: Limits = DEFAULT_LIMITS,
): void {
  if (count > limits.maxZipEntries) throw bomb(`more than ${limits.maxZipEntries} entries`, uri);
  if (e.uncompressedSize > limits.maxZipEntryBytes) {
    throw bomb(`entry ${e.name} would inflate to ${mb(e.uncompressedSize)}, the limit is ${mb(limits.maxZipEntryBytes)}`, uri);
  }
  if (total > limits.maxZipTotalBytes) {
    throw bomb(`entries would inflate to more than ${mb(limits.maxZipTotalBytes)} in all`, uri);
  }
  if (e.uncompressedSize > MiB && e.uncompressedSize > limits.maxZipRatio * Math.max(1, e.compressedSize)) {
    const ratio = Math.round(e.uncompressedSize / Math.max(1, e.compressedSize));
    throw bomb(`entry ${e.name} is compressed ${ratio}:1, above the limit of ${limits.maxZipRatio}:1`, uri);
  }
}

function bomb(what: string, uri: string): AnnalsError {
  return new AnnalsError('E006', `zip container refused (possible zip bomb): ${what}`, uri);
}

function zipError(e: unknown, uri: string): AnnalsError {
  if (e instanceof AnnalsError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/too many bytes in the stream/.test(msg)) {
    return bomb(`an entry inflates past the size its directory declares (${msg})`, uri);
  }
  return new AnnalsError('E005', `not a readable zip container: ${msg}`, uri);
}
