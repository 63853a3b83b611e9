/**
 * EDTF (ISO 8601-2 / Extended Date/Time Format) values: parse, format, bounds,
 * precision, comparison and spreading over years. Pure; imports only core.
 *
 * Supported: years (4 digits, negative = astronomical numbering, so 44 BCE is
 * "-0043"), months, days, seasons and other sub-year groupings (21–41),
 * unspecified digits ("197X", "19XX", "1976-XX"), qualifiers "~" (approximate),
 * "?" (uncertain), "%" (both) at the end of a date, and intervals "a/b" whose
 * ends may be open ("..") or unknown ("").
 *
 * Season bounds are meteorological, northern hemisphere unless the code says
 * otherwise: spring (21) March–May, summer (22) June–August, autumn (23)
 * September–November, winter (24) December of the year to February of the next.
 */
import { AnnalsError } from './errors.js';
import type { DatePrecision } from './types.js';

/** A calendar day in the proleptic Gregorian calendar (astronomical years). */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export interface EdtfDate {
  type: 'date';
  /** Year with unspecified digits as zero: "197X" → 1970. */
  year: number;
  /** How many trailing year digits are unspecified (197X → 1, 19XX → 2). */
  yearUnspecified: number;
  /** 1–12 for months, 21–41 for seasons and other sub-year groupings, null when absent. */
  month: number | null;
  monthUnspecified: boolean;
  day: number | null;
  dayUnspecified: boolean;
  approximate: boolean;
  uncertain: boolean;
}

export interface EdtfInterval {
  type: 'interval';
  /** null start/end: open ("..") or unknown (""), see `startOpen`/`endOpen`. */
  start: EdtfDate | null;
  end: EdtfDate | null;
  startOpen: boolean;
  endOpen: boolean;
}

export type EdtfValue = EdtfDate | EdtfInterval;

/** Sentinels for the bounds of open or unknown interval ends. */
export const MIN_DATE = '-9999-01-01';
export const MAX_DATE = '9999-12-31';

/** Bounds of the sub-year groupings: [first month, last month] (last may exceed 12: into next year). */
export const SUBYEAR_MONTHS: Readonly<Record<number, readonly [number, number]>> = {
  21: [3, 5], // spring
  22: [6, 8], // summer
  23: [9, 11], // autumn
  24: [12, 14], // winter (December to February of the next year)
  25: [3, 5], // spring, northern hemisphere
  26: [6, 8],
  27: [9, 11],
  28: [12, 14],
  29: [9, 11], // spring, southern hemisphere
  30: [12, 14],
  31: [3, 5],
  32: [6, 8],
  33: [1, 3], // quarters
  34: [4, 6],
  35: [7, 9],
  36: [10, 12],
  37: [1, 4], // quadrimesters
  38: [5, 8],
  39: [9, 12],
  40: [1, 6], // semestrals
  41: [7, 12],
};

const DATE_RE = /^(-?)(\d[\dX]{3}|\d{5,})(?:-(\d\d|XX)(?:-(\d\d|XX))?)?([~?%])?$/;

function invalid(s: string, why: string): AnnalsError {
  return new AnnalsError('E020', `not an EDTF value: ${JSON.stringify(s)} (${why})`, 'edtf');
}

function parseDate(s: string, whole: string): EdtfDate {
  const m = DATE_RE.exec(s);
  if (!m) throw invalid(whole, 'unrecognised date');
  const [, sign, yearText, monthText, dayText, qual] = m;
  if (!/^\d+X*$/.test(yearText)) throw invalid(whole, 'unspecified digits must end the year');
  const xs = yearText.length - yearText.replace(/X+$/, '').length;
  const digits = yearText.replace(/X/g, '0');
  const year = (sign ? -1 : 1) * Number(digits);
  let month: number | null = null;
  let monthUnspecified = false;
  if (monthText !== undefined) {
    if (xs > 0) throw invalid(whole, 'a month after an unspecified year');
    if (monthText === 'XX') monthUnspecified = true;
    else {
      month = Number(monthText);
      if (!((month >= 1 && month <= 12) || SUBYEAR_MONTHS[month])) throw invalid(whole, 'month out of range');
    }
  }
  let day: number | null = null;
  let dayUnspecified = false;
  if (dayText !== undefined) {
    if (month !== null && month > 12) throw invalid(whole, 'a day after a season');
    if (dayText === 'XX') dayUnspecified = true;
    else {
      day = Number(dayText);
      if (monthUnspecified) {
        if (day < 1 || day > 31) throw invalid(whole, 'day out of range');
      } else if (day < 1 || day > daysInMonth(year, month as number)) throw invalid(whole, 'day out of range');
    }
  }
  return {
    type: 'date',
    year,
    yearUnspecified: xs,
    month,
    monthUnspecified,
    day,
    dayUnspecified,
    approximate: qual === '~' || qual === '%',
    uncertain: qual === '?' || qual === '%',
  };
}

