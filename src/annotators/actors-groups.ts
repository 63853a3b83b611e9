/**
 * Actors named without a proper name, found after findActors() and added to
 * its mentions (data in data/actors/groups.json, see src/dictionaries/groups.ts).
 *
 * Rules (each mention carries its rule id and a confidence):
 * - actors.group.named-v1        a demonym + a noun naming a part of a people ("Cuban exiles",
 *                                "Iranian protesters") → a group of that country known by the noun,
 *                                not the whole people (the noun stays in the group's name)
 * - actors.group.bare-v1         the same nouns without a country ("protesters stormed the embassy
 *                                in Tehran", "the population took to the streets") → a group whose
 *                                country is the place named after in/at/on in the same sentence,
 *                                else the document's main country; never when no country is known
 * - actors.group.unplaced-v1     "four pilots employed by a UK company", "students ... protesting": nouns for
 *                                people acting on their own account, without a demonym → a group of no country
 * - actors.legislature.dated-v1  "Congress", "the Senate", "the Knesset", "Parliament" without a
 *                                country → the legislature of that name valid at the date whose state
 *                                the document names most, and not only in passing ("Parliament": the most
 *                                named state whose legislature is called so); never after "of" ("member of
 *                                Parliament"); a generic name already read as a legislature is re-dated
 *                                ("Congress" in 1786 is the Congress of the Confederation)
 * - actors.state.island-v1       "the island" → the latest island state named in the last sentences
 * - actors.state.combining-v1    "Sino-" in "Sino-Albanian", "Anglo-" in "Anglo-French" → that state
 * - actors.state.flagged-v1      "the British-flagged Stena Impero" → the flag state
 * - actors.coref.population-v1   "the population", "the masses" linked by coreference to a body of a country
 *                                (a committee, a movement) → the people of that country
 * - actors.coref.majesty-v1      "His Majesty", "Her Majesty" → the sovereign or state named "His Britannic
 *                                Majesty", "His Catholic Majesty" earlier in the document
 * - actors.coref.city-v1         "the city" → the state of the latest capital named in this or the previous paragraph
 * - actors.org.demonym-v1        a demonym before a body found by its name pattern ("the Yugoslav Federal
 *                                Secretariat") → that body, of the demonym's country
 * - actors.group.envoys-v1       "the Western ambassadors", "the Allied envoys" → the group of states the
 *                                document names with the same word ("the Western powers"), else a group
 *                                of that name without a country
 * - actors.state.verb-split-v1   a state name and a force noun read as one phrase across a verb ("Israel sent
 *                                troops", "Cuba shot down aircraft") → the state name alone, so the verb
 *                                stays free for the event coder
 * - actors.coref.regime-v1       "the regime", "that regime" after a regime named by its leader ("the fallen Pol Pot
 *                                regime", "the Lon Nol clique") in this or the previous paragraph → that regime
 * - actors.coref.country-v1      "the country", "the state" linked by coreference to a state named as
 *                                often in the paragraph as another: of the states named most there,
 *                                the one the document is about, else the nearest
 *
 * Pure: no I/O; the table is passed in.
 */
import type { ActorMention, Document, Entity, EntityRef, Sentence } from '../core/types.js';
import { refOf, validAt, type ActorIndex } from '../dictionaries/actors.js';
import { slug, tokenize, tokenizeRange, type Token } from '../dictionaries/actors-text.js';
import { takeSentenceTokens } from './actors.js';
import type { GroupTable, LegislatureRecord } from '../dictionaries/groups.js';

export interface GroupActorInput {
  mentions: ActorMention[];
  entities: Entity[];
}

const LOCATIVE = new Set(['in', 'at', 'on', 'near', 'outside', 'inside']);
/** Words that end the clause a bare group stands in. */
const CLAUSE_END = new Set(['but', 'while', 'whereas', 'although', 'after', 'before', 'when', 'because']);
const YEAR = /\b(1[5-9]\d\d|20\d\d)\b/g;

interface Ctx {
  doc: Document;
  index: ActorIndex;
  table: GroupTable;
  mentions: ActorMention[];
  added: ActorMention[];
  /** Mentions to drop because a longer added mention holds them. */
  dropped: Set<ActorMention>;
  entities: Map<string, Entity>;
  focus: string | null;
  /** Mentions per country in the document. */
  byCountry: Map<string, number>;
}

/** The state most named in the document (states count double), like findActors' focus. */
function focusOf(ms: ActorMention[]): { focus: string | null; byCountry: Map<string, number> } {
  const by = new Map<string, number>();
  for (const m of ms) {
    const c = m.entity.country;
    if (!c || c === 'IGO') continue;
    by.set(c, (by.get(c) ?? 0) + (m.entity.kind === 'state' ? 2 : 1));
  }
  let focus: string | null = null;
  let n = 0;
  for (const [c, k] of by) if (k > n) [focus, n] = [c, k];
  return { focus, byCountry: by };
}

function covered(ms: ActorMention[], start: number, end: number): ActorMention | undefined {
  return ms.find((m) => m.span.start < end && start < m.span.end);
}

function demonymOf(ctx: Ctx, country: string): string {
  const sid = ctx.index.stateOf.get(country) ?? `state:${country}`;
  return ctx.index.info.get(sid)?.demonym ?? ctx.index.entities.get(sid)?.name ?? country;
}

function stateRef(ctx: Ctx, country: string): Entity | null {
  const sid = ctx.index.stateOf.get(country) ?? `state:${country}`;
  return ctx.index.entities.get(sid) ?? null;
}

/** A group of a country known by a noun ("Cuban exiles"); the people itself for "population", "masses". */
function groupEntity(ctx: Ctx, country: string, noun: string): Entity {
  const people = noun === 'population' || noun === 'masses';
  const id = people ? `group:${country.toLowerCase()}-people` : `group:${country.toLowerCase()}-${slug(noun)}`;
  const prior = ctx.entities.get(id) ?? ctx.index.entities.get(id);
  if (prior) return prior;
  const name = `${demonymOf(ctx, country)} ${people ? 'people' : noun}`;
  return { id, name, kind: 'group', country, aliases: [] };
}

