/**
 * Document metadata read from what a document states about itself: dates of
 * publication written in prose ("First published: July 1997"), in meta tags
 * ("2018-08-16T10:00:00Z") or in headers ("16 August 2018"), turned into EDTF.
 * Pure functions, no I/O.
 */

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5,
  june: 6, jun: 6, july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9,
  october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

const SEASONS: Record<string, number> = { spring: 21, summer: 22, autumn: 23, fall: 23, winter: 24 };

const MONTH_RE = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?';

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

function ymd(y: number, m?: number, d?: number): string | null {
  if (!Number.isInteger(y) || y < 1 || y > 9999) return null;
  if (m === undefined) return pad(y, 4);
  if (m < 1 || m > 12) return null;
  if (d === undefined) return `${pad(y, 4)}-${pad(m)}`;
  if (!validDay(y, m, d)) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/**
 * Read one date as a document states it, to EDTF. Accepts ISO forms
 * ("2018-08-16", "2018-08-16T10:00:00Z", "2018-08", "1997"), prose forms
 * ("July 1997", "16 August 2018", "August 16, 2018", "Aug. 16th 2018",
 * "spring 1976") and TEI-style @when values. Returns null when the whole
 * string is not a date.
 */
export function parseDateToEdtf(input: string): string | null {
  const s = input.trim().replace(/\s+/g, ' ').replace(/[.,;]$/, '');
  if (!s) return null;
  let m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return ymd(+m[1], m[2] ? +m[2] : undefined, m[3] ? +m[3] : undefined);
  const lower = s.toLowerCase();
  // 16 August 2018 / 16th of August, 2018
  m = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?(?: of)? ${MONTH_RE},? (\\d{4})$`).exec(lower);
  if (m) return ymd(+m[3], MONTHS[m[2]], +m[1]);
  // August 16, 2018 / Aug. 16th 2018
  m = new RegExp(`^${MONTH_RE} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})$`).exec(lower);
  if (m) return ymd(+m[3], MONTHS[m[1]], +m[2]);
  // July 1997
  m = new RegExp(`^${MONTH_RE},? (\\d{4})$`).exec(lower);
  if (m) return ymd(+m[2], MONTHS[m[1]]);
  // spring 1976 / the summer of 1978
  m = /^(?:the )?(spring|summer|autumn|fall|winter)(?: of)? (\d{4})$/.exec(lower);
  if (m) return `${pad(+m[2], 4)}-${SEASONS[m[1]]}`;
  // 16/08/2018 is ambiguous (day/month order); only accept it when unambiguous
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  if (m) {
    const a = +m[1];
    const b = +m[2];
    if (a > 12 && b <= 12) return ymd(+m[3], b, a);
    if (b > 12 && a <= 12) return ymd(+m[3], a, b);
    return null;
  }
  return null;
}

/** A line that states the publication date, e.g. "First published: July 1997". */
const PUBLISHED_LINE =
  /^\s*(?:(?:first|originally)\s+)?(?:published|publication date|posted|posted on|date(?:d)?|written|last updated|updated)\s*(?:on|in)?\s*[:\-–—]?\s*(.+?)\s*$/i;

/**
 * When a short line states the publication date, return it as EDTF.
 * "First published: July 1997" → "1997-07"; "Posted on August 16, 2018" → "2018-08-16".
 */
export function publishedFromLine(line: string): string | null {
  if (line.length > 80) return null;
  const m = PUBLISHED_LINE.exec(line);
  if (!m) return null;
  return parseDateToEdtf(m[1].replace(/\s+by\s+.*$/i, ''));
}

/** A line naming the author, e.g. "By Jane Smith" or "Author: Jane Smith". */
const AUTHOR_LINE = /^\s*(?:by|author|written by)\s*:?\s+([\p{Lu}][\p{L}.'’\- ]{1,60}?)\s*$/iu;

export function authorFromLine(line: string): string | null {
  if (line.length > 80) return null;
  const m = AUTHOR_LINE.exec(line);
  if (!m) return null;
  const name = m[1].trim();
  // A name is a few capitalised words, not a sentence.
  const words = name.split(/\s+/);
  if (words.length > 6) return null;
  if (!words.every((w) => /^[\p{Lu}]/u.test(w) || /^(de|da|van|von|der|al|el|bin|la|le|di|du)$/i.test(w))) return null;
  return name;
}

/**
 * "First published: …" and "By …" paragraphs among the first `within` blocks
 * become metadata blocks; returns the date and author they state (rule
 * formats.lead-metadata-v1: such lines describe the document, not events).
 */
export function markLeadMetadata(
  text: string,
  blocks: Array<{ kind: string; span: { start: number; end: number } }>,
  within: number,
): { published: string | null; author: string | null } {
  let published: string | null = null;
  let author: string | null = null;
  for (const blk of blocks.slice(0, within)) {
    if (blk.kind !== 'paragraph') continue;
    const line = text.slice(blk.span.start, blk.span.end);
    const p = publishedFromLine(line);
    if (p) {
      published ??= p;
      blk.kind = 'metadata';
      continue;
    }
    const a = authorFromLine(line);
    if (a) {
      author ??= a;
      blk.kind = 'metadata';
    }
  }
  return { published, author };
}
