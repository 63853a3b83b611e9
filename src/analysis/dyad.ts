/**
 * Dyad trajectories: for a pair of actors, cooperation and conflict over time
 * (Goldstein-weighted sum and counts by CAMEO quad class), per year or month.
 * An event dated to a range is spread over the periods it covers, in
 * proportion to the days it shares with each (weights sum to 1 per event), so
 * "the 1970s" does not pile up on 1970. Every point keeps its events and
 * their evidence; change points name the events that move the series.
 */
import type { CodedEvent, EntityRef, QuadClass } from '../core/types.js';
import { AnnalsError } from '../core/errors.js';
import { dayNumber, dayRange, formatYear, isoFromDay, lastDayOfMonth, yearOf, type Bounds } from './bounds.js';
import type { AnalysisEvent, MergedEvent } from './merge.js';

export type Granularity = 'year' | 'month';

/** One thing counted by the series: a merged event, or a single mention. */
export interface SeriesItem {
  id: string;
  source: EntityRef | null;
  target: EntityRef | null;
  code: string;
  goldstein: number;
  quadClass: QuadClass;
  date: { value: string; earliest: string; latest: string } | null;
  /** The mentions behind it, with their sentences. */
  evidence: Array<{ eventId: string; docId: string; docName: string | null; text: string; sentence: { start: number; end: number } }>;
}

export function itemFromMerged(m: MergedEvent): SeriesItem {
  return {
    id: m.id,
    source: m.source,
    target: m.target,
    code: m.code,
    goldstein: m.goldstein,
    quadClass: m.quadClass,
    date: m.date ? { value: m.date.value, earliest: m.date.earliest, latest: m.date.latest } : null,
    evidence: m.members.map(evidenceOf),
  };
}

export function itemFromEvent(e: AnalysisEvent): SeriesItem {
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    code: e.code,
    goldstein: e.goldstein,
    quadClass: e.quadClass,
    date: e.date ? { value: e.date.value, earliest: e.date.earliest, latest: e.date.latest } : null,
    evidence: [evidenceOf(e)],
  };
}

function evidenceOf(e: AnalysisEvent) {
  return { eventId: e.id, docId: e.docId, docName: e.docName ?? null, text: e.evidenceText, sentence: e.sentence };
}

/**
 * Does an actor reference match a query? A three-letter upper-case code is a
 * country (every actor of that country: its state, people, groups); a query
 * with ":" is an entity id; anything else is a name (case- and accent-blind).
 */
export function matchesActor(ref: EntityRef | null, query: string): boolean {
  if (!ref) return false;
  const q = query.trim();
  if (/^[A-Z]{3}$/.test(q)) return ref.country === q;
  if (q.includes(':')) return ref.id === q;
  const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  return norm(ref.name) === norm(q) || norm(ref.id.replace(/^[a-z]+:/, '').replace(/-/g, ' ')) === norm(q);
}

/** Direction of an item relative to the dyad (a, b): "ab", "ba", or null when it is not between them. */
export function dyadDirection(
  item: { source: EntityRef | null; target: EntityRef | null },
  a: string,
  b: string,
  match: ActorMatcher = matchesActor,
): 'ab' | 'ba' | null {
  if (match(item.source, a) && match(item.target, b)) return 'ab';
  if (match(item.source, b) && match(item.target, a)) return 'ba';
  return null;
}

export type ActorMatcher = (ref: EntityRef | null, query: string) => boolean;

export interface SeriesEventRef {
  id: string;
  direction: 'ab' | 'ba';
  code: string;
  quadClass: QuadClass;
  goldstein: number;
  /** Share of the event in this period (0..1]. */
  weight: number;
  /** goldstein × weight. */
  contribution: number;
  date: string | null;
  evidence: SeriesItem['evidence'];
}

export interface SeriesPoint {
  period: string;
  start: string;
  end: string;
  /** Goldstein-weighted sum. */
  goldstein: number;
  /** Weighted count of events. */
  count: number;
  /** Weighted counts by quad class: [verbal coop, material coop, verbal conflict, material conflict]. */
  quad: [number, number, number, number];
  events: SeriesEventRef[];
}