function add(ctx: Ctx, start: number, end: number, e: Entity, ruleId: string, confidence: number): ActorMention {
  const m: ActorMention = { span: { start, end }, text: ctx.doc.text.slice(start, end), entity: refOf(e), ruleId, confidence };
  ctx.added.push(m);
  remember(ctx, e, m.text);
  return m;
}

/** The entity among the document's, with the alias seen. */
function remember(ctx: Ctx, e: Entity, alias: string): void {
  if (!ctx.entities.has(e.id)) ctx.entities.set(e.id, { ...e, aliases: [] });
  const ent = ctx.entities.get(e.id)!;
  if (!ent.aliases.includes(alias)) ent.aliases.push(alias);
}

/** Words of `phrase` at toks[i..] (no break inside except a hyphen). */
function phraseAt(toks: Token[], i: number, phrase: string[]): boolean {
  if (i + phrase.length > toks.length) return false;
  for (let k = 0; k < phrase.length; k++) {
    const t = toks[i + k]!;
    if (t.norm !== phrase[k]) return false;
    if (k > 0 && t.brk && !t.hyphen) return false;
  }
  return true;
}

/** A year written in the sentence, else the latest one written before `pos` in the document, else its publication date. */
function dateAt(ctx: Ctx, pos: number, toks?: Token[]): string | null {
  for (const t of toks ?? []) if (/^(1[5-9]\d\d|20\d\d)$/.test(t.norm)) return t.norm;
  const before = ctx.doc.text.slice(Math.max(0, pos - 3000), pos);
  let last: string | null = null;
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(before); m; m = YEAR.exec(before)) last = m[1]!;
  return last ?? ctx.doc.published;
}

// ------------------------------------------------------------------ named groups

/** "Cuban exiles" found by findActors as the Cuban people: the group known by its noun. */
function renameGroups(ctx: Ctx): void {
  for (const m of ctx.mentions) {
    if (m.ruleId !== 'actors.collective.group-v1' || !m.entity.country) continue;
    const toks = tokenize(m.text, m.span.start);
    for (const phrase of ctx.table.named) {
      const at = toks.length - phrase.length;
      if (at < 1 || !phraseAt(toks, at, phrase)) continue;
      const noun = toks
        .slice(at)
        .map((t) => t.raw)
        .join(' ')
        .toLowerCase();
      const g = groupEntity(ctx, m.entity.country, noun);
      m.entity = refOf(g);
      m.ruleId = 'actors.group.named-v1';
      remember(ctx, g, m.text);
      break;
    }
  }
}

// ------------------------------------------------------------------ bare groups

/** The country of a place named after in/at/on later in the clause, else null. */
function placeAfter(ctx: Ctx, toks: Token[], from: number, sentMentions: ActorMention[]): string | null {
  for (let k = from; k < toks.length; k++) {
    const t = toks[k]!;
    if (CLAUSE_END.has(t.norm) || t.raw === ';') return null;
    if (!LOCATIVE.has(t.norm)) continue;
    let q = k + 1;
    if (toks[q]?.norm === 'the') q++;
    const nt = toks[q];
    if (!nt) return null;
    const m = sentMentions.find((x) => x.span.start <= nt.start && nt.start < x.span.end);
    if (m && m.entity.country && m.entity.country !== 'IGO' && (m.entity.kind === 'state' || m.entity.kind === 'place')) return m.entity.country;
  }
  return null;
}

/** The country of the latest group named with this noun and a demonym before `pos` ("Cuban exiles"). */
function namedBefore(ctx: Ctx, noun: string, pos: number): string | null {
  const suffix = `-${slug(noun)}`;
  let country: string | null = null;
  for (const m of ctx.mentions) {
    if (m.span.start >= pos) break;
    if (m.ruleId === 'actors.group.named-v1' && m.entity.id.endsWith(suffix)) country = m.entity.country;
  }
  return country;
}

/** Phrases by their first word, in the table's order (a phrase is tried only at its first word). */
interface PhrasesByFirst {
  bare: Map<string, string[][]>;
  unplaced: Map<string, string[][]>;
}

const phrasesByFirstOf = new WeakMap<GroupTable, PhrasesByFirst>();

function byFirst(phrases: string[][]): Map<string, string[][]> {
  const m = new Map<string, string[][]>();
  for (const ph of phrases) {
    const l = m.get(ph[0]!);
    if (l) l.push(ph);
    else m.set(ph[0]!, [ph]);
  }
  return m;
}

function phrasesByFirst(table: GroupTable): PhrasesByFirst {
  let p = phrasesByFirstOf.get(table);
  if (!p) phrasesByFirstOf.set(table, (p = { bare: byFirst(table.bare), unplaced: byFirst(table.unplaced) }));
  return p;
}

/** "four pilots employed by a UK company", "students ... protesting": a group known by its noun, of no country. */
function unplacedGroups(ctx: Ctx, toks: Token[]): void {
  const unplaced = phrasesByFirst(ctx.table).unplaced;
  for (let i = 0; i < toks.length; i++) {
    for (const phrase of unplaced.get(toks[i]!.norm) ?? NO_PHRASES) {
      if (!phraseAt(toks, i, phrase)) continue;
      const first = toks[i]!;
      const last = toks[i + phrase.length - 1]!;
      if (toks.slice(i, i + phrase.length).some((t, k) => t.cap && !(k === 0 && (i === 0 || t.brk)))) continue;
      const prev = toks[i - 1];
      if (prev && !first.brk && ((prev.cap && i > 1) || prev.norm === "'s" || covered(ctx.mentions, prev.start, prev.end))) continue;
      if (covered(ctx.mentions, first.start, last.end) || covered(ctx.added, first.start, last.end)) continue;
      const noun = phrase.join(' ');
      const id = `group:${slug(noun)}`;
      const e: Entity = ctx.entities.get(id) ?? { id, name: noun, kind: 'group', country: null, aliases: [] };
      add(ctx, first.start, last.end, e, 'actors.group.unplaced-v1', 0.45);
      i += phrase.length - 1;
      break;
    }
  }
}

