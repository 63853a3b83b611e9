/**
 * Resolve what a time expression says (a Temporal from time-grammar.ts) into
 * an EDTF value, against the reference times that fit where it stands: the
 * time of writing (diary entry, cable date line, publication date) for deictic
 * words ("today", "two days ago"), the narrative time for anaphoric ones ("the
 * previous year", "a week later") and for dates without a year. Pure.
 */
import type { AnchorKind } from '../core/types.js';
import {
  addDays,
  addMonths,
  dayNumber,
  daysInMonth,
  edtfDate,
  formatEdtf,
  formatYear,
  parseEdtf,
  type EdtfDate,
  type Ymd,
} from '../core/edtf.js';
import type { Part, Temporal, Unit } from './time-grammar.js';

export interface Anchor {
  /** EDTF value of the reference time. */
  value: string;
  kind: AnchorKind;
}

export interface ResolveContext {
  /** The time of writing: diary entry, cable date line, or publication date. */
  deictic: Anchor | null;
  /** The narrative time: the last time resolved before this one in scope. */
  previous: Anchor | null;
  /** Whether `previous` is close (same or previous paragraph) so a date without a year may take its year. */
  previousNear: boolean;
  /** The first explicit date in the same sentence, for spans counted back from it. */
  sentenceDate: Anchor | null;
  /**
   * The document is historical: its dates lie mostly far from its publication, so a
   * date without a year takes the narrative year, never the year of publication.
   */
  historical?: boolean;
  /** The last narrative time before a section boundary reset it (for dates without a year). */
  carried?: Anchor | null;
}

export interface Resolved {
  value: string;
  anchor: { kind: AnchorKind; value: string | null };
}

/** A date of an anchor value: the start or the end of an interval, or the date itself. */
export function anchorPoint(value: string, which: 'start' | 'end'): EdtfDate | null {
  let v;
  try {
    v = parseEdtf(value);
  } catch {
    return null;
  }
  if (v.type === 'date') return v;
  if (which === 'end') return v.end ?? v.start;
  return v.start ?? v.end;
}

function yearOf(p: EdtfDate | null): number | null {
  if (!p || p.yearUnspecified > 0) return null;
  return p.year;
}

const EXPLICIT = { kind: 'explicit' as AnchorKind, value: null };

function fmt(y: number, m: number | null = null, d: number | null = null, approx = false): string {
  return formatEdtf(edtfDate(y, m, d, { approximate: approx }));
}

function applyPart(y: number, m: number | null, part: Part): string {
  if (m === null) {
    // early and late are the first and last quarter; mid the middle half
    const [a, b] = { early: [1, 3], mid: [4, 9], late: [10, 12], 'first-half': [1, 6], 'second-half': [7, 12] }[part];
    return `${fmt(y, a)}/${fmt(y, b)}`;
  }
  const last = daysInMonth(y, m);
  const [a, b] = { early: [1, 10], mid: [11, 20], late: [21, last], 'first-half': [1, 15], 'second-half': [16, last] }[part];
  return `${fmt(y, m, a)}/${fmt(y, m, b)}`;
}

function decadeValue(start: number, part: Part | undefined, approx: boolean | undefined): string {
  if (part) {
    const [a, b] = { early: [0, 3], mid: [4, 6], late: [7, 9], 'first-half': [0, 4], 'second-half': [5, 9] }[part];
    return `${formatYear(start + a)}/${formatYear(start + b)}`;
  }
  const y = formatYear(start);
  return y.slice(0, -1) + 'X' + (approx ? '~' : '');
}

function centuryValue(first: number, last: number, part: Part | undefined, approx: boolean | undefined): string {
  if (part) {
    const [a, b] = { early: [0, 32], mid: [33, 66], late: [67, 99], 'first-half': [0, 49], 'second-half': [50, 99] }[part];
    return `${formatYear(first + a)}/${formatYear(first + b)}`;
  }
  if (first >= 0 && first % 100 === 0 && last === first + 99) return formatYear(first).slice(0, -2) + 'XX' + (approx ? '~' : '');
  return `${formatYear(first)}/${formatYear(last)}`;
}

