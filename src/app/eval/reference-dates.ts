/**
 * Calendar bounds of an EDTF string read exactly the way the reference scorer
 * reads them, so that `annals eval` agrees with `score-events` to the last
 * digit: "1976" → 1976-01-01..1976-12-31, "1976-10", "1976-21" (spring: March
 * to May), "1975-12-02/1978-07", "1977~", "19XX", "..". This is the scorer's
 * reading, quirks included ("197X" is taken for the whole century); everything
 * else in annals reads dates with src/core/edtf.ts.
 * Bounds are [year, month, day] triples; years may be negative.
 */
import { AnnalsError } from '../../core/errors.js';

export type Ymd = [number, number, number];

export interface EdtfBounds {
  lo: Ymd;
  hi: Ymd;
}

/** Seasons 21..24 as month ranges; winter (24) runs from December into February. */
const SEASONS: Record<number, [number, number]> = { 21: [3, 5], 22: [6, 8], 23: [9, 11], 24: [12, 14] };
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** Days in a month; an impossible month is an error, as in the scorer. */
function daysInMonth(y: number, m: number): number {
  if (!(m >= 1 && m <= 12)) throw new AnnalsError('E020', `bad month ${m} in date`);
  return MONTH_DAYS[m - 1] + (m === 2 && isLeap(y) ? 1 : 0);
}

function stripChars(s: string, chars: string, side: 'start' | 'end'): string {
  let a = 0;
  let b = s.length;
  if (side === 'start') while (a < b && chars.includes(s[a])) a++;
  else while (b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** One side of a date: the first day it can mean, or the last when `end` is set; null for open. */
function point(raw: string, end: boolean): Ymd | null {
  const s = stripChars(stripChars(raw.trim(), '~?%', 'end'), '~?%', 'start');
  if (s === '' || s === '..') return null;
  // the century pattern comes first and also takes "197X", as in the reference
  let m = /^(-?\d{2})(\d|X)(X)$/.exec(s);
  if (m) {
    const base = parseInt(m[1], 10) * 100;
    return end ? [base + 99, 12, 31] : [base, 1, 1];
  }
  m = /^(-?\d{3})X$/.exec(s);
  if (m) {
    const base = parseInt(m[1], 10) * 10;
    return end ? [base + 9, 12, 31] : [base, 1, 1];
  }
  m = /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(s.replace(/[~?%]/g, ''));
  if (!m) throw new AnnalsError('E020', `not an EDTF date: ${JSON.stringify(raw)}`);
  const y = parseInt(m[1], 10);
  const mo = m[2] !== undefined ? parseInt(m[2], 10) : null;
  const d = m[3] !== undefined ? parseInt(m[3], 10) : null;
  if (mo === null) return end ? [y, 12, 31] : [y, 1, 1];
  const season = SEASONS[mo];
  if (season) {
    const [a, b] = season;
    if (end) return b > 12 ? [y + 1, b - 12, 28] : [y, b, daysInMonth(y, b)];
    return [y, a, 1];
  }
  if (d === null) return end ? [y, mo, daysInMonth(y, mo)] : [y, mo, 1];
  return [y, mo, d];
}

/** Bounds of an EDTF value, or null for a missing date (null, "", "null", "unknown"). Throws E020 when unreadable. */
export function referenceBounds(value: unknown): EdtfBounds | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  if (s === '' || s === 'null' || s === 'unknown') return null;
  const slash = s.indexOf('/');
  if (slash >= 0) {
    return {
      lo: point(s.slice(0, slash), false) ?? [-9999, 1, 1],
      hi: point(s.slice(slash + 1), true) ?? [9999, 12, 31],
    };
  }
  return { lo: point(s, false) as Ymd, hi: point(s, true) as Ymd };
}

export function compareYmd(a: Ymd, b: Ymd): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
