/**
 * The table of actors named without a proper name (data/actors/groups.json):
 * groups known by a noun ("Cuban exiles", "protesters"), legislatures written
 * without their country ("Congress", "the Senate"), island states ("the
 * island"), combining forms ("Sino-", "Anglo-") and "-flagged". Read once and
 * compiled for src/annotators/actors-groups.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnnalsError } from '../core/errors.js';
import { foldWord } from './actors-text.js';

export interface LegislatureRecord {
  id: string;
  name: string;
  /** null: the legislature of whatever state the document is about ("Parliament"). */
  country: string | null;
  from: string | null;
  to: string | null;
  aliases?: string[];
  /** For a legislature of no fixed country: states whose legislature has another name. */
  notCountries?: string[];
}

export interface GroupsFile {
  namedGroups: string[];
  bareGroups: string[];
  /** Nouns that without a demonym make a group without a country ("four pilots", "students"). */
  unplacedGroups?: string[];
  legislatures: Record<string, LegislatureRecord[]>;
  islands: string[];
  combiningForms: Record<string, string>;
  combiningFormDates?: Record<string, Array<[string, string, string]>>;
  flagged: string[];
}

export interface GroupTable {
  /** Folded noun phrase ("exile groups") → its words, longest first. */
  named: string[][];
  /** Folded phrases ("the population") written without a country, longest first. */
  bare: string[][];
  /** Folded phrases that without a demonym are a group without a country. */
  unplaced: string[][];
  /** Folded legislature phrase → candidates; each candidate's aliases are also keys. */
  legislatures: Map<string, LegislatureRecord[]>;
  legislatureMaxLen: number;
  islands: Set<string>;
  combining: Map<string, string>;
  combiningDates: Map<string, Array<[string, string, string]>>;
  flagged: Set<string>;
}

const here = dirname(fileURLToPath(import.meta.url));
const DEFAULT_FILE = resolve(here, '../../data/actors/groups.json');

export function phraseWords(s: string): string[] {
  return s
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((w) => foldWord(w.replace(/’/g, "'")));
}

const byLength = (a: string[], b: string[]): number => b.length - a.length;

/** Compile a groups file already parsed (exported for tests). */
export function compileGroups(src: GroupsFile, file = 'data/actors/groups.json'): GroupTable {
  for (const key of ['namedGroups', 'bareGroups', 'islands', 'flagged'] as const)
    if (!Array.isArray(src[key])) throw new AnnalsError('E030', `groups file: "${key}" must be a list`, file);
  if (typeof src.legislatures !== 'object' || !src.legislatures) throw new AnnalsError('E030', 'groups file: "legislatures" must be an object', file);
  const legislatures = new Map<string, LegislatureRecord[]>();
  let legislatureMaxLen = 1;
  const put = (phrase: string, r: LegislatureRecord): void => {
    const k = phraseWords(phrase).join(' ');
    const list = legislatures.get(k) ?? [];
    if (!list.some((x) => x.id === r.id)) list.push(r);
    legislatures.set(k, list);
    legislatureMaxLen = Math.max(legislatureMaxLen, k.split(' ').length);
  };
  for (const [phrase, recs] of Object.entries(src.legislatures)) {
    for (const r of recs) {
      if (!r.id || !r.name) throw new AnnalsError('E030', `groups file: legislature "${phrase}" needs an id and a name`, file);
      put(phrase, r);
      for (const a of r.aliases ?? []) put(a, r);
    }
  }
  return {
    named: src.namedGroups.map(phraseWords).sort(byLength),
    bare: src.bareGroups.map(phraseWords).sort(byLength),
    unplaced: (src.unplacedGroups ?? []).map(phraseWords).sort(byLength),
    legislatures,
    legislatureMaxLen,
    islands: new Set(src.islands),
    combining: new Map(Object.entries(src.combiningForms ?? {}).map(([k, v]) => [foldWord(k), v])),
    combiningDates: new Map(Object.entries(src.combiningFormDates ?? {}).map(([k, v]) => [foldWord(k), v])),
    flagged: new Set(src.flagged.map((w) => foldWord(w))),
  };
}

let cached: GroupTable | null = null;

/** The built-in table (or the one in `file`), read once. */
export function loadGroupTable(file?: string): GroupTable {
  if (!file && cached) return cached;
  const path = file ?? DEFAULT_FILE;
  let src: GroupsFile;
  try {
    src = JSON.parse(readFileSync(path, 'utf8')) as GroupsFile;
  } catch (e) {
    throw new AnnalsError('E001', `cannot read groups file: ${(e as Error).message}`, path);
  }
  const t = compileGroups(src, path);
  if (!file) cached = t;
  return t;
}