/** Shift an anchor date by `offset` units, keeping no more precision than the anchor has. */
function shift(p: EdtfDate, unit: Unit, offset: number, approx: boolean): string | null {
  if (p.yearUnspecified > 0) {
    if (unit === 'decade' && p.yearUnspecified === 1) return decadeValue(p.year + offset * 10, undefined, approx);
    return null;
  }
  const hasMonth = p.month !== null && p.month <= 12 && !p.monthUnspecified;
  const hasDay = hasMonth && p.day !== null && !p.dayUnspecified;
  const q = approx || p.approximate;
  switch (unit) {
    case 'day':
    case 'week':
    case 'fortnight': {
      const days = offset * (unit === 'day' ? 1 : unit === 'week' ? 7 : 14);
      if (hasDay) {
        const r: Ymd = addDays({ y: p.year, m: p.month as number, d: p.day as number }, days);
        return fmt(r.y, r.m, r.d, q);
      }
      if (hasMonth) {
        const r = addDays({ y: p.year, m: p.month as number, d: 15 }, days);
        return fmt(r.y, r.m, null, q || days !== 0);
      }
      return fmt(p.year, null, null, q || days !== 0);
    }
    case 'month': {
      if (hasMonth) {
        const r = addMonths({ y: p.year, m: p.month as number, d: 1 }, offset);
        return fmt(r.y, r.m, null, q);
      }
      return fmt(p.year + Math.round(offset / 12), null, null, true);
    }
    // an approximate day or month does not make its year approximate
    case 'year':
      return fmt(p.year + offset, null, null, approx || (p.approximate && !hasMonth));
    case 'decade':
      return decadeValue(Math.floor((p.year + offset * 10) / 10) * 10, undefined, approx);
    case 'century':
      return centuryValue(Math.floor((p.year + offset * 100) / 100) * 100, Math.floor((p.year + offset * 100) / 100) * 100 + 99, undefined, approx);
  }
}

function unitYears(unit: Unit): number {
  return unit === 'decade' ? 10 : unit === 'century' ? 100 : 1;
}

/**
 * A day or month without a year, counted from a time of writing known to the
 * month ("December 31" in a cable of January 2, 1958): the year that puts it
 * nearest that time (1957 here). Less precise anchors keep their own year.
 */
function nearestYear(anchor: string, y: number, m: number, d: number | null): number {
  const p = anchorPoint(anchor, 'end');
  if (!p || p.month === null || p.month > 12 || p.monthUnspecified) return y;
  const ref = dayNumber({ y, m: p.month, d: p.day ?? 15 });
  let best = y;
  let bestD = Infinity;
  for (const c of [y - 1, y, y + 1]) {
    const dd = Math.abs(dayNumber({ y: c, m, d: Math.min(d ?? 15, daysInMonth(c, m)) }) - ref);
    if (dd < bestD) {
      best = c;
      bestD = dd;
    }
  }
  return best;
}

