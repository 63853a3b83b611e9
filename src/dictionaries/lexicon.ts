/**
 * The event lexicon: verb, noun and multi-word patterns mapped to CAMEO codes,
 * kept as data in data/lexicon/*.json, plus the CAMEO table (data/cameo/codes.json)
 * and the cue words for claimants and modality. Loaded and compiled once.
 *
 * Pattern syntax (tokens separated by spaces, matched case-insensitively):
 *   word        the literal word            visit:v   every inflection of a verb
 *   a|b|c       any of the alternatives     visit:n   singular and plural of a noun
 *   ?word       optional token              *  / *N   a gap of 0..3 (or 0..N) words
 *   (broke off|cut off)   alternatives of several words in one slot (also written broke_off|cut_off,
 *               or cut_off:v for every inflection of a phrasal verb)
 * Hyphenated literals ("hostage-taking") match the hyphenated words.
 * Patterns the coder cannot honour are rejected with an AnnalsError (E030); doubtful rules (an
 * unknown field, a role strategy the coder does not read) are reported in Lexicon.warnings, and
 * rejected too when loadLexicon is called with { strict: true }.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { AnnalsError } from '../core/errors.js';
import { createCameoTable, validateCameoRows, type CameoEntry, type CameoTable } from '../core/cameo.js';

export type RuleKind = 'verb' | 'noun';

/** A lexicon rule as written in data/lexicon/*.json. */
export interface LexiconRuleData {
  id: string;
  code: string;
  kind: RuleKind;
  /** One or more alternative patterns. */
  pattern: string[];
  reason: string;
  /** Where the source comes from, in order of preference: subject, premod, of, by, from. */
  source?: string[];
  /** Where the target comes from: obj, of, to, with, between, against, on, in, from, for, subject, premod-obj ... */
  target: string[];
  /** For nouns: is "N of X" the source (a visit of X) or the target (recognition of X)? */
  ofRole?: 'source' | 'target';
  /**
   * true: both directions for every dyad ("A signed a treaty with B").
   * "pair": both directions only for coordinated subjects or "between" ("A and B kept relations"),
   * one direction for "A kept relations with B".
   */
  symmetric?: boolean | 'pair';
  /** Extra events coded from the same match (e.g. the visitor's 042 beside the host's 043). */
  also?: Array<{ code: string; reverse?: boolean }>;
  /** Negation words do not flip this rule ("no diplomatic relations" is itself the event). */
  fixed?: boolean;
  /** The event may have no target. */
  intransitive?: boolean;
  /** The target must start within this many tokens after the trigger (default 12). */
  near?: number;
  /** Default width of a bare "*" gap. */
  gap?: number;
  /** Only targets of these entity kinds. */
  targetKinds?: string[];
  /** The rule reads its match as passive (object before the verb). */
  passive?: boolean;
  /** Roles do not swap in the passive ("X was assigned to Y": X is still the source). */
  voiceless?: boolean;
  /** With no target named, the source's own state (domestic protest is aimed at its government). */
  ownStateTarget?: boolean;
  /** With no source in the sentence, the state the document is about ("Relations with the PLO had cooled"). */
  focalSource?: boolean;
  /** Take the target from an actor left of the trigger when none follows (a visit's host named earlier). */
  implicitTarget?: boolean;
  /** Only when a hostile word follows the target ("described X as hostile"). */
  /** The source is whoever says the sentence (the claimant of the quotation or report); no claimant, no event. */
  sourceFromClaimant?: boolean;
  /** The object may be named inside a relative clause ("hail the victories which X achieved"). */
  crossRelative?: boolean;
  requireNegativeWord?: boolean;
  /** Only when a friendly word follows the target ("called relations with X friendly"). */
  requirePositiveWord?: boolean;
  confidence?: number;
}

export type TokenSpec =
  /**
   * One slot: `forms` holds the first token of every alternative (all of them when each alternative is
   * one token); `seqs`, when present, the alternatives of several tokens, longest first, each matched
   * whole ("broke off" never matches "broke down").
   */
  | { type: 'words'; forms: ReadonlySet<string>; optional: boolean; head: boolean; seqs?: ReadonlyArray<readonly string[]> }
  | { type: 'gap'; max: number };

