/**
 * Conflicting accounts: where the record disagrees with itself, annals shows
 * every account side by side with who asserts it, instead of picking one.
 *
 * Rules (each conflict names the one that found it):
 *  - conflicts.date.within-merged-v1: members of one merged event (joined by a
 *    user) give disjoint dates.
 *  - conflicts.date.near-v1: two events alike in dyad and code whose precise
 *    dates are disjoint but close, told by different accounts (or a code that
 *    happens once per dyad at a time: an ambassador posted on 2 December in the
 *    text and on 12 November in a footnote).
 *  - conflicts.date.outside-list-v1: a document enumerates the dates of a
 *    recurring event ("five visits, in 1972, 1974, 1975, 1978 and 1985") and
 *    another mention of that event falls between them on a date the list omits.
 *  - conflicts.kind.opposite-v1: on the same day, for the same dyad, different
 *    accounts report cooperation and conflict.
 *  - conflicts.modality.negated-v1: one account says it happened, another that
 *    it did not.
 *  - conflicts.actor.same-day-v1: different accounts give one actor of a
 *    day-dated event as different entities of different countries.
 */
import type { EntityRef } from '../core/types.js';
import { dayRange } from './bounds.js';
import { hash53 } from './event-key.js';
import { codeFactor, eventRange, type AnalysisEvent, type MergedEvent } from './merge.js';
import { DEFAULT_RULES, type MergeRules } from './rules.js';

export type ConflictKind = 'date' | 'actor' | 'kind' | 'modality';

export interface AccountEvidence {
  eventId: string;
  docId: string;
  docName: string | null;
  /** Who asserts it: a claimant's name, or "author" when the document itself does. */
  assertedBy: string;
  claimant: EntityRef | null;
  evidence: { start: number; end: number; text: string };
}

export interface ConflictAccount {
  /** What this account says on the disputed field ("1975-12-02/1978-07", "042", "negated", "Laos"). */
  value: string;
  mergedId: string;
  eventIds: string[];
  evidence: AccountEvidence[];
}

export interface Conflict {
  id: string;
  kind: ConflictKind;
  ruleId: string;
  score: number;
  reason: string;
  source: EntityRef | null;
  target: EntityRef | null;
  code: string;
  accounts: ConflictAccount[];
}

export interface ConflictOptions {
  rules?: MergeRules;
}

const NUMBER_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  twice: 2, thrice: 3,
};

function accountEvidence(e: AnalysisEvent): AccountEvidence {
  return {
    eventId: e.id,
    docId: e.docId,
    docName: e.docName ?? null,
    assertedBy: e.claimant ? e.claimant.name : 'author',
    claimant: e.claimant,
    evidence: { start: e.evidence.start, end: e.evidence.end, text: e.evidenceText },
  };
}

function account(m: MergedEvent, value: string, members: AnalysisEvent[] = m.members): ConflictAccount {
  return { value, mergedId: m.id, eventIds: members.map((e) => e.id), evidence: members.map(accountEvidence) };
}

function disjoint<T>(a: Set<T>, b: Set<T>): boolean {
  for (const x of a) if (b.has(x)) return false;
  return true;
}

function sideCompatible(a: EntityRef | null, b: EntityRef | null): boolean {
  if (!a && !b) return true;
  if (!a || !b) return false;
  if (a.id === b.id) return true;
  return !!a.country && a.country === b.country && (a.kind === 'state' || b.kind === 'state');
}

function allNegated(m: MergedEvent): boolean {
  return m.members.every((e) => e.modality === 'negated');
}

function dateValue(m: MergedEvent): string {
  const vals = [...new Set(m.members.filter((e) => e.date).map((e) => e.date!.value))];
  return vals.join(', ') || 'undated';
}

/** What the rules read of a merged event, computed once per search. */
interface Facts {
  /** Its own range in days (the members' common part, or their span for user merges). */
  range: [number, number] | null;
  /** Asserted or reported by some member. */
  factual: boolean;
  /** Some member dated to the day (or the range is 31 days or fewer). */
  day: boolean;
  /** Some member dated to the month (or the range is 31 days or fewer). */
  month: boolean;
  /** Documents and claimants telling it (made when first asked for). */
  accounts: Set<string> | null;
}

type FactBook = Map<MergedEvent, Facts>;

