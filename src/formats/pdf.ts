/**
 * PDF reader: the text layer of a PDF becomes a Document whose source map
 * gives the page of every piece of text, so evidence can cite a page.
 *
 * pdf.js (in a worker with time and memory limits, see sandbox.ts) gives
 * positioned runs of text; the layout rules here are pure functions:
 *   - pdf.lines-v1: runs on one baseline form a line; gaps become spaces;
 *   - pdf.running-v1: lines at the top or bottom edge repeated (digits aside)
 *     on most pages are running headers/footers and are dropped, as are bare
 *     page numbers at an edge;
 *   - pdf.heading-v1: short lines in a clearly larger font are headings;
 *   - pdf.footnote-v1: small-font lines at the foot of a page that start with
 *     a number are footnotes; small raised numbers in the text are markers;
 *   - pdf.list-v1: a line opening with a bullet starts a list item, which runs
 *     on over lines indented past the bullet;
 *   - pdf.paragraph-v1: a vertical gap, an indented first line after a
 *     finished sentence, or a short finished line starts a paragraph; a
 *     paragraph runs on across a page break unless its sentence was finished;
 *   - pdf.dehyphen-v1: "inter-" + "national" joins to "international", but a
 *     hyphenated form seen elsewhere in the document ("well-known") keeps its
 *     hyphen and a capital after the hyphen ("Franco-" + "German") too.
 */
import { createHash } from 'node:crypto';
import { AnnalsError } from '../core/errors.js';
import type { Block, BlockKind, Document, NoteLink, SourceMapEntry } from '../core/types.js';
import { DEFAULT_LIMITS, checkSize, checkTextLength, type Limits } from './limits.js';
import { extractPdf, type PdfItem, type PdfPage } from './sandbox.js';

export interface PdfOptions {
  limits?: Limits;
}

