/**
 * Dictionaries a user adds to the built-in ones: PETRARCH/Phoenix actor, agent and verb
 * dictionaries, and our own JSON actor files (data/actors/README.md, "Extending").
 *
 * - checkDictionary(): validate one file (kind told or detected), count what it holds and list
 *   every malformed line as `file:line: message`.
 * - importDictionaries() / removeDictionary() / listDictionaries(): register dictionaries with a
 *   store (table `dictionaries`, migration 5, in SQLite and PostgreSQL), so every later ingest
 *   and worker into that store loads them. A dictionary is known by its absolute path; the
 *   sha256 of its bytes at import tells when it changed or went missing since.
 * - dictionaryOptionsFor(): what a run into a store loads (registered dictionaries, then those
 *   of ANNALS_DICTIONARIES=kind:path,kind:path), as options for loadResources().
 *
 * The files stay where they are: only their paths are kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { AnnalsError } from '../core/errors.js';
import { loadActorIndex } from '../dictionaries/actors.js';
import { formatProblem, parsePetrarchActors, parsePetrarchAgents, type DictionaryProblem } from '../dictionaries/petrarch.js';
import { loadResources, type ResourceOptions } from '../pipeline/pipeline.js';
import { isPostgresUrl, parsePgLocation, createPool, redactUrl } from '../store/postgres/connect.js';
import { openStore } from './open-store.js';

export type { DictionaryProblem };
export { formatProblem };

export type DictionaryKind = 'actors' | 'agents' | 'verbs' | 'user';
export const DICTIONARY_KINDS: readonly DictionaryKind[] = ['actors', 'agents', 'verbs', 'user'];

export function isDictionaryKind(k: string): k is DictionaryKind {
  return (DICTIONARY_KINDS as readonly string[]).includes(k);
}

/** What a dictionary holds. */
export interface DictionaryCounts {
  /** Records: actors, agent lines, verb blocks, or entities + people of a JSON file. */
  entries: number;
  /** Phrases or names (primary phrases and synonyms, agent phrases, verbs, names and aliases). */
  names: number;
  /** Roles with a start or end date (actors: date restrictions; user files: roles). */
  datedRoles: number;
  /** Verb patterns (verbs only). */
  patterns?: number;
  /** Synonym sets (verbs only). */
  synsets?: number;
}

export interface DictionaryCheck extends DictionaryCounts {
  /** Absolute path. */
  file: string;
  kind: DictionaryKind;
  /** The kind was found from the content or the name, not told. */
  detected: boolean;
  bytes: number;
  sha256: string;
  problems: DictionaryProblem[];
}

// ---------------------------------------------------------------- kinds

/**
 * The kind of a dictionary, from its content first (a JSON object is a user file; verb block
 * headers "--- NAME [CODE] ---" and patterns make a verb dictionary; "[~CODE]" lines an agent
 * dictionary; date restrictions and "PHRASE [CODE]" lines an actor dictionary), then from its
 * name ("….json", "…agents…", "…verbs…"/"CAMEO…", "….actors…"). Null when neither tells, and
 * for PETRARCH issue dictionaries (lower-case phrases), which annals does not use.
 */
export function detectKind(file: string, text: string): DictionaryKind | null {
  const name = basename(file).toLowerCase();
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*\{/.test(body) || name.endsWith('.json')) return 'user';
  let headers = 0;
  let patterns = 0;
  let agents = 0;
  let actors = 0;
  let lower = 0;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '');
    if (/^---\s*\S.*\[[^\]]*\]/.test(line)) headers++;
    else if (/^-\s.*\*.*\[[^\]]+\]\s*$/.test(line)) patterns++;
    else if (/\[\s*~[A-Za-z0-9]+\s*[\]}]\s*$|\[\s*[A-Za-z0-9]+~\s*\]\s*$/.test(line)) agents++;
    else if (/^\s+\[[A-Z0-9]{3,}(?:\s[^\]]*)?\]|^\S.*\[[A-Z0-9]{3,}(?:\s[^\]]*)?\]/.test(line)) actors++;
    // PETRARCH phrases are upper case; lower-case ones ("n:school [EDUCATION]") are issue dictionaries
    if (/^[a-z]/.test(line)) lower++;
  }
  if (headers > 0 && headers + patterns >= Math.max(agents, actors) / 10) return 'verbs';
  if (agents > 0 && agents >= actors) return 'agents';
  if (actors > 0 && actors > lower) return 'actors';
  if (lower > 0) return null;
  if (/agents?\b/.test(name)) return 'agents';
  if (/verbs?\b|^cameo/.test(name)) return 'verbs';
  if (/actors?\b/.test(name)) return 'actors';
  return null;
}

/**
 * How the actor loader (loadActorIndex) reads a PETRARCH file given to it: as an agent
 * dictionary when its name says "agent(s)", else as an actor dictionary.
 */
export function loaderReadsAs(file: string): 'actors' | 'agents' {
  return /agents?\b[^/\\]*$/i.test(basename(file)) ? 'agents' : 'actors';
}

