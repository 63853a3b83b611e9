/**
 * Who did it and to whom: the source and target of a matched trigger, read
 * from the actor mentions around it (subject on the left, object or
 * prepositional phrase on the right, possessor or adjective inside a noun
 * phrase, "by" agents of passives), with coordinated actors expanded
 * ("Israel, Egypt and Jordan" -> three).
 */
import type { ActorMention } from '../core/types.js';
import type { Token } from './events-tokens.js';
import { PREPOSITION_STRATEGIES } from '../dictionaries/lexicon.js';

export interface SentenceView {
  tokens: Token[];
  /** Mentions in this sentence (real and resolved pronouns), in text order. */
  mentions: ActorMention[];
  /** Token range [start, end) of each mention. */
  ranges: Array<[number, number]>;
  /** Mention index covering each token, or -1. */
  at: Int32Array;
}

export const PREPS = new Set([
  'of', 'to', 'in', 'on', 'at', 'from', 'with', 'for', 'into', 'toward', 'towards', 'against', 'over', 'under',
  'about', 'between', 'among', 'amongst', 'through', 'across', 'via', 'by', 'like', 'than', 'within', 'without',
  'during', 'after', 'before', 'since', 'until', 'including', 'upon', 'onto', 'regarding', 'concerning', 'despite',
  'behind', 'beyond', 'near', 'along', 'around', 'throughout', 'inside', 'outside', 'that', 'as',
  // Every preposition a rule may name as a strategy is read as one here.
  ...PREPOSITION_STRATEGIES,
]);

const SKIPPABLE = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'all', 'both', 'some', 'several', 'many', 'other', 'also', 'then', 'even', '“', '"', '‘']);
const COORD = new Set([',', 'and', '&', 'or', 'the', 'including', 'also', 'both', 'together', 'with', 'others', 'comprising', 'notably', 'namely', 'especially']);
/** "recognise what X is": a clause, not an actor, follows. */
const COMPLEMENTIZERS = new Set(['what', 'how', 'whether', 'why', 'that', 'who', 'which', 'where']);
const CLAUSE_BREAK = new Set([';', '(', ')', '[', ']', '•']);
const CLAUSE_WORDS = new Set(['while', 'whereas', 'but', 'although', 'though', 'because', 'whereby', 'yet', 'so']);
/** "a delegation led by X signed": X heads the subject noun phrase. */
const HEADED = new Set(['led', 'headed', 'accompanied', 'chaired', 'represented']);

function isBreak(t: Token, text: string): boolean {
  if (CLAUSE_BREAK.has(t.norm)) return true;
  if (t.norm === ':' ) return true;
  // A spaced dash separates clauses; an unspaced one joins words ("US–Soviet").
  if ((t.norm === '–' || t.norm === '—') && (text[t.start - 1] === ' ' || text[t.end] === ' ')) return true;
  return false;
}

const ADJ = new Set(['great', 'good', 'new', 'old', 'former', 'brave', 'valiant', 'heroic', 'fraternal', 'brotherly', 'friendly', 'hostile', 'whole', 'entire', 'same', 'very', 'most', 'more', 'so-called', 'then', 'late', 'young', 'fallen', 'exiled', 'occupied', 'united', 'neighbouring', 'neighboring']);

/** Adjectives between a preposition and its noun ("of the fraternal Cambodian people"). */
export function adjectiveLike(w: string): boolean {
  return ADJ.has(w) || /^[a-z]{3,}(al|ic|ive|ful|ous|ary|ant|ese|ian|ish|ist)$/.test(w);
}

/** The preposition governing mention `m` (skipping determiners), or null for a bare noun phrase. */
export function governingPrep(v: SentenceView, m: number, floor: number): string | null {
  let i = v.ranges[m]![0] - 1;
  while (i >= floor && i >= 0) {
    const t = v.tokens[i]!;
    if (PREPS.has(t.norm)) {
      if (t.norm === 'by' && HEADED.has(v.tokens[i - 1]?.norm ?? '')) return null;
      return t.norm;
    }
    // An adjective sits between a determiner and its noun; "the editorial the PLO" is a noun then a new phrase.
    const adjective = adjectiveLike(t.norm) && !['the', 'a', 'an'].includes(v.tokens[i + 1]?.norm ?? '');
    if (SKIPPABLE.has(t.norm) || adjective) {
      i--;
      continue;
    }
    return null;
  }
  return null;
}

