/**
 * The actor knowledge base, compiled once into an index the annotator reads.
 *
 * Sources, in load order (later ones add aliases and roles to earlier ones):
 *  1. the country table of the npm package `world-countries` (names, alternative
 *     spellings, demonyms, capitals, alpha-3 codes);
 *  2. data/actors/states.json (CAMEO codes, historical states, more names,
 *     capitals and seats over time), organizations.json, people/*.json, titles.json;
 *  3. the user's own JSON files (`user`), then PETRARCH/Phoenix dictionaries (`petrarch`).
 *
 * Every name becomes a key of folded tokens (see actors-text.ts) pointing at one
 * or more targets; `firstLen` maps a first token to the longest name starting
 * with it, so the annotator can match longest-first with a few map lookups.
 * I/O happens only in loadActorIndex(); compileActorIndex() is pure.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Entity, EntityKind, EntityRef, Role } from '../core/types.js';
import { AnnalsError } from '../core/errors.js';
import { dateNum, overlap, phraseKey, slug, stripThe } from './actors-text.js';
import { parsePetrarchActors, parsePetrarchAgents, type PetrarchActor, type PetrarchAgent } from './petrarch.js';

/** How a name points at its entity. */
export type NameRule =
  | 'name' // the entity's own name or an alias
  | 'capital' // a capital city standing for the government
  | 'seat' // a seat of government ("the Kremlin")
  | 'demonym' // "Albanian" (an adjective: the state when alone)
  | 'people' // "Albanians", "the Palestinians"
  | 'petrarch'; // a phrase from a PETRARCH dictionary

export interface NameTarget {
  entityId: string;
  rule: NameRule;
  confidence: number;
  /** EDTF bounds of when the name referred to this entity. */
  from?: string | null;
  to?: string | null;
  /** The name is an acronym: the text must be upper case too ("US", not "us"). */
  exactCase?: boolean;
  /** Generic name ("Socialist Party"): only when the document's main country is the entity's. */
  contextual?: boolean;
  /** The name as written in the source. */
  raw: string;
  /** The name starts with a lower-case letter ("de facto ..."): it matches however the text capitalises it. */
  anyCase?: boolean;
  /** The name names the entity only when the date is known and within from/to ("Korea" before 1948-08-15). */
  onlyThen?: boolean;
}

/**
 * The names as a tree of folded tokens, so the annotator matches a name longest-first by
 * following one map per token, without building keys: the node of a name's last token
 * holds that name's targets (the same list as `names`).
 */
export interface NameNode {
  targets: NameTarget[] | null;
  next: Map<string, NameNode> | null;
}

/** What the index knows of an entity beyond the core Entity type. */
export interface EntityInfo {
  from?: string | null;
  to?: string | null;
  successor?: string;
  /** Person ids whose name + "clique"/"group" means this body. */
  leaders?: string[];
  /** Plural demonym names the people, not the state ("the Palestinians"). */
  pluralIsPeople?: boolean;
  /** Demonym adjective of a state ("Albanian"), for building names of groups. */
  demonym?: string;
  /** A place of the gazetteer (data/actors/places.json): the states that held it, in order. */
  held?: PlaceHolding[];
}

/** A state holding a place from `from` (inclusive) to `to` (exclusive), EDTF; null is open. */
export interface PlaceHolding {
  country: string;
  from: string | null;
  to: string | null;
  /** The state whose territory it stays while another holds it by occupation (the Sinai 1967–1982: Egypt). */
  sovereign?: string;
}

/** data/actors/places.json: well-known places that are not capitals, with the states that held them. */
export interface PlacesFile {
  places: { name: string; aliases?: string[]; held: [string, string | null, string | null, string?][] }[];
}

export interface RoleHolding {
  entityId: string;
  from: string | null;
  to: string | null;
}

export interface TitleTable {
  /** folded phrase → role key ("prime minister" → "head-of-government"). */
  roles: Map<string, string>;
  /** First words of role phrases, to skip most tokens at once. */
  roleFirst: Set<string>;
  rolesMaxLen: number;
  honorifics: Set<string>;
  roleModifiers: Set<string>;
  /** folded collective noun phrase → kind it makes with a country. */
  collectives: Map<string, EntityKind>;
  collectiveFirst: Set<string>;
  collectivesMaxLen: number;
  /** folded noun → kinds it can refer back to. */
  definites: Map<string, EntityKind[]>;
  pronouns: Map<string, EntityKind>;
  factionNouns: Set<string>;
  /** Nouns naming the members of an organisation ("Warsaw Pact countries"). */
  memberNouns: Map<string, number>;
  /** folded region name → display name ("indochina" → "Indochina"). */
  regions: Map<string, string>;
  orgHeads: Set<string>;
  transnationalHeads: Set<string>;
}

export interface FuzzyName {
  key: string;
  entityId: string;
  raw: string;
}

export interface PetrarchAgentEntry {
  code: string;
  raw: string;
}

