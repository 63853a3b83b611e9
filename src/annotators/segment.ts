/**
 * Sentence segmentation. Each block is segmented on its own (a sentence never
 * crosses a block boundary); metadata blocks (bylines, dates, page furniture)
 * yield no sentences. Intl.Segmenter gives the first cut; rules then mend
 * what it gets wrong on historical prose:
 *
 * - segment.abbrev.title-v1    no break after a title before a name ("Mr. Hoxha", "Dr. Kissinger")
 * - segment.abbrev.numeric-v1  no break after "No.", "Vol.", "p.", "pp.", "Art." … before a number
 * - segment.abbrev.month-v1    no break after "Sept.", "Dec." … before a day or year
 * - segment.abbrev.forename-v1 no break after an abbreviated forename before a surname ("Jona. Russell", "Geo. Washington")
 * - segment.abbrev.initial-v1  no break after an initial before a name ("J. F. Kennedy")
 * - segment.abbrev.initialism-v1 no break after "U.S.", "U.N." unless a new sentence clearly starts
 * - segment.abbrev.latin-v1    no break after "e.g.", "i.e.", "cf.", "viz."
 * - segment.marker.bracket-v1  break after a footnote marker closing a sentence ("…elsewhere.[iii] Next")
 * - segment.marker.digit-v1    break after a digit footnote marker closing a sentence ("…capital.4 On April")
 * - segment.marker.attached-v1 no break inside or before a marker written against a full stop ("…2015.[1]", "…[^1]")
 * - segment.marker.superscript-v1 break after a superscript note number closing a sentence ("…signed.¹ The")
 * - segment.quote.continues-v1  no break after "?”" or "!”" when the sentence goes on in lower case ("“Why?” he asked.")
 * - segment.fragment-v1        a piece that holds no letter or digit (a stray quote mark, a marker) joins the sentence before
 * - segment.enumerator-v1      a paragraph number standing alone ("1.", "(a)", "IV.") joins the sentence after it
 *
 * Line breaks inside a block (hard-wrapped text) are read as spaces.
 * Long blocks are fed to the segmenter in windows, so memory stays bounded.
 */
import type { Document, Sentence, Span } from '../core/types.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Titles written before a name. Compared lower-case, without the period. */
const TITLE_ABBREV = new Set([
  'mr', 'mrs', 'ms', 'messrs', 'mme', 'mlle', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt',
  'cmdr', 'adm', 'brig', 'gov', 'sen', 'rep', 'rev', 'hon', 'amb', 'pres', 'sec', 'st', 'mt', 'ft', 'fr',
  'sr', 'jr', 'rt', 'gen', 'insp', 'supt', 'mgr', 'msgr', 'archbp', 'bp', 'h.e', 'h.m', 'h.r.h',
]);

/** Abbreviations followed by a number ("No. 4", "Vol. II", "p. 57"). */
const NUMERIC_ABBREV = new Set([
  'no', 'nos', 'vol', 'vols', 'p', 'pp', 'art', 'arts', 'ch', 'chap', 'sec', 'para', 'paras', 'fig', 'figs',
  'nr', 'op', 'cit', 'ed', 'eds', 'n', 'nn', 'ca', 'c', 'approx', 'pt', 'pts', 'bk', 'tel', 'doc', 'res',
]);

/** Abbreviated forenames of older documents ("Geo. Washington", "Jona. Russell", "Wm. Pinkney"). */
const FORENAME_ABBREV = new Set([
  'geo', 'wm', 'thos', 'chas', 'jas', 'jno', 'jona', 'jonath', 'benj', 'saml', 'robt', 'edw', 'richd', 'danl', 'nathl',
  'jos', 'alexr', 'alex', 'fredk', 'hen', 'andw', 'ebenr', 'steph', 'christr',
]);

const MONTH_ABBREV = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);

const LATIN_ABBREV = new Set(['e.g', 'i.e', 'cf', 'viz', 'vs', 'etc.,', 'et al', 'al', 'ibid', 'id']);

/** Words that open a new sentence after an initialism such as "U.S.". */
const SENTENCE_OPENERS = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you',
  'there', 'in', 'on', 'at', 'after', 'before', 'when', 'while', 'but', 'and', 'yet', 'so', 'however',
  'meanwhile', 'then', 'thus', 'his', 'her', 'their', 'our', 'my', 'as', 'since', 'during', 'by', 'for',
  'with', 'from', 'if', 'although', 'though', 'both', 'each', 'all', 'some', 'many', 'most', 'no', 'not',
  'one', 'two', 'three', 'later', 'earlier', 'today', 'yesterday', 'now', 'what', 'why', 'how', 'who',
]);

