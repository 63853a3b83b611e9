/**
 * Plain text reader. The text is the file's text as decoded (line ends
 * normalised to "\n"), so offsets in it are offsets in the file's characters.
 *
 * Blocks:
 * - paragraphs are separated by blank lines; within a run of non-blank lines,
 *   a line ends a paragraph when the lines are not hard-wrapped prose
 *   (long one-line paragraphs, or a short line closing a sentence);
 * - a short line without closing punctuation is a heading when it opens the
 *   document or looks like a title (text.heading-v1);
 * - a line such as "First published: July 1997" is metadata and gives the
 *   publication date; "By Jane Smith" near the top gives the author;
 * - trailing lines that open with a note label ("[ix] …") are footnotes, with
 *   unlabeled lines between them continuing the note before;
 * - comment forms and share widgets at the end ("Leave a Reply", "2 thoughts
 *   on …", "You are commenting using your … account") are metadata.
 */
import type { Block, BlockKind, Document, Span } from '../core/types.js';
import { AnnalsError } from '../core/errors.js';
import { findTrailingNotes, linkBracketMarkers, markApparatus, NOTE_LABEL_AT_START } from './notes.js';
import { authorFromLine, publishedFromLine } from './metadata.js';

/** Lines longer than this are whole paragraphs, not hard-wrapped lines. */
const WRAP_MAX = 100;
/** Headings are short. */
const HEADING_MAX = 90;

interface RawBlock {
  span: Span;
  /** Lines inside the block (count). */
  lines: number;
}

/** Trim whitespace (including NBSP and other Unicode spaces) off a span. */
export function trimSpan(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** Split text into lines with their spans (without the "\n"). */
function lines(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      out.push({ start, end: text.length });
      return out;
    }
    out.push({ start, end: nl });
    start = nl + 1;
  }
}