export interface ChangePoint {
  period: string;
  previous: string;
  delta: number;
  /** rise / fall of the balance; "break" when it turns from cooperation to conflict, "recovery" the reverse. */
  kind: 'rise' | 'fall' | 'break' | 'recovery';
  /** Events whose contribution differs most between the two periods, largest first. */
  drivers: Array<{ event: SeriesEventRef; change: number }>;
}

export interface DyadSeries {
  a: string;
  b: string;
  granularity: Granularity;
  points: SeriesPoint[];
  changePoints: ChangePoint[];
  /** Items between the pair in total, and those left out (no date, or a date too vague to place). */
  total: number;
  undated: SeriesItem[];
  tooVague: SeriesItem[];
}

export interface SeriesOptions {
  granularity?: Granularity | 'auto';
  /** Only a → b (default: both directions). */
  directed?: boolean;
  /** Limit the periods (EDTF bounds already resolved). */
  from?: string;
  to?: string;
  /** Items whose dates span more days than this are left out (default 50 years). */
  maxSpanDays?: number;
  /** Change points: a change counts when |Δ| ≥ max(minDelta, factor × mean |Δ|). */
  minDelta?: number;
  factor?: number;
  /** How an actor query matches an actor (default matchesActor; callers may add aliases). */
  match?: ActorMatcher;
}

interface Period {
  key: string;
  start: number;
  end: number;
}

function periodsFor(first: number, last: number, g: Granularity): Period[] {
  const out: Period[] = [];
  const y0 = yearOf(isoFromDay(first));
  const y1 = yearOf(isoFromDay(last));
  for (let y = y0; y <= y1; y++) {
    if (g === 'year') {
      out.push({ key: formatYear(y), start: dayNumber(`${formatYear(y)}-01-01`), end: dayNumber(`${formatYear(y)}-12-31`) });
      continue;
    }
    for (let m = 1; m <= 12; m++) {
      const mm = String(m).padStart(2, '0');
      const s = dayNumber(`${formatYear(y)}-${mm}-01`);
      const e = dayNumber(`${formatYear(y)}-${mm}-${String(lastDayOfMonth(y, m)).padStart(2, '0')}`);
      if (e < first || s > last) continue;
      out.push({ key: `${formatYear(y)}-${mm}`, start: s, end: e });
    }
  }
  return out;
}

/** Share of [a, z] falling in each period it touches (sums to 1). */
export function spread(range: [number, number], periods: Period[]): Array<{ index: number; weight: number }> {
  const [a, z] = range;
  const total = z - a + 1;
  const out: Array<{ index: number; weight: number }> = [];
  // binary search for the first period ending on or after a
  let lo = 0;
  let hi = periods.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (periods[mid].end < a) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < periods.length && periods[i].start <= z; i++) {
    const days = Math.min(z, periods[i].end) - Math.max(a, periods[i].start) + 1;
    if (days > 0) out.push({ index: i, weight: days / total });
  }
  return out;
}

