/**
 * Loader for data/lexicon-context/context.json: the document-level context the
 * event coder reads (codes needing a counterpart, collective phrases, treaty
 * words, signing formulas). Read once and cached.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnnalsError } from '../core/errors.js';

export interface ContextRules {
  counterpartCodes: ReadonlySet<string>;
  /** Words one of which the act's trigger must contain to take a counterpart from context. */
  counterpartWords: ReadonlySet<string>;
  /** Words in the trigger that stop the counterpart from being filled ("no diplomatic relations"). */
  counterpartBlockers: ReadonlySet<string>;
  /** Codes whose act is mutual: the reverse event is coded even when only one side is the subject. */
  symmetricCodes: ReadonlySet<string>;
  /** Trigger words that make a mutual code one-way when the target is the direct object ("consulted London"). */
  directionalWithObject: ReadonlySet<string>;
  /** Verbs by which one actor asks another to act ("asked that", "urged X to"). */
  requestVerbs: ReadonlySet<string>;
  /** Appeal code for a requested act, by its code or a prefix of it; "default" otherwise. */
  requestCodes: ReadonlyMap<string, string>;
  /** Conjunctions that, after a comma, open a clause ending a reported complement. */
  clauseBreaks: ReadonlySet<string>;
  /** Collective phrases as lower-case word lists, longest first. */
  collectives: string[][];
  treatyWords: ReadonlySet<string>;
  signingLines: RegExp[];
  /** Definite nouns naming an earlier act ("the blockade") → code prefix of that act ('' = by its letters only). */
  anaphoraNouns: ReadonlyMap<string, string>;
  anaphoraDeterminers: ReadonlySet<string>;
}

const DEFAULT_PATH = join(import.meta.dirname, '..', '..', 'data', 'lexicon-context', 'context.json');

function words(raw: unknown, key: string, path: string): string[] {
  const list = (raw as Record<string, { [k: string]: unknown }>)[key];
  const inner = list && (list.codes ?? list.phrases ?? list.words ?? list.patterns);
  if (!Array.isArray(inner) || inner.some((x) => typeof x !== 'string')) throw new AnnalsError('E030', `${key} must hold a list of strings`, path);
  return inner as string[];
}

function listAt(raw: unknown, key: string, inner: string, path: string): string[] {
  const v = (raw as Record<string, Record<string, unknown>>)[key]?.[inner];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new AnnalsError('E030', `${key}.${inner} must be a list of strings`, path);
  return v as string[];
}

function mapAt(raw: unknown, key: string, inner: string, path: string): Map<string, string> {
  const v = (raw as Record<string, Record<string, unknown>>)[key]?.[inner];
  if (!v || typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw new AnnalsError('E030', `${key}.${inner} must map codes to codes`, path);
  }
  return new Map(Object.entries(v as Record<string, string>));
}

/** Parse and check the context rules; throws E030 naming the file on bad data. */
export function parseContextRules(text: string, path: string): ContextRules {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new AnnalsError('E030', `not valid JSON: ${(err as Error).message}`, path);
  }
  const signing = words(raw, 'signingLines', path).map((p) => {
    try {
      return new RegExp(p, 'i');
    } catch {
      throw new AnnalsError('E030', `signingLines: bad pattern ${p}`, path);
    }
  });
  return {
    counterpartCodes: new Set(words(raw, 'counterpartCodes', path)),
    counterpartWords: new Set(listAt(raw, 'counterpartCodes', 'words', path).map((w) => w.toLowerCase())),
    symmetricCodes: new Set(words(raw, 'symmetricCodes', path)),
    directionalWithObject: new Set(listAt(raw, 'symmetricCodes', 'directionalWithObject', path).map((w) => w.toLowerCase())),
    requestVerbs: new Set(listAt(raw, 'requests', 'verbs', path).map((w) => w.toLowerCase())),
    requestCodes: mapAt(raw, 'requests', 'codes', path),
    clauseBreaks: new Set(listAt(raw, 'clauseBreaks', 'words', path).map((w) => w.toLowerCase())),
    counterpartBlockers: new Set(listAt(raw, 'counterpartCodes', 'blockers', path).map((w) => w.toLowerCase())),
    collectives: words(raw, 'collectives', path).map((p) => p.toLowerCase().split(/\s+/)).sort((a, b) => b.length - a.length),
    treatyWords: new Set(words(raw, 'treatyWords', path).map((w) => w.toLowerCase())),
    signingLines: signing,
    anaphoraNouns: mapAt(raw, 'eventAnaphora', 'nouns', path),
    anaphoraDeterminers: new Set(listAt(raw, 'eventAnaphora', 'determiners', path).map((w) => w.toLowerCase())),
  };
}

let cached: ContextRules | null = null;

export function loadContextRules(path = DEFAULT_PATH): ContextRules {
  if (path === DEFAULT_PATH && cached) return cached;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AnnalsError('E002', 'cannot read dictionary file', path);
  }
  const rules = parseContextRules(text, path);
  if (path === DEFAULT_PATH) cached = rules;
  return rules;
}
