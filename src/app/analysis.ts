/**
 * Use cases over the store for merged events, conflicting accounts, dyad
 * trajectories, actor networks and the exports built on them. Every query
 * reads the events as corrected (rejected ones dropped), applies the
 * reviewers' merge and split decisions (kept in the corrections table, keyed by
 * event id and fingerprint, so they survive re-ingestion), and can be limited
 * to documents published up to a date ("as known at").
 */
import { AnnalsError } from '../core/errors.js';
import type { EventFilter, Store, StoredEvent } from '../store/store.js';
import { edtfBounds } from '../analysis/bounds.js';
import { mergeEvents, type MergeResult, type MergedEvent } from '../analysis/merge.js';
import { findConflicts, type Conflict } from '../analysis/conflicts.js';
import { dyadSeries, explainChange, matchesActor, type ActorMatcher, itemFromEvent, itemFromMerged, type ChangeExplanation, type DyadSeries, type Granularity } from '../analysis/dyad.js';
import { actorNetwork, type Network, type NetworkLevel } from '../analysis/network.js';
import { eventKey } from '../analysis/event-key.js';
import { toMergedCsv, toMergedJsonl } from '../export/merged.js';
import { toGdeltTsv } from '../export/gdelt.js';
import { toGraphml } from '../export/graphml.js';
import { toGexf } from '../export/gexf.js';
import { toTimeline } from '../export/timeline.js';
import { anchorOf, mergeDecisions, visibleEvents, type Correction, type CorrectionStore } from './corrections.js';
import { cameoTable, correctedEvents } from './corrections-query.js';
import { openCorrectionStore, type ClosableCorrectionStore } from './corrections-open.js';

export interface AnalysisQuery {
  /** Event filter (actor, dyad, code, dates, document). */
  filter?: EventFilter;
  /** Only documents published up to this date (EDTF). */
  knownAt?: string;
}

export interface AnalysisInput {
  events: StoredEvent[];
  corrections: Correction[];
}

function checkDate(value: string | undefined, what: string): void {
  if (value === undefined) return;
  edtfBounds(value); // throws E020 naming the value
  if (!value.trim()) throw new AnnalsError('E020', `${what} is empty`, what);
}

/** The events a query sees, corrected, with the decisions that apply to them. */
export async function analysisInput(store: Store, corrections: CorrectionStore | null, q: AnalysisQuery = {}): Promise<AnalysisInput> {
  checkDate(q.knownAt, '--known-at');
  const list = corrections ? await corrections.listCorrections() : [];
  const filter: EventFilter = { ...(q.filter ?? {}) };
  if (q.knownAt) filter.knownAt = q.knownAt;
  const events = visibleEvents(await correctedEvents(store, list, filter));
  return { events, corrections: list };
}

export async function mergedEvents(store: Store, corrections: CorrectionStore | null, q: AnalysisQuery = {}): Promise<MergeResult & { mentions: number }> {
  const input = await analysisInput(store, corrections, q);
  const result = mergeEvents(input.events, { decisions: mergeDecisions(input.corrections) });
  return { ...result, mentions: input.events.length };
}

export async function conflicts(store: Store, corrections: CorrectionStore | null, q: AnalysisQuery = {}): Promise<Conflict[]> {
  const { merged } = await mergedEvents(store, corrections, q);
  return findConflicts(merged);
}

export interface DyadQuery extends AnalysisQuery {
  a: string;
  b: string;
  granularity?: Granularity | 'auto';
  directed?: boolean;
  /** Count merged events (default) or every mention. */
  unit?: 'merged' | 'mentions';
  from?: string;
  to?: string;
}

export async function dyad(store: Store, corrections: CorrectionStore | null, q: DyadQuery): Promise<DyadSeries> {
  if (!q.a || !q.b) throw new AnnalsError('E020', 'a dyad needs two actors (country codes, entity ids or names)', 'dyad');
  checkDate(q.from, '--from');
  checkDate(q.to, '--to');
  const input = await analysisInput(store, corrections, { ...q, filter: { ...(q.filter ?? {}), dyad: [q.a, q.b] } });
  // The store's dyad filter may match names loosely; keep what the analysis calls the dyad.
  const events = input.events;
  const items =
    q.unit === 'mentions'
      ? events.map(itemFromEvent)
      : mergeEvents(events, { decisions: mergeDecisions(input.corrections) }).merged.map(itemFromMerged);
  const match = await actorMatcher(store, [q.a, q.b]);
  return dyadSeries(items, q.a, q.b, {
    match,
    granularity: q.granularity ?? 'auto',
    directed: q.directed,
    from: q.from ? edtfBounds(q.from).earliest : undefined,
    to: q.to ? edtfBounds(q.to).latest : undefined,
  });
}

