/**
 * Event scoring against hand-annotated gold documents, computing the same
 * numbers as the reference scorer (`score-events`): evidence overlap, country
 * and entity matching, date overlap and precision, maximum bipartite matching,
 * redundant predictions. Every step follows the reference so the figures agree
 * exactly; on top it reports per-root and per-document breakdowns, root
 * confusions and how well matched events name their actors.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AnnalsError } from '../../core/errors.js';
import { referenceBounds, compareYmd, type Ymd } from './reference-dates.js';

// ---------------------------------------------------------------- dates

export interface DateBounds {
  lo: Ymd;
  hi: Ymd;
  /** Width in (approximate) days, the scorer's measure of precision. */
  span: number;
}

/** Bounds as the scorer reads them (null for no date); throws E020 for an unreadable date. */
export function dateBounds(edtf: unknown): DateBounds | null {
  const b = referenceBounds(edtf);
  if (!b) return null;
  const { lo, hi } = b;
  return { lo, hi, span: (hi[0] - lo[0]) * 372 + (hi[1] - lo[1]) * 31 + (hi[2] - lo[2]) };
}

function overlap(a: DateBounds, b: DateBounds): boolean {
  return compareYmd(a.lo, b.hi) <= 0 && compareYmd(b.lo, a.hi) <= 0;
}

function yearOverlap(a: DateBounds, b: DateBounds): boolean {
  return a.lo[0] <= b.hi[0] && b.lo[0] <= a.hi[0];
}

// ---------------------------------------------------------------- text

const QUOTES: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2013': '-', '\u2014': '-', '\u00a0': ' ' };

export function norm(s: string | null | undefined): string {
  const t = (s ?? '')
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201c\u201d\u2013\u2014\u00a0]/g, (c) => QUOTES[c])
    .toLowerCase();
  return t.replace(/\s+/g, ' ').trim();
}

function tokens(s: string): Set<string> {
  return new Set(norm(s).match(/[a-z0-9\u00c0-\u024f]+/g) ?? []);
}

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{Mn}/gu, '');
}

export function evidenceOverlaps(predText: string | null | undefined, goldText: string | null | undefined): boolean {
  const p = norm(predText);
  const g = norm(goldText);
  if (!p || !g) return false;
  if (p.includes(g) || g.includes(p)) return true;
  const tp = tokens(p);
  const tg = tokens(g);
  if (!tp.size || !tg.size) return false;
  let common = 0;
  for (const t of tp) if (tg.has(t)) common++;
  return common / Math.min(tp.size, tg.size) >= 0.6;
}

// ---------------------------------------------------------------- actors

/** A predicted actor as exported (`{name, country, ...}`), or anything a JSON line holds there. */
export type PredActor = Record<string, unknown> | null;

export interface GoldEntity {
  id: string;
  name?: string;
  kind?: string;
  country?: string | null;
  aliases?: string[];
}

function nameKeys(name: string): string {
  const n = stripAccents(norm(name));
  return n.replace(/^(the|comrade|prince|president|prime minister|minister|king|chairman) /, '');
}

function words(s: string): Set<string> {
  return new Set(s.split(/\s+/).filter(Boolean));
}

