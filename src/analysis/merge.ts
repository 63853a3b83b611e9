/**
 * Merging: mentions of one real-world event, within and across documents,
 * become one merged event that lists every member, the rule and score that
 * joined each member, and how many independent documents corroborate it.
 *
 * Two mentions are the same event when
 *  - their factuality agrees (asserted/reported vs negated vs hypothetical vs planned),
 *  - their dyads agree side by side (same entity; across documents a state may
 *    stand for a person or group of that state),
 *  - their codes agree (same code or a more or less specific form of it; across
 *    documents also the code pairs listed in data/merge/rules.json),
 *  - their dates overlap with the dates of every member already joined
 *    (so five visits in five different years stay five events).
 * A mention is compared with every member of a group (complete linkage), so
 * a vague date ("the 1970s") never chains two precise ones together; a vague
 * mention that fits several groups stays apart and lists them as candidates.
 * A mention dated to more than a year (a decade, a long interval) joins only
 * groups of similar vagueness. Undated mentions are joined only with a
 * mention coded from the same words; the dated events they may restate are
 * listed as candidates for a reviewer.
 *
 * User decisions (merge these two, keep these two apart, detach this one) are
 * keyed by event id and fingerprint and are applied before the automatic rules.
 */
import type { CodedEvent, EntityRef, Modality, QuadClass } from '../core/types.js';
import { dayRange, isoFromDay, type Bounds } from './bounds.js';
import { hash53, type EventKey, fingerprint } from './event-key.js';
import { DEFAULT_RULES, type MergeRules } from './rules.js';

export type AnalysisEvent = CodedEvent & { docName?: string };

export type DecisionKind = 'merge' | 'split';

/** A user's decision. `b` null with kind "split" detaches `a` from every other mention. */
export interface MergeDecision {
  kind: DecisionKind;
  a: EventKey;
  b: EventKey | null;
  note?: string;
  /** ISO timestamp; later decisions about the same pair win. */
  at?: string;
}

export interface MemberLink {
  eventId: string;
  /** The rule that admitted this member ("merge.first-v1" for the first member). */
  ruleId: string;
  score: number;
  reasons: string[];
}

export interface Account {
  docId: string;
  docName: string | null;
  /** Who asserts it: the claimant's name, or null for the document's author. */
  claimant: EntityRef | null;
  eventIds: string[];
}

export type DisagreementField = 'date' | 'code' | 'source' | 'target' | 'claimant' | 'modality';

export interface Disagreement {
  field: DisagreementField;
  /** True when the values cannot all be true at once (disjoint dates); false when they only differ in precision or wording. */
  contradictory: boolean;
  values: Array<{ value: string; eventIds: string[] }>;
}

export interface MergedDate {
  value: string;
  earliest: string;
  latest: string;
  precision: string;
}

export interface MergedEvent {
  /** "m" + hash of the sorted member ids: stable while the membership is. */
  id: string;
  members: AnalysisEvent[];
  links: MemberLink[];
  /** The weakest rule that joined a member ("merge.single-v1" when alone). */
  ruleId: string;
  /** The lowest link score (1 when alone). */
  score: number;
  /** Independent documents that report it. */
  documents: number;
  accounts: Account[];
  source: EntityRef | null;
  target: EntityRef | null;
  code: string;
  root: string;
  goldstein: number;
  quadClass: QuadClass;
  plover: string | null;
  /** The part of time every member allows (or the widest span when a user merged disjoint dates). */
  date: MergedDate | null;
  modality: Modality;
  confidence: number;
  disagreements: Disagreement[];
  /** Ids of other merged events this one could also belong to (vague date or undated). */
  candidates: string[];
  /** True when a user decision shaped this group. */
  decided: boolean;
}

export interface MergeOptions {
  rules?: MergeRules;
  decisions?: MergeDecision[];
}

export interface MergeResult {
  merged: MergedEvent[];
  /** Decisions whose events were not found (kept, shown to the user). */
  unresolvedDecisions: MergeDecision[];
}