// ---------------------------------------------------------------- PETRARCH verbs

const VERB_CODE = /^:?(\d{2,4}|---)(?::(\d{2,4}|---))?$/;

function balanced(s: string): string | null {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', '}': '{' };
  for (const c of s) {
    if (c === '(' || c === '{') stack.push(c);
    else if (c === ')' || c === '}') {
      if (stack.pop() !== pairs[c]) return `unbalanced "${c}"`;
    }
  }
  return stack.length ? `unclosed "${stack[stack.length - 1]}"` : null;
}

/**
 * Validate a PETRARCH verb dictionary: synonym sets ("&LABEL" then "+PHRASE" lines), verb blocks
 * ("--- NAME [CODE] ---", verbs "VERB {FORMS} [CODE]" and "+MULTI_WORD" verbs, patterns
 * "- … * … [CODE]") and transformations ("~ a (a b VERB) VERB = a b CODE").
 */
export function validatePetrarchVerbs(text: string, file = '<verbs>'): DictionaryCounts & { problems: DictionaryProblem[] } {
  const problems: DictionaryProblem[] = [];
  const synsets = new Set<string>();
  let mode: 'none' | 'synset' | 'block' = 'none';
  let blocks = 0;
  let verbs = 0;
  let patterns = 0;
  let inXmlComment = false;
  const ls = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < ls.length; i++) {
    const raw = ls[i]!;
    const bad = (message: string) => problems.push({ file, line: i + 1, message, text: raw });
    if (inXmlComment) {
      if (raw.includes('-->')) inXmlComment = false;
      continue;
    }
    if (raw.trimStart().startsWith('<!--')) {
      if (!raw.includes('-->')) inXmlComment = true;
      continue;
    }
    const t = raw.replace(/#.*$/, '').trim();
    if (!t) continue;
    const codeAtEnd = (s: string): string | null | undefined => {
      const m = /\[([^\]]*)\]\s*$/.exec(s);
      return m ? m[1]!.trim() : undefined;
    };
    if (t.startsWith('---')) {
      const m = /^---\s*(.*?)\s*\[([^\]]*)\][-\s]*$/.exec(t);
      if (!m || !m[1]) bad('a verb block starts with "--- NAME [CODE] ---"');
      else if (!VERB_CODE.test(m[2]!.trim())) bad(`bad code "${m[2]}" (a CAMEO code of 2 to 4 digits, or ---)`);
      blocks++;
      mode = 'block';
      continue;
    }
    if (t.startsWith('&')) {
      if (!/^&[A-Za-z0-9_]+$/.test(t)) bad('a synonym set label is "&" and letters, digits or _');
      else synsets.add(t.replace(/_$/, '').toUpperCase());
      mode = 'synset';
      continue;
    }
    if (t.startsWith('~')) {
      if (!/=/.test(t)) bad('a transformation reads "~ a (a b VERB) VERB = a b CODE"');
      continue;
    }
    if (t.startsWith('-')) {
      if (mode !== 'block') {
        bad('pattern before any verb block');
        continue;
      }
      const code = codeAtEnd(t);
      if (code === undefined) {
        bad('a pattern ends with its code in brackets: "- * OBJECT [CODE]"');
        continue;
      }
      if (!VERB_CODE.test(code!)) bad(`bad code "${code}" (a CAMEO code of 2 to 4 digits, or ---)`);
      const body = t.slice(1, t.lastIndexOf('['));
      if (!body.includes('*')) bad('a pattern needs * where the verb goes');
      const b = balanced(body);
      if (b) bad(b);
      // "&LABEL_WORD" is the set followed by a word: some prefix up to a "_" must be a defined set
      for (const ref of body.match(/&[A-Za-z0-9_]+/g) ?? []) {
        const parts = ref.toUpperCase().replace(/_+$/, '').split('_');
        if (!parts.some((_, k) => synsets.has(parts.slice(0, k + 1).join('_')))) bad(`synonym set ${ref} used before it is defined (the pattern is ignored)`);
      }
      patterns++;
      continue;
    }
    if (t.startsWith('+') && mode === 'synset') {
      if (!/^\+[^$+%^]+$/.test(t)) bad('a synonym set member is "+" and a phrase (no $, +, % or ^)');
      continue;
    }
    // a verb: "VERB {FORMS} [CODE]" or a multi-word verb "+VERB_UP {FORMS}" / "WIRE_+TAP"
    if (mode !== 'block') {
      bad(mode === 'none' ? 'verb before any verb block' : 'line inside a synonym set that is not "+PHRASE"');
      continue;
    }
    const m = /^(\+?[A-Za-z0-9_'.+-]+)\s*(\{[^}]*\})?\s*(?:\[([^\]]*)\])?\s*$/.exec(t);
    if (!m) {
      bad('expected "VERB {FORMS} [CODE]"');
      continue;
    }
    if (m[3] !== undefined && !VERB_CODE.test(m[3].trim())) bad(`bad code "${m[3]}" (a CAMEO code of 2 to 4 digits, or ---)`);
    verbs++;
  }
  return { entries: blocks, names: verbs, datedRoles: 0, patterns, synsets: synsets.size, problems };
}