/** First token index of the clause holding token `i`. */
export function clauseStart(v: SentenceView, i: number, text: string): number {
  for (let k = i - 1; k >= 0; k--) {
    const t = v.tokens[k]!;
    // A parenthetical before the trigger ("the DRV (Vietnam) had ...") is skipped, not a break.
    if (t.norm === ')') {
      let j = k - 1;
      while (j >= 0 && v.tokens[j]!.norm !== '(' && k - j < 12) j--;
      if (j >= 0 && v.tokens[j]!.norm === '(') {
        k = j;
        continue;
      }
    }
    if (isBreak(t, text)) return k + 1;
  }
  return 0;
}

const AGENT_NOUNS = new Set(['ambassador', 'ambassadors', 'government', 'governments', 'leader', 'leaders', 'leadership', 'delegation', 'delegations', 'envoy', 'envoys', 'army', 'armies', 'troops', 'forces', 'party', 'state', 'president', 'minister', 'ministers', 'officials', 'diplomats', 'embassy', 'regime', 'people', 'authorities', 'side', 'navy', 'air', 'military', 'representatives', 'representative', 'allies', 'ally', 'soldiers', 'police', 'king', 'queen', 'prime', 'foreign', 'press', 'media']);
/** Words of quantity or part before "of" whose "of" phrase is the real object ("dozens of protesters"). */
const QUANTITY_NOUNS = new Set(['dozens', 'hundreds', 'thousands', 'tens', 'millions', 'scores', 'many', 'several', 'some', 'most', 'members', 'units', 'elements', 'detachments', 'contingents']);
/** Texts through which their author or organ acts as a subject ("an editorial in X said"). */
const TEXT_NOUNS = new Set(['editorial', 'editorials', 'article', 'articles', 'commentary', 'statement', 'communique', 'communiqué', 'declaration', 'letter', 'note', 'report', 'broadcast', 'message', 'memorandum', 'telegram', 'cable', 'speech', 'resolution']);
const POSSESSIVE_PRONOUN = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);
const SUBORDINATORS = new Set(['after', 'before', 'since', 'until', 'as', 'because', 'when', 'while', 'once', 'though', 'although', 'if', 'unless', 'whereas']);
const OPENERS = new Set(['having', 'after', 'before', 'while', 'when', 'despite', 'although', 'though', 'if', 'since', 'because', 'unlike', 'following', 'once', 'whereas', 'as', 'during', 'throughout', 'under', 'upon', 'without']);

/**
 * A sentence opening with a subordinate or participial phrase ("Having been prevented ...,",
 * "After the talks,"): the main clause's subject comes after the first comma.
 */
export function mainClauseFloor(v: SentenceView, trigger: number): number {
  const first = v.tokens.findIndex((t) => t.word);
  if (first < 0) return 0;
  const w = v.tokens[first]!.norm;
  if (!OPENERS.has(w) && !/ing$/.test(w)) return 0;
  for (let k = first + 1; k < trigger; k++) if (v.tokens[k]!.norm === ',') return k + 1;
  return 0;
}

/** One past the last token of the clause holding token `i`. */
export function clauseEnd(v: SentenceView, i: number, text: string): number {
  for (let k = i; k < v.tokens.length; k++) {
    const t = v.tokens[k]!;
    if (t.norm === ';' || t.norm === '(' || t.norm === '[') return k;
    if ((t.norm === '–' || t.norm === '—') && text[t.start - 1] === ' ') return k;
    if (CLAUSE_WORDS.has(t.norm)) return k;
  }
  return v.tokens.length;
}

/** Auxiliaries and adverbs between "and" and a coordinated verb ("and was received", "and later signed"). */
const AUX_BETWEEN = new Set(['was', 'were', 'is', 'are', 'has', 'had', 'have', 'been', 'being', 'later', 'then', 'also', 'soon', 'subsequently', 'finally', 'eventually', 'thereafter']);