function round(x: number, d = 4): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/** Build the series of a dyad from items (merged events or mentions). */
export function dyadSeries(items: readonly SeriesItem[], a: string, b: string, options: SeriesOptions = {}): DyadSeries {
  if (!a || !b) throw new AnnalsError('E020', 'a dyad needs two actors', `${a} ${b}`);
  const maxSpan = options.maxSpanDays ?? 18263;
  const chosen: Array<{ item: SeriesItem; direction: 'ab' | 'ba'; range: [number, number] }> = [];
  const undated: SeriesItem[] = [];
  const tooVague: SeriesItem[] = [];
  let total = 0;
  for (const item of items) {
    const dir = dyadDirection(item, a, b, options.match);
    if (!dir || (options.directed && dir !== 'ab')) continue;
    total++;
    if (!item.date) {
      undated.push(item);
      continue;
    }
    const range = dayRange(item.date);
    if (range[1] - range[0] + 1 > maxSpan) {
      tooVague.push(item);
      continue;
    }
    chosen.push({ item, direction: dir, range });
  }
  let granularity: Granularity = options.granularity === 'month' ? 'month' : 'year';
  if (options.granularity === 'auto' || options.granularity === undefined) {
    const fine = chosen.filter((c) => c.range[1] - c.range[0] <= 31).length;
    const span = chosen.length ? Math.max(...chosen.map((c) => c.range[1])) - Math.min(...chosen.map((c) => c.range[0])) : 0;
    granularity = chosen.length > 0 && span <= 3 * 366 && fine * 2 >= chosen.length ? 'month' : 'year';
  }
  const from = options.from ? dayNumber(options.from) : null;
  const to = options.to ? dayNumber(options.to) : null;
  let first = chosen.length ? Math.min(...chosen.map((c) => c.range[0])) : null;
  let last = chosen.length ? Math.max(...chosen.map((c) => c.range[1])) : null;
  if (from !== null) first = from;
  if (to !== null) last = to;
  const periods = first !== null && last !== null && first <= last ? periodsFor(first, last, granularity) : [];
  const points: SeriesPoint[] = periods.map((p) => ({
    period: p.key,
    start: isoFromDay(p.start),
    end: isoFromDay(p.end),
    goldstein: 0,
    count: 0,
    quad: [0, 0, 0, 0],
    events: [],
  }));
  for (const c of chosen) {
    for (const { index, weight } of spread(c.range, periods)) {
      const p = points[index];
      const contribution = c.item.goldstein * weight;
      p.goldstein += contribution;
      p.count += weight;
      p.quad[c.item.quadClass - 1] += weight;
      p.events.push({
        id: c.item.id,
        direction: c.direction,
        code: c.item.code,
        quadClass: c.item.quadClass,
        goldstein: c.item.goldstein,
        weight: round(weight),
        contribution: round(contribution),
        date: c.item.date?.value ?? null,
        evidence: c.item.evidence,
      });
    }
  }
  for (const p of points) {
    p.goldstein = round(p.goldstein);
    p.count = round(p.count);
    p.quad = p.quad.map((q) => round(q)) as SeriesPoint['quad'];
    p.events.sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution) || x.id.localeCompare(y.id));
  }
  return {
    a,
    b,
    granularity,
    points,
    changePoints: changePoints(points, options),
    total,
    undated,
    tooVague,
  };
}

/** Events whose contribution differs between two points, largest change first. */
export function contributionChanges(p1: SeriesPoint, p2: SeriesPoint): Array<{ event: SeriesEventRef; change: number }> {
  const before = new Map(p1.events.map((e) => [e.id, e]));
  const after = new Map(p2.events.map((e) => [e.id, e]));
  const out: Array<{ event: SeriesEventRef; change: number }> = [];
  for (const [id, e] of after) out.push({ event: e, change: round(e.contribution - (before.get(id)?.contribution ?? 0)) });
  for (const [id, e] of before) if (!after.has(id)) out.push({ event: e, change: round(-e.contribution) });
  return out.filter((x) => x.change !== 0).sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || x.event.id.localeCompare(y.event.id));
}

/**
 * Change points: periods where the balance moves by much more than usual
 * (|Δ| ≥ max(minDelta, factor × mean |Δ|)), or turns from cooperation to
 * conflict (a break) or back (a recovery). A period without events is never
 * a change point: the sources fall silent, they do not say the relation changed.
 */
export function changePoints(points: SeriesPoint[], options: SeriesOptions = {}): ChangePoint[] {
  const minDelta = options.minDelta ?? 1;
  const factor = options.factor ?? 1.5;
  const deltas = points.slice(1).map((p, i) => p.goldstein - points[i].goldstein);
  const moving = deltas.filter((d) => d !== 0);
  const mean = moving.length ? moving.reduce((s, d) => s + Math.abs(d), 0) / moving.length : 0;
  const threshold = Math.max(minDelta, factor * mean);
  const out: ChangePoint[] = [];
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1];
    const cur = points[i];
    const delta = round(cur.goldstein - prev.goldstein);
    const turnsToConflict = prev.goldstein > 0 && cur.goldstein < 0;
    const turnsToCoop = prev.goldstein < 0 && cur.goldstein > 0;
    if (!(Math.abs(delta) >= threshold || turnsToConflict || turnsToCoop)) continue;
    if (cur.count === 0) continue; // silence is not a change: no event says so
    out.push({
      period: cur.period,
      previous: prev.period,
      delta,
      kind: turnsToConflict ? 'break' : turnsToCoop ? 'recovery' : delta > 0 ? 'rise' : 'fall',
      drivers: contributionChanges(prev, cur),
    });
  }
  return out;
}