export async function fromPdf(bytes: Uint8Array, uri: string, options: PdfOptions = {}): Promise<Document> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  checkSize(bytes, uri, limits);
  if (!hasPdfMagic(bytes)) throw new AnnalsError('E004', 'not a PDF file (no %PDF- header)', uri);
  const raw = await extractPdf(bytes, uri, limits);
  const laid = layoutPdf(raw.pages);
  if (laid.text.trim().length === 0) {
    throw new AnnalsError('E004', 'PDF has no text layer (a scanned image?); run OCR on it first', uri);
  }
  checkTextLength(laid.text, uri, limits);
  const firstHeading = laid.blocks.find((b) => b.kind === 'heading');
  return {
    id: createHash('sha256').update(bytes).digest('hex'),
    uri,
    name: uri.replace(/[?#].*$/, '').split(/[\\/]/).pop() || uri,
    format: 'pdf',
    title: cleanTitle(raw.title) ?? (firstHeading ? laid.text.slice(firstHeading.span.start, firstHeading.span.end) : null),
    author: cleanMeta(raw.author),
    published: null,
    text: laid.text,
    blocks: laid.blocks,
    notes: laid.notes,
    sourceMap: laid.sourceMap,
  };
}

export function hasPdfMagic(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

function cleanMeta(s: string | null): string | null {
  const v = (s ?? '').replace(/\s+/g, ' ').trim();
  return v.length > 0 && v.length < 500 ? v : null;
}

/** A PDF's Title entry unless it is a file name or a word processor's placeholder. */
function cleanTitle(s: string | null): string | null {
  const v = cleanMeta(s);
  if (!v) return null;
  if (/^microsoft (word|powerpoint) - /i.test(v) || /\.(docx?|pdf|rtf|odt|tex|indd|qxd)$/i.test(v) || /^untitled$/i.test(v)) return null;
  return v;
}

// ---------------------------------------------------------------------------
// Lines

export interface Line {
  text: string;
  page: number;
  x: number;
  xEnd: number;
  y: number;
  size: number;
  /** Superscript numbers found in the line: offsets into text of "[n]" markers. */
  markers: { start: number; end: number; label: string }[];
}

interface OpenLine {
  parts: string[];
  length: number;
  /** Last character written ('' at the start). */
  last: string;
  page: number;
  x: number;
  xEnd: number;
  y: number;
  baseSize: number;
  markers: { start: number; end: number; label: string }[];
}

/** Group a page's runs into lines (rule pdf.lines-v1). Pages are 1-based. */
export function pageLines(page: PdfPage, pageNo: number): Line[] {
  const lines: Line[] = [];
  let cur: OpenLine | null = null;
  let lastWasEol = false;
  const write = (l: OpenLine, s: string) => {
    if (!s) return;
    l.parts.push(s);
    l.length += s.length;
    l.last = s[s.length - 1]!;
  };
  for (const it of page.items) {
    const s = it.s.replace(/\s+/g, ' ');
    if (s === '' || (s === ' ' && !cur)) {
      if (it.eol) lastWasEol = true;
      continue;
    }
    const sameLine =
      cur !== null &&
      !lastWasEol &&
      Math.abs(it.y - cur.y) <= 0.5 * Math.max(cur.baseSize, it.size || cur.baseSize) &&
      it.x >= cur.xEnd - 2 * Math.max(cur.baseSize, 1);
    const raisedNumber =
      cur !== null && sameLine && /^\s*\d{1,3}\s*$/.test(s) && it.size > 0 && it.size < 0.8 * cur.baseSize && it.y > cur.y + 0.15 * cur.baseSize;
    if (cur && sameLine) {
      if (raisedNumber) {
        const label = s.trim();
        const start = cur.length;
        write(cur, `[${label}]`);
        cur.markers.push({ start, end: cur.length, label });
      } else {
        const gap = it.x - cur.xEnd;
        if (gap > 0.15 * Math.max(it.size, 1) && cur.last !== ' ' && !s.startsWith(' ')) write(cur, ' ');
        write(cur, s);
        if (it.size > cur.baseSize * 1.05 && it.s.trim().length > 0) cur.baseSize = it.size;
      }
      cur.xEnd = Math.max(cur.xEnd, it.x + it.w);
    } else {
      if (cur) lines.push(finishLine(cur));
      cur = { parts: [], length: 0, last: '', page: pageNo, x: it.x, xEnd: it.x + it.w, y: it.y, baseSize: it.size, markers: [] };
      write(cur, s);
    }
    lastWasEol = it.eol;
  }
  if (cur) lines.push(finishLine(cur));
  return lines.filter((l) => l.text.length > 0);
}

function finishLine(l: OpenLine): Line {
  const joined = l.parts.join('');
  const lead = joined.length - joined.trimStart().length;
  const text = joined.trim();
  const markers = l.markers
    .map((m) => ({ ...m, start: m.start - lead, end: m.end - lead }))
    .filter((m) => m.start >= 0 && m.end <= text.length);
  return { text, page: l.page, x: l.x, xEnd: l.xEnd, y: l.y, size: l.baseSize, markers };
}

// ---------------------------------------------------------------------------
// Running headers and footers

const PAGE_NUMBER = /^(?:page\s+|p\.\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|\/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$/i;

function runningKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** Lines at the top or bottom edge of a page (up to `depth` each side), by position. */
function edgeLines(lines: Line[], depth: number): Set<Line> {
  const byY = [...lines].sort((a, b) => b.y - a.y);
  return new Set([...byY.slice(0, depth), ...byY.slice(Math.max(depth, byY.length - depth))]);
}

/** Drop running headers/footers and bare page numbers at page edges (rule pdf.running-v1). */
export function removeRunningLines(pages: Line[][]): Line[][] {
  const n = pages.length;
  const edges = pages.map((lines) => edgeLines(lines, lines.length >= 6 ? 2 : 1));
  const counts = new Map<string, number>();
  for (const set of edges) {
    const seen = new Set<string>();
    for (const l of set) seen.add(runningKey(l.text));
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const need = Math.max(3, Math.ceil(0.4 * n));
  const body = bodySize(pages.flat());
  return pages.map((lines, i) =>
    lines.filter((l) => {
      if (!edges[i]!.has(l)) return true;
      if (PAGE_NUMBER.test(l.text)) return false;
      // On the first page a repeated line set large is the title, repeated as the running head after.
      if (i === 0 && l.size >= body * 1.15) return true;
      return !(n >= 3 && (counts.get(runningKey(l.text)) ?? 0) >= need);
    }),
  );
}

// ---------------------------------------------------------------------------
// Blocks

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The body font size: the size carrying most characters. */
export function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const k = Math.round(l.size * 2) / 2;
    weight.set(k, (weight.get(k) ?? 0) + l.text.length);
  }
  let best = 0;
  let bestW = -1;
  for (const [k, w] of weight) if (w > bestW) [best, bestW] = [k, w];
  return best || 10;
}

/** A bulleted line (rule pdf.list-v1): "• ...", "– ...", "▪ ...". */
const LIST_ITEM = /^[•◦▪▫●○■□‣⁃∙·\u2013\u2014-]\s+\S/u;

const ENDS_SENTENCE = /[.!?:;…]["'”’)\]]*$/;
const STARTS_LOWER = /^[\p{Ll}]/u;

interface RawBlock {
  kind: BlockKind;
  lines: Line[];
  label?: string;
}

/** Split lines into headings, paragraphs and footnotes (rules pdf.heading-v1, pdf.paragraph-v1, pdf.footnote-v1). */
export function toBlocks(pages: Line[][]): RawBlock[] {
  const all = pages.flat();
  const body = bodySize(all);
  const blocks: RawBlock[] = [];
  const notes: RawBlock[] = [];
  let cur: RawBlock | null = null;
  for (const lines of pages) {
    const bodyLines = lines.filter((l) => Math.abs(l.size - body) < 0.6);
    const gaps: number[] = [];
    for (let i = 1; i < bodyLines.length; i++) {
      const d = bodyLines[i - 1]!.y - bodyLines[i]!.y;
      if (d > 0) gaps.push(d);
    }
    const lead = median(gaps) || body * 1.2;
    let left = bodyLines.length ? Infinity : 0;
    let right = 0;
    for (const l of bodyLines) {
      left = Math.min(left, l.x);
      right = Math.max(right, l.xEnd);
    }
    const footStart = footnoteStart(lines, body);
    let prev: Line | null = null;
    let note: RawBlock | null = null;
    lines.forEach((line, i) => {
      if (footStart >= 0 && i >= footStart) {
        const m = /^(\d{1,3}|\*{1,3})[.)]?\s+/.exec(line.text);
        if (m && line.size < body * 0.95) {
          note = { kind: 'footnote', lines: [{ ...line, text: line.text.slice(m[0].length) }], label: m[1]! };
          notes.push(note);
        } else if (note) {
          note.lines.push(line);
        }
        return;
      }
      const heading = line.size >= body * 1.15 && line.text.length < 200;
      const item = !heading && LIST_ITEM.test(line.text);
      const startsNew = (() => {
        if (!cur) return true;
        if (heading !== (cur.kind === 'heading')) return true;
        if (item) return true;
        const last = cur.lines[cur.lines.length - 1]!;
        if (heading) return Math.abs(line.size - last.size) > 0.5 || last.page !== line.page;
        // A list item runs on over lines indented past its bullet.
        if (cur.kind === 'list-item' && last.page === line.page && line.x < cur.lines[0]!.x + body * 0.3) return true;
        if (!prev) {
          // First line of a page: continue the paragraph unless its sentence was finished.
          return ENDS_SENTENCE.test(last.text) && !STARTS_LOWER.test(line.text);
        }
        const gap = prev.y - line.y;
        if (gap > lead * 1.45) return true;
        if (gap < -lead) return ENDS_SENTENCE.test(prev.text) && !STARTS_LOWER.test(line.text); // next column
        const finished = ENDS_SENTENCE.test(prev.text) && !STARTS_LOWER.test(line.text);
        if (finished && line.x > left + body * 0.8 && line.x - prev.x > body * 0.8) return true; // indented first line
        if (finished && right - left > 0 && prev.xEnd < left + (right - left) * 0.7 && line.x <= left + body * 0.8) return true;
        return false;
      })();
      if (startsNew) {
        cur = { kind: heading ? 'heading' : item ? 'list-item' : 'paragraph', lines: [line] };
        blocks.push(cur);
      } else {
        cur!.lines.push(line);
      }
      prev = line;
    });
  }
  return [...blocks, ...notes];
}

const NOTE_START = /^(\d{1,3}|\*{1,3})[.)]?\s+\S/;

/**
 * Index of the first line of a page's footnote area, or -1: small-font lines
 * at the foot of the page, set apart from the text above by a gap, whose
 * numbered lines count up by one (1, 2, 3 or 14, 15) — a code listing or a
 * table in small print does not.
 */
function footnoteStart(lines: Line[], body: number): number {
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.size >= body * 0.95) break;
    if (NOTE_START.test(l.text)) start = i;
  }
  if (start <= 0) return -1; // a page of nothing but small print is not notes
  // The area must lie below the body text, after a gap.
  let lowestBody = Infinity;
  for (let i = 0; i < start; i++) lowestBody = Math.min(lowestBody, lines[i]!.y);
  const first = lines[start]!;
  if (!(first.y < lowestBody) || lowestBody - first.y < body * 1.3) return -1;
  // Numbered notes count up by one.
  const labels = lines.slice(start).map((l) => NOTE_START.exec(l.text)?.[1]).filter((x): x is string => x !== undefined);
  for (let i = 1; i < labels.length; i++) {
    const a = Number(labels[i - 1]);
    const b = Number(labels[i]);
    if (Number.isFinite(a) && Number.isFinite(b) && b !== a + 1) return -1;
  }
  return start;
}