// ---------------------------------------------------------------- user JSON files

/** A JSON value with the line it starts on. */
interface Located {
  value: unknown;
  line: number;
  items?: Located[];
  fields?: Map<string, { line: number; node: Located }>;
}

function locateYaml(node: unknown, lc: LineCounter): Located {
  const line = (n: unknown) => {
    const r = (n as { range?: [number, number, number] } | null)?.range;
    return r ? lc.linePos(r[0]).line : 1;
  };
  if (isMap(node)) {
    const fields = new Map<string, { line: number; node: Located }>();
    for (const p of node.items) {
      const k = isScalar(p.key) ? String(p.key.value) : String(p.key);
      fields.set(k, { line: line(p.key), node: locateYaml(p.value, lc) });
    }
    return { value: (node as YamlNode).toJSON(), line: line(node), fields };
  }
  if (isSeq(node)) return { value: node.toJSON(), line: line(node), items: node.items.map((x) => locateYaml(x, lc)) };
  if (isScalar(node)) return { value: node.value, line: line(node) };
  return { value: node === null || node === undefined ? null : (node as YamlNode).toJSON?.() ?? null, line: line(node) };
}

/** The same tree without lines (every value on line `line`), when the text cannot be located. */
function locatePlain(v: unknown, line: number): Located {
  if (Array.isArray(v)) return { value: v, line, items: v.map((x) => locatePlain(x, line)) };
  if (v && typeof v === 'object') {
    const fields = new Map<string, { line: number; node: Located }>();
    for (const [k, x] of Object.entries(v)) fields.set(k, { line, node: locatePlain(x, line) });
    return { value: v, line, fields };
  }
  return { value: v, line };
}