/** Prepositions a rule may name as a source or target strategy (the actor governed by that preposition). */
export const PREPOSITION_STRATEGIES: readonly string[] = [
  'of', 'to', 'in', 'on', 'at', 'from', 'with', 'for', 'into', 'toward', 'towards', 'against', 'over', 'under',
  'about', 'among', 'amongst', 'through', 'across', 'via', 'by', 'within', 'upon', 'onto', 'regarding',
  'concerning', 'behind', 'beyond', 'near', 'along', 'around', 'throughout', 'inside', 'outside', 'as', 'off',
  'alongside', 'beside', 'amid', 'unto', 'that',
];
/** Strategies that are not prepositions: where else the coder looks for an actor. */
export const ROLE_STRATEGIES: readonly string[] = ['subject', 'premod', 'obj', 'self', 'premod-obj', 'between'];
const STRATEGIES = new Set([...ROLE_STRATEGIES, ...PREPOSITION_STRATEGIES]);
const RULE_FIELDS = new Set([
  'id', 'code', 'kind', 'pattern', 'reason', 'source', 'target', 'ofRole', 'symmetric', 'also', 'fixed', 'intransitive',
  'near', 'gap', 'targetKinds', 'passive', 'voiceless', 'ownStateTarget', 'focalSource', 'implicitTarget',
  'sourceFromClaimant', 'crossRelative', 'requireNegativeWord', 'requirePositiveWord', 'confidence',
]);
const ENTITY_KINDS = new Set(['state', 'person', 'organization', 'group', 'place']);

export interface CompiledRule extends LexiconRuleData {
  /** One compiled token sequence per alternative pattern. */
  variants: TokenSpec[][];
  /** Past participles of the rule's verb(s), to read the passive voice. */
  participles: ReadonlySet<string>;
  /** Gerund forms, to tell a participial clause ("having visited") from a finite verb. */
  gerunds: ReadonlySet<string>;
  /** Every form generated from the rule's verbs (":v"), to know when a match starts with a verb. */
  verbForms: ReadonlySet<string>;
  file: string;
}

export interface SpeechCues {
  speechVerbs: ReadonlySet<string>;
  sourcePhrases: string[][];
  quoteNouns: ReadonlySet<string>;
  negation: ReadonlySet<string>;
  negatingVerbs: ReadonlySet<string>;
  hypothetical: ReadonlySet<string>;
  planned: ReadonlySet<string>;
}

export interface Lexicon {
  /** Identifies this lexicon build in CodedEvent.extractor. */
  version: string;
  rules: CompiledRule[];
  /** Rule variants keyed by each form of their first token. */
  index: Map<string, IndexedVariant[]>;
  cameo: CameoTable;
  cues: SpeechCues;
  /** Doubtful rules found while compiling ("file: rule id: problem"); empty when all is well. */
  warnings: string[];
}

// ---------------------------------------------------------------- inflection