const FACTUALITY: Record<Modality, string> = {
  asserted: 'factual',
  reported: 'factual',
  negated: 'negated',
  hypothetical: 'hypothetical',
  planned: 'planned',
};

const PRECISION_RANK: Record<string, number> = {
  day: 0,
  month: 1,
  season: 2,
  year: 3,
  interval: 4,
  decade: 5,
  century: 6,
  unknown: 7,
};

interface Factor {
  score: number;
  ruleId: string;
  reason: string;
}

interface Pair {
  score: number;
  factors: Factor[];
}

export function dateBounds(e: CodedEvent): Bounds | null {
  return e.date && e.date.earliest && e.date.latest ? { earliest: e.date.earliest, latest: e.date.latest } : null;
}

const rangeMemo = new WeakMap<CodedEvent, [number, number] | null>();

/** Inclusive day range of an event's date (null when undated), read once per event. */
export function eventRange(e: CodedEvent): [number, number] | null {
  let r = rangeMemo.get(e);
  if (r === undefined) {
    const b = dateBounds(e);
    r = b ? dayRange(b) : null;
    rangeMemo.set(e, r);
  }
  return r;
}

function actorFactor(a: EntityRef | null, b: EntityRef | null, sameDoc: boolean, side: string, rules: MergeRules): Factor | null {
  if (!a && !b) return { score: 1, ruleId: 'merge.same-event-v1', reason: `no ${side} in either` };
  if (!a || !b) return null;
  if (a.id === b.id) return { score: 1, ruleId: 'merge.same-event-v1', reason: `same ${side} ${a.id}` };
  if (
    !sameDoc &&
    rules.actors.countryLevelAcrossDocuments &&
    a.country &&
    a.country === b.country &&
    (a.kind === 'state' || b.kind === 'state')
  ) {
    return {
      score: rules.actors.countryLevelScore,
      ruleId: 'merge.country-level-actor-v1',
      reason: `${side} ${a.name} and ${b.name} both stand for ${a.country} in different documents`,
    };
  }
  return null;
}

function isGeneric(code: string): boolean {
  return code.length === 3 && code.endsWith('0');
}

export function codeFactor(a: string, b: string, sameDoc: boolean, rules: MergeRules): Factor | null {
  if (a === b) return { score: 1, ruleId: 'merge.same-event-v1', reason: `same code ${a}` };
  if (a.startsWith(b) || b.startsWith(a)) {
    return { score: rules.codes.prefixScore, ruleId: 'merge.code-specificity-v1', reason: `${a} and ${b} are the same code at different specificity` };
  }
  if (sameDoc) return null;
  const a3 = a.slice(0, 3);
  const b3 = b.slice(0, 3);
  for (const p of rules.codes.compatible) {
    if ((p.a === a3 && p.b === b3) || (p.a === b3 && p.b === a3)) {
      return { score: p.score, ruleId: 'merge.code-compatible-v1', reason: `${a} ~ ${b}: ${p.reason}` };
    }
  }
  if (a3.slice(0, 2) === b3.slice(0, 2) && (isGeneric(a3) || isGeneric(b3))) {
    return { score: 0.75, ruleId: 'merge.code-generic-v1', reason: `${isGeneric(a3) ? a3 : b3} is the unspecified form of root ${a3.slice(0, 2)}` };
  }
  return null;
}

function pairFactors(x: AnalysisEvent, y: AnalysisEvent, rules: MergeRules, sameDoc = x.docId === y.docId): Pair | null {
  if (FACTUALITY[x.modality] !== FACTUALITY[y.modality]) return null;
  // the code first: it parts most pairs of a dyad
  const c = codeFactor(x.code, y.code, sameDoc, rules);
  if (!c) return null;
  const s = actorFactor(x.source, y.source, sameDoc, 'source', rules);
  if (!s) return null;
  const t = actorFactor(x.target, y.target, sameDoc, 'target', rules);
  if (!t) return null;
  const factors = [s, t, c];
  return { score: s.score * t.score * c.score, factors };
}