/**
 * Where JSON.parse stops in a text that is not valid JSON (Node's messages do not always say):
 * a small recursive-descent scan over the JSON grammar; the offset of the first character
 * that cannot continue the text, or null when the text is valid.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const lit = (w: string) => {
    for (const c of w) if (text[i++] !== c) (i--, fail());
  };
  const str = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const num = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return str();
    if (c === 't') return lit('true');
    if (c === 'f') return lit('false');
    if (c === 'n') return lit('null');
    return num();
  };
  try {
    value();
    ws();
    return i < text.length ? i : null;
  } catch (e) {
    if (typeof e === 'number') return e;
    throw e;
  }
}

/** The line of a character position in text (1-based). */
function lineAt(text: string, pos: number): number {
  let n = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

const DATE = /^-?\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;
const ENTITY_KINDS = ['state', 'person', 'organization', 'group', 'place'];
const COUNTRY = /^[A-Z]{3}$/;

const ROLE_KEY = /^[a-z]+(?:[-:][a-z]+)*$/;

export interface UserFileContext {
  /** Entity ids an "aliases" entry may name (default: those of the built-in index). */
  knownIds?: Set<string>;
  /** Titles as written → role keys ("prime minister" → "head-of-government"; default: data/actors/titles.json). */
  titles?: Map<string, string>;
}

/**
 * Validate a user JSON actor file (data/actors/README.md): every problem with its line.
 * Stricter than the loader where the loader would silently do something else (a role title
 * that is not a role key is never resolved; a month 13 is clamped).
 */
export function validateUserActors(text: string, file = '<actors.json>', ctx: UserFileContext = {}): DictionaryCounts & { problems: DictionaryProblem[] } {
  const problems: DictionaryProblem[] = [];
  const lines = text.split(/\r?\n/);
  const bad = (line: number, message: string) => problems.push({ file, line, message, text: lines[line - 1] ?? '' });
  const counts = { entries: 0, names: 0, datedRoles: 0 };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const body = text.replace(/^\uFEFF/, '');
    const at = jsonErrorOffset(body);
    if (at === null) bad(1, `not valid JSON: ${(e as Error).message.split('\n')[0]}`);
    else {
      const col = at - body.lastIndexOf('\n', at - 1);
      bad(lineAt(body, at), `not valid JSON: ${at >= body.length ? 'the text ends too early' : `unexpected ${JSON.stringify(body[at])} at column ${col}`}`);
    }
    return { ...counts, problems };
  }
  let root: Located;
  const lc = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lc, uniqueKeys: false });
  root = doc.errors.length ? locatePlain(data, 1) : locateYaml(doc.contents, lc);
  if (!root.fields || Array.isArray(root.value)) {
    bad(root.line, 'an actor file is a JSON object: { "entities": [...], "people": [...], "aliases": {...} }');
    return { ...counts, problems };
  }
  const titles = ctx.titles ?? loadActorIndex().titles.roles;
  const ids = new Set<string>();
  const isStr = (n: Located | undefined) => typeof n?.value === 'string' && (n.value as string).trim() !== '';
  const strList = (n: Located | undefined, what: string): number => {
    if (!n) return 0;
    if (!n.items) {
      bad(n.line, `${what} must be a list of strings`);
      return 0;
    }
    let k = 0;
    for (const it of n.items) {
      if (!isStr(it)) bad(it.line, `${what} must be a list of strings (got ${JSON.stringify(it.value)})`);
      else k++;
    }
    return k;
  };
  const date = (n: Located | undefined, what: string): boolean => {
    if (!n || n.value === null) return false;
    if (typeof n.value !== 'string' || !DATE.test(n.value)) {
      bad(n.line, `${what} must be a date (YYYY, YYYY-MM or YYYY-MM-DD) or null (got ${JSON.stringify(n.value)})`);
      return false;
    }
    return true;
  };
  const country = (n: Located | undefined) => {
    if (n && n.value !== null && (typeof n.value !== 'string' || !COUNTRY.test(n.value))) {
      bad(n.line, `"country" must be a CAMEO country code of three capital letters ("ALB", "IGO") or null (got ${JSON.stringify(n.value)})`);
    }
  };
  const unknownFields = (n: Located, allowed: string[], what: string) => {
    for (const [k, f] of n.fields ?? []) if (!allowed.includes(k)) bad(f.line, `unknown field "${k}" in ${what} (expected ${allowed.join(', ')})`);
  };
  const slugOf = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');

  unknownFields(root, ['entities', 'people', 'aliases'], 'the file');
  const entities = root.fields.get('entities')?.node;
  if (entities && !entities.items) bad(entities.line, '"entities" must be a list');
  for (const e of entities?.items ?? []) {
    if (!e.fields) {
      bad(e.line, 'an entity is an object with at least a "name"');
      continue;
    }
    counts.entries++;
    unknownFields(e, ['id', 'name', 'kind', 'country', 'aliases', 'contextual', 'leaders', 'from', 'to'], 'an entity');
    const name = e.fields.get('name')?.node;
    if (!isStr(name)) bad(name?.line ?? e.line, 'every entity needs a "name"');
    else counts.names++;
    const kind = e.fields.get('kind')?.node;
    if (kind && (typeof kind.value !== 'string' || !ENTITY_KINDS.includes(kind.value))) {
      bad(kind.line, `unknown kind ${JSON.stringify(kind.value)} (one of ${ENTITY_KINDS.join(', ')})`);
    }
    const id = e.fields.get('id')?.node;
    if (id && (typeof id.value !== 'string' || !/^[a-z]+:\S+$/.test(id.value))) bad(id.line, `an id looks like "org:my-ngo" (got ${JSON.stringify(id.value)})`);
    const k = typeof kind?.value === 'string' ? kind.value : 'organization';
    if (typeof id?.value === 'string') ids.add(id.value);
    else if (isStr(name)) ids.add(`${k === 'organization' ? 'org' : k}:${slugOf(name!.value as string)}`);
    country(e.fields.get('country')?.node);
    counts.names += strList(e.fields.get('aliases')?.node, '"aliases"');
    counts.names += strList(e.fields.get('contextual')?.node, '"contextual"');
    strList(e.fields.get('leaders')?.node, '"leaders"');
    date(e.fields.get('from')?.node, '"from"');
    date(e.fields.get('to')?.node, '"to"');
  }
  const people = root.fields.get('people')?.node;
  if (people && !people.items) bad(people.line, '"people" must be a list');
  for (const p of people?.items ?? []) {
    if (!p.fields) {
      bad(p.line, 'a person is an object with at least a "name"');
      continue;
    }
    counts.entries++;
    unknownFields(p, ['name', 'aliases', 'country', 'roles', 'monarch'], 'a person');
    const name = p.fields.get('name')?.node;
    if (!isStr(name)) bad(name?.line ?? p.line, 'every person needs a "name"');
    else {
      counts.names++;
      ids.add(`person:${slugOf(name!.value as string)}`);
    }
    country(p.fields.get('country')?.node);
    counts.names += strList(p.fields.get('aliases')?.node, '"aliases"');
    const monarch = p.fields.get('monarch')?.node;
    if (monarch && typeof monarch.value !== 'boolean') bad(monarch.line, '"monarch" must be true or false');
    const rs = p.fields.get('roles')?.node;
    if (rs && !rs.items) bad(rs.line, '"roles" must be a list of [role, from, to] (and the office\'s country when not the person\'s)');
    for (const r of rs?.items ?? []) {
      const [title, from, to, where, ...more] = r.items ?? [];
      if (!r.items || !title || more.length) {
        bad(r.line, 'a role is [role, from, to] or [role, from, to, office-country]');
        continue;
      }
      if (typeof title.value !== 'string' || !ROLE_KEY.test(title.value)) {
        const key = typeof title.value === 'string' ? titles.get(title.value.toLowerCase().replace(/^the /, '').trim()) : undefined;
        bad(
          title.line,
          key
            ? `${JSON.stringify(title.value)} is a title: write its role key "${key}" (data/actors/titles.json)`
            : `a role is a role key such as "head-of-government" or "foreign-minister" (data/actors/titles.json), not ${JSON.stringify(title.value)}`,
        );
        continue;
      }
      const dated = date(from, 'a role\'s start');
      const dated2 = date(to, 'a role\'s end');
      if (where && where.value !== null && (typeof where.value !== 'string' || !COUNTRY.test(where.value))) {
        bad(where.line, `an office's country is a CAMEO code of three capital letters (got ${JSON.stringify(where.value)})`);
      }
      if (dated || dated2) counts.datedRoles++;
    }
  }
  const aliases = root.fields.get('aliases')?.node;
  if (aliases && !aliases.fields) bad(aliases.line, '"aliases" must be an object: { "state:ALB": ["another name"] }');
  for (const [id, f] of aliases?.fields ?? []) {
    const known = ctx.knownIds ? ctx.knownIds.has(id) : loadActorIndex().entities.has(id);
    if (!known && !ids.has(id)) bad(f.line, `aliases given for unknown entity ${id} (ids look like "state:ALB", "org:nato", "person:enver-hoxha")`);
    counts.names += strList(f.node, `aliases of ${id}`);
  }
  return { ...counts, problems };
}

