/**
 * Reading events as corrected: the store's events with the reviewers'
 * corrections applied, filtered, sorted and paged. Used by the HTTP API, by
 * exports and by `annals eval --corrected`.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCameoTable, type CameoEntry, type CameoTable } from '../core/cameo.js';
import { edtfBounds, edtfPrecision } from '../core/edtf.js';
import type { EntityRef } from '../core/types.js';
import type { EventFilter, Store, StoredEvent } from '../store/store.js';
import {
  applyCorrections,
  visibleEvents,
  type ApplyOptions,
  type Corrected,
  type Correction,
  type CorrectionStore,
} from './corrections.js';

export type SortKey = 'date' | 'doc' | 'code' | 'source' | 'target' | 'modality' | 'confidence' | 'goldstein';
export const SORT_KEYS: readonly SortKey[] = ['date', 'doc', 'code', 'source', 'target', 'modality', 'confidence', 'goldstein'];

export interface EventQuery {
  filter: EventFilter;
  sort?: SortKey;
  dir?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
  /** visible: not rejected (default); all: rejected ones too, marked; rejected: only those. */
  include?: 'visible' | 'all' | 'rejected';
}

export interface EventPage {
  total: number;
  offset: number;
  limit: number;
  events: Array<Corrected<StoredEvent>>;
  counts: {
    byRoot: Record<string, number>;
    byModality: Record<string, number>;
    byQuadClass: Record<string, number>;
    corrected: number;
    rejected: number;
  };
}

let cameo: CameoTable | null | undefined;

/** The CAMEO table from data/cameo/codes.json (null when absent). */
export function cameoTable(): CameoTable | null {
  if (cameo !== undefined) return cameo;
  const path = fileURLToPath(new URL('../../data/cameo/codes.json', import.meta.url));
  cameo = existsSync(path) ? createCameoTable(JSON.parse(readFileSync(path, 'utf8')) as CameoEntry[]) : null;
  return cameo;
}

type Context = ApplyOptions & { aliases: Map<string, string[]> };
const contexts = new WeakMap<Store, { key: string; ctx: Context }>();

/** What applyCorrections needs, read from the store and built-in tables (kept while the store's counts stay the same). */
export async function correctionContext(store: Store): Promise<Context> {
  const c = await store.counts();
  const key = `${c.documents}/${c.events}/${c.actors}/${c.mentions}`;
  const hit = contexts.get(store);
  if (hit && hit.key === key) return hit.ctx;
  const ctx = await buildContext(store);
  contexts.set(store, { key, ctx });
  return ctx;
}

async function buildContext(store: Store): Promise<Context> {
  const actors = await store.actors();
  const entities = new Map<string, EntityRef>();
  const aliases = new Map<string, string[]>();
  for (const a of actors) {
    entities.set(a.id, { id: a.id, name: a.name, kind: a.kind, country: a.country });
    aliases.set(a.id, a.aliases ?? []);
  }
  const table = cameoTable();
  return {
    entities,
    aliases,
    codeInfo: (code) => {
      const e = table?.get(code);
      return e ? { goldstein: e.goldstein, plover: e.plover } : null;
    },
    dateBounds: (value) => {
      try {
        const b = edtfBounds(value);
        return { earliest: b.earliest, latest: b.latest, precision: edtfPrecision(value) };
      } catch {
        return null;
      }
    },
  };
}

/** Ids of the events corrections are anchored to that are still in the store. */
export async function existingAnchors(store: Store, corrections: Correction[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const c of corrections) if (c.anchor && !out.has(c.anchor.eventId) && (await store.getEvent(c.anchor.eventId))?.id === c.anchor.eventId) out.add(c.anchor.eventId);
  return out;
}

function actorMatches(ref: EntityRef | null, q: string, aliases: Map<string, string[]>): boolean {
  if (!ref) return false;
  const lq = q.toLowerCase();
  return (
    ref.id === q ||
    ref.country === q ||
    ref.name.toLowerCase() === lq ||
    (aliases.get(ref.id) ?? []).some((a) => a.toLowerCase() === lq)
  );
}

function safeBounds(v: string): { earliest: string; latest: string } | null {
  try {
    return edtfBounds(v);
  } catch {
    return null;
  }
}

/** Does a corrected event still satisfy the filter? (The store already checked the machine's values.) */
export function matchesFilter(e: StoredEvent, f: EventFilter, aliases: Map<string, string[]> = new Map()): boolean {
  if (f.actor && !actorMatches(e.source, f.actor, aliases) && !actorMatches(e.target, f.actor, aliases)) return false;
  if (f.dyad) {
    const [a, b] = f.dyad;
    const ab = actorMatches(e.source, a, aliases) && actorMatches(e.target, b, aliases);
    const ba = actorMatches(e.source, b, aliases) && actorMatches(e.target, a, aliases);
    if (!ab && !ba) return false;
  }
  if (f.code && !e.code.startsWith(f.code)) return false;
  if (f.modality && e.modality !== f.modality) return false;
  if (f.from || f.to) {
    if (!e.date || !e.date.earliest) return false;
    const from = f.from ? safeBounds(f.from)?.earliest : null;
    const to = f.to ? safeBounds(f.to)?.latest : null;
    if (from && e.date.latest < from) return false;
    if (to && e.date.earliest > to) return false;
  }
  return true;
}

