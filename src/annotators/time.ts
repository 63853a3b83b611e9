/**
 * Time expressions of a document, as EDTF values with exact spans, each
 * resolved against the reference time that fits where it stands:
 * - explicit dates stand alone ("29 July 1970", "the 1990’s");
 * - deictic words ("today", "last evening", "two or three days ago", "this
 *   year") count from the time of writing: the date of a quoted diary entry,
 *   telegram or speech (time-anchor.ts), a cable's date line, else the
 *   document's publication date;
 * - anaphoric words ("the previous year", "a week later", "the same year") and
 *   dates without a year ("in October") count from the narrative time: the
 *   last date in scope, which resets at section headings and, inside a quoted
 *   passage, starts from the passage's own date.
 * Pure and deterministic.
 */
import type { AnchorKind, Document, Sentence, Span, TimeExpression } from '../core/types.js';
import { edtfBounds, edtfPrecision } from '../core/edtf.js';
import { scanTimes, type TimeMatch } from './time-grammar.js';
import { resolveTemporal, type Anchor, type ResolveContext } from './time-resolve.js';
import { findSourceScopes, scopeOfBlock, scopeOfIntro, type ExplicitDate, type SourceScope } from './time-anchor.js';

export interface TimeAnalysis {
  times: TimeExpression[];
  scopes: SourceScope[];
  /** Sentences (or blocks when no sentences were given) in text order. */
  units: Sentence[];
}

interface Unit extends Sentence {
  matches: Array<TimeMatch & { abs: Span }>;
}

const EMPTY: ResolveContext = { deictic: null, previous: null, previousNear: false, sentenceDate: null };

const cache = new WeakMap<Document, { sentences: Sentence[]; analysis: TimeAnalysis }>();

function unitsOf(doc: Document, sentences: Sentence[]): Unit[] {
  // blocks the sentences leave out (notes, metadata such as a date line) are read whole
  const covered = new Set(sentences.map((s) => s.block));
  const base: Sentence[] = [...sentences];
  doc.blocks.forEach((b, i) => {
    if (!covered.has(i)) base.push({ span: b.span, block: i });
  });
  return base
    .sort((a, b) => a.span.start - b.span.start)
    .map((s) => {
      const text = doc.text.slice(s.span.start, s.span.end);
      const matches = scanTimes(text).map((m) => ({ ...m, abs: { start: s.span.start + m.start, end: s.span.start + m.end } }));
      return { span: s.span, block: s.block, matches };
    });
}

/** The unit holding an offset (units in text order), by binary search. */
function unitAt(units: Unit[], at: number): Unit | undefined {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (units[m].span.end <= at) lo = m + 1;
    else hi = m;
  }
  const u = units[lo];
  return u && u.span.start <= at ? u : undefined;
}

function toExpression(doc: Document, m: TimeMatch & { abs: Span }, value: string, anchor: TimeExpression['anchor']): TimeExpression {
  const { earliest, latest } = edtfBounds(value);
  const t: TimeExpression = {
    span: m.abs,
    text: doc.text.slice(m.abs.start, m.abs.end),
    value,
    earliest,
    latest,
    precision: edtfPrecision(value),
    anchor,
    ruleId: m.ruleId,
  };
  if (m.citation) t.citation = true;
  return t;
}