// ---------------------------------------------------------------- check (I/O)

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The JSON files of a folder, sorted (as the actor loader reads them). */
function folderFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** Bytes and sha256 of a file, or of a folder's JSON files (their names and hashes); null when missing. */
export function fingerprint(path: string): { bytes: number; sha256: string } | null {
  if (!existsSync(path)) return null;
  if (statSync(path).isDirectory()) {
    const h = createHash('sha256');
    let bytes = 0;
    for (const f of folderFiles(path)) {
      const b = readFileSync(f);
      bytes += b.length;
      h.update(`${basename(f)}\0${sha256(b)}\n`);
    }
    return { bytes, sha256: h.digest('hex') };
  }
  const b = readFileSync(path);
  return { bytes: b.length, sha256: sha256(b) };
}

function readText(path: string, kind: DictionaryKind | null): { text: string; bytes: Buffer } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AnnalsError(code === 'ENOENT' ? 'E001' : 'E002', code === 'ENOENT' ? 'dictionary not found' : `dictionary unreadable (${code})`, path);
  }
  if (!bytes.length) throw new AnnalsError('E003', 'dictionary is empty', path);
  // PETRARCH files are plain ASCII, a few in Latin-1; JSON is UTF-8
  const utf8 = bytes.toString('utf8');
  return { text: kind !== 'user' && utf8.includes('\uFFFD') ? bytes.toString('latin1') : utf8, bytes };
}

/**
 * Validate a dictionary: kind (told or detected), counts and every malformed line. Problems
 * name the file as given (`path`); `file` is its absolute path.
 */
export function checkDictionary(path: string, options: { kind?: DictionaryKind; cwd?: string } = {}): DictionaryCheck {
  const file = resolve(options.cwd ?? process.cwd(), path);
  if (existsSync(file) && statSync(file).isDirectory()) {
    if (options.kind && options.kind !== 'user') throw new AnnalsError('E020', `a folder can only hold user JSON files, not a ${options.kind} dictionary`, file);
    const files = folderFiles(file);
    if (!files.length) throw new AnnalsError('E001', 'no JSON actor files in this folder', file);
    const out: DictionaryCheck = { file, kind: 'user', detected: !options.kind, entries: 0, names: 0, datedRoles: 0, bytes: 0, sha256: fingerprint(file)!.sha256, problems: [] };
    for (const f of files) {
      const c = checkDictionary(join(path, basename(f)), { kind: 'user', cwd: options.cwd });
      out.entries += c.entries;
      out.names += c.names;
      out.datedRoles += c.datedRoles;
      out.bytes += c.bytes;
      out.problems.push(...c.problems);
    }
    return out;
  }
  const { text, bytes } = readText(file, options.kind ?? null);
  const kind = options.kind ?? detectKind(file, text);
  if (!kind) {
    const other = /issue|discard/i.test(basename(file)) ? ' (PETRARCH issue dictionaries and discard lists are not used by annals)' : '';
    throw new AnnalsError('E020', `cannot tell what kind of dictionary this is${other}: name it with --kind actors|agents|verbs|user`, file);
  }
  const base = { file, kind, detected: !options.kind, bytes: bytes.length, sha256: sha256(bytes) };
  if (kind === 'actors') {
    const r = parsePetrarchActors(text, path);
    return {
      ...base,
      entries: r.actors.length,
      names: r.actors.reduce((n, a) => n + 1 + a.synonyms.length, 0),
      datedRoles: r.actors.reduce((n, a) => n + a.roles.filter((x) => x.from || x.to).length, 0),
      problems: r.problems,
    };
  }
  if (kind === 'agents') {
    const r = parsePetrarchAgents(text, path);
    return { ...base, entries: r.agents.length, names: r.agents.reduce((n, a) => n + a.phrases.length, 0), datedRoles: 0, problems: r.problems };
  }
  if (kind === 'verbs') return { ...base, ...validatePetrarchVerbs(text, path) };
  return { ...base, ...validateUserActors(text, path) };
}