function sortValue(e: StoredEvent, key: SortKey): string | number {
  switch (key) {
    case 'date':
      return e.date?.earliest ?? '';
    case 'doc':
      return e.docName;
    case 'code':
      return e.code;
    case 'source':
      return e.source?.name ?? '';
    case 'target':
      return e.target?.name ?? '';
    case 'modality':
      return e.modality;
    case 'confidence':
      return e.confidence;
    case 'goldstein':
      return e.goldstein;
  }
}

/**
 * Compare two events by a key, then by document and evidence position (a
 * stable order); undated events come last in date order. Descending is the
 * exact reverse, as the store's descending order is.
 */
export function compareEvents(key: SortKey, dir: 'asc' | 'desc' = 'asc') {
  const sign = dir === 'desc' ? -1 : 1;
  const asc = (a: StoredEvent, b: StoredEvent): number => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va !== vb) {
      if (key === 'date' && (va === '' || vb === '')) return va === '' ? 1 : -1;
      return va < vb ? -1 : 1;
    }
    if (a.docName !== b.docName) return a.docName < b.docName ? -1 : 1;
    if (a.evidence.start !== b.evidence.start) return a.evidence.start - b.evidence.start;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
  return (a: StoredEvent, b: StoredEvent): number => sign * asc(a, b);
}

/**
 * Events for a filter with corrections applied. Events a correction moved into
 * the filter (an edited code, a merged actor) are found too.
 */
export async function correctedEvents(
  store: Store,
  corrections: Correction[],
  filter: EventFilter,
  ctx?: Awaited<ReturnType<typeof correctionContext>>,
): Promise<Array<Corrected<StoredEvent>>> {
  const base: EventFilter = { ...filter, limit: undefined, offset: undefined, order: undefined };
  const fetched = await store.events(base);
  if (corrections.length === 0) return fetched.map((e) => ({ ...e, correction: null }));
  const context = ctx ?? (await correctionContext(store));
  const byId = new Map(fetched.map((e) => [e.id, e]));
  // Candidates from outside the machine's answer.
  for (const c of corrections) {
    if (c.anchor && c.payload.kind === 'edit' && !byId.has(c.anchor.eventId)) {
      const e = await store.getEvent(c.anchor.eventId);
      if (e) byId.set(e.id, e);
      else {
        // Re-coded since: look for the event at the same evidence.
        for (const x of await store.events({ doc: c.anchor.docId })) {
          if (x.evidence.start === c.anchor.evidenceStart && x.evidence.end === c.anchor.evidenceEnd) byId.set(x.id, x);
        }
      }
    }
    if (c.payload.kind === 'split-actor') {
      for (const id of c.payload.events) {
        if (byId.has(id)) continue;
        const e = await store.getEvent(id);
        if (e) byId.set(e.id, e);
      }
    }
    if (c.payload.kind === 'merge-actors' && (filter.actor || filter.dyad)) {
      const merged = c.payload.actor;
      const extra: EventFilter[] = [];
      if (filter.actor) extra.push({ ...base, actor: merged });
      if (filter.dyad) extra.push({ ...base, dyad: [merged, filter.dyad[1]] }, { ...base, dyad: [filter.dyad[0], merged] });
      for (const f of extra) for (const e of await store.events(f)) if (!byId.has(e.id)) byId.set(e.id, e);
    }
  }
  const { events } = applyCorrections([...byId.values()], corrections, { ...context, existing: await existingAnchors(store, corrections) });
  const fetchedIds = new Set(fetched.map((e) => e.id));
  // Untouched events: the store's answer stands. Corrected ones: checked again.
  return events.filter((e) => (e.correction ? matchesFilter(e, filter, context.aliases) : fetchedIds.has(e.id)));
}

/** One page of corrected events, with counts over the whole result. */
export async function queryEvents(store: Store, correctionStore: CorrectionStore | null, q: EventQuery): Promise<EventPage> {
  const corrections = correctionStore ? await correctionStore.listCorrections() : [];
  const fast = await pagedQuery(store, corrections, q);
  if (fast) return fast;
  let events = await correctedEvents(store, corrections, q.filter);
  const include = q.include ?? 'visible';
  if (include === 'visible') events = visibleEvents(events);
  else if (include === 'rejected') events = events.filter((e) => e.correction?.status === 'rejected');
  events.sort(compareEvents(q.sort ?? 'date', q.dir ?? 'asc'));
  const counts = emptyCounts();
  for (const e of events) count(counts, e, 1);
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 100;
  return { total: events.length, offset, limit, events: events.slice(offset, offset + limit), counts };
}

function emptyCounts(): EventPage['counts'] {
  return { byRoot: {}, byModality: {}, byQuadClass: {}, corrected: 0, rejected: 0 };
}