// ---------------------------------------------------------------------------
// Joining lines

const HYPHEN_END = /(\p{L}+)([-\u00ad\u2010])$/u;
const FIRST_WORD = /^(\p{L}+)/u;
const HYPHENATED = /\p{L}+[-\u2010]\p{L}+/gu;

/** Hyphenated words written within lines anywhere in the document (lowercased). */
export function hyphenatedVocabulary(lines: Line[]): Set<string> {
  const out = new Set<string>();
  for (const l of lines) {
    HYPHENATED.lastIndex = 0;
    for (let m = HYPHENATED.exec(l.text); m; m = HYPHENATED.exec(l.text)) out.add(m[0].toLowerCase().replace('\u2010', '-'));
  }
  return out;
}

/**
 * How two lines of a paragraph join (rule pdf.dehyphen-v1): returns the
 * characters to drop from the end of the first line and the joiner to insert.
 */
export function joinLines(prev: string, next: string, vocab: Set<string>): { drop: number; joiner: string } {
  const h = HYPHEN_END.exec(prev);
  if (h) {
    const soft = h[2] === '\u00ad';
    const w = FIRST_WORD.exec(next);
    if (soft) return { drop: 1, joiner: '' };
    if (w && STARTS_LOWER.test(next)) {
      const compound = `${h[1]}-${w[1]}`.toLowerCase();
      if (vocab.has(compound)) return { drop: 0, joiner: '' };
      return { drop: 1, joiner: '' };
    }
    return { drop: 0, joiner: '' }; // "Franco-" + "German", "1970-" + "71"
  }
  if (/[\u2013\u2014/]$/.test(prev) || /\S[-\u2010]$/.test(prev)) return { drop: 0, joiner: '' }; // "1970-" + "71"
  return { drop: 0, joiner: ' ' };
}