/** Resolve one Temporal. Returns null when the context cannot give it a date. */
export function resolveTemporal(node: Temporal, ctx: ResolveContext): Resolved | null {
  switch (node.k) {
    case 'cal': {
      if (node.y !== null) {
        const value = node.part ? applyPart(node.y, node.m, node.part) : fmt(node.y, node.m, node.d, node.approx);
        return { value, anchor: EXPLICIT };
      }
      // a date without a year takes the year of a near narrative time, else the time of writing
      const writing = ctx.historical && ctx.deictic?.kind === 'document' ? null : ctx.deictic;
      const a = ctx.previous && (ctx.previousNear || !writing) ? ctx.previous : writing ?? ctx.previous ?? ctx.carried ?? ctx.deictic;
      const y = a ? yearOf(anchorPoint(a.value, 'end')) : null;
      if (y === null || !a) return null;
      if (node.m === null) return null;
      const yy = a === writing && node.m <= 12 ? nearestYear(a.value, y, node.m, node.d) : y;
      const value = node.part ? applyPart(yy, node.m, node.part) : fmt(yy, node.m, node.d, node.approx);
      return { value, anchor: { kind: a.kind, value: a.value } };
    }
    case 'decade': {
      if (node.start !== null) return { value: decadeValue(node.start, node.part, node.approx), anchor: EXPLICIT };
      const a = ctx.deictic ?? ctx.previous;
      const ref = a ? yearOf(anchorPoint(a.value, 'end')) : null;
      let start = 1900 + (node.digit as number) * 10;
      if (ref !== null) {
        start = Math.floor(ref / 100) * 100 + (node.digit as number) * 10;
        if (start > ref) start -= 100;
      }
      return { value: decadeValue(start, node.part, node.approx), anchor: a ? { kind: a.kind, value: a.value } : EXPLICIT };
    }
    case 'century':
      return { value: centuryValue(node.first, node.last, node.part, node.approx), anchor: EXPLICIT };
    case 'deictic':
    case 'anaphoric': {
      const a = node.k === 'deictic' ? ctx.deictic : ctx.previous;
      if (!a) return null;
      const p = anchorPoint(a.value, node.offset > 0 ? 'end' : 'start');
      if (!p) return null;
      const value = shift(p, node.unit, node.offset, node.approx ?? false);
      return value ? { value, anchor: { kind: a.kind, value: a.value } } : null;
    }
    case 'month-rel': {
      const a = node.rel === 'deictic' ? ctx.deictic : ctx.previous;
      const y = a ? yearOf(anchorPoint(a.value, 'start')) : null;
      if (y === null || !a) return null;
      if (node.after) {
        // "the twelfth of May following": the first such day after the reference (or the last before it)
        const p = anchorPoint(a.value, node.after > 0 ? 'end' : 'start');
        const m0 = p && p.month !== null && p.month <= 12 ? p.month : null;
        const d0 = p && m0 !== null && p.day !== null ? p.day : null;
        const ref = yearOf(p);
        if (ref === null || m0 === null) return null;
        const key = node.m * 100 + (node.d ?? 0);
        const refKey = m0 * 100 + (d0 ?? (node.after > 0 ? 31 : 0));
        const yy = node.after > 0 ? (key > refKey ? ref : ref + 1) : key < refKey ? ref : ref - 1;
        if (node.d !== undefined && node.d > daysInMonth(yy, node.m)) return null;
        return { value: fmt(yy, node.m, node.d ?? null), anchor: { kind: a.kind, value: a.value } };
      }
      return { value: fmt(y + node.offset, node.m, node.d ?? null), anchor: { kind: a.kind, value: a.value } };
    }
    case 'offset': {
      const base = resolveTemporal(node.base, ctx);
      if (!base) return null;
      const p = anchorPoint(base.value, node.offset > 0 ? 'end' : 'start');
      if (!p) return null;
      const value = shift(p, node.unit, node.offset, true);
      return value ? { value, anchor: base.anchor.kind === 'explicit' ? EXPLICIT : base.anchor } : null;
    }
    case 'back': {
      const a = ctx.sentenceDate ?? ctx.previous ?? ctx.deictic;
      const y = a ? yearOf(anchorPoint(a.value, 'end')) : null;
      if (y === null || !a) return null;
      const from = y - node.n * unitYears(node.unit);
      return { value: `${fmt(from, null, null, node.approx)}/${fmt(y)}`, anchor: { kind: a.kind, value: a.value } };
    }
    case 'span-rel': {
      const a = node.rel === 'deictic' ? ctx.deictic : ctx.previous;
      const y = a ? yearOf(anchorPoint(a.value, node.dir > 0 ? 'end' : 'start')) : null;
      if (y === null || !a) return null;
      if (node.unit !== 'year' && node.unit !== 'decade' && node.unit !== 'century') return null;
      const span = node.n * unitYears(node.unit);
      const value = node.dir > 0 ? `${fmt(y)}/${fmt(y + span)}` : `${fmt(y - span)}/${fmt(y)}`;
      return { value, anchor: { kind: a.kind, value: a.value } };
    }
    case 'day-of-month': {
      const a = ctx.deictic;
      const p = a ? anchorPoint(a.value, 'start') : null;
      if (!a || !p || p.yearUnspecified > 0 || p.month === null || p.month > 12) return null;
      const r = addMonths({ y: p.year, m: p.month, d: 1 }, node.monthOffset);
      if (node.d > daysInMonth(r.y, r.m)) return null;
      return { value: fmt(r.y, r.m, node.d), anchor: { kind: a.kind, value: a.value } };
    }
    case 'weekday': {
      // counted from a time of writing known to the day: the last such weekday before it, or the next one
      const a = ctx.deictic;
      const p = a ? anchorPoint(a.value, 'start') : null;
      if (!a || !p || p.yearUnspecified > 0 || p.month === null || p.month > 12 || p.day === null) return null;
      const base: Ymd = { y: p.year, m: p.month, d: p.day };
      const today = (dayNumber(base) + 4) % 7; // 1970-01-01 was a Thursday
      const wd = (today + 7) % 7;
      let delta: number;
      if (node.dir > 0) delta = ((node.wd - wd + 7) % 7) || 7;
      else if (node.dir === 0) delta = (node.wd - wd + 7) % 7;
      else delta = -(((wd - node.wd + 7) % 7) || 7);
      const r = addDays(base, delta);
      return { value: fmt(r.y, r.m, r.d), anchor: { kind: a.kind, value: a.value } };
    }
    case 'short-year': {
      const a = ctx.deictic ?? ctx.previous;
      const ref = a ? yearOf(anchorPoint(a.value, 'end')) : null;
      let y = 1900 + node.yy;
      if (ref !== null) {
        y = Math.floor(ref / 100) * 100 + node.yy;
        if (y > ref) y -= 100;
      }
      return { value: fmt(y), anchor: a ? { kind: a.kind, value: a.value } : EXPLICIT };
    }
    case 'fixed':
      return { value: node.value, anchor: EXPLICIT };
    case 'interval': {
      const a = node.a ? resolveTemporal(node.a, ctx) : null;
      const b = node.b ? resolveTemporal(node.b, ctx) : null;
      if ((node.a && !a) || (node.b && !b)) return null;
      const start = a ? (a.value.includes('/') ? a.value.split('/')[0] : a.value) : '..';
      const end = b ? (b.value.includes('/') ? b.value.split('/')[1] : b.value) : '..';
      const value = `${start}/${end}`;
      try {
        parseEdtf(value);
      } catch {
        return null;
      }
      const rel = [a, b].find((r) => r && r.anchor.kind !== 'explicit');
      return { value, anchor: rel ? rel.anchor : EXPLICIT };
    }
  }
}