const NO_PHRASES: string[][] = [];

function bareGroups(ctx: Ctx, toks: Token[], sentMentions: ActorMention[]): void {
  const bare = phrasesByFirst(ctx.table).bare;
  for (let i = 0; i < toks.length; i++) {
    for (const phrase of bare.get(toks[i]!.norm) ?? NO_PHRASES) {
      if (!phraseAt(toks, i, phrase)) continue;
      const first = toks[i]!;
      const last = toks[i + phrase.length - 1]!;
      // written as a common noun: lower case, or capitalised only at the start of the sentence
      if (toks.slice(i, i + phrase.length).some((t, k) => t.cap && !(k === 0 && (i === 0 || t.brk)))) continue;
      // a word right before that qualifies it ("Cuban exiles", "the Salvation Committees' gunmen") is another rule's
      const prev = toks[i - 1];
      if (prev && !first.brk && ((prev.cap && i > 1) || prev.norm === "'s" || covered(ctx.mentions, prev.start, prev.end))) continue;
      if (covered(ctx.mentions, first.start, last.end) || covered(ctx.added, first.start, last.end)) continue;
      // "protesters of X", "exiles from X": the country named right after
      let country: string | null = null;
      const nx = toks[i + phrase.length];
      if (nx && !nx.brk && (nx.norm === 'of' || nx.norm === 'from')) {
        const q = toks[i + phrase.length + 1]?.norm === 'the' ? i + phrase.length + 2 : i + phrase.length + 1;
        const nt = toks[q];
        const m = nt && sentMentions.find((x) => x.span.start <= nt.start && nt.start < x.span.end);
        if (m && m.entity.country && m.entity.country !== 'IGO') country = m.entity.country;
      }
      const noun = phrase[phrase.length - 1]!;
      // "the exiles" after "Cuban exiles": the group already named with its country
      country ??= placeAfter(ctx, toks, i + phrase.length, sentMentions) ?? namedBefore(ctx, noun, first.start) ?? ctx.focus;
      if (!country || !stateRef(ctx, country)) break;
      add(ctx, first.start, last.end, groupEntity(ctx, country, noun), 'actors.group.bare-v1', 0.5);
      i += phrase.length - 1;
      break;
    }
  }
}

// ------------------------------------------------------------------ legislatures

function chooseLegislature(ctx: Ctx, cands: LegislatureRecord[], date: string | null): LegislatureRecord | null {
  const valid = cands.filter((c) => validAt(c, date));
  let best: LegislatureRecord | null = null;
  let n = 0;
  for (const c of valid) {
    if (!c.country) {
      // the most named state whose legislature goes by this name
      const not = new Set(c.notCountries ?? []);
      let country: string | null = null;
      let k = 0;
      for (const [cc, n] of ctx.byCountry) if (n > k && !not.has(cc) && cc !== 'IGO' && stateRef(ctx, cc)) [country, k] = [cc, n];
      return country ? { ...c, country } : null;
    }
    const k = ctx.byCountry.get(c.country) ?? 0;
    if (k > n) [best, n] = [c, k];
  }
  // a state the document only mentions in passing does not lend its legislature to a bare name
  // ("Congress" in a history of India is the party, whoever else is named)
  const top = ctx.focus ? (ctx.byCountry.get(ctx.focus) ?? 0) : 0;
  if (best && best.country !== ctx.focus && n * 3 < top) return null;
  return best;
}

function legislatures(ctx: Ctx, toks: Token[]): void {
  const max = ctx.table.legislatureMaxLen;
  for (let i = 0; i < toks.length; i++) {
    if (!toks[i]!.cap) continue;
    let hit: { len: number; cands: LegislatureRecord[] } | null = null;
    let key = '';
    for (let k = 0; k < max && i + k < toks.length; k++) {
      if (k > 0 && toks[i + k]!.brk && !toks[i + k]!.hyphen) break;
      key = k === 0 ? toks[i]!.norm : `${key} ${toks[i + k]!.norm}`;
      const c = ctx.table.legislatures.get(key);
      if (c) hit = { len: k + 1, cands: c };
    }
    if (!hit) continue;
    const end = i + hit.len;
    const prev = toks[i - 1];
    const next = toks[end];
    // part of a longer name: "African National Congress", "Congress Party", "the Congress of Vienna"
    if (prev && !prev.brk && prev.cap && prev.norm !== 'the') continue;
    // "member of Parliament", "an Act of Congress": a qualifier, not an actor
    if (prev && prev.norm === 'of') continue;
    if (next && !next.brk && (next.cap || next.norm === 'of')) continue;
    const start = prev && prev.norm === 'the' && !toks[i]!.brk ? i - 1 : i;
    const sp = toks[start]!.start;
    const ep = toks[end - 1]!.end;
    const prior = covered(ctx.mentions, sp, ep);
    if (prior || covered(ctx.added, sp, ep)) {
      // a generic name already read as one legislature of its state: the one of that state valid at the date
      const same = prior && hit.cands.some((c) => c.id === prior.entity.id) ? hit.cands.filter((c) => c.country === prior.entity.country) : [];
      const dated = same.find((c) => validAt(c, dateAt(ctx, sp, toks)));
      if (prior && dated && dated.id !== prior.entity.id) {
        const e = ctx.index.entities.get(dated.id) ?? { id: dated.id, name: dated.name, kind: 'organization' as const, country: dated.country, aliases: [] };
        prior.entity = refOf(e);
        prior.ruleId = 'actors.legislature.dated-v1';
        remember(ctx, e, prior.text);
      }
      i = end - 1;
      continue;
    }
    const rec = hit.len > 1 && hit.cands.length === 1 ? hit.cands[0]! : chooseLegislature(ctx, hit.cands, dateAt(ctx, sp, toks));
    if (!rec || !rec.country) continue;
    const id = rec.id === 'parliament' ? `org:${rec.country.toLowerCase()}-parliament` : rec.id;
    const e: Entity = ctx.entities.get(id) ??
      ctx.index.entities.get(id) ?? {
        id,
        name: rec.id === 'parliament' ? `${demonymOf(ctx, rec.country)} Parliament` : rec.name,
        kind: 'organization',
        country: rec.country,
        aliases: [],
      };
    add(ctx, sp, ep, e, 'actors.legislature.dated-v1', 0.6);
    i = end - 1;
  }
}