/** Footnote markers closing a sentence, before the next sentence: "….[iii] Next", "….[1][2] Next", "….[citation needed] Next". */
const BRACKET_MARKER_END = /[.!?…][”’"')\]»]*(?:\s?\[[^\[\]\n]{1,30}\])+(?=\s+[\p{Lu}“‘"'(\[«\d])/gu;
/** Footnote markers written right after a sentence end, with no space: "….[1]", "…”[^12][13]". */
const ATTACHED_MARKER = /[.!?…][”’"')]*(?:\[\^?[^\[\]\s]{1,12}\])+/gu;
/** Superscript note numbers closing a sentence: "…signed.¹ The". */
const SUPERSCRIPT_MARKER_END = /[.!?…][”’"')]*[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}(?=\s+[\p{Lu}“‘"'(])/gu;
/** Sentence end followed by an enumerated clause: the break goes before "(b)". */
const ENUMERATED_START = /[.;:][”’"]?\s+(?=\((?:[a-z]|\d{1,3}|[ivx]{1,5})\)\s+[\p{Lu}“‘"])/gu;
/** A number or letter standing alone before a paragraph's text: "1.", "(a)", "IV.". */
const ENUMERATOR = /^(?:\(?\d{1,3}[.)]|\(?[a-z]\)|\(?[IVXLC]{1,6}[.)]|§\s?\d{1,3}\.?)$/u;
/** Digit footnote marker closing a sentence: "…capital.4 On April". */
const DIGIT_MARKER_END = /\p{Ll}{2}[.!?][”’"')]*\d{1,3}(?=\s+[\p{Lu}“‘"'(])/gu;

/** Longest text given to Intl.Segmenter at once. */
const WINDOW = 20_000;

function lastToken(s: string): string {
  const m = /(?:^|[\s(\[“‘"'])([^\s(\[“‘"']*)$/.exec(s);
  return m ? m[1] : s;
}

function firstWord(s: string): string {
  const m = /^[\s“‘"'(\[«]*([\p{L}\p{N}][\p{L}\p{N}'’.-]*)/u.exec(s);
  return m ? m[1] : '';
}

/** Whether the break between `left` (a sentence so far) and `right` (the rest) should be removed. */
export function keepTogether(left: string, right: string): string | null {
  const l = left.trimEnd();
  const r = right.trimStart();
  if (r.length === 0) return null;
  // “Will you come?” he asked.
  if (/[?!…][”’"»)]+$/.test(l) && /^\p{Ll}/u.test(r)) return 'segment.quote.continues-v1';
  if (!l.endsWith('.')) return null;
  const tok = lastToken(l); // e.g. "Vol.", "U.S.", "J.", "(p."
  const bare = tok.replace(/^[^\p{L}]+/u, '').slice(0, -1); // without the final period
  const key = bare.toLowerCase();
  const next = firstWord(r);
  const nextStartsUpper = /^[\p{Lu}]/u.test(next);
  const nextStartsDigit = /^\d/.test(next);
  const nextIsRoman = /^[IVXLCDM]+\b/.test(next) || /^[ivxlcdm]+$/.test(next);
  if (LATIN_ABBREV.has(key)) return 'segment.abbrev.latin-v1';
  if (NUMERIC_ABBREV.has(key) && (nextStartsDigit || nextIsRoman)) return 'segment.abbrev.numeric-v1';
  if (MONTH_ABBREV.has(key) && nextStartsDigit) return 'segment.abbrev.month-v1';
  if (FORENAME_ABBREV.has(key) && /^\p{Lu}/u.test(bare) && nextStartsUpper && !SENTENCE_OPENERS.has(next.toLowerCase())) return 'segment.abbrev.forename-v1';
  if (TITLE_ABBREV.has(key) && bare.length > 0 && /^[\p{Lu}]/u.test(bare) && nextStartsUpper) return 'segment.abbrev.title-v1';
  // A single capital initial ("J.") after a name or another initial, before a name.
  if (/^\p{Lu}$/u.test(bare) && nextStartsUpper) {
    const before = l.slice(0, l.length - tok.length).trimEnd();
    const prevTok = lastToken(before);
    if (before === '' || /^\p{Lu}[\p{L}'’-]*\.?$/u.test(prevTok)) {
      // not a sentence ending in a one-letter word like "Plan B." before a sentence opener
      if (!SENTENCE_OPENERS.has(next.toLowerCase())) return 'segment.abbrev.initial-v1';
    }
  }
  // Initialisms: "U.S.", "U.S.S.R.", "U.K."
  if (/^(?:\p{L}\.){1,4}\p{L}$/u.test(bare)) {
    if (!nextStartsUpper || !SENTENCE_OPENERS.has(next.toLowerCase())) return 'segment.abbrev.initialism-v1';
  }
  return null;
}

function isFragment(s: string): boolean {
  // no letter or digit outside a bracketed marker
  return !/[\p{L}\p{N}]/u.test(s.replace(/\[(?:[ivxlcdm]{1,8}|\d{1,3})\]/giu, ''));
}

/** Sentence starts (offsets into `t`) from Intl.Segmenter, windowed for long text. */
function icuStarts(t: string): number[] {
  if (t.length <= WINDOW) {
    const out: number[] = [];
    for (const s of segmenter.segment(t)) out.push(s.index);
    return out;
  }
  const out: number[] = [];
  let base = 0;
  while (base < t.length) {
    const end = Math.min(t.length, base + WINDOW);
    const piece = t.slice(base, end);
    const starts: number[] = [];
    for (const s of segmenter.segment(piece)) starts.push(s.index);
    if (end === t.length || starts.length < 2) {
      for (const s of starts) out.push(base + s);
      if (end === t.length) break;
      // no break inside a whole window: cut at the last space
      const cut = piece.lastIndexOf(' ');
      base += cut > 0 ? cut + 1 : piece.length;
      continue;
    }
    // keep all but the last (possibly cut) sentence; resume from its start
    for (let k = 0; k < starts.length - 1; k++) out.push(base + starts[k]);
    base += starts[starts.length - 1];
  }
  return out;
}

/** Segment one piece of text (a block's content) into sentence spans relative to it. */
export function segmentText(raw: string): Span[] {
  if (raw.length === 0) return [];
  const t = raw.replace(/[\n\r\u2028\u2029]/g, ' ');
  const breaks = new Set<number>(icuStarts(t));
  breaks.add(0);
  // Breaks the segmenter misses after footnote markers.
  for (const re of [BRACKET_MARKER_END, DIGIT_MARKER_END, SUPERSCRIPT_MARKER_END]) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      let at = m.index + m[0].length;
      while (at < t.length && /\s/.test(t[at])) at++;
      if (at < t.length) breaks.add(at);
      // drop a break the segmenter put between the sentence end and the marker
      for (let k = m.index + 1; k <= m.index + m[0].length; k++) breaks.delete(k);
    }
  }
  // A footnote marker written against the sentence end ("….[1]", "….[^1]", "….[12]") stays with
  // its sentence: no break inside the brackets, nor between the full stop and the marker (segment.marker.attached-v1).
  ATTACHED_MARKER.lastIndex = 0;
  for (let m = ATTACHED_MARKER.exec(t); m; m = ATTACHED_MARKER.exec(t)) {
    const open = m.index + m[0].indexOf('[');
    for (let k = open; k < m.index + m[0].length; k++) breaks.delete(k);
  }
  // A sentence opening with an enumerator: "… consult. (b) They …" (segment.enumerator-v1).
  ENUMERATED_START.lastIndex = 0;
  for (let m = ENUMERATED_START.exec(t); m; m = ENUMERATED_START.exec(t)) breaks.add(m.index + m[0].length);
  const sorted = [...breaks].sort((a, b) => a - b);
  // Mend breaks after abbreviations.
  const kept: number[] = [0];
  for (let i = 1; i < sorted.length; i++) {
    const b = sorted[i];
    const left = t.slice(kept[kept.length - 1], b);
    if (keepTogether(left, t.slice(b, b + 60)) !== null) continue;
    kept.push(b);
  }
  kept.push(t.length);
  const spans: Span[] = [];
  for (let i = 0; i + 1 < kept.length; i++) {
    let start = kept[i];
    let end = kept[i + 1];
    while (start < end && /\s/.test(t[start])) start++;
    while (end > start && /\s/.test(t[end - 1])) end--;
    if (start === end) continue;
    const piece = t.slice(start, end);
    if (spans.length > 0 && isFragment(piece)) {
      spans[spans.length - 1].end = end;
      continue;
    }
    spans.push({ start, end });
  }
  // an enumerator standing alone ("1.", "(a)") joins the sentence after it
  for (let i = spans.length - 2; i >= 0; i--) {
    if (ENUMERATOR.test(t.slice(spans[i].start, spans[i].end))) {
      spans[i + 1].start = spans[i].start;
      spans.splice(i, 1);
    }
  }
  // a leading fragment joins the sentence after it
  if (spans.length > 1 && isFragment(t.slice(spans[0].start, spans[0].end))) {
    spans[1].start = spans[0].start;
    spans.shift();
  }
  return spans;
}

/** Sentences of a document, in text order, never crossing a block; metadata blocks are skipped. */
export function segment(doc: Document): Sentence[] {
  const order = doc.blocks
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => b.kind !== 'metadata' && b.span.end > b.span.start)
    .sort((x, y) => x.b.span.start - y.b.span.start || x.i - y.i);
  const out: Sentence[] = [];
  for (const { b, i } of order) {
    const base = b.span.start;
    for (const s of segmentText(doc.text.slice(b.span.start, b.span.end))) {
      out.push({ span: { start: base + s.start, end: base + s.end }, block: i });
    }
  }
  return out;
}