function count(counts: EventPage['counts'], e: Corrected<StoredEvent>, n: 1 | -1): void {
  counts.byRoot[e.root] = (counts.byRoot[e.root] ?? 0) + n;
  counts.byModality[e.modality] = (counts.byModality[e.modality] ?? 0) + n;
  counts.byQuadClass[e.quadClass] = (counts.byQuadClass[e.quadClass] ?? 0) + n;
  if (n === 1 && e.correction) counts.corrected += 1;
  if (n === 1 && e.correction?.status === 'rejected') counts.rejected += 1;
}

/** Sort keys the store can order by itself. */
const STORE_ORDERS: Partial<Record<SortKey, NonNullable<EventFilter['order']>>> = { date: 'date', doc: 'doc', code: 'code' };

/**
 * The page without reading every event of the filter: the store counts and
 * pages; the few events that corrections touch are taken out of its answer and
 * put back as corrected. Used when the store can count, the sort is one the
 * store knows, and the corrections are all about single events (accept,
 * reject, edit, split); otherwise null (the caller reads everything).
 */
async function pagedQuery(store: Store, corrections: Correction[], q: EventQuery): Promise<EventPage | null> {
  const order = STORE_ORDERS[q.sort ?? 'date'];
  const include = q.include ?? 'visible';
  if (!store.countEvents || !order || include === 'rejected') return null;
  if (corrections.some((c) => c.payload.kind === 'merge-actors' || c.payload.kind === 'split-actor')) return null;
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 100;
  const dir = q.dir ?? 'asc';
  const filter: EventFilter = { ...q.filter, limit: undefined, offset: undefined, order: undefined };

  // The events corrections are about, as the machine gave them and as corrected.
  const anchored = corrections.filter((c) => c.anchor && c.payload.kind !== 'merge-events');
  const touched = new Map<string, StoredEvent>();
  for (const c of anchored) {
    const a = c.anchor!;
    const e = await store.getEvent(a.eventId);
    if (e) touched.set(e.id, e);
    else for (const x of await store.events({ doc: a.docId })) if (x.evidence.start === a.evidenceStart && x.evidence.end === a.evidenceEnd) touched.set(x.id, x);
  }
  // Which of them the store counts in this filter.
  const machineIn = new Set<string>();
  const byDoc = new Map<string, Set<string>>();
  for (const e of touched.values()) {
    if (filter.doc && e.docId !== filter.doc && e.docName !== filter.doc) continue;
    let ids = byDoc.get(e.docId);
    if (!ids) byDoc.set(e.docId, (ids = new Set((await store.events({ ...filter, doc: filter.doc ?? e.docId })).map((x) => x.id))));
    if (ids.has(e.id)) machineIn.add(e.id);
  }
  let correctedIn: Array<Corrected<StoredEvent>> = [];
  if (touched.size) {
    const ctx = await correctionContext(store);
    correctedIn = applyCorrections([...touched.values()], anchored, { ...ctx, existing: await existingAnchors(store, anchored) }).events.filter((e) => matchesFilter(e, filter, ctx.aliases));
    if (include === 'visible') correctedIn = visibleEvents(correctedIn);
  }

  const machine = await store.countEvents(filter);
  const counts: EventPage['counts'] = { ...emptyCounts(), byRoot: { ...machine.byRoot }, byModality: { ...machine.byModality }, byQuadClass: { ...machine.byQuadClass } };
  for (const id of machineIn) count(counts, { ...touched.get(id)!, correction: null }, -1);
  for (const e of correctedIn) count(counts, e, 1);
  for (const part of [counts.byRoot, counts.byModality, counts.byQuadClass]) for (const k of Object.keys(part)) if (part[k] <= 0) delete part[k];
  const total = machine.total - machineIn.size + correctedIn.length;

  // The first offset + limit untouched events lie within the first offset + limit + |machineIn| of the store's order.
  const want = offset + limit + machineIn.size;
  const rows = await store.events({ ...filter, order, desc: dir === 'desc', limit: want, offset: 0 });
  // Keep the store's order; put each corrected event where the sort places it.
  const page: Array<Corrected<StoredEvent>> = rows.filter((e) => !touched.has(e.id)).map((e) => ({ ...e, correction: null }));
  const cmp = compareEvents(q.sort ?? 'date', dir);
  for (const c of correctedIn.sort(cmp)) {
    const i = page.findIndex((x) => cmp(c, x) < 0);
    page.splice(i < 0 ? page.length : i, 0, c);
  }
  return { total, offset, limit, events: page.slice(offset, offset + limit), counts };
}

/** Every event as corrected, rejected ones dropped: for exports and `annals eval --corrected`. */
export async function exportableEvents(store: Store, correctionStore: CorrectionStore | null, filter: EventFilter = {}): Promise<Array<Corrected<StoredEvent>>> {
  const corrections = correctionStore ? await correctionStore.listCorrections() : [];
  const events = visibleEvents(await correctedEvents(store, corrections, filter));
  return events.sort(compareEvents('doc'));
}