const CONJ = new Set(['and', 'or', '&', 'including', 'well', 'nor']);
const ITEM_WORD = /^[\p{L}'-]+$/u;

/** "as well as" at token i. */
function isAsWellAs(v: SentenceView, i: number): boolean {
  return v.tokens[i]?.norm === 'as' && v.tokens[i + 1]?.norm === 'well' && v.tokens[i + 2]?.norm === 'as';
}

/**
 * Mentions coordinated with `m` to its right: "Israel, Egypt, Jordan, and the PLO".
 * A list needs a conjunction somewhere ("A, B" alone is read as apposition: only A);
 * short items that are not actors ("their party and Government") are stepped over.
 */
export function coordinatedRight(v: SentenceView, m: number, limit: number): number[] {
  const out = [m];
  let cur = m;
  let conj = false;
  let i = v.ranges[cur]![1];
  for (;;) {
    let sawJoin = false;
    // The rest of the current item's noun phrase ("their party", "the Albania people").
    let tail = i;
    while (tail < limit && tail < i + 2 && v.at[tail] === -1 && ITEM_WORD.test(v.tokens[tail]!.norm) && !COORD.has(v.tokens[tail]!.norm) && !PREPS.has(v.tokens[tail]!.norm)) tail++;
    if (tail > i && tail < limit && COORD.has(v.tokens[tail]!.norm)) i = tail;
    // "his wife Monique": a name in apposition to the item just read.
    else if (tail > i && tail < limit && conj && v.at[tail]! >= 0 && !out.includes(v.at[tail]!)) {
      cur = v.at[tail]!;
      out.push(cur);
      i = v.ranges[cur]![1];
      continue;
    }
    while (i < limit && v.at[i] === -1 && (COORD.has(v.tokens[i]!.norm) || isAsWellAs(v, i))) {
      if (CONJ.has(v.tokens[i]!.norm) || isAsWellAs(v, i)) conj = true;
      if (isAsWellAs(v, i)) i += 2;
      sawJoin = true;
      i++;
    }
    if (!sawJoin) break;
    let next = i < limit ? v.at[i]! : -1;
    if (next < 0) {
      // Step over a short non-actor item up to the next separator.
      // ... but not a prepositional phrase ("Kosovo, on the same day as the United States").
      if (PREPS.has(v.tokens[i]!.norm)) break;
      let j = i;
      while (j < limit && j < i + 3 && v.at[j] === -1 && ITEM_WORD.test(v.tokens[j]!.norm) && !COORD.has(v.tokens[j]!.norm)) j++;
      if (j === i || j >= limit || !COORD.has(v.tokens[j]!.norm)) break;
      i = j;
      continue;
    }
    if (next === cur || out.includes(next)) break;
    out.push(next);
    cur = next;
    i = v.ranges[cur]![1];
  }
  return conj ? out : [m];
}

/** Mentions coordinated with `m` to its left: "the US and the EU", "Albania (PRA) and of Vietnam". */
export function coordinatedLeft(v: SentenceView, m: number, floor: number): number[] {
  const out = [m];
  let i = v.ranges[m]![0] - 1;
  let sawAnd = false;
  // "Britain, France and Israel invaded": once a list has its "and", a comma before it joins one more item.
  let listed = false;
  while (i >= floor) {
    const t = v.tokens[i]!;
    if (t.norm === ')') {
      let j = i - 1;
      while (j >= floor && v.tokens[j]!.norm !== '(' && i - j < 6) j--;
      if (j < floor || v.tokens[j]!.norm !== '(') break;
      i = j - 1;
      continue;
    }
    const at = v.at[i]!;
    if (at >= 0) {
      // "the opening towards Washington, and Albania criticised": an actor inside a prepositional
      // phrase ends the previous clause; it is not a second subject.
      if (!sawAnd || out.includes(at) || (governingPrep(v, at, floor) ?? 'that') !== 'that') break;
      out.unshift(at);
      sawAnd = false;
      listed = true;
      i = v.ranges[at]![0] - 1;
      continue;
    }
    // "Romania as well as Yugoslavia condemned": "as well as" joins like "and".
    if (t.norm === 'as' && v.tokens[i - 1]?.norm === 'well' && v.tokens[i - 2]?.norm === 'as' && i - 2 >= floor) {
      sawAnd = true;
      i -= 3;
      continue;
    }
    if (!(COORD.has(t.norm) || t.norm === 'of')) break;
    if (t.norm === 'and' || t.norm === '&') sawAnd = true;
    // Only a comma right before the item just read ("A, B and C"), not a comma closing an opening phrase.
    if (t.norm === ',' && listed && (v.at[i + 1] === out[0] || (v.tokens[i + 1]?.norm === 'the' && v.at[i + 2] === out[0])) && (v.at[i - 1] ?? -1) >= 0) sawAnd = true;
    i--;
  }
  return out;
}

/** A mention in parentheses right after another ("Vietnam (DRV)") stands for that one. */
function unparenthesise(v: SentenceView, m: number): number {
  const [s, e] = v.ranges[m]!;
  if (v.tokens[s - 1]?.norm === '(' && v.tokens[e]?.norm === ')') {
    const before = v.at[s - 2] ?? -1;
    if (before >= 0) return before;
  }
  return m;
}

/** Mention `b` follows mention `a` after "and of" (parentheses stepped over): "A (PRA) and of the B". */
function andOf(v: SentenceView, a: number, b: number): boolean {
  const words: string[] = [];
  for (let i = v.ranges[a]![1]; i < v.ranges[b]![0]; i++) {
    const w = v.tokens[i]!.norm;
    if (w === '(') {
      while (i < v.ranges[b]![0] && v.tokens[i]!.norm !== ')') i++;
      continue;
    }
    words.push(w);
  }
  const j = words.join(' ');
  return j === 'and of' || j === 'and of the';
}

/** Object-case pronouns are never a subject ("He handed me a note"). */
const OBJECT_CASE = /^(me|him|us|them|whom)$/i;

/** The subject of a trigger starting at token `start`: nearest actor to the left not inside a prepositional phrase. */
export function findSubject(v: SentenceView, start: number, text: string, floorOverride?: number): number[] {
  const floor = Math.max(floorOverride ?? clauseStart(v, start, text), mainClauseFloor(v, start));
  // A gerund right after a preposition ("the regime responsible for jailing", "accused China of
  // supporting") takes the nearest actor before it as its doer, whatever governs that actor.
  const head = v.tokens[start]?.norm ?? '';
  if (/ing$/.test(head) && PREPS.has(v.tokens[start - 1]?.norm ?? '') && v.tokens[start - 1]!.norm !== 'by') {
    for (let i = start - 2; i >= floor && i >= start - 8; i--) {
      if (v.at[i]! >= 0) return [unparenthesise(v, v.at[i]!)];
    }
  }
  // "He handed me a note protesting the overflights", "Albania sent a letter condemning X": a participle
  // right after a noun that is no actor modifies that noun (a note, a letter), whose author is the
  // clause's subject, not the nearest actor before it.
  const prevTok = v.tokens[start - 1];
  if (/ing$/.test(head) && prevTok && prevTok.word && (v.at[start - 1] ?? -1) < 0 && !PREPS.has(prevTok.norm) && TEXT_NOUNS.has(prevTok.norm)) {
    for (let i = floor; i < start - 1; i++) {
      const m = v.at[i]!;
      if (m < 0 || OBJECT_CASE.test(v.mentions[m]!.text)) continue;
      if (governingPrep(v, m, floor) === null) return coordinatedRight(v, m, start - 1).length > 1 ? coordinatedRight(v, m, start - 1) : [m];
      i = v.ranges[m]![1] - 1;
    }
  }
  // "Britain decided to recognise A, B and C by concluding treaties with them": a gerund after "by" (the
  // means) is done by the clause's subject, not by the object just before it.
  if (/ing$/.test(head) && v.tokens[start - 1]?.norm === 'by' && (v.at[start - 2] ?? -1) >= 0) {
    for (let i = floor; i < start - 1; i++) {
      const m = v.at[i]!;
      if (m < 0 || OBJECT_CASE.test(v.mentions[m]!.text)) continue;
      if (governingPrep(v, m, floor) === null) return coordinatedRight(v, m, start - 1).length > 1 ? coordinatedRight(v, m, start - 1) : [m];
      i = v.ranges[m]![1] - 1;
    }
  }
  let ofCandidate = -1;
  let ofPartner = -1;
  let relative = false;
  // "Nixon visited China and met Mao", "Herzog visited Ankara in March 2022 and met Erdoğan": a verb
  // right after "and" shares the subject of the clause's first verb, not the object or date before it.
  // So does a passive or perfect after "and" ("visited Brazil in 1957 and was received by X"): the
  // auxiliaries and adverbs between "and" and the verb are stepped over.
  let before = start - 1;
  while (before > 0 && start - before <= 3 && AUX_BETWEEN.has(v.tokens[before]!.norm)) before--;
  if (['and', 'then'].includes(v.tokens[before]?.norm ?? '') && ((v.at[before - 1] ?? -1) >= 0 || /^\d/.test(v.tokens[before - 1]?.norm ?? ''))) {
    for (let i = floor; i < before; i++) {
      const m = v.at[i]!;
      if (m < 0 || OBJECT_CASE.test(v.mentions[m]!.text)) continue;
      if (governingPrep(v, m, floor) === null) return coordinatedRight(v, m, before).length > 1 ? coordinatedRight(v, m, before) : [m];
      i = v.ranges[m]![1] - 1;
    }
  }
  for (let i = start - 1; i >= floor; i--) {
    const w = v.tokens[i]!.norm;
    // A quoted title or a parenthesis between the subject and its verb ("An editorial in X “A Conflict
    // Alien to Vietnam and Cambodia” (5 January 1978) expressed ...") holds no subject of that verb.
    const open = w === '”' ? '“' : w === ')' ? '(' : null;
    if (open) {
      let j = i - 1;
      while (j >= floor && v.tokens[j]!.norm !== open) j--;
      if (j >= floor) {
        i = j;
        continue;
      }
    }
    if (w === 'who' || w === 'which') relative = true;
    // "wrote that China had attacked": the complement clause has its own subject;
    // "the clique that deposed the prince": "that" after an actor is a relative pronoun.
    if (w === 'that') {
      if ((v.at[i - 1] ?? -1) === -1) break;
      relative = true;
    }
    let m = v.at[i]!;
    if (m < 0) continue;
    if (OBJECT_CASE.test(v.mentions[m]!.text)) {
      i = v.ranges[m]![0];
      continue;
    }
    // A possessive pronoun stands for the subject only before a word for its agents ("their ambassador",
    // "our Party and state"), not before a thing ("their special joy").
    if (POSSESSIVE_PRONOUN.has(v.mentions[m]!.text.toLowerCase()) && !AGENT_NOUNS.has(v.tokens[v.ranges[m]![1]]?.norm ?? '')) continue;
    m = unparenthesise(v, m);
    const [s] = v.ranges[m]!;
    // "the Soviets, who are for talks": the antecedent of the relative pronoun is the subject.
    if (relative) return [m];
    const prep = governingPrep(v, m, floor);
    // "five months after the Chinese ended its aid": here "after" opens a clause whose subject this is.
    if (prep === null || prep === 'that' || (SUBORDINATORS.has(prep) && v.ranges[m]![1] === start)) {
      // "The People's Republic of Albania (PRA) and of the Democratic Republic of Vietnam (DRV) had
      // maintained relations": a second state joined by "and of" shares the subject.
      if (ofCandidate >= 0 && andOf(v, m, ofCandidate)) return [...coordinatedLeft(v, m, floor), ofCandidate];
      return coordinatedLeft(v, m, floor);
    }
    if (prep === 'of' && ofCandidate >= 0 && ofPartner < 0 && andOf(v, m, ofCandidate)) ofPartner = m;
    if (prep === 'of' && ofCandidate < 0) ofCandidate = m;
    // "an editorial in Zëri i Popullit expressed", "a statement by the ministry said": the organ or
    // author of a text that is the subject speaks through it.
    if (prep !== null && ['in', 'of', 'by', 'from'].includes(prep)) {
      const k = ['the', 'a', 'an'].includes(v.tokens[s - 1]?.norm ?? '') ? s - 2 : s - 1;
      if (v.tokens[k]?.norm === prep && TEXT_NOUNS.has(v.tokens[k - 1]?.norm ?? '')) return [m];
    }
    i = s; // skip the rest of this mention
  }
  if (ofCandidate >= 0) return ofPartner >= 0 ? [ofPartner, ofCandidate] : [ofCandidate];
  return [];
}

/** The subject of a participial opener: "Having visited Albania, Sihanouk ..." -> first bare actor after the comma. */
export function subjectAfterOpener(v: SentenceView, end: number, text: string): number[] {
  let i = end;
  while (i < v.tokens.length && v.tokens[i]!.norm !== ',') i++;
  for (i++; i < v.tokens.length && i < end + 25; i++) {
    const m = v.at[i]!;
    if (m >= 0) return governingPrep(v, m, 0) === null ? coordinatedRight(v, m, clauseEnd(v, i, text)) : [];
    if (isBreak(v.tokens[i]!, text)) break;
  }
  return [];
}

/**
 * Actors after the trigger attached by one of `preps` ("obj" = bare object).
 * Returns the first fitting mention and those coordinated with it.
 */
export function findObject(v: SentenceView, end: number, preps: string[], near: number, text: string, kinds?: string[], crossRelative = false): { mentions: number[]; prep: string | null } {
  const limit = clauseEnd(v, end, text);
  let relative = -1;
  for (let i = end; i < limit && i <= end + near; i++) {
    const m = v.at[i]!;
    if (m < 0) {
      const w = v.tokens[i]!.norm;
      if (crossRelative && (w === 'which' || w === 'that') && relative < 0) {
        relative = i;
        continue;
      }
      if (w === '.' || (COMPLEMENTIZERS.has(w) && !preps.includes(w))) break;
      // "met the leadership: A, B and C": the list after a colon is the object.
      if (w === ':' && preps.includes('obj') && i - end <= 4 && (v.at[i + 1] ?? -1) >= 0) {
        return { mentions: coordinatedRight(v, v.at[i + 1]!, v.tokens.length), prep: null };
      }
      continue;
    }
    // Past a relative pronoun, only the relative clause's subject counts: "the victories which the Cambodian people achieved".
    if (relative >= 0) {
      if (governingPrep(v, m, relative + 1) === null) return { mentions: coordinatedRight(v, m, limit), prep: null };
      break;
    }
    // The pattern may end with the preposition itself ("went to", "in honour of"): its object
    // fits a rule asking for that preposition or for a bare object.
    const inner = end > 0 && PREPS.has(v.tokens[end - 1]!.norm) ? governingPrep(v, m, end - 1) : null;
    let prep = inner ?? governingPrep(v, m, end);
    // events.roles.place-of-v1: "landed on the north coast of Cyprus", "fired into the territory of X":
    // a part of a country's territory stands for the country, under the preposition governing the part.
    if (prep === 'of' && !preps.includes('of')) prep = partOfPlace(v, m, end) ?? prep;
    // events.roles.place-comma-country-v1: "landed at Veracruz, Mexico": a country after a place name
    // that no dictionary knows stands under the place's preposition.
    if (prep === null) prep = placeCommaCountry(v, m, end, text) ?? prep;
    // "killed dozens of protesters", "nine members of the team": a quantity before "of" is not the object.
    const ms = v.ranges[m]![0];
    const quantityOf = prep === 'of' && preps.includes('obj') && v.tokens[ms - 1]?.norm === 'of' && QUANTITY_NOUNS.has(v.tokens[ms - 2]?.norm ?? '') && ms - 2 - end <= 2;
    const ok = quantityOf || (inner !== null ? preps.includes(inner) || preps.includes('obj')
      : prep === null ? preps.includes('obj') && bareObject(v, end, i) : preps.includes(prep));
    if (ok && (!kinds || kinds.includes(v.mentions[m]!.entity.kind))) {
      // "met the leadership: A, B, C" -> the list after the colon.
      const after = v.ranges[m]![1];
      if (v.tokens[after]?.norm === ':' && v.at[after + 1]! >= 0) {
        return { mentions: coordinatedRight(v, v.at[after + 1]!, v.tokens.length), prep };
      }
      return { mentions: coordinatedRight(v, m, limit), prep };
    }
    i = v.ranges[m]![1] - 1;
  }
  return { mentions: [], prep: null };
}

/** Nouns for a part of a country's territory or waters ("the coast of", "the territory of", "the capital of"). */
const PLACE_PARTS = new Set([
  'coast', 'coasts', 'coastline', 'shore', 'shores', 'north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast',
  'southwest', 'interior', 'capital', 'border', 'borders', 'frontier', 'frontiers', 'territory', 'territories', 'soil', 'island',
  'islands', 'mainland', 'part', 'parts', 'region', 'regions', 'province', 'provinces', 'port', 'ports', 'city', 'cities',
  'outskirts', 'heart', 'centre', 'center', 'waters', 'airspace', 'half', 'harbour', 'harbor', 'harbours', 'harbors',
]);
const PLACE_MODS = new Set(['the', 'a', 'its', 'entire', 'whole', 'northern', 'southern', 'eastern', 'western', 'central', 'north', 'south', 'east', 'west', 'occupied', 'main']);

/** For a mention after "of" behind a part of its territory, the preposition governing that part (or null). */
function partOfPlace(v: SentenceView, m: number, floor: number): string | null {
  let k = v.ranges[m]![0] - 1;
  if (v.tokens[k]?.norm === 'the') k--;
  if (v.tokens[k]?.norm !== 'of' || !PLACE_PARTS.has(v.tokens[k - 1]?.norm ?? '')) return null;
  k -= 2;
  for (let n = 0; k >= floor && n < 3 && PLACE_MODS.has(v.tokens[k]!.norm); n++) k--;
  const w = v.tokens[k]?.norm ?? '';
  return k >= floor - 1 && PREPS.has(w) && w !== 'of' ? w : null;
}

/** For a state right after "<Preposition> <Capitalised words>," the preposition (or null). */
function placeCommaCountry(v: SentenceView, m: number, floor: number, text: string): string | null {
  if (v.mentions[m]!.entity.kind !== 'state') return null;
  let k = v.ranges[m]![0] - 1;
  if (v.tokens[k]?.norm !== ',') return null;
  k--;
  let words = 0;
  while (k >= floor && words < 3 && v.tokens[k]!.word && (v.at[k] ?? -1) < 0 && /^\p{Lu}/u.test(text[v.tokens[k]!.start] ?? '')) {
    k--;
    words++;
  }
  const w = v.tokens[k]?.norm ?? '';
  return words > 0 && k >= floor - 1 && PREPS.has(w) && w !== 'of' ? w : null;
}

const NOT_IN_OBJECT = new Set(['and', 'or', 'but', ',', ';', ':', '.', '“', '”', '"', '’', "'", 'is', 'was', 'were', 'are', 'has', 'had', 'have', 'to']);

/** Tokens [from, to) can sit between a verb and its bare object ("visited the small nation"). */
function bareObject(v: SentenceView, from: number, to: number): boolean {
  if (to - from > 4) return false;
  // "protested the arrest of two citizens": the actor sits in a prepositional phrase, not in the object.
  for (let k = from; k < to; k++) if (NOT_IN_OBJECT.has(v.tokens[k]!.norm) || PREPS.has(v.tokens[k]!.norm)) return false;
  return true;
}

/**
 * Actors after "between" following the trigger: "clashes between A and B". A pattern that ends with
 * "between" itself ("an agreement * between") has read the word: the search starts on it; so it
 * does when "between" falls inside the match (from `start`).
 */
export function findBetween(v: SentenceView, end: number, near: number, text: string, start?: number): number[] {
  // "Relations between A and B were restored": the pattern has read "between" and the parties.
  if (start !== undefined) {
    for (let i = start + 1; i < end - 1; i++) if (v.tokens[i]!.norm === 'between') {
      end = i;
      break;
    }
  }
  if (v.tokens[end - 1]?.norm === 'between') end--;
  const limit = clauseEnd(v, end, text);
  for (let i = end; i < limit && i <= end + near; i++) {
    if (v.tokens[i]!.norm !== 'between') continue;
    for (let k = i + 1; k < limit && k <= i + 5; k++) {
      const m = v.at[k]!;
      if (m >= 0) return coordinatedRight(v, m, limit);
    }
    return [];
  }
  return [];
}

const NP_STOP = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'of', 'to', 'in', 'on', 'at', 'from', 'with', 'for', 'by',
  'and', 'or', 'was', 'were', 'is', 'are', 'be', 'been', 'has', 'had', 'have', 'after', 'before', 'during', 'since',
  'which', 'who', 'when', 'while', 'as', 'against', 'into', 'about', 'between', ',', ';', ':', '.', '(', ')', '“', '”', '"',
]);

/** Actors inside the noun phrase before a nominal trigger: "Albania's recognition", "the Chinese attack", "US–Soviet talks". */
export function findPremodifiers(v: SentenceView, start: number): number[] {
  const found: number[] = [];
  for (let i = start - 1, n = 0; i >= 0 && n < 6; i--, n++) {
    const m = v.at[i]!;
    if (m >= 0) {
      if (!found.includes(m)) found.unshift(m);
      i = v.ranges[m]![0];
      // Keep going only across "-", "–", "and", "/" joining two actors.
      const j = i - 1;
      const join = v.tokens[j]?.norm;
      if (join && (join === '-' || join === '–' || join === '/' || join === 'and') && v.at[j - 1]! >= 0) {
        i = j;
        continue;
      }
      break;
    }
    const t = v.tokens[i]!;
    if (NP_STOP.has(t.norm) && t.norm !== "'s") break;
  }
  return found;
}
