/**
 * The CAMEO event table: every code (2-4 digits) with a short label, its
 * Goldstein score, quad class and PLOVER category. The rows are data
 * (data/cameo/codes.json, read by src/dictionaries/lexicon.ts); this module
 * only validates and indexes them. It imports nothing but types.
 */
import type { QuadClass } from './types.js';

export interface CameoEntry {
  /** 2-4 digits as text, e.g. "042", "1721". */
  code: string;
  /** The 2-digit root, e.g. "04". */
  root: string;
  /** Short label, e.g. "visits". */
  label: string;
  /** Goldstein conflict-cooperation score, -10 .. +10. */
  goldstein: number;
  quadClass: QuadClass;
  /** PLOVER event category (e.g. "CONSULT"), null where PLOVER has none. */
  plover: string | null;
  ploverMode?: string | null;
  ploverContext?: string | null;
}

export interface CameoTable {
  entries: ReadonlyMap<string, CameoEntry>;
  /** The entry for a code; unknown 4-digit codes fall back to their 3-digit parent. */
  get(code: string): CameoEntry | undefined;
  /** Label of the root ("04" -> "consultation"). */
  rootLabel(root: string): string | undefined;
}

const CODE = /^(0[1-9]|1\d|20)\d{0,2}$/;

/** Problems found in the rows (empty when valid). */
export function validateCameoRows(rows: unknown): string[] {
  const problems: string[] = [];
  if (!Array.isArray(rows)) return ['expected an array of CAMEO rows'];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const at = `row ${i}`;
    if (typeof r !== 'object' || r === null) return void problems.push(`${at}: not an object`);
    const e = r as Record<string, unknown>;
    if (typeof e.code !== 'string' || !CODE.test(e.code)) problems.push(`${at}: bad code ${String(e.code)}`);
    else if (seen.has(e.code)) problems.push(`${at}: duplicate code ${e.code}`);
    else seen.add(e.code);
    if (typeof e.code === 'string' && e.root !== e.code.slice(0, 2)) problems.push(`${at}: root does not match code`);
    if (typeof e.label !== 'string' || !e.label) problems.push(`${at}: missing label`);
    if (typeof e.goldstein !== 'number' || e.goldstein < -10 || e.goldstein > 10) problems.push(`${at}: bad goldstein`);
    if (![1, 2, 3, 4].includes(e.quadClass as number)) problems.push(`${at}: bad quadClass`);
    if (e.plover !== null && typeof e.plover !== 'string') problems.push(`${at}: bad plover`);
  });
  return problems;
}

/** Quad class of a root by the usual grouping (01-05, 06-09, 10-14, 15-20). */
export function quadClassOfRoot(root: string): QuadClass {
  const n = Number(root);
  return n <= 5 ? 1 : n <= 9 ? 2 : n <= 14 ? 3 : 4;
}

export function createCameoTable(rows: readonly CameoEntry[]): CameoTable {
  const entries = new Map<string, CameoEntry>();
  for (const r of rows) entries.set(r.code, r);
  return {
    entries,
    get(code: string) {
      return entries.get(code) ?? (code.length === 4 ? entries.get(code.slice(0, 3)) : undefined);
    },
    rootLabel(root: string) {
      return entries.get(root)?.label;
    },
  };
}