function isSubset(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export function actorMatches(pred: PredActor | undefined, gold: GoldEntity | null | undefined): boolean {
  if (pred == null || gold == null) return pred == null && gold == null;
  const rawName = pred.name;
  const pname = nameKeys(typeof rawName === 'string' ? rawName : '');
  if (!pname) return false;
  const names = new Set([nameKeys(gold.name ?? ''), ...(gold.aliases ?? []).map(nameKeys)]);
  if (names.has(pname)) return true;
  const pt = words(pname);
  for (const n of names) {
    const nt = words(n);
    // surname / full-name containment ("Hoxha" ~ "Enver Hoxha")
    if (nt.size && pt.size && (isSubset(pt, nt) || isSubset(nt, pt))) return true;
  }
  return false;
}

function countryOf(x: PredActor | GoldEntity | null | undefined): string | null {
  if (x == null) return null;
  const c = (x as Record<string, unknown>).country;
  return typeof c === 'string' && c ? c.toUpperCase() : null;
}

/** A JSON value that is there in the scorer's sense (not null, not an empty object or string). */
function present(a: unknown): a is Record<string, unknown> {
  if (a === null || a === undefined || a === false || a === 0 || a === '') return false;
  if (typeof a === 'object' && !Array.isArray(a) && Object.keys(a as object).length === 0) return false;
  return !(Array.isArray(a) && a.length === 0);
}

// ---------------------------------------------------------------- loading

export interface GoldEvent {
  id: string;
  evidence: string;
  code: string;
  source: GoldEntity | null;
  target: GoldEntity | null;
  date: DateBounds | null;
  dateRaw: unknown;
}

export interface PredEvent {
  code: string;
  source: PredActor;
  target: PredActor;
  date: DateBounds | null;
  dateRaw: unknown;
  evidence: string | null;
}

export interface GoldSet {
  /** Document key (file name without extension) → events. */
  events: Map<string, GoldEvent[]>;
  /** Document key → entities taking part in at least one event. */
  entities: Map<string, GoldEntity[]>;
}

export function docKey(name: unknown): string {
  return basename(String(name)).replace(/\.[A-Za-z0-9]+$/, '');
}

/** Read gold/<doc>.json files (see the gold schema); `only` keeps one document. */
export function loadGold(goldDir: string, only?: string): GoldSet {
  let files: string[];
  try {
    if (!statSync(goldDir).isDirectory()) throw new AnnalsError('E020', 'not a folder of gold files', goldDir);
    files = readdirSync(goldDir).sort();
  } catch (e) {
    if (e instanceof AnnalsError) throw e;
    throw new AnnalsError('E001', 'gold folder not found', goldDir);
  }
  const set: GoldSet = { events: new Map(), entities: new Map() };
  for (const f of files) {
    if (!f.endsWith('.json')) continue;
    const path = join(goldDir, f);
    let g: { doc?: string; entities: GoldEntity[]; events: Array<Record<string, unknown>> };
    try {
      g = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new AnnalsError('E005', `gold file is not JSON: ${(e as Error).message}`, path);
    }
    if (!g || !Array.isArray(g.entities) || !Array.isArray(g.events)) {
      throw new AnnalsError('E005', 'gold file lacks "entities" or "events"', path);
    }
    const key = docKey(g.doc ?? f);
    if (only && key !== docKey(only)) continue;
    const ents = new Map(g.entities.map((e) => [e.id, e]));
    const evs: GoldEvent[] = [];
    for (const e of g.events) {
      let date: DateBounds | null;
      try {
        date = dateBounds(e.date);
      } catch (err) {
        throw new AnnalsError('E005', `event ${String(e.id)}: ${(err as Error).message}`, path);
      }
      evs.push({
        id: String(e.id),
        evidence: String(e.evidence ?? ''),
        code: String(e.code),
        source: ents.get(e.source as string) ?? null,
        target: e.target ? (ents.get(e.target as string) ?? null) : null,
        date,
        dateRaw: e.date,
      });
    }
    set.events.set(key, evs);
    set.entities.set(
      key,
      g.entities.filter((en) => g.events.some((ev) => ev.source === en.id || ev.target === en.id)),
    );
  }
  return set;
}

export interface Predictions {
  /** Document key → events, in the order given. */
  byDoc: Map<string, PredEvent[]>;
  /** Lines or records that could not be read (no code, unreadable date, not JSON). */
  unparsed: number;
}

/** Predictions from export records (objects in the JSONL contract); `null` stands for an unreadable line. */
export function readPredictions(records: Iterable<unknown>): Predictions {
  const out: Predictions = { byDoc: new Map(), unparsed: 0 };
  for (const rec of records) {
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec) || !('code' in rec)) {
      out.unparsed++;
      continue;
    }
    const e = rec as Record<string, unknown>;
    let item: PredEvent;
    try {
      const ev = present(e.evidence) ? e.evidence : {};
      const isDict = typeof ev === 'object' && ev !== null && !Array.isArray(ev);
      const text = isDict ? (ev as Record<string, unknown>).text : ev;
      item = {
        code: String(e.code),
        source: (e.source ?? null) as PredActor,
        target: (e.target ?? null) as PredActor,
        date: dateBounds(e.date),
        dateRaw: e.date,
        evidence: text === undefined || text === null ? null : String(text),
      };
    } catch {
      out.unparsed++;
      continue;
    }
    const key = docKey(e.doc ?? '');
    const list = out.byDoc.get(key) ?? [];
    list.push(item);
    out.byDoc.set(key, list);
  }
  return out;
}

