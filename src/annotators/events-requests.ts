/**
 * Reported speech and requests around an event:
 *  - the complement of a speech verb ("X said that ...") ends where a coordinated clause with its
 *    own subject begins (", and Cuba released ..."): what follows is the author's own statement;
 *  - an act that one actor asks, urges or proposes that another do ("Lloyd asked that the United
 *    States help Britain", "urged Egypt to withdraw") has not happened: it is hypothetical, and the
 *    asking is itself an event, an appeal (02x) by the asker to the actor asked.
 * Pure: the word lists come in as data (data/lexicon-context/context.json).
 */
import type { ActorMention, Span } from '../core/types.js';
import type { ContextRules } from '../dictionaries/lexicon-context.js';
import type { ClaimRegion, SentenceInfo } from './claims.js';
import { findSubject, type SentenceView } from './events-roles.js';
import type { Token } from './events-tokens.js';

const SUBJECT_PRONOUN = new Set(['he', 'she', 'they', 'we', 'i', 'it']);
const DETERMINER = new Set(['the', 'a', 'an', 'both', 'its', 'his', 'her', 'their']);
const NOT_A_VERB = new Set(['and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'with', 'from', 'by', ',', '(', ')', "'s", '’s', 'who', 'which', 'that']);

/** Token index where a new clause with its own subject starts at `j` (after ", and"), else -1. */
function clauseWithSubject(tokens: Token[], mentions: ActorMention[], j: number): boolean {
  let k = j;
  while (k < tokens.length && k < j + 2 && DETERMINER.has(tokens[k]!.norm)) k++;
  const t = tokens[k];
  if (!t) return false;
  let after = -1;
  if (SUBJECT_PRONOUN.has(t.norm)) after = k + 1;
  else {
    const m = mentions.find((x) => x.span.start === t.start);
    if (!m) return false;
    after = k;
    while (after < tokens.length && tokens[after]!.start < m.span.end) after++;
  }
  const next = tokens[after];
  return !!next && next.word && !NOT_A_VERB.has(next.norm);
}

/**
 * Cut each speech-verb claim region of a sentence at the first ", and <subject> <verb>" (or "; <subject>")
 * after its start: the coordinated clause is the author's.
 */
export function scopeClaims(regions: ClaimRegion[], s: SentenceInfo, rules: ContextRules): ClaimRegion[] {
  return regions.map((r) => {
    if (r.ruleId !== 'claims.speech-verb-v1') return r;
    const t = s.tokens;
    for (let k = 0; k < t.length; k++) {
      if (t[k]!.start < r.span.start || t[k]!.start >= r.span.end) continue;
      const w = t[k]!.norm;
      let j = -1;
      if (w === ';') j = k + 1;
      else if (w === ',' && rules.clauseBreaks.has(t[k + 1]?.norm ?? '')) j = k + 2;
      if (j < 0 || !clauseWithSubject(t, s.mentions, j)) continue;
      return { ...r, span: { start: r.span.start, end: t[k]!.start } };
    }
    return r;
  });
}

/** Token indexes in [from, to) where a coordinated clause with its own subject begins (", and France condemned"). */
/** The comma at `k` is the serial comma of a list of actors ("Albania, Romania, and Yugoslavia"), not a clause break. */
function serialComma(v: SentenceView, k: number): boolean {
  const before = v.at[k - 1] ?? -1;
  if (before < 0 || v.tokens[k + 1]?.norm !== 'and' || (v.at[k + 2] ?? -1) < 0) return false;
  const s = v.ranges[before]![0];
  return v.tokens[s - 1]?.norm === ',' && (v.at[s - 2] ?? -1) >= 0;
}

function clauseBreaksBetween(v: SentenceView, from: number, to: number, rules: ContextRules): number[] {
  const out: number[] = [];
  for (let k = Math.max(0, from); k < to && k < v.tokens.length; k++) {
    const w = v.tokens[k]!.norm;
    let j = -1;
    if (w === ';') j = k + 1;
    else if (w === ',' && rules.clauseBreaks.has(v.tokens[k + 1]?.norm ?? '') && !serialComma(v, k)) j = k + 2;
    if (j >= 0 && clauseWithSubject(v.tokens, v.mentions, j)) out.push(j);
  }
  return out;
}

/**
 * Keep in a slot only the actors of the trigger's own clause: "Italy had attacked Jordan, and France
 * condemned Italy" — France is the subject of the next clause, not a second target of the attack,
 * nor is Jordan a second subject of the condemnation.
 */
export function ownClauseOnly<T extends { mentions: number[]; how: string }>(v: SentenceView, slot: T, head: number, rules: ContextRules): T {
  if (slot.mentions.length < 2) return slot;
  const keep = slot.mentions.filter((k) => {
    const [s, e] = v.ranges[k]!;
    if (s < 0) return true;
    if (e <= head) return clauseBreaksBetween(v, s, head, rules).every((j) => j <= s);
    return clauseBreaksBetween(v, head, s + 1, rules).length === 0;
  });
  return keep.length && keep.length < slot.mentions.length ? { ...slot, mentions: keep } : slot;
}

export interface RequestFrame {
  /** The mention (index into the view) of the actor who asks. */
  asker: number;
  /** The asking verb's token index. */
  verb: number;
  cue: string;
}

/**
 * Is the act at token `head` inside a request frame ("X asked that Y ...", "X urged Y to ...",
 * "X proposed that ...")? Looks back within the clause for a request verb followed by "that" or by
 * an actor and "to".
 */
export function requestFrame(v: SentenceView, head: number, text: string, rules: ContextRules): RequestFrame | null {
  for (let i = head - 1; i >= 0 && i >= head - 14; i--) {
    const w = v.tokens[i]!.norm;
    if (w === '.' || w === ';' || w === ':') break;
    if (!rules.requestVerbs.has(w)) continue;
    const next = v.tokens[i + 1]?.norm;
    let frame = next === 'that';
    if (!frame && v.at[i + 1]! >= 0) {
      // "urged the United States to help": the actor asked, then "to" before the act.
      const m = v.at[i + 1]!;
      frame = v.tokens[v.ranges[m]![1]]?.norm === 'to';
    }
    if (!frame) continue;
    const asker = findSubject(v, i, text);
    if (!asker.length) return null;
    return { asker: asker[0]!, verb: i, cue: w };
  }
  return null;
}

/** The appeal code for a requested act (by its most specific listed prefix). */
export function requestCode(rules: ContextRules, code: string): string {
  for (let n = code.length; n >= 2; n--) {
    const c = rules.requestCodes.get(code.slice(0, n));
    if (c) return c;
  }
  return rules.requestCodes.get('default') ?? '020';
}

export interface PendingRequest {
  asker: ActorMention;
  asked: ActorMention;
  code: string;
  /** The asking verb. */
  trigger: Span;
  sentence: Span;
  cue: string;
  /** The act requested, for the reason. */
  act: string;
}