export interface Laid {
  text: string;
  blocks: Block[];
  notes: NoteLink[];
  sourceMap: SourceMapEntry[];
}

/** Lay out a PDF's pages into text, blocks, note links and a page source map. */
export function layoutPdf(pages: PdfPage[]): Laid {
  const lines = removeRunningLines(pages.map((p, i) => pageLines(p, i + 1)));
  const raw = toBlocks(lines);
  const vocab = hyphenatedVocabulary(lines.flat());
  // The text is built from pieces (one per line) and joined once: linear in its length.
  const parts: string[] = [];
  let length = 0;
  const blocks: Block[] = [];
  const sourceMap: SourceMapEntry[] = [];
  const markers: { start: number; end: number; label: string }[] = [];
  const mapPage = (start: number, end: number, page: number) => {
    const last = sourceMap[sourceMap.length - 1];
    if (last && last.page === page && last.span.end >= start - 2) last.span.end = end;
    else sourceMap.push({ span: { start, end }, page });
  };
  for (const rb of raw) {
    if (length > 0) {
      parts.push('\n\n');
      length += 2;
    }
    const start = length;
    rb.lines.forEach((line, i) => {
      if (i > 0) {
        const j = joinLines(parts[parts.length - 1]!, line.text, vocab);
        if (j.drop > 0) {
          parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, -j.drop);
          length -= j.drop;
          const last = sourceMap[sourceMap.length - 1];
          if (last && last.span.end > length) last.span.end = length;
        }
        if (j.joiner) {
          parts.push(j.joiner);
          length += j.joiner.length;
        }
      }
      const at = length;
      parts.push(line.text);
      length += line.text.length;
      if (rb.kind !== 'footnote') for (const m of line.markers) markers.push({ start: at + m.start, end: at + m.end, label: m.label });
      mapPage(at, length, line.page);
    });
    const block: Block = { kind: rb.kind, span: { start, end: length } };
    if (rb.label !== undefined) block.label = rb.label;
    blocks.push(block);
  }
  // Markers link to the first footnote block with their label on the same page or later.
  const notesByLabel = new Map<string, { index: number; page: number }[]>();
  blocks.forEach((b, index) => {
    if (b.kind !== 'footnote' || b.label === undefined) return;
    const list = notesByLabel.get(b.label) ?? [];
    list.push({ index, page: pageAt(sourceMap, b.span.start) ?? 0 });
    notesByLabel.set(b.label, list);
  });
  const notes: NoteLink[] = [];
  for (const m of markers) {
    const page = pageAt(sourceMap, m.start) ?? 0;
    const hit = notesByLabel.get(m.label)?.find((n) => n.page >= page);
    if (hit) notes.push({ label: m.label, marker: { start: m.start, end: m.end }, noteBlock: hit.index });
  }
  return { text: parts.join(''), blocks, notes, sourceMap };
}

/** The page of a text offset, from the source map (entries are in text order). */
export function pageAt(sourceMap: SourceMapEntry[], offset: number): number | undefined {
  let lo = 0;
  let hi = sourceMap.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = sourceMap[mid]!;
    if (offset < e.span.start) hi = mid - 1;
    else if (offset >= e.span.end) lo = mid + 1;
    else return e.page;
  }
  return undefined;
}

export type { PdfItem, PdfPage };
