/**
 * Merge and conflict settings: the built-in ones from data/merge/rules.json,
 * checked once, overridable by callers.
 */
import builtIn from '../../data/merge/rules.json' with { type: 'json' };
import { AnnalsError } from '../core/errors.js';

export interface CodePair {
  a: string;
  b: string;
  score: number;
  reason: string;
}

export interface MergeRules {
  actors: { countryLevelAcrossDocuments: boolean; countryLevelScore: number };
  codes: { prefixScore: number; compatible: CodePair[] };
  conflicts: {
    nearDateDays: Partial<Record<'day' | 'month', number>>;
    kindOppositeQuadOnly: boolean;
    actorNeedsPrecision: string[];
    onceCodes: string[];
    /** Code prefixes whose lists of dates enumerate occurrences. */
    listCodes: string[];
  };
}

export function checkRules(raw: unknown, where = 'data/merge/rules.json'): MergeRules {
  const r = raw as MergeRules;
  const bad = (what: string): never => {
    throw new AnnalsError('E030', `merge rules: ${what}`, where);
  };
  if (!r || typeof r !== 'object') bad('not an object');
  if (!r.codes || !Array.isArray(r.codes.compatible)) bad('codes.compatible must be a list');
  for (const p of r.codes.compatible) {
    if (!/^\d{2,4}$/.test(p.a) || !/^\d{2,4}$/.test(p.b)) bad(`code pair ${JSON.stringify(p)} is not two CAMEO codes`);
    if (!(p.score > 0 && p.score <= 1)) bad(`code pair ${p.a}/${p.b} needs a score in (0, 1]`);
    if (!p.reason) bad(`code pair ${p.a}/${p.b} needs a reason`);
  }
  if (!r.actors || typeof r.actors.countryLevelScore !== 'number') bad('actors.countryLevelScore missing');
  if (!r.conflicts || typeof r.conflicts.nearDateDays !== 'object') bad('conflicts.nearDateDays missing');
  return r;
}

export const DEFAULT_RULES: MergeRules = checkRules(builtIn);
