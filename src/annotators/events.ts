/**
 * The CAMEO event coder. For each sentence: tokenise, resolve pronouns, find
 * lexicon matches (verbs, nouns, multi-word patterns), read source and target
 * from the actor mentions around each trigger (active, passive, nominal,
 * coordinated, symmetric), decide modality and claimant, attach dates, and
 * emit one CodedEvent per (source, target, date) with the rule that fired and
 * a readable reason.
 *
 * Exported by default: events the text presents as having happened, i.e.
 * modality "asserted" and "reported" (someone else asserts it). Negated,
 * hypothetical and planned events are found but dropped unless
 * `options.modalities` asks for them.
 */
import { createHash } from 'node:crypto';
import type { ActorMention, CodedEvent, Document, EntityRef, EventDate, Modality, Sentence, Span, TimeExpression } from '../core/types.js';
import type { CompiledRule, Lexicon } from '../dictionaries/lexicon.js';
import { attachDates, carryDate } from './dates.js';
import { tokenize, mentionIndexOfTokens, type Token } from './events-tokens.js';
import { verbForms, PREPOSITION_STRATEGIES } from '../dictionaries/lexicon.js';
import { findMatches, type RuleMatch } from './events-match.js';
import {
  findBetween, findObject, findPremodifiers, findSubject, governingPrep, subjectAfterOpener, clauseStart, type SentenceView,
} from './events-roles.js';
import { modalityOf } from './modality.js';
import { blockClaims, claimAt, quotationClaims, sentenceClaims, type ClaimRegion, type SentenceInfo } from './claims.js';
import { resolvePronouns } from './events-coref.js';
import { collectiveMentions, contextEvents, documentContext, eventAnaphor, expandCollectives, fillCounterpart, isHeadingSentence, noteRequest, reverseAllowed } from './events-context.js';
import { ownClauseOnly, scopeClaims } from './events-requests.js';
import { relationEchoes } from './events-relations.js';
import { loadContextRules } from '../dictionaries/lexicon-context.js';
import { withDocumentNames } from './document-names.js';

export interface EventInput {
  sentences: Sentence[];
  mentions: ActorMention[];
  times: TimeExpression[];
}

export interface CodeOptions {
  /** Which modalities to return (default: asserted and reported). */
  modalities?: Modality[];
}

export const EXTRACTOR_VERSION = 'annals-events/0.2';
export const DEFAULT_MODALITIES: Modality[] = ['asserted', 'reported'];

/** Verbs that take an event noun as object: the verb's subject is the noun's source ("Albania launched an attack"). */
const LIGHT_VERBS = new Set([
  'launch', 'wage', 'carry', 'conduct', 'make', 'pay', 'hold', 'begin', 'start', 'continue', 'recommence', 'resume',
  'mount', 'stage', 'undertake', 'give', 'provide', 'express', 'extend', 'offer', 'lend', 'voice', 'issue', 'receive',
  'have', 'maintain', 'keep', 'sign', 'commit', 'perpetrate', 'impose', 'announce', 'open', 'establish', 'step',
  'intensify', 'escalate', 'end', 'pursue', 'lead', 'organise', 'organize', 'publicise', 'publicize', 'declare', 'file',
  'bring', 'lodge', 'release', 'issue', 'reiterate', 'renew', 'enjoy', 'win', 'secure', 'grant', 'accord', 'emphasise',
  'emphasize', 'stress', 'reaffirm', 'show', 'demonstrate', 'came', 'come', 'furnish', 'supply', 'send', 'deliver',
  'ship', 'export', 'account', 'take', 'allow', 'facilitate', 'permit', 'authorise', 'authorize', 'order', 'be', 'is', 'was', 'were', 'are', 'been',
]).values();
const LIGHT = new Set<string>();
for (const v of LIGHT_VERBS) for (const f of verbForms(v).all) LIGHT.add(f);
for (const f of ['is', 'was', 'were', 'are', 'been', 'be']) LIGHT.add(f);

/** Verbal frames that turn a violent act into talk of it: "spoke of ethnically cleansing Gaza" is a threat. */
const THREAT_FRAMES = [['spoke', 'of'], ['spoke', 'about'], ['talked', 'of'], ['talked', 'about'], ['mused', 'about'], ['wrote', 'about'], ['warned', 'of'], ['threatened', 'to'], ['threatens', 'to'], ['called', 'for'], ['calls', 'for'], ['advocated'], ['urged']];

function threatFrame(tokens: Token[], head: number): number {
  for (let i = head - 1; i >= 0 && i >= head - 5; i--) {
    for (const f of THREAT_FRAMES) if (f.every((w, k) => tokens[i + k]?.norm === w) && i + f.length <= head) return i;
    if ([';', '.', ':'].includes(tokens[i]!.norm)) break;
  }
  return -1;
}

/** Cues by which an actor states its own plan ("plans to", "was going to", "will"), not someone else's request. */
const OWN_INTENT = new Set(['will', 'shall', 'plan', 'plans', 'planned', 'planning', 'intend', 'intends', 'intended', 'intending', 'going', 'promise', 'promised', 'pledge', 'pledged', 'vow', 'vowed', 'offer', 'offered', 'prepared', 'ready', 'willing', 'willingness', 'readiness', 'intention', 'determination', 'threaten', 'threatens', 'threatened', 'threatening', 'decide', 'decided', 'agree', 'agreed']);

const MONTH_BEFORE = new Set(['in', 'of', 'early', 'late', 'mid', 'since', 'until', 'till', 'from', 'by', 'during', 'last', 'next', 'on', 'to', 'through', 'between', 'and', 'or']);

/**
 * events.modality.month-may-v1: "met in May and signed", "on 4 May 1949": the month is no modal verb.
 * The tokens with such a "May" renamed, for the modality check only.
 */
function monthSafe(tokens: Token[], text: string): Token[] {
  let out: Token[] | null = null;
  tokens.forEach((t, i) => {
    if (t.norm !== 'may' || text[t.start] !== 'M' || i === 0) return;
    if (!MONTH_BEFORE.has(tokens[i - 1]!.norm) && !/^\d/.test(tokens[i + 1]?.norm ?? '') && !/^\d/.test(tokens[i - 1]!.norm)) return;
    out ??= [...tokens];
    out[i] = { ...t, norm: 'may-month' };
  });
  return out ?? tokens;
}

/** A decision taken, in the past: for diplomatic cooperation (05) the decision is the act. */
const DECIDED = new Set(['decided', 'agreed']);

/** Auxiliaries of the future ('shall' of treaties is left an undertaking): an actor's own plan only when the actor is said to declare it. */
const FUTURE_AUX = new Set(['will', 'going']);

const REFUSAL = /^(refuse[sd]?|refusing|decline[sd]?|declining)$/;

/** The CAMEO rejection code for a refused cooperative act (meeting 125, mediation 126, material 121, aid 122, yielding 124). */
export function refusalCode(code: string): string | null {
  if (code.startsWith('045') || code.startsWith('039')) return '126';
  switch (code.slice(0, 2)) {
    case '03': case '05': return '120';
    case '04': return '125';
    case '06': return '121';
    case '07': return '122';
    case '08': return '124';
    default: return null;
  }
}

/** The CAMEO "intent" code for a planned act: cooperation -> 03x, conflict -> 13x. */
export function intentCode(code: string): string | null {
  const root = code.slice(0, 2);
  const sub: Record<string, string> = { '071': '0331', '072': '0332', '073': '0333', '074': '0334', '081': '0351', '082': '0352', '084': '0353', '085': '0354', '086': '0355', '087': '0356' };
  if (sub[code.slice(0, 3)]) return sub[code.slice(0, 3)]!;
  switch (root) {
    case '04': return '036';
    case '05': return '032';
    case '06': return '031';
    case '07': return '033';
    case '08': return '035';
    case '14': return '133';
    case '16': return '131';
    case '17': return '137';
    case '15': case '18': case '19': case '20': return '138';
    default: return null;
  }
}