function factsOf(book: FactBook, m: MergedEvent): Facts {
  let f = book.get(m);
  if (!f) {
    const range = m.date ? dayRange(m.date) : null;
    const short = !!range && range[1] - range[0] + 1 <= 31;
    let day = short;
    let month = short;
    let factual = false;
    for (const e of m.members) {
      if (e.modality === 'asserted' || e.modality === 'reported') factual = true;
      if (!e.date) continue;
      if (e.date.precision === 'day') day = true;
      else if (e.date.precision === 'month') month = true;
    }
    f = { range, factual, day, month, accounts: null };
    book.set(m, f);
  }
  return f;
}

function accountKeys(f: Facts, m: MergedEvent): Set<string> {
  return (f.accounts ??= new Set(m.members.map((e) => `${e.docId}|${e.claimant?.id ?? ''}`)));
}

function width(r: [number, number]): number {
  return r[1] - r[0] + 1;
}

function overlap(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

/** Days between two non-overlapping ranges (0 when they overlap or touch). */
function gap(a: [number, number], b: [number, number]): number {
  if (overlap(a, b)) return 0;
  return a[1] < b[0] ? b[0] - a[1] : a[0] - b[1];
}

/** Do two merged events share a mention's words (members from one sentence)? */
function sameWords(a: MergedEvent, b: MergedEvent): boolean {
  return a.members.some((x) => b.members.some((y) => x.docId === y.docId && x.evidence.start < y.evidence.end && y.evidence.start < x.evidence.end));
}

function conflictId(kind: string, ids: string[]): string {
  return 'c' + hash53(kind + ':' + [...ids].sort().join(','));
}

/** Find conflicting accounts among merged events. Pure and deterministic. */
export function findConflicts(merged: readonly MergedEvent[], options: ConflictOptions = {}): Conflict[] {
  const rules = options.rules ?? DEFAULT_RULES;
  const out = new Map<string, Conflict>();
  const add = (c: Omit<Conflict, 'id'>) => {
    const id = conflictId(c.kind + c.ruleId, c.accounts.map((a) => a.mergedId + '/' + a.eventIds.join('+')));
    if (!out.has(id)) out.set(id, { id, ...c });
  };

  // Within one merged event: disjoint dates or opposite kinds (only user merges allow these).
  for (const m of merged) {
    for (const d of m.disagreements) {
      if (!d.contradictory || (d.field !== 'date' && d.field !== 'code')) continue;
      const byId = new Map(m.members.map((e) => [e.id, e]));
      add({
        kind: d.field === 'date' ? 'date' : 'kind',
        ruleId: d.field === 'date' ? 'conflicts.date.within-merged-v1' : 'conflicts.kind.within-merged-v1',
        score: 1,
        reason: `the members of one merged event give ${d.field === 'date' ? 'dates that do not overlap' : 'codes of cooperation and of conflict'}`,
        source: m.source,
        target: m.target,
        code: m.code,
        accounts: d.values.map((v) => account(m, v.value, v.eventIds.map((id) => byId.get(id)!))),
      });
    }
  }

  // Between merged events of the same countries.
  const blocks = new Map<string, MergedEvent[]>();
  for (const m of merged) {
    const k = `${m.source?.country ?? m.source?.id ?? '-'}>${m.target?.country ?? m.target?.id ?? '-'}`;
    const b = blocks.get(k);
    if (b) b.push(m);
    else blocks.set(k, [m]);
  }
  const near = rules.conflicts.nearDateDays;
  const maxNear = Math.max(near.day ?? 0, near.month ?? 0);
  const book: FactBook = new Map();
  const collator = new Intl.Collator(); // the order String.prototype.localeCompare gives
  for (const block of blocks.values()) {
    if (block.length < 2) continue;
    const sorted = [...block].sort((a, b) => collator.compare(a.date?.earliest ?? '', b.date?.earliest ?? ''));
    const facts = sorted.map((m) => factsOf(book, m));
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i];
      const fa = facts[i];
      const ra = fa.range;
      if (!ra) continue;
      for (let j = i + 1; j < sorted.length; j++) {
        const b = sorted[j];
        const fb = facts[j];
        const rb = fb.range;
        if (!rb) continue;
        if (!sideCompatible(a.source, b.source) || !sideCompatible(a.target, b.target)) continue;
        const overlaps = overlap(ra, rb);
        const days = overlaps ? 0 : gap(ra, rb);
        // sorted by start: once b starts far after a ends, every later one does too
        if (rb[0] - ra[1] > maxNear) break;
        // each test below is made only when the cheaper ones before it pass
        const bothFactual = fa.factual && fb.factual;

        // Near dates: same event told with two dates (one sentence giving two dates is a list, not a contradiction).
        if (!overlaps && bothFactual) {
          const limit = fa.day || fb.day ? (near.day ?? 0) : fa.month || fb.month ? (near.month ?? 0) : 0;
          if (days <= limit && (fa.day || fa.month || fb.day || fb.month) && codeFactor(a.code, b.code, false, rules) && !sameWords(a, b)) {
            const onceCode = rules.conflicts.onceCodes.includes(a.code.slice(0, 3)) && rules.conflicts.onceCodes.includes(b.code.slice(0, 3));
            const differentAccounts = disjoint(accountKeys(fa, a), accountKeys(fb, b));
            if (differentAccounts || onceCode) {
              add({
                kind: 'date',
                ruleId: 'conflicts.date.near-v1',
                score: differentAccounts ? 0.7 : 0.5,
                reason: `the same ${a.code} between the same actors is dated ${days} days apart by ${differentAccounts ? 'different accounts' : 'one account, for an event that happens once at a time'}`,
                source: a.source,
                target: a.target,
                code: a.code,
                accounts: [account(a, dateValue(a)), account(b, dateValue(b))],
              });
            }
          }
        }
        // Modality: it happened / it did not.
        if (overlaps && fa.factual !== fb.factual && codeFactor(a.code, b.code, false, rules)) {
          if (allNegated(a) || allNegated(b)) {
            add({
              kind: 'modality',
              ruleId: 'conflicts.modality.negated-v1',
              score: 0.8,
              reason: 'one account says the event happened, another that it did not',
              source: a.source,
              target: a.target,
              code: a.code,
              accounts: [account(a, a.modality), account(b, b.modality)],
            });
          }
        }
        // Kind: cooperation and conflict on the same day.
        if (
          overlaps &&
          bothFactual &&
          width(ra) === 1 &&
          width(rb) === 1 &&
          (rules.conflicts.kindOppositeQuadOnly ? a.quadClass <= 2 !== b.quadClass <= 2 : a.root !== b.root) &&
          disjoint(accountKeys(fa, a), accountKeys(fb, b))
        ) {
          add({
            kind: 'kind',
            ruleId: 'conflicts.kind.opposite-v1',
            score: 0.6,
            reason: `on the same day one account reports ${a.quadClass <= 2 ? 'cooperation' : 'conflict'} (${a.code}), another ${b.quadClass <= 2 ? 'cooperation' : 'conflict'} (${b.code})`,
            source: a.source,
            target: a.target,
            code: a.code,
            accounts: [account(a, a.code), account(b, b.code)],
          });
        }
      }
    }
  }

  // Actors: same code, same day, one side the same entity, the other different countries.
  const bySide = new Map<string, MergedEvent[]>();
  for (const m of merged) {
    const f = factsOf(book, m);
    if (!m.date || !f.range || width(f.range) !== 1 || !f.factual) continue;
    if (!rules.conflicts.actorNeedsPrecision.includes('day')) continue;
    for (const side of ['source', 'target'] as const) {
      const r = m[side];
      if (!r) continue;
      const k = `${side}|${r.id}|${m.code.slice(0, 3)}|${m.date.earliest}`;
      const l = bySide.get(k);
      if (l) l.push(m);
      else bySide.set(k, [m]);
    }
  }
  for (const [k, list] of bySide) {
    if (list.length < 2) continue;
    const other = k.startsWith('source') ? 'target' : 'source';
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        const oa = a[other];
        const ob = b[other];
        if (!oa || !ob || !oa.country || !ob.country || oa.country === ob.country) continue;
        if (!disjoint(accountKeys(factsOf(book, a), a), accountKeys(factsOf(book, b), b))) continue;
        add({
          kind: 'actor',
          ruleId: 'conflicts.actor.same-day-v1',
          score: 0.4,
          reason: `on ${a.date!.earliest} accounts name different ${other === 'source' ? 'actors' : 'counterparts'} for the same ${a.code}`,
          source: a.source,
          target: a.target,
          code: a.code,
          accounts: [account(a, oa.name), account(b, ob.name)],
        });
      }
    }
  }

  // Enumerated dates and a mention outside them.
  for (const c of listConflicts(merged, rules, book)) add(c);

  return [...out.values()].sort(
    (x, y) => (x.accounts[0].evidence[0]?.docName ?? '').localeCompare(y.accounts[0].evidence[0]?.docName ?? '') || x.id.localeCompare(y.id),
  );
}

