/**
 * Check merged events against hand-annotated gold events (the format of
 * ../shared/gold/SCHEMA.md): no merged event may join mentions that match two
 * different gold events. A member matches a gold event of its document when
 * its evidence overlaps the gold evidence and it agrees with it on the
 * countries of source and target, the CAMEO root and (when both are dated)
 * the date. Two gold events are different when they differ in source or
 * target entity or 3-digit code, or when their dates do not overlap.
 *
 * A merged event whose members' gold events can all be the same one is fine;
 * one whose members match gold events that are all alike in dyad and code
 * with overlapping dates is a "soft" join (the annotators counted one
 * occurrence twice, or the text restates it); anything else is a violation.
 */
import { boundsOverlap, edtfBounds, type Bounds } from './bounds.js';
import type { DatePrecision } from '../core/types.js';
import type { AnalysisEvent, MergedEvent } from './merge.js';

export interface GoldEntity {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  aliases: string[];
}

export interface GoldEvent {
  id: string;
  evidence: string;
  source: string | null;
  target: string | null;
  code: string;
  date: string | null;
}

export interface GoldDoc {
  doc: string;
  entities: GoldEntity[];
  events: GoldEvent[];
}

export interface GoldJoin {
  mergedId: string;
  members: Array<{ eventId: string; gold: string[] }>;
  reason: string;
}

export interface GoldCheck {
  mergedEvents: number;
  mentions: number;
  /** Merged events with at least two members matched to gold. */
  checked: number;
  violations: GoldJoin[];
  soft: GoldJoin[];
}

interface Located {
  g: GoldEvent;
  start: number;
  end: number;
  src: string | null;
  tgt: string | null;
  bounds: Bounds | null;
}

function baseName(name: string): string {
  return name.replace(/\.[^.]+$/, '');
}

function boundsOf(date: string | null): Bounds | null {
  if (!date) return null;
  try {
    return edtfBounds(date);
  } catch {
    return null;
  }
}

/** Gold events of one document with their evidence found in the text (all occurrences are tried; the first is kept). */
export function locateGold(gold: GoldDoc, text: string): Located[] {
  const country = new Map(gold.entities.map((e) => [e.id, e.country]));
  const out: Located[] = [];
  for (const g of gold.events) {
    const start = text.indexOf(g.evidence);
    if (start < 0) continue;
    out.push({
      g,
      start,
      end: start + g.evidence.length,
      src: g.source ? (country.get(g.source) ?? null) : null,
      tgt: g.target ? (country.get(g.target) ?? null) : null,
      bounds: boundsOf(g.date),
    });
  }
  return out;
}

function matches(e: AnalysisEvent, l: Located): boolean {
  if (!(e.evidence.start < l.end && l.start < e.evidence.end)) return false;
  if ((e.source?.country ?? null) !== l.src || (e.target?.country ?? null) !== l.tgt) return false;
  if (e.root !== l.g.code.slice(0, 2)) return false;
  if (l.bounds && e.date && !boundsOverlap(l.bounds, { earliest: e.date.earliest, latest: e.date.latest })) return false;
  return true;
}

function different(a: Located, b: Located): boolean {
  if (a.g.source !== b.g.source || a.g.target !== b.g.target) return true;
  if (a.g.code.slice(0, 3) !== b.g.code.slice(0, 3)) return true;
  if (a.bounds && b.bounds && !boundsOverlap(a.bounds, b.bounds)) return true;
  return false;
}

/**
 * @param docs document name (as in StoredEvent.docName) → text and gold.
 */
export function checkAgainstGold(merged: readonly MergedEvent[], docs: Map<string, { text: string; gold: GoldDoc }>): GoldCheck {
  const located = new Map<string, Located[]>();
  for (const [name, d] of docs) located.set(baseName(name), locateGold(d.gold, d.text));
  const result: GoldCheck = { mergedEvents: merged.length, mentions: 0, checked: 0, violations: [], soft: [] };
  for (const m of merged) {
    result.mentions += m.members.length;
    if (m.members.length < 2) continue;
    const per = m.members.map((e) => {
      const list = located.get(baseName(e.docName ?? '')) ?? [];
      // gold events are per document: prefix ids with the document
      return { e, gold: list.filter((l) => matches(e, l)).map((l) => ({ key: `${baseName(e.docName ?? '')}#${l.g.id}`, l })) };
    });
    const matched = per.filter((p) => p.gold.length > 0);
    if (matched.length < 2) continue;
    result.checked++;
    const common = matched
      .map((p) => new Set(p.gold.map((x) => x.key)))
      .reduce((acc, s) => new Set([...acc].filter((k) => s.has(k))));
    if (common.size > 0) continue;
    const join: GoldJoin = {
      mergedId: m.id,
      members: matched.map((p) => ({ eventId: p.e.id, gold: p.gold.map((x) => x.key) })),
      reason: '',
    };
    // soft when every pair of members has a pair of alike gold events
    let soft = true;
    for (let i = 0; i < matched.length && soft; i++) {
      for (let j = i + 1; j < matched.length && soft; j++) {
        const alike = matched[i].gold.some((a) => matched[j].gold.some((b) => !different(a.l, b.l)));
        if (!alike) {
          soft = false;
          join.reason = `${matched[i].gold.map((x) => x.key).join('/')} vs ${matched[j].gold.map((x) => x.key).join('/')}`;
        }
      }
    }
    if (soft) {
      join.reason = 'members match gold events alike in dyad, code and date';
      result.soft.push(join);
    } else result.violations.push(join);
  }
  return result;
}