const BE_AUX = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'got', 'get', 'gets']);
/** Strategies read by findObject: a bare object or any preposition the lexicon compiler accepts. */
const PREP_STRATEGIES = new Set(['obj', ...PREPOSITION_STRATEGIES]);

/** Sorted mentions with those nested inside a longer one removed. */
function cleanMentions(ms: ActorMention[]): ActorMention[] {
  const sorted = [...ms].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const out: ActorMention[] = [];
  for (const m of sorted) {
    const last = out.at(-1);
    if (last && m.span.start < last.span.end) continue;
    out.push(m);
  }
  return out;
}

function buildView(tokens: Token[], mentions: ActorMention[]): SentenceView {
  const at = mentionIndexOfTokens(tokens, mentions);
  const ranges: Array<[number, number]> = mentions.map(() => [-1, -1]);
  for (let i = 0; i < tokens.length; i++) {
    const m = at[i]!;
    if (m < 0) continue;
    if (ranges[m]![0] < 0) ranges[m]![0] = i;
    ranges[m]![1] = i + 1;
  }
  // Mentions that cover no token (should not happen) are dropped from the view.
  for (let i = 0; i < mentions.length; i++) if (ranges[i]![0] < 0) ranges[i] = [tokens.length, tokens.length];
  return { tokens, mentions, ranges, at };
}

function eventId(parts: Array<string | number | null>): string {
  return createHash('sha1').update(parts.map((p) => (p === null ? '' : String(p))).join('\u0001')).digest('hex').slice(0, 20);
}

interface Slot {
  mentions: number[];
  how: string;
}

function resolveSlot(strategies: string[], v: SentenceView, m: RuleMatch, text: string, near: number, kinds?: string[], role: 'source' | 'target' = 'source'): Slot {
  const preps = strategies.filter((s) => PREP_STRATEGIES.has(s));
  let prepsTried = false;
  for (const s of strategies) {
    if (PREP_STRATEGIES.has(s)) {
      if (prepsTried) continue;
      prepsTried = true;
      const r = findObject(v, m.end, preps, near, text, kinds, m.rule.crossRelative);
      if (r.mentions.length) return { mentions: r.mentions, how: r.prep ? `'${r.prep}' phrase` : 'object' };
    } else if (s === 'subject') {
      // A noun's source is the clause subject only through a verb that takes the noun ("launched an
      // attack"); a target named as subject ("backed down under US pressure") needs no such verb.
      if (m.rule.kind === 'noun' && role === 'source' && !lightVerbBefore(v, m.start)) continue;
      // For a noun, look left of its whole phrase ("under US and EU pressure": past "US and EU").
      let from = m.start;
      if (m.rule.kind === 'noun') {
        const pre = findPremodifiers(v, m.start);
        for (const k of pre) from = Math.min(from, v.ranges[k]![0]);
      }
      const r = findSubject(v, from, text);
      if (r.length) return { mentions: r, how: m.rule.kind === 'noun' ? 'subject of the verb governing the noun' : 'subject' };
    } else if (s === 'premod') {
      const r = findPremodifiers(v, m.start);
      if (r.length) return { mentions: r, how: 'modifier of the noun' };
    } else if (s === 'self') {
      // The trigger is part of an actor's own name ("the Albanian Ambassador in Athens").
      // When the clause subject is of the same country ("Stamo served as Albanian Ambassador"), it is the one meant.
      const k = v.at[m.start]!;
      if (k >= 0) {
        const subj = findSubject(v, v.ranges[k]![0], text);
        if (subj.length && v.mentions[subj[0]!]!.entity.country === v.mentions[k]!.entity.country) return { mentions: subj, how: 'subject' };
        return { mentions: [k], how: 'the actor the words name' };
      }
    } else if (s === 'premod-obj') {
      const inside: number[] = [];
      for (let i = m.start + 1; i < m.end; i++) if (v.at[i]! >= 0 && !inside.includes(v.at[i]!)) inside.push(v.at[i]!);
      if (inside.length) return { mentions: inside, how: 'modifier inside the phrase' };
    } else if (s === 'between') {
      const r = findBetween(v, m.end, m.rule.kind === 'verb' ? Math.min(near, 6) : near, text, m.start);
      if (r.length) return { mentions: r, how: "'between' phrase" };
    }
  }
  return { mentions: [], how: '' };
}

const PRONOUN = /^(he|him|his|she|her|it|its|they|them|their|we|us|our)$/i;

/** "together with X" / "along with X" before the trigger in its clause: X acts too. */
function coAgent(v: SentenceView, start: number, text: string): number {
  const floor = clauseStart(v, start, text);
  for (let i = floor; i < start - 2; i++) {
    const a = v.tokens[i]!.norm;
    const b = v.tokens[i + 1]!.norm;
    if ((a === 'together' || a === 'along') && b === 'with') {
      for (let k = i + 2; k < start && k < i + 8; k++) {
        if (v.at[k]! >= 0 && !PRONOUN.test(v.mentions[v.at[k]!]!.text)) {
          // "with their puppet, Lon Nol," -> the named actor after the apposition comma.
          const m = v.at[k]!;
          const after = v.ranges[m]![1];
          if (v.tokens[after]?.norm === ',' && v.at[after + 1]! >= 0 && v.tokens[v.ranges[v.at[after + 1]!]![1]]?.norm === ',') return v.at[after + 1]!;
          return m;
        }
      }
    }
  }
  return -1;
}

/** A verb that takes the event noun as object within the few words before it. */
function lightVerbBefore(v: SentenceView, start: number): boolean {
  for (let i = start - 1; i >= 0 && i >= start - 8; i--) {
    const w = v.tokens[i]!.norm;
    if (LIGHT.has(w)) return true;
    // "following talks with X, Y signed": a temporal preposition ties the noun to the main clause's subject.
    if (TEMPORAL.has(w)) return true;
    // "united by criticism of": a participle and "by" lead back to the clause's subject.
    if (w === 'by' && /ed$/.test(v.tokens[i - 1]?.norm ?? '')) return true;
    if (v.at[i]! >= 0 || [';', ':', '.', 'of', 'to', 'in', 'on', 'by', 'for', 'against'].includes(w)) return false;
  }
  return false;
}

const COMPOUND_HEAD = new Set(['talks', 'negotiations', 'negotiators', 'delegation', 'delegations', 'mission', 'missions', 'agreement', 'agreements', 'accord', 'pact', 'treaty', 'minister', 'ministers', 'ministry', 'policy', 'dispute', 'disputes', 'embargo', 'boycott', 'war', 'conference', 'fair', 'deficit', 'surplus', 'experts', 'committee', 'commission']);
const NOT_NOUN_BEFORE_PARTICIPLE = new Set(['and', 'or', 'not', 'never', 'also', 'then', 'later', 'first', 'soon', 'once', 'thus', 'again', 'further', 'being', 'having', 'has', 'have', 'had', 'who', 'which', 'that', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'in', 'on', 'at', 'of', 'to', 'for', 'with', 'from', 'into', 'after', 'before', 'when']);

/** A participle right after a plain word that is neither an actor nor an auxiliary or adverb ("an invasion backed by"). */
function reducedOnPlainNoun(rule: CompiledRule, v: SentenceView, m: RuleMatch): boolean {
  if (rule.passive || rule.kind !== 'verb') return false;
  const prev = v.tokens[m.start - 1];
  if (!prev || !prev.word || v.at[m.start - 1]! >= 0) return false;
  if (BE_AUX.has(prev.norm) || NOT_NOUN_BEFORE_PARTICIPLE.has(prev.norm) || /ly$/.test(prev.norm) || /^\d/.test(prev.norm)) return false;
  return true;
}

