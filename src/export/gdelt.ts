/**
 * A GDELT-style event table (tab-separated, one merged event a row, a header
 * line first). Column names follow the GDELT 1.0/2.0 event table where the
 * meaning carries over; docs/exports.md states what each holds in annals,
 * including where annals differs (dates come from the text, not from the
 * day of publication). Extra annals columns come after the GDELT ones.
 */
import type { EntityRef } from '../core/types.js';
import type { MergedEvent } from '../analysis/merge.js';
import { hash53 } from '../analysis/event-key.js';
import { dateCells, firstEvidence, memberDocs } from './merged-cells.js';

export const GDELT_COLUMNS = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1Type1Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2Type1Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale',
  'NumMentions', 'NumSources', 'NumArticles', 'SOURCEURL',
  'AnnalsEventId', 'DateEDTF', 'DateEarliest', 'DateLatest', 'DatePrecision', 'Modality', 'MergeRule', 'MergeScore', 'Evidence',
] as const;

export interface GdeltOptions {
  /** Where each document came from (document id → path or URL), for SOURCEURL. */
  sourceOf?: (docId: string) => string | null;
}

function cell(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).replace(/[\t\r\n]+/g, ' ');
}

/** A stable positive integer id (53 bits) from the merged event id. */
export function numericId(id: string): number {
  return parseInt(hash53(id), 16);
}

function actorCode(a: EntityRef | null): string {
  if (!a) return '';
  return a.country ?? '';
}

function typeCode(a: EntityRef | null): string {
  if (!a) return '';
  if (a.country === 'IGO' || a.kind === 'organization') return a.country === 'IGO' ? 'IGO' : '';
  return a.kind === 'state' ? 'GOV' : '';
}

function fractionDate(iso: string): string {
  const [y, m, d] = iso.replace(/^-/, '').split('-').map(Number);
  const sign = iso.startsWith('-') ? -1 : 1;
  return (sign * y + ((m - 1) * 30.4375 + d) / 365.25).toFixed(4);
}

export function toGdeltRow(m: MergedEvent, options: GdeltOptions = {}): string[] {
  const e = m.date?.earliest ?? null;
  const ymd = e ? e.replace(/^(-?)(\d+)-(\d{2})-(\d{2})$/, '$1$2$3$4') : '';
  const ym = e ? e.replace(/^(-?)(\d+)-(\d{2})-(\d{2})$/, '$1$2$3') : '';
  const year = e ? String(Number(e.replace(/^(-?\d+)-.*$/, '$1'))) : '';
  const code = m.code;
  const base = code.length >= 3 ? code.slice(0, 3) : code;
  const sources = memberDocs(m, (x) => options.sourceOf?.(x.docId) ?? x.docName ?? x.docId);
  return [
    numericId(m.id),
    ymd,
    ym,
    year,
    e ? fractionDate(e) : '',
    actorCode(m.source),
    m.source?.name ?? '',
    m.source?.country ?? '',
    typeCode(m.source),
    actorCode(m.target),
    m.target?.name ?? '',
    m.target?.country ?? '',
    typeCode(m.target),
    m.members.length > 1 ? 1 : 0,
    code,
    base,
    m.root,
    m.quadClass,
    m.goldstein,
    m.members.length,
    m.accounts.length,
    m.documents,
    sources[0] ?? '',
    m.id,
    ...dateCells(m),
    m.modality,
    m.ruleId,
    m.score,
    firstEvidence(m),
  ].map(cell);
}

export function toGdeltTsv(merged: readonly MergedEvent[], options: GdeltOptions = {}): string {
  const lines = [GDELT_COLUMNS.join('\t')];
  for (const m of merged) lines.push(toGdeltRow(m, options).join('\t'));
  return lines.join('\n') + '\n';
}