export interface ActorIndex {
  entities: Map<string, Entity>;
  info: Map<string, EntityInfo>;
  /** folded name key → targets. */
  names: Map<string, NameTarget[]>;
  /** first folded token → the most tokens of a name starting with it. */
  firstLen: Map<string, number>;
  /** Every proper prefix of a name key ("people 's republic of"), so a match stops early. */
  prefixes: Set<string>;
  /** The name keys as a tree: first folded token → node (see NameNode). */
  trie: Map<string, NameNode>;
  /** "ALB" → "state:ALB". */
  stateOf: Map<string, string>;
  /** "ALB|head-of-government" → holdings sorted by start. */
  roleHolders: Map<string, RoleHolding[]>;
  /** Multi-word person and organization names by first and by last token, for misspellings. */
  fuzzyByFirst: Map<string, FuzzyName[]>;
  fuzzyByLast: Map<string, FuzzyName[]>;
  titles: TitleTable;
  /** PETRARCH agent phrases (folded) → agent code ("~GOV"). */
  agents: Map<string, PetrarchAgentEntry>;
  /** person id → bodies they led (for "the X clique"). */
  ledBy: Map<string, string>;
  /** Folded last word of a person's name → person ids ("kohl" → Helmut Kohl), for "Chancellor Kohl". */
  bySurname: Map<string, string[]>;
  /** Person ids of monarchs (kings, queens, emperors, sultans, shahs). */
  monarchs: Set<string>;
}

// ---------------------------------------------------------------- source shapes

export interface CountryRecord {
  cca3: string;
  cca2?: string;
  name: { common: string; official: string };
  altSpellings?: string[];
  capital?: string[];
  independent?: boolean | null;
  demonyms?: { eng?: { m?: string; f?: string } };
}

/** `onlyThen`: the name names the entity only at a date known to fall within its bounds ("Korea" before 1948-08-15). */
type DatedName = string | { name: string; from?: string | null; to?: string | null; onlyThen?: boolean };

interface StateExtra {
  names?: DatedName[];
  demonyms?: DatedName[];
  people?: DatedName[];
  capitals?: DatedName[];
  seats?: DatedName[];
  dated?: DatedName[];
  pluralIsPeople?: boolean;
}

interface HistoricalState extends StateExtra {
  code: string;
  name: string;
  from?: string;
  to?: string;
  successor?: string;
}

export interface StatesFile {
  codeOverrides?: Record<string, string>;
  dropAltSpellings?: string[];
  /** Display names where the country table's common name is not the usual English one ("Türkiye" → "Turkey"). */
  commonNames?: Record<string, string>;
  /** Places inside a state that share or contain a country's name ("Georgia", "Rhode Island"): never the country. */
  places?: Record<string, string[]>;
  /** When a present-day state began: its demonyms say nothing of it before ("Indians" in 1814). */
  since?: Record<string, string>;
  extra?: Record<string, StateExtra>;
  historical?: HistoricalState[];
}

export interface EntityRecord {
  id?: string;
  name: string;
  kind?: EntityKind;
  country?: string | null;
  aliases?: string[];
  contextual?: string[];
  leaders?: string[];
  from?: string | null;
  to?: string | null;
}

export interface PersonRecord {
  name: string;
  aliases?: string[];
  country?: string | null;
  roles?: (string | null)[][];
  /** A king, queen, emperor, sultan...: never the holder of a "President" title (inferred from a regnal number or a royal alias when absent). */
  monarch?: boolean;
}

export interface PeopleFile {
  country?: string | null;
  people: PersonRecord[];
}

export interface TitlesFile {
  roles: Record<string, string>;
  honorifics: string[];
  roleModifiers: string[];
  collectiveNouns: Record<string, string[]>;
  definites: Record<string, string[]>;
  pronouns: Record<string, string[]>;
  factionNouns: string[];
  memberNouns?: string[];
  regions?: string[];
  orgHeads: string[];
  transnationalHeads: string[];
}

/** A user's own file: entities, people and aliases for existing ids. */
export interface UserActorFile {
  entities?: EntityRecord[];
  people?: PersonRecord[];
  aliases?: Record<string, string[]>;
}

export interface ActorSources {
  countries: CountryRecord[];
  states: StatesFile;
  organizations: EntityRecord[];
  people: PeopleFile[];
  titles: TitlesFile;
  user?: { file: string; data: UserActorFile }[];
  petrarchActors?: PetrarchActor[];
  petrarchAgents?: PetrarchAgent[];
  places?: PlacesFile;
}

// ---------------------------------------------------------------- compile

const ACRONYM = /^[A-Z.&]{2,7}$/;

function datedName(d: DatedName): { name: string; from: string | null; to: string | null; onlyThen?: true } {
  if (typeof d === 'string') return { name: d, from: null, to: null };
  return { name: d.name, from: d.from ?? null, to: d.to ?? null, ...(d.onlyThen && (d.from || d.to) ? { onlyThen: true as const } : {}) };
}

class Builder {
  readonly idx: ActorIndex;

  constructor(titles: TitlesFile) {
    this.idx = {
      entities: new Map(),
      info: new Map(),
      names: new Map(),
      firstLen: new Map(),
      prefixes: new Set(),
      trie: new Map(),
      stateOf: new Map(),
      roleHolders: new Map(),
      fuzzyByFirst: new Map(),
      fuzzyByLast: new Map(),
      titles: compileTitles(titles),
      agents: new Map(),
      ledBy: new Map(),
      bySurname: new Map(),
      monarchs: new Set(),
    };
  }