const AGREEMENT_NOUN = /^(agreements?|treaty|treaties|accords?|protocols?|conventions?|pacts?|memorandum|arrangements?)$/;
const TOPIC_PREP = new Set(['on', 'for', 'of', 'concerning', 'regarding', 'covering']);

/** A noun phrase that names what an agreement is about: "an agreement on (cultural and) economic cooperation". */
function agreementTopic(tokens: Token[], start: number): boolean {
  for (let i = start - 1; i >= 1 && i >= start - 5; i--) {
    if (TOPIC_PREP.has(tokens[i]!.norm) && AGREEMENT_NOUN.test(tokens[i - 1]!.norm)) return true;
    if ([',', ';', '.', ':'].includes(tokens[i]!.norm)) return false;
  }
  return false;
}

const TEMPORAL = new Set(['following', 'after', 'during', 'before', 'since', 'amid', 'throughout']);

function isPassive(rule: CompiledRule, v: SentenceView, m: RuleMatch): boolean {
  if (rule.kind !== 'verb' || rule.voiceless) return false;
  if (rule.passive) return true;
  const head = v.tokens[m.start]!.norm;
  if (!rule.participles.has(head)) return false;
  for (let i = m.start - 1, n = 0; i >= 0 && n < 3; i--, n++) {
    const w = v.tokens[i]!.norm;
    if (BE_AUX.has(w)) return !(w === 'been' && v.tokens[i - 1]?.norm === 'having' && false);
    if (w === 'having' || w === 'has' || w === 'have' || w === 'had') return false;
    if (v.at[i]! >= 0 || w === ',' || w === '.') break;
  }
  // events.passive.coordinated-v1: "was summoned to the Ministry and handed a protest": a participle after
  // "and" shares the passive auxiliary of the participle before it in the clause.
  if (v.tokens[m.start - 1]?.norm === 'and') {
    for (let i = m.start - 2; i >= 1 && i >= m.start - 10; i--) {
      const w = v.tokens[i]!.norm;
      if ([',', ';', '.', 'and', 'but', 'which', 'who', 'that', 'by'].includes(w)) break;
      if (BE_AUX.has(v.tokens[i - 1]!.norm) && /(ed|en|wn|ght)$/.test(w) && v.at[i]! < 0) return true;
    }
  }
  // Reduced relative: "the Palestinians, expelled from their land by the British ...",
  // "weapons captured by the army" -- but not "Israel circumvented the embargo by supplying arms".
  const prev = v.tokens[m.start - 1];
  if (prev && (prev.norm === ',' || (prev.word && v.at[m.start - 1]! < 0))) {
    for (let i = m.end; i < v.tokens.length && i < m.end + 6; i++) {
      if (v.tokens[i]!.norm === 'by') return v.at[i + 1]! >= 0 || !/ing$/.test(v.tokens[i + 1]?.norm ?? '');
    }
  }
  // Right after the actor it describes: "Cuban exiles trained by the CIA landed ...": only with an
  // actor as the "by" agent at once ("attacked by night" stays active).
  if (prev && v.at[m.start - 1]! >= 0 && v.tokens[m.end]?.norm === 'by') {
    const k = ['the', 'a', 'an'].includes(v.tokens[m.end + 1]?.norm ?? '') ? m.end + 2 : m.end + 1;
    return (v.at[k] ?? -1) >= 0;
  }
  return false;
}

interface Pair {
  source: number;
  target: number | null;
}

/** Hostile words that make "called X ..." or "described X as ..." a criticism. */
const NEGATIVE = /^(hostile|aggressive|aggression|provocations?|provocative|crimes?|violations?|unacceptable|unjustified|unwarranted|expansionist|hegemonist(ic)?|hegemonic|treacherous|traitorous|chauvinistic|imperialistic|colonialist|neo-colonialist|militarist(ic)?|counter-revolutionary|anti-marxist|subversive|criminal|barbaric|enem(y|ies)|aggressors?|imperialists?|imperialism|revisionists?|traitors?|terrorists?|puppets?|criminals?|fascists?|nazis?|chauvinis(t|ts|m)|clique|reactionar(y|ies)|barbar(ous|ians?)|bloodthirsty|evil|dictators?(hip)?|tyrants?|murderers?|butchers?|warmongers?|lackeys?|provocateurs?|racists?|genocidal|illegal|rogue|gangsters?|bandits?)$/;

/** Friendly words that make "called relations with X ..." praise. */
const POSITIVE = /^(friendly|friendship|fraternal|brotherly|heroic|valiant|glorious|staunch|loyal|excellent|cordial|warm|admirable|courageous|allies|ally|friends?|dear|respected|beloved|great|just|wise|progressive|peace-loving|exemplary)$/;

function hasWord(tokens: Token[], from: number, re: RegExp): boolean {
  for (let i = from; i < tokens.length && i < from + 14; i++) {
    if (['.', ';'].includes(tokens[i]!.norm)) break;
    if (re.test(tokens[i]!.norm)) return true;
  }
  return false;
}

/** "each other" or "one another" within the few words after a trigger, in its clause. */
function reciprocalAfter(tokens: Token[], from: number, end: number): boolean {
  for (let i = from; i < tokens.length && i < end + 6; i++) {
    const w = tokens[i]!.norm;
    if ([',', ';', '.', ':', 'and', 'but'].includes(w) && i >= end) return false;
    if ((w === 'each' && /^other/.test(tokens[i + 1]?.norm ?? '')) || (w === 'one' && /^another/.test(tokens[i + 1]?.norm ?? ''))) return true;
    // "each party shall restore to the other": after a distributive subject, "the other" is reciprocal.
    if (w === 'the' && tokens[i + 1]?.norm === 'other' && tokens.slice(0, from).some((t) => t.norm === 'each' || t.norm === 'either')) return true;
  }
  return false;
}

/**
 * The two directions between the parties of a mutual act: the first party named with each of the others
 * ("the war between Israel, Egypt, Jordan and the PLO" is Israel's with each; a longer list does not
 * multiply events by every pair).
 */
function mutualPairs(parties: number[], same: (a: number, b: number) => boolean): Pair[] {
  const out: Pair[] = [];
  const [first, ...rest] = parties;
  for (const r of rest) if (!same(first!, r)) out.push({ source: first!, target: r }, { source: r, target: first! });
  return out;
}

function pairsFor(rule: CompiledRule, sources: number[], targets: number[], between: boolean, v: SentenceView, coAgents = false): Pair[] {
  const out: Pair[] = [];
  const same = (a: number, b: number) => v.mentions[a]!.entity.id === v.mentions[b]!.entity.id;
  // events.between.third-party-v1: "Norway mediated between Israel and the PLO": a one-way act whose
  // subject stands outside the pair is done by the subject to each party, not by the parties to each other.
  if (between && targets.length >= 2 && rule.kind === 'verb' && !rule.symmetric && sources.length) {
    const country = (k: number) => v.mentions[k]!.entity.country ?? v.mentions[k]!.entity.id;
    const outside = sources.filter((s) => !targets.some((t) => country(t) === country(s)));
    if (outside.length) {
      for (const s of outside) for (const t of targets) if (!same(s, t)) out.push({ source: s, target: t });
      return out;
    }
  }
  if (between && targets.length >= 2) return mutualPairs(targets, same);
  // "Romania, together with Yugoslavia, signed an agreement with China": co-agents are one side; each
  // acts on the target (and back, for a mutual act).
  if (coAgents && targets.length) {
    for (const s of sources) for (const t of targets) {
      if (same(s, t)) continue;
      out.push({ source: s, target: t });
      if (rule.symmetric === true) out.push({ source: t, target: s });
    }
    return out;
  }
  // "Sadat and Begin signed two agreements, with Carter as witness": coordinated parties to a
  // symmetric act are its two sides, whatever else the sentence names.
  if (rule.symmetric !== false && rule.symmetric !== undefined && (!targets.length || rule.symmetric === true) && sources.length >= 2) {
    return mutualPairs(sources, same);
  }
  for (const s of sources) {
    if (!targets.length) {
      if (rule.intransitive) out.push({ source: s, target: null });
      continue;
    }
    for (const t of targets) {
      if (same(s, t)) continue;
      out.push({ source: s, target: t });
      if (rule.symmetric === true) out.push({ source: t, target: s });
    }
  }
  return out;
}