// ---------------------------------------------------------------- registry (store)

export interface RegisteredDictionary {
  /** Absolute path. */
  path: string;
  kind: DictionaryKind;
  sha256: string;
  bytes: number;
  entries: number;
  /** Load order. */
  seq: number;
  importedAt: string;
}

export interface DictionaryRegistry {
  list(): Promise<RegisteredDictionary[]>;
  /** Add, or update the record of a path already registered (its place in the order kept). */
  put(d: Omit<RegisteredDictionary, 'seq'>): Promise<'added' | 'updated'>;
  remove(path: string): Promise<boolean>;
  close(): Promise<void>;
}

interface Row {
  path: string;
  kind: string;
  sha256: string;
  bytes: number;
  entries: number;
  seq: number;
  imported_at: string;
}

const fromRow = (r: Row): RegisteredDictionary => ({
  path: r.path,
  kind: r.kind as DictionaryKind,
  sha256: r.sha256,
  bytes: Number(r.bytes),
  entries: Number(r.entries),
  seq: Number(r.seq),
  importedAt: r.imported_at,
});

function sqliteRegistry(path: string): DictionaryRegistry {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (e) {
    throw new AnnalsError('E002', `cannot open the store for dictionaries: ${(e as Error).message}`, path);
  }
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dictionaries'").get()) {
    db.close();
    throw new AnnalsError('E011', 'the store has no dictionaries table: open it with this version of annals once to upgrade it', path);
  }
  return {
    async list() {
      return (db.prepare('SELECT * FROM dictionaries ORDER BY seq, path').all() as Row[]).map(fromRow);
    },
    async put(d) {
      return db
        .transaction((): 'added' | 'updated' => {
          const had = db.prepare('SELECT seq FROM dictionaries WHERE path = ?').get(d.path) as { seq: number } | undefined;
          const seq = had?.seq ?? ((db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM dictionaries').get() as { n: number }).n);
          db.prepare(
            `INSERT INTO dictionaries (path, kind, sha256, bytes, entries, seq, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (path) DO UPDATE SET kind = excluded.kind, sha256 = excluded.sha256, bytes = excluded.bytes,
               entries = excluded.entries, imported_at = excluded.imported_at`,
          ).run(d.path, d.kind, d.sha256, d.bytes, d.entries, seq, d.importedAt);
          return had ? 'updated' : 'added';
        })
        .immediate();
    },
    async remove(p) {
      return db.prepare('DELETE FROM dictionaries WHERE path = ?').run(p).changes > 0;
    },
    async close() {
      db.close();
    },
  };
}

async function postgresRegistry(url: string): Promise<DictionaryRegistry> {
  const location = parsePgLocation(url);
  const pool = createPool(location, 1);
  try {
    const { rows } = await pool.query('SELECT to_regclass($1) AS t', [`${location.schema}.dictionaries`]);
    if (!rows[0]?.t) throw new AnnalsError('E011', 'the store has no dictionaries table: open it with this version of annals once to upgrade it', redactUrl(url));
  } catch (e) {
    await pool.end().catch(() => {});
    if (e instanceof AnnalsError) throw e;
    throw new AnnalsError('E002', `cannot open the store for dictionaries: ${(e as Error).message}`, redactUrl(url));
  }
  return {
    async list() {
      const { rows } = await pool.query('SELECT path, kind, sha256, bytes, entries, seq, imported_at FROM dictionaries ORDER BY seq, path');
      return (rows as Row[]).map(fromRow);
    },
    async put(d) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query('LOCK TABLE dictionaries IN SHARE ROW EXCLUSIVE MODE');
        const had = (await c.query('SELECT seq FROM dictionaries WHERE path = $1', [d.path])).rows[0] as { seq: number } | undefined;
        const seq = had?.seq ?? Number((await c.query('SELECT coalesce(max(seq), 0) + 1 AS n FROM dictionaries')).rows[0].n);
        await c.query(
          `INSERT INTO dictionaries (path, kind, sha256, bytes, entries, seq, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (path) DO UPDATE SET kind = excluded.kind, sha256 = excluded.sha256, bytes = excluded.bytes,
             entries = excluded.entries, imported_at = excluded.imported_at`,
          [d.path, d.kind, d.sha256, d.bytes, d.entries, seq, d.importedAt],
        );
        await c.query('COMMIT');
        return had ? 'updated' : 'added';
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        c.release();
      }
    },
    async remove(p) {
      const r = await pool.query('DELETE FROM dictionaries WHERE path = $1', [p]);
      return (r.rowCount ?? 0) > 0;
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * The dictionaries registered with the store at `location` (a SQLite file or a postgres:// URL).
 * The store is created or upgraded first when `create`, else it must exist (E001).
 */
export async function openDictionaryRegistry(location: string, options: { create?: boolean } = {}): Promise<DictionaryRegistry> {
  if (location === ':memory:') throw new AnnalsError('E020', 'an in-memory store keeps nothing: register dictionaries with a store file or database (--db)', location);
  // opening the store creates or upgrades its schema (migration 5 adds the table)
  const store = await openStore(location, { mustExist: !options.create });
  await store.close();
  return isPostgresUrl(location) ? postgresRegistry(location) : sqliteRegistry(location);
}

// ---------------------------------------------------------------- use cases

export interface ImportResult extends DictionaryCheck {
  outcome: 'added' | 'updated';
  /** Milliseconds to load the built-in dictionaries with every registered one (the cost each run pays once). */
  loadMs: number;
}

/** A dictionary's kind as loadResources() takes it. */
function addTo(opts: ResourceOptions, kind: DictionaryKind, path: string): void {
  if (kind === 'verbs') opts.verbs = path;
  else (opts[kind] ??= []).push(path);
}

/**
 * Check and register dictionaries with a store. Refused (AnnalsError, nothing registered):
 * a file missing, empty or of unknown kind, one with no entries, a PETRARCH file the actor
 * loader would read as the other kind (it tells agent files by "agents" in their name), a
 * second verb dictionary (one is loaded at a time), or a set the loader cannot load.
 * Malformed lines are not fatal: the loader skips them (checkDictionary lists them).
 */
export async function importDictionaries(
  location: string,
  files: string[],
  options: { kind?: DictionaryKind; cwd?: string; now?: () => Date } = {},
): Promise<ImportResult[]> {
  const checks = files.map((f) => checkDictionary(f, { kind: options.kind, cwd: options.cwd }));
  for (const c of checks) {
    if (!c.entries) throw new AnnalsError('E030', `no ${c.kind} entries found: nothing to import (check it with annals dict check)`, c.file);
    if ((c.kind === 'actors' || c.kind === 'agents') && loaderReadsAs(c.file) !== c.kind) {
      throw new AnnalsError(
        'E020',
        c.kind === 'agents'
          ? 'the actor loader reads a PETRARCH file as an agent dictionary only when its name says "agents": rename it (e.g. my.agents.txt)'
          : 'the actor loader reads a PETRARCH file whose name says "agent(s)" as an agent dictionary: rename this actor dictionary (e.g. my.actors.txt)',
        c.file,
      );
    }
  }
  const registry = await openDictionaryRegistry(location, { create: true });
  try {
    const before = await registry.list();
    const verbs = [...before.filter((d) => d.kind === 'verbs' && !checks.some((c) => c.file === d.path)).map((d) => d.path), ...checks.filter((c) => c.kind === 'verbs').map((c) => c.file)];
    if (new Set(verbs).size > 1) {
      throw new AnnalsError('E020', `one verb dictionary is loaded at a time: ${verbs[0]} is registered (annals dict remove it first)`, checks.find((c) => c.kind === 'verbs')!.file);
    }
    // the whole set must load before anything is registered
    const opts: ResourceOptions = {};
    // in the order later runs load them: re-imported ones keep their place, new ones come last
    const order = [
      ...before.map((d) => ({ path: d.path, kind: checks.find((c) => c.file === d.path)?.kind ?? d.kind })),
      ...checks.filter((c) => !before.some((d) => d.path === c.file)).map((c) => ({ path: c.file, kind: c.kind })),
    ];
    for (const d of order) if (existsSync(d.path)) addTo(opts, d.kind, d.path);
    const t0 = performance.now();
    loadResources(opts);
    const loadMs = Math.round(performance.now() - t0);
    const now = (options.now ?? (() => new Date()))().toISOString();
    const out: ImportResult[] = [];
    for (const c of checks) {
      const outcome = await registry.put({ path: c.file, kind: c.kind, sha256: c.sha256, bytes: c.bytes, entries: c.entries, importedAt: now });
      out.push({ ...c, outcome, loadMs });
    }
    return out;
  } finally {
    await registry.close();
  }
}

/** Unregister a dictionary by its path (as given, resolved against cwd) or its file name when only one has it; the path removed, or null. */
export async function removeDictionary(location: string, file: string, options: { cwd?: string } = {}): Promise<string | null> {
  const registry = await openDictionaryRegistry(location);
  try {
    const all = await registry.list();
    const abs = resolve(options.cwd ?? process.cwd(), file);
    const hit = all.find((d) => d.path === abs) ?? (all.filter((d) => basename(d.path) === file).length === 1 ? all.find((d) => basename(d.path) === file) : undefined);
    if (!hit) return null;
    await registry.remove(hit.path);
    return hit.path;
  } finally {
    await registry.close();
  }
}

/** One dictionary of a run: where it comes from and whether it is as it was when imported. */
export interface ActiveDictionary {
  path: string;
  kind: DictionaryKind;
  source: 'store' | 'env';
  /** ok: as imported; changed: other bytes since; missing: gone (not loaded); unchecked: from the environment. */
  state: 'ok' | 'changed' | 'missing' | 'unchecked';
  registered?: RegisteredDictionary;
}

/** ANNALS_DICTIONARIES: "kind:path,kind:path" (a path without a known kind gets its kind detected). */
export function parseDictionaryEnv(value: string | undefined, cwd = process.cwd()): Array<{ kind: DictionaryKind | null; path: string }> {
  if (!value?.trim()) return [];
  return value
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((item) => {
      const m = /^([a-z]+):(.+)$/.exec(item);
      if (m && isDictionaryKind(m[1]!)) return { kind: m[1] as DictionaryKind, path: resolve(cwd, m[2]!.trim()) };
      if (m && !/^[a-z]$/i.test(m[1]!)) throw new AnnalsError('E020', `ANNALS_DICTIONARIES: unknown kind "${m[1]}" (one of ${DICTIONARY_KINDS.join(', ')})`, item);
      return { kind: null, path: resolve(cwd, item) };
    });
}

/** Has the store a dictionaries registry to read (without creating or upgrading anything)? */
async function registeredIn(location: string): Promise<RegisteredDictionary[]> {
  if (location === ':memory:') return [];
  if (isPostgresUrl(location)) {
    const location_ = parsePgLocation(location);
    const pool = createPool(location_, 1);
    try {
      const { rows } = await pool.query('SELECT to_regclass($1) AS t', [`${location_.schema}.dictionaries`]);
      if (!rows[0]?.t) return [];
      const r = await pool.query('SELECT path, kind, sha256, bytes, entries, seq, imported_at FROM dictionaries ORDER BY seq, path');
      return (r.rows as Row[]).map(fromRow);
    } finally {
      await pool.end().catch(() => {});
    }
  }
  if (!existsSync(location)) return [];
  let db: Database.Database | undefined;
  try {
    db = new Database(location, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dictionaries'").get()) return [];
    return (db.prepare('SELECT * FROM dictionaries ORDER BY seq, path').all() as Row[]).map(fromRow);
  } catch (e) {
    throw new AnnalsError('E011', `cannot read the dictionaries of the store: ${(e as Error).message}`, location);
  } finally {
    db?.close();
  }
}

/** Every dictionary a run into the store loads: the registered ones, then ANNALS_DICTIONARIES. */
export async function listDictionaries(location: string, options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<ActiveDictionary[]> {
  const out: ActiveDictionary[] = [];
  for (const d of await registeredIn(location)) {
    const fp = fingerprint(d.path);
    out.push({ path: d.path, kind: d.kind, source: 'store', state: !fp ? 'missing' : fp.sha256 === d.sha256 ? 'ok' : 'changed', registered: d });
  }
  for (const e of parseDictionaryEnv((options.env ?? process.env).ANNALS_DICTIONARIES, options.cwd)) {
    if (!existsSync(e.path)) {
      out.push({ path: e.path, kind: e.kind ?? 'actors', source: 'env', state: 'missing' });
      continue;
    }
    const kind = e.kind ?? checkDictionary(e.path).kind;
    out.push({ path: e.path, kind, source: 'env', state: 'unchecked' });
  }
  return out;
}

/**
 * What a run into the store at `location` loads, as loadResources() options, with one warning
 * line for each registered dictionary that changed or went missing since it was imported.
 */
export async function dictionaryOptionsFor(
  location: string,
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<{ options: ResourceOptions; warnings: string[]; dictionaries: ActiveDictionary[] }> {
  const dictionaries = await listDictionaries(location, options);
  const opts: ResourceOptions = {};
  const warnings: string[] = [];
  for (const d of dictionaries) {
    if (d.state === 'missing') {
      warnings.push(`warning: ${d.kind} dictionary ${d.path} ${d.source === 'env' ? '(ANNALS_DICTIONARIES) not found' : 'went missing since it was imported'}: not loaded`);
      continue;
    }
    if (d.state === 'changed') {
      warnings.push(`warning: ${d.kind} dictionary ${d.path} changed since it was imported: loaded as it is now (annals dict import it again to record it; ingest --replace re-codes documents read before)`);
    }
    if (d.kind === 'verbs' && opts.verbs && opts.verbs !== d.path) warnings.push(`warning: one verb dictionary is loaded at a time: ${d.path} is used, not ${opts.verbs}`);
    addTo(opts, d.kind, d.path);
  }
  for (const d of dictionaries) {
    if (d.state !== 'missing' && (d.kind === 'actors' || d.kind === 'agents') && loaderReadsAs(d.path) !== d.kind) {
      warnings.push(`warning: ${d.path} is read as ${loaderReadsAs(d.path)} (the actor loader tells agent dictionaries by "agents" in the file name)`);
    }
  }
  return { options: opts, warnings, dictionaries };
}
