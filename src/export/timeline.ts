/**
 * TimelineJS 3 JSON (https://timeline.knightlab.com/docs/json-format.html):
 * { title?, events: [{ start_date, end_date?, text: { headline, text },
 * group?, unique_id? }] }. Dates come from an event's EDTF bounds: a year
 * gives only `year`, a month `year` and `month`, a day all three; a range
 * gets an end_date. TimelineJS renders headline and text as HTML, so every
 * piece of document text is escaped here.
 */
import type { SeriesItem } from '../analysis/dyad.js';

export interface TimelineDate {
  year: number;
  month?: number;
  day?: number;
  display_date?: string;
}

export interface TimelineEvent {
  start_date: TimelineDate;
  end_date?: TimelineDate;
  text: { headline: string; text: string };
  group?: string;
  unique_id?: string;
}

export interface Timeline {
  title?: { text: { headline: string; text: string } };
  events: TimelineEvent[];
}

export interface TimelineOptions {
  title?: string;
  description?: string;
  /** Names for CAMEO codes in headlines ("042" → "make a visit"). */
  codeName?: (code: string) => string | null;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function parts(iso: string): { y: number; m: number; d: number } {
  const m = /^(-?\d+)-(\d{2})-(\d{2})$/.exec(iso)!;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate() || 31;
}

/** TimelineJS start and end dates from ISO bounds, as precise as the bounds allow. */
export function timelineDates(earliest: string, latest: string, display?: string): { start_date: TimelineDate; end_date?: TimelineDate } {
  const a = parts(earliest);
  const z = parts(latest);
  const wholeYears = a.m === 1 && a.d === 1 && z.m === 12 && z.d === 31;
  const wholeMonths = a.d === 1 && z.d === lastDay(z.y, z.m);
  const date = (p: { y: number; m: number; d: number }): TimelineDate =>
    wholeYears ? { year: p.y } : wholeMonths ? { year: p.y, month: p.m } : { year: p.y, month: p.m, day: p.d };
  const start = date(a);
  if (display) start.display_date = display;
  const same = wholeYears ? a.y === z.y : wholeMonths ? a.y === z.y && a.m === z.m : earliest === latest;
  return same ? { start_date: start } : { start_date: start, end_date: date(z) };
}

export function toTimeline(items: readonly SeriesItem[], options: TimelineOptions = {}): Timeline {
  const events: TimelineEvent[] = [];
  for (const it of items) {
    if (!it.date) continue;
    const what = options.codeName?.(it.code) ?? `CAMEO ${it.code}`;
    const headline = `${it.source?.name ?? '?'} → ${it.target?.name ?? '?'}: ${what}`;
    const body = it.evidence
      .map((e) => `<p>${escapeHtml(e.text)}</p><p><small>${escapeHtml(e.docName ?? e.docId)}</small></p>`)
      .join('');
    events.push({
      ...timelineDates(it.date.earliest, it.date.latest, it.date.value),
      text: { headline: escapeHtml(headline), text: body },
      group: it.quadClass <= 2 ? 'cooperation' : 'conflict',
      unique_id: it.id,
    });
  }
  const t: Timeline = { events };
  if (options.title) t.title = { text: { headline: escapeHtml(options.title), text: escapeHtml(options.description ?? '') } };
  return t;
}

/** Check a value against the documented TimelineJS shape; returns the problems found. */
export function checkTimelineShape(t: unknown): string[] {
  const problems: string[] = [];
  const obj = t as Timeline;
  if (!obj || typeof obj !== 'object' || !Array.isArray(obj.events)) return ['"events" must be an array'];
  const checkDate = (d: unknown, where: string) => {
    const x = d as TimelineDate;
    if (!x || typeof x !== 'object') return problems.push(`${where}: missing`);
    if (!Number.isInteger(x.year)) problems.push(`${where}.year must be an integer`);
    if (x.month !== undefined && !(Number.isInteger(x.month) && x.month >= 1 && x.month <= 12)) problems.push(`${where}.month out of range`);
    if (x.day !== undefined && !(Number.isInteger(x.day) && x.day >= 1 && x.day <= 31)) problems.push(`${where}.day out of range`);
    if (x.day !== undefined && x.month === undefined) problems.push(`${where}: a day needs a month`);
    return 0;
  };
  obj.events.forEach((e, i) => {
    checkDate(e.start_date, `events[${i}].start_date`);
    if (e.end_date !== undefined) checkDate(e.end_date, `events[${i}].end_date`);
    if (!e.text || typeof e.text.headline !== 'string' || typeof e.text.text !== 'string') problems.push(`events[${i}].text needs headline and text strings`);
  });
  if (obj.title !== undefined && (!obj.title.text || typeof obj.title.text.headline !== 'string')) problems.push('title.text.headline must be a string');
  return problems;
}