/**
 * Match actor queries as the store does: country codes and entity ids as
 * they are; names also through the aliases of the entities the store knows.
 */
export async function actorMatcher(store: Store, queries: string[]): Promise<ActorMatcher> {
  const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  const byName = new Map<string, Set<string>>();
  const names = queries.filter((q) => !/^[A-Z]{3}$/.test(q.trim()) && !q.includes(':'));
  if (names.length) {
    const actors = await store.actors();
    for (const q of names) {
      const n = norm(q);
      byName.set(q, new Set(actors.filter((a) => norm(a.name) === n || a.aliases.some((x) => norm(x) === n)).map((a) => a.id)));
    }
  }
  return (ref, query) => matchesActor(ref, query) || (!!ref && !!byName.get(query)?.has(ref.id));
}

export async function dyadChange(store: Store, corrections: CorrectionStore | null, q: DyadQuery & { t1: string; t2: string }): Promise<{ series: DyadSeries; change: ChangeExplanation }> {
  const series = await dyad(store, corrections, q);
  return { series, change: explainChange(series, q.t1, q.t2) };
}

export interface NetworkQuery extends AnalysisQuery {
  from?: string;
  to?: string;
  level?: NetworkLevel;
}

export async function network(store: Store, corrections: CorrectionStore | null, q: NetworkQuery = {}): Promise<Network> {
  checkDate(q.from, '--from');
  checkDate(q.to, '--to');
  const { merged } = await mergedEvents(store, corrections, q);
  return actorNetwork(merged.map(itemFromMerged), {
    from: q.from ? edtfBounds(q.from).earliest : undefined,
    to: q.to ? edtfBounds(q.to).latest : undefined,
    level: q.level,
  });
}

import { ANALYSIS_FORMATS, isAnalysisFormat, type AnalysisFormat } from './analysis-formats.js';
export { ANALYSIS_FORMATS, isAnalysisFormat, type AnalysisFormat };

export interface ExportQuery extends NetworkQuery {
  format: AnalysisFormat;
  /** For timeline: a dyad… */
  dyad?: [string, string];
  /** …or a document (id or name). */
  doc?: string;
}

/** The text of an export in one of the analysis formats. */
export async function exportAnalysis(store: Store, corrections: CorrectionStore | null, q: ExportQuery): Promise<string> {
  if (!isAnalysisFormat(q.format)) throw new AnnalsError('E020', `unknown format ${q.format} (one of ${ANALYSIS_FORMATS.join(', ')})`, q.format);
  const filter: EventFilter = { ...(q.filter ?? {}) };
  if (q.dyad) filter.dyad = q.dyad;
  if (q.doc) filter.doc = q.doc;
  if (q.format === 'graphml' || q.format === 'gexf') {
    const net = await network(store, corrections, { ...q, filter });
    return q.format === 'graphml' ? toGraphml(net) : toGexf(net);
  }
  const { merged } = await mergedEvents(store, corrections, { ...q, filter });
  const inPeriod = periodFilter(merged, q.from, q.to);
  switch (q.format) {
    case 'merged-jsonl':
      return toMergedJsonl(inPeriod);
    case 'merged-csv':
      return toMergedCsv(inPeriod);
    case 'gdelt': {
      const docs = new Map((await store.listDocuments()).map((d) => [d.id, d.uri]));
      return toGdeltTsv(inPeriod, { sourceOf: (id) => docs.get(id) ?? null });
    }
    case 'timeline': {
      const table = cameoTable();
      const title = q.dyad ? `${q.dyad[0]} – ${q.dyad[1]}` : q.doc ? `${q.doc}` : 'annals';
      return JSON.stringify(
        toTimeline(inPeriod.map(itemFromMerged), { title, description: `${inPeriod.length} event${inPeriod.length === 1 ? '' : 's'}`, codeName: (c) => table?.get(c)?.label ?? null }),
        null,
        2,
      ) + '\n';
    }
  }
  throw new AnnalsError('E020', `unknown format ${String(q.format)}`, String(q.format));
}