/**
 * The gold events of a document as coded events (evidence located in the
 * text, actors from the gold entities), so the merging rules can be run on
 * real annotated events: every gold event is a distinct event, so every merge
 * of two of them is a join to explain.
 */
export function goldAsEvents(gold: GoldDoc, text: string, docName: string, docId = docName): AnalysisEvent[] {
  const ent = new Map(gold.entities.map((e) => [e.id, e]));
  const ref = (id: string | null) => {
    const e = id ? ent.get(id) : undefined;
    return e ? { id: `gold:${e.id}`, name: e.name, kind: e.kind as 'person', country: e.country } : null;
  };
  const out: AnalysisEvent[] = [];
  for (const l of locateGold(gold, text)) {
    const g = l.g;
    const root = g.code.slice(0, 2);
    const n = Number(root);
    const span = { start: l.start, end: l.end };
    out.push({
      id: `${baseName(docName)}#${g.id}`,
      docId,
      docName,
      evidence: span,
      evidenceText: g.evidence,
      sentence: span,
      source: ref(g.source),
      target: ref(g.target),
      sourceSpan: null,
      targetSpan: null,
      trigger: null,
      code: g.code,
      root,
      goldstein: 0,
      quadClass: n <= 5 ? 1 : n <= 9 ? 2 : n <= 14 ? 3 : 4,
      plover: null,
      date: l.bounds
        ? { value: g.date!, earliest: l.bounds.earliest, latest: l.bounds.latest, precision: precisionOf(g.date!), span: null, ruleId: 'gold', confidence: 1 }
        : null,
      claimant: ref((g as GoldEvent & { claimant?: string | null }).claimant ?? null),
      modality: (g as GoldEvent & { claimant?: string | null }).claimant ? 'reported' : 'asserted',
      confidence: 1,
      ruleId: 'gold',
      reason: 'gold annotation',
      extractor: 'gold',
    });
  }
  return out;
}

function precisionOf(v: string): DatePrecision {
  if (v.includes('/')) return 'interval';
  const x = v.replace(/[~?%]/g, '');
  if (/X/.test(x)) return 'decade';
  if (/^-?\d{4}-\d{2}-\d{2}$/.test(x)) return 'day';
  if (/^-?\d{4}-2[1-4]$/.test(x)) return 'season';
  if (/^-?\d{4}-\d{2}$/.test(x)) return 'month';
  return 'year';
}

/** Merged events of gold events: each with two or more members is a join, "soft" when its gold events are alike. */
export function checkGoldMerges(merged: readonly MergedEvent[]): { joins: number; violations: GoldJoin[]; soft: GoldJoin[] } {
  const violations: GoldJoin[] = [];
  const soft: GoldJoin[] = [];
  let joins = 0;
  const asLocated = (e: AnalysisEvent): Located => ({
    g: { id: e.id, evidence: e.evidenceText, source: e.source?.id ?? null, target: e.target?.id ?? null, code: e.code, date: e.date?.value ?? null },
    start: e.evidence.start,
    end: e.evidence.end,
    src: e.source?.country ?? null,
    tgt: e.target?.country ?? null,
    bounds: e.date ? { earliest: e.date.earliest, latest: e.date.latest } : null,
  });
  for (const m of merged) {
    if (m.members.length < 2) continue;
    joins++;
    const ls = m.members.map(asLocated);
    let bad: string | null = null;
    for (let i = 0; i < ls.length && !bad; i++) for (let j = i + 1; j < ls.length && !bad; j++) if (different(ls[i], ls[j])) bad = `${ls[i].g.id} vs ${ls[j].g.id}`;
    const join = { mergedId: m.id, members: m.members.map((e) => ({ eventId: e.id, gold: [e.id] })), reason: bad ?? 'gold events alike in dyad, code and date' };
    (bad ? violations : soft).push(join);
  }
  return { joins, violations, soft };
}