// ------------------------------------------------------------------ islands, combining forms, flags

function island(ctx: Ctx, toks: Token[], prior: ActorMention[]): void {
  for (let i = 0; i + 1 < toks.length; i++) {
    if (toks[i]!.norm !== 'the' || toks[i + 1]!.norm !== 'island') continue;
    const nx = toks[i + 2];
    if (nx && !nx.brk && (nx.norm === 'of' || nx.cap)) continue;
    const sp = toks[i]!.start;
    const ep = toks[i + 1]!.end;
    if (covered(ctx.added, sp, ep)) continue;
    let target: EntityRef | null = null;
    for (let k = prior.length - 1; k >= 0; k--) {
      const m = prior[k]!;
      if (m.span.end > sp) continue;
      if (m.entity.kind === 'state' && m.entity.country && ctx.table.islands.has(m.entity.country)) {
        target = m.entity;
        break;
      }
    }
    if (!target) continue;
    const e = ctx.index.entities.get(target.id);
    if (!e) continue;
    const old = covered(ctx.mentions, sp, ep);
    if (old) {
      if (old.span.start < sp || old.span.end > ep) continue;
      ctx.dropped.add(old);
    }
    add(ctx, sp, ep, e, 'actors.state.island-v1', 0.6);
  }
}

function combiningForms(ctx: Ctx, toks: Token[], sentMentions: ActorMention[]): void {
  for (let i = 0; i + 1 < toks.length; i++) {
    const t = toks[i]!;
    let code = ctx.table.combining.get(t.norm);
    if (!code || !t.cap) continue;
    const nx = toks[i + 1]!;
    if (!nx.hyphen) continue;
    // the second part names a state ("Albanian", "Soviet") or is itself a combining form
    const second = sentMentions.find((m) => m.span.start <= nx.start && nx.start < m.span.end && m.entity.kind === 'state');
    if (!second && !ctx.table.combining.has(nx.norm)) continue;
    if (covered(ctx.mentions, t.start, t.end) || covered(ctx.added, t.start, t.end)) continue;
    const date = dateAt(ctx, t.start, toks);
    for (const [c, from, to] of ctx.table.combiningDates.get(t.norm) ?? []) if (validAt({ from, to }, date)) code = c;
    const e = stateRef(ctx, code);
    if (e) add(ctx, t.start, t.end, e, 'actors.state.combining-v1', 0.6);
  }
}

/** The state a demonym or country name of one word names ("British"), from the index. */
function stateOfWord(ctx: Ctx, t: Token, date: string | null): Entity | null {
  if (!t.cap) return null;
  for (const x of ctx.index.names.get(t.norm) ?? []) {
    if (x.contextual || !validAt(x, date)) continue;
    const e = ctx.index.entities.get(x.entityId);
    if (e && e.kind === 'state') return e;
  }
  return null;
}

/** "the British-flagged Stena Impero", "a Liberian-flagged tanker": the flag state. */
function flagged(ctx: Ctx, toks: Token[]): void {
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i]!;
    if (!t.hyphen || !ctx.table.flagged.has(t.norm)) continue;
    const d = toks[i - 1]!;
    const e = stateOfWord(ctx, d, dateAt(ctx, d.start, toks));
    if (!e) continue;
    // the vessel: a run of capitalised words, else one common noun
    let j = i + 1;
    while (j < toks.length && !toks[j]!.brk && toks[j]!.cap) j++;
    if (j === i + 1 && j < toks.length && !toks[j]!.brk && /^[a-z]+$/.test(toks[j]!.norm)) j++;
    const end = toks[j - 1]!.end;
    const start = d.start;
    for (const m of ctx.mentions) if (m.span.start < end && start < m.span.end) ctx.dropped.add(m);
    add(ctx, start, end, e, 'actors.state.flagged-v1', 0.65);
  }
}

const POPULATION_NOUN = /^(?:the|this|that)\s+(?:population|populace|masses|people)$/i;

/** "the population" read back to a committee or movement is the people of its country. */
function populationCoref(ctx: Ctx): void {
  for (const m of ctx.mentions) {
    if (m.ruleId !== 'actors.coref.definite-v1' || !POPULATION_NOUN.test(m.text)) continue;
    if (m.entity.id.endsWith('-people') || !m.entity.country || m.entity.country === 'IGO') continue;
    const st = stateRef(ctx, m.entity.country);
    if (!st) continue;
    const g = groupEntity(ctx, m.entity.country, 'population');
    m.entity = refOf(g);
    m.ruleId = 'actors.coref.population-v1';
    remember(ctx, g, m.text);
  }
}