const IRREGULAR: Record<string, string[]> = {
  meet: ['met'], go: ['went', 'gone'], come: ['came'], take: ['took', 'taken'], give: ['gave', 'given'],
  send: ['sent'], hold: ['held'], make: ['made'], pay: ['paid'], fly: ['flew', 'flown'], break: ['broke', 'broken'],
  cut: ['cut'], find: ['found'], rise: ['rose', 'risen'], drive: ['drove', 'driven'], build: ['built'],
  sell: ['sold'], strike: ['struck', 'stricken'], fight: ['fought'], win: ['won'], shoot: ['shot'], keep: ['kept'],
  have: ['had', 'has'], lead: ['led'], bring: ['brought'], seek: ['sought'], tell: ['told'], say: ['said'],
  write: ['wrote', 'written'], split: ['split'], set: ['set'], shut: ['shut'], put: ['put'], overthrow: ['overthrew', 'overthrown'],
  undertake: ['undertook', 'undertaken'], withdraw: ['withdrew', 'withdrawn'], forgive: ['forgave', 'forgiven'],
  speak: ['spoke', 'spoken'], overrun: ['overran'], slay: ['slew', 'slain'], freeze: ['froze', 'frozen'],
  begin: ['began', 'begun'], deal: ['dealt'], throw: ['threw', 'thrown'], bind: ['bound'], lay: ['laid'],
  rebel: ['rebelled', 'rebelling'], label: ['labelled', 'labeled', 'labelling', 'labeling'],
  travel: ['travelled', 'traveled', 'travelling', 'traveling'], expel: ['expelled', 'expelling'],
  initial: ['initialled', 'initialed'], honour: [], sever: [], shell: ['shelled', 'shelling'],
  patrol: ['patrolled', 'patrolling'], compel: ['compelled'], quarrel: ['quarrelled', 'quarreled'],
  wage: [], forge: [], woo: ['wooed', 'wooing', 'woos'], veto: ['vetoed', 'vetoes', 'vetoing'],
  'air-strike': [], leave: ['left'], quit: ['quit'], uphold: ['upheld'], withhold: ['withheld'], overcome: ['overcame'], foresee: ['foresaw', 'foreseen'],
  forbid: ['forbade', 'forbidden'], shake: ['shook', 'shaken'], mislead: ['misled'], beat: ['beaten'], bear: ['bore', 'borne'],
  steal: ['stole', 'stolen'], swear: ['swore', 'sworn'], weave: ['wove', 'woven'], buy: ['bought'], teach: ['taught'],
  catch: ['caught'], fall: ['fell', 'fallen'], grow: ['grew', 'grown'], know: ['knew', 'known'], draw: ['drew', 'drawn'],
  choose: ['chose', 'chosen'],
  // Final consonant doubled (stress on the last syllable).
  admit: ['admitted', 'admitting'], commit: ['committed', 'committing'], permit: ['permitted', 'permitting'], submit: ['submitted', 'submitting'], omit: ['omitted', 'omitting'], emit: ['emitted', 'emitting'], transmit: ['transmitted', 'transmitting'], refer: ['referred', 'referring'], prefer: ['preferred', 'preferring'], confer: ['conferred', 'conferring'], transfer: ['transferred', 'transferring'], defer: ['deferred', 'deferring'], infer: ['inferred', 'inferring'], deter: ['deterred', 'deterring'], occur: ['occurred', 'occurring'], incur: ['incurred', 'incurring'], recur: ['recurred', 'recurring'], control: ['controlled', 'controlling'], regret: ['regretted', 'regretting'], acquit: ['acquitted', 'acquitting'], equip: ['equipped', 'equipping'], rebut: ['rebutted', 'rebutting'], abhor: ['abhorred', 'abhorring'], outbid: ['outbidded', 'outbidding'], repel: ['repelled', 'repelling'], propel: ['propelled', 'propelling'], dispel: ['dispelled', 'dispelling'], annul: ['annulled', 'annulling'], excel: ['excelled', 'excelling'], extol: ['extolled', 'extolling'], instil: ['instilled', 'instilling'], fulfil: ['fulfilled', 'fulfilling'], enrol: ['enrolled', 'enrolling'], embed: ['embedded', 'embedding'], forget: ['forgot', 'forgotten', 'forgetting'], flee: ['fled'], hit: ['hit'], let: ['let'], spend: ['spent'], stand: ['stood'], understand: ['understood'], free: ['freed', 'freeing', 'frees'], see: ['saw', 'seen'], do: ['did', 'done', 'does'],
};
/** Verbs whose final consonant stays single (stress not on the last syllable). */
const NO_DOUBLE = new Set(['visit', 'host', 'open', 'offer', 'happen', 'enter', 'limit', 'exhibit', 'target', 'benefit', 'credit', 'deposit', 'edit', 'audit', 'ambush', 'embargo', 'sever', 'shelter', 'counter', 'render', 'wonder', 'deliver', 'consider', 'gather', 'threaten', 'strengthen', 'weaken', 'sanction', 'question', 'mention', 'condition', 'fasten', 'listen', 'harden', 'worsen', 'deepen', 'broaden', 'widen', 'lessen', 'soften', 'blacken', 'pardon', 'abandon', 'summon', 'reckon', 'imprison', 'poison', 'govern', 'cancel', 'signal', 'model', 'equal', 'total']);

