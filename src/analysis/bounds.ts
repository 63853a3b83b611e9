/**
 * Day arithmetic over the ISO date bounds carried by events ("YYYY-MM-DD",
 * years may be negative), on top of src/core/edtf.ts, and the reading of EDTF
 * values the analysis commands accept (publication dates, --from, --to,
 * --known-at). What differs from core/edtf's edtfBounds is kept here:
 *  - an interval open at one end ("../1976", "1991/..") covers the known end
 *    only, not everything before or after it;
 *  - qualifiers ("~", "?", "%") are ignored wherever they stand;
 *  - an error names the value as "not an EDTF date".
 */
import { AnnalsError } from '../core/errors.js';
import {
  daysInMonth,
  dayNumber as ymdDayNumber,
  edtfBounds as coreEdtfBounds,
  formatYear,
  formatYmd,
  fromDayNumber,
  parseEdtf,
  parseYmd,
  type Bounds,
  type EdtfDate,
} from '../core/edtf.js';

export { formatYear, type Bounds };

function isoParts(iso: string): { y: number; m: number; d: number } {
  try {
    return parseYmd(iso);
  } catch {
    throw new AnnalsError('E020', `not an ISO date: ${JSON.stringify(iso)}`, iso);
  }
}

/** Days since 1970-01-01 (proleptic Gregorian) of an ISO date bound. */
export function dayNumber(iso: string): number {
  return ymdDayNumber(isoParts(iso));
}

export function isoFromDay(day: number): string {
  return formatYmd(fromDayNumber(day));
}

export function yearOf(iso: string): number {
  return isoParts(iso).y;
}

export function monthOf(iso: string): number {
  return isoParts(iso).m;
}

/** Inclusive day range of bounds. */
export function dayRange(b: Bounds): [number, number] {
  const a = dayNumber(b.earliest);
  const z = dayNumber(b.latest);
  return a <= z ? [a, z] : [z, a];
}

/** Length in days (at least 1) of inclusive bounds. */
export function widthDays(b: Bounds): number {
  const [a, z] = dayRange(b);
  return z - a + 1;
}

export function boundsOverlap(a: Bounds, b: Bounds): boolean {
  const [a0, a1] = dayRange(a);
  const [b0, b1] = dayRange(b);
  return a0 <= b1 && b0 <= a1;
}

/** Days between two non-overlapping bounds (0 when they overlap or touch). */
export function gapDays(a: Bounds, b: Bounds): number {
  const [a0, a1] = dayRange(a);
  const [b0, b1] = dayRange(b);
  if (a0 <= b1 && b0 <= a1) return 0;
  return a1 < b0 ? b0 - a1 : a0 - b1;
}

/** The common part of two bounds, or null when they do not overlap. */
export function intersect(a: Bounds, b: Bounds): Bounds | null {
  const [a0, a1] = dayRange(a);
  const [b0, b1] = dayRange(b);
  const lo = Math.max(a0, b0);
  const hi = Math.min(a1, b1);
  return lo <= hi ? { earliest: isoFromDay(lo), latest: isoFromDay(hi) } : null;
}

export function lastDayOfMonth(y: number, m: number): number {
  return daysInMonth(y, m);
}

/** One end of an interval, or a single value, read by core/edtf (null when it is not a date). */
function pointOf(value: string): EdtfDate | null {
  try {
    const v = parseEdtf(value.trim().replace(/[~?%]/g, ''));
    return v.type === 'date' ? v : null;
  } catch {
    return null;
  }
}

/**
 * Bounds of one EDTF value (no interval): "1975", "1975-06", "1975-12-02",
 * "197X", "19XX", "1976-21", with "~", "?" or "%" qualifiers ignored for the
 * bounds. Returns null for values it cannot read.
 */
export function edtfPointBounds(value: string): Bounds | null {
  const p = pointOf(value);
  return p ? coreEdtfBounds(p) : null;
}

/**
 * Bounds of an EDTF value or interval ("1975/1978-07", "../1976", "1991/..").
 * Open ends take the other end's bound. Throws E020 naming the value when it
 * cannot be read.
 */
export function edtfBounds(value: string): Bounds {
  const bad = () => new AnnalsError('E020', `not an EDTF date: ${JSON.stringify(value)}`, value);
  const v = value.trim();
  if (v.includes('/')) {
    const [a, z] = v.split('/');
    const lo = a && a !== '..' ? edtfPointBounds(a) : null;
    const hi = z && z !== '..' ? edtfPointBounds(z) : null;
    if ((a && a !== '..' && !lo) || (z && z !== '..' && !hi) || (!lo && !hi)) throw bad();
    return { earliest: (lo ?? hi)!.earliest, latest: (hi ?? lo)!.latest };
  }
  const b = edtfPointBounds(v);
  if (!b) throw bad();
  return b;
}