/** Predictions from JSON Lines text (blank lines skipped, unreadable ones counted). */
export function parsePredictionLines(text: string): Predictions {
  const records: unknown[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      records.push(null);
    }
  }
  return readPredictions(records);
}

// ---------------------------------------------------------------- criteria

type Criterion = (p: PredEvent, g: GoldEvent) => boolean;

export const l1: Criterion = (p, g) => {
  if (p.code.slice(0, 2) !== g.code.slice(0, 2)) return false;
  if (countryOf(p.source) !== countryOf(g.source)) return false;
  if (countryOf(p.target) !== countryOf(g.target)) return false;
  if (g.date !== null && (p.date === null || !yearOverlap(p.date, g.date))) return false;
  return true;
};

export const l2: Criterion = (p, g) => {
  if (p.code.slice(0, 3) !== g.code.slice(0, 3)) return false;
  if (!actorMatches(p.source, g.source) || !actorMatches(p.target, g.target)) return false;
  if (g.date !== null) {
    if (p.date === null || !overlap(p.date, g.date)) return false;
    if (p.date.span > Math.max(g.date.span, 0) + 3) return false; // coarser than gold
  }
  return true;
};

const l1NoDate: Criterion = (p, g) =>
  p.code.slice(0, 2) === g.code.slice(0, 2) && countryOf(p.source) === countryOf(g.source) && countryOf(p.target) === countryOf(g.target);

/** L1 without the code: the dyad and date agree, so the roots can be compared. */
const l1NoCode: Criterion = (p, g) => {
  if (countryOf(p.source) !== countryOf(g.source) || countryOf(p.target) !== countryOf(g.target)) return false;
  return g.date === null || (p.date !== null && yearOverlap(p.date, g.date));
};

function dateOk(p: PredEvent, g: GoldEvent): boolean {
  if (g.date === null) return true;
  if (p.date === null || !overlap(p.date, g.date)) return false;
  return p.date.span <= Math.max(g.date.span, 0) + 3;
}

// ---------------------------------------------------------------- matching

/**
 * Maximum bipartite matching (Kuhn's augmenting paths) of predictions to gold
 * events allowed by `crit` with overlapping evidence, trying predictions and
 * their candidates in order. Returns gold index → prediction index.
 */