function stateOfFirst(mentions: ActorMention[]): Map<string, ActorMention> {
  const out = new Map<string, ActorMention>();
  for (const m of mentions) if (m.entity.kind === 'state' && m.entity.country && !out.has(m.entity.country)) out.set(m.entity.country, m);
  return out;
}

const CABLE_TITLE = /\b(telegram|cable|despatch|dispatch|airgram|letter|message|memorandum|note)\s+from\s+/i;
const MISSION = /^(the\s+)?([A-Z][\w.]*\s+)?(embassy|legation|consulate(\s+general)?|mission|delegation|high\s+commission|ambassador|minister|charg[ée]\s+d'affaires)\b/i;

/**
 * events.coref.writer-v1: the state a telegram or despatch is written for, from its title ("Telegram From
 * the Embassy in Turkey to the Department of State": the embassy of the Department's state; "Telegram
 * From the Department of State to the Embassy in Greece": the Department's state). Null for other documents.
 */
export function cableWriter(doc: Document, mentions: ActorMention[], stateOf: Map<string, ActorMention>): EntityRef | null {
  const first = doc.blocks.findIndex((b) => b.kind === 'paragraph');
  for (let b = 0; b < doc.blocks.length && (first < 0 || b < first); b++) {
    const bl = doc.blocks[b]!;
    if (bl.kind !== 'heading') continue;
    const title = doc.text.slice(bl.span.start, bl.span.end);
    const cue = CABLE_TITLE.exec(title);
    if (!cue) continue;
    const fromAt = bl.span.start + cue.index + cue[0].length;
    const toRel = doc.text.slice(fromAt, bl.span.end).search(/\s+to\s+/i);
    const toAt = toRel >= 0 ? fromAt + toRel : bl.span.end;
    const inRange = (a: number, z: number) => mentions.filter((m) => m.span.start >= a && m.span.end <= z && m.entity.country && m.entity.country !== 'IGO');
    const sender = inRange(fromAt, toAt);
    const receiver = inRange(toAt, bl.span.end);
    const state = (m: ActorMention) => (stateOf.get(m.entity.country!) ?? m).entity;
    if (MISSION.test(doc.text.slice(fromAt, toAt))) {
      // A mission "in X" writes for the state it reports to, else for the demonym before it ("the British Embassy").
      const host = doc.text.slice(fromAt, toAt).match(/\b(in|at|to)\s+/i) ? sender.at(-1) : undefined;
      const home = receiver.find((m) => !host || m.entity.country !== host.entity.country);
      if (home) return state(home);
      const own = sender.find((m) => m !== host);
      return own ? state(own) : null;
    }
    return sender[0] ? state(sender[0]) : null;
  }
  return null;
}

/** The states a document is mostly about: those with at least a fifth of its state mentions, most mentioned first. */
function focalStates(mentions: ActorMention[]): ActorMention[] | null {
  const counts = new Map<string, { n: number; first: ActorMention }>();
  let total = 0;
  for (const m of mentions) {
    if (m.entity.kind !== 'state' || !m.entity.country) continue;
    total++;
    const c = counts.get(m.entity.country);
    if (c) c.n++;
    else counts.set(m.entity.country, { n: 1, first: m });
  }
  if (total < 5) return null;
  const top = [...counts.values()].filter((c) => c.n / total >= 0.2).sort((a, b) => b.n - a.n);
  return top.length ? top.map((c) => c.first) : null;
}

function ref(e: EntityRef): EntityRef {
  return { id: e.id, name: e.name, kind: e.kind, country: e.country };
}

export function codeEvents(doc: Document, input: EventInput, lexicon: Lexicon, options: CodeOptions = {}): CodedEvent[] {
  const keep = new Set(options.modalities ?? DEFAULT_MODALITIES);
  const text = doc.text;
  // Pronouns are resolved here, with the coder's own salience (subject first); resolved pronouns
  // arriving from the actor finder are set aside so the two do not disagree.
  const mentions = cleanMentions(input.mentions.filter((m) => !/\.pronoun-v\d+$/.test(m.ruleId)));
  // Document context (events-context.ts): parties, collective phrases, treaty signing.
  const context = documentContext(doc, input.sentences, mentions, loadContextRules());
  // A collective phrase replaces a countryless group read in the same words (events-context.ts findCollectives).
  const collective = collectiveMentions(context);
  const covered = (m: ActorMention) => collective.some((c) => c !== m && c.span.start < m.span.end && m.span.start < c.span.end);
  mentions.splice(0, mentions.length, ...cleanMentions([...mentions.filter((m) => !covered(m)), ...collective]));
  const extractor = `${EXTRACTOR_VERSION} ${lexicon.version}`;

  // Sentences with their tokens and mentions.
  const infos: SentenceInfo[] = [];
  let mi = 0;
  for (const s of input.sentences) {
    while (mi < mentions.length && mentions[mi]!.span.start < s.span.start) mi++;
    const own: ActorMention[] = [];
    for (let k = mi; k < mentions.length && mentions[k]!.span.start < s.span.end; k++) {
      if (mentions[k]!.span.end <= s.span.end) own.push(mentions[k]!);
    }
    infos.push({ span: s.span, block: s.block, tokens: tokenize(text, s.span), mentions: own });
  }
  const blockRegions = [...blockClaims(doc, infos, lexicon.cues), ...quotationClaims(doc, infos, lexicon.cues)];
  const focal = focalStates(mentions);
  const writer = cableWriter(doc, mentions, stateOfFirst(mentions));
  const stateOf = new Map<string, ActorMention>();
  for (const m of mentions) if (m.entity.kind === 'state' && m.entity.country && !stateOf.has(m.entity.country)) stateOf.set(m.entity.country, m);

  const events: CodedEvent[] = [];
  const seen = new Set<string>();
  const visitHosts = new Map<string, { target: ActorMention; sentence: number }>();
  const visitsTo = new Map<string, { visitor: ActorMention; sentence: number }>();
  let recent: ActorMention[][] = [];
  let previousSubject: ActorMention | null = null;
  let previousSentence: { from: number; to: number; block: number } | null = null;

  infos.forEach((info, si) => {
    if (isHeadingSentence(doc, info.block)) return; // headings only give context
    const blockRegion = claimAt(blockRegions, info.span.start);
    const pronouns = resolvePronouns(info.tokens, info.mentions, {
      recent: recent.flat(), previousSubject, claimant: blockRegion?.claimant.entity ?? null, writer,
    });
    const how = new Map<ActorMention, string>(pronouns.map((p) => [p.mention, p.how]));
    const all = cleanMentions([...info.mentions, ...pronouns.map((p) => p.mention)]);
    const v = buildView(info.tokens, all);
    const regions: ClaimRegion[] = [...scopeClaims(sentenceClaims(info, lexicon.cues), info, context.rules), ...(blockRegion ? [blockRegion] : [])];
    // "have no diplomatic relations" is not "have diplomatic relations": a negation inside a match voids it.
    const negatedInside = (m: RuleMatch) =>
      (!m.rule.fixed && info.tokens.slice(m.start + 1, m.end).some((t) => lexicon.cues.negation.has(t.norm))) ||
      (!!m.rule.requireNegativeWord && !hasWord(info.tokens, m.end, NEGATIVE)) ||
      (!!m.rule.requirePositiveWord && !hasWord(info.tokens, m.end, POSITIVE));
    let modalTokens: Token[] | undefined;
    const matches = info.tokens.length ? findMatches(info.tokens, lexicon, (k) => v.at[k]! >= 0, negatedInside) : [];

    // Symmetric acts with no named partner ("signed a joint declaration ... following talks with Y").
    const pending: Array<{ m: RuleMatch; sources: ActorMention[] }> = [];
    const sentenceEvents = events.length;
    for (const first of matches) {
     for (const m of [first, ...(first.alternatives ?? [])]) {
      let producedByThis = false;
      const rule = m.rule;
      // events.noun.agreement-topic-v1: "signed an agreement on economic cooperation": the cooperation is what
      // the agreement is about (coded by the signing, 057), not a second act of its own.
      if (rule.kind === 'noun' && rule.code.startsWith('06') && agreementTopic(info.tokens, m.start)) continue;
      // events.compound-modifier-v1: "resumed trade talks", "sent arms negotiators": the pattern's last word
      // modifies the noun after it, which names another kind of act (coded by its own rule, if any).
      if (rule.kind === 'verb' && m.end - m.start > 1 && COMPOUND_HEAD.has(info.tokens[m.end]?.norm ?? '')) continue;
      const near = rule.near ?? 12;
      const passive = isPassive(rule, v, m);
      const voice = rule.kind === 'noun' ? 'nominal' : passive ? 'passive' : 'active';
      let src: Slot;
      let tgt: Slot;
      if (passive) {
        // "weapons captured by the army from the Egyptian army": a prepositional target still names the target.
        const otherPreps = rule.target.filter((t) => t !== 'obj' && t !== 'of' && PREP_STRATEGIES.has(t));
        const pp = otherPreps.length ? findObject(v, m.end, otherPreps, near, text, rule.targetKinds) : { mentions: [] as number[], prep: null };
        tgt = pp.mentions.length ? { mentions: pp.mentions, how: `'${pp.prep}' phrase` } : { mentions: findSubject(v, m.start, text), how: 'subject of the passive' };
        // events.passive.reduced-relative-noun-v1: "Cuba repelled an invasion backed by the United States": a
        // participle right after a noun that names no actor describes that noun; the clause subject is no target.
        if (!pp.mentions.length && reducedOnPlainNoun(rule, v, m)) tgt = { mentions: [], how: '' };
        const agent = findObject(v, m.end, ['by'], near, text);
        src = { mentions: agent.mentions, how: "'by' agent" };
        // "a Palestinian embassy was opened in Tirana": with the target in a prepositional phrase and no
        // agent, an actor modifying the passive subject is the doer.
        if (!agent.mentions.length && pp.mentions.length && (rule.source ?? []).includes('premod')) {
          const owner = findSubject(v, m.start, text);
          if (owner.length) src = { mentions: owner, how: 'modifier of the passive subject' };
        }
        // events.passive.owner-v1: "The American Legation in X was established", "An Albanian embassy was
        // opened": in a pattern that is passive itself, the actor modifying its noun is the doer, whether or
        // not the place is named (the other side then comes from context).
        if (!agent.mentions.length && !pp.mentions.length && rule.passive && rule.kind === 'verb' && (rule.source ?? []).includes('premod')) {
          const owner = findPremodifiers(v, m.start);
          if (owner.length) {
            src = { mentions: owner, how: 'modifier of the passive subject' };
            tgt = { mentions: [], how: '' };
          }
        }
      } else if (rule.sourceFromClaimant) {
        const c = claimAt(regions, info.tokens[m.start]!.start);
        if (c) {
          v.mentions.push(c.claimant);
          v.ranges.push([-1, -1]);
          src = { mentions: [v.mentions.length - 1], how: `speaker (${c.cue})` };
        } else src = { mentions: [], how: '' };
        tgt = resolveSlot(rule.target, v, m, text, near, rule.targetKinds, 'target');
      } else {
        src = resolveSlot(rule.source ?? ['subject'], v, m, text, near);
        // A parenthetical or dashed aside ("(before heading to Romania)") shares the main clause's subject.
        if (!src.mentions.length && rule.kind === 'verb') {
          const cs = clauseStart(v, m.start, text);
          if (cs > 0 && ['(', '–', '—'].includes(v.tokens[cs - 1]!.norm)) {
            const r = findSubject(v, cs - 1, text);
            if (r.length) src = { mentions: r, how: 'subject of the clause around the aside' };
          }
        }
        // "Together with their puppet, Lon Nol, the Americans killed ...": a co-agent.
        if (src.mentions.length && src.how === 'subject') {
          const co = coAgent(v, m.start, text);
          if (co >= 0 && !src.mentions.includes(co)) src = { mentions: [...src.mentions, co], how: src.how + ' (with a co-agent)' };
        }
        const firstWord = info.tokens.find((t) => t.word)?.norm ?? '';
        const quoted = info.tokens.slice(0, m.start).some((t) => t.norm === '“' || t.norm === '"');
        // "Following talks with X, Y signed ...": a noun right after an opening preposition of time is Y's too.
        if (!src.mentions.length && (rule.kind === 'verb' || TEMPORAL.has(firstWord)) && !quoted && clauseStart(v, m.start, text) === 0 && m.start <= 2 && (firstWord === 'having' || /ing$/.test(firstWord) || TEMPORAL.has(firstWord))) {
          src = { mentions: subjectAfterOpener(v, m.end, text), how: 'subject after the opening phrase' };
        }
        // A sentence opening with its verb ("“expressed his warmest thanks ...") continues the speaker or subject before it.
        if (!src.mentions.length && rule.kind === 'verb' && info.tokens.slice(0, m.start).every((t) => !t.word)) {
          const carried = blockRegion?.claimant ?? previousSubject;
          if (carried) {
            v.mentions.push(carried);
            v.ranges.push([-1, -1]);
            src = { mentions: [v.mentions.length - 1], how: blockRegion ? 'speaker introducing the quotation' : 'subject of the previous sentence' };
          }
        }
        tgt = resolveSlot(rule.target, v, m, text, near, rule.targetKinds, 'target');
      }
      let between = tgt.how === "'between' phrase";
      // A dyad inside the noun phrase: "US–Soviet talks", "the Sino-Albanian split".
      // events.roles.pair-kinds-v1: only when the pair may be the act's targets ("the Anglo-French attack on Egypt"
      // is no attack on a person between Britain and France: the rule for attacks on states is tried next).
      const pairKindsOk = !rule.targetKinds || src.mentions.every((k) => rule.targetKinds!.includes(v.mentions[k]!.entity.kind));
      if (!tgt.mentions.length && src.how === 'modifier of the noun' && src.mentions.length >= 2 && pairKindsOk) {
        tgt = { mentions: src.mentions, how: 'pair before the noun' };
        between = true;
      }
      // "made a return visit": the host is whoever last visited the visitor's country.
      const isReturn = info.tokens.slice(m.start, m.end).some((t) => t.norm === 'return');
      if (!tgt.mentions.length && rule.implicitTarget && isReturn && src.mentions.length && !context.collectives.has(v.mentions[src.mentions[0]!]!.entity.id)) {
        const visitor = v.mentions[src.mentions[0]!]!.entity;
        const last = visitsTo.get(visitor.country ?? visitor.id);
        if (last && si - last.sentence <= 12) {
          v.mentions.push(last.visitor);
          v.ranges.push([-1, -1]);
          tgt = { mentions: [v.mentions.length - 1], how: 'the earlier visitor this visit returns' };
        }
      }
      if (!tgt.mentions.length && rule.implicitTarget && src.mentions.length && !context.collectives.has(v.mentions[src.mentions[0]!]!.entity.id)) {
        const host = visitHosts.get(v.mentions[src.mentions[0]!]!.entity.id);
        if (host && si - host.sentence <= 12) {
          v.mentions.push(host.target);
          v.ranges.push([-1, -1]);
          tgt = { mentions: [v.mentions.length - 1], how: 'host of the same visitor in a recent sentence' };
        }
      }
      // Talk of violence is a threat: "spoke of ethnically cleansing Gaza", "mused about dropping nuclear bombs".
      let code = rule.code;
      let frameNote = '';
      const root = Number(rule.code.slice(0, 2));
      if (root >= 15) {
        const f = threatFrame(info.tokens, m.start);
        if (f >= 0) {
          const nuclear = info.tokens.slice(Math.max(0, m.start - 2), m.end + 3).some((t) => /^(nuclear|chemical|biological|atomic)$/.test(t.norm));
          code = nuclear ? '1385' : root >= 18 ? '138' : '130';
          frameNote = `; '${info.tokens.slice(f, f + 2).map((t) => t.norm).join(' ')}' makes it a threat`;
          const speaker = findSubject(v, f, text);
          if (speaker.length) src = { mentions: speaker, how: 'speaker' };
        }
      }
      // "Ieng Sary we met several times": an object fronted before a pronoun subject.
      if (!tgt.mentions.length && !passive && rule.kind === 'verb' && src.mentions.length === 1) {
        const [s0] = v.ranges[src.mentions[0]!]!;
        const prevM = s0 > 0 ? v.at[s0 - 1]! : -1;
        // The fronted object opens its clause: the sentence, or a clause after ", and" / "but" ("He was kept secret, and Ieng Sary we met").
        const opensClause = (k: number) => clauseStart(v, m.start, text) === v.ranges[k]![0] || ['and', 'but', ';'].includes(v.tokens[v.ranges[k]![0] - 1]?.norm ?? '');
        if (prevM >= 0 && /^(we|they|he|she|i)$/i.test(v.mentions[src.mentions[0]!]!.text) && opensClause(prevM)) {
          tgt = { mentions: [prevM], how: 'object fronted before the subject' };
        }
      }
      // "withdrew its submarines from Albania and cut off economic aid": a verb coordinated with "and"
      // and no object of its own acts on the object of the verb before it, when the subject is the same.
      if (!tgt.mentions.length && !passive && rule.kind === 'verb' && src.mentions.length && v.tokens[m.start - 1]?.norm === 'and') {
        const prior = events.slice(sentenceEvents).reverse().find((e) => e.target && e.source?.id === v.mentions[src.mentions[0]!]!.entity.id);
        const k = prior ? v.mentions.findIndex((x) => x.entity.id === prior.target!.id) : -1;
        if (k >= 0) tgt = { mentions: [k], how: 'object of the coordinated verb before it' };
      }
      // A co-agent ("together with X") acts alongside the subject, not against it.
      const pairable = src.how.includes('co-agent') ? { ...rule, symmetric: rule.symmetric === 'pair' ? undefined : rule.symmetric } : rule;
      // "Relations with the PLO had cooled": whose relations? In a document about one state, that state's.
      if (!src.mentions.length && rule.focalSource && tgt.mentions.length && focal) {
        const other = v.mentions[tgt.mentions[0]!]!.entity;
        const own = focal.find((f) => f.entity.country !== other.country);
        if (own) {
          v.mentions.push(own);
          v.ranges.push([-1, -1]);
          src = { mentions: [v.mentions.length - 1], how: 'the state the document is about (no owner named)' };
        }
      }
      // "Embassies reopened in 2015", "Relations had cooled on both sides": no actor named at all. In a
      // document about two states (each with a fifth of its state mentions), the two, both ways.
      // Not for a state described by an adjective that is also a verb ("Relations were cool"): the verb must be past.
      const lastWord = v.tokens[m.end - 1]!.norm;
      const stative = rule.verbForms.has(lastWord) && !rule.participles.has(lastWord);
      if (!src.mentions.length && !tgt.mentions.length && rule.focalSource && rule.symmetric && !stative && focal?.length === 2 && focal[0]!.entity.country !== focal[1]!.entity.country) {
        v.mentions.push(focal[0]!, focal[1]!);
        v.ranges.push([-1, -1], [-1, -1]);
        src = { mentions: [v.mentions.length - 2], how: 'the state the document is about (no actor named)' };
        tgt = { mentions: [v.mentions.length - 2, v.mentions.length - 1], how: 'the state the document is about, and the other (no actor named)' };
        between = true;
      }
      // "the population took to the streets": a domestic protest with no target is aimed at its own state.
      if (!tgt.mentions.length && rule.ownStateTarget && src.mentions.length) {
        const actor = v.mentions[src.mentions[0]!]!.entity;
        const state = actor.kind !== 'state' && actor.country ? stateOf.get(actor.country) : undefined;
        if (state) {
          v.mentions.push(state);
          v.ranges.push([-1, -1]);
          tgt = { mentions: [v.mentions.length - 1], how: "the actor's own state (no target named)" };
        }
      }
      // A visit with no host named anywhere near: in a document about one state's relations, the host is
      // that state (the most mentioned state other than the visitor's), at low confidence.
      if (!tgt.mentions.length && rule.implicitTarget && src.mentions.length && !context.collectives.has(v.mentions[src.mentions[0]!]!.entity.id)) {
        // First, an actor of another country named later in the same sentence ("visit by X, who interviewed the Cambodian Premier").
        const visitor = v.mentions[src.mentions[0]!]!.entity;
        for (let i = m.end; i < v.tokens.length; i++) {
          const k = v.at[i]!;
          if (k >= 0 && v.mentions[k]!.entity.country && v.mentions[k]!.entity.country !== visitor.country && !PRONOUN.test(v.mentions[k]!.text)) {
            tgt = { mentions: [k], how: 'the other country named in the sentence (no host named)' };
            break;
          }
        }
      }
      if (!tgt.mentions.length && rule.implicitTarget && src.mentions.length && !context.collectives.has(v.mentions[src.mentions[0]!]!.entity.id) && focal) {
        const visitor = v.mentions[src.mentions[0]!]!.entity;
        const host = focal.find((f) => f.entity.country !== visitor.country);
        if (host) {
          v.mentions.push(host);
          v.ranges.push([-1, -1]);
          tgt = { mentions: [v.mentions.length - 1], how: 'the state the document is about (no host named)' };
        }
      }
      // "London condemned the execution", "lifted the blockade": the target of an act aimed at an earlier act.
      if (!tgt.mentions.length && !passive && rule.kind === 'verb' && src.mentions.length) {
        const a = eventAnaphor(doc, context, info.tokens, m.start + 1, m.end, v.mentions[src.mentions[0]!]!.entity, info.span.start, info.block, events, mentions);
        if (a) {
          v.mentions.push(a.mention);
          v.ranges.push([-1, -1]);
          tgt = { mentions: [v.mentions.length - 1], how: a.how };
        }
      }
      src = expandCollectives(context, v, ownClauseOnly(v, src, m.start, context.rules));
      tgt = expandCollectives(context, v, ownClauseOnly(v, tgt, m.start, context.rules), src);
      const fill = fillCounterpart(doc, context, v, code, !!rule.symmetric, src, tgt, { start: info.tokens[m.start]!.start, end: info.tokens[m.end - 1]!.end }, info.block);
      ({ src, tgt } = fill);
      const oneWay = fill.oneWay || !reverseAllowed(context, code, src.mentions.length, text.slice(info.tokens[m.start]!.start, info.tokens[m.end - 1]!.end), tgt.how);
      // events.reciprocal-v1: "China and Vietnam accused each other", "the two countries recognised one
      // another", "expelled each other's diplomats": each subject acts on each other one.
      const reciprocal = src.mentions.length >= 2 && reciprocalAfter(info.tokens, m.start + 1, m.end);
      const pairs = reciprocal
        ? mutualPairs(src.mentions, (a, b) => v.mentions[a]!.entity.id === v.mentions[b]!.entity.id)
        : pairsFor(oneWay ? { ...pairable, symmetric: undefined } : pairable, src.mentions, tgt.mentions, between, v, src.how.includes('co-agent'));
      if (reciprocal) tgt = { mentions: src.mentions, how: "'each other' (the other subject)" };
      if (!pairs.length) {
        if (rule.symmetric === true && src.mentions.length && !tgt.mentions.length) pending.push({ m, sources: src.mentions.map((k) => v.mentions[k]!) });
        continue;
      }

      const trigger: Span = { start: info.tokens[m.start]!.start, end: info.tokens[m.end - 1]!.end };
      const mod = modalityOf(modalTokens ??= monthSafe(info.tokens, text), m.start, lexicon.cues, rule.fixed, rule.kind === 'noun', text);
      const claim = claimAt(regions, trigger.start);
      const claimant = claim ? ref(claim.claimant.entity) : null;
      let modality: Modality = mod.modality === 'asserted' && claimant ? 'reported' : mod.modality;
      // An actor declaring what it will do has expressed an intent: CAMEO codes the statement
      // itself (03 for cooperation, 13 for conflict) as having happened.
      let intentNote = '';
      // Set by a refusal: only the ones who refused act, one way, with no companion codes.
      let refusers: Set<number> | null = null;
      // Set by a stated intent: only its subjects act, with no companion codes.
      let stating: Set<number> | null = null;
      // events.intent.told-future-v1: "will" or "going to" is a statement of intent only when the sentence
      // says someone declared it ("China said it will meet Vietnam", "he declared he was going to withdraw")
      // and that someone is not another than the actors ("Ghali said that Syria and Libya will meet"); told
      // by no one, it is the writer's prediction or report of a plan ("Syria and Libya will meet in Damascus").
      const future = FUTURE_AUX.has(mod.cue ?? '');
      const isSource = (e: EntityRef) => pairs.some((p) => {
        const x = v.mentions[p.source]!.entity;
        return x.id === e.id || (!!x.country && x.country === e.country);
      });
      // In a treaty the parties themselves speak: "The Parties will cooperate" is their undertaking.
      let toldBySelf = context.treaty;
      for (let k = 0; future && !toldBySelf && k < m.start; k++) {
        if (lexicon.cues.speechVerbs.has(info.tokens[k]!.norm)) toldBySelf = findSubject(v, k, text).some((x) => isSource(v.mentions[x]!.entity));
      }
      // In a quotation or a passage the actor itself speaks, the future is its own.
      const speaker = future && !toldBySelf ? claimAt(regions, trigger.start)?.claimant.entity : undefined;
      if (speaker && isSource(speaker)) toldBySelf = true;
      const toldByOther = future && !toldBySelf;
      if (modality === 'planned' && mod.cue && DECIDED.has(mod.cue) && code.startsWith('05') && !toldByOther) {
        // events.intent.decided-diplomatic-v1: a decision taken ("decided to recognise", "agreed to restore
        // relations") is itself the diplomatic act: recognition and relations are acts of will, done by deciding.
        intentNote = `; '${mod.cue}' records the decision, which is the diplomatic act itself`;
        modality = claimant ? 'reported' : 'asserted';
      } else if (modality === 'planned' && mod.cue && OWN_INTENT.has(mod.cue) && !toldByOther) {
        // events.intent.threat-v1: "threatened to invade X" is a threat of force (138); a threat to do what would
        // otherwise be cooperation ("threatened to withdraw its troops") is a threat still (130), never an offer.
        const threat = /^threat/.test(mod.cue);
        const plain = threat && code.startsWith('13') ? code : intentCode(code);
        const intent = threat && plain?.startsWith('03') ? '130' : plain;
        if (intent) {
          // events.intent.one-sided-v1: only the ones who state the intent act ("Egypt expressed its willingness
          // to negotiate with Israel" is Egypt's intent, not Israel's), and companion codes (a visitor's 042
          // beside a host's 043) did not happen.
          stating = new Set(src.mentions);
          intentNote = `; '${mod.cue}' states an intent: ${code} becomes ${intent}`;
          code = intent;
          modality = claimant ? 'reported' : 'asserted';
        }
      } else if (modality === 'negated' && mod.cue && REFUSAL.test(mod.cue)) {
        // events.refusal-v1: "refused to pay compensation to X", "declined to meet X": the act did not happen,
        // but the refusal did, and CAMEO codes it as a rejection (12x) aimed at the same actor.
        const refusal = refusalCode(code);
        if (refusal) {
          refusers = new Set(src.mentions);
          intentNote = `; '${mod.cue}' is a refusal: ${code} becomes ${refusal}`;
          code = refusal;
          modality = claimant ? 'reported' : 'asserted';
        }
      }
      // "X asked that Y help Z": Y's help has not happened; X's asking is an appeal (events-context.ts).
      const requestCue = intentNote ? null : noteRequest(context, v, m.start, text, pairs.map((p) => p.source), code, info.span, trigger);
      if (requestCue) modality = 'hypothetical';
      if (!keep.has(modality)) continue;

      const evidence: Span = { start: info.span.start, end: info.span.end };
      const dates: Array<EventDate | null> = attachDates({ doc, sentences: input.sentences, times: input.times, evidence, trigger });
      if (!dates.length) {
        // dates.ts carryDate (events.date-carried-v1): the narrative time of the blocks before, where it still holds
        const actors = pairs.flatMap((p) => [p.source, p.target]).filter((k): k is number => k !== null).map((k) => v.mentions[k]!.entity);
        dates.push(carryDate({ doc, sentences: input.sentences, times: input.times, sentence: info, trigger, actors, mentions }) ?? null);
      }
      const codes = [{ code, reverse: false }, ...(refusers || stating ? [] : (rule.also ?? []).map((a) => ({ code: a.code, reverse: !!a.reverse })))];
      const triggerText = text.slice(trigger.start, trigger.end);

      for (const p of pairs) {
        for (const c of codes) {
          const sIdx = c.reverse ? p.target : p.source;
          const tIdx = c.reverse ? p.source : p.target;
          if (sIdx === null) continue;
          if (refusers && (!refusers.has(sIdx) || (tIdx !== null && refusers.has(tIdx)))) continue;
          if (stating && !stating.has(sIdx)) continue;
          const sm = v.mentions[sIdx]!;
          let tm = tIdx === null ? null : v.mentions[tIdx]!;
          let confidence0 = 1;
          // A refusal with no one named is aimed at the refuser's own state when the refuser is a group or
          // person of a state the document names ("the population refused to disarm"); else it is dropped.
          if (refusers && !tm) {
            tm = sm.entity.kind !== 'state' && sm.entity.country ? stateOf.get(sm.entity.country) ?? null : null;
            if (!tm) continue;
            confidence0 = 0.6;
          }
          const entry = lexicon.cameo.get(c.code)!;
          if (rule.code === '042' && !c.reverse && tm) {
            visitHosts.set(sm.entity.id, { target: tm, sentence: si });
            visitsTo.set(tm.entity.country ?? tm.entity.id, { visitor: sm, sentence: si });
          }
          for (const date of dates) {
            const key = [evidence.start, c.code, sm.entity.id, tm?.entity.id ?? '', date?.value ?? ''].join('|');
            if (seen.has(key)) continue;
            seen.add(key);
            let confidence = (rule.confidence ?? 0.7) * confidence0;
            if (how.has(sm) || (tm && how.has(tm))) confidence *= 0.8;
            if (passive) confidence *= 0.9;
            if (tgt.how.startsWith('host of')) confidence *= 0.8;
            if (tgt.how.startsWith('the state the document') || src.how.startsWith('the state the document') || tgt.how.startsWith("the actor's own state")) confidence *= 0.6;
            if (fill.filled) confidence *= 0.6;
            const sHow = how.get(sm) ? `${src.how}, '${sm.text}' = ${how.get(sm)}` : src.how;
            const tHow = refusers && tIdx === null ? "the refuser's own state (no one named)" : tm && how.get(tm) ? `${tgt.how}, '${tm.text}' = ${how.get(tm)}` : tgt.how;
            const reason = `'${triggerText}' (${rule.kind}, ${voice}${c.reverse ? ', other side' : ''}): ${rule.reason}; ` +
              `source ${sm.entity.name} (${c.reverse ? tHow : sHow})` +
              (tm ? ` → target ${tm.entity.name} (${c.reverse ? sHow : tHow})` : ' → no target') +
              frameNote + intentNote +
              (mod.cue ? `; modality ${modality} ('${mod.cue}')` : '') +
              (claimant ? `; claimed by ${claimant.name} (${claim!.cue})` : '') +
              (date ? `; date ${date.value} (${date.ruleId})` : '; no date');
            producedByThis = true;
            events.push({
              id: eventId([doc.id, evidence.start, evidence.end, c.code, sm.entity.id, tm?.entity.id ?? null, date?.value ?? null]),
              docId: doc.id,
              evidence,
              evidenceText: text.slice(evidence.start, evidence.end),
              sentence: { ...info.span },
              source: ref(sm.entity),
              target: tm ? ref(tm.entity) : null,
              sourceSpan: sm.span.start >= 0 ? { ...sm.span } : null,
              targetSpan: tm ? { ...tm.span } : null,
              trigger,
              code: c.code,
              root: entry.root,
              goldstein: entry.goldstein,
              quadClass: entry.quadClass,
              plover: entry.plover,
              date,
              claimant,
              modality,
              confidence: Math.round(confidence * 100) / 100,
              ruleId: `events.${rule.id}.${fill.filled ? 'context' : voice}-v1`,
              reason,
              extractor,
            });
          }
        }
      }
      if (producedByThis) break;
     }
    }

    for (const p of pending) {
      const partner = events.slice(sentenceEvents).find((e) => e.root === '04' && p.sources.some((sm) => sm.entity.id === e.source?.id) && e.target);
      if (!partner) continue;
      const sm = p.sources.find((x) => x.entity.id === partner.source!.id)!;
      const entry = lexicon.cameo.get(p.m.rule.code)!;
      const trigger: Span = { start: info.tokens[p.m.start]!.start, end: info.tokens[p.m.end - 1]!.end };
      for (const [a, b] of [[partner.source!, partner.target!], [partner.target!, partner.source!]] as const) {
        const key = [info.span.start, p.m.rule.code, a.id, b.id, partner.date?.value ?? ''].join('|');
        if (seen.has(key)) continue;
        seen.add(key);
        events.push({
          ...partner,
          id: eventId([doc.id, info.span.start, info.span.end, p.m.rule.code, a.id, b.id, partner.date?.value ?? null]),
          source: a, target: b,
          sourceSpan: a.id === sm.entity.id ? { ...sm.span } : partner.targetSpan,
          targetSpan: a.id === sm.entity.id ? partner.targetSpan : { ...sm.span },
          trigger, code: p.m.rule.code, root: entry.root, goldstein: entry.goldstein, quadClass: entry.quadClass, plover: entry.plover,
          confidence: Math.round((p.m.rule.confidence ?? 0.7) * 0.7 * 100) / 100,
          ruleId: `events.${p.m.rule.id}.partner-v1`,
          reason: `'${text.slice(trigger.start, trigger.end)}' (${p.m.rule.kind}): ${p.m.rule.reason}; no partner named, so the partner of the talks in the same sentence (${partner.target!.name}) is taken; ${a.name} → ${b.name}`,
        });
      }
    }

    // Relations changed a second time with no "relations" of their own (events-relations.ts).
    const own = events.slice(sentenceEvents);
    const before = previousSentence && previousSentence.block === info.block ? events.slice(previousSentence.from, previousSentence.to) : [];
    const coveredBy = (i: number) => own.some((e) => e.trigger && e.trigger.start <= info.tokens[i]!.start && info.tokens[i]!.end <= e.trigger.end);
    for (const echo of relationEchoes(info.tokens, text, own, before, coveredBy)) {
      const t = info.tokens[echo.verb]!;
      const trigger: Span = { start: t.start, end: t.end };
      const mod = modalityOf(modalTokens ??= monthSafe(info.tokens, text), echo.verb, lexicon.cues, false, false, text);
      if (!keep.has(mod.modality === 'asserted' && echo.anchor.claimant ? 'reported' : mod.modality)) continue;
      const evidence: Span = { start: info.span.start, end: info.span.end };
      const date = attachDates({ doc, sentences: input.sentences, times: input.times, evidence, trigger })[0] ?? null;
      const entry = lexicon.cameo.get(echo.code)!;
      for (const p of echo.pairs) {
        const key = [evidence.start, echo.code, p.source.id, p.target.id, date?.value ?? ''].join('|');
        if (seen.has(key)) continue;
        seen.add(key);
        events.push({
          ...echo.anchor,
          id: eventId([doc.id, evidence.start, evidence.end, echo.code, p.source.id, p.target.id, date?.value ?? null]),
          evidence, evidenceText: text.slice(evidence.start, evidence.end), sentence: { ...info.span },
          source: p.source, target: p.target, sourceSpan: p.sourceSpan, targetSpan: p.targetSpan,
          trigger, code: echo.code, root: entry.root, goldstein: entry.goldstein, quadClass: entry.quadClass, plover: entry.plover,
          date, modality: echo.anchor.claimant ? 'reported' : 'asserted',
          confidence: Math.round(echo.anchor.confidence * 0.8 * 100) / 100,
          ruleId: 'events.relations.ellipsis-v1',
          reason: `'${text.slice(t.start, t.end)}' changes the relations of the event before it (${echo.anchor.code}, ${echo.anchor.source!.name} → ${echo.anchor.target!.name}: '${text.slice(echo.anchor.trigger!.start, echo.anchor.trigger!.end)}'), with no "relations" of its own; ${p.source.name} → ${p.target.name}` +
            (date ? `; date ${date.value} (${date.ruleId})` : '; no date'),
        });
      }
    }
    previousSentence = { from: sentenceEvents, to: events.length, block: info.block };

    // Context for the next sentence.
    recent = [...recent.slice(-1), info.mentions];
    let subj: ActorMention | null = null;
    for (let k = 0; k < v.mentions.length && k < 4; k++) {
      if (v.ranges[k]![0] >= 0 && !/^(we|us|our)$/i.test(v.mentions[k]!.text) && governingPrep(v, k, 0) === null) {
        subj = v.mentions[k]!;
        break;
      }
    }
    previousSubject = subj;
  });
  return withDocumentNames(contextEvents(doc, context, input.sentences, input.times, events, lexicon, extractor), input.mentions);
}
