/**
 * Actor mentions: find every phrase naming an actor and resolve it to an
 * entity of the knowledge base, or to a new entity discovered in the document.
 *
 * Rules (each mention carries its rule id and a confidence):
 * - actors.name.exact-v1         a name or alias of the index, matched on folded tokens
 *                                (case, diacritics, curly apostrophes, possessives, leading "the")
 * - actors.name.fuzzy-v1         a capitalised run one or two edits from a multi-word name ("Sale Berisha")
 * - actors.state.capital-v1      a capital standing for its government ("Tirana", "Hanoi")
 * - actors.state.seat-v1         a seat of government ("the Kremlin", "Whitehall")
 * - actors.state.demonym-v1      a demonym alone ("Albanian support") → the state
 * - actors.state.people-v1       a plural demonym ("the Albanians") → the state, or the people when the index says so
 * - actors.collective.state-v1   demonym/country + government noun ("the Albanian leadership", "U.S. imperialism")
 * - actors.collective.group-v1   demonym/country + population noun ("the Albanian people", "the people of Cambodia")
 * - actors.collective.org-v1     demonym/country + body noun ("a UK company", "Italian-led force")
 * - actors.collective.members-v1 organisation + members ("Warsaw Pact countries", "NATO allies") → a group
 * - actors.person.title-name-v1  title + name ("Prime Minister Edi Rama", "comrade Enver Hoxha"); a state after the name
 *                                ("Ambassador X of the Soviet Union") is a new person's country
 * - actors.person.pattern-v1     a capitalised two- or three-word run read as an unknown person's name
 * - actors.person.surname-v1     a surname of a person named earlier in the document in full, or by title and surname
 *                                alone ("Ambassador Malenko" ... "Malenko")
 * - actors.org.pattern-v1        a capitalised run ending in an organisation word ("Salvation Committees")
 * - actors.org.opposition-v1     "the opposition", "opposition media" → the opposition of the document's main country
 * - actors.org.contextual-v1     a generic name ("Socialist Party") in a document about the body's country
 * - actors.role.dated-v1         a title without a name resolved to its holder at the date ("the Prime Minister")
 * - actors.role.unresolved-v1    the same when the holder is unknown: an entity for the office
 * - actors.faction.leader-v1     person + "clique/group/regime" ("the Pol Pot clique") → the body the person led
 * - actors.coref.pronoun-v1      he/him/his/she/her → the latest person of the paragraph
 * - actors.coref.definite-v1     "the regime", "the organisation", "this clique" → the latest fitting actor of the paragraph
 * - actors.person.apposition-v1  a title in apposition to a name ("X, the Albanian Defence Minister"; "the Soviet
 *                                representative at the United Nations, X") → that person, who learns the country
 * - actors.person.demonym-noun-v1 demonym + common noun(s) + name ("the American contractor X") → X, of that country
 * - actors.person.regnal-v1      a royal title + a first name ("King George" in 1814) → the monarch reigning then, never a surname
 * - actors.collective.states-v1  "the Western powers", "the American states", "twelve nations" → a group without a country
 * - actors.state.the-government-v1 "the Government" with a capital → the document's main government
 * - actors.place.held-v1         a well-known place that is not a capital (data/actors/places.json) in object position
 *                                ("landed at Inchon", "invaded the Sinai") → the state holding it at the date
 * - actors.cable.*               in a cable from an embassy (see actors-context.ts): "I/me/my" → the signer (a person of the
 *                                sending state), "we", "the Embassy", "an Embassy officer", "the Department" → the sending
 *                                state, "the Secretary" → its foreign minister, "the Ambassador" → its ambassador (unless another
 *                                country's was named before), "the Government" → the host state; the
 *                                signature line → the signer (actors.cable.signer-v1)
 *
 * A title without a country ("the Prime Minister", "Prime Minister Ecevit" when unknown) takes the
 * document's: in a cable "the President", "the Secretary (of State)", "Under/Assistant Secretary X" are
 * the sending government's, other titles the host's; elsewhere the main country. A "President" is never
 * a monarch. A person holding at the date only offices of another country or body (a UN
 * Secretary-General) is mentioned with that country. Several persons found in a text learn their
 * country from "X as its/Peru's minister". Places inside states (data/actors/states.json "places")
 * are never actors, and a demonym of a state that did not exist yet names none.
 *
 * Dates: titles and dated names ("Moscow" before 1992 is the Soviet Union) need
 * the date the text speaks of. `options.dates` gives one per sentence; without
 * it the latest explicit year written before the phrase is used, then the
 * publication date. The event coder should call resolveRole() with the event's
 * own date when it needs more precision.
 */
import type { ActorMention, Document, Entity, EntityKind, EntityRef, Sentence } from '../core/types.js';
import { distance } from 'fastest-levenshtein';
import {
  placeHoldingAt,
  refOf,
  resolveRole,
  type PlaceHolding,
  roleEntity,
  validAt,
  type ActorIndex,
  type NameNode,
  type NameTarget,
} from '../dictionaries/actors.js';
import { slug, tokenizeRange, type Token } from '../dictionaries/actors-text.js';
import { DETERMINERS, NAME_PARTICLES, NOT_NAME_WORDS, PLACE_FIRST, PLACE_HEADS } from './resolve-words.js';
import { corefMentions } from './coref.js';
import { cableMentions, documentContext, type DocumentContext } from './actors-context.js';
import { phraseTree, WordTable, wordHash, type PhraseNode } from './actors-words.js';

export interface ActorResult {
  mentions: ActorMention[];
  /** Entities referenced by the mentions, including ones discovered in this document. */
  entities: Entity[];
}

export interface FindActorsOptions {
  /** Narrative date (ISO day or EDTF year/month) per sentence, same order as `sentences`. */
  dates?: (string | null)[];
  /** Add pronoun and definite-description mentions (default true). */
  coref?: boolean;
}

interface Match {
  len: number;
  targets: NameTarget[];
}

const ARTICLES = new Set(['the', 'a', 'an']);
// Patterns and word lists of the rules, built once (a regular expression written inside a
// function is a new object every time the line runs).
const DIGITS = /^\d+$/;
/** DIGITS.test(w), the pattern tried only on a word that starts with a digit. */
const isNumber = (w: string): boolean => {
  const c = w.charCodeAt(0);
  return c >= 48 && c <= 57 && DIGITS.test(w);
};
const LETTERS = /^[a-z]+$/;
const LOWER_WORD = /^[a-z-]+$/;
const COMMON_NOUN = /^[a-z][a-z-]+$/;
const PERIOD_GAP = /^\.\s*$/;
const COMMA_GAP = /^\s*,\s*$/;
const SPACE_GAP = /^\s+$/;
const REGNAL_BEFORE = /^(king|queen|emperor|empress|majesty|tsar|czar|kaiser|sultan|prince|princess)$/;
const ROMAN_NUMERAL = /^[IVX]+$/;
const FACTION_DETERMINERS = new Set(['the', 'a', 'this', 'that', 'their', 'its']);
const FACTION_STOP = new Set(['and', 'of', 'by', 'with', 'to', 'in', 'on', 'for', 'from']);
/** A folded word that is its own slug. */
const PLAIN_NORM = /^[a-z0-9]+$/;
const POST_PREPS = new Set(['at', 'to', 'in']);

/** Per-document working state. */
class DocState {
  mentions: ActorMention[] = [];
  found = new Map<string, Entity>();
  seen = new Map<string, Set<string>>();
  counts = new Map<string, number>();
  /** Folded surname → person id, for persons named in full. */
  surnames = new Map<string, string>();
  surnamed = new Set<string>();
  /** Discovered persons the text places in a country the index does not know ("X of Ruritania"). */
  unplaced = new Set<string>();
  deferred: Array<() => void> = [];
  focus: string | null = null;
  /** The tokens of the sentence being read, and whether it is in capitals (known when first asked). */
  sentence: Token[] = [];
  shoutingKnown = false;
  shoutingValue = false;
  /** Words written in lower case somewhere in the document. */
  lower = new Set<string>();
  /** Years written in the current paragraph, for dated names. */
  blockDates: string[] = [];
  /** Who writes the document (a cable's sending and host governments, its signer). */
  ctx: DocumentContext;

  constructor(
    readonly doc: Document,
    readonly index: ActorIndex,
  ) {
    this.ctx = documentContext(doc, index);
  }

  /** The country an unqualified title or an unplaced person belongs to: a cable's host, else the document's main country. */
  contextCountry(): string | null {
    return this.ctx.host ?? this.focus;
  }

  entity(id: string): Entity | undefined {
    return this.found.get(id) ?? this.index.entities.get(id);
  }

  add(start: number, end: number, e: Entity, ruleId: string, confidence: number, date?: string | null): ActorMention {
    if (!this.found.has(e.id)) this.found.set(e.id, e);
    const text = this.doc.text.slice(start, end);
    const ref = refOf(e);
    // a person holding, at the date, only offices of another country or body speaks for it (a UN Secretary-General)
    if (e.kind === 'person' && date && e.roles?.length) {
      const c = officeCountryAt(e, date);
      if (c && c !== e.country) ref.country = c;
    }
    const m: ActorMention = { span: { start, end }, text, entity: ref, ruleId, confidence: Math.round(confidence * 100) / 100 };
    this.mentions.push(m);
    this.counts.set(e.id, (this.counts.get(e.id) ?? 0) + 1);
    let s = this.seen.get(e.id);
    if (!s) this.seen.set(e.id, (s = new Set()));
    s.add(text);
    if (e.kind === 'person' && !this.surnamed.has(e.id)) {
      this.surnamed.add(e.id);
      const parts = e.name.split(/\s+/);
      const last = parts[parts.length - 1] ?? '';
      // a person found in the document by title and surname alone ("Ambassador Malenko") is known by it too
      if ((parts.length >= 2 || (e.id === `person:${slug(last)}` && !this.index.entities.has(e.id))) && last.length >= 4) {
        const k = slug(last);
        if (!this.surnames.has(k)) this.surnames.set(k, e.id);
      }
    }
    return m;
  }

  stateEntity(code: string | null): Entity | undefined {
    if (!code) return undefined;
    const id = this.index.stateOf.get(code);
    return id ? this.index.entities.get(id) : undefined;
  }
}

/** The one country (or IGO) whose offices a person holds at a date, when all agree. */
function officeCountryAt(e: Entity, date: string): string | null {
  let c: string | null = null;
  for (const r of e.roles ?? []) {
    if (!r.from && !r.to) continue;
    if (!validAt(r, date)) continue;
    if (c && r.country !== c) return null;
    c = r.country;
  }
  return c;
}

const YEAR = /(\(?)\b(1[5-9]\d\d|20\d\d)\b(?![,.]?\d)(\)?)/g;

/** Dates a sentence speaks of: its own (or the carried) date first, then other years of its paragraph. */
interface SentenceDates {
  primary: string | null;
  block: string[];
}

/** Years written in a text, without citation years in parentheses ("Selivanov (2017)"). */
function yearsIn(text: string): string[] {
  const out: string[] = [];
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(text); m; m = YEAR.exec(text)) if (!(m[1] && m[3])) out.push(m[2]!);
  return out;
}

/** The narrative date of each sentence: given, else the first year written in it, else the latest year before it, else publication. */
function sentenceDates(doc: Document, sentences: Sentence[], given?: (string | null)[]): SentenceDates[] {
  const years = sentences.map((s) => yearsIn(doc.text.slice(s.span.start, s.span.end)));
  const blockYears = new Map<number, string[]>();
  sentences.forEach((s, i) => {
    const l = blockYears.get(s.block);
    if (l) l.push(...years[i]!);
    else blockYears.set(s.block, [...years[i]!]);
  });
  const out: SentenceDates[] = [];
  let carried: string | null = doc.published ? doc.published.slice(0, 4) : null;
  for (let i = 0; i < sentences.length; i++) {
    const own = years[i]!;
    const blk = sentences[i]!.block;
    if (i > 0 && sentences[i - 1]!.block !== blk) {
      // a new paragraph that writes its own years is dated by them, not by the last paragraph
      const first = (blockYears.get(blk) ?? [])[0];
      if (first) carried = first;
    }
    const primary = given?.[i] ?? own[0] ?? carried;
    out.push({ primary, block: blockYears.get(sentences[i]!.block) ?? [] });
    if (own.length) carried = own[own.length - 1]!;
  }
  return out;
}

/**
 * The tokens of the sentences findActors read last, kept (for one document only) for the rules
 * that read the same sentences right after it (src/annotators/actors-groups.ts).
 */
let lastRead: { text: string; sentences: Sentence[]; spans: [number, number][]; toks: Token[][] } | null = null;

/**
 * The tokens findActors cut from `sentences` of `text` when it read them last (each sentence's
 * tokenizeRange(text, start, end)), else null. Taken once: the copy is not kept after.
 */