function maxMatching(preds: PredEvent[], golds: GoldEvent[], crit: Criterion): Map<number, number> {
  const adj = preds.map((p) => {
    const list: number[] = [];
    golds.forEach((g, j) => {
      if (crit(p, g) && evidenceOverlaps(p.evidence, g.evidence)) list.push(j);
    });
    return list;
  });
  const owner = new Map<number, number>();
  const augment = (i: number, seen: Set<number>): boolean => {
    for (const j of adj[i]) {
      if (seen.has(j)) continue;
      seen.add(j);
      const k = owner.get(j);
      if (k === undefined || augment(k, seen)) {
        owner.set(j, i);
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < preds.length; i++) augment(i, new Set());
  return owner;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  redundant: number;
}

function match(preds: PredEvent[], golds: GoldEvent[], crit: Criterion): Counts & { owner: Map<number, number>; redundantPreds: Set<number> } {
  const owner = maxMatching(preds, golds, crit);
  const usedP = new Set(owner.values());
  const usedG = [...owner.keys()];
  const redundantPreds = new Set<number>();
  preds.forEach((p, i) => {
    if (!usedP.has(i) && usedG.some((j) => crit(p, golds[j]))) redundantPreds.add(i);
  });
  const tp = owner.size;
  return { tp, fp: preds.length - tp - redundantPreds.size, fn: golds.length - tp, redundant: redundantPreds.size, owner, redundantPreds };
}

function dateAccuracy(preds: PredEvent[], golds: GoldEvent[]): { matchedDated: number; right: number; wrong: number } {
  const owner = maxMatching(preds, golds, l1NoDate);
  const dated = [...owner.entries()].filter(([j]) => golds[j].date !== null).map(([j, i]) => [i, j] as const);
  const right = dated.filter(([i, j]) => dateOk(preds[i], golds[j])).length;
  const wrong = dated.filter(([i, j]) => preds[i].date !== null && !overlap(preds[i].date!, golds[j].date!)).length;
  return { matchedDated: dated.length, right, wrong };
}

function entityCoverage(preds: PredEvent[], entities: GoldEntity[]): { gold: number; found: number } {
  const actors = preds.flatMap((p) => [p.source, p.target]).filter(present);
  let found = 0;
  for (const e of entities) {
    const want = (e.country ?? '').toUpperCase();
    if (actors.some((a) => (actorMatches(a, e) && countryOf(a) === want) || (actorMatches(a, e) && !e.country))) found++;
  }
  return { gold: entities.length, found };
}

// ---------------------------------------------------------------- report

export interface Prf {
  p: number;
  r: number;
  f1: number;
}

export function prf(tp: number, fp: number, fn: number): Prf {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  return { p, r, f1 };
}

export type LevelScore = Counts & Prf;

export interface DocScore {
  doc: string;
  gold: number;
  pred: number;
  L1: LevelScore;
  L2: LevelScore;
  dates: { matched_dated: number; right: number; wrong: number };
  entities: { gold: number; found: number };
}

export interface RootScore extends Prf {
  root: string;
  gold: number;
  pred: number;
  /** Gold events of this root matched at L1. */
  matched: number;
  /** Predictions of this root that restate a matched event. */
  redundant: number;
}

export interface ActorLinking {
  /** L1-matched pairs (country dyad, root, date and evidence agree). */
  pairs: number;
  /** Among them, predicted source / target naming the gold entity. */
  source: number;
  target: number;
  both: number;
}

export interface EvalReport {
  docs: DocScore[];
  summary: {
    L1: LevelScore;
    L2: LevelScore;
    dates: { matched_dated: number; right: number; wrong: number; accuracy: number };
    entities: { gold: number; found: number; coverage: number };
  };
  unparsed_lines: number;
  docs_without_gold: string[];
  /** Per CAMEO root (2 digits), at L1. */
  roots: RootScore[];
  /** Gold root → predicted root, for predictions that agree on dyad, date and evidence but not on the root. */
  confusions: Array<{ gold: string; pred: string; count: number }>;
  actorLinking: ActorLinking;
  /**
   * Actor resolution over the documents' own text (only when the mentions are at hand: a corpus
   * annotated in memory or a store): of the gold entities, how many resolve to one entity with the
   * right country, and how many of their aliases map to it (src/annotators/resolve-linking.ts).
   */
  resolution?: { entities: number; resolved: number; aliases: number; mapped: number };
}

function level(c: Counts): LevelScore {
  return { tp: c.tp, fp: c.fp, fn: c.fn, redundant: c.redundant, ...prf(c.tp, c.fp, c.fn) };
}

/** Score predictions against a gold set. */
export function scoreEvents(gold: GoldSet, predictions: Predictions): EvalReport {
  const docs: DocScore[] = [];
  const tot = { L1: { tp: 0, fp: 0, fn: 0, redundant: 0 }, L2: { tp: 0, fp: 0, fn: 0, redundant: 0 } };
  const roots = new Map<string, { gold: number; pred: number; matched: number; redundant: number }>();
  const rootOf = (r: string) => {
    let x = roots.get(r);
    if (!x) roots.set(r, (x = { gold: 0, pred: 0, matched: 0, redundant: 0 }));
    return x;
  };
  const confusions = new Map<string, number>();
  const linking: ActorLinking = { pairs: 0, source: 0, target: 0, both: 0 };

  for (const key of [...gold.events.keys()].sort()) {
    const golds = gold.events.get(key)!;
    const ps = predictions.byDoc.get(key) ?? [];
    const m1 = match(ps, golds, l1);
    const m2 = match(ps, golds, l2);
    for (const [name, m] of [
      ['L1', m1],
      ['L2', m2],
    ] as const) {
      tot[name].tp += m.tp;
      tot[name].fp += m.fp;
      tot[name].fn += m.fn;
      tot[name].redundant += m.redundant;
    }
    const d = dateAccuracy(ps, golds);
    const ent = entityCoverage(ps, gold.entities.get(key) ?? []);
    docs.push({
      doc: key,
      gold: golds.length,
      pred: ps.length,
      L1: level(m1),
      L2: level(m2),
      dates: { matched_dated: d.matchedDated, right: d.right, wrong: d.wrong },
      entities: ent,
    });

    for (const g of golds) rootOf(g.code.slice(0, 2)).gold++;
    ps.forEach((p, i) => {
      const r = rootOf(p.code.slice(0, 2));
      r.pred++;
      if (m1.redundantPreds.has(i)) r.redundant++;
    });
    for (const [j, i] of m1.owner) {
      rootOf(golds[j].code.slice(0, 2)).matched++;
      linking.pairs++;
      const s = actorMatches(ps[i].source, golds[j].source);
      const t = actorMatches(ps[i].target, golds[j].target);
      if (s) linking.source++;
      if (t) linking.target++;
      if (s && t) linking.both++;
    }
    for (const [j, i] of maxMatching(ps, golds, l1NoCode)) {
      const gr = golds[j].code.slice(0, 2);
      const pr = ps[i].code.slice(0, 2);
      if (gr !== pr) confusions.set(`${gr} ${pr}`, (confusions.get(`${gr} ${pr}`) ?? 0) + 1);
    }
  }

  const dn = docs.reduce((a, r) => a + r.dates.matched_dated, 0);
  const dr = docs.reduce((a, r) => a + r.dates.right, 0);
  const dw = docs.reduce((a, r) => a + r.dates.wrong, 0);
  const en = docs.reduce((a, r) => a + r.entities.gold, 0);
  const ef = docs.reduce((a, r) => a + r.entities.found, 0);
  return {
    docs,
    summary: {
      L1: level(tot.L1),
      L2: level(tot.L2),
      dates: { matched_dated: dn, right: dr, wrong: dw, accuracy: dn ? dr / dn : 0 },
      entities: { gold: en, found: ef, coverage: en ? ef / en : 0 },
    },
    unparsed_lines: predictions.unparsed,
    docs_without_gold: [...predictions.byDoc.keys()].filter((k) => !gold.events.has(k)).sort(),
    roots: [...roots.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([root, r]) => ({ root, ...r, ...prf(r.matched, r.pred - r.matched - r.redundant, r.gold - r.matched) })),
    confusions: [...confusions.entries()]
      .map(([k, count]) => {
        const [g, p] = k.split(' ');
        return { gold: g, pred: p, count };
      })
      .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold) || a.pred.localeCompare(b.pred)),
    actorLinking: linking,
  };
}
