/**
 * Calendar bounds of an EDTF string, read the way the reference scorer reads
 * them, so that date filters in the store and the scores of `annals eval`
 * agree with `score-events`: "1976" → 1976-01-01..1976-12-31, "1976-10",
 * "1976-21" (spring: March to May), "1975-12-02/1978-07", "1977~", "19XX", "..".
 * Bounds are [year, month, day] triples; years may be negative.
 */
import { AnnalsError } from '../core/errors.js';

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
export function daysInMonth(y: number, m: number): number {
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

export interface BoundsOptions {
  /**
   * Read dates exactly as the reference scorer does, which takes "197X" for the
   * whole century (its century pattern is tried before the decade pattern).
   * Off by default: "197X" is then the 1970s.
   */
  scorerCompat?: boolean;
}

/** One side of a date: the first day it can mean, or the last when `end` is set; null for open. */
function point(raw: string, end: boolean, compat: boolean): Ymd | null {
  const s = stripChars(stripChars(raw.trim(), '~?%', 'end'), '~?%', 'start');
  if (s === '' || s === '..') return null;
  let m = (compat ? /^(-?\d{2})(\d|X)(X)$/ : /^(-?\d{2})(X)(X)$/).exec(s);
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
export function edtfBounds(value: unknown, options: BoundsOptions = {}): EdtfBounds | null {
  const compat = options.scorerCompat === true;
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  if (s === '' || s === 'null' || s === 'unknown') return null;
  const slash = s.indexOf('/');
  if (slash >= 0) {
    return {
      lo: point(s.slice(0, slash), false, compat) ?? [-9999, 1, 1],
      hi: point(s.slice(slash + 1), true, compat) ?? [9999, 12, 31],
    };
  }
  return { lo: point(s, false, compat) as Ymd, hi: point(s, true, compat) as Ymd };
}

/** A sortable integer for a day: year*10000 + month*100 + day (monotone, negative years included). */
export function dayKey([y, m, d]: Ymd): number {
  return y * 10000 + m * 100 + d;
}

/** Day key of an ISO calendar date "YYYY-MM-DD" (years may be negative or longer), or null. */
export function isoDayKey(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const m = /^(-?\d{1,6})-(\d{2})-(\d{2})$/.exec(iso.trim());
  return m ? dayKey([parseInt(m[1], 10), parseInt(m[2], 10), parseInt(m[3], 10)]) : null;
}

export function compareYmd(a: Ymd, b: Ymd): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