/** "His Majesty" after "His Britannic Majesty": the same sovereign. */
function majesty(ctx: Ctx, toks: Token[]): void {
  for (let i = 0; i + 1 < toks.length; i++) {
    if (toks[i + 1]!.norm !== 'majesty' || (toks[i]!.norm !== 'his' && toks[i]!.norm !== 'her') || toks[i + 1]!.brk) continue;
    const sp = toks[i]!.start;
    const ep = toks[i + 1]!.end;
    if (covered(ctx.mentions, sp, ep) || covered(ctx.added, sp, ep)) continue;
    let prior: ActorMention | undefined;
    for (const m of ctx.mentions) {
      if (m.span.start >= sp) break;
      if (/^(?:his|her)\s+\S+\s+majesty$/i.test(m.text) && (m.entity.kind === 'state' || m.entity.kind === 'person')) prior = m;
    }
    const e = prior && ctx.index.entities.get(prior.entity.id);
    if (e) add(ctx, sp, ep, e, 'actors.coref.majesty-v1', 0.55);
  }
}

/** "the city" after a capital named in this or the previous paragraph: the state that capital stands for. */
function city(ctx: Ctx, toks: Token[], sentences: Sentence[], si: number): void {
  for (let i = 0; i + 1 < toks.length; i++) {
    if (toks[i]!.norm !== 'the' || toks[i + 1]!.norm !== 'city' || toks[i + 1]!.brk) continue;
    const nx = toks[i + 2];
    if (nx && !nx.brk && (nx.norm === 'of' || nx.cap)) continue;
    const sp = toks[i]!.start;
    const ep = toks[i + 1]!.end;
    if (covered(ctx.mentions, sp, ep) || covered(ctx.added, sp, ep)) continue;
    const block = sentences[si]!.block;
    let from = sentences[si]!.span.start;
    for (let k = si; k >= 0 && sentences[k]!.block >= block - 1; k--) from = sentences[k]!.span.start;
    let cap: ActorMention | undefined;
    for (const m of ctx.mentions) {
      if (m.span.start >= sp) break;
      if (m.span.start >= from && m.ruleId === 'actors.state.capital-v1') cap = m;
    }
    const e = cap && ctx.index.entities.get(cap.entity.id);
    if (e) add(ctx, sp, ep, e, 'actors.coref.city-v1', 0.5);
  }
}

/** Last words of a capitalised run that make it a body, not a person ("Federal Secretariat"). */
const BODY_WORDS = /\b(?:Secretariat|Ministry|Office|Council|Committee|Commission|Directorate|Department|Bureau|Agency|Service|Command|Staff|Assembly|Chamber|Presidium|Politburo)$/;

/** "the Yugoslav Federal Secretariat": a body found by its name pattern takes the demonym's country. */
function demonymBody(ctx: Ctx): void {
  for (let k = 0; k + 1 < ctx.mentions.length; k++) {
    const d = ctx.mentions[k]!;
    const b = ctx.mentions[k + 1]!;
    if (d.ruleId !== 'actors.state.demonym-v1' || b.entity.country) continue;
    const body = b.entity.kind === 'organization' || (b.ruleId === 'actors.person.pattern-v1' && BODY_WORDS.test(b.text));
    if (!body) continue;
    if (!/^\s$/.test(ctx.doc.text.slice(d.span.end, b.span.start)) || !d.entity.country) continue;
    const e: Entity = { id: b.entity.id, name: b.entity.name, kind: 'organization', country: d.entity.country, aliases: [] };
    const merged: ActorMention = {
      span: { start: d.span.start, end: b.span.end },
      text: ctx.doc.text.slice(d.span.start, b.span.end),
      entity: refOf(e),
      ruleId: 'actors.org.demonym-v1',
      confidence: Math.min(0.6, b.confidence),
    };
    ctx.dropped.add(d);
    ctx.dropped.add(b);
    ctx.added.push(merged);
    ctx.entities.set(e.id, { ...e, aliases: [...(ctx.entities.get(e.id)?.aliases ?? [])] });
    remember(ctx, e, merged.text);
  }
}

const COLLECTIVE_RULES = new Set(['actors.collective.state-v1', 'actors.collective.group-v1', 'actors.collective.org-v1', 'actors.group.named-v1']);
/** Words between a state's name and a collective noun that are verbs or function words, never adjectives. */
const NOT_ADJECTIVE = new Set([
  'sent', 'shot', 'began', 'took', 'gave', 'made', 'brought', 'drew', 'held', 'kept', 'left', 'led', 'met', 'put', 'ran', 'saw', 'set',
  'sold', 'told', 'won', 'withdrew', 'struck', 'fought', 'bought', 'built', 'caught', 'chose', 'cut', 'did', 'drove', 'fell', 'flew',
  'got', 'hit', 'let', 'lost', 'paid', 'rose', 'said', 'sought', 'shut', 'sank', 'spoke', 'stood', 'threw', 'wrote', 'has', 'have',
  'had', 'is', 'was', 'were', 'are', 'be', 'been', 'will', 'would', 'may', 'might', 'can', 'could', 'should', 'must', 'shall', 'to',
  'not', 'also', 'then', 'again', 'still', 'now', 'down', 'up', 'out', 'off', 'back', 'its', 'their', 'his', 'her', 'our', 'these',
  'those', 'all', 'both', 'some', 'any', 'no', 'more', 'most', 'many', 'several', 'two', 'three', 'four', 'sends', 'deploys',
  'withdraws', 'uses', 'keeps', 'moves', 'has', 'orders', 'ordered', 'against', 'with', 'without', 'into', 'onto', 'via',
]);
/** Past participles that are adjectives before a force noun ("armed forces", "united front"). */
const ADJECTIVE_ED = new Set(['armed', 'united', 'allied', 'combined', 'specialised', 'specialized', 'organised', 'organized', 'seaborne', 'airborne', 'mechanised', 'mechanized', 'advanced', 'retired', 'exiled', 'displaced', 'detained', 'imprisoned', 'interned', 'occupied', 'elected', 'appointed', 'accredited', 'assembled', 'unidentified', 'masked', 'unnamed', 'expelled']);