/** Date score (ranges in days): 1 when one range contains the other, lower for partial overlaps, null when they are disjoint. */
function dateScore(ar: [number, number], br: [number, number]): number | null {
  const lo = Math.max(ar[0], br[0]);
  const hi = Math.min(ar[1], br[1]);
  if (lo > hi) return null;
  return (hi - lo + 1) / Math.min(ar[1] - ar[0] + 1, br[1] - br[0] + 1);
}

function dateReason(a: Bounds, b: Bounds): string {
  return `dates overlap (${a.earliest}..${a.latest} and ${b.earliest}..${b.latest})`;
}

function precisionRank(e: CodedEvent): number {
  return e.date ? (PRECISION_RANK[e.date.precision] ?? 7) : 8;
}

function blockKey(e: CodedEvent): string {
  const side = (r: EntityRef | null) => (r ? (r.country ?? r.id) : '-');
  return `${side(e.source)}>${side(e.target)}|${FACTUALITY[e.modality]}`;
}

/** Members alike in everything pairFactors reads, and the documents they come from. */
interface Signature {
  rep: AnalysisEvent;
  docs: Set<string>;
}

function signatureOf(e: AnalysisEvent): string {
  return `${e.source?.id ?? '-'}|${e.target?.id ?? '-'}|${e.code}|${FACTUALITY[e.modality]}`;
}

interface Group {
  members: AnalysisEvent[];
  links: MemberLink[];
  sigs: Map<string, Signature>;
  /** Day numbers of `common`, for a quick overlap test. */
  range: [number, number] | null;
  /** The intersection of member dates, null when no member is dated or (user merges) when they are disjoint. */
  common: Bounds | null;
  dated: boolean;
  decided: boolean;
  frozen: boolean;
  candidates: Group[];
  /** Order of the group in its block: candidates are listed in this order. */
  seq: number;
  /** Last query that visited the group (for de-duplicating index hits). */
  seen: number;
}

/**
 * The groups of one block (same countries and factuality), in the order they
 * were made, with an index of the dated ones by stretches of BUCKET_DAYS days,
 * so a dated mention is compared only with the groups its date can overlap.
 */
interface Block {
  groups: Group[];
  buckets: Map<number, Group[]>;
  /** Dated groups too long to index (more than MAX_BUCKETS stretches). */
  wide: Group[];
}

