/**
 * Calendar arithmetic over the ISO date bounds carried by events
 * ("YYYY-MM-DD", years may be negative or longer than four digits) and a
 * small reader of EDTF values into bounds, for publication dates and
 * command-line arguments ("1975", "1975-06", "1975-12-02", "1975/1978",
 * "197X", "1977~", "1976-21" for spring).
 */
import { AnnalsError } from '../core/errors.js';

export interface Bounds {
  earliest: string;
  latest: string;
}

const ISO = /^(-?\d{1,6})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 (proleptic Gregorian) of an ISO date bound. */
export function dayNumber(iso: string): number {
  const m = ISO.exec(iso);
  if (!m) throw new AnnalsError('E020', `not an ISO date: ${JSON.stringify(iso)}`, iso);
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Howard Hinnant's days_from_civil: exact for any year, negative included. */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function isoFromDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${formatYear(y)}-${pad(m)}-${pad(d)}`;
}

export function formatYear(y: number): string {
  return y < 0 ? '-' + String(-y).padStart(4, '0') : String(y).padStart(4, '0');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function yearOf(iso: string): number {
  const m = ISO.exec(iso);
  if (!m) throw new AnnalsError('E020', `not an ISO date: ${JSON.stringify(iso)}`, iso);
  return Number(m[1]);
}

export function monthOf(iso: string): number {
  const m = ISO.exec(iso);
  if (!m) throw new AnnalsError('E020', `not an ISO date: ${JSON.stringify(iso)}`, iso);
  return Number(m[2]);
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
  return daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1);
}

/** Seasons as EDTF numbers 21–24 (northern hemisphere), with their months. */
const SEASONS: Record<number, [number, number, number]> = {
  // [first month, last month, year offset of the last month]
  21: [3, 5, 0], // spring
  22: [6, 8, 0], // summer
  23: [9, 11, 0], // autumn
  24: [12, 2, 1], // winter, into the next year
};

/**
 * Bounds of one EDTF value (no interval): "1975", "1975-06", "1975-12-02",
 * "197X", "19XX", "1976-21", with "~", "?" or "%" qualifiers ignored for the
 * bounds. Returns null for values it cannot read.
 */
export function edtfPointBounds(value: string): Bounds | null {
  const v = value.trim().replace(/[~?%]/g, '');
  let m = /^(-?)(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) {
    const y = Number(m[1] + m[2]);
    const iso = `${formatYear(y)}-${m[3]}-${m[4]}`;
    return { earliest: iso, latest: iso };
  }
  m = /^(-?)(\d{4})-(\d{2})$/.exec(v);
  if (m) {
    const y = Number(m[1] + m[2]);
    const mo = Number(m[3]);
    if (mo >= 1 && mo <= 12) {
      return { earliest: `${formatYear(y)}-${pad(mo)}-01`, latest: `${formatYear(y)}-${pad(mo)}-${pad(lastDayOfMonth(y, mo))}` };
    }
    const s = SEASONS[mo];
    if (s) {
      const ly = y + s[2];
      return {
        earliest: `${formatYear(y)}-${pad(s[0])}-01`,
        latest: `${formatYear(ly)}-${pad(s[1])}-${pad(lastDayOfMonth(ly, s[1]))}`,
      };
    }
    return null;
  }
  m = /^(-?)(\d{4})$/.exec(v);
  if (m) {
    const y = Number(m[1] + m[2]);
    return { earliest: `${formatYear(y)}-01-01`, latest: `${formatYear(y)}-12-31` };
  }
  m = /^(-?)(\d{1,3})(X{1,3})$/.exec(v);
  if (m && m[2].length + m[3].length === 4) {
    const lo = Number(m[2] + '0'.repeat(m[3].length));
    const hi = Number(m[2] + '9'.repeat(m[3].length));
    const [a, z] = m[1] ? [-hi, -lo] : [lo, hi];
    return { earliest: `${formatYear(a)}-01-01`, latest: `${formatYear(z)}-12-31` };
  }
  return null;
}

/**
 * Bounds of an EDTF value or interval ("1975/1978-07", "../1976", "1991/..").
 * Open ends take the other end's bound. Throws E020 naming the value when it
 * cannot be read.
 */
export function edtfBounds(value: string): Bounds {
  const v = value.trim();
  if (v.includes('/')) {
    const [a, z] = v.split('/');
    const lo = a && a !== '..' ? edtfPointBounds(a) : null;
    const hi = z && z !== '..' ? edtfPointBounds(z) : null;
    if ((a && a !== '..' && !lo) || (z && z !== '..' && !hi) || (!lo && !hi)) {
      throw new AnnalsError('E020', `not an EDTF date: ${JSON.stringify(value)}`, value);
    }
    return { earliest: (lo ?? hi)!.earliest, latest: (hi ?? lo)!.latest };
  }
  const b = edtfPointBounds(v);
  if (!b) throw new AnnalsError('E020', `not an EDTF date: ${JSON.stringify(value)}`, value);
  return b;
}