/** "Israel sent troops": the state name alone, the verb left free. */
function splitVerbs(ctx: Ctx): void {
  for (const m of ctx.mentions) {
    // a verb needs three words at least: the name, the verb, the noun
    if (!COLLECTIVE_RULES.has(m.ruleId) || !/\S\s+\S+\s+\S/.test(m.text)) continue;
    const toks = tokenize(m.text, m.span.start);
    let cut = -1;
    for (let k = 1; k < toks.length - 1; k++) {
      const t = toks[k]!;
      // "Italian-led", "US-backed": a compound adjective
      if (t.cap || t.hyphen) continue;
      if (NOT_ADJECTIVE.has(t.norm) || (/ed$/.test(t.norm) && !ADJECTIVE_ED.has(t.norm))) {
        cut = k;
        break;
      }
    }
    if (cut < 1) continue;
    let end = cut;
    while (end > 0 && (toks[end - 1]!.norm === "'s" || !toks[end - 1]!.cap)) end--;
    if (end < 1) continue;
    const country = m.entity.country;
    const st = country ? stateRef(ctx, country) : null;
    if (!st) continue;
    const last = toks[end - 1]!;
    m.span = { start: m.span.start, end: last.end };
    m.text = ctx.doc.text.slice(m.span.start, m.span.end);
    m.entity = refOf(st);
    m.ruleId = 'actors.state.verb-split-v1';
    remember(ctx, st, m.text);
  }
}

/** Nouns for the agents of several states together ("the Western ambassadors"). */
const ENVOY_NOUNS = new Set(['ambassadors', 'envoys', 'diplomats', 'representatives', 'delegations', 'delegates', 'negotiators', 'ministers', 'leaders', 'governments', 'capitals']);

/** "the Western ambassadors": the states named "the Western powers" in the document, acting through their envoys. */
function envoys(ctx: Ctx, toks: Token[]): void {
  for (let i = 1; i + 1 < toks.length; i++) {
    const mod = toks[i]!;
    const noun = toks[i + 1]!;
    if (toks[i - 1]!.norm !== 'the' || mod.brk || noun.brk || !mod.cap || noun.cap || !ENVOY_NOUNS.has(noun.norm)) continue;
    const sp = toks[i - 1]!.start;
    const ep = noun.end;
    // a single state's demonym ("the Soviet ambassadors") is that state's, left to the other rules
    if (covered(ctx.mentions, mod.start, mod.end) || covered(ctx.added, sp, ep) || ctx.index.names.has(mod.norm)) continue;
    const same = ctx.mentions.find((m) => m.ruleId === 'actors.collective.states-v1' && tokenize(m.text)[m.text.startsWith('the ') ? 1 : 0]?.norm === mod.norm);
    const e: Entity = (same && (ctx.entities.get(same.entity.id) ?? { ...same.entity, aliases: [] })) || {
      id: `group:${slug(mod.raw)}-${slug(noun.raw)}`,
      name: `${mod.raw} ${noun.raw}`,
      kind: 'group',
      country: null,
      aliases: [],
    };
    add(ctx, sp, ep, e, 'actors.group.envoys-v1', 0.5);
  }
}

/** The block of the sentence holding `pos` (sentences in text order), or -1. */
function blockAt(sentences: Sentence[], pos: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sentences[mid]!.span.start <= pos) lo = mid;
    else hi = mid - 1;
  }
  return sentences[lo]?.block ?? -1;
}

const REGIME_REF = /^(?:the|this|that)\s+(?:[a-z-]+\s+)?regime$/i;
const NAMED_REGIME = /\b(?:regime|regimes|clique|junta|faction|group)$/i;

/** "condemning the regime" after "the fallen Pol Pot regime": the regime named, not a state of the paragraph. */
function regimeCoref(ctx: Ctx, sentences: Sentence[]): void {
  const blockOf = (pos: number): number => blockAt(sentences, pos);
  for (const m of ctx.mentions) {
    if (m.ruleId !== 'actors.coref.definite-v1' || !REGIME_REF.test(m.text)) continue;
    const b = blockOf(m.span.start);
    let named: ActorMention | undefined;
    for (const x of ctx.mentions) {
      if (x.span.start >= m.span.start) break;
      if (x.ruleId.startsWith('actors.coref.') || x.entity.kind === 'state' || !(NAMED_REGIME.test(x.text) || x.ruleId === 'actors.faction.leader-v1')) continue;
      if (blockOf(x.span.start) < b - 1) continue;
      named = x;
    }
    if (!named || named.entity.id === m.entity.id) continue;
    // the named regime must be the latest regime-like actor: a state's regime named after it wins
    const later = ctx.mentions.find((x) => x.span.start > named!.span.end && x.span.start < m.span.start && (NAMED_REGIME.test(x.text) || x.ruleId === 'actors.faction.leader-v1') && !x.ruleId.startsWith('actors.coref.'));
    if (later) continue;
    const e = ctx.entities.get(named.entity.id) ?? ctx.index.entities.get(named.entity.id) ?? { ...named.entity, aliases: [] };
    m.entity = refOf(e);
    m.ruleId = 'actors.coref.regime-v1';
    remember(ctx, e, m.text);
  }
}

const COUNTRY_NOUN = /^(?:the|this|that)\s+(?:[a-z-]+\s+)?(?:country|state|nation|regime|government|leadership|authorities)$/i;

/**
 * "The insurgents won control of a third of the country" after "a force in Albania … a country
 * with Britain's population": a tie between the states of the paragraph goes to the document's own.
 */