const BUCKET_DAYS = 64;
const MAX_BUCKETS = 64;

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Resolve a key to present events: by id first, then by fingerprint. */
function resolveKey(key: EventKey, byId: Map<string, AnalysisEvent>, byPrint: () => Map<string, AnalysisEvent[]>): AnalysisEvent[] {
  const e = byId.get(key.id);
  if (e) return [e];
  return byPrint().get(key.fingerprint) ?? [];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function eventOrder(a: AnalysisEvent, b: AnalysisEvent): number {
  return (
    precisionRank(a) - precisionRank(b) ||
    cmp(a.date?.earliest ?? '', b.date?.earliest ?? '') ||
    cmp(a.docId, b.docId) ||
    a.evidence.start - b.evidence.start ||
    cmp(a.id, b.id)
  );
}

/** Sort by eventOrder with the keys computed once. */
function sortEvents(list: AnalysisEvent[]): AnalysisEvent[] {
  const keyed = list.map((e) => ({ e, r: precisionRank(e), d: e.date?.earliest ?? '' }));
  keyed.sort((x, y) => x.r - y.r || cmp(x.d, y.d) || cmp(x.e.docId, y.e.docId) || x.e.evidence.start - y.e.evidence.start || cmp(x.e.id, y.e.id));
  return keyed.map((k) => k.e);
}

/**
 * Group events into merged events. Pure and deterministic: the same events
 * and decisions always give the same groups, in order of date.
 */
export function mergeEvents(events: readonly AnalysisEvent[], options: MergeOptions = {}): MergeResult {
  const rules = options.rules ?? DEFAULT_RULES;
  const byId = new Map<string, AnalysisEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  const unique = [...byId.values()];
  // fingerprints only when a decision names an event that is not found by id
  let prints: Map<string, AnalysisEvent[]> | null = null;
  const byPrint = (): Map<string, AnalysisEvent[]> => {
    if (!prints) {
      prints = new Map();
      for (const e of unique) {
        const fp = fingerprint(e);
        const list = prints.get(fp);
        if (list) list.push(e);
        else prints.set(fp, [e]);
      }
    }
    return prints;
  };

  // 1. User decisions: the last decision about a pair wins.
  const pairDecision = new Map<string, { kind: DecisionKind; note?: string }>();
  const detached = new Set<string>();
  const unresolved: MergeDecision[] = [];
  const ordered = [...(options.decisions ?? [])].sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
  for (const d of ordered) {
    const as = resolveKey(d.a, byId, byPrint);
    if (as.length === 0) {
      unresolved.push(d);
      continue;
    }
    if (d.b === null) {
      if (d.kind === 'split') for (const a of as) detached.add(a.id);
      continue;
    }
    const bs = resolveKey(d.b, byId, byPrint);
    if (bs.length === 0) {
      unresolved.push(d);
      continue;
    }
    for (const a of as) for (const b of bs) if (a.id !== b.id) pairDecision.set(pairKey(a.id, b.id), { kind: d.kind, note: d.note });
    if (d.kind === 'merge') for (const a of as) detached.delete(a.id);
  }
  const uf = new UnionFind();
  const cannot = new Set<string>();
  for (const [k, d] of pairDecision) {
    const [a, b] = k.split('\u0000');
    if (d.kind === 'merge') uf.union(a, b);
    else cannot.add(k);
  }

  // 2. Groups forced by the user's merges.
  const groups: Group[] = [];
  const groupOf = new Map<string, Group>();
  const forced = new Map<string, AnalysisEvent[]>();
  const inMerge = new Set<string>();
  for (const [k, d] of pairDecision) if (d.kind === 'merge') for (const id of k.split('\u0000')) inMerge.add(id);
  for (const e of unique) {
    if (!inMerge.has(e.id)) continue;
    const r = uf.find(e.id);
    const list = forced.get(r);
    if (list) list.push(e);
    else forced.set(r, [e]);
  }
  for (const list of forced.values()) {
    if (list.length < 2) continue;
    list.sort(eventOrder);
    const g = newGroup(list[0], { eventId: list[0].id, ruleId: 'merge.user-v1', score: 1, reasons: ['merged by a user decision'] });
    g.decided = true;
    for (const e of list.slice(1)) {
      addMember(g, e, { eventId: e.id, ruleId: 'merge.user-v1', score: 1, reasons: ['merged by a user decision'] });
    }
    groups.push(g);
    for (const e of list) groupOf.set(e.id, g);
  }

  // 3. Automatic grouping, most precise dates first, within blocks of the same countries.
  const blocks = new Map<string, Block>();
  for (const g of groups) pushBlock(blocks, blockKey(g.members[0]), g);
  const rest = sortEvents(unique.filter((e) => !groupOf.has(e.id)));
  const undated: AnalysisEvent[] = [];
  const start = (e: AnalysisEvent, key: string): Group => {
    const g = newGroup(e, firstLink(e));
    if (detached.has(e.id)) {
      g.frozen = true;
      g.decided = true;
    }
    groups.push(g);
    groupOf.set(e.id, g);
    pushBlock(blocks, key, g);
    return g;
  };
  for (const e of rest) {
    const er = eventRange(e);
    if (!er) {
      undated.push(e);
      continue;
    }
    const key = blockKey(e);
    const block = blocks.get(key);
    const all = detached.has(e.id) || !block ? [] : candidatesFor(e, overlapping(block, er), rules, cannot);
    const fits = all.filter((f) => f.joinable);
    let target: { g: Group; link: MemberLink } | null = null;
    if (fits.length === 1 && all.length === 1) target = fits[0];
    else if (fits.length > 1 && fits.length === all.length) {
      fits.sort((a, b) => b.link.score - a.link.score);
      const ew = er[1] - er[0] + 1;
      const coarser = fits.every((f) => !f.g.range || ew > f.g.range[1] - f.g.range[0] + 1);
      if (!coarser && fits[0].link.score > fits[1].link.score) target = fits[0];
    }
    if (target) {
      addMember(target.g, e, target.link);
      groupOf.set(e.id, target.g);
    } else {
      const g = start(e, key);
      if (all.length > 1 || (all.length === 1 && !all[0].joinable)) g.candidates = all.map((f) => f.g);
    }
  }

  // 4. Undated mentions: only with a mention coded from the same words (the
  // same statement coded twice); a dated event they may restate is listed as
  // a candidate for a reviewer, never joined automatically: "today they have
  // no relations" is not the break of relations dated earlier in the text.
  // The groups of a block are looked up by the documents of their members.
  const byDoc = new Map<string, Group[]>();
  if (undated.length) {
    for (const [key, block] of blocks) {
      for (const g of block.groups) for (const doc of new Set(g.members.map((m) => m.docId))) pushList(byDoc, `${key}|${doc}`, g);
    }
  }
  for (const e of undated) {
    const key = blockKey(e);
    const block = byDoc.get(`${key}|${e.docId}`) ?? [];
    const fits = detached.has(e.id) ? [] : candidatesFor(e, block, rules, cannot);
    const sameWords = fits.filter(
      (f) => !f.g.dated && f.g.members.every((m) => m.docId === e.docId && m.evidence.start < e.evidence.end && e.evidence.start < m.evidence.end),
    );
    const datedFits = fits.filter((f) => f.g.dated);
    if (sameWords.length >= 1) {
      const target = sameWords.sort((a, b) => b.link.score - a.link.score)[0];
      addMember(target.g, e, { ...target.link, ruleId: 'merge.same-statement-v1', reasons: [...target.link.reasons, 'undated, coded twice from the same words'] });
      groupOf.set(e.id, target.g);
    } else {
      const g = start(e, key);
      g.candidates = datedFits.map((f) => f.g);
      pushList(byDoc, `${key}|${e.docId}`, g);
    }
  }

  // 5. Results, with ids, in order of date.
  const ids = new Map<Group, string>();
  for (const g of groups) ids.set(g, 'm' + hash53(g.members.map((m) => m.id).sort().join(',')));
  const merged = groups.map((g) => toMerged(g, ids));
  merged.sort(
    (a, b) =>
      cmp(a.date?.earliest ?? '\uffff', b.date?.earliest ?? '\uffff') ||
      cmp(a.members[0].docId, b.members[0].docId) ||
      a.members[0].evidence.start - b.members[0].evidence.start ||
      cmp(a.id, b.id),
  );
  return { merged, unresolvedDecisions: unresolved };
}

function pushList<K, V>(map: Map<K, V[]>, key: K, v: V): void {
  const l = map.get(key);
  if (l) l.push(v);
  else map.set(key, [v]);
}

function pushBlock(blocks: Map<string, Block>, key: string, g: Group): void {
  let b = blocks.get(key);
  if (!b) {
    b = { groups: [], buckets: new Map(), wide: [] };
    blocks.set(key, b);
  }
  g.seq = b.groups.length;
  b.groups.push(g);
  // Only dated groups with a common range can take a dated mention; their range only narrows later.
  if (!g.dated || !g.range) return;
  const b0 = Math.floor(g.range[0] / BUCKET_DAYS);
  const b1 = Math.floor(g.range[1] / BUCKET_DAYS);
  if (b1 - b0 >= MAX_BUCKETS) b.wide.push(g);
  else for (let k = b0; k <= b1; k++) pushList(b.buckets, k, g);
}

let visit = 0;

/** The groups of a block a mention dated `r` can overlap (a superset), in block order. */
function overlapping(block: Block, r: [number, number]): Group[] {
  const b0 = Math.floor(r[0] / BUCKET_DAYS);
  const b1 = Math.floor(r[1] / BUCKET_DAYS);
  if (b1 - b0 >= MAX_BUCKETS) return block.groups;
  const q = ++visit;
  const out: Group[] = [];
  const take = (g: Group) => {
    if (g.seen === q || !g.range || g.range[0] > r[1] || r[0] > g.range[1]) return;
    g.seen = q;
    out.push(g);
  };
  for (let k = b0; k <= b1; k++) for (const g of block.buckets.get(k) ?? []) take(g);
  for (const g of block.wide) take(g);
  return out.length > 1 ? out.sort((x, y) => x.seq - y.seq) : out;
}

function firstLink(e: AnalysisEvent): MemberLink {
  return { eventId: e.id, ruleId: 'merge.first-v1', score: 1, reasons: ['first member'] };
}

function newGroup(e: AnalysisEvent, link: MemberLink): Group {
  const b = dateBounds(e);
  const g: Group = { members: [], links: [], sigs: new Map(), range: null, common: b, dated: !!b, decided: false, frozen: false, candidates: [], seq: 0, seen: 0 };
  addSignature(g, e);
  g.members.push(e);
  g.links.push(link);
  g.range = eventRange(e);
  return g;
}

function addSignature(g: Group, e: AnalysisEvent): void {
  const k = signatureOf(e);
  const sig = g.sigs.get(k);
  if (sig) sig.docs.add(e.docId);
  else g.sigs.set(k, { rep: e, docs: new Set([e.docId]) });
}

function addMember(g: Group, e: AnalysisEvent, link: MemberLink): void {
  g.members.push(e);
  g.links.push(link);
  addSignature(g, e);
  const b = dateBounds(e);
  if (b) {
    const r = eventRange(e)!;
    if (!g.dated) {
      g.common = b;
      g.range = r;
    } else if (g.common && g.range) {
      const lo = Math.max(g.range[0], r[0]);
      const hi = Math.min(g.range[1], r[1]);
      g.common = lo <= hi ? { earliest: isoFromDay(lo), latest: isoFromDay(hi) } : null;
      g.range = lo <= hi ? [lo, hi] : null;
    }
    g.dated = true;
  }
}

interface Fit {
  g: Group;
  link: MemberLink;
  /** False when the mention is far vaguer than the group: listed as a candidate, never joined automatically. */
  joinable: boolean;
}

function candidatesFor(e: AnalysisEvent, block: Group[], rules: MergeRules, cannot: Set<string>): Fit[] {
  const out: Fit[] = [];
  const eb = dateBounds(e);
  const er = eventRange(e);
  for (const g of block) {
    if (g.frozen) continue;
    let dateF: number | null = null;
    let coarse = false;
    if (er && g.dated) {
      if (!g.common || !g.range) continue;
      if (er[0] > g.range[1] || g.range[0] > er[1]) continue; // quick test before the exact one
      // a statement about a decade or a long period is not a restatement of a precise act
      const ew = er[1] - er[0] + 1;
      if (ew > 400 && (g.range[1] - g.range[0] + 1) * 4 < ew) coarse = true;
      dateF = dateScore(er, g.range);
      if (dateF === null) continue;
    } else if (er && !g.dated) {
      continue; // a dated mention never joins an undated group
    }
    let minPair = 1;
    const reasons: string[] = [];
    let weakest: { score: number; ruleId: string } | null = dateF !== null && dateF < 1 ? { score: dateF, ruleId: 'merge.same-event-v1' } : null;
    let codeLoose = false;
    let ok = true;
    if (cannot.size) {
      for (const m of g.members) {
        if (cannot.has(pairKey(e.id, m.id))) {
          ok = false;
          break;
        }
      }
    }
    // complete linkage, computed once per kind of member (same actors, code, factuality) and per document relation
    for (const sig of ok ? g.sigs.values() : []) {
      const checks: boolean[] = [];
      if (sig.docs.has(e.docId)) checks.push(true);
      if (sig.docs.size > (sig.docs.has(e.docId) ? 1 : 0)) checks.push(false);
      for (const sameDoc of checks) {
        const p = pairFactors(e, sig.rep, rules, sameDoc);
        if (!p) {
          ok = false;
          break;
        }
        minPair = Math.min(minPair, p.score);
        for (const f of p.factors) {
          if (f.ruleId === 'merge.code-compatible-v1' || f.ruleId === 'merge.code-generic-v1') codeLoose = true;
          if (f.score < 1 && (!weakest || f.score < weakest.score)) weakest = f;
          if (f.score < 1 && !reasons.includes(f.reason)) reasons.push(f.reason);
        }
      }
      if (!ok) break;
    }
    if (!ok) continue;
    // differently coded reports join only when their dates are about as precise (day and month, month and year)
    if (codeLoose && er && g.range) {
      const ratio = Math.max(er[1] - er[0] + 1, g.range[1] - g.range[0] + 1) / Math.min(er[1] - er[0] + 1, g.range[1] - g.range[0] + 1);
      if (ratio > 31) coarse = true;
    }
    const score = minPair * (dateF ?? 1);
    if (dateF !== null) {
      const reason = dateReason(eb!, g.common!);
      if (!reasons.includes(reason)) reasons.push(reason);
    }
    if (reasons.length === 0) reasons.push('same dyad, code and overlapping date');
    out.push({ g, joinable: !coarse, link: { eventId: e.id, ruleId: weakest?.ruleId ?? 'merge.same-event-v1', score: round(score), reasons } });
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function mostCommon<T>(items: T[], key: (t: T) => string, prefer?: (a: T, b: T) => number): T {
  if (items.length === 1) return items[0];
  const counts = new Map<string, number>();
  for (const t of items) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1);
  return [...items].sort((a, b) => (counts.get(key(b))! - counts.get(key(a))!) || (prefer ? prefer(a, b) : 0))[0];
}

const KIND_SPECIFICITY: Record<string, number> = { person: 0, organization: 1, group: 2, state: 3, place: 4 };

function representativeActor(members: AnalysisEvent[], side: 'source' | 'target'): EntityRef | null {
  const refs = members.map((m) => m[side]).filter((r): r is EntityRef => !!r);
  if (refs.length === 0) return null;
  return mostCommon(refs, (r) => r.id, (a, b) => (KIND_SPECIFICITY[a.kind] ?? 9) - (KIND_SPECIFICITY[b.kind] ?? 9));
}

function toMerged(g: Group, ids: Map<Group, string>): MergedEvent {
  const members = g.members;
  const codeRep = mostCommon(members, (m) => m.code, (a, b) => b.code.length - a.code.length || b.confidence - a.confidence);
  const datedMembers = members.filter((m) => dateBounds(m));
  let date: MergedDate | null = null;
  if (datedMembers.length) {
    const best = [...datedMembers].sort((a, b) => precisionRank(a) - precisionRank(b) || b.confidence - a.confidence)[0];
    if (g.common) {
      date = { value: best.date!.value, earliest: g.common.earliest, latest: g.common.latest, precision: best.date!.precision };
      // The common part may be narrower than the best member's own bounds only when ranges partly overlap.
    } else {
      const lo = datedMembers.map((m) => m.date!.earliest).sort()[0];
      const hi = datedMembers.map((m) => m.date!.latest).sort().at(-1)!;
      date = { value: `${best.date!.value}`, earliest: lo, latest: hi, precision: 'interval' };
    }
  }
  const accounts = new Map<string, Account>();
  for (const m of members) {
    const k = `${m.docId}|${m.claimant?.id ?? ''}`;
    const a = accounts.get(k);
    if (a) a.eventIds.push(m.id);
    else accounts.set(k, { docId: m.docId, docName: m.docName ?? null, claimant: m.claimant, eventIds: [m.id] });
  }
  const weakest = g.links.slice(1).reduce<MemberLink | null>((w, l) => (!w || l.score < w.score ? l : w), null);
  const factual = members.filter((m) => m.modality === 'asserted');
  return {
    id: ids.get(g)!,
    members,
    links: g.links,
    ruleId: weakest ? weakest.ruleId : g.decided ? 'merge.user-v1' : 'merge.single-v1',
    score: weakest ? weakest.score : 1,
    documents: new Set(members.map((m) => m.docId)).size,
    accounts: [...accounts.values()],
    source: representativeActor(members, 'source'),
    target: representativeActor(members, 'target'),
    code: codeRep.code,
    root: codeRep.root,
    goldstein: codeRep.goldstein,
    quadClass: codeRep.quadClass,
    plover: codeRep.plover,
    date,
    modality: factual.length ? 'asserted' : members[0].modality,
    confidence: Math.max(...members.map((m) => m.confidence)),
    disagreements: disagreements(members),
    candidates: g.candidates.map((c) => ids.get(c)!).filter(Boolean),
    decided: g.decided,
  };
}

function valuesOf(members: AnalysisEvent[], get: (m: AnalysisEvent) => string): Array<{ value: string; eventIds: string[] }> {
  const map = new Map<string, string[]>();
  for (const m of members) {
    const v = get(m);
    const l = map.get(v);
    if (l) l.push(m.id);
    else map.set(v, [m.id]);
  }
  return [...map.entries()].map(([value, eventIds]) => ({ value, eventIds }));
}

/** The fields on which members differ, each value with the members giving it. */
export function disagreements(members: AnalysisEvent[]): Disagreement[] {
  if (members.length < 2) return [];
  const out: Disagreement[] = [];
  const dated = members.filter((m) => dateBounds(m));
  const dates = valuesOf(dated, (m) => m.date!.value);
  if (dates.length > 1) {
    let contradictory = false;
    for (let i = 0; i < dated.length && !contradictory; i++) {
      const a = eventRange(dated[i])!;
      for (let j = i + 1; j < dated.length; j++) {
        const b = eventRange(dated[j])!;
        if (!(a[0] <= b[1] && b[0] <= a[1])) {
          contradictory = true;
          break;
        }
      }
    }
    out.push({ field: 'date', contradictory, values: dates });
  }
  const codes = valuesOf(members, (m) => m.code);
  if (codes.length > 1) {
    const roots = new Set(members.map((m) => m.root));
    const quads = new Set(members.map((m) => (m.quadClass <= 2 ? 'coop' : 'conf')));
    out.push({ field: 'code', contradictory: roots.size > 1 && quads.size > 1, values: codes });
  }
  for (const side of ['source', 'target'] as const) {
    const v = valuesOf(members, (m) => m[side]?.id ?? '-');
    if (v.length > 1) {
      const countries = new Set(members.map((m) => m[side]?.country ?? m[side]?.id ?? '-'));
      out.push({ field: side, contradictory: countries.size > 1, values: v });
    }
  }
  const claimants = valuesOf(members, (m) => m.claimant?.name ?? '(author)');
  if (claimants.length > 1) out.push({ field: 'claimant', contradictory: false, values: claimants });
  const modal = valuesOf(members, (m) => m.modality);
  if (modal.length > 1) out.push({ field: 'modality', contradictory: new Set(members.map((m) => FACTUALITY[m.modality])).size > 1, values: modal });
  return out;
}

/** Date range spanned (inclusive days) of a merged event, for sorting and spreading. */
export function mergedDayRange(m: MergedEvent): [number, number] | null {
  return m.date ? dayRange(m.date) : null;
}
