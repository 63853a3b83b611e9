/**
 * The analysis layer at scale, in memory (no store, no server): merging,
 * conflicting accounts, the actor network of a period and a dyad's series on
 * synthetic events. Our own generator: 1,000 documents of 100 dated events
 * between 40 states, a tenth of them between Albania and Cambodia, dates to
 * the day, month or year, and a fifth of them retelling an event of an
 * earlier document (same dyad and code, the same or a coarser date, sometimes
 * a related code), so that merging and conflicts have work to do. Prints
 * figures and a digest of the results (to check that a faster version gives
 * the same groups and conflicts); it asserts nothing.
 *
 *   node --import tsx bench/analysis.ts [--events 100000] [--runs 3] [--only merge,conflicts,network,dyad]
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { CodedEvent, DatePrecision, EntityRef, QuadClass } from '../src/core/types.js';
import { mergeEvents, type AnalysisEvent } from '../src/analysis/merge.js';
import { findConflicts } from '../src/analysis/conflicts.js';
import { actorNetwork } from '../src/analysis/network.js';
import { dyadSeries, itemFromMerged } from '../src/analysis/dyad.js';
import { createRandom } from './generate.js';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
}

const COUNTRIES = 'ALB KHM CHN USA SUN YUG FRA GBR DEU ITA GRC TUR EGY ISR JOR SYR IRN IRQ IND PAK VNM LAO THA JPN KOR PRK ROU POL HUN CSK DDR BGR CUB MEX BRA ARG ZAF NGA ETH KEN'.split(' ');
const STATES: EntityRef[] = COUNTRIES.map((c) => ({ id: `state:${c}`, name: `State ${c}`, kind: 'state', country: c }));
/** code, Goldstein, quad class; neighbours in data/merge/rules.json are included on purpose. */
const CODES: Array<[string, number, QuadClass]> = [
  ['042', 1.9, 1], ['040', 1, 1], ['046', 7, 1], ['051', 3.4, 1], ['057', 8, 1], ['070', 7, 2], ['073', 7.4, 2],
  ['111', -2, 3], ['112', -2, 3], ['138', -7, 3], ['1663', -5, 4], ['161', -4, 4], ['190', -10, 4], ['193', -10, 4],
];
const RELATED: Record<string, string> = { '040': '046', '046': '040', '070': '073', '073': '070', '111': '112', '112': '111', '190': '193', '193': '190' };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function dated(y: number, m: number, d: number, precision: DatePrecision): NonNullable<CodedEvent['date']> {
  const base = { span: null, ruleId: 'bench.synthetic-v1', confidence: 0.9, precision };
  if (precision === 'day') return { ...base, value: `${y}-${pad(m)}-${pad(d)}`, earliest: `${y}-${pad(m)}-${pad(d)}`, latest: `${y}-${pad(m)}-${pad(d)}` };
  if (precision === 'month') return { ...base, value: `${y}-${pad(m)}`, earliest: `${y}-${pad(m)}-01`, latest: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
  return { ...base, value: `${y}`, earliest: `${y}-01-01`, latest: `${y}-12-31` };
}

interface Told {
  src: EntityRef;
  tgt: EntityRef;
  code: [string, number, QuadClass];
  y: number;
  m: number;
  d: number;
  precision: DatePrecision;
}

/** Synthetic mentions, deterministic for a seed. */
export function syntheticEvents(total: number, seed = 7, perDoc = 100): AnalysisEvent[] {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const told: Told[] = [];
  const out: AnalysisEvent[] = [];
  for (let i = 0; i < total; i++) {
    const docIndex = Math.floor(i / perDoc);
    const docId = `doc${String(docIndex).padStart(6, '0')}`;
    let t: Told;
    const retell = told.length > 0 && random() < 0.2 ? told[Math.floor(random() * told.length)] : null;
    if (retell) {
      const precision: DatePrecision = retell.precision === 'day' ? pick(['day', 'day', 'month', 'year'] as const) : retell.precision === 'month' ? pick(['month', 'year'] as const) : 'year';
      const related = RELATED[retell.code[0]];
      const code = related && random() < 0.3 ? CODES.find((c) => c[0] === related)! : retell.code;
      // now and then an account misdates it by some weeks
      const shift = random() < 0.1 ? 10 + Math.floor(random() * 40) : 0;
      const day = new Date(Date.UTC(retell.y, retell.m - 1, retell.d + shift));
      t = { ...retell, code, precision, y: day.getUTCFullYear(), m: day.getUTCMonth() + 1, d: day.getUTCDate() };
    } else {
      let a = random() < 0.1 ? 0 : Math.floor(random() * STATES.length);
      let b = a === 0 && random() < 0.9 ? 1 : Math.floor(random() * STATES.length);
      if (a === b) b = (b + 1) % STATES.length;
      if (random() < 0.5) [a, b] = [b, a];
      const r = random();
      t = {
        src: STATES[a],
        tgt: STATES[b],
        code: pick(CODES),
        y: 1950 + Math.floor(random() * 60),
        m: 1 + Math.floor(random() * 12),
        d: 1 + Math.floor(random() * 28),
        precision: r < 0.5 ? 'day' : r < 0.75 ? 'month' : 'year',
      };
      told.push(t);
    }
    const k = i % perDoc;
    const text = `${t.src.name} ${t.code[0]} ${t.tgt.name} (${k}).`;
    const start = k * 60;
    out.push({
      id: `${docId}-${k}`,
      docId,
      docName: `${docId}.txt`,
      evidence: { start, end: start + text.length },
      evidenceText: text,
      sentence: { start, end: start + text.length },
      source: t.src,
      target: t.tgt,
      sourceSpan: null,
      targetSpan: null,
      trigger: null,
      code: t.code[0],
      root: t.code[0].slice(0, 2),
      goldstein: t.code[1],
      quadClass: t.code[2],
      plover: null,
      date: dated(t.y, t.m, t.d, t.precision),
      claimant: null,
      modality: random() < 0.03 ? 'negated' : 'asserted',
      confidence: 0.8,
      ruleId: 'bench.synthetic-v1',
      reason: 'synthetic event for the analysis benchmark',
      extractor: 'bench',
    });
  }
  return out;
}

function digest(x: unknown): string {
  return createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 12);
}