const CLOSING = /[.!?:;,…”’"')\]»]$/;

/** Whether a line break between two non-blank lines ends a paragraph. */
function breaksAfter(prev: string, next: string, width: number): boolean {
  if (prev.length > WRAP_MAX || next.length > WRAP_MAX) return true;
  // A short line closing a sentence ends its paragraph in wrapped text.
  if (/[.!?:…”"']$/.test(prev) && prev.length < width * 0.7) return true;
  // A short line with no closing punctuation above a line (a heading).
  if (!CLOSING.test(prev) && prev.length < width * 0.6 && /^[\p{Lu}\d]/u.test(prev)) return true;
  // A new labeled note starts a block.
  if (NOTE_LABEL_AT_START.test(next)) return true;
  return false;
}

/** Paragraph-like blocks: runs of non-blank lines, split where lines are not wrapped prose. */
function rawBlocks(text: string): RawBlock[] {
  const ls = lines(text);
  const out: RawBlock[] = [];
  let i = 0;
  while (i < ls.length) {
    const t = trimSpan(text, ls[i]);
    if (t.start === t.end) {
      i++;
      continue;
    }
    // the run of non-blank lines from i
    let j = i;
    const run: Span[] = [];
    while (j < ls.length) {
      const tj = trimSpan(text, ls[j]);
      if (tj.start === tj.end) break;
      run.push(tj);
      j++;
    }
    let width = 0;
    for (const r of run) width = Math.max(width, r.end - r.start);
    let cur: RawBlock = { span: { ...run[0] }, lines: 1 };
    for (let k = 1; k < run.length; k++) {
      const prev = text.slice(run[k - 1].start, run[k - 1].end);
      const next = text.slice(run[k].start, run[k].end);
      if (breaksAfter(prev, next, width)) {
        out.push(cur);
        cur = { span: { ...run[k] }, lines: 1 };
      } else {
        cur.span.end = run[k].end;
        cur.lines++;
      }
    }
    out.push(cur);
    i = j;
  }
  return out;
}

/** Comment forms, share widgets and other page furniture saved with a web page's text. */
const DEBRIS_START: RegExp[] = [
  /^\d+\s+(?:thoughts?|responses?|comments?|replies|reactions?)\s+(?:on|to)\b/i,
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:thoughts?|responses?|comments?|replies)\s+(?:on|to)\b/i,
  /^leave a (?:reply|comment)\b/i,
  /^(?:post a comment|add a comment|comments are closed|no comments yet)\b/i,
  /^share this:?$/i,
  /^(?:like this|related|related posts|you may also like|more from)\s*:?$/i,
];

const DEBRIS_LINE: RegExp[] = [
  ...DEBRIS_START,
  /^fill in your details below/i,
  /^you are commenting using your\b/i,
  /^connecting to %s$/i,
  /^(?:twitter|facebook|google|wordpress\.com)\s+(?:picture|photo|logo)$/i,
  /^notify me of (?:new )?(?:comments|posts)/i,
  /^(?:cancel|post was not sent|email check failed|loading\.\.\.|like|reply|share|tweet|email|print|subscribe)\b.{0,40}$/i,
  /^(?:posted in|tagged|bookmark the permalink|filed under|categories|tags)\b/i,
  /^(?:previous|next) (?:post|article)\b/i,
  /^(?:log in|sign up|create a free website|blog at wordpress\.com)/i,
];

/** Furniture recognisable on a line of its own anywhere: the whole line is the widget's text. */
const STRAY_DEBRIS =
  /^(?:share this|like this|related|related posts|loading\.\.\.|reply|like|share|tweet|email|print|subscribe|advertisements?|report this ad|bookmark the permalink|(?:posted in|tagged|filed under) [^.]{0,60}|\d+ (?:comments?|responses?|replies))\s*:?$/i;

function isDebris(line: string): boolean {
  return DEBRIS_LINE.some((re) => re.test(line));
}

function isDebrisStart(line: string): boolean {
  return DEBRIS_START.some((re) => re.test(line));
}

/** A line that looks like a heading: short, no closing punctuation, not a running sentence. */
function looksLikeHeading(line: string, first: boolean): boolean {
  if (line.length === 0 || line.length > HEADING_MAX || line.includes('\n')) return false;
  if (/[.,;:!?]$/.test(line)) return false;
  if (!/^[\p{Lu}\d"“‘'(]/u.test(line)) return false;
  if (first) return true;
  const words = line.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0 || words.length > 12) return false;
  const minor = /^(?:a|an|the|and|or|of|in|on|at|to|for|from|with|by|as|vs?\.?|de|la|et|und|der|die)$/i;
  const caps = words.filter((w) => /^[\p{Lu}\d"“‘(]/u.test(w) || minor.test(w)).length;
  return caps / words.length >= 0.75;
}

const OPENING_QUOTE = /^[“"«„‘]/;
/** A block that ends inside a closing quote, maybe followed by a footnote marker. */
const ENDS_QUOTED = /[”"»’](?:\s*[.,;])?(?:\s*\[[^\]]{1,8}\]|\d{1,3})?\.?\)?$/;

/** Words that introduce a quotation or an extract. */
const SPEECH_WORD =
  /\b(?:diary|diaries|wrote|writes|writing|said|says|stated|states|noted|notes|declared|commented|recorded|records|telegram|letter|speech|cable|cables|told|announced|described|remarked|observed|replied|added|explained|proclaimed|report(?:ed)?|memoir|memoirs|journal)\b/i;

function countChar(s: string, re: RegExp): number {
  return (s.match(re) ?? []).length;
}

/**
 * Quotations laid out as paragraphs of their own:
 * - text.quote.marks-v1: a paragraph that opens with a quotation mark and ends
 *   with the closing one; a quotation running over several paragraphs ends at
 *   the paragraph that closes it;
 * - text.quote.intro-v1: a paragraph introduced by one ending with a colon or
 *   a comma, or by a short one without closing punctuation ("… recorded the
 *   first visit in his diary"), as diary and speech extracts are.
 */
export function markQuotes(kinds: BlockKind[], str: (i: number) => string, end: number): void {
  for (let i = 0; i < end; i++) {
    if (kinds[i] !== 'paragraph') continue;
    const s = str(i);
    if (OPENING_QUOTE.test(s)) {
      if (ENDS_QUOTED.test(s) && countChar(s, /[“«]/g) <= countChar(s, /[”»]/g) + 1) {
        kinds[i] = 'quote';
        continue;
      }
      // opens a quotation it does not close: look for the paragraph that closes it
      if (countChar(s, /[“«]/g) > countChar(s, /[”»]/g)) {
        for (let k = i + 1; k < Math.min(end, i + 8); k++) {
          if (kinds[k] !== 'paragraph') break;
          const t = str(k);
          if (OPENING_QUOTE.test(t) && !/[”»]/.test(t)) continue; // a new paragraph of the same quotation
          if (ENDS_QUOTED.test(t) || /[”»]/.test(t)) {
            for (let q = i; q <= k; q++) kinds[q] = 'quote';
            i = k;
            break;
          }
        }
        if (kinds[i] === 'quote') continue;
      }
    }
    if (i > 0 && kinds[i - 1] === 'paragraph') {
      const prev = str(i - 1).trimEnd();
      const lastSentence = prev.slice(prev.search(/[^.!?]*$/));
      const open = !/[.!?…”"’)\]]$/.test(prev);
      const introduces =
        /[:,]$/.test(prev) ||
        (open && /^\p{Lu}/u.test(s) && (SPEECH_WORD.test(lastSentence) || (prev.length < 160 && !/\d$/.test(prev))));
      if (introduces) kinds[i] = 'quote';
    }
  }
}

export interface TextLayout {
  blocks: Block[];
  title: string | null;
  author: string | null;
  published: string | null;
}

/** Lay out plain text into blocks and read its stated metadata. Exported for readers of text-like formats. */
export function layoutText(text: string): TextLayout {
  const raws = rawBlocks(text);
  const kinds: BlockKind[] = raws.map(() => 'paragraph');
  const labels: (string | undefined)[] = raws.map(() => undefined);
  const str = (i: number) => text.slice(raws[i].span.start, raws[i].span.end);
  let title: string | null = null;
  let author: string | null = null;
  let published: string | null = null;

  // Trailing debris: from the first debris-opening block near the end, every block is furniture.
  let end = raws.length;
  for (let i = Math.max(0, raws.length - 60); i < raws.length; i++) {
    if (!isDebrisStart(str(i))) continue;
    const rest = raws.slice(i + 1);
    const shortOrDebris = rest.every((_, k) => {
      const s = str(i + 1 + k);
      return isDebris(s) || s.length < 120;
    });
    if (shortOrDebris) {
      end = i;
      break;
    }
  }
  for (let i = end; i < raws.length; i++) kinds[i] = 'metadata';
  // Page furniture on a line of its own before the end region (e.g. a stray "Share this:").
  for (let i = 0; i < end; i++) if (STRAY_DEBRIS.test(str(i))) kinds[i] = 'metadata';

  // Trailing footnotes: see findTrailingNotes.
  const trailing = findTrailingNotes(str, end);
  const firstNote = trailing.first;
  for (const [i, label] of trailing.labels) {
    kinds[i] = 'footnote';
    labels[i] = label;
  }

  // Headings and metadata lines at the top.
  for (let i = 0; i < (firstNote >= 0 ? firstNote : end); i++) {
    if (kinds[i] !== 'paragraph') continue;
    const s = str(i);
    const near = i < 6;
    if (near && published === null && raws[i].lines === 1) {
      const p = publishedFromLine(s);
      if (p) {
        published = p;
        kinds[i] = 'metadata';
        continue;
      }
    }
    if (near && author === null && raws[i].lines === 1) {
      const a = authorFromLine(s);
      if (a) {
        author = a;
        kinds[i] = 'metadata';
        continue;
      }
    }
    if (raws[i].lines === 1 && i + 1 < end && looksLikeHeading(s, i === 0)) {
      kinds[i] = 'heading';
      if (i === 0) title = s;
    }
  }

  markQuotes(kinds, str, firstNote >= 0 ? firstNote : end);

  const blocks: Block[] = raws.map((r, i) => {
    const b: Block = { kind: kinds[i], span: r.span };
    if (labels[i] !== undefined) b.label = labels[i];
    return b;
  });
  return { blocks, title, author, published };
}

/** Normalise line ends to "\n" (CRLF and lone CR). */
export function normaliseNewlines(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

/** Build a plain text Document from already decoded text. */
export function fromText(decoded: string, meta: { id: string; uri: string; name: string }): Document {
  const text = normaliseNewlines(decoded);
  if (text.trim().length === 0) throw new AnnalsError('E003', 'file is empty', meta.uri);
  const layout = layoutText(text);
  markApparatus(text, layout.blocks);
  return {
    id: meta.id,
    uri: meta.uri,
    name: meta.name,
    format: 'text',
    title: layout.title,
    author: layout.author,
    published: layout.published,
    text,
    blocks: layout.blocks,
    notes: linkBracketMarkers(text, layout.blocks),
  };
}