  entity(id: string, name: string, kind: EntityKind, country: string | null): Entity {
    let e = this.idx.entities.get(id);
    if (!e) {
      e = { id, name, kind, country, aliases: [] };
      this.idx.entities.set(id, e);
      this.name(name, id, 'name', 1);
    }
    return e;
  }

  name(raw: string, entityId: string, rule: NameRule, confidence: number, extra: Partial<NameTarget> = {}): void {
    const cleaned = raw.trim();
    if (!cleaned) return;
    const key = stripThe(phraseKey(cleaned));
    if (!key) return;
    const list = this.idx.names.get(key) ?? [];
    const dup = list.find((t) => t.entityId === entityId && t.rule === rule && t.from === extra.from && t.to === extra.to);
    if (dup) return;
    const exactCase = ACRONYM.test(cleaned.replace(/^the /i, '')) || undefined;
    const initial = cleaned.replace(/^the\s+/i, '')[0] ?? '';
    const anyCase = initial !== initial.toUpperCase() || undefined;
    list.push({ entityId, rule, confidence, raw: cleaned, ...(exactCase ? { exactCase } : {}), ...(anyCase ? { anyCase } : {}), ...extra });
    this.idx.names.set(key, list);
    const toks = key.split(' ');
    const first = toks[0]!;
    this.idx.firstLen.set(first, Math.max(this.idx.firstLen.get(first) ?? 0, toks.length));
    for (let k = 1, p = first; k < toks.length; p += ' ' + toks[k], k++) this.idx.prefixes.add(p);
    let level = this.idx.trie;
    let node: NameNode | undefined;
    for (let k = 0; k < toks.length; k++) {
      node = level.get(toks[k]!);
      if (!node) level.set(toks[k]!, (node = { targets: null, next: null }));
      if (k < toks.length - 1) level = node.next ??= new Map();
    }
    node!.targets = list;
    const e = this.idx.entities.get(entityId);
    if (e && rule !== 'demonym' && rule !== 'people' && !e.aliases.includes(cleaned)) e.aliases.push(cleaned);
    if (toks.length >= 2 && !extra.contextual && (rule === 'name' || rule === 'petrarch' || rule === 'capital')) {
      const kind = e?.kind;
      if (kind === 'person' || kind === 'organization' || kind === 'group' || kind === 'state') {
        const f: FuzzyName = { key, entityId, raw: cleaned };
        push(this.idx.fuzzyByFirst, first, f);
        push(this.idx.fuzzyByLast, toks[toks.length - 1]!, f);
      }
    }
  }