function countryCoref(ctx: Ctx, sentences: Sentence[]): void {
  if (!ctx.focus) return;
  const blockOf = (pos: number): number => blockAt(sentences, pos);
  for (const m of ctx.mentions) {
    if (m.ruleId !== 'actors.coref.definite-v1' || m.entity.kind !== 'state' || !COUNTRY_NOUN.test(m.text) || m.entity.country === ctx.focus) continue;
    const b = blockOf(m.span.start);
    const count = new Map<string, number>();
    for (const x of ctx.mentions) {
      if (x.span.start >= m.span.start) break;
      if (x.entity.kind !== 'state' || x.ruleId.startsWith('actors.coref.') || blockOf(x.span.start) !== b || !x.entity.country) continue;
      count.set(x.entity.country, (count.get(x.entity.country) ?? 0) + 1);
    }
    const chosen = count.get(m.entity.country ?? '') ?? 0;
    const own = count.get(ctx.focus) ?? 0;
    if (!own || own < chosen) continue;
    const e = stateRef(ctx, ctx.focus);
    if (!e) continue;
    m.entity = refOf(e);
    m.ruleId = 'actors.coref.country-v1';
    remember(ctx, e, m.text);
  }
}

/** A node of the tree of trigger heads: lower-case ASCII letters → next node. */
interface HeadNode {
  next: Array<HeadNode | undefined>;
  /** A head ends here and the phrase goes on with a character no ASCII letter can match (space, apostrophe, end). */
  end: boolean;
  /** A head ends here and the phrase goes on with something else: any word going on from here may match. */
  open: boolean;
}

interface Trigger {
  /** Every word a sentence rule starts from, each preceded by no letter or digit (`giu`). */
  re: RegExp;
  /** The same pattern tried at one position only (`iuy`). */
  sticky: RegExp;
  /** The leading ASCII letters of every alternative of the pattern; null when some alternative has none. */
  heads: HeadTable | null;
}

/**
 * The tree of heads as one table (a few memory lines read again and again, where the tree's
 * nodes and arrays lie apart): the node reached from node s by the letter l (0 for a, ...) is
 * next[s * 26 + l] - 1, none when 0; flags[s] holds HEAD_END and HEAD_OPEN. The root is node 0.
 */
interface HeadTable {
  next: Int16Array;
  flags: Uint8Array;
}

const HEAD_END = 1;
const HEAD_OPEN = 2;

/** The tree of heads as a HeadTable (nodes numbered breadth first). */
function headTable(root: HeadNode): HeadTable {
  const nodes: HeadNode[] = [root];
  const ids = new Map<HeadNode, number>([[root, 0]]);
  for (let k = 0; k < nodes.length; k++) {
    for (const c of nodes[k]!.next) {
      if (c && !ids.has(c)) {
        ids.set(c, nodes.length);
        nodes.push(c);
      }
    }
  }
  const next = new Int16Array(nodes.length * 26);
  const flags = new Uint8Array(nodes.length);
  nodes.forEach((nd, k) => {
    flags[k] = (nd.end ? HEAD_END : 0) | (nd.open ? HEAD_OPEN : 0);
    for (let l = 0; l < 26; l++) {
      const c = nd.next[l];
      if (c) next[k * 26 + l] = ids.get(c)! + 1;
    }
  });
  return { next, flags };
}

const triggers = new WeakMap<GroupTable, Trigger>();

const headNode = (): HeadNode => ({ next: new Array<HeadNode | undefined>(26), end: false, open: false });

const asciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Add the leading ASCII letters of a phrase to the tree; false when it has none. */
function addHead(root: HeadNode, phrase: string): boolean {
  let node = root;
  let k = 0;
  while (k < phrase.length && asciiLetter(phrase.charCodeAt(k))) {
    const l = (phrase.charCodeAt(k) | 32) - 97;
    node = node.next[l] ??= headNode();
    k++;
  }
  if (k === 0) return false;
  const c = phrase.charCodeAt(k);
  // what follows the head in the pattern: [\s-]+, ['’], \s+ or the end match no letter; a letter
  // outside ASCII might match an ASCII one without regard to case ("ſ" and "s")
  if (k === phrase.length || c === 32 || c === 39 || c < 128) node.end = true;
  else node.open = true;
  return true;
}