export function takeSentenceTokens(text: string, sentences: Sentence[]): Token[][] | null {
  const r = lastRead;
  lastRead = null;
  if (!r || r.sentences !== sentences || r.toks.length !== sentences.length || r.text !== text) return null;
  for (let i = 0; i < sentences.length; i++) {
    const sp = sentences[i]!.span;
    if (sp.start !== r.spans[i]![0] || sp.end !== r.spans[i]![1]) return null;
  }
  return r.toks;
}

/** Find and resolve actor mentions. Pure and deterministic. */
export function findActors(doc: Document, sentences: Sentence[], index: ActorIndex, options: FindActorsOptions = {}): ActorResult {
  const st = new DocState(doc, index);
  const dates = sentenceDates(doc, sentences, options.dates);
  // words the document writes in lower case are common words, not parts of unknown names (st.lower)
  const toks: Token[][] = new Array(sentences.length);
  cutWords.clear();
  cutIndex = index;
  const table = wordTable(index);
  for (let si = 0; si < sentences.length; si++) {
    const sp = sentences[si]!.span;
    const ts = tokenizeRange(doc.text, sp.start, sp.end, sp.start, st.lower);
    toks[si] = ts;
    // looked up now, while the tokens just cut are in the processor's caches
    cutWords.set(ts, wordsOf(table, ts));
  }
  lastRead = { text: doc.text, sentences, spans: sentences.map((s) => [s.span.start, s.span.end]), toks };
  for (let si = 0; si < sentences.length; si++) {
    st.blockDates = dates[si]!.block;
    scanSentence(st, toks[si]!, dates[si]!.primary);
  }
  st.focus = focusCountry(st);
  for (const f of st.deferred) f();
  if (st.ctx.cable || doc.text.includes('Government'))
    for (let si = 0; si < sentences.length; si++) houseWords(st, toks[si]!, sentences[si]!.span.start, dates[si]!.primary);
  const spans = st.mentions.map((m) => m.span).sort((a, b) => a.start - b.start);
  for (let si = 0; si < sentences.length; si++) surnamePass(st, toks[si]!, spans);
  let mentions = dedupe(st.mentions);
  if (options.coref !== false) {
    const fs = st.stateEntity(st.focus);
    const focusPeople = fs ? peopleGroup(st, fs) : null;
    if (focusPeople && !st.found.has(focusPeople.id)) st.found.set(focusPeople.id, focusPeople);
    const extra = corefMentions(doc, sentences, toks, mentions, index, { focusPeople: focusPeople ? refOf(focusPeople) : null });
    for (const m of extra) {
      const e = st.entity(m.entity.id);
      if (e) st.add(m.span.start, m.span.end, e, m.ruleId, m.confidence);
    }
    mentions = dedupe(st.mentions);
  }
  // discovered entities may have learnt their country after their first mention
  for (const m of mentions) {
    const e = st.found.get(m.entity.id);
    if (e && e.country !== m.entity.country && !index.entities.has(e.id)) m.entity = refOf(e);
  }
  const entities: Entity[] = [];
  const used = new Set(mentions.map((m) => m.entity.id));
  for (const id of used) {
    const e = st.entity(id);
    if (!e) continue;
    entities.push({ ...e, aliases: [...(st.seen.get(id) ?? [])] });
  }
  memoToks = null;
  cutWords.clear();
  cutIndex = null;
  return { mentions, entities };
}

/**
 * Sorted, and of two overlapping mentions the longer (then the surer, then the earlier) one
 * kept. Only mentions that overlap others need that choice: the mentions are sorted by start,
 * cut into runs that overlap one another, and only runs of several are decided longest first.
 */
function dedupe(ms: ActorMention[]): ActorMention[] {
  // by start; at one start in the order the choice takes them (longer, surer), then as found
  const sorted = ms.slice().sort((a, b) => a.span.start - b.span.start || b.span.end - b.span.start - (a.span.end - a.span.start) || b.confidence - a.confidence);
  const kept: ActorMention[] = [];
  for (let i = 0; i < sorted.length; ) {
    let end = sorted[i]!.span.end;
    let j = i + 1;
    for (; j < sorted.length && sorted[j]!.span.start < end; j++) end = Math.max(end, sorted[j]!.span.end);
    if (j === i + 1) kept.push(sorted[i]!);
    else for (const m of keepLongest(sorted.slice(i, j))) kept.push(m);
    i = j;
  }
  return kept;
}

/** Of mentions sorted by start that overlap one another, those kept longest (then surest, then first) first, in their order. */
function keepLongest(run: ActorMention[]): ActorMention[] {
  const order = run.slice().sort(
    (a, b) => b.span.end - b.span.start - (a.span.end - a.span.start) || b.confidence - a.confidence || a.span.start - b.span.start,
  );
  let lo = Infinity;
  let hi = 0;
  for (const m of run) {
    lo = Math.min(lo, m.span.start);
    hi = Math.max(hi, m.span.end);
  }
  const taken = new Uint8Array(hi - lo);
  const keep = new Set<ActorMention>();
  for (const m of order) {
    let free = true;
    for (let c = m.span.start; c < m.span.end; c++) {
      if (taken[c - lo]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, m.span.start - lo, m.span.end - lo);
    keep.add(m);
  }
  return run.filter((m) => keep.has(m));
}

function focusCountry(st: DocState): string | null {
  const by = new Map<string, number>();
  for (const m of st.mentions) {
    const c = m.entity.country;
    if (!c || c === 'IGO' || m.ruleId === 'actors.place.held-v1') continue;
    by.set(c, (by.get(c) ?? 0) + (m.entity.kind === 'state' ? 2 : 1));
  }
  let best: string | null = null;
  let n = 0;
  for (const [c, k] of by) if (k > n) [best, n] = [c, k];
  return best;
}

/** The signer of a cable: a known person of the sending state by that name, else a new one, its ambassador. */
function signerEntity(st: DocState): Entity | null {
  const sg = st.ctx.signer;
  const sender = st.ctx.sender;
  if (!sg) return null;
  const key = sg.name;
  const known = (st.index.names.get(slug(key).replace(/-/g, ' ')) ?? [])
    .map((t) => st.index.entities.get(t.entityId))
    .find((e) => e?.kind === 'person' && (!sender || e.country === sender));
  if (known) return known;
  const id = `person:${slug(key)}`;
  const prior = st.found.get(id);
  if (prior) return prior;
  return { id, name: key, kind: 'person', country: sender, aliases: [], ...(sender ? { roles: [{ title: 'ambassador', country: sender, from: null, to: null }] } : {}) };
}

/**
 * actors.cable.signer-v1: the signer of a cable named in its text ("Ambassador Tasca called on ...",
 * signed "Tasca" or "Henry J. Tasca") is a person of the sending state: a person found in the
 * document without a country and with the signer's surname learns the sending state.
 */
function signerNamedEarlier(st: DocState): void {
  const sg = st.ctx.signer;
  const sender = st.ctx.sender;
  if (!sg || !sender) return;
  const last = slug(sg.name.split(/\s+/).pop() ?? '');
  if (last.length < 3) return;
  for (const e of st.found.values()) {
    if (e.kind !== 'person' || e.country || st.index.entities.has(e.id)) continue;
    if (slug(e.name.split(/\s+/).pop() ?? '') !== last) continue;
    e.country = sender;
    if (!e.roles?.length) e.roles = [{ title: 'ambassador', country: sender, from: null, to: null }];
  }
}

/** Has the document named, before `at`, an ambassador of a country other than `own` ("the Soviet Ambassador")? */
function otherAmbassadorBefore(st: DocState, own: string, at: number): boolean {
  for (const m of st.mentions) {
    if (m.span.start >= at || !m.entity.country || m.entity.country === own) continue;
    if (/\b(?:ambassador|envoy|minister to|charg[eé])/i.test(m.text)) return true;
    const e = st.entity(m.entity.id);
    if (e?.roles?.some((r) => r.title === 'ambassador' && r.country !== own)) return true;
  }
  return false;
}

/**
 * First person and house words of a cable (actors.cable.*, see actors-context.ts), and, in any
 * document, "the Government" written with a capital (actors.state.the-government-v1): the
 * government the document speaks from, not the nearest state named before it.
 */
function houseWords(st: DocState, toks: Token[], sentenceStart: number, date: string | null): void {
  const ctx = st.ctx;
  if (ctx.cable) {
    signerNamedEarlier(st);
    const signer = signerEntity(st);
    if (signer && ctx.signer && toks.length && toks[0]!.start <= ctx.signer.start && ctx.signer.end <= toks[toks.length - 1]!.end)
      st.add(ctx.signer.start, ctx.signer.end, signer, 'actors.cable.signer-v1', 0.8);
    for (const m of cableMentions(st.doc.text, sentenceStart, toks, ctx)) {
      if (m.referent === 'signer' && signer) st.add(m.start, m.end, signer, m.ruleId, m.confidence);
      else if (m.referent === 'sender' || m.referent === 'host') {
        const e = st.stateEntity(m.referent === 'sender' ? ctx.sender : ctx.host);
        if (e) st.add(m.start, m.end, e, m.ruleId, m.confidence);
      } else if (m.referent === 'ambassador') {
        if (ctx.sender && !otherAmbassadorBefore(st, ctx.sender, m.start)) st.add(m.start, m.end, roleEntity(st.index, 'ambassador', ctx.sender, 'Ambassador'), m.ruleId, m.confidence);
      } else if (m.referent === 'secretary') {
        const h = resolveRole(st.index, 'foreign-minister', ctx.sender, date);
        const e = h ? st.entity(h.id) : ctx.sender ? roleEntity(st.index, 'foreign-minister', ctx.sender, 'Secretary') : undefined;
        if (e) st.add(m.start, m.end, e, m.ruleId, h ? m.confidence : m.confidence - 0.2, date);
      }
    }
    return;
  }
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.raw !== 'Government' || toks[i - 1]!.norm !== 'the' || t.brk) continue;
    const nx = toks[i + 1];
    if (nx && !nx.brk && (nx.norm === 'of' || nx.cap)) continue;
    const e = st.stateEntity(st.focus);
    if (e) st.add(toks[i - 1]!.start, t.end, e, 'actors.state.the-government-v1', 0.5);
  }
}

// ---------------------------------------------------------------- index matching

function caseOk(t: NameTarget, toks: Token[], i: number, len: number): boolean {
  if (t.exactCase) {
    for (let k = i; k < i + len; k++) if (!toks[k]!.upper && !toks[k]!.raw.includes('.') && toks[k]!.raw.length > 1) return false;
    return true;
  }
  // a name written with a lower-case initial matches however it is capitalised
  return t.anyCase === true || toks[i]!.cap;
}

/** What a word can begin, as bits: the rules a word without any of them cannot start. */
const STARTS_NAME = 1; // the first word of an index name (matchAt)
const ARTICLE = 2; // the, a, an: every rule reads on
const STARTS_TITLE = 4; // title modifier or first word, honorific (tryTitled)
const STARTS_COLLECTIVE = 8; // collective or faction noun (tryOfCollective)
const STARTS_OPPOSITION = 16; // its, their, opposition and its modifiers (tryOpposition)
const STARTS_STATES = 32; // new, a number word (tryStatesGroup)
const STATES_NOUN = 64; // the noun of a group of states: powers, states, nations (tryStatesGroup)
const STARTS_PHRASE = ARTICLE | STARTS_TITLE | STARTS_COLLECTIVE | STARTS_OPPOSITION | STARTS_STATES;

/** What a word can begin (the bits above), and the node of the name tree it begins (index.trie). */
interface WordEntry {
  bits: number;
  node: NameNode | undefined;
}

const wordTableOf = new WeakMap<ActorIndex, WordTable<WordEntry>>();

/**
 * Folded word → what it can begin (the bits above) and its node of the name tree, built once
 * per index. A lower-case word that begins nothing is skipped at once; a word that begins only
 * names, or a capitalised word that begins no title or phrase, is tried only when a name starts there.
 */