  role(entityId: string, role: Role): void {
    const e = this.idx.entities.get(entityId);
    if (!e) return;
    (e.roles ??= []).push(role);
    if (!role.country) return;
    const k = `${role.country}|${role.title}`;
    const list = this.idx.roleHolders.get(k) ?? [];
    list.push({ entityId, from: role.from, to: role.to });
    this.idx.roleHolders.set(k, list);
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function compileTitles(t: TitlesFile): TitleTable {
  const roles = new Map<string, string>();
  let rolesMaxLen = 1;
  for (const [phrase, key] of Object.entries(t.roles)) {
    const k = phraseKey(phrase);
    roles.set(k, key);
    rolesMaxLen = Math.max(rolesMaxLen, k.split(' ').length);
  }
  const collectives = new Map<string, EntityKind>();
  let collectivesMaxLen = 1;
  for (const [kind, nouns] of Object.entries(t.collectiveNouns)) {
    for (const n of nouns) {
      const k = phraseKey(n);
      if (!collectives.has(k)) collectives.set(k, kind as EntityKind);
      collectivesMaxLen = Math.max(collectivesMaxLen, k.split(' ').length);
    }
  }
  const definites = new Map<string, EntityKind[]>();
  for (const [kind, nouns] of Object.entries(t.definites)) for (const n of nouns) push(definites, phraseKey(n), kind as EntityKind);
  const pronouns = new Map<string, EntityKind>();
  for (const [kind, ps] of Object.entries(t.pronouns)) for (const p of ps) pronouns.set(p, kind as EntityKind);
  return {
    roles,
    roleFirst: new Set([...roles.keys()].map((k) => k.split(' ')[0]!)),
    rolesMaxLen,
    honorifics: new Set(t.honorifics.map(phraseKey)),
    roleModifiers: new Set(t.roleModifiers.map(phraseKey)),
    collectives,
    collectiveFirst: new Set([...collectives.keys()].map((k) => k.split(' ')[0]!)),
    collectivesMaxLen,
    definites,
    pronouns,
    factionNouns: new Set(t.factionNouns.map(phraseKey)),
    memberNouns: new Map((t.memberNouns ?? []).map((n) => [phraseKey(n), phraseKey(n).split(' ').length])),
    regions: new Map((t.regions ?? []).map((r) => [stripThe(phraseKey(r)), r.replace(/^the /, '')])),
    orgHeads: new Set(t.orgHeads.map(phraseKey)),
    transnationalHeads: new Set(t.transnationalHeads.map(phraseKey)),
  };
}

function addStateNames(b: Builder, id: string, x: StateExtra): void {
  for (const d of x.names ?? []) {
    const n = datedName(d);
    b.name(n.name, id, 'name', 1, { from: n.from, to: n.to, ...(n.onlyThen ? { onlyThen: true } : {}) });
  }
  for (const d of x.dated ?? []) {
    const n = datedName(d);
    b.name(n.name, id, 'name', 0.95, { from: n.from, to: n.to });
  }
  for (const d of x.demonyms ?? []) {
    const n = datedName(d);
    b.name(n.name, id, 'demonym', 0.9, { from: n.from, to: n.to });
    const info = b.idx.info.get(id) ?? {};
    if (!info.demonym && typeof d === 'string') info.demonym = n.name;
    b.idx.info.set(id, info);
  }
  for (const d of x.people ?? []) {
    const n = datedName(d);
    b.name(n.name, id, 'people', 0.85, { from: n.from, to: n.to });
  }
  for (const d of x.capitals ?? []) {
    const n = datedName(d);
    b.name(n.name, id, 'capital', 0.85, { from: n.from, to: n.to });
  }
  for (const d of x.seats ?? []) {
    const n = datedName(d);
    b.name(n.name, id, 'seat', 0.9, { from: n.from, to: n.to });
  }
  if (x.pluralIsPeople) {
    const info = b.idx.info.get(id) ?? {};
    info.pluralIsPeople = true;
    b.idx.info.set(id, info);
  }
}

/** Build the index from already-read sources. Pure. */
export function compileActorIndex(src: ActorSources): ActorIndex {
  const b = new Builder(src.titles);
  const overrides = src.states.codeOverrides ?? {};
  const drop = new Set(src.states.dropAltSpellings ?? []);
  // 1. present-day countries from world-countries; sovereign states first, so that a
  // demonym shared with a dependency ("American", "French") is the sovereign's
  const ordered = [...src.countries].sort((a, b) => Number(b.independent === true) - Number(a.independent === true));
  for (const c of ordered) {
    const sovereign = c.independent === true;
    const code = overrides[c.cca3] ?? c.cca3;
    const id = `state:${code}`;
    b.entity(id, c.name.common, 'state', code);
    b.idx.stateOf.set(code, id);
    b.name(c.name.official, id, 'name', 1);
    for (const alt of c.altSpellings ?? []) {
      if (alt.length <= 2 || drop.has(alt)) continue; // two-letter codes are not names in prose
      if (/[^\p{Script=Latin}\s\p{P}\p{N}]/u.test(alt)) continue; // native scripts never occur in English text
      b.name(alt, id, 'name', 0.95);
    }
    const dem = c.demonyms?.eng;
    const since = src.states.since?.[code];
    for (const d of new Set([dem?.m, dem?.f].filter((x): x is string => !!x))) {
      if (!sovereign && b.idx.names.has(stripThe(phraseKey(d)))) continue;
      b.name(d, id, 'demonym', sovereign ? 0.9 : 0.6, since ? { from: since, to: null } : {});
      const info = b.idx.info.get(id) ?? {};
      info.demonym ??= d;
      b.idx.info.set(id, info);
    }
    for (const cap of c.capital ?? []) b.name(cap, id, 'capital', 0.85);
  }
  // the usual English name for display ("Turkey", not "Türkiye"); the table's name stays an alias
  for (const [code, name] of Object.entries(src.states.commonNames ?? {})) {
    const e = b.idx.entities.get(b.idx.stateOf.get(code) ?? '');
    if (!e) throw new AnnalsError('E030', `states.json: common name for unknown country ${code}`, 'data/actors/states.json');
    if (!e.aliases.includes(e.name)) e.aliases.push(e.name);
    e.name = name;
    b.name(name, e.id, 'name', 1);
  }
  // 2. historical states, then extras for existing ones
  for (const h of src.states.historical ?? []) {
    const id = `state:${h.code}`;
    b.entity(id, h.name, 'state', h.code);
    b.idx.stateOf.set(h.code, id);
    b.idx.info.set(id, { ...(b.idx.info.get(id) ?? {}), from: h.from ?? null, to: h.to ?? null, ...(h.successor ? { successor: h.successor } : {}) });
    addStateNames(b, id, h);
  }
  for (const [code, x] of Object.entries(src.states.extra ?? {})) {
    const id = b.idx.stateOf.get(code);
    if (!id) throw new AnnalsError('E030', `states.json: extra entry for unknown country ${code}`, 'data/actors/states.json');
    addStateNames(b, id, x);
  }
  // plural demonyms ("Jordanians", "Saudis") name the people, read as the state unless the index says otherwise
  for (const c of ordered) {
    if (c.independent !== true) continue;
    const id = b.idx.stateOf.get(overrides[c.cca3] ?? c.cca3)!;
    for (const d of new Set([c.demonyms?.eng?.m, ...(src.states.extra?.[overrides[c.cca3] ?? c.cca3]?.demonyms ?? []).filter((x): x is string => typeof x === 'string')])) {
      const pl = d ? pluralDemonym(d) : null;
      const since = src.states.since?.[overrides[c.cca3] ?? c.cca3];
      if (pl && !b.idx.names.has(phraseKey(pl))) b.name(pl, id, 'people', 0.85, since ? { from: since, to: null } : {});
    }
  }
  // places inside states that a country's name would otherwise match ("Rhode Island", "Georgia")
  for (const [code, names] of Object.entries(src.states.places ?? {})) {
    for (const n of names) {
      const c = /^[A-Z]{3}$/.test(code) ? code : null;
      const id = `place:${c ? c.toLowerCase() + '-' : ''}${slug(n)}`;
      b.entity(id, n.replace(/^the /, ''), 'place', c);
    }
  }
  // well-known places that are not capitals, with the states that held them over time
  for (const p of src.places?.places ?? []) addPlace(b, p);
  // 3. organisations, groups, peoples
  for (const o of src.organizations) addEntityRecord(b, o, 'data/actors/organizations.json');
  // 4. people
  for (const f of src.people) for (const p of f.people) addPerson(b, p, f.country ?? null);
  // 5. user files
  for (const u of src.user ?? []) {
    for (const o of u.data.entities ?? []) addEntityRecord(b, o, u.file);
    for (const p of u.data.people ?? []) addPerson(b, p, p.country ?? null);
    for (const [id, names] of Object.entries(u.data.aliases ?? {})) {
      if (!b.idx.entities.has(id)) throw new AnnalsError('E030', `aliases given for unknown entity ${id}`, u.file);
      for (const n of names) b.name(n, id, 'name', 1);
    }
  }
  // 6. PETRARCH
  for (const a of src.petrarchActors ?? []) addPetrarchActor(b, a);
  for (const g of src.petrarchAgents ?? []) {
    for (const phrase of g.phrases) {
      const k = phraseKey(phrase);
      if (k && !b.idx.agents.has(k)) b.idx.agents.set(k, { code: g.code, raw: phrase });
    }
  }
  for (const list of b.idx.roleHolders.values()) list.sort((a, b2) => (dateNum(a.from, 'start') ?? 0) - (dateNum(b2.from, 'start') ?? 0));
  return b.idx;
}

function addPlace(b: Builder, p: PlacesFile['places'][number]): void {
  const file = 'data/actors/places.json';
  if (!p.name || !Array.isArray(p.held) || !p.held.length) throw new AnnalsError('E030', `place without a name or holders (${JSON.stringify(p).slice(0, 80)})`, file);
  const held: PlaceHolding[] = [];
  for (const h of p.held) {
    if (!Array.isArray(h) || !b.idx.stateOf.has(h[0])) throw new AnnalsError('E030', `place ${p.name}: unknown state ${JSON.stringify(h?.[0])}`, file);
    if (h[3] !== undefined && !b.idx.stateOf.has(h[3])) throw new AnnalsError('E030', `place ${p.name}: unknown sovereign state ${JSON.stringify(h[3])}`, file);
    held.push({ country: h[0], from: h[1] ?? null, to: h[2] ?? null, ...(h[3] ? { sovereign: h[3] } : {}) });
  }
  const id = `place:${slug(p.name)}`;
  if (b.idx.entities.has(id)) throw new AnnalsError('E030', `place ${p.name} given twice`, file);
  b.entity(id, p.name, 'place', held[held.length - 1]!.country);
  for (const a of p.aliases ?? []) b.name(a, id, 'name', 1);
  b.idx.info.set(id, { ...(b.idx.info.get(id) ?? {}), held });
}

/** The state holding a place of the gazetteer at a date (its start), or null: none then, or no date and several holders. */
export function placeHolderAt(held: PlaceHolding[], date: string | null): string | null {
  return placeHoldingAt(held, date)?.country ?? null;
}

/** The holding of a place at a date (its start): who held it, and whose territory it stayed if occupied. */
export function placeHoldingAt(held: PlaceHolding[], date: string | null): PlaceHolding | null {
  if (!date) return held.length === 1 && !held[0]!.from && !held[0]!.to ? held[0]! : null;
  const d = dateNum(date, 'start');
  if (d === null) return null;
  for (const h of held) {
    const f = h.from ? dateNum(h.from, 'start') : null;
    const t = h.to ? dateNum(h.to, 'start') : null;
    if ((f === null || d >= f) && (t === null || d < t)) return h;
  }
  return null;
}

function addEntityRecord(b: Builder, o: EntityRecord, file: string): void {
  if (!o.name) throw new AnnalsError('E030', `entity without a name (${JSON.stringify(o).slice(0, 80)})`, file);
  const kind = o.kind ?? 'organization';
  const id = o.id ?? `${kind === 'organization' ? 'org' : kind}:${slug(o.name)}`;
  const e = b.entity(id, o.name, kind, o.country ?? null);
  if (o.from || o.to) b.idx.info.set(id, { ...(b.idx.info.get(id) ?? {}), from: o.from ?? null, to: o.to ?? null });
  for (const a of o.aliases ?? []) b.name(a, id, 'name', 1);
  for (const a of o.contextual ?? []) b.name(a, id, 'name', 0.7, { contextual: true });
  if (o.leaders?.length) {
    b.idx.info.set(id, { ...(b.idx.info.get(id) ?? {}), leaders: o.leaders });
    for (const l of o.leaders) if (!b.idx.ledBy.has(l)) b.idx.ledBy.set(l, id);
  }
  void e;
}

/** "Jordanian" → "Jordanians", "Saudi" → "Saudis"; null for forms whose plural is the same ("Chinese", "French"). */
export function pluralDemonym(d: string): string | null {
  if (/(?:an|i|er|ite|ot|ek)$/.test(d) && !/\s/.test(d)) return d + 's';
  return null;
}

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII'];
const ORDINAL = ['', 'First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth', 'Eleventh', 'Twelfth', 'Thirteenth', 'Fourteenth', 'Fifteenth', 'Sixteenth', 'Seventeenth', 'Eighteenth'];
const REGNAL = /^(\p{L}+(?:\s\p{L}+)?)\s([IVX]+)$/u;
const ROYAL_ALIAS = /^(?:King|Queen|Emperor|Empress|Sultan|Tsar|Czar|Tsarina|Kaiser|Shah|Khedive|Emir|Amir)\b/;

/** Is a person record a monarch: said so, a regnal number ("George III"), or a royal alias ("King Hussein")? */
function isMonarch(p: PersonRecord): boolean {
  if (p.monarch !== undefined) return p.monarch;
  return REGNAL.test(p.name) || (p.aliases ?? []).some((a) => ROYAL_ALIAS.test(a));
}

function addPerson(b: Builder, p: PersonRecord, fileCountry: string | null): void {
  const country = p.country ?? fileCountry;
  const id = `person:${slug(p.name)}`;
  b.entity(id, p.name, 'person', country);
  if (isMonarch(p)) {
    b.idx.monarchs.add(id);
    // "George the Third" for "George III"
    const m = REGNAL.exec(p.name);
    const n = m ? ROMAN.indexOf(m[2]!) : -1;
    if (m && n > 0) b.name(`${m[1]} the ${ORDINAL[n]}`, id, 'name', 1);
  }
  const last = phraseKey(p.name).split(' ').pop() ?? '';
  if (last.length >= 3 && !(b.idx.bySurname.get(last) ?? []).includes(id)) push(b.idx.bySurname, last, id);
  for (const a of p.aliases ?? []) {
    // a single word is a surname or short form: weaker than a full name
    b.name(a, id, 'name', a.includes(' ') ? 1 : 0.85);
  }
  for (const r of p.roles ?? []) {
    // [title, from, to, country?]: a fourth element names the country the office belongs to
    // when it differs from the person's ("Vojislav Koštunica", YUG, Prime Minister of SRB)
    const [title, from, to, where] = r;
    if (!title) continue;
    const rc = where && /^[A-Z]{3}$/.test(where) ? where : country;
    b.role(id, { title, country: rc, from: from ?? null, to: to ?? null });
  }
}

const PETRARCH_ROLE: Record<string, string> = {
  GOV: 'government',
  ELI: 'elite',
  MIL: 'military',
  OPP: 'opposition',
  REB: 'rebel',
  JUD: 'judiciary',
  LEG: 'legislature',
  BUS: 'business',
  MED: 'media',
  EDU: 'education',
  PTY: 'party',
  SPY: 'intelligence',
  IGO: 'igo',
  NGO: 'ngo',
};

function addPetrarchActor(b: Builder, a: PetrarchActor): void {
  const codes = [a.code, ...a.roles.map((r) => r.code)].filter((c): c is string => !!c);
  const first = codes[0] ?? '';
  const cc = first.slice(0, 3).toUpperCase();
  const stateId = b.idx.stateOf.get(cc);
  const display = (s: string) =>
    s
      .toLowerCase()
      .replace(/(^|\s|-)(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
  // a bare country record: its phrases are names of the state
  if (a.code && a.code.length === 3 && stateId && a.roles.length === 0) {
    for (const p of [a.phrase, ...a.synonyms]) b.name(display(p), stateId, 'petrarch', 0.9);
    return;
  }
  const kind: EntityKind = a.roles.some((r) => r.from || r.to) ? 'person' : 'organization';
  const country = cc === 'IGO' ? 'IGO' : stateId ? cc : null;
  const name = display(a.phrase);
  const key = stripThe(phraseKey(name));
  // merge with an existing entity of the same name and kind
  const existing = (b.idx.names.get(key) ?? []).map((t) => b.idx.entities.get(t.entityId)).find((e) => e && e.kind === kind);
  const id = existing?.id ?? `${kind === 'person' ? 'person' : 'org'}:${slug(name)}`;
  b.entity(id, name, kind, existing?.country ?? country);
  for (const s of a.synonyms) b.name(display(s), id, 'petrarch', 0.9);
  for (const r of a.roles) {
    const rcc = r.code.slice(0, 3).toUpperCase();
    const suffix = r.code.slice(3, 6).toUpperCase();
    b.role(id, {
      title: `petrarch:${PETRARCH_ROLE[suffix] ?? (suffix || 'member')}`,
      country: b.idx.stateOf.has(rcc) ? rcc : rcc === 'IGO' ? 'IGO' : null,
      from: r.from,
      to: r.to,
      code: r.code,
    });
  }
}

// ---------------------------------------------------------------- load (I/O)

export interface ActorIndexOptions {
  /** The built-in data folder (default: data/actors of this package). */
  dataDir?: string;
  /** User files or folders of JSON actor files (see data/actors/README.md). */
  user?: string[];
  /** PETRARCH/Phoenix dictionaries: actor files (*.actors.txt) and agent files (*agents*.txt). */
  petrarch?: string[];
}

const here = dirname(fileURLToPath(import.meta.url));
const DEFAULT_DATA = resolve(here, '../../data/actors');

function readJson<T>(file: string): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AnnalsError('E001', `cannot read actor file: ${(e as Error).message}`, file);
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new AnnalsError('E030', `not valid JSON: ${(e as Error).message}`, file);
  }
}

function jsonFiles(path: string): string[] {
  if (!existsSync(path)) throw new AnnalsError('E001', 'actor file or folder not found', path);
  if (statSync(path).isDirectory()) {
    return readdirSync(path)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(path, f));
  }
  return [path];
}

let cached: ActorIndex | null = null;
const configured = new Map<string, ActorIndex>();

/**
 * The user's own actor sources, when configured: the environment variables ANNALS_PETRARCH
 * (PETRARCH/Phoenix dictionary files) and ANNALS_ACTORS (JSON actor files or folders), each a
 * list separated by the platform's path delimiter (":" on Unix), else an `annals.config.json`
 * in the working directory: `{ "actors": { "petrarch": [paths], "user": [paths] } }`
 * (paths relative to that file). Empty when nothing is configured.
 */
export function configuredActorOptions(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ActorIndexOptions {
  const list = (v: string | undefined) => (v ? v.split(delimiter).map((x) => x.trim()).filter(Boolean) : []);
  const out: ActorIndexOptions = {};
  const petrarch = list(env.ANNALS_PETRARCH);
  const user = list(env.ANNALS_ACTORS);
  const cfgFile = join(cwd, 'annals.config.json');
  if (!petrarch.length && !user.length && existsSync(cfgFile)) {
    const cfg = readJson<{ actors?: { petrarch?: unknown; user?: unknown } }>(cfgFile);
    const paths = (v: unknown, field: string): string[] => {
      if (v === undefined) return [];
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new AnnalsError('E030', `"actors.${field}" must be a list of paths`, cfgFile);
      return (v as string[]).map((x) => resolve(cwd, x));
    };
    petrarch.push(...paths(cfg.actors?.petrarch, 'petrarch'));
    user.push(...paths(cfg.actors?.user, 'user'));
  }
  if (petrarch.length) out.petrarch = petrarch;
  if (user.length) out.user = user;
  return out;
}

/**
 * Load and compile the actor index. Without options the built-in index, plus whatever the user
 * configured (configuredActorOptions), is compiled once and reused.
 */
export function loadActorIndex(opts: ActorIndexOptions = {}): ActorIndex {
  if (!opts.dataDir && !opts.user?.length && !opts.petrarch?.length) {
    const conf = configuredActorOptions();
    if (conf.user?.length || conf.petrarch?.length) {
      const key = JSON.stringify(conf);
      let idx = configured.get(key);
      if (!idx) configured.set(key, (idx = loadActorIndex({ ...conf, dataDir: DEFAULT_DATA })));
      return idx;
    }
  }
  const plain = !opts.dataDir && !opts.user?.length && !opts.petrarch?.length;
  if (plain && cached) return cached;
  const dir = opts.dataDir ?? DEFAULT_DATA;
  const require = createRequire(import.meta.url);
  const countries = require('world-countries') as CountryRecord[];
  const states = readJson<StatesFile>(join(dir, 'states.json'));
  const organizations = readJson<{ entities: EntityRecord[] }>(join(dir, 'organizations.json')).entities;
  const people = jsonFiles(join(dir, 'people')).map((f) => {
    const p = readJson<PeopleFile>(f);
    if (!Array.isArray(p.people)) throw new AnnalsError('E030', 'a people file needs a "people" array', f);
    return p;
  });
  const titles = readJson<TitlesFile>(join(dir, 'titles.json'));
  const placesPath = join(dir, 'places.json');
  const places = existsSync(placesPath) ? readJson<PlacesFile>(placesPath) : undefined;
  const user = (opts.user ?? []).flatMap(jsonFiles).map((file) => ({ file, data: validateUserFile(readJson<UserActorFile>(file), file) }));
  const petrarchActors: PetrarchActor[] = [];
  const petrarchAgents: PetrarchAgent[] = [];
  for (const p of opts.petrarch ?? []) {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch (e) {
      throw new AnnalsError('E001', `cannot read dictionary: ${(e as Error).message}`, p);
    }
    if (/agents?\b[^/\\]*$/i.test(p.split(/[\\/]/).pop() ?? '')) petrarchAgents.push(...parsePetrarchAgents(text, p).agents);
    else petrarchActors.push(...parsePetrarchActors(text, p).actors);
  }
  const idx = compileActorIndex({ countries, states, organizations, people, titles, user, petrarchActors, petrarchAgents, ...(places ? { places } : {}) });
  if (plain) cached = idx;
  return idx;
}

function validateUserFile(d: UserActorFile, file: string): UserActorFile {
  if (!d || typeof d !== 'object' || Array.isArray(d)) throw new AnnalsError('E030', 'an actor file must be a JSON object', file);
  for (const e of d.entities ?? []) {
    if (typeof e.name !== 'string') throw new AnnalsError('E030', 'every entity needs a "name"', file);
    if (e.kind && !['state', 'person', 'organization', 'group', 'place'].includes(e.kind))
      throw new AnnalsError('E030', `unknown kind "${e.kind}" for ${e.name}`, file);
  }
  for (const p of d.people ?? []) {
    if (typeof p.name !== 'string') throw new AnnalsError('E030', 'every person needs a "name"', file);
    for (const r of p.roles ?? []) if (!Array.isArray(r) || typeof r[0] !== 'string') throw new AnnalsError('E030', `bad role for ${p.name}: roles are [title, from, to]`, file);
  }
  return d;
}

// ---------------------------------------------------------------- queries

export function refOf(e: Entity): EntityRef {
  return { id: e.id, name: e.name, kind: e.kind, country: e.country };
}

/** Date bounds (yyyymmdd) of an ISO date or EDTF year/month, or null. */
export function dateBounds(d: string | null | undefined): [number, number] | null {
  if (!d) return null;
  const s = dateNum(d, 'start');
  const e = dateNum(d, 'end');
  return s === null || e === null ? null : [s, e];
}

/** Is a dated target valid at the date (true when either is undated)? */
export function validAt(t: { from?: string | null; to?: string | null }, date: string | null | undefined): boolean {
  if ((!t.from && !t.to) || !date) return true;
  const s = dateNum(date, 'start');
  const e = dateNum(date, 'end');
  if (s === null || e === null) return true;
  return overlap(t.from, t.to, s, e) > 0;
}

/**
 * Who held a role in a country at a date: `resolveRole(index, "Prime Minister", "ALB", "1992-05-01")`
 * → Aleksandër Meksi. `title` is a title as written ("the Defence Minister",
 * "Premier") or a role key ("head-of-government"). When several held it in a
 * coarse date ("1976"), the one who held it longest in that period wins. A
 * country without a head of government falls back to its head of state
 * (presidential systems). Null when the index does not know.
 */
export function resolveRole(index: ActorIndex, title: string, country: string | null, isoDate: string | null, written?: string): EntityRef | null {
  if (!country || !isoDate) return null;
  const key = roleKeyOf(index, title);
  // a "President" is never a monarch, a "King" or "Emperor" always one
  const w = stripThe(phraseKey(written ?? title)).split(' ').filter((x) => !index.titles.roleModifiers.has(x))[0] ?? '';
  const monarchOnly = MONARCH_TITLES.has(w);
  const noMonarch = w === 'president' || w === 'chairman';
  if (!key) return null;
  const q = dateBounds(isoDate);
  if (!q) return null;
  const tryKey = (k: string): EntityRef | null => {
    const list = index.roleHolders.get(`${country}|${k}`);
    if (!list) return null;
    let best: RoleHolding | null = null;
    let bestLen = 0;
    for (const h of list) {
      if ((monarchOnly && !index.monarchs.has(h.entityId)) || (noMonarch && index.monarchs.has(h.entityId))) continue;
      // an undated holding (a default) counts less than any dated one
      const ov = overlap(h.from, h.to, q[0], q[1]);
      const len = h.from || h.to ? ov * 2 : Math.min(ov, 1);
      // equal overlaps ("1974" against a term ending "1974"): the more precisely dated, then the shorter term
      if (len > bestLen || (len === bestLen && len > 0 && best && precision(h) > precision(best))) {
        best = h;
        bestLen = len;
      }
    }
    const e = best ? index.entities.get(best.entityId) : undefined;
    return e ? refOf(e) : null;
  };
  return tryKey(key) ?? (key === 'head-of-government' ? tryKey('head-of-state') : null);
}

/** How precisely a holding is dated: the number of date parts written in its bounds. */
function precision(h: { from?: string | null; to?: string | null }): number {
  const parts = (d: string | null | undefined) => (d ? d.split('-').filter(Boolean).length : 0);
  return parts(h.from) + parts(h.to);
}

const MONARCH_TITLES = new Set(['king', 'queen', 'emperor', 'empress', 'monarch', 'sultan', 'tsar', 'czar', 'kaiser', 'shah', 'sovereign']);

/** The role key a title names ("Foreign minister" → "foreign-minister"), or the key itself. */
export function roleKeyOf(index: ActorIndex, title: string): string | null {
  // a role key as stored: "head-of-government", "petrarch:government"
  if (/^[a-z]+(?:[-:][a-z]+)+$/.test(title)) return title;
  let k = phraseKey(title);
  k = stripThe(k);
  const words = k.split(' ');
  while (words.length && index.titles.roleModifiers.has(words[0]!)) words.shift();
  return index.titles.roles.get(words.join(' ')) ?? null;
}

/** An entity standing for an office when its holder is unknown: "role:alb-defence-minister". */
export function roleEntity(index: ActorIndex, roleKey: string, country: string | null, label: string): Entity {
  const id = `role:${(country ?? 'xxx').toLowerCase()}-${roleKey}`;
  const state = country ? index.entities.get(index.stateOf.get(country) ?? '') : undefined;
  const name = state ? `${state.name} ${label}` : label;
  return { id, name, kind: 'person', country, aliases: [], roles: [{ title: roleKey, country, from: null, to: null }] };
}