/** Find and resolve the time expressions of a document, with the source scopes that anchor them. */
export function analyzeTimes(doc: Document, sentences: Sentence[]): TimeAnalysis {
  const hit = cache.get(doc);
  if (hit && hit.sentences === sentences) return hit.analysis;

  const units = unitsOf(doc, sentences);
  const explicit: ExplicitDate[] = [];
  for (const u of units) {
    for (const m of u.matches) {
      const r = resolveTemporal(m.node, EMPTY);
      if (r && r.anchor.kind === 'explicit') explicit.push({ span: m.abs, value: r.value, citation: !!m.citation });
    }
  }
  // dates the markup states (a TEI date line's <date when>) count as explicit where the words gave none
  for (const md of doc.markedDates ?? []) {
    const v = /^-?\d{4}(?:-\d{2}(?:-\d{2})?)?/.exec(md.value)?.[0];
    if (!v || explicit.some((e) => e.span.start < md.span.end && md.span.start < e.span.end)) continue;
    explicit.push({ span: md.span, value: v, citation: false });
  }
  explicit.sort((a, b) => a.span.start - b.span.start);
  const scopes = findSourceScopes(doc, sentences, explicit);
  const documentAnchor: Anchor | null = doc.published ? { value: doc.published, kind: 'document' } : null;
  const historical = isHistorical(doc.published, explicit);
  let carried: Anchor | null = null;

  const times: TimeExpression[] = [];
  // narrative state of the running text, and of the quoted passage being read
  type State = { value: string; block: number } | null;
  let narrative: State = null as State;
  let passage = null as { scope: SourceScope; prev: { value: string; block: number } } | null;
  let noteBlock = -1;
  let noteState: State = null as State;

  // a footnote is read at the time of the passage that refers to it (a cable's note, a diary entry's note)
  const noteScope = new Map<number, SourceScope>();
  for (const link of doc.notes) {
    if (noteScope.has(link.noteBlock)) continue;
    const at = unitAt(units, link.marker.start);
    const sc = at ? scopeOfBlock(scopes, at.block) : null;
    if (sc) noteScope.set(link.noteBlock, sc);
  }

  for (const u of units) {
    const block = doc.blocks[u.block];
    const kind = block?.kind;
    if (kind === 'heading') {
      if (narrative) carried = { value: narrative.value, kind: 'narrative' };
      narrative = null;
    }
    if (kind === 'metadata') continue;
    const inNote = kind === 'footnote';
    if (inNote && noteBlock !== u.block) {
      noteBlock = u.block;
      noteState = null;
    }
    const scope = inNote ? null : scopeOfBlock(scopes, u.block);
    if (scope && passage?.scope !== scope) passage = { scope, prev: { value: scope.value, block: scope.from } };
    if (!scope) passage = null;
    const introScope = !scope && !inNote ? scopeOfIntro(scopes, u.span) : null;

    const fromNote = inNote ? noteScope.get(u.block) : undefined;
    const deictic: Anchor | null = scope
      ? { value: scope.value, kind: scope.kind }
      : fromNote
        ? { value: fromNote.value, kind: fromNote.kind }
      : introScope
        ? { value: introScope.value, kind: introScope.kind }
        : documentAnchor;
    const state: State = inNote ? noteState : passage ? passage.prev : narrative;

    const sentenceDates = u.matches
      .map((m) => resolveTemporal(m.node, EMPTY))
      .filter((r): r is NonNullable<typeof r> => !!r && r.anchor.kind === 'explicit');
    let prev: State = state;
    for (const m of u.matches) {
      const prevKind: AnchorKind = passage && prev === passage.prev && prev.value === passage.scope.value ? passage.scope.kind : prev && prev.block === u.block ? 'previous' : 'narrative';
      const ctx: ResolveContext = {
        deictic,
        previous: prev ? { value: prev.value, kind: prevKind } : null,
        previousNear: !!prev && prev.block >= u.block - 1,
        sentenceDate: sentenceDates[0] ? { value: sentenceDates[0].value, kind: 'previous' } : null,
        historical,
        carried: inNote || passage ? null : carried,
      };
      const r = resolveTemporal(m.node, ctx);
      if (!r) continue;
      times.push(toExpression(doc, m, r.value, r.anchor));
      const weak = m.node.k === 'deictic' && m.node.weak;
      if (!m.citation && !weak) prev = { value: r.value, block: u.block };
    }
    if (inNote) noteState = prev;
    else if (passage) passage.prev = prev ?? passage.prev;
    else narrative = prev;
  }
  const analysis: TimeAnalysis = { times, scopes, units: units.map(({ span, block }) => ({ span, block })) };
  cache.set(doc, { sentences, analysis });
  return analysis;
}

/**
 * A document is historical when most of its explicit dates lie more than
 * HISTORICAL_GAP years from its publication (a history written long after).
 */
const HISTORICAL_GAP = 15;

export function isHistorical(published: string | null, explicit: ExplicitDate[]): boolean {
  if (!published) return false;
  const pub = Number(/^-?\d{4}/.exec(published)?.[0]);
  if (!Number.isFinite(pub)) return false;
  let far = 0;
  let all = 0;
  for (const d of explicit) {
    if (d.citation) continue;
    const y = Number(/^-?\d{4}/.exec(d.value)?.[0]);
    if (!Number.isFinite(y)) continue;
    all++;
    if (Math.abs(pub - y) > HISTORICAL_GAP) far++;
  }
  return all >= 2 && far * 2 > all;
}

export function findTimes(doc: Document, sentences: Sentence[]): TimeExpression[] {
  return analyzeTimes(doc, sentences).times;
}
