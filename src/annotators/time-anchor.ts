/**
 * Reference times that fit the genre: where a document quotes a dated source
 * (a diary entry, a telegram, a speech) or carries the date line of a cable or
 * memorandum, the words inside were written at that date, and "today", "last
 * evening" or "two days ago" count from it. This module finds those scopes.
 * Pure.
 *
 * Rules (each scope records its ruleId):
 * - time.scope.note-v1: a passage whose closing footnote marker links to a
 *   note that states a day or month ("[i] Friday May 1st, 1970 … Political
 *   Diary"); the passage runs back to the block that introduces it ("X noted in
 *   his diary:", "In a telegram, Y commented,"), or, when the note opens with
 *   the date, to the previous heading or footnoted block.
 * - time.scope.intro-v1: an introducing block that states the date itself
 *   ("Enver Hoxha noted in his diary, Thursday – December 8, 1977") dates the
 *   passage it introduces.
 * - time.scope.closing-v1: the closing formula of a treaty, act or letter ("Done at
 *   Ghent, the twenty-fourth day of December …"), near the end with only
 *   signatures or notes below it, dates the text above it.
 * - time.scope.dateline-v1: a short line that is only a place and a date, or
 *   "Date: …" ("Moscow, May 5, 1972, 1200Z."), dates the text below it up to
 *   the next heading or date line.
 */
import type { AnchorKind, Block, Document, NoteLink, Sentence, Span } from '../core/types.js';
import { edtfOverlaps, edtfPrecision, edtfSpanDays } from '../core/edtf.js';

/** An explicit (context-free) date found in the text. */
export interface ExplicitDate {
  span: Span;
  value: string;
  citation: boolean;
}

export interface SourceScope {
  kind: Extract<AnchorKind, 'diary' | 'cable' | 'source'>;
  /** EDTF value of the time of writing. */
  value: string;
  /** Blocks (inclusive) of the quoted passage or body. */
  from: number;
  to: number;
  /** The introducing block, when there is one, and its last sentence (which the date also covers). */
  intro: number | null;
  introSentence: Span | null;
  /** The words that gave the date. */
  evidence: Span;
  ruleId: string;
}

const TERMINAL = /[.!?…”"’)\]»]$/;
const DIARY = /\bdiar(?:y|ies)\b|\bjournal\b(?!\s+of)|\bnotebooks?\b|\bmemoirs?\b/i;
const CABLE = /\b(?:telegram|cable[sd]?|memorandum|memo|airgram|despatch|dispatch|dateline|message|letter|note verbale|minutes)\b/i;
const REPORTING = /\b(?:wrote|writes|noted|notes|recorded|records|said|says|stated|states|declared|told|commented|remarked|added|cabled|telegraphed|reported|announced|informing|addressed|replied|answered|observed|explained|described|stressed|summed up|the following)\b/i;

/** A time of day in a date line: "1400Z", "8 p.m.", "11:50 a.m.", "0900 hours", "noon". */
const TIME_OF_DAY = String.raw`(?:\d{3,4}\s*Z|\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?|hours)|\d{1,2}[:.]\d{2}|noon|midnight)`;
/** What may follow the date of a date line: a time of day or a span of times ("11:50 a.m.–1 p.m."), after a comma or a dash. */
const DATELINE_TAIL = new RegExp(String.raw`^(?:[.,;]|\s*[—–-])?\s*(?:${TIME_OF_DAY}(?:\s*(?:[—–-]|to)\s*${TIME_OF_DAY})?(?:\s*(?:local\s+time|GMT|UTC))?)?\.?$`, 'i');

function blockText(doc: Document, b: Block): string {
  return doc.text.slice(b.span.start, b.span.end);
}

function isBody(b: Block): boolean {
  return b.kind === 'paragraph' || b.kind === 'quote' || b.kind === 'list-item';
}

/** A block that introduces what follows: it ends with ":" or ",", or stops without closing punctuation. */
export function isIntroText(text: string): boolean {
  const t = text.trim().replace(/\s*\[[ivxlcdm\d]+\]$/i, '');
  if (t.length === 0) return false;
  if (/[:,]$/.test(t)) return true;
  return !TERMINAL.test(t) && /\s/.test(t) && t.split(/\s+/).length >= 4;
}

function precise(value: string): boolean {
  const p = edtfPrecision(value);
  return p === 'day' || p === 'month';
}

function finer(a: string, b: string): boolean {
  return edtfSpanDays(a) < edtfSpanDays(b);
}

/** Index of the block holding an offset (blocks are in text order), or -1. */
function blockAt(blocks: Block[], at: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (blocks[m].span.end <= at) lo = m + 1;
    else hi = m;
  }
  return lo < blocks.length && blocks[lo].span.start <= at ? lo : -1;
}