export interface ChangeExplanation {
  t1: SeriesPoint;
  t2: SeriesPoint;
  delta: { goldstein: number; count: number; quad: [number, number, number, number] };
  /** Events in T2's period but not (or less) in T1's: they raise or lower T2. */
  added: Array<{ event: SeriesEventRef; change: number }>;
  /** Events in T1's period that are gone (or weigh less) in T2's. */
  removed: Array<{ event: SeriesEventRef; change: number }>;
  /** Events in the periods strictly between T1 and T2, for the path in between. */
  between: SeriesEventRef[];
}

function pointAt(series: DyadSeries, t: string): SeriesPoint {
  const p = series.points.find((x) => x.period === t) ?? series.points.find((x) => t >= x.start && t <= x.end);
  if (p) return p;
  // a year given for a monthly series, or a date in a period with no point
  const byPrefix = series.points.filter((x) => x.period.startsWith(t));
  if (byPrefix.length === 1) return byPrefix[0];
  if (byPrefix.length > 1) return aggregate(t, byPrefix);
  throw new AnnalsError('E020', `no period ${t} in the series (it runs ${series.points[0]?.period ?? '—'} to ${series.points.at(-1)?.period ?? '—'})`, t);
}

/** Several periods as one (a year of a monthly series): sums, and each event once with its summed share. */
function aggregate(key: string, points: SeriesPoint[]): SeriesPoint {
  const events = new Map<string, SeriesEventRef>();
  for (const p of points) {
    for (const e of p.events) {
      const seen = events.get(e.id);
      if (seen) {
        seen.weight = round(seen.weight + e.weight);
        seen.contribution = round(seen.contribution + e.contribution);
      } else events.set(e.id, { ...e });
    }
  }
  return {
    period: key,
    start: points[0].start,
    end: points[points.length - 1].end,
    goldstein: round(points.reduce((t, p) => t + p.goldstein, 0)),
    count: round(points.reduce((t, p) => t + p.count, 0)),
    quad: [0, 1, 2, 3].map((i) => round(points.reduce((t, p) => t + p.quad[i], 0))) as SeriesPoint['quad'],
    events: [...events.values()].sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution) || x.id.localeCompare(y.id)),
  };
}

/** What changed between T1 and T2 (period keys like "1975" / "1975-06", or ISO dates). */
export function explainChange(series: DyadSeries, t1: string, t2: string): ChangeExplanation {
  const p1 = pointAt(series, t1);
  const p2 = pointAt(series, t2);
  const changes = contributionChanges(p1, p2);
  const [early, late] = p1.start <= p2.start ? [p1, p2] : [p2, p1];
  const seen = new Set<string>();
  const between: SeriesEventRef[] = [];
  for (const p of series.points.filter((x) => x.start > early.end && x.end < late.start)) {
    for (const e of p.events) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      between.push(e);
    }
  }
  const inP2 = new Set(p2.events.map((e) => e.id));
  return {
    t1: p1,
    t2: p2,
    delta: {
      goldstein: round(p2.goldstein - p1.goldstein),
      count: round(p2.count - p1.count),
      quad: p2.quad.map((q, i) => round(q - p1.quad[i])) as ChangeExplanation['delta']['quad'],
    },
    added: changes.filter((c) => inP2.has(c.event.id)),
    removed: changes.filter((c) => !inP2.has(c.event.id)),
    between,
  };
}

/** Bounds helper for callers holding EDTF option values. */
export function periodBounds(p: SeriesPoint): Bounds {
  return { earliest: p.start, latest: p.end };
}

/** Items from raw events, for a mention-level series. */
export function itemsFromEvents(events: readonly (CodedEvent & { docName?: string })[]): SeriesItem[] {
  return events.map(itemFromEvent);
}