/** One pattern for every word a sentence rule starts from (group nouns, legislatures, "island", "Majesty", ...). */
function triggerOf(table: GroupTable): Trigger {
  let tr = triggers.get(table);
  if (tr) return tr;
  const phrases = new Set<string>(['the island', 'majesty', 'the city', ...table.flagged, ...table.combining.keys()]);
  for (const ph of [...table.bare, ...table.unplaced]) phrases.add(ph.join(' '));
  for (const k of table.legislatures.keys()) phrases.add(k);
  const alt = [...phrases].map((w) => w.replace(/[.*+?^${}()|[\]]/g, '\\$&').replace(/'/g, "['’]").replace(/ /g, '[\\s-]+')).join('|');
  const envoy = `the\\s+\\S+\\s+(?:${[...ENVOY_NOUNS].join('|')})`;
  const source = `(?<![\\p{L}\\p{N}])(?:${alt}|${envoy})(?![\\p{L}\\p{N}])`;
  const root = headNode();
  let every = true;
  for (const ph of [...phrases, 'the ']) if (!addHead(root, ph)) every = false;
  const heads = every ? headTable(root) : null;
  tr = { re: new RegExp(source, 'giu'), sticky: new RegExp(source, 'iuy'), heads };
  triggers.set(table, tr);
  return tr;
}

const wordClass = new Map<number, boolean>();
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/** A letter or digit (\p{L}, \p{N}), as the look-behind of the pattern reads it. */
function isWordChar(cp: number): boolean {
  if (cp < 128) return asciiLetter(cp) || (cp >= 48 && cp <= 57);
  let w = wordClass.get(cp);
  if (w === undefined) {
    w = WORD_CHAR.test(String.fromCodePoint(cp));
    if (wordClass.size > 10_000) wordClass.clear();
    wordClass.set(cp, w);
  }
  return w;
}

/** The code point ending right before `p`, or -1 at the start. */
function codePointBefore(text: string, p: number): number {
  if (p <= 0) return -1;
  const c = text.charCodeAt(p - 1);
  if (c >= 0xdc00 && c <= 0xdfff && p >= 2) {
    const h = text.charCodeAt(p - 2);
    if (h >= 0xd800 && h <= 0xdbff) return ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  }
  return c;
}

/** ASCII characters: 1 a letter, 2 a digit, 0 anything else. */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_CLASS[c] = asciiLetter(c) ? 1 : c >= 48 && c <= 57 ? 2 : 0;

/**
 * The first position at or after `from` where the trigger pattern may match: a letter after no
 * letter or digit whose run of ASCII letters can begin one of the pattern's alternatives (any
 * letter outside ASCII may). Every position where the pattern matches is one of these.
 */
function nextCandidate(text: string, from: number, heads: HeadTable): number {
  const n = text.length;
  const { next, flags } = heads;
  let p = from;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c >= 128) {
      // the second half of a pair of surrogates is no position of its own
      if (!(c >= 0xdc00 && c <= 0xdfff && p > 0 && text.charCodeAt(p - 1) >= 0xd800 && text.charCodeAt(p - 1) <= 0xdbff)) {
        const cp = text.codePointAt(p)!;
        if (isWordChar(cp) && !isWordChar(codePointBefore(text, p))) return p;
      }
      p++;
      continue;
    }
    if (ASCII_CLASS[c] !== 1) {
      p++;
      continue;
    }
    // an ASCII letter: a match may start here only after no letter or digit
    if (p === 0 || !isWordChar(codePointBefore(text, p))) {
      // node -1: the letters left the tree
      let node = 0;
      let q = p;
      for (; q < n; q++) {
        const d = text.charCodeAt(q);
        if (d >= 128 || ASCII_CLASS[d] !== 1) break;
        node = next[node * 26 + ((d | 32) - 97)]! - 1;
        if (node < 0) break;
        if (flags[node]! & HEAD_OPEN) return p;
      }
      if (node >= 0 && (q === n || flags[node]! & HEAD_END || text.charCodeAt(q) >= 128)) return p;
      p = q;
    }
    // the rest of the run of ASCII letters and digits: a letter or digit stands before each
    while (p < n) {
      const d = text.charCodeAt(p);
      if (d >= 128 || ASCII_CLASS[d] === 0) break;
      p++;
    }
  }
  return -1;
}

/**
 * Where the trigger pattern matches in `text`, as its global search finds them (left to right,
 * not overlapping); `scan: false` runs that search itself (exported for tests).
 */
export function triggerHits(text: string, table: GroupTable, scan = true): number[] {
  const { re, sticky, heads } = triggerOf(table);
  const hits: number[] = [];
  if (!heads || !scan) {
    re.lastIndex = 0;
    for (let h = re.exec(text); h; h = re.exec(text)) hits.push(h.index);
    return hits;
  }
  // the pattern tried only where it may match, which finds the same matches
  for (let p = nextCandidate(text, 0, heads); p >= 0; ) {
    sticky.lastIndex = p;
    const h = sticky.exec(text);
    p = nextCandidate(text, h ? p + h[0].length : p + 1, heads);
    if (h) hits.push(h.index);
  }
  return hits;
}

/**
 * Add the actors named without a proper name to findActors()' result.
 * Mentions keep document order; entities gain the new ones with the aliases seen.
 */
export function addGroupActors(doc: Document, sentences: Sentence[], found: GroupActorInput, index: ActorIndex, table: GroupTable): GroupActorInput {
  const mentions = found.mentions.map((m) => ({ ...m }));
  const { focus, byCountry } = focusOf(mentions);
  const ctx: Ctx = {
    doc,
    index,
    table,
    mentions,
    added: [],
    dropped: new Set(),
    entities: new Map(found.entities.map((e) => [e.id, { ...e, aliases: [...e.aliases] }])),
    focus,
    byCountry,
  };
  splitVerbs(ctx);
  renameGroups(ctx);
  countryCoref(ctx, sentences);
  regimeCoref(ctx, sentences);
  populationCoref(ctx);
  demonymBody(ctx);
  let mi = 0;
  // only sentences holding a word some rule starts from are read again
  const hits = triggerHits(doc.text, table);
  // the sentences as findActors cut them, when it has just read these
  const read = takeSentenceTokens(doc.text, sentences);
  let hi = 0;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    while (hi < hits.length && hits[hi]! < s.span.start) hi++;
    if (hi >= hits.length) break;
    if (hits[hi]! >= s.span.end) continue;
    const toks = read ? read[si]! : tokenizeRange(doc.text, s.span.start, s.span.end);
    while (mi < mentions.length && mentions[mi]!.span.end <= s.span.start) mi++;
    let mj = mi;
    while (mj < mentions.length && mentions[mj]!.span.start < s.span.end) mj++;
    const sentMentions = mentions.slice(mi, mj);
    flagged(ctx, toks);
    combiningForms(ctx, toks, sentMentions);
    legislatures(ctx, toks);
    bareGroups(ctx, toks, sentMentions);
    unplacedGroups(ctx, toks);
    majesty(ctx, toks);
    envoys(ctx, toks);
    city(ctx, toks, sentences, si);
    island(ctx, toks, mentions.slice(Math.max(0, mi - 40), mj));
  }
  if (!ctx.added.length && !ctx.dropped.size && !mentions.some((m, k) => m.entity.id !== found.mentions[k]!.entity.id || m.span.end !== found.mentions[k]!.span.end)) return found;
  const out = [...mentions.filter((m) => !ctx.dropped.has(m)), ...ctx.added].sort((a, b) => a.span.start - b.span.start);
  const used = new Set(out.map((m) => m.entity.id));
  const entities = [...ctx.entities.values()].filter((e) => used.has(e.id));
  return { mentions: out, entities };
}