/** The marker closing a block: a footnote link within the last few characters of it. */
function closingMarkers(doc: Document): Map<number, NoteLink> {
  const out = new Map<number, NoteLink>();
  for (const link of doc.notes) {
    const b = blockAt(doc.blocks, link.marker.start);
    if (b < 0) continue;
    const tail = doc.text.slice(link.marker.end, doc.blocks[b].span.end);
    if (/^[\s.,;:”"’)»]*$/.test(tail)) out.set(b, link);
  }
  return out;
}

/** The last sentence of each block (by start), computed once. */
function lastSentences(sentences: Sentence[]): Map<number, Span> {
  const out = new Map<number, Span>();
  for (const s of sentences) {
    const cur = out.get(s.block);
    if (!cur || cur.start < s.span.start) out.set(s.block, s.span);
  }
  return out;
}

function within(span: Span, outer: Span): boolean {
  return outer.start <= span.start && span.end <= outer.end;
}

function kindOf(...texts: string[]): SourceScope['kind'] {
  const t = texts.join(' ');
  if (DIARY.test(t)) return 'diary';
  if (CABLE.test(t)) return 'cable';
  return 'source';
}

/**
 * Find the scopes whose reference time is a source's own date.
 * `dates` are the explicit dates of the document, in text order.
 */
export function findSourceScopes(doc: Document, sentences: Sentence[], dates: ExplicitDate[]): SourceScope[] {
  const scopes: SourceScope[] = [];
  const blocks = doc.blocks;
  const closing = closingMarkers(doc);
  const sorted = dates.filter((d) => !d.citation).sort((a, b) => a.span.start - b.span.start);
  const datesIn = (s: Span): ExplicitDate[] => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (sorted[m].span.start < s.start) lo = m + 1;
      else hi = m;
    }
    const out: ExplicitDate[] = [];
    for (let i = lo; i < sorted.length && sorted[i].span.start < s.end; i++) if (sorted[i].span.end <= s.end) out.push(sorted[i]);
    return out;
  };
  const usedIntro = new Set<number>();
  const lastOf = lastSentences(sentences);
  const lastSentenceOf = (block: number, b: Block): Span => lastOf.get(block) ?? b.span;

  for (const [b, link] of [...closing.entries()].sort((x, y) => x[0] - y[0])) {
    if (!isBody(blocks[b])) continue;
    const note = blocks[link.noteBlock];
    if (!note) continue;
    const noteText = blockText(doc, note);
    const labelEnd = (/^\s*\[?[^\]\s]*\]?\s*/.exec(noteText)?.[0].length ?? 0) + note.span.start;
    const noteDate = datesIn(note.span).find((d) => !d.value.includes('/') && precise(d.value));
    const noteOpensWithDate = !!noteDate && noteDate.span.start - labelEnd <= 30;

    // run back to the introducing block
    let from = b;
    let intro: number | null = null;
    const quoteRun = blocks[b].kind === 'quote';
    for (let j = b - 1; j >= 0 && b - j <= 6; j--) {
      const x = blocks[j];
      if (quoteRun) {
        if (x.kind === 'quote' && !closing.has(j)) {
          from = j;
          continue;
        }
        if (isBody(x) && isIntroText(blockText(doc, x))) intro = j;
        break;
      }
      if (!isBody(x) || closing.has(j)) break;
      if (isIntroText(blockText(doc, x))) {
        intro = j;
        break;
      }
      from = j;
    }
    if (intro === null && !quoteRun) {
      // without an introduction, the passage runs back only over blocks that state no date of their
      // own; a block with its own dates is the author's text citing a source, not a quotation
      let k = b;
      while (k > from && datesIn(blocks[k - 1].span).length === 0) k--;
      from = datesIn(blocks[b].span).length > 0 ? b + 1 : k;
    }
    if (from > b) continue;

    let value: string | null = null;
    let evidence: Span | null = null;
    let introSentence: Span | null = null;
    let introText = '';
    if (intro !== null) {
      introSentence = lastSentenceOf(intro, blocks[intro]);
      introText = doc.text.slice(introSentence.start, introSentence.end);
      const inLast = datesIn(introSentence).filter((d) => !d.value.includes('/')).pop();
      const inBlock = datesIn(blocks[intro].span).filter((d) => !d.value.includes('/')).pop();
      if (inLast) {
        const useNote = noteDate && edtfOverlaps(noteDate.value, inLast.value) && finer(noteDate.value, inLast.value);
        ({ value, span: evidence } = useNote ? noteDate : inLast);
      } else if (noteDate) {
        ({ value, span: evidence } = noteDate);
      } else if (inBlock) {
        ({ value, span: evidence } = inBlock);
      }
      if (value) usedIntro.add(intro);
    } else if (noteOpensWithDate && noteDate) {
      ({ value, span: evidence } = noteDate);
    } else {
      // no introducing block: keep only the passage that holds the marker
      from = b;
      if (noteOpensWithDate && noteDate) ({ value, span: evidence } = noteDate);
    }
    if (!value || !evidence) continue;
    scopes.push({
      kind: kindOf(introText, noteText),
      value,
      from,
      to: b,
      intro,
      introSentence,
      evidence,
      ruleId: intro !== null && evidence && within(evidence, blocks[intro].span) ? 'time.scope.intro-v1' : 'time.scope.note-v1',
    });
  }

  // introducing blocks that date a passage themselves, without a footnote
  for (let i = 0; i + 1 < blocks.length; i++) {
    if (usedIntro.has(i) || !isBody(blocks[i]) || closing.has(i)) continue;
    const text = blockText(doc, blocks[i]);
    if (!isIntroText(text)) continue;
    const last = lastSentenceOf(i, blocks[i]);
    const lastText = doc.text.slice(last.start, last.end);
    if (!REPORTING.test(lastText) && !DIARY.test(lastText) && !CABLE.test(lastText)) continue;
    // the date in the introducing sentence; or, when the block ends with ":" after a
    // reporting verb ("Netanyahu stated:"), the last date of the block
    const d =
      datesIn(last).filter((x) => !x.value.includes('/') && precise(x.value)).pop() ??
      (/:\s*$/.test(text) && REPORTING.test(lastText) ? datesIn(blocks[i].span).filter((x) => !x.value.includes('/')).pop() : undefined);
    if (!d) continue;
    let to = i + 1;
    if (!isBody(blocks[to])) continue;
    if (blocks[to].kind === 'quote') while (to + 1 < blocks.length && blocks[to + 1].kind === 'quote') to++;
    if (scopes.some((s) => s.from <= to && i + 1 <= s.to)) continue;
    scopes.push({ kind: kindOf(lastText), value: d.value, from: i + 1, to, intro: i, introSentence: last, evidence: d.span, ruleId: 'time.scope.intro-v1' });
  }

  // date lines of cables, telegrams, memoranda, letters: under a heading or at the top
  for (let i = 0; i < blocks.length; i++) {
    const blk = blocks[i];
    if (blk.kind === 'footnote' || blk.kind === 'caption') continue;
    const prevKind = i > 0 ? blocks[i - 1].kind : null;
    if (i > 2 && prevKind !== 'heading' && prevKind !== 'metadata' && blk.kind !== 'heading') continue;
    const text = blockText(doc, blk);
    if (text.trim().length > 80) continue;
    const d = datesIn(blk.span).find((x) => !x.value.includes('/') && precise(x.value));
    if (!d) continue;
    const before = doc.text.slice(blk.span.start, d.span.start).trim();
    const after = doc.text.slice(d.span.end, blk.span.end).trim();
    const placeOk = before === '' || /^(?:(?:date|dated|sent|received|dtg)\s*:?|[\p{Lu}][\p{L} .'’-]{1,40},)$/iu.test(before);
    const tailOk = DATELINE_TAIL.test(after);
    if (!placeOk || !tailOk) continue;
    // the publication line (unless the markup says it is the document's own date, as a TEI date line does)
    if (doc.published && d.value === doc.published && !doc.markedDates?.some((x) => x.span.start <= d.span.start && d.span.end <= x.span.end)) continue;
    if (/publish|posted|updated/i.test(before)) continue;
    let to = i;
    for (let j = i + 1; j < blocks.length; j++) {
      if (blocks[j].kind === 'heading' || blocks[j].kind === 'footnote') break;
      to = j;
    }
    if (to === i) continue;
    // a heading that is only a date opens a diary entry; "Place, date" heads a letter or cable
    const heading = blocks.slice(Math.max(0, i - 3), i).map((x) => blockText(doc, x)).join(' ');
    const entry = DIARY.test(heading) || DIARY.test(doc.title ?? '') || (before === '' && blk.kind === 'heading');
    scopes.push({ kind: entry ? 'diary' : 'cable', value: d.value, from: i + 1, to, intro: null, introSentence: null, evidence: d.span, ruleId: 'time.scope.dateline-v1' });
    i = to;
  }
  // the closing formula of a treaty, act or letter ("Done at Ghent, the twenty-fourth day of December …")
  // dates the text above it, back to the top of the document
  for (let i = blocks.length - 1; i > 0; i--) {
    const blk = blocks[i];
    if (!isBody(blk)) continue;
    const text = blockText(doc, blk);
    if (text.length > 400) break; // the running text: no closing formula below it
    if (!CLOSING_FORMULA.test(text)) continue;
    const d = datesIn(blk.span).find((x) => !x.value.includes('/') && edtfPrecision(x.value) === 'day');
    if (!d) continue;
    // below it only signatures, notes, headings or short lines, up to the next section
    let tail = true;
    for (let j = i + 1; j < blocks.length && blocks[j].kind !== 'heading'; j++) {
      if (blocks[j].kind !== 'footnote' && blockText(doc, blocks[j]).length > 120) tail = false;
    }
    if (!tail) continue;
    let from = 0;
    while (from < i && (blocks[from].kind === 'heading' || blocks[from].kind === 'metadata')) from++;
    if (from >= i) continue;
    if (!scopes.some((s) => s.from <= from && i - 1 <= s.to)) {
      scopes.push({ kind: 'source', value: d.value, from, to: i - 1, intro: null, introSentence: null, evidence: d.span, ruleId: 'time.scope.closing-v1' });
    }
    break;
  }
  return scopes.sort((a, b) => a.from - b.from);
}

/** The closing formula of a treaty, convention, act or letter: "Done at …", "Given under my hand at …", "In witness whereof …". */
const CLOSING_FORMULA = /^(?:in (?:witness|faith|testimony) whereof\b[^.]*[.;,]\s*)?(?:done|given|signed|concluded|dated)\b[^.]{0,60}?\b(?:at|in)\s+\p{Lu}/iu;

/** The innermost scope holding a block, if any. */
export function scopeOfBlock(scopes: SourceScope[], block: number): SourceScope | null {
  let best: SourceScope | null = null;
  for (const s of scopes) if (s.from <= block && block <= s.to && (!best || s.to - s.from < best.to - best.from)) best = s;
  return best;
}

/** The scope whose introducing sentence holds a span, if any. */
export function scopeOfIntro(scopes: SourceScope[], span: Span): SourceScope | null {
  for (const s of scopes) if (s.introSentence && s.introSentence.start <= span.start && span.start < s.introSentence.end) return s;
  return null;
}