function listSide(list: EntityRef | null, other: EntityRef | null): boolean {
  if (!list || !other) return !list && !other;
  return list.id === other.id || (list.kind === 'state' && list.country === other.country);
}

function statedCount(text: string): number | null {
  const m = /\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twice|thrice|\d{1,2})\s+(?:\w+\s+){0,3}?(?:visits?|times|occasions|trips|meetings|rounds|summits|agreements|delegations)\b/i.exec(text);
  if (!m) return null;
  const w = m[1].toLowerCase();
  return NUMBER_WORDS[w] ?? Number(w);
}

function listConflicts(merged: readonly MergedEvent[], rules: MergeRules, book: FactBook): Array<Omit<Conflict, 'id'>> {
  const out: Array<Omit<Conflict, 'id'>> = [];
  const byKey = new Map<string, Omit<Conflict, 'id'>>();
  const owner = new Map<string, MergedEvent>();
  const lists = new Map<string, AnalysisEvent[]>();
  for (const m of merged) {
    for (const e of m.members) {
      if (!e.date || e.modality === 'negated') continue;
      if (!rules.conflicts.listCodes.some((p) => e.code.startsWith(p))) continue;
      owner.set(e.id, m);
      const k = `${e.docId}|${e.evidence.start}|${e.evidence.end}|${e.code.slice(0, 3)}|${e.source?.id ?? '-'}|${e.target?.id ?? '-'}`;
      const l = lists.get(k);
      if (l) l.push(e);
      else lists.set(k, [e]);
    }
  }
  if (lists.size === 0) return out;
  // merged events by countries and code root (the code of the list must be theirs)
  const byCountries = new Map<string, MergedEvent[]>();
  const countriesOf = (s: EntityRef | null, t: EntityRef | null, code: string) => `${s?.country ?? s?.id ?? '-'}>${t?.country ?? t?.id ?? '-'}|${code.slice(0, 3)}`;
  for (const m of merged) {
    const k = countriesOf(m.source, m.target, m.code);
    const l = byCountries.get(k);
    if (l) l.push(m);
    else byCountries.set(k, [m]);
  }
  for (const items of lists.values()) {
    if (items.length < 2) continue; // one date is no list
    const dates = [...new Map(items.map((e) => [e.date!.value, e])).values()];
    if (dates.length < 2) continue;
    const listed = dates.map((e) => eventRange(e)!);
    const lo = Math.min(...listed.map((b) => b[0]));
    const hi = Math.max(...listed.map((b) => b[1]));
    const first = items[0];
    const count = statedCount(first.evidenceText);
    const exhaustive = count === dates.length;
    const listMerged = new Set(items.map((e) => owner.get(e.id)!));
    for (const m of byCountries.get(countriesOf(first.source, first.target, first.code)) ?? []) {
      if (listMerged.has(m) || !m.date || !factsOf(book, m).factual) continue;
      // the list speaks of its own actors: a person's visits are not a state's delegations
      if (!listSide(first.source, m.source) || !listSide(first.target, m.target)) continue;
      if (first.code.slice(0, 3) !== m.code.slice(0, 3)) continue;
      const mr = factsOf(book, m).range!;
      const [m0, m1] = mr;
      if (m1 - m0 > 366) continue; // too vague to say it is missing from the list
      if (m0 < lo || m1 > hi) continue;
      if (listed.some((b) => overlap(b, mr))) continue;
      // the same list told twice (and merged so) gives one conflict with every telling
      const key = [...listMerged].map((x) => x.id).sort().join(',') + '|' + m.id;
      const value = dates.map((e) => e.date!.value).join(', ');
      const seen = byKey.get(key);
      if (seen) {
        const acc = seen.accounts[0];
        acc.eventIds.push(...dates.map((e) => e.id).filter((id) => !acc.eventIds.includes(id)));
        acc.evidence.push(accountEvidence(first));
        if (exhaustive && seen.score < 0.8) {
          seen.score = 0.8;
          seen.reason = seen.reason.replace('a list', 'a counted list');
        }
        continue;
      }
      const c: Omit<Conflict, 'id'> = {
        kind: 'date',
        ruleId: 'conflicts.date.outside-list-v1',
        score: exhaustive ? 0.8 : 0.5,
        reason: `a ${exhaustive ? 'counted ' : ''}list of dates (${value}) omits ${dateValue(m)}, given by another mention of the same event`,
        source: first.source,
        target: first.target,
        code: first.code,
        accounts: [
          { value, mergedId: owner.get(first.id)!.id, eventIds: dates.map((e) => e.id), evidence: [accountEvidence(first)] },
          account(m, dateValue(m)),
        ],
      };
      byKey.set(key, c);
      out.push(c);
    }
  }
  return out;
}
