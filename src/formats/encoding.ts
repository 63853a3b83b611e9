/**
 * Text encodings: decode a text file's bytes to a string whatever encoding it
 * was saved in, and refuse bytes that are not text.
 *
 * Order of decisions (each a rule with an id, reported by detectEncoding):
 *   1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides;
 *   2. UTF-16 without a BOM is recognised by its NUL bytes on every other position;
 *   3. NUL bytes or many control characters mean binary: E004;
 *   4. bytes that are valid UTF-8 are UTF-8 (ASCII included);
 *   5. mostly-valid UTF-8 with a few stray bytes stays UTF-8 (stray bytes become U+FFFD);
 *   6. an encoding the file declares (<meta charset>, http-equiv, <?xml encoding?>)
 *      when iconv-lite knows it (ISO-8859-1 and ASCII read as Windows-1252, as browsers do);
 *   7. a non-Latin legacy encoding that chardet is confident about (Cyrillic, Greek, CJK...);
 *   8. otherwise the Latin single-byte encoding whose decoding reads most like
 *      words (Windows-1252, ISO-8859-2, Windows-1250, ISO-8859-15), Windows-1252 on a tie.
 */
import * as chardet from 'chardet';
import iconv from 'iconv-lite';
import { AnnalsError } from '../core/errors.js';

export interface EncodingGuess {
  /** Name understood by iconv-lite, e.g. "utf-8", "windows-1252", "iso-8859-2". */
  encoding: string;
  /** Bytes to skip at the start (a byte order mark). */
  bomLength: number;
  /** Which rule decided, e.g. "encoding.bom-v1". */
  ruleId: string;
}

/** How much of a file the binary and UTF-8 heuristics look at. */
const SAMPLE_BYTES = 4 * 1024 * 1024;

/** Decode a text file's bytes to a string, detecting its encoding. */
export function decodeText(bytes: Uint8Array, uri: string): string {
  const guess = detectEncoding(bytes, uri);
  const body = bytes.subarray(guess.bomLength);
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (guess.encoding === 'utf-8') {
    return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(buf);
  }
  if (!iconv.encodingExists(guess.encoding)) {
    throw new AnnalsError('E008', `text encoding ${guess.encoding} is not supported`, uri);
  }
  const text = iconv.decode(buf, guess.encoding, { stripBOM: false });
  if (guess.ruleId === 'encoding.utf16-nobom-v1' || guess.ruleId === 'encoding.bom-v1') {
    // Wide encodings are checked for binary content after decoding.
    if (controlRatio(text) > 0.02) throw notText(uri, 'control characters');
  }
  return text;
}

/** Decide the encoding of a text file's bytes (throws E004 for binary bytes). */
export function detectEncoding(bytes: Uint8Array, uri: string): EncodingGuess {
  const bom = byBom(bytes);
  if (bom) return bom;
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const wide = utf16WithoutBom(sample);
  if (wide) return { encoding: wide, bomLength: 0, ruleId: 'encoding.utf16-nobom-v1' };
  checkBinary(sample, uri);
  const utf8 = utf8Validity(sample, bytes.length <= SAMPLE_BYTES);
  if (utf8.invalid === 0) return { encoding: 'utf-8', bomLength: 0, ruleId: 'encoding.utf8-v1' };
  if (utf8.valid >= 8 && utf8.invalid * 20 <= utf8.valid) {
    return { encoding: 'utf-8', bomLength: 0, ruleId: 'encoding.utf8-mostly-v1' };
  }
  const declared = declaredEncoding(sample);
  if (declared) return { encoding: declared, bomLength: 0, ruleId: 'encoding.declared-v1' };
  const nonLatin = confidentNonLatin(sample);
  if (nonLatin) return { encoding: nonLatin, bomLength: 0, ruleId: 'encoding.chardet-nonlatin-v1' };
  return { encoding: bestLatin(sample), bomLength: 0, ruleId: 'encoding.latin-score-v1' };
}

function byBom(b: Uint8Array): EncodingGuess | null {
  const r = (encoding: string, bomLength: number): EncodingGuess => ({ encoding, bomLength, ruleId: 'encoding.bom-v1' });
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return r('utf-8', 3);
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return r('utf-32le', 4);
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return r('utf-32be', 4);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return r('utf-16le', 2);
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return r('utf-16be', 2);
  return null;
}

/** UTF-16 without BOM: at least 4 code units, NULs on most odd (LE) or even (BE) bytes and almost none on the other side. */
function utf16WithoutBom(b: Uint8Array): string | null {
  if (b.length < 8) return null;
  let even = 0;
  let odd = 0;
  const n = b.length - (b.length % 2);
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd > half * 0.4 && even < half * 0.02) return 'utf-16le';
  if (even > half * 0.4 && odd < half * 0.02) return 'utf-16be';
  return null;
}

function notText(uri: string, why: string): AnnalsError {
  return new AnnalsError('E004', `file is binary, not text (${why})`, uri);
}