function periodFilter(merged: MergedEvent[], from?: string, to?: string): MergedEvent[] {
  if (!from && !to) return merged;
  const lo = from ? edtfBounds(from).earliest : null;
  const hi = to ? edtfBounds(to).latest : null;
  return merged.filter((m) => m.date && (!lo || m.date.latest >= lo) && (!hi || m.date.earliest <= hi));
}

/**
 * Record a reviewer's decision: merge two or more events into one merged
 * event, or split one event out of its merged event. Stored as corrections
 * (kinds "merge-events" and "split-event"), anchored by id and fingerprint.
 */
export async function decideMerge(
  store: Store,
  corrections: CorrectionStore,
  kind: 'merge' | 'split',
  eventIds: string[],
  note?: string,
): Promise<Correction> {
  const events: StoredEvent[] = [];
  for (const id of eventIds) events.push(await findEvent(store, id));
  if (kind === 'merge') {
    if (events.length < 2) throw new AnnalsError('E020', 'merge needs two or more event ids', eventIds.join(' '));
    return corrections.addCorrection({
      kind: 'merge-events',
      anchor: anchorOf(events[0]),
      payload: { kind: 'merge-events', events: events.map((e) => e.id), keys: events.map(eventKey) },
      note: note ?? null,
    });
  }
  if (events.length !== 1) throw new AnnalsError('E020', 'split takes one event id: the event to take out of its merged event', eventIds.join(' '));
  return corrections.addCorrection({ kind: 'split-event', anchor: anchorOf(events[0]), payload: { kind: 'split-event' }, note: note ?? null });
}

/**
 * Run `fn` with the corrections kept in the store file at `path` (null when
 * the file has no corrections table yet), closing them afterwards.
 */
export async function withCorrections<T>(path: string, fn: (c: CorrectionStore | null) => Promise<T>): Promise<T> {
  let c: ClosableCorrectionStore | null = null;
  try {
    c = await openCorrectionStore(path);
  } catch (e) {
    if (!(e instanceof AnnalsError && e.code === 'E011')) throw e;
  }
  try {
    return await fn(c);
  } finally {
    await c?.close();
  }
}

/** An event by id or by a unique prefix of its id (as tables print them). */
export async function findEvent(store: Store, idOrPrefix: string): Promise<StoredEvent> {
  const exact = await store.getEvent(idOrPrefix);
  if (exact) return exact;
  if (idOrPrefix.length >= 4) {
    const hits = (await store.events({})).filter((e) => e.id.startsWith(idOrPrefix));
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) throw new AnnalsError('E020', `${hits.length} events start with ${idOrPrefix}: give more of the id`, idOrPrefix);
  }
  throw new AnnalsError('E021', `no event ${idOrPrefix}`, idOrPrefix);
}

export interface DecisionView {
  id: string;
  kind: 'merge' | 'split';
  events: string[];
  note: string | null;
  createdAt: string;
  /** Events of the decision no longer in the store (re-coded away or document removed). */
  missing: string[];
}

/** The reviewers' merge and split decisions, with the events they name that are gone. */
export async function listDecisions(store: Store, corrections: CorrectionStore): Promise<DecisionView[]> {
  const out: DecisionView[] = [];
  for (const c of await corrections.listCorrections()) {
    const p = c.payload;
    if (p.kind !== 'merge-events' && p.kind !== 'split-event') continue;
    const events = p.kind === 'merge-events' ? p.events : c.anchor ? [c.anchor.eventId] : [];
    const missing: string[] = [];
    for (const id of events) if (!(await store.getEvent(id))) missing.push(id);
    out.push({ id: c.id, kind: p.kind === 'merge-events' ? 'merge' : 'split', events, note: c.note, createdAt: c.createdAt, missing });
  }
  return out;
}

/** Withdraw a merge or split decision: the automatic grouping applies again. */
export async function withdrawDecision(corrections: CorrectionStore, id: string): Promise<void> {
  const c = (await corrections.listCorrections()).find((x) => x.id === id || (id.length >= 6 && x.id.startsWith(id)));
  if (!c || (c.payload.kind !== 'merge-events' && c.payload.kind !== 'split-event')) throw new AnnalsError('E021', `no merge or split decision ${id}`, id);
  await corrections.removeCorrection(c.id);
}
