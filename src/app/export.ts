/**
 * Export events: JSON Lines in the scorer's contract (src/export/jsonl.ts) or
 * CSV (RFC 4180, through csv-stringify), written page by page.
 */
import { AnnalsError } from '../core/errors.js';
import { toJsonl } from '../export/jsonl.js';
import type { EventFilter, Store, StoredEvent } from '../store/store.js';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_COLUMNS = [
  'id', 'doc', 'date', 'date_earliest', 'date_latest', 'date_precision', 'code', 'root', 'quad_class', 'goldstein', 'plover',
  'source_id', 'source_name', 'source_kind', 'source_country', 'target_id', 'target_name', 'target_kind', 'target_country',
  'claimant_id', 'claimant_name', 'modality', 'confidence', 'evidence_start_utf16', 'evidence_end_utf16', 'evidence_text',
  'rule_id', 'date_rule_id', 'reason', 'extractor',
] as const;

function csvRow(e: StoredEvent): unknown[] {
  return [
    e.id, e.docName, e.date?.value ?? '', e.date?.earliest ?? '', e.date?.latest ?? '', e.date?.precision ?? '',
    e.code, e.root, e.quadClass, e.goldstein, e.plover ?? '',
    e.source?.id ?? '', e.source?.name ?? '', e.source?.kind ?? '', e.source?.country ?? '',
    e.target?.id ?? '', e.target?.name ?? '', e.target?.kind ?? '', e.target?.country ?? '',
    e.claimant?.id ?? '', e.claimant?.name ?? '', e.modality, e.confidence, e.evidence.start, e.evidence.end, e.evidenceText,
    e.ruleId, e.date?.ruleId ?? '', e.reason, e.extractor,
  ];
}

export function checkFormat(format: string): ExportFormat {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new AnnalsError('E020', `unknown export format (use ${EXPORT_FORMATS.join(' or ')})`, format);
  }
  return format as ExportFormat;
}

/** The export as text chunks, `pageSize` events at a time. */
export async function* exportEvents(
  store: Store,
  format: string,
  filter: Omit<EventFilter, 'limit' | 'offset'> = {},
  pageSize = 5000,
): AsyncGenerator<string> {
  const fmt = checkFormat(format);
  const { stringify } = await import('csv-stringify/sync'); // loaded on use: most runs never write CSV
  if (fmt === 'csv') yield stringify([CSV_COLUMNS as unknown as string[]]);
  for (let offset = 0; ; offset += pageSize) {
    const page = await store.events({ ...filter, limit: pageSize, offset });
    if (!page.length) break;
    yield fmt === 'jsonl' ? toJsonl(page.map((event) => ({ event, docName: event.docName }))) : stringify(page.map(csvRow));
    if (page.length < pageSize) break;
  }
}