function wordTable(idx: ActorIndex): WordTable<WordEntry> {
  let m = wordTableOf.get(idx);
  if (m) return m;
  const bits = new Map<string, number>();
  const set = (w: string, b: number) => bits.set(w, (bits.get(w) ?? 0) | b);
  const t = idx.titles;
  for (const w of idx.trie.keys()) set(w, STARTS_NAME);
  for (const w of ARTICLES) set(w, ARTICLE);
  for (const w of t.roleModifiers) set(w, STARTS_TITLE);
  for (const w of t.roleFirst) set(w, STARTS_TITLE);
  for (const w of t.honorifics) {
    set(w, STARTS_TITLE);
    set(w.split(' ')[0]!, STARTS_TITLE);
  }
  for (const w of t.collectiveFirst) set(w, STARTS_COLLECTIVE);
  for (const w of t.factionNouns) {
    set(w, STARTS_COLLECTIVE);
    set(w.split(' ')[0]!, STARTS_COLLECTIVE);
  }
  for (const w of ['the', 'its', 'their', 'opposition', ...OPPOSITION_PRE]) set(w, STARTS_OPPOSITION);
  for (const w of ['the', 'new', ...NUMBER_WORDS]) set(w, STARTS_STATES);
  for (const w of STATE_GROUP_NOUNS) set(w, STATES_NOUN);
  m = new WordTable([...bits].map(([w, b]): [string, WordEntry] => [w, { bits: b, node: idx.trie.get(w) }]));
  wordTableOf.set(idx, m);
  return m;
}

const honorificFirstsOf = new WeakMap<ActorIndex, Set<string>>();

/** First words of the honorifics of two words or more ("his" of "his excellency"). */
function honorificFirsts(idx: ActorIndex): Set<string> {
  let s = honorificFirstsOf.get(idx);
  if (!s) {
    s = new Set([...idx.titles.honorifics].filter((h) => h.includes(' ')).map((h) => h.split(' ')[0]!));
    honorificFirstsOf.set(idx, s);
  }
  return s;
}

/**
 * matchAt results of the sentence being read (a pure function of the index and the tokens,
 * asked again and again at the same positions by the rules tried in turn).
 */
let memoToks: Token[] | null = null;
let memoIndex: ActorIndex | null = null;
let memo: (Match | null | undefined)[] = [];
/** The word table's entry of each token of memoToks (undefined: a word the table does not hold). */
let memoWords: (WordEntry | undefined)[] = [];

/** The word table's entry of each token (undefined: a word the table does not hold). */
function wordsOf(table: WordTable<WordEntry>, toks: Token[]): (WordEntry | undefined)[] {
  const words: (WordEntry | undefined)[] = new Array(toks.length);
  for (let k = 0; k < toks.length; k++) {
    const w = toks[k]!.norm;
    words[k] = table.get(w, wordHash(w));
  }
  return words;
}

/** The entries of the words of the sentences findActors is reading (for cutIndex), found as it cut them. */
const cutWords = new Map<Token[], (WordEntry | undefined)[]>();
let cutIndex: ActorIndex | null = null;

/** Make `toks` the sentence whose matches are remembered; the table's entry of each of its words. */
function sentenceWords(index: ActorIndex, toks: Token[]): (WordEntry | undefined)[] {
  if (toks !== memoToks || index !== memoIndex) {
    memoToks = toks;
    memoIndex = index;
    memo = new Array(toks.length);
    memoWords = (index === cutIndex ? cutWords.get(toks) : undefined) ?? wordsOf(wordTable(index), toks);
  }
  return memoWords;
}

/** What token i of `toks` can begin (the bits of the word table). */
function bitsAt(index: ActorIndex, toks: Token[], i: number): number {
  return sentenceWords(index, toks)[i]?.bits ?? 0;
}

/** Longest index name starting at token i. */
function matchAt(index: ActorIndex, toks: Token[], i: number): Match | null {
  const words = sentenceWords(index, toks);
  const hit = memo[i];
  if (hit !== undefined) return hit;
  return (memo[i] = matchAtUncached(toks, i, words[i]?.node));
}

/** The nodes of the name tree along the tokens from i, reused between calls (no allocation per match). */
const path: NameNode[] = [];

/** The longest name along the tree from `root`, the node of token i's word (index.trie). */
function matchAtUncached(toks: Token[], i: number, root: NameNode | undefined): Match | null {
  let node: NameNode | undefined = root;
  if (!node) return null;
  // follow the tree as far as the tokens go on a name, never across punctuation
  let depth = 0;
  path[depth++] = node;
  for (let k = i + 1; k < toks.length; k++) {
    const next: Map<string, NameNode> | null = node.next;
    if (!next || toks[k]!.brk) break;
    const child: NameNode | undefined = next.get(toks[k]!.norm);
    if (!child) break;
    path[depth++] = node = child;
  }
  // the longest name along the path whose capitalisation fits
  for (let L = depth; L >= 1; L--) {
    const ts = path[L - 1]!.targets;
    if (!ts) continue;
    let ok: NameTarget[] = ts;
    for (let q = 0; q < ts.length; q++) {
      if (caseOk(ts[q]!, toks, i, L)) continue;
      // some targets do not fit: keep only those that do
      ok = [];
      for (let r = 0; r < ts.length; r++) if (caseOk(ts[r]!, toks, i, L)) ok.push(ts[r]!);
      break;
    }
    if (ok.length) {
      // a name never ends on a possessive marker or starts mid-hyphen-word
      const nx = toks[i + L];
      if (nx && nx.hyphen && !nx.cap && !isHyphenSuffix(nx)) continue;
      return { len: L, targets: ok };
    }
  }
  return null;
}

// The helpers below loop instead of passing arrow functions that capture locals: a function
// whose locals a closure captures allocates a context on every call, and the rules are tried
// at every capitalised word.

/** Does any target name an entity of that kind? */
function anyOfKind(index: ActorIndex, targets: NameTarget[], kind: EntityKind): boolean {
  for (let k = 0; k < targets.length; k++) if (index.entities.get(targets[k]!.entityId)?.kind === kind) return true;
  return false;
}

/** Do all targets name entities of that kind? */
function allOfKind(index: ActorIndex, targets: NameTarget[], kind: EntityKind): boolean {
  for (let k = 0; k < targets.length; k++) if (index.entities.get(targets[k]!.entityId)?.kind !== kind) return false;
  return true;
}

/** The targets naming entities of that kind (`keep`), or of any other kind. */
function byKind(index: ActorIndex, targets: NameTarget[], kind: EntityKind, keep: boolean): NameTarget[] {
  const out: NameTarget[] = [];
  for (let k = 0; k < targets.length; k++) if ((index.entities.get(targets[k]!.entityId)?.kind === kind) === keep) out.push(targets[k]!);
  return out;
}

/** "-led", "-backed", "-based": the hyphenated word after a name that does not continue it. */
const HYPHEN_SUFFIX = /^(led|backed|based|sponsored|supported|controlled|occupied|born|american|soviet|chinese|albanian|israeli|palestinian|style|era|speaking|owned|run|made)$/;

function isHyphenSuffix(t: Token): boolean {
  return HYPHEN_SUFFIX.test(t.norm);
}

/** Pick one target of an ambiguous name: valid at the date, already seen, then surest. */
function choose(st: DocState, targets: NameTarget[], date: string | null): NameTarget | null {
  // the common cases: one plain target, undated or valid at the date
  if (targets.length === 1) {
    const t0 = targets[0]!;
    if (!t0.contextual && !t0.onlyThen && ((!t0.from && !t0.to) || validAt(t0, date))) return t0;
  }
  return chooseAmong(st, targets, date);
}

/** A name that names its entity only within its dates: is the date (or a year of the paragraph) known to fall there? */
function knownThen(st: DocState, t: NameTarget, date: string | null): boolean {
  if (date) return validAt(t, date);
  for (let y = 0; y < st.blockDates.length; y++) if (validAt(t, st.blockDates[y]!)) return true;
  return false;
}

function chooseAmong(st: DocState, targets: NameTarget[], date: string | null): NameTarget | null {
  const named: NameTarget[] = [];
  for (let k = 0; k < targets.length; k++) {
    const t = targets[k]!;
    if (!t.contextual && (!t.onlyThen || knownThen(st, t, date))) named.push(t);
  }
  if (!named.length) return null;
  const dated: NameTarget[] = [];
  const undated: NameTarget[] = [];
  for (let k = 0; k < named.length; k++) {
    const t = named[k]!;
    if (!isDated(t)) undated.push(t);
    else if (validAt(t, date)) dated.push(t);
  }
  // a paragraph that speaks of 1979 makes "Moscow" the Soviet capital even in a sentence without a year
  if (!dated.length && st.blockDates.length) {
    for (let k = 0; k < named.length; k++) {
      const t = named[k]!;
      if (!isDated(t)) continue;
      for (let y = 0; y < st.blockDates.length; y++) {
        if (validAt(t, st.blockDates[y]!)) {
          dated.push(t);
          break;
        }
      }
    }
  }
  let c = named;
  if (dated.length) c = dated;
  else if (undated.length) c = undated;
  // a demonym of a state that did not exist yet ("Indians" in 1814) names no state
  else if (date && noDemonymValid(c, date)) return null;
  if (c.length === 1) return c[0]!;
  // prefer an entity valid at the date (person in office, organisation in existence)
  let best = c[0]!;
  let bestScore = targetScore(st, best, date);
  for (let k = 1; k < c.length; k++) {
    const sc = targetScore(st, c[k]!, date);
    if (sc > bestScore) [best, bestScore] = [c[k]!, sc];
  }
  return best;
}

/** Are all targets demonyms (or plural demonyms) of states that did not exist at the date? */
function noDemonymValid(targets: NameTarget[], date: string): boolean {
  for (let k = 0; k < targets.length; k++) {
    const t = targets[k]!;
    if (!((t.rule === 'demonym' || t.rule === 'people') && !validAt(t, date))) return false;
  }
  return true;
}

function isDated(t: NameTarget): boolean {
  return !!(t.from || t.to);
}

function targetScore(st: DocState, t: NameTarget, date: string | null): number {
  const e = st.index.entities.get(t.entityId);
  let s = t.confidence;
  s += (st.counts.get(t.entityId) ?? 0) > 0 ? 1 : 0;
  if (e?.roles?.length && date) s += anyValidAt(e.roles, date) ? 0.5 : 0;
  const info = st.index.info.get(t.entityId);
  if (info && (info.from || info.to) && date) s += validAt(info, date) ? 0.3 : -0.3;
  if (e?.kind === 'state') s += 0.2;
  return s;
}

function anyValidAt(ranges: { from?: string | null; to?: string | null }[], date: string): boolean {
  for (let k = 0; k < ranges.length; k++) if (validAt(ranges[k]!, date)) return true;
  return false;
}

// ---------------------------------------------------------------- sentence scan

/** A sentence written in capitals (cable headers, all-caps telegrams): no name can be told by its capitals. */
/** Is the sentence being read in capitals? Names cannot be discovered from capitalisation there. */
function shouting(st: DocState): boolean {
  if (!st.shoutingKnown) {
    st.shoutingValue = isShouting(st.sentence);
    st.shoutingKnown = true;
  }
  return st.shoutingValue;
}

function isShouting(toks: Token[]): boolean {
  let words = 0;
  let upper = 0;
  for (const t of toks) {
    // a word of two letters or more: upper and lower case forms differ
    if (!t.word) continue;
    words++;
    if (t.upper) upper++;
  }
  return words >= 4 && upper / words >= 0.6;
}

/**
 * Can tryTitled find anything at i? Only when, after an article, the word begins a title, an
 * honorific or a modifier, or begins a name (a country, a demonym) followed within four words by
 * the first word of a title ("Albanian Prime Minister", "Albania's right wing president").
 * A cheap test on the words' bits that spares the rule at most words: it finds nothing where
 * this says no.
 */
function titledMayStart(index: ActorIndex, toks: Token[], words: (WordEntry | undefined)[], i: number, bits: number): boolean {
  const j = bits & ARTICLE ? i + 1 : i;
  if (j >= toks.length) return false;
  const b = words[j]?.bits ?? 0;
  if (b & STARTS_TITLE) return true;
  if (!(b & STARTS_NAME)) return false;
  const m = matchAt(index, toks, j);
  if (!m) return false;
  // the title after the name: after a possessive and up to two adjectives
  const to = Math.min(toks.length - 1, j + m.len + 3);
  for (let x = j + m.len; x <= to; x++) if ((words[x]?.bits ?? 0) & STARTS_TITLE) return true;
  return false;
}

function scanSentence(st: DocState, toks: Token[], date: string | null): void {
  st.sentence = toks;
  st.shoutingKnown = false;
  const first = st.mentions.length;
  const words = sentenceWords(st.index, toks);
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    const bits = words[i]?.bits ?? 0;
    let used: number;
    if (bits & STARTS_PHRASE || ((bits & STARTS_NAME) !== 0 && matchAt(st.index, toks, i) !== null)) {
      used =
        (titledMayStart(st.index, toks, words, i, bits) ? tryTitled(st, toks, i, date) : 0) ||
        tryMatch(st, toks, i, date) ||
        (bits & STARTS_OPPOSITION ? tryOpposition(st, toks, i) : 0) ||
        tryStatesGroup(st, toks, i) ||
        tryUnknown(st, toks, i);
    } else if (t.cap) {
      // a capitalised word that begins no name, title or phrase: a group of states or an unknown name at most
      used = tryStatesGroup(st, toks, i) || tryUnknown(st, toks, i);
    } else {
      // a lower-case word that begins nothing (a number begins a group of states: "12 nations")
      used = bits !== 0 && isNumber(t.norm) ? tryStatesGroup(st, toks, i) : 0;
    }
    i += used > 0 ? used : 1;
  }
  asRole(st, toks, first, date);
}