const VOWEL = /[aeiou]/;

export function verbForms(lemma: string): { all: string[]; participles: string[]; gerunds: string[] } {
  const words = lemma.split(' ');
  const head = words[0]!;
  const rest = words.slice(1).join(' ');
  const irregular = IRREGULAR[head] ?? [];
  let third: string, past: string, ing: string;
  const doubles = !NO_DOUBLE.has(head) && /^[^aeiou]*[aeiou][bdgklmnprt]$/.test(head) && head.length <= 5;
  if (/[^aeiou]y$/.test(head)) {
    third = head.slice(0, -1) + 'ies';
    past = head.slice(0, -1) + 'ied';
    ing = head + 'ing';
  } else if (/ee$/.test(head)) {
    third = head + 's';
    past = head + 'd';
    ing = head + 'ing';
  } else if (/e$/.test(head)) {
    third = head + 's';
    past = head + 'd';
    ing = head.slice(0, -1) + 'ing';
  } else if (/(s|x|z|ch|sh|o)$/.test(head)) {
    third = head + 'es';
    past = head + 'ed';
    ing = head + 'ing';
  } else if (doubles) {
    const last = head.slice(-1);
    third = head + 's';
    past = head + last + 'ed';
    ing = head + last + 'ing';
  } else {
    third = head + 's';
    past = head + 'ed';
    ing = head + 'ing';
  }
  const irregularPast = irregular.filter((f) => !f.endsWith('ing') && f !== third);
  const pasts = irregularPast.length ? irregularPast : [past];
  const ings = irregular.filter((f) => f.endsWith('ing'));
  const gerunds = ings.length ? ings : [ing];
  const withRest = (f: string) => (rest ? `${f} ${rest}` : f);
  const all = [...new Set([head, third, ...pasts, ...gerunds, ...irregular])].map(withRest);
  return { all, participles: pasts.map(withRest), gerunds: gerunds.map(withRest) };
}

export function nounForms(lemma: string): string[] {
  if (/[^aeiou]y$/.test(lemma)) return [lemma, lemma.slice(0, -1) + 'ies'];
  if (/(s|x|z|ch|sh)$/.test(lemma)) return [lemma, lemma + 'es'];
  return [lemma, lemma + 's'];
}

// ---------------------------------------------------------------- compiling