/** Wall-clock and CPU (user + system) milliseconds of each run: on a loaded machine the CPU time is the steadier figure. */
function time<T>(fn: () => T, runs: number): { ms: number[]; cpu: number[]; value: T } {
  const ms: number[] = [];
  const cpu: number[] = [];
  let value!: T;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    value = fn();
    ms.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms, cpu, value };
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

function show(label: string, t: { ms: number[]; cpu: number[] }, extra: string): void {
  console.log(`${label.padEnd(46)} median ${median(t.ms).toFixed(0).padStart(7)} ms wall, ${median(t.cpu).toFixed(0).padStart(7)} ms CPU (${t.ms.length} runs)  ${extra}`);
}

function overlaps(e: AnalysisEvent, lo: string, hi: string): boolean {
  return !!e.date && e.date.latest >= lo && e.date.earliest <= hi;
}

async function main(): Promise<void> {
  const total = Number(arg('events', '100000'));
  const runs = Number(arg('runs', '3'));
  const only = new Set(arg('only', 'merge,conflicts,network,dyad').split(','));
  const events = syntheticEvents(total);
  console.log(`${events.length.toLocaleString('en')} synthetic mentions in ${new Set(events.map((e) => e.docId)).size} documents`);
  const ALL = 'all mentions';
  if (only.has('merge') || only.has('conflicts')) {
    const m = time(() => mergeEvents(events), runs);
    show(`merge, ${ALL}`, m, `${m.value.merged.length.toLocaleString('en')} merged events, digest ${digest(m.value.merged.map((x) => [x.id, x.ruleId, x.score, x.candidates, x.date]))}`);
    if (only.has('conflicts')) {
      const c = time(() => findConflicts(m.value.merged), runs);
      show(`conflicts over the merged events (merge not counted)`, c, `${c.value.length.toLocaleString('en')} conflicts, digest ${digest(c.value)}`);
    }
  }
  if (only.has('network')) {
    for (const [label, lo, hi] of [['one year (1975)', '1975-01-01', '1975-12-31'], ['ten years (1970-1979)', '1970-01-01', '1979-12-31']] as const) {
      const inPeriod = events.filter((e) => overlaps(e, lo, hi));
      const n = time(() => actorNetwork(mergeEvents(inPeriod).merged.map(itemFromMerged), { from: lo, to: hi }), runs);
      show(`network of ${label}, merge included`, n, `${inPeriod.length.toLocaleString('en')} mentions, ${n.value.edges.length} edges, digest ${digest(n.value)}`);
    }
  }
  if (only.has('dyad')) {
    const pair = events.filter((e) => (e.source?.country === 'ALB' && e.target?.country === 'KHM') || (e.source?.country === 'KHM' && e.target?.country === 'ALB'));
    const d = time(() => dyadSeries(mergeEvents(pair).merged.map(itemFromMerged), 'ALB', 'KHM', { granularity: 'auto' }), runs);
    show(`dyad ALB-KHM series, merge included`, d, `${pair.length.toLocaleString('en')} mentions, ${d.value.points.length} points, digest ${digest(d.value)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