/**
 * "received Manuel Ortiz as its chargé d'affaires", "X as Peru's minister", "X as the Chilean envoy":
 * a person found in the text takes the country of the office they are received or named as
 * ("its" is the latest state named before the person in the sentence). Only persons the index
 * does not know learn a country this way.
 */
function asRole(st: DocState, toks: Token[], first: number, date: string | null): void {
  const ms = st.mentions.slice(first);
  for (let mi = 0; mi < ms.length; mi++) {
    const m = ms[mi]!;
    if (m.entity.kind !== 'person') continue;
    let k = 0;
    while (k < toks.length && toks[k]!.start < m.span.end) k++;
    if (k === toks.length) k = -1;
    if (k < 0 || toks[k]!.norm !== 'as' || toks[k]!.brk) continue;
    let q = k + 1;
    let country: string | null = null;
    if (toks[q]?.norm === 'its' || toks[q]?.norm === 'their') {
      // the latest state named before, not the receiver's own ("Adams received X as its envoy")
      const receivers = new Set(ms.slice(0, mi).filter((x) => x.entity.kind === 'person').map((x) => x.entity.country));
      const prior = ms.slice(0, mi).reverse().find((x) => x.entity.kind === 'state' && !receivers.has(x.entity.country));
      country = prior?.entity.country ?? null;
      q++;
    } else {
      if (toks[q]?.norm === 'the') q++;
      const pre = countryPrefix(st, toks, q, date);
      if (!pre || pre.entity.kind !== 'state') continue;
      country = pre.country;
      q += pre.len;
      if (toks[q]?.norm === "'s") q++;
    }
    if (!country || q >= toks.length || !roleAt(st.index, toks, q)) continue;
    const e = st.found.get(m.entity.id);
    if (e) learnCountry(st, e, country);
  }
}