/** Parse an EDTF value; throws AnnalsError E020 when it is not one this module supports. */
export function parseEdtf(value: string): EdtfValue {
  const s = value.trim();
  if (s.includes('/')) {
    const parts = s.split('/');
    if (parts.length !== 2) throw invalid(value, 'more than one "/"');
    const [a, b] = parts;
    const startOpen = a === '..';
    const endOpen = b === '..';
    if ((a === '' || startOpen) && (b === '' || endOpen)) throw invalid(value, 'both ends missing');
    const start = a === '' || startOpen ? null : parseDate(a, value);
    const end = b === '' || endOpen ? null : parseDate(b, value);
    if (start && end && compareYmd(lowerYmd(start), upperYmd(end)) > 0) throw invalid(value, 'interval ends before it starts');
    return { type: 'interval', start, end, startOpen, endOpen };
  }
  if (s === '' || s === '..') throw invalid(value, 'empty');
  return parseDate(s, value);
}

export function isEdtf(value: string): boolean {
  try {
    parseEdtf(value);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- formatting

function pad(n: number, width: number): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** Format a year in EDTF: four digits at least, "-" for years before 1 (astronomical). */
export function formatYear(year: number): string {
  return (year < 0 ? '-' : '') + pad(year, 4);
}

export function formatEdtf(v: EdtfValue): string {
  if (v.type === 'interval') {
    const a = v.start ? formatEdtf(v.start) : v.startOpen ? '..' : '';
    const b = v.end ? formatEdtf(v.end) : v.endOpen ? '..' : '';
    return `${a}/${b}`;
  }
  let y = formatYear(v.year);
  if (v.yearUnspecified > 0) y = y.slice(0, y.length - v.yearUnspecified) + 'X'.repeat(v.yearUnspecified);
  let s = y;
  if (v.month !== null || v.monthUnspecified) s += '-' + (v.monthUnspecified ? 'XX' : pad(v.month as number, 2));
  if (v.day !== null || v.dayUnspecified) s += '-' + (v.dayUnspecified ? 'XX' : pad(v.day as number, 2));
  const q = v.approximate && v.uncertain ? '%' : v.approximate ? '~' : v.uncertain ? '?' : '';
  return s + q;
}

/** Build a date value from parts: edtfDate(1976, 10) → "1976-10". */
export function edtfDate(
  year: number,
  month: number | null = null,
  day: number | null = null,
  q: { approximate?: boolean; uncertain?: boolean; yearUnspecified?: number } = {},
): EdtfDate {
  return {
    type: 'date',
    year,
    yearUnspecified: q.yearUnspecified ?? 0,
    month,
    monthUnspecified: false,
    day,
    dayUnspecified: false,
    approximate: q.approximate ?? false,
    uncertain: q.uncertain ?? false,
  };
}

// ---------------------------------------------------------------- calendar

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (any year). */
export function dayNumber({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): Ymd {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function addDays(a: Ymd, days: number): Ymd {
  return fromDayNumber(dayNumber(a) + days);
}

/** Add months, clamping the day to the end of the target month. */
export function addMonths(a: Ymd, months: number): Ymd {
  const idx = a.y * 12 + (a.m - 1) + months;
  const y = Math.floor(idx / 12);
  const m = idx - y * 12 + 1;
  return { y, m, d: Math.min(a.d, daysInMonth(y, m)) };
}

export function compareYmd(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

export function formatYmd({ y, m, d }: Ymd): string {
  return `${formatYear(y)}-${pad(m, 2)}-${pad(d, 2)}`;
}

export function parseYmd(s: string): Ymd {
  const m = /^(-?\d{4,})-(\d\d)-(\d\d)$/.exec(s);
  if (!m) throw new AnnalsError('E020', `not an ISO date: ${JSON.stringify(s)}`, 'edtf');
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

// ---------------------------------------------------------------- bounds

function unspecifiedSpan(v: EdtfDate): number {
  return 10 ** v.yearUnspecified;
}

/** First day covered by a date value (nominal: qualifiers do not widen it). */
export function lowerYmd(v: EdtfDate): Ymd {
  if (v.yearUnspecified > 0) {
    // For negative years the digits count away from zero: "-019X" covers -199..-190.
    const y = v.year >= 0 ? v.year : v.year - unspecifiedSpan(v) + 1;
    return { y, m: 1, d: 1 };
  }
  if (v.month === null || v.monthUnspecified) return { y: v.year, m: 1, d: 1 };
  if (v.month > 12) return { y: v.year, m: SUBYEAR_MONTHS[v.month][0], d: 1 };
  if (v.day === null || v.dayUnspecified) return { y: v.year, m: v.month, d: 1 };
  return { y: v.year, m: v.month, d: v.day };
}

/** Last day covered by a date value. */
export function upperYmd(v: EdtfDate): Ymd {
  if (v.yearUnspecified > 0) {
    const y = v.year >= 0 ? v.year + unspecifiedSpan(v) - 1 : v.year;
    return { y, m: 12, d: 31 };
  }
  if (v.month === null || v.monthUnspecified) return { y: v.year, m: 12, d: 31 };
  if (v.month > 12) {
    const last = SUBYEAR_MONTHS[v.month][1];
    const y = last > 12 ? v.year + 1 : v.year;
    const m = last > 12 ? last - 12 : last;
    return { y, m, d: daysInMonth(y, m) };
  }
  if (v.day === null || v.dayUnspecified) return { y: v.year, m: v.month, d: daysInMonth(v.year, v.month) };
  return { y: v.year, m: v.month, d: v.day };
}

export interface Bounds {
  /** ISO "YYYY-MM-DD" (negative years allowed); MIN_DATE for an open or unknown start. */
  earliest: string;
  /** ISO "YYYY-MM-DD"; MAX_DATE for an open or unknown end. */
  latest: string;
}

function ymdBounds(v: EdtfValue): [Ymd | null, Ymd | null] {
  if (v.type === 'date') return [lowerYmd(v), upperYmd(v)];
  return [v.start ? lowerYmd(v.start) : null, v.end ? upperYmd(v.end) : null];
}

/** Earliest and latest calendar day an EDTF value may denote. */
export function edtfBounds(value: string | EdtfValue): Bounds {
  const v = typeof value === 'string' ? parseEdtf(value) : value;
  const [lo, hi] = ymdBounds(v);
  return { earliest: lo ? formatYmd(lo) : MIN_DATE, latest: hi ? formatYmd(hi) : MAX_DATE };
}

/** Precision of a value, as the DatePrecision names it. */
export function edtfPrecision(value: string | EdtfValue): DatePrecision {
  const v = typeof value === 'string' ? parseEdtf(value) : value;
  if (v.type === 'interval') return 'interval';
  if (v.yearUnspecified === 1) return 'decade';
  if (v.yearUnspecified === 2) return 'century';
  if (v.yearUnspecified > 2) return 'unknown';
  if (v.month === null || v.monthUnspecified) return 'year';
  if (v.month > 12) return 'season';
  if (v.day === null || v.dayUnspecified) return 'month';
  return 'day';
}

/** Length in days of what a value covers (Infinity for open intervals). */
export function edtfSpanDays(value: string | EdtfValue): number {
  const v = typeof value === 'string' ? parseEdtf(value) : value;
  const [lo, hi] = ymdBounds(v);
  if (!lo || !hi) return Infinity;
  return dayNumber(hi) - dayNumber(lo) + 1;
}

/** Order by earliest bound, then latest bound (open starts first, open ends last). */
export function compareEdtf(a: string | EdtfValue, b: string | EdtfValue): number {
  const [al, ah] = ymdBounds(typeof a === 'string' ? parseEdtf(a) : a);
  const [bl, bh] = ymdBounds(typeof b === 'string' ? parseEdtf(b) : b);
  const lo = al && bl ? compareYmd(al, bl) : al ? 1 : bl ? -1 : 0;
  if (lo !== 0) return lo;
  return ah && bh ? compareYmd(ah, bh) : ah ? -1 : bh ? 1 : 0;
}

/** Whether the days two values may denote overlap (nominal bounds). */
export function edtfOverlaps(a: string | EdtfValue, b: string | EdtfValue): boolean {
  const x = edtfBounds(a);
  const y = edtfBounds(b);
  return compareIso(x.earliest, y.latest) <= 0 && compareIso(y.earliest, x.latest) <= 0;
}

/** Whether `outer` covers every day `inner` may denote. */
export function edtfCovers(outer: string | EdtfValue, inner: string | EdtfValue): boolean {
  const x = edtfBounds(outer);
  const y = edtfBounds(inner);
  return compareIso(x.earliest, y.earliest) <= 0 && compareIso(y.latest, x.latest) <= 0;
}

/** Compare two ISO "YYYY-MM-DD" strings (negative years included). */
export function compareIso(a: string, b: string): number {
  return compareYmd(parseYmd(a), parseYmd(b));
}

export interface YearWeight {
  year: number;
  weight: number;
}

/**
 * Spread a value over the years it may denote, weighted by days (weights sum
 * to 1), so that "197X" adds a tenth to each year of the 1970s instead of
 * piling on 1970. An interval open at one end counts wholly in the year of its
 * known end.
 */
export function yearSpread(value: string | EdtfValue): YearWeight[] {
  const v = typeof value === 'string' ? parseEdtf(value) : value;
  const [lo, hi] = ymdBounds(v);
  if (!lo && !hi) return [];
  if (!lo || !hi) return [{ year: (lo ?? hi)!.y, weight: 1 }];
  const first = dayNumber(lo);
  const total = dayNumber(hi) - first + 1;
  const out: YearWeight[] = [];
  for (let y = lo.y; y <= hi.y; y++) {
    const a = Math.max(first, dayNumber({ y, m: 1, d: 1 }));
    const b = Math.min(dayNumber(hi), dayNumber({ y, m: 12, d: 31 }));
    out.push({ year: y, weight: (b - a + 1) / total });
  }
  return out;
}

/** The year of a BCE/BC year in EDTF's astronomical numbering: 44 BCE → -43. */
export function bceToAstronomical(bceYear: number): number {
  return 1 - bceYear;
}