/** NUL bytes, or more than 2 % C0 control bytes other than tab, newlines and form feed, mean binary. */
function checkBinary(b: Uint8Array, uri: string): void {
  let controls = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0) throw notText(uri, `NUL byte at offset ${i}`);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 0x1a && c !== 0x1b) || c === 0x7f) {
      controls++;
    }
  }
  if (b.length > 0 && controls / b.length > 0.02) {
    throw notText(uri, `${((100 * controls) / b.length).toFixed(1)} % control characters`);
  }
}

function controlRatio(text: string): number {
  const n = Math.min(text.length, SAMPLE_BYTES);
  if (n === 0) return 0;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f) controls++;
  }
  return controls / n;
}

/** Count well-formed multi-byte UTF-8 sequences and invalid bytes. */
export function utf8Validity(b: Uint8Array, complete = true): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let min = 0;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      invalid++;
      i++;
      continue;
    }
    if (!complete && i + need >= b.length) break; // a sequence cut by the end of the sample
    let cp = c & (0x3f >> need);
    let ok = i + need < b.length;
    for (let k = 1; ok && k <= need; k++) {
      const d = b[i + k]!;
      if ((d & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (d & 0x3f);
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

const DECLARED = [
  /<meta\s[^>]*charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i,
  /<\?xml\s[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i,
];

/** The encoding named in the first 2 KiB of HTML or XML, if iconv-lite knows it and it is not UTF-8 (which failed). */
export function declaredEncoding(b: Uint8Array): string | null {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 2048)).toString('latin1');
  for (const re of DECLARED) {
    const m = re.exec(head);
    if (!m) continue;
    let name = m[1]!.toLowerCase();
    if (/^(utf-?8|utf-?16.*|unicode)$/.test(name)) return null;
    if (/^(iso-?8859-1|latin-?1|us-ascii|ascii)$/.test(name)) name = 'windows-1252';
    return iconv.encodingExists(name) ? name : null;
  }
  return null;
}

/** Non-Latin legacy encodings taken from chardet when it is confident. */
const NON_LATIN: Record<string, string> = {
  'windows-1251': 'windows-1251',
  'KOI8-R': 'koi8-r',
  'ISO-8859-5': 'iso-8859-5',
  'ISO-8859-6': 'iso-8859-6',
  'windows-1256': 'windows-1256',
  'ISO-8859-7': 'iso-8859-7',
  'windows-1253': 'windows-1253',
  'ISO-8859-8': 'iso-8859-8',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  GB18030: 'gb18030',
  Big5: 'big5',
  'EUC-KR': 'euc-kr',
};

function confidentNonLatin(sample: Uint8Array): string | null {
  const ranked = chardet.analyse(sample.subarray(0, 256 * 1024));
  const top = ranked[0];
  if (!top || top.confidence < 40) return null;
  const enc = NON_LATIN[top.name];
  if (!enc) return null;
  // A Latin decoding that reads clearly better wins over a weak non-Latin guess.
  const latin = bestLatin(sample);
  const latinScore = wordScore(iconv.decode(Buffer.from(sample), latin));
  const nonLatinScore = wordScore(iconv.decode(Buffer.from(sample), enc));
  return nonLatinScore >= latinScore || top.confidence >= 60 ? enc : null;
}

/** Latin single-byte candidates, in order of preference on a tie. */
export const LATIN_CANDIDATES = ['windows-1252', 'iso-8859-2', 'windows-1250', 'iso-8859-15'] as const;

function bestLatin(sample: Uint8Array): string {
  const buf = Buffer.from(sample.buffer, sample.byteOffset, Math.min(sample.byteLength, 512 * 1024));
  let best: string = LATIN_CANDIDATES[0];
  let bestScore = -Infinity;
  for (const enc of LATIN_CANDIDATES) {
    const s = wordScore(iconv.decode(buf, enc));
    if (s > bestScore) {
      best = enc;
      bestScore = s;
    }
  }
  return best;
}

const LETTER = /\p{L}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER.test(ch);
}

/**
 * How much a decoding reads like words: non-ASCII letters inside words score,
 * C1 controls and replacement characters cost much, symbols wedged between
 * letters cost, and a word mixing Latin letters with another script costs.
 * Only non-ASCII characters are looked at, so the cost is small.
 */
export function wordScore(text: string): number {
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    const ch = text[i]!;
    const prev = text[i - 1];
    const next = text[i + 1];
    if ((code >= 0x80 && code <= 0x9f) || code === 0xfffd) {
      score -= 5;
    } else if (isLetter(ch)) {
      const latin = LATIN_LETTER.test(ch);
      const prevAsciiLetter = prev !== undefined && /[A-Za-z]/.test(prev);
      const nextAsciiLetter = next !== undefined && /[A-Za-z]/.test(next);
      if (!latin && (prevAsciiLetter || nextAsciiLetter)) score -= 2;
      else if (isLetter(prev) || isLetter(next)) score += 1;
    } else if (isLetter(prev) && isLetter(next)) {
      score -= 3; // a symbol inside a word: "Ł" read as "£"
    } else if (isLetter(prev) || isLetter(next)) {
      // Punctuation beside a word is ordinary (quotes, dashes); other symbols are not.
      if (!/[\p{P}\u00a0]/u.test(ch)) score -= 1;
    }
  }
  return score;
}