const STATE_GROUP_NOUNS = new Set(['powers', 'states', 'nations', 'republics', 'countries', 'governments', 'monarchies', 'allies']);
const NUMBER_WORDS = new Set(['three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'twenty', 'several', 'many']);

/**
 * "the Western powers", "the European powers", "the American states" (of the 1820s: the republics
 * of the Americas), "the new republics", "twelve nations": several states together, a group
 * without a country (actors.collective.states-v1), never the single state of a demonym.
 */
function tryStatesGroup(st: DocState, toks: Token[], i: number): number {
  // the noun comes one or two words after the first word (after "the", one more)
  const words = sentenceWords(st.index, toks);
  const to = Math.min(toks.length - 1, i + 3);
  let noun = false;
  for (let x = i + 1; x <= to && !noun; x++) noun = ((words[x]?.bits ?? 0) & STATES_NOUN) !== 0;
  if (!noun) return 0;
  let j = i;
  if (toks[j]!.norm === 'the') j++;
  const start = j;
  while (j < toks.length && j - start < 2 && !toks[j]!.brk && (toks[j]!.cap || toks[j]!.norm === 'new' || NUMBER_WORDS.has(toks[j]!.norm) || isNumber(toks[j]!.norm)) && !STATE_GROUP_NOUNS.has(toks[j]!.norm)) j++;
  if (j === start || j >= toks.length || toks[j]!.brk || !STATE_GROUP_NOUNS.has(toks[j]!.norm) || toks[j]!.cap) return 0;
  // "the Baltic states" is fine, but "Member States of the EU" / "the United States" are names
  if (toks[j - 1]!.norm === 'united') return 0;
  const mods = toks.slice(start, j);
  // a single state's own demonym before "allies" ("American allies") is that state's allies, left to the coder
  if (toks[j]!.norm === 'allies') return 0;
  const phrase = [...mods.map((t) => t.raw), toks[j]!.raw].join(' ');
  const id = `group:${slug(phrase)}`;
  const e = st.found.get(id) ?? { id, name: phrase, kind: 'group' as const, country: null, aliases: [] };
  st.add(toks[i]!.start, toks[j]!.end, e, 'actors.collective.states-v1', 0.5);
  return j + 1 - i;
}

const OPPOSITION_PRE = new Set(['main', 'largest', 'principal', 'parliamentary', 'political', 'democratic', 'armed', 'united', 'official', 'leading', 'chief', 'biggest']);
const OPPOSITION_NOUN = new Map([
  ['party', ''], ['parties', ''], ['leaders', ''], ['leader', ''], ['leadership', ''], ['forces', ''], ['coalition', ''], ['bloc', ''], ['groups', ''], ['movement', ''],
  ['media', 'media'], ['press', 'media'], ['newspapers', 'media'], ['newspaper', 'media'],
]);

/**
 * "the opposition", "the main opposition party", "opposition media": the opposition of the
 * document's main country (actors.org.opposition-v1). A party named right after
 * ("the opposition Socialist Party") is left to the party's own name.
 */
function tryOpposition(st: DocState, toks: Token[], i: number): number {
  let j = i;
  if (toks[j]!.norm === 'the' || toks[j]!.norm === 'its' || toks[j]!.norm === 'their') j++;
  while (j < toks.length && OPPOSITION_PRE.has(toks[j]!.norm) && !toks[j]!.cap) j++;
  if (j >= toks.length || toks[j]!.norm !== 'opposition' || (j > i && toks[j]!.brk)) return 0;
  let end = j + 1;
  let sub = '';
  const nx = toks[end];
  if (nx && !nx.brk && nx.cap) return 0; // "the opposition Socialist Party"
  if (nx && !nx.brk && OPPOSITION_NOUN.has(nx.norm)) {
    sub = OPPOSITION_NOUN.get(nx.norm)!;
    end++;
  }
  deferOpposition(st, sub, toks[i]!.start, toks[end - 1]!.end);
  return end - i;
}

/** The opposition (or its media: `sub`) of the document's main country, known once the whole document is read. */
function deferOpposition(st: DocState, sub: string, start: number, stop: number): void {
  st.deferred.push(() => {
    const state = st.stateEntity(st.focus);
    if (!state) return;
    const dem = st.index.info.get(state.id)?.demonym ?? state.name;
    const id = `org:${state.country!.toLowerCase()}-opposition${sub ? '-' + sub : ''}`;
    const e = st.found.get(id) ?? { id, name: `${dem} opposition${sub ? ' ' + sub : ''}`, kind: 'organization' as const, country: state.country, aliases: [] };
    st.add(start, stop, e, 'actors.org.opposition-v1', 0.5);
  });
}

/** Country-ish prefix of a title: demonym, country, acronym or national body ("US", "PLO", "Knesset"). */
function countryPrefix(
  st: DocState,
  toks: Token[],
  i: number,
  date: string | null,
): { len: number; country: string | null; entity: Entity; rule: NameTarget['rule'] } | null {
  if (i >= toks.length) return null;
  const m = matchAt(st.index, toks, i);
  if (!m) return null;
  const t = choose(st, m.targets, date);
  if (!t) return null;
  const e = st.index.entities.get(t.entityId);
  if (!e || e.kind === 'person') return null;
  return { len: m.len, country: e.country, entity: e, rule: t.rule };
}

/** The index's titles and collective nouns as trees of their words (phraseTree), built once per index. */
const treesOf = new WeakMap<ActorIndex, { roles: Map<string, PhraseNode<string>>; collectives: Map<string, PhraseNode<EntityKind>> }>();

function trees(index: ActorIndex): { roles: Map<string, PhraseNode<string>>; collectives: Map<string, PhraseNode<EntityKind>> } {
  let t = treesOf.get(index);
  if (!t) treesOf.set(index, (t = { roles: phraseTree(index.titles.roles), collectives: phraseTree(index.titles.collectives) }));
  return t;
}

/** Longest role phrase at i ("foreign minister", "minister of foreign affairs"). */
function roleAt(index: ActorIndex, toks: Token[], i: number): { len: number; role: string } | null {
  // the first word of every title begins a title in the word table (most words answer there)
  if (!(bitsAt(index, toks, i) & STARTS_TITLE) || !index.titles.roleFirst.has(toks[i]!.norm)) return null;
  // the longest title along the tree of titles' words, never across punctuation
  let best: { len: number; role: string } | null = null;
  let node = trees(index).roles.get(toks[i]!.norm);
  for (let k = 0; node; ) {
    if (node.value) best = { len: k + 1, role: node.value };
    k++;
    if (k >= index.titles.rolesMaxLen || i + k >= toks.length || toks[i + k]!.brk) break;
    node = node.next?.get(toks[i + k]!.norm);
  }
  if (!best) return null;
  // "Minister of Heritage", "Minister for National Security": an office named after "of"
  if (best.role === 'minister' || best.role === 'legislature-speaker') {
    let j = i + best.len;
    if (j < toks.length && (toks[j]!.norm === 'of' || toks[j]!.norm === 'for') && !toks[j]!.brk && toks[j + 1]?.cap) {
      j++;
      while (j < toks.length && toks[j]!.cap && !toks[j]!.brk && !isPersonNameAt(index, toks, j)) j++;
      best = { len: j - i, role: best.role };
    }
  }
  return best;
}

/** Does a known person's name start at j (so an office's "of" phrase ends before it)? */
function isPersonNameAt(index: ActorIndex, toks: Token[], j: number): boolean {
  const m = matchAt(index, toks, j);
  return !!m && anyOfKind(index, m.targets, 'person');
}

/** A capitalised name run at j: up to four words, particles allowed inside. */
function nameRun(toks: Token[], j: number): number {
  let k = j;
  while (k < toks.length && k - j < 4) {
    const t = toks[k]!;
    if (k > j && t.brk) break;
    if (t.cap && !NOT_NAME_WORDS.has(t.norm)) {
      k++;
      continue;
    }
    if (k > j && NAME_PARTICLES.has(t.norm) && toks[k + 1]?.cap && !toks[k + 1]!.brk) {
      k++;
      continue;
    }
    break;
  }
  while (k > j && !toks[k - 1]!.cap) k--;
  return k - j;
}

/**
 * [the] [former|then...] [Albanian|US|PLO] [’s] [adj]{0,2} TITLE [of Country] [Name]
 * or an honorific + name ("comrade Enver Hoxha", "Prince Sihanouk").
 */
function tryTitled(st: DocState, toks: Token[], i: number, date: string | null): number {
  const idx = st.index;
  let j = i;
  let determined = false;
  let indefinite = false;
  if (ARTICLES.has(toks[j]!.norm)) {
    determined = true;
    indefinite = toks[j]!.norm !== 'the';
    j++;
  }
  // modifiers ("former", "then"), but not the first word of a title ("First Secretary")
  while (j < toks.length && idx.titles.roleModifiers.has(toks[j]!.norm) && (roleAt(idx, toks, j)?.len ?? 0) <= 1) j++;
  // a known name that begins with its title ("King Hussein", "Chairman Mao") is matched as a name
  if (j < toks.length) {
    const direct = matchAt(idx, toks, j);
    if (direct && direct.len >= 2 && anyOfKind(idx, direct.targets, 'person')) return 0;
  }
  let country: string | null = null;
  let countryGiven = false;
  const pre = countryPrefix(st, toks, j, date);
  let role: { len: number; role: string } | null = null;
  let hon = 0;
  if (pre) {
    let k = j + pre.len;
    const possessive = toks[k]?.norm === "'s";
    if (possessive) k++;
    // adjectives between only after a demonym or a possessive ("Albanian communist leader",
    // "Albania’s right wing president"), never after a bare name ("Albania criticised President ...")
    const maxAdj = possessive || pre.rule === 'demonym' ? 2 : 0;
    for (let adj = 0; adj <= maxAdj && k + adj < toks.length; adj++) {
      const r = roleAt(idx, toks, k + adj);
      if (r) {
        role = r;
        country = pre.country;
        countryGiven = true;
        j = k + adj;
        break;
      }
      const a = toks[k + adj]!;
      if (a.cap || a.brk || DETERMINERS.has(a.norm)) break;
    }
    if (!role) return 0;
  } else {
    if (j < toks.length) role = roleAt(idx, toks, j);
    if (!role && j < toks.length) {
      // honorifics: one or two words ("comrade", "his excellency")
      const one = toks[j]!.norm;
      const two = j + 1 < toks.length && honorificFirsts(idx).has(one) ? one + ' ' + toks[j + 1]!.norm : '';
      if (two && idx.titles.honorifics.has(two)) hon = 2;
      else if (idx.titles.honorifics.has(one)) hon = 1;
      if (!hon) return 0;
    }
  }
  let k = role ? j + role.len : j + hon;
  // "Minister of Foreign Affairs of Albania", "the President of the United States"
  if (role && toks[k]?.norm === 'of' && !toks[k]!.brk) {
    let q = k + 1;
    if (toks[q]?.norm === 'the') q++;
    const post = countryPrefix(st, toks, q, date);
    if (post) {
      country = post.country;
      countryGiven = true;
      k = q + post.len;
    }
  }
  // the name after the title ("Mr. Hoxha": a period after an abbreviated honorific is no break)
  const joined = k < toks.length && (!toks[k]!.brk || (k > 0 && PERIOD_GAP.test(st.doc.text.slice(toks[k - 1]!.end, toks[k]!.start)) && toks[k - 1]!.raw.length <= 4));
  const nl = joined ? nameRun(toks, k) : 0;
  if (nl > 0) {
    const written = role ? toks.slice(j, j + role.len).map((t) => t.raw).join(' ') : toks.slice(j, j + hon).map((t) => t.raw).join(' ');
    const person = resolveName(st, toks, k, nl, date, country, role?.role ?? null, written);
    if (person) {
      // "Foreign Minister Ali Rahmani of Egypt": the country after the name is the person's
      const of = countryGiven ? 0 : ofCountryAfter(st, toks, k + person.len, person.entity, role?.role ?? null, date);
      st.add(toks[i]!.start, toks[k + person.len - 1 + of]!.end, person.entity, person.ruleId, person.confidence, date);
      return k + person.len + of - i;
    }
  }
  if (hon || !role) return 0;
  // a title without a name: the holder at the date, or the office itself
  const generic = role.role === 'minister' || role.role === 'leader' || role.role === 'military' || role.role === 'ambassador' || role.role === 'legislature-speaker';
  if (!countryGiven && (!determined || generic)) return 0;
  if (!toks[j]!.cap && !countryGiven && !determined) return 0;
  const label = toks
    .slice(j, j + role.len)
    .map((t) => t.raw)
    .join(' ');
  const start = toks[i]!.start;
  const end = toks[k - 1]!.end;
  const used = k - i;
  const roleKey = role.role;
  // apposition: "Beqir Balluku, the Albanian Defence Minister" / "the Cambodian Premier, Pol Pot"
  const prevM = st.mentions[st.mentions.length - 1];
  if (i > 0 && commaBetween(st.doc.text, toks[i - 1]!.end, toks[i]!.start)) {
    // the name before the comma: the latest mention, or the surname of a person named earlier in
    // full ("Jessup, the American delegate"; surnames alone are read after the whole document)
    const id =
      prevM && prevM.entity.kind === 'person' && prevM.span.end === toks[i - 1]!.end
        ? prevM.entity.id
        : toks[i - 1]!.cap && toks[i - 1]!.raw.length >= 4 && !(prevM && prevM.span.end >= toks[i - 1]!.end)
          ? personBySurname(st, toks[i - 1]!)
          : undefined;
    const e = id ? st.entity(id) : undefined;
    if (e) {
      learnCountry(st, e, country);
      st.add(start, end, e, 'actors.person.apposition-v1', 0.8);
      return used;
    }
  }
  // "the Soviet representative at the United Nations, Yakov Malik": the post's place, then the name
  if (k < toks.length && POST_PREPS.has(toks[k]!.norm) && !toks[k]!.brk) {
    let q = k + 1;
    if (toks[q]?.norm === 'the') q++;
    const pm = q < toks.length ? matchAt(idx, toks, q) : null;
    const after = pm ? q + pm.len : -1;
    if (pm && after < toks.length && commaBetween(st.doc.text, toks[after - 1]!.end, toks[after]!.start)) {
      const nl3 = nameRun(toks, after);
      const p = nl3 >= 2 ? resolveName(st, toks, after, nl3, date, country, roleKey) : null;
      if (p && p.entity.kind === 'person') {
        learnCountry(st, p.entity, country);
        st.add(start, end, p.entity, 'actors.person.apposition-v1', 0.8, date);
        st.add(toks[after]!.start, toks[after + p.len - 1]!.end, p.entity, p.ruleId === 'actors.person.title-name-v1' ? 'actors.name.exact-v1' : p.ruleId, p.confidence, date);
        return after + p.len - i;
      }
    }
  }
  if (k < toks.length && commaBetween(st.doc.text, toks[k - 1]!.end, toks[k]!.start)) {
    const nl2 = nameRun(toks, k);
    const p = nl2 > 0 ? resolveName(st, toks, k, nl2, date, country, roleKey) : null;
    if (p && p.entity.kind === 'person') {
      learnCountry(st, p.entity, country);
      st.add(start, end, p.entity, 'actors.person.apposition-v1', 0.8);
      st.add(toks[k]!.start, toks[k + p.len - 1]!.end, p.entity, p.ruleId === 'actors.person.title-name-v1' ? 'actors.name.exact-v1' : p.ruleId, p.confidence);
      return k + p.len - i;
    }
  }
  if (indefinite) {
    // "an Israeli head of state": someone holding such an office, not the holder of the day
    if (countryGiven && country) st.add(start, end, roleEntity(idx, roleKey, country, label), 'actors.role.unresolved-v1', 0.45);
    return countryGiven ? used : 0;
  }
  const title: TitleMention = { start, end, roleKey, label, date };
  if (countryGiven) addTitleHolder(st, title, country, 0.75);
  else deferTitleHolder(st, title);
  return used;
}

/** A title without a name, to be resolved to its holder (or office) in some country. */
interface TitleMention {
  start: number;
  end: number;
  roleKey: string;
  label: string;
  date: string | null;
}

/** The holder of the title in country `c` at the date (actors.role.dated-v1), else the office (actors.role.unresolved-v1). */
function addTitleHolder(st: DocState, m: TitleMention, c: string | null, conf: number): void {
  const holder = resolveRole(st.index, m.roleKey, c, m.date, m.label);
  if (holder) {
    const e = st.entity(holder.id);
    if (e) st.add(m.start, m.end, e, 'actors.role.dated-v1', conf);
    return;
  }
  if (c) st.add(m.start, m.end, roleEntity(st.index, m.roleKey, c, m.label), 'actors.role.unresolved-v1', conf - 0.2);
}

/** A title without a country takes the document's, known once the whole document is read. */
function deferTitleHolder(st: DocState, m: TitleMention): void {
  st.deferred.push(() => addTitleHolder(st, m, unqualifiedCountry(st, m.roleKey, m.label), 0.55));
}

/** Only a comma (and spaces) between two offsets. */
function commaBetween(text: string, a: number, b: number): boolean {
  return COMMA_GAP.test(text.slice(a, b));
}

/**
 * The country of a title written without one. In a cable, "the President", "the Vice President"
 * and "the Secretary of State" are the sending government's; other titles ("the Prime Minister",
 * "the Foreign Secretary") the host's. Elsewhere the document's main country.
 */
function unqualifiedCountry(st: DocState, roleKey: string, label: string): string | null {
  const w = label.toLowerCase();
  const own = /^(vice[- ])?president\b/.test(w) || /^((under|assistant|deputy)[- ])?secretary( of state)?$/.test(w) || roleKey === 'national-security-adviser';
  if (st.ctx.cable && st.ctx.sender && own) return st.ctx.sender;
  return st.contextCountry();
}

const ROYAL_TITLES = /^(?:king|queen|emperor|empress|sultan|tsar|czar|kaiser|shah|his majesty|her majesty|his britannic majesty|his royal highness)$/;

function isRoyalTitle(written: string): boolean {
  return ROYAL_TITLES.test(written.toLowerCase().replace(/^the\s+/, ''));
}

/** A monarch of that first name reigning at the date (of the country, when given). */
function monarchAt(st: DocState, first: string, country: string | null, date: string | null): Entity | null {
  let best: Entity | null = null;
  for (const id of st.index.monarchs) {
    const e = st.index.entities.get(id);
    if (!e || slug(e.name.split(/\s+/)[0] ?? '') !== first) continue;
    if (country && e.country !== country) continue;
    if (!e.roles?.some((r) => r.title === 'head-of-state' && validAt(r, date))) continue;
    if (best) return null; // two of that name reigning: do not guess
    best = e;
  }
  return best;
}

/** Resolve the name run after a title: known person, misspelt known person, person of the document, or a new person. */
function resolveName(
  st: DocState,
  toks: Token[],
  k: number,
  nl: number,
  date: string | null,
  country: string | null,
  role: string | null,
  written = '',
): { entity: Entity; len: number; ruleId: string; confidence: number } | null {
  const idx = st.index;
  const m = matchAt(idx, toks, k);
  // "King George the Third": a known person's name may run past the capitalised words
  const longer = m && m.len > nl && anyOfKind(idx, m.targets, 'person');
  if (m && (m.len <= nl || longer)) {
    const persons = byKind(idx, m.targets, 'person', true);
    const t = choose(st, persons.length ? persons : m.targets, date);
    const e = t ? idx.entities.get(t.entityId) : undefined;
    if (e && e.kind === 'person') return { entity: e, len: m.len, ruleId: 'actors.person.title-name-v1', confidence: 0.95 };
    // a country or body after a title is not a person's name; a place may be ("Ambassador Metz", "Mr. Salerno")
    if (e && e.kind !== 'place') return null;
  }
  const run = toks.slice(k, k + nl);
  const fz = fuzzyFind(st, run);
  if (fz) return { entity: fz.entity, len: nl, ruleId: 'actors.person.title-name-v1', confidence: Math.min(0.9, fz.sim) };
  // "King George", "the Emperor Francis": a regnal first name is a monarch reigning at the date, never a surname
  const royal = isRoyalTitle(written);
  if (nl === 1 && royal) {
    const mon = monarchAt(st, run[0]!.norm, country, date);
    return mon ? { entity: mon, len: 1, ruleId: 'actors.person.regnal-v1', confidence: 0.8 } : null;
  }
  if (nl === 1) {
    const id = st.surnames.get(slug(run[0]!.raw));
    const e = id ? st.entity(id) : undefined;
    if (e) return { entity: e, len: 1, ruleId: 'actors.person.title-name-v1', confidence: 0.85 };
    // "Chancellor Kohl": a known person of that surname, preferring one holding such an office at the date
    // (not in a sentence in capitals: "THE MINISTER SAID" names no one)
    const known = shouting(st) ? null : bySurnameAt(st, run[0]!.norm, role, country, date);
    if (known) return { entity: known, len: 1, ruleId: 'actors.person.title-name-v1', confidence: 0.8 };
  }
  const name = properName(run);
  const id = `person:${slug(name)}`;
  const prior = st.found.get(id) ?? idx.entities.get(id);
  if (!prior && shouting(st)) return null;
  if (prior) {
    // a person first met without a country learns it from a title ("Albanian Ambassador X")
    if (!prior.country && country && st.found.get(id) === prior && !idx.entities.has(id)) prior.country = country;
    return { entity: prior, len: nl, ruleId: 'actors.person.title-name-v1', confidence: 0.85 };
  }
  const e: Entity = {
    id,
    name,
    kind: 'person',
    country,
    aliases: [],
    ...(role && country ? { roles: [{ title: role, country, from: null, to: null }] } : {}),
  };
  // "Prime Minister Ecevit" with no country written: the country the document speaks of
  // (a cable's host, or its sending government for its own titles), unless learnt otherwise
  if (!country && role && role !== 'military' && role !== 'ambassador') {
    st.deferred.push(() => {
      if (e.country || st.unplaced.has(e.id)) return;
      const c = unqualifiedCountry(st, role, written);
      if (c) {
        e.country = c;
        e.roles = [{ title: role, country: c, from: null, to: null }];
      }
    });
  }
  return { entity: e, len: nl, ruleId: 'actors.person.title-name-v1', confidence: country ? 0.8 : 0.7 };
}

/**
 * "Ambassador Ivan Petrov of the Soviet Union", "Foreign Minister X of Y" (actors.person.title-name-v1):
 * a state named by "of" right after a person found in this document gives the person's country;
 * returns the tokens read past the name (0 when none). "of" + a capitalised word the index does not
 * know ("of Ruritania") is evidence of some other country: the person then takes no default country.
 */
function ofCountryAfter(st: DocState, toks: Token[], k: number, e: Entity, role: string | null, date: string | null): number {
  const of = toks[k];
  if (!of || of.norm !== 'of' || of.brk || st.index.entities.has(e.id) || (st.found.get(e.id) ?? e) !== e) return 0;
  let q = k + 1;
  if (toks[q]?.norm === 'the' && !toks[q]!.brk) q++;
  const nx = toks[q];
  if (!nx || nx.brk || !nx.cap) return 0;
  const post = countryPrefix(st, toks, q, date);
  if (!post || !post.country || post.country === 'IGO' || post.entity.kind !== 'state') {
    if (!post && !matchAt(st.index, toks, q) && roleAt(st.index, toks, q) === null) st.unplaced.add(e.id);
    return 0;
  }
  if (e.country && e.country !== post.country) return 0;
  e.country = post.country;
  if (role && !e.roles?.length) e.roles = [{ title: role, country: post.country, from: null, to: null }];
  return q + post.len - k;
}

/** A person of the document known by this surname: named in full before, or by title and surname alone ("Ambassador Malik"). */
function personBySurname(st: DocState, t: Token): string | undefined {
  const k = PLAIN_NORM.test(t.norm) ? t.norm : slug(t.raw);
  const id = st.surnames.get(k);
  if (id) return id;
  const e = st.found.get(`person:${k}`);
  return e && e.kind === 'person' ? e.id : undefined;
}

/** A discovered person without a country takes the one a title gives. */
function learnCountry(st: DocState, e: Entity, country: string | null): void {
  if (!e.country && country && st.found.get(e.id) === e && !st.index.entities.has(e.id)) e.country = country;
}

function bySurnameAt(st: DocState, surname: string, role: string | null, country: string | null, date: string | null): Entity | null {
  const ids = st.index.bySurname.get(surname);
  if (!ids?.length) return null;
  let best: Entity | null = null;
  let bestScore = -1;
  for (const id of ids) {
    const e = st.index.entities.get(id);
    if (!e) continue;
    let score = 0;
    if (country && e.country === country) score += 2;
    if (country && e.country && e.country !== country && !e.roles?.some((r) => r.country === country)) continue;
    for (const r of e.roles ?? []) {
      const fits = (!role || r.title === role) && validAt(r, date);
      score += fits ? 3 : validAt(r, date) ? 1 : 0;
    }
    if (score > bestScore) [best, bestScore] = [e, score];
    else if (score === bestScore) best = null; // two equally likely people: do not guess
  }
  return best && (ids.length === 1 || bestScore >= 3) ? best : null;
}

/** "DHIMITER STAMO" → "Dhimiter Stamo"; mixed-case names are kept as written. */
function properName(run: Token[]): string {
  return run
    .map((t) => (t.upper && t.raw.length > 3 ? t.raw[0] + t.raw.slice(1).toLowerCase() : t.raw))
    .join(' ');
}

/** A name of the index at i, with what follows it (collective nouns, factions, "-led"). */
/** Does the sentence name, outside [i, end), a place that is only a place (another US state)? */
function otherPlaceIn(st: DocState, toks: Token[], i: number, end: number): boolean {
  for (let q = 0; q < toks.length; q++) {
    if (q >= i && q < end) continue;
    if (!toks[q]!.cap) continue;
    const m = matchAt(st.index, toks, q);
    if (m && allOfKind(st.index, m.targets, 'place')) return true;
  }
  return false;
}

function tryMatch(st: DocState, toks: Token[], i: number, date: string | null): number {
  const idx = st.index;
  let m = matchAt(idx, toks, i);
  if (!m) return collectiveMayStart(idx, toks, i) ? tryOfCollective(st, toks, i, date) : 0;
  // "New Mexico", "New Jersey": a place named after another is not it
  if (i > 0 && toks[i - 1]!.norm === 'new' && toks[i - 1]!.cap && !toks[i]!.brk) return m.len;
  const all = m.targets;
  const end = i + m.len;
  // places inside a state ("Rhode Island", "Georgia" among US states) are not actors; a name both a
  // country and such a place is the place when the sentence names another place of that kind
  if (anyOfKind(idx, m.targets, 'place')) {
    const others = byKind(idx, m.targets, 'place', false);
    if (!others.length) {
      const held = heldPlace(idx, m.targets);
      if (held) return tryPlace(st, toks, i, m.len, held, date);
    }
    if (!others.length || otherPlaceIn(st, toks, i, end)) return m.len;
    m = { len: m.len, targets: others };
  }
  const t = choose(st, m.targets, date);
  if (!t) {
    const contextual = all.filter((x) => x.contextual);
    if (contextual.length) {
      deferContextual(st, contextual, toks[i]!.start, toks[end - 1]!.end);
      return m.len;
    }
    return 0;
  }
  const e = idx.entities.get(t.entityId)!;
  if (e.kind === 'state') return afterState(st, toks, i, m.len, t, e, date);
  if (e.kind === 'person') {
    const f = tryFaction(st, toks, i, end, e);
    if (f) return f;
    const start = extendBack(st, toks, i);
    st.add(toks[start]!.start, toks[end - 1]!.end, e, 'actors.name.exact-v1', t.confidence * 0.95, date);
    return m.len;
  }
  // "Warsaw Pact countries", "NATO allies": the members, a group of states
  if (e.country === 'IGO' && end < toks.length && !toks[end]!.brk) {
    const ml = memberNounAt(st, toks, end);
    if (ml) {
      const id = `group:${e.id.replace(/^[a-z]+:/, '')}-members`;
      const g = st.found.get(id) ?? { id, name: `${e.name} members`, kind: 'group' as const, country: null, aliases: [] };
      st.add(toks[i]!.start, toks[end + ml - 1]!.end, g, 'actors.collective.members-v1', 0.75);
      return m.len + ml;
    }
  }
  st.add(toks[i]!.start, toks[end - 1]!.end, e, 'actors.name.exact-v1', t.confidence * 0.95);
  return m.len;
}

/** The gazetteer place among the targets (data/actors/places.json), with the states that held it. */
function heldPlace(idx: ActorIndex, targets: NameTarget[]): { entity: Entity; held: PlaceHolding[] } | null {
  for (const t of targets) {
    const held = idx.info.get(t.entityId)?.held;
    if (held) return { entity: idx.entities.get(t.entityId)!, held };
  }
  return null;
}

/** Prepositions after which a place is the scene or the target of what is done ("landed at", "fired into", "withdrew from"). */
const PLACE_PREPS = new Set([
  'at', 'in', 'on', 'into', 'onto', 'near', 'off', 'over', 'to', 'toward', 'towards', 'against', 'from', 'across', 'around',
  'outside', 'inside', 'through', 'within', 'upon', 'beyond', 'behind', 'of',
]);
/** Nouns of force before "of" + place: the place is what the force is done to. */
const PLACE_FORCE_NOUNS = new Set([
  'invasion', 'occupation', 'bombing', 'bombardment', 'shelling', 'attack', 'attacks', 'capture', 'seizure', 'blockade', 'siege',
  'annexation', 'evacuation', 'liberation', 'fall', 'defence', 'defense', 'mining', 'assault', 'conquest', 'recapture', 'raid', 'raids',
]);
/** Verbs of force and movement whose object a place is, in forms that do not end in -ed. */
const PLACE_VERBS = new Set([
  'hit', 'struck', 'strike', 'strikes', 'took', 'take', 'takes', 'overran', 'overrun', 'seize', 'seizes', 'invade', 'invades',
  'bomb', 'bombs', 'attack', 'attacks', 'shell', 'shells', 'enter', 'enters', 'occupy', 'occupies', 'capture', 'captures',
  'raid', 'raids', 'blockade', 'blockades', 'mine', 'storm', 'storms', 'annex', 'annexes', 'retake', 'retook', 'liberate',
  'evacuate', 'reach', 'reaches', 'besiege', 'besieges', 'hold', 'holds', 'held', 'defend', 'defends', 'lost', 'lose',
  'leave', 'leaves', 'left', 'vacate', 'vacates', 'cross', 'crosses',
]);

/**
 * actors.place.held-v1: a well-known place that is not a capital ("landed at Inchon", "Israel
 * invaded the Sinai", "the incident at Port Said") stands for the state holding it at the date
 * (data/actors/places.json, dated where sovereignty changed): a mention of that state by this
 * rule. Only where the text makes the place the object of a preposition or of a
 * verb: never at the head of a clause, where it would be read as the actor of what is said or done;
 * never as part of a longer name ("Port Said Radio"); nothing when no state held it at the date.
 */
function tryPlace(st: DocState, toks: Token[], i: number, len: number, place: { held: PlaceHolding[] }, date: string | null): number {
  const end = i + len;
  const next = toks[end];
  if (next && !next.brk && !next.hyphen && next.cap) return len;
  if (next && next.hyphen) return len; // "Sinai-based", "Suez-Sinai": a modifier, not the place
  if (!objectPosition(st, toks, i, true)) return len;
  const h = placeHoldingAt(place.held, date);
  if (!h) return len;
  // an occupied place is the other side to its occupier: "Israel withdrew from the Sinai" (1982) is Egypt's
  // territory, "Egypt attacked Israeli positions in the Sinai" (1973) Israel's: the nearer of the two named before decides
  const state = st.stateEntity(h.sovereign && occupierNamedFirst(st, toks, i, h.country, h.sovereign) ? h.sovereign : h.country);
  if (state) st.add(toks[i]!.start, toks[end - 1]!.end, state, 'actors.place.held-v1', 0.6);
  return len;
}

/**
 * Of the occupier and the sovereign of a place, is the occupier the one the sentence names nearest
 * before token i? Demonyms before a noun ("Israeli positions") are left aside: they seldom act.
 */
function occupierNamedFirst(st: DocState, toks: Token[], i: number, occupier: string, sovereign: string): boolean {
  const from = toks[0]!.start;
  const to = toks[i]!.start;
  let best: ActorMention | null = null;
  for (let k = st.mentions.length - 1; k >= 0; k--) {
    const m = st.mentions[k]!;
    if (m.span.start < from) break;
    if (m.span.start >= to || m.ruleId === 'actors.state.demonym-v1') continue;
    if (m.entity.country !== occupier && m.entity.country !== sovereign) continue;
    if (!best || m.span.start > best.span.start) best = m;
  }
  return best !== null && best.entity.country === occupier;
}

/**
 * Does the name starting at token i stand where a place is the object of what is done: after a
 * preposition ("landed at", "withdrew from"), a verb ("invaded (the)", "shelled"), a noun of force
 * and "of" ("the bombing of"), or after "and"/"or" joining it to a state or place so placed
 * ("bombed Hanoi and Haiphong")?
 */
function objectPosition(st: DocState, toks: Token[], i: number, joined: boolean): boolean {
  let p = i - 1;
  if (p >= 0 && !toks[i]!.brk && toks[p]!.norm === 'the') p--;
  const before = p >= 0 ? toks[p]! : null;
  if (!before || toks[p + 1]!.brk || before.cap) return false;
  const w = before.norm;
  // "the invasion of the Sinai", not "the city of Herat" or "the people of Port Said" (who may act)
  if (w === 'of') return p > 0 && !before.brk && PLACE_FORCE_NOUNS.has(toks[p - 1]!.norm);
  if (PLACE_PREPS.has(w)) return true;
  if (w === 'and' || w === 'or') {
    if (!joined || p < 1 || before.brk) return false;
    const prevEnd = toks[p - 1]!.end;
    let last: ActorMention | undefined;
    for (let k = st.mentions.length - 1; k >= 0 && k >= st.mentions.length - 3; k--) {
      if (st.mentions[k]!.span.end === prevEnd) {
        last = st.mentions[k];
        break;
      }
    }
    if (!last || last.entity.kind !== 'state') return false;
    let q = p - 1;
    while (q > 0 && toks[q]!.start > last.span.start) q--;
    return toks[q]!.start === last.span.start && (last.ruleId === 'actors.place.held-v1' || objectPosition(st, toks, q, false));
  }
  return LETTERS.test(w) && (w.endsWith('ed') || PLACE_VERBS.has(w));
}

/** A generic name ("Socialist Party"): a body already named in full in the document, else one of the document's main country. */
function deferContextual(st: DocState, contextual: NameTarget[], start: number, stop: number): void {
  st.deferred.push(() => {
    const hit =
      contextual.find((c) => (st.counts.get(c.entityId) ?? 0) > 0) ??
      contextual.find((c) => st.index.entities.get(c.entityId)?.country === st.focus) ??
      contextual.find((c) => st.ctx.related.includes(st.index.entities.get(c.entityId)?.country ?? '') || st.index.entities.get(c.entityId)?.country === st.ctx.host);
    const e = hit ? st.index.entities.get(hit.entityId) : undefined;
    if (e) st.add(start, stop, e, 'actors.org.contextual-v1', 0.65);
  });
}

function memberNounAt(st: DocState, toks: Token[], j: number): number {
  const a = toks[j]!.norm;
  const b = j + 1 < toks.length && !toks[j + 1]!.brk ? `${a} ${toks[j + 1]!.norm}` : '';
  return (b && st.index.titles.memberNouns.get(b)) || st.index.titles.memberNouns.get(a) || 0;
}

/** "the peoples of Indochina": a group of a region, without a country. */
function regionGroup(st: DocState, toks: Token[], q: number): { len: number; entity: Entity } | null {
  let key = '';
  let best: { len: number; entity: Entity } | null = null;
  for (let k = 0; k < 3 && q + k < toks.length; k++) {
    if (k > 0 && toks[q + k]!.brk && !toks[q + k]!.hyphen) break;
    key = k === 0 ? toks[q]!.norm : `${key} ${toks[q + k]!.norm}`;
    const name = st.index.titles.regions.get(key);
    if (name && toks[q]!.cap) {
      const id = `group:${slug(name)}-peoples`;
      best = { len: k + 1, entity: st.found.get(id) ?? { id, name: `peoples of ${name}`, kind: 'group', country: null, aliases: [] } };
    }
  }
  return best;
}

/** Honorifics and titles right before a known person belong to the mention ("Prince Norodom Sihanouk"). */
function extendBack(st: DocState, toks: Token[], i: number): number {
  let s = i;
  while (s > 0 && !toks[s]!.brk) {
    const p = toks[s - 1]!;
    if (st.index.titles.honorifics.has(p.norm)) s--;
    else break;
  }
  return s;
}

/** Longest collective noun phrase at j. */
/** PETRARCH agent codes (after "~") that make a state with a country ("Albanian police"), or its people. */
const AGENT_STATE = /^~(GOV|MIL|JUD|LEG|SPY|COP|PTY|ELI)/;
const AGENT_PEOPLE = /^~(CVL|REF|LAB|AGR|EDU|HLH|MED|BUS|REL)/;

/** A PETRARCH agent phrase at j, when agent dictionaries were loaded. */
function agentAt(st: DocState, toks: Token[], j: number): { len: number; kind: EntityKind } | null {
  const agents = st.index.agents;
  if (!agents.size) return null;
  let key = '';
  let best: { len: number; kind: EntityKind } | null = null;
  for (let k = 0; k < 3 && j + k < toks.length; k++) {
    if (k > 0 && toks[j + k]!.brk) break;
    key = k === 0 ? toks[j]!.norm : `${key} ${toks[j + k]!.norm}`;
    const a = agents.get(key);
    if (!a) continue;
    if (AGENT_STATE.test(a.code)) best = { len: k + 1, kind: 'state' };
    else if (AGENT_PEOPLE.test(a.code)) best = { len: k + 1, kind: 'group' };
  }
  return best;
}

function collectiveAt(st: DocState, toks: Token[], j: number): { len: number; kind: EntityKind } | null {
  if (!(bitsAt(st.index, toks, j) & STARTS_COLLECTIVE) || !st.index.titles.collectiveFirst.has(toks[j]!.norm))
    return st.index.agents.size && !toks[j]!.cap ? agentAt(st, toks, j) : null;
  // the longest collective noun along the tree of their words; a hyphen joins, other punctuation ends
  let best: { len: number; kind: EntityKind } | null = null;
  let node = trees(st.index).collectives.get(toks[j]!.norm);
  for (let k = 0; node; ) {
    if (node.value) best = { len: k + 1, kind: node.value };
    k++;
    if (k >= st.index.titles.collectivesMaxLen || j + k >= toks.length || (toks[j + k]!.brk && !toks[j + k]!.hyphen)) break;
    node = node.next?.get(toks[j + k]!.norm);
  }
  return best;
}

function peopleGroup(st: DocState, state: Entity): Entity {
  const code = state.country ?? 'xxx';
  const id = `group:${code.toLowerCase()}-people`;
  const prior = st.found.get(id) ?? st.index.entities.get(id);
  if (prior) return prior;
  const info = st.index.info.get(state.id);
  const dem = info?.demonym ?? state.name;
  return { id, name: `${dem} people`, kind: 'group', country: state.country, aliases: [] };
}

function bodyOrg(st: DocState, state: Entity, noun: string): Entity {
  const code = state.country ?? 'xxx';
  const id = `org:${code.toLowerCase()}-${slug(noun)}`;
  const prior = st.found.get(id) ?? st.index.entities.get(id);
  if (prior) return prior;
  const dem = st.index.info.get(state.id)?.demonym ?? state.name;
  return { id, name: `${dem} ${noun}`, kind: 'organization', country: state.country, aliases: [] };
}

/** What a state's name, demonym or capital makes with the words after it. */
function afterState(st: DocState, toks: Token[], i: number, len: number, t: NameTarget, e: Entity, _date: string | null): number {
  let start = i;
  if (i > 0 && ARTICLES.has(toks[i - 1]!.norm) && !toks[i]!.brk) start = i - 1;
  let j = i + len;
  if (toks[j]?.norm === "'s") {
    // "Cambodia’s government" is the state; "Albania’s president ..." is handled as a title
    const c = j + 1 < toks.length && !toks[j + 1]!.brk ? collectiveAt(st, toks, j + 1) : null;
    if (c && c.kind === 'state') {
      st.add(toks[i]!.start, toks[j + c.len]!.end, e, 'actors.collective.state-v1', 0.85);
      return j + 1 + c.len - i;
    }
    st.add(toks[i]!.start, toks[j - 1]!.end, e, ruleOfTarget(t), t.confidence * 0.95);
    return len;
  }
  // "Italian-led force"
  if (j < toks.length && toks[j]!.hyphen && toks[j]!.norm === 'led') {
    const n = j + 1 < toks.length ? toks[j + 1]! : null;
    if (n && !n.brk && !n.cap) {
      const org = bodyOrg(st, e, `${toks[j]!.raw} ${n.raw}`);
      st.add(toks[start]!.start, n.end, org, 'actors.collective.org-v1', 0.7);
      return j + 2 - i;
    }
  }
  // demonym/country + [up to two adjectives] + collective noun
  for (let adj = 0; adj <= 2 && j + adj < toks.length; adj++) {
    const c = collectiveAt(st, toks, j + adj);
    if (c && !toks[j + adj]!.brk) {
      const stop = j + adj + c.len;
      const noun = toks
        .slice(j + adj, stop)
        .map((x) => x.raw)
        .join(' ');
      if (c.kind === 'state') st.add(toks[start]!.start, toks[stop - 1]!.end, e, 'actors.collective.state-v1', 0.85);
      else if (c.kind === 'group') st.add(toks[start]!.start, toks[stop - 1]!.end, peopleGroup(st, e), 'actors.collective.group-v1', 0.8);
      else st.add(toks[start]!.start, toks[stop - 1]!.end, bodyOrg(st, e, noun), 'actors.collective.org-v1', 0.7);
      return stop - i;
    }
    const a = toks[j + adj]!;
    if (a.cap || a.brk || DETERMINERS.has(a.norm) || a.norm === 'and' || a.norm === 'of' || a.norm === "'s") break;
  }
  const rule = t.rule;
  if (rule === 'demonym') {
    const used = demonymPerson(st, toks, i, start, j, e, _date);
    if (used) return used;
  }
  if (rule === 'capital') st.add(toks[i]!.start, toks[j - 1]!.end, e, 'actors.state.capital-v1', t.confidence);
  else if (rule === 'seat') st.add(toks[start]!.start, toks[j - 1]!.end, e, 'actors.state.seat-v1', t.confidence);
  else if (rule === 'people') {
    const info = st.index.info.get(e.id);
    if (info?.pluralIsPeople) st.add(toks[start]!.start, toks[j - 1]!.end, peopleGroup(st, e), 'actors.state.people-v1', 0.8);
    else st.add(toks[start]!.start, toks[j - 1]!.end, e, 'actors.state.people-v1', 0.75);
  } else if (rule === 'demonym') st.add(toks[i]!.start, toks[j - 1]!.end, e, 'actors.state.demonym-v1', 0.6);
  else st.add(toks[i]!.start, toks[j - 1]!.end, e, 'actors.name.exact-v1', t.confidence * 0.95);
  return len;
}

const NOUN_STOP = new Set(['and', 'or', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'that', 'which', 'who', 'was', 'were', 'is', 'are', 'had', 'has', 'have', 'said', 'and', 'but', 'as']);

/**
 * "the American contractor Alan Gross", "the British author Salman Rushdie", "the British-Iranian
 * national X", "the Soviet representative at the United Nations, Yakov Malik": a demonym, one or
 * two common nouns (and a place or body after "at/to/in"), then a person's name → that person,
 * of the demonym's country (actors.person.demonym-noun-v1).
 */
function demonymPerson(st: DocState, toks: Token[], i: number, start: number, j: number, state: Entity, date: string | null): number {
  let k = j;
  // a second demonym joined by a hyphen ("British-Iranian") qualifies, the first names the country
  while (k < toks.length && toks[k]!.hyphen && toks[k]!.cap) k++;
  let nouns = 0;
  while (k < toks.length && nouns < 2 && !toks[k]!.brk && !toks[k]!.cap && COMMON_NOUN.test(toks[k]!.norm) && !NOUN_STOP.has(toks[k]!.norm) && !DETERMINERS.has(toks[k]!.norm)) {
    k++;
    nouns++;
  }
  if (!nouns || k >= toks.length) return 0;
  // "at the United Nations,"
  if (POST_PREPS.has(toks[k]!.norm) && !toks[k]!.brk) {
    let q = k + 1;
    if (toks[q]?.norm === 'the') q++;
    const m = q < toks.length ? matchAt(st.index, toks, q) : null;
    if (!m || !toks[q + m.len]?.brk) return 0;
    k = q + m.len;
  }
  const nt = toks[k]!;
  const gap = st.doc.text.slice(toks[k - 1]!.end, nt.start);
  if (!nt.cap || !(SPACE_GAP.test(gap) || COMMA_GAP.test(gap))) return 0;
  const nl = nameRun(toks, k);
  if (nl < 1) return 0;
  const known = matchAt(st.index, toks, k);
  const knownPerson = known && anyOfKind(st.index, known.targets, 'person');
  if (nl < 2 && !knownPerson) return 0;
  const p = resolveName(st, toks, k, nl, date, state.country, null);
  if (!p || p.entity.kind !== 'person') return 0;
  learnCountry(st, p.entity, state.country);
  st.add(toks[start]!.start, toks[k + p.len - 1]!.end, p.entity, 'actors.person.demonym-noun-v1', Math.min(0.8, p.confidence), date);
  return k + p.len - i;
}

function ruleOfTarget(t: NameTarget): string {
  return t.rule === 'capital' ? 'actors.state.capital-v1' : t.rule === 'seat' ? 'actors.state.seat-v1' : t.rule === 'demonym' ? 'actors.state.demonym-v1' : 'actors.name.exact-v1';
}

/**
 * Can tryOfCollective find anything at i? It needs a collective or faction noun in the first
 * three words after an article (two adjectives may stand before it), or at i; any lower-case
 * word may begin a PETRARCH agent phrase when agent dictionaries are loaded.
 */
function collectiveMayStart(index: ActorIndex, toks: Token[], i: number): boolean {
  if (index.agents.size) return true;
  const words = sentenceWords(index, toks);
  const bits = words[i]?.bits ?? 0;
  if (bits & STARTS_COLLECTIVE) return true;
  if (!(bits & ARTICLE)) return false;
  const to = Math.min(toks.length - 1, i + 3);
  for (let x = i + 1; x <= to; x++) if ((words[x]?.bits ?? 0) & STARTS_COLLECTIVE) return true;
  return false;
}

/** "the people of Cambodia", "the government of Albania", "the people and patriots of Cambodia". */
function tryOfCollective(st: DocState, toks: Token[], i: number, date: string | null): number {
  let j = i;
  if (ARTICLES.has(toks[j]!.norm)) j++;
  if (j >= toks.length) return 0;
  // up to two adjectives before the noun ("the puppet regime of", "the barbarous government of")
  const titles = st.index.titles;
  const w = toks[j]!.norm;
  if (!titles.collectiveFirst.has(w) && !(titles.factionNouns.has(w) && toks[j + 1]?.norm === 'of') && !(j > i && LOWER_WORD.test(w))) return 0;
  // every form ends in "of" within a few words
  let hasOf = false;
  for (let q = j + 1; q < toks.length && q <= j + 5; q++) if (toks[q]!.norm === 'of') hasOf = true;
  if (!hasOf) return 0;
  let marked = false;
  let c: { len: number; kind: EntityKind } | null = null;
  // adjectives only after a determiner: "the puppet regime of", not "met officials of"
  for (let adj = 0; j + 1 < toks.length; adj++) {
    if (titles.factionNouns.has(toks[j]!.norm) && toks[j + 1]!.norm === 'of') {
      marked = true;
      c = { len: 1, kind: 'group' };
    } else c = collectiveAt(st, toks, j);
    if (c || j === i || adj >= 2) break;
    const a = toks[j]!;
    if (a.cap || a.brk || DETERMINERS.has(a.norm) || !LOWER_WORD.test(a.norm)) return 0;
    if (titles.factionNouns.has(a.norm)) marked = true;
    j++;
  }
  if (!c) return 0;
  let k = j + c.len;
  // "the people and patriots of"
  if (toks[k]?.norm === 'and' && toks[k + 1] && collectiveAt(st, toks, k + 1)) k += 1 + collectiveAt(st, toks, k + 1)!.len;
  if (toks[k]?.norm !== 'of' || toks[k]!.brk) return 0;
  let q = k + 1;
  if (toks[q]?.norm === 'the') q++;
  if (q >= toks.length) return 0;
  const m = matchAt(st.index, toks, q);
  if (!m) {
    const rg = c.kind === 'group' ? regionGroup(st, toks, q) : null;
    if (!rg) return 0;
    st.add(toks[i]!.start, toks[q + rg.len - 1]!.end, rg.entity, 'actors.collective.group-v1', 0.6);
    return q + rg.len - i;
  }
  const t = choose(st, m.targets, date);
  const e = t ? st.index.entities.get(t.entityId) : undefined;
  if (!e) return 0;
  const end = toks[q + m.len - 1]!.end;
  if (e.kind === 'person') {
    // "the clique of Pol Pot", "the puppet regime of Lon Nol"
    const noun = toks.slice(j, j + c.len).map((x) => x.norm).join(' ');
    if (marked || st.index.titles.factionNouns.has(noun) || noun === 'regime' || noun === 'government') {
      let stop = q + m.len;
      // "the clique of Pol Pot and Ieng Sary"
      if (toks[stop]?.norm === 'and' && toks[stop + 1]?.cap) {
        const m2 = matchAt(st.index, toks, stop + 1);
        if (m2) stop = stop + 1 + m2.len;
      }
      const body = factionOf(st, e, marked || st.index.titles.factionNouns.has(noun));
      st.add(toks[i]!.start, toks[stop - 1]!.end, body, 'actors.faction.leader-v1', 0.7);
      return stop - i;
    }
    return 0;
  }
  if (e.kind !== 'state') return 0;
  c = c!;
  if (c.kind === 'state') st.add(toks[i]!.start, end, e, 'actors.collective.state-v1', 0.85);
  else if (c.kind === 'group') st.add(toks[i]!.start, end, peopleGroup(st, e), 'actors.collective.group-v1', 0.8);
  else return 0;
  return q + m.len - i;
}

/** The body a person led: the index's (Pol Pot → Khmer Rouge), else the person's state (regime) or a faction named after them. */
function factionOf(st: DocState, person: Entity, faction: boolean): Entity {
  const led = st.index.ledBy.get(person.id);
  const body = led ? st.index.entities.get(led) : undefined;
  if (body) return body;
  if (!faction) {
    const s = st.stateEntity(person.country);
    if (s) return s;
  }
  const id = `group:${slug(person.name)}-faction`;
  return st.found.get(id) ?? { id, name: `${person.name} clique`, kind: 'group', country: person.country, aliases: [] };
}

/** "the Pol Pot clique", "the Lon Nol-Sirik Matak clique", "the Berisha regime", "the Trump administration". */
function tryFaction(st: DocState, toks: Token[], i: number, end: number, person: Entity): number {
  let j = end;
  // "Lon Nol-Sirik Matak": another name joined by a hyphen or "and"
  if (j < toks.length && toks[j]!.hyphen && toks[j]!.cap) {
    while (j < toks.length && toks[j]!.cap && !toks[j]!.brk) j++;
  }
  if (j >= toks.length) return 0;
  const one = toks[j]!.norm;
  const two = j + 1 < toks.length ? one + ' ' + toks[j + 1]!.norm : '';
  const titles = st.index.titles;
  let len = 0;
  let faction = false;
  if (two && titles.factionNouns.has(two)) [len, faction] = [2, true];
  else if (titles.factionNouns.has(one)) [len, faction] = [1, true];
  else if (one === 'regime' || one === 'government' || one === 'administration' || one === 'regimes') len = 1;
  if (!len || toks[j]!.brk) return 0;
  let start = i;
  while (start > 0 && !toks[start]!.brk && start > i - 3) {
    const p = toks[start - 1]!;
    if (FACTION_DETERMINERS.has(p.norm)) {
      start--;
      break;
    }
    if (!p.cap && LETTERS.test(p.norm) && !DETERMINERS.has(p.norm) && !FACTION_STOP.has(p.norm)) start--;
    else break;
  }
  const body = factionOf(st, person, faction);
  st.add(toks[start]!.start, toks[j + len - 1]!.end, body, 'actors.faction.leader-v1', 0.7);
  return j + len - i;
}

// ---------------------------------------------------------------- unknown names

function fuzzyFind(st: DocState, run: Token[]): { entity: Entity; sim: number } | null {
  if (run.length < 2) return null;
  const idx = st.index;
  // only capitalised words never written in lower case in the document (not "Island", "Council")
  let keyLength = run.length - 1;
  for (let q = 0; q < run.length; q++) {
    const t = run[q]!;
    keyLength += t.norm.length;
    if (t.norm.length >= 3 && (!t.cap || st.lower.has(t.norm))) return null;
  }
  if (keyLength < 6) return null;
  const byFirst = idx.fuzzyByFirst.get(run[0]!.norm);
  const byLast = idx.fuzzyByLast.get(run[run.length - 1]!.norm);
  if (!byFirst && !byLast) return null;
  const key = run.map((t) => t.norm).join(' ');
  const cands = [...(byFirst ?? []), ...(byLast ?? [])];
  let best: { entity: Entity; sim: number } | null = null;
  for (const c of cands) {
    if (Math.abs(c.key.length - key.length) > 2) continue;
    const d = distance(c.key, key);
    const e0 = idx.entities.get(c.entityId);
    // place names differ by one letter at most ("Phnom Pen"); "North X" is not "South X"
    if (d === 0 || d > (e0?.kind === 'state' ? 1 : 2)) continue;
    // two edits only in a long name (twelve letters or more)
    if (d === 2 && Math.min(c.key.length, key.length) < 12) continue;
    if (e0?.kind === 'place') continue;
    const sim = 1 - d / Math.max(c.key.length, key.length);
    if (sim < 0.82) continue;
    const e = idx.entities.get(c.entityId);
    if (e && (!best || sim > best.sim)) best = { entity: e, sim };
  }
  return best;
}

/** A capitalised run not in the index: misspelt known name, organisation pattern or unknown person. */
function tryUnknown(st: DocState, toks: Token[], i: number): number {
  const t = toks[i]!;
  if (!t.cap || NOT_NAME_WORDS.has(t.norm)) return 0;
  // all-capital headings are not names unless short
  // misspelt known names first, over the whole capitalised run ("Sale Berisha": "Berisha" alone is known);
  // the run is toks[i, i + rawLen)
  let rawLen = 0;
  for (let q = i; q < toks.length && rawLen < 4; q++) {
    const x = toks[q]!;
    if (q > i && x.brk) break;
    if (x.cap || (q > i && NAME_PARTICLES.has(x.norm) && toks[q + 1]?.cap)) rawLen++;
    else break;
  }
  for (let L = rawLen; L >= 2; L--) {
    if (!toks[i + L - 1]!.cap) continue;
    const exact = matchAt(st.index, toks, i);
    if (exact && exact.len >= L) break;
    const fz = fuzzyFind(st, toks.slice(i, i + L));
    if (fz) {
      st.add(toks[i]!.start, toks[i + L - 1]!.end, fz.entity, 'actors.name.fuzzy-v1', Math.min(0.85, fz.sim));
      return L;
    }
  }
  let n = 0;
  let k = i;
  while (k < toks.length && n < 6) {
    const x = toks[k]!;
    if (k > i && x.brk) break;
    if (x.cap) {
      // a known name inside the run ends it
      if (k > i && matchAt(st.index, toks, k)) break;
      k++;
      n++;
      continue;
    }
    if (k > i && NAME_PARTICLES.has(x.norm) && toks[k + 1]?.cap && !toks[k + 1]!.brk) {
      k++;
      n++;
      continue;
    }
    break;
  }
  if (n === 0) return 0;
  // one word alone is neither an organisation's nor a person's name
  if (n < 2 || shouting(st)) return n;
  const run = toks.slice(i, i + n);
  // organisation pattern: "... Committee(s)", "... International"
  const heads = st.index.titles.orgHeads;
  const last = run[n - 1]!;
  if (n >= 2 && heads.has(last.norm) && !run.slice(0, -1).some((x) => NOT_NAME_WORDS.has(x.norm) && !NAME_PARTICLES.has(x.norm))) {
    const name = run.map((x) => x.raw).join(' ');
    // "Allied Control Council", "Inter-Allied Commission", "Joint Commission": a body of several states
    const transnational = st.index.titles.transnationalHeads.has(last.norm) || MULTINATIONAL_FIRST.has(run[0]!.norm);
    const id = `org:${slug(name)}`;
    const start = run[0]!.start;
    const end = last.end;
    const kind: EntityKind = last.norm.endsWith('s') && last.norm !== 'international' ? 'group' : 'organization';
    if (transnational) {
      const multi = MULTINATIONAL_FIRST.has(run[0]!.norm) ? 'IGO' : null;
      st.add(start, end, st.found.get(id) ?? { id, name, kind: 'organization', country: multi, aliases: [] }, 'actors.org.pattern-v1', 0.6);
    } else deferOrgPattern(st, { id, name, kind, country: null, aliases: [] }, start, end);
    return n;
  }
  // unknown person: two or three capitalised words, not after "the", not all caps in a heading
  if (n >= 2 && n <= 3 && !run.some((x) => NOT_NAME_WORDS.has(x.norm) && !NAME_PARTICLES.has(x.norm))) {
    const prev = i > 0 ? toks[i - 1]! : null;
    if (prev && (prev.norm === 'the' || prev.norm === 'a' || prev.norm === 'an') && !prev.brk) return n;
    if (run.every((x) => x.upper) && run.length > 2) return n;
    // one letter only as a middle initial ("Lucius D. Clay")
    if (run[0]!.raw.length < 2 || run[n - 1]!.raw.length < 2) return n;
    if (PLACE_HEADS.has(run[n - 1]!.norm) || PLACE_FIRST.has(run[0]!.norm)) return n;
    for (let q = 0; q < n; q++) if (st.lower.has(run[q]!.norm)) return n;
    const next = toks[i + n];
    if (next && !next.brk && next.cap) return n;
    const name = properName(run);
    const id = `person:${slug(name)}`;
    const e = st.found.get(id) ?? st.index.entities.get(id) ?? { id, name, kind: 'person' as const, country: null, aliases: [] };
    st.add(run[0]!.start, run[n - 1]!.end, e, 'actors.person.pattern-v1', 0.5);
    return n;
  }
  return n;
}

/** A body found by its name's pattern, of the document's main country (known once the whole document is read) unless found before. */
function deferOrgPattern(st: DocState, body: Entity, start: number, end: number): void {
  st.deferred.push(() => {
    const e = st.found.get(body.id) ?? { ...body, country: st.focus, aliases: [] };
    st.add(start, end, e, 'actors.org.pattern-v1', 0.5);
  });
}

const MULTINATIONAL_FIRST = new Set(['allied', 'inter', 'international', 'joint', 'mixed', 'multinational', 'quadripartite', 'tripartite', 'four']);

/** Single capitalised words that are the surname of a person named in full elsewhere in the document. */
function surnamePass(st: DocState, toks: Token[], spans: { start: number; end: number }[]): void {
  if (!st.surnames.size) return;
  const covered = (t: Token) => {
    // the spans starting at or before the token, nearest first (mentions are short)
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]!.start <= t.start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0 && k >= lo - 8; k--) if (t.end <= spans[k]!.end) return true;
    return false;
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!t.cap || t.raw.length < 4) continue;
    const id = st.surnames.get(PLAIN_NORM.test(t.norm) ? t.norm : slug(t.raw));
    if (!id || covered(t)) continue;
    // "King George", "George III", "George the Third": a regnal name, not the surname of "Lloyd George"
    const before = i > 0 ? toks[i - 1]!.norm : '';
    const after = toks[i + 1];
    if (REGNAL_BEFORE.test(before)) continue;
    if (after && !after.brk && (ROMAN_NUMERAL.test(after.raw) || (after.norm === 'the' && toks[i + 2]?.cap))) continue;
    const e = st.entity(id);
    if (!e) continue;
    const f = tryFaction(st, toks, i, i + 1, e);
    if (f) continue;
    st.add(t.start, t.end, e, 'actors.person.surname-v1', 0.7);
  }
}

export type { EntityRef };