/** Split a literal the way the tokenizer splits text ("hostage-taking" -> hostage, -, taking). */
function literalTokens(word: string): string[] {
  return word.replace(/’/g, "'").toLowerCase().match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** Split a pattern into slots at spaces outside parentheses: "sign:v (broke off|cut off) *" -> 3 slots. */
export function splitSlots(pattern: string): string[] {
  const slots: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of pattern.trim()) {
    if (ch === '(') depth++;
    if (ch === ')') {
      depth--;
      if (depth < 0) throw new AnnalsError('E030', `unbalanced ')' in pattern "${pattern}"`);
    }
    if (/\s/.test(ch) && depth === 0) {
      if (cur) slots.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (depth !== 0) throw new AnnalsError('E030', `unbalanced '(' in pattern "${pattern}"`);
  if (cur) slots.push(cur);
  return slots;
}

export function compilePattern(pattern: string, defaultGap = 3): { specs: TokenSpec[]; participles: Set<string>; gerunds: Set<string>; verbForms: Set<string> } {
  const specs: TokenSpec[] = [];
  const participles = new Set<string>();
  const gerunds = new Set<string>();
  const verbForms_ = new Set<string>();
  const bad = (msg: string): never => {
    throw new AnnalsError('E030', `${msg} in pattern "${pattern}"`);
  };
  const slots = splitSlots(pattern);
  if (!slots.length) bad('empty pattern');
  for (const raw of slots) {
    if (/^\*\d*$/.test(raw)) {
      specs.push({ type: 'gap', max: raw.length > 1 ? Number(raw.slice(1)) : defaultGap });
      continue;
    }
    if (raw.startsWith('*')) bad(`a gap is written * or *N, not "${raw}"`);
    const optional = raw.startsWith('?');
    let body = optional ? raw.slice(1) : raw;
    if (body.startsWith('(')) {
      if (!body.endsWith(')')) bad(`a group must close its slot ("${raw}")`);
      body = body.slice(1, -1);
    } else if (/[()]/.test(body)) bad(`a group must open its slot ("${raw}")`);
    // Each alternative is a sequence of tokens: one word, a hyphenated word, or several words
    // joined by spaces (inside a group) or underscores.
    const seqs: string[][] = [];
    for (const alt0 of body.split('|')) {
      const alt = alt0.trim().replace(/_/g, ' ').replace(/\s+/g, ' ');
      if (!alt) bad(`empty alternative in slot "${raw}"`);
      if (/[*?()]/.test(alt)) bad(`a gap, an optional mark or a group cannot be one alternative of a slot ("${raw}")`);
      const m = /^(.+?):([a-z]+)$/.exec(alt);
      if (m && m[2] !== 'v' && m[2] !== 'n') bad(`unknown word class ":${m[2]}" in "${alt0}" (use :v or :n)`);
      if (m && m[2] === 'v') {
        const f = verbForms(m[1]!);
        f.all.forEach((x) => seqs.push(x.split(' ').flatMap(literalTokens)));
        f.participles.forEach((x) => participles.add(x.split(' ')[0]!));
        f.gerunds.forEach((x) => gerunds.add(x.split(' ')[0]!));
        f.all.forEach((x) => verbForms_.add(x.split(' ')[0]!));
      } else if (m) {
        // A noun phrase: the last word takes the plural ("peace treaty:n" -> peace treaties).
        const words = m[1]!.split(' ');
        const head = words.pop()!;
        nounForms(head).forEach((x) => seqs.push([...words, x].flatMap(literalTokens)));
      } else {
        seqs.push(alt.split(' ').flatMap(literalTokens));
      }
    }
    if (seqs.some((q) => !q.length)) bad(`an alternative of slot "${raw}" has no word`);
    const forms = new Set(seqs.map((q) => q[0]!));
    if (seqs.every((q) => q.length === 1)) {
      specs.push({ type: 'words', forms, optional, head: false });
    } else {
      const unique = [...new Map(seqs.map((q) => [q.join(' '), q])).values()].sort((a, b) => b.length - a.length);
      specs.push({ type: 'words', forms, optional, head: false, seqs: unique });
    }
  }
  if (specs[specs.length - 1]!.type === 'gap') bad('a gap at the end matches nothing (the shortest match is taken)');
  for (let k = 1; k < specs.length; k++) if (specs[k]!.type === 'gap' && specs[k - 1]!.type === 'gap') bad('two gaps in a row');
  return { specs, participles, gerunds, verbForms: verbForms_ };
}

/** How specific a compiled pattern is: the fewer forms its word slots accept, the more specific. */
export function patternBreadth(specs: TokenSpec[]): number {
  let n = 0;
  for (const s of specs) if (s.type === 'words') n += s.seqs ? s.seqs.length : s.forms.size;
  return n;
}

function validateRule(r: unknown, file: string, i: number, codes: CameoTable, warnings: string[]): LexiconRuleData {
  const bad = (msg: string): never => {
    throw new AnnalsError('E030', `rule ${i}: ${msg}`, file);
  };
  if (typeof r !== 'object' || r === null) bad('not an object');
  const e = r as Record<string, unknown>;
  if (typeof e.id !== 'string' || !/^[a-z0-9-]+$/.test(e.id)) bad(`bad id ${String(e.id)}`);
  const warn = (msg: string) => warnings.push(`${file.split(/[\\/]/).pop()}: ${String(e.id)}: ${msg}`);
  if (typeof e.code !== 'string' || !codes.get(e.code)) bad(`unknown CAMEO code ${String(e.code)} (${String(e.id)})`);
  if (e.kind !== 'verb' && e.kind !== 'noun') bad(`kind must be verb or noun (${String(e.id)})`);
  if (typeof e.pattern === 'string') e.pattern = [e.pattern];
  if (!Array.isArray(e.pattern) || !e.pattern.length || e.pattern.some((p) => typeof p !== 'string' || !p.trim())) bad(`missing pattern (${String(e.id)})`);
  if (typeof e.reason !== 'string' || !e.reason) bad(`missing reason (${String(e.id)})`);
  if (!Array.isArray(e.target)) bad(`target must be a list (${String(e.id)})`);
  if (e.source !== undefined && !Array.isArray(e.source)) bad(`source must be a list (${String(e.id)})`);
  if (e.also !== undefined && (!Array.isArray(e.also) || e.also.some((a) => !codes.get(String((a as { code?: unknown }).code))))) bad(`bad also (${String(e.id)})`);
  if (e.symmetric !== undefined && e.symmetric !== true && e.symmetric !== false && e.symmetric !== 'pair') bad(`symmetric must be true, false or "pair" (${String(e.id)})`);
  if (e.ofRole !== undefined && e.ofRole !== 'source' && e.ofRole !== 'target') bad(`ofRole must be "source" or "target" (${String(e.id)})`);
  for (const k of ['near', 'gap', 'confidence'] as const) {
    if (e[k] !== undefined && (typeof e[k] !== 'number' || !Number.isFinite(e[k] as number) || (e[k] as number) < 0)) bad(`${k} must be a non-negative number (${String(e.id)})`);
  }
  if (e.targetKinds !== undefined && (!Array.isArray(e.targetKinds) || e.targetKinds.some((k) => !ENTITY_KINDS.has(String(k))))) bad(`targetKinds must list entity kinds (${[...ENTITY_KINDS].join(', ')}) (${String(e.id)})`);
  // Doubtful, not fatal: the rule still loads, but part of it is not read by the coder.
  for (const k of Object.keys(e)) if (!RULE_FIELDS.has(k) && k !== 'comment') warn(`unknown field "${k}" is ignored`);
  for (const [slot, list] of [['source', e.source], ['target', e.target]] as const) {
    for (const s of (list as unknown[] | undefined) ?? []) {
      if (typeof s !== 'string') bad(`${slot} strategies must be strings (${String(e.id)})`);
      if (!STRATEGIES.has(s as string)) warn(`${slot} strategy "${String(s)}" is not read by the coder (known: ${ROLE_STRATEGIES.join(', ')} or a preposition)`);
    }
  }
  if (e.ofRole !== undefined && e.kind !== 'noun') warn('ofRole is read only for nouns');
  if ((e.passive || e.voiceless) && e.kind !== 'verb') warn(`${e.passive ? 'passive' : 'voiceless'} is read only for verbs`);
  // "gap" sets the width of a bare "*": with none in any pattern, it changes nothing.
  if (e.gap !== undefined && !(e.pattern as string[]).some((p) => splitSlots(p).includes('*'))) warn('gap is set but no pattern has a bare "*" (write "*N" in the pattern)');
  return e as unknown as LexiconRuleData;
}

export interface LoadOptions {
  /** Folder holding lexicon/ and cameo/ (default: the project's data/). */
  dataDir?: string;
  /**
   * Optional PETRARCH verb dictionary (e.g. ../shared/data/petrarch/CAMEO.2.0.txt), read at run
   * time and never copied. Its verbs and simple patterns are added after the built-in rules, which
   * keep precedence on the same words.
   */
  petrarch?: string;
  /** Reject doubtful rules (the warnings) as errors. */
  strict?: boolean;
}

// ---------------------------------------------------------------- PETRARCH verbs (optional)

const PETR_CODE = /\[(:?)(\d{2,4}|---)(?::(\d{2,4}|---))?\]/;

/**
 * Read the simple part of a PETRARCH verb dictionary: each synonym block's verbs with the block's
 * code, and patterns made only of plain words around the verb ("- * SANCTIONS [163]"). Patterns
 * using synsets (&), optional or grouped words, role markers or passive codes are skipped.
 */
export function readPetrarchVerbs(text: string, cameo: CameoTable, source: string): LexiconRuleData[] {
  const rules: LexiconRuleData[] = [];
  let blockCode: string | null = null;
  let blockName = '';
  let members: Array<{ forms: string[]; code: string | null }> = [];
  let n = 0;
  const add = (code: string, pattern: string[], why: string) => {
    if (!cameo.get(code)) return;
    rules.push({
      id: `petrarch-${++n}`, code, kind: 'verb', pattern, target: ['obj', 'to', 'with', 'against', 'on', 'from', 'for'],
      near: 8, confidence: 0.4, reason: `PETRARCH verb dictionary (${source}): ${why}`,
    });
  };
  const formsOf = (line: string): string[] => {
    const m = /^\+?([A-Z_']+)\s*(\{([^}]*)\})?/.exec(line);
    if (!m) return [];
    const base = m[1]!.replace(/_/g, ' ').toLowerCase();
    const extra = (m[3] ?? '').trim().split(/\s+/).filter(Boolean).map((f) => f.replace(/^\+/, '').replace(/_/g, ' ').toLowerCase());
    const head = base.split(' ')[0]!;
    const generated = verbForms(head).all.map((f) => [f, ...base.split(' ').slice(1)].join(' '));
    return [...new Set([...generated, ...extra])];
  };
  const flush = () => {
    if (blockCode) for (const mem of members) add(mem.code ?? blockCode, [mem.forms.map((f) => f.replace(/ /g, '_')).join('|')].map(expandMulti), `'${blockName}' block`);
    members = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const header = /^---\s+(\S+)\s+\[([^\]]*)\]/.exec(line);
    if (header) {
      flush();
      blockName = header[1]!;
      blockCode = /^\d{2,4}$/.test(header[2]!.trim()) ? header[2]!.trim() : null;
      continue;
    }
    if (line.startsWith('-')) {
      const code = PETR_CODE.exec(line);
      if (!code || code[1] || code[2] === '---') continue;
      const body = line.slice(1, code.index).trim();
      if (/[&{}()+$%|^]/.test(body) || !/\*/.test(body)) continue;
      const words = body.split(/\s+/);
      const star = words.indexOf('*');
      if (star !== 0 || words.length < 2) continue;
      const after = words.slice(1).map((w) => w.toLowerCase().replace(/_/g, ' '));
      if (after.some((w) => !/^[a-z' -]+$/.test(w))) continue;
      for (const mem of members) add(code[2]!, [`${mem.forms.map((f) => f.replace(/ /g, '_')).join('|')} * ${after.join(' ')}`].map(expandMulti), `'${blockName}' pattern "${body}"`);
      continue;
    }
    const forms = formsOf(line);
    if (forms.length) {
      const own = PETR_CODE.exec(line);
      members.push({ forms, code: own && !own[1] && own[2] !== '---' ? own[2]! : null });
    }
  }
  flush();
  return rules;
}

/** "kick_out|kicks_out * x": multi-word forms stay, written with underscores (one slot, each form whole). */
function expandMulti(p: string): string {
  return p;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AnnalsError('E002', 'cannot read dictionary file', path);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AnnalsError('E030', `not valid JSON: ${(err as Error).message}`, path);
  }
}

const DEFAULT_DATA = join(import.meta.dirname, '..', '..', 'data');

export function loadCameoTable(dataDir = DEFAULT_DATA): CameoTable {
  const path = join(dataDir, 'cameo', 'codes.json');
  const rows = readJson(path);
  const problems = validateCameoRows(rows);
  if (problems.length) throw new AnnalsError('E030', problems.slice(0, 3).join('; '), path);
  return createCameoTable(rows as CameoEntry[]);
}

function compileCues(raw: Record<string, unknown>, path: string): SpeechCues {
  const list = (k: string): string[] => {
    const v = raw[k];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new AnnalsError('E030', `${k} must be a list of words`, path);
    return v as string[];
  };
  const speech = new Set<string>();
  for (const v of list('speechVerbs')) verbForms(v).all.forEach((f) => speech.add(f));
  return {
    speechVerbs: speech,
    sourcePhrases: list('sourcePhrases').map((p) => p.split(' ')),
    quoteNouns: new Set(list('quoteNouns')),
    negation: new Set(list('negation')),
    negatingVerbs: new Set(list('negatingVerbs').flatMap((v) => verbForms(v).all)),
    hypothetical: new Set(list('hypothetical')),
    planned: new Set(list('planned')),
  };
}

export function loadLexicon(options: LoadOptions = {}): Lexicon {
  const dataDir = options.dataDir ?? DEFAULT_DATA;
  const cameo = loadCameoTable(dataDir);
  const dir = join(dataDir, 'lexicon');
  if (!existsSync(dir)) throw new AnnalsError('E001', 'lexicon folder not found', dir);
  const rules: CompiledRule[] = [];
  const ids = new Set<string>();
  let cues: SpeechCues | null = null;
  const warnings: string[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const path = join(dir, f);
    const data = readJson(path) as Record<string, unknown>;
    if (f === 'speech.json') {
      cues = compileCues(data, path);
      continue;
    }
    if (!Array.isArray(data.rules)) throw new AnnalsError('E030', 'expected {"rules": [...]}', path);
    data.rules.forEach((r, i) => {
      const rule = validateRule(r, path, i, cameo, warnings);
      if (ids.has(rule.id)) throw new AnnalsError('E030', `duplicate rule id ${rule.id}`, path);
      ids.add(rule.id);
      const variants: TokenSpec[][] = [];
      const participles = new Set<string>();
      const gerunds = new Set<string>();
      const vforms = new Set<string>();
      for (const p of rule.pattern) {
        let c: ReturnType<typeof compilePattern>;
        try {
          c = compilePattern(p, rule.gap ?? 3);
        } catch (err) {
          throw new AnnalsError('E030', `rule ${rule.id}: ${(err as Error).message}`, path);
        }
        const first = c.specs[0];
        if (!first || first.type !== 'words' || first.optional) throw new AnnalsError('E030', `rule ${rule.id}: a pattern must start with a required word`, path);
        variants.push(c.specs);
        c.participles.forEach((x) => participles.add(x));
        c.gerunds.forEach((x) => gerunds.add(x));
        c.verbForms.forEach((x) => vforms.add(x));
      }
      rules.push({ ...rule, variants, participles, gerunds, verbForms: vforms, file: f });
    });
  }
  if (!cues) throw new AnnalsError('E001', 'speech.json (claimant and modality cues) not found', dir);
  if (options.strict && warnings.length) throw new AnnalsError('E030', warnings.slice(0, 5).join('; '), dir);
  if (options.petrarch) {
    let text: string;
    try {
      text = readFileSync(options.petrarch, 'latin1');
    } catch {
      throw new AnnalsError('E002', 'cannot read PETRARCH verb dictionary', options.petrarch);
    }
    for (const rule of readPetrarchVerbs(text, cameo, options.petrarch.split(/[\\/]/).pop()!)) {
      if (!rule.pattern[0]) continue;
      let compiled: ReturnType<typeof compilePattern>;
      try {
        compiled = compilePattern(rule.pattern[0], 3);
      } catch {
        continue; // a PETRARCH line this compiler cannot read is left out
      }
      const { specs, participles, gerunds, verbForms: vf } = compiled;
      if (specs[0]?.type !== 'words') continue;
      rules.push({ ...rule, variants: [specs], participles, gerunds, verbForms: vf, file: 'petrarch' });
    }
  }
  return { version: `lexicon-${rules.length}r${options.petrarch ? '+petrarch' : ''}`, rules, index: indexRules(rules), cameo, cues, warnings };
}

export interface IndexedVariant {
  rule: CompiledRule;
  specs: TokenSpec[];
  /** patternBreadth(specs): how many forms the variant accepts (fewer = more specific). */
  breadth: number;
}

export function indexRules(rules: CompiledRule[]): Map<string, IndexedVariant[]> {
  const index = new Map<string, IndexedVariant[]>();
  for (const rule of rules) {
    for (const specs of rule.variants) {
      const first = specs[0] as Extract<TokenSpec, { type: 'words' }>;
      const breadth = patternBreadth(specs);
      for (const f of first.forms) {
        const list = index.get(f);
        if (list) list.push({ rule, specs, breadth });
        else index.set(f, [{ rule, specs, breadth }]);
      }
    }
  }
  return index;
}
