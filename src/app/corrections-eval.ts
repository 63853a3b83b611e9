/**
 * The reviewers' corrections in evaluation and in the CLI's exports:
 * `annals eval --corrected` scores the events as corrected (rejected ones
 * dropped, edits applied), and `annals export --corrected` writes them.
 */
import type { EventFilter, Store } from '../store/store.js';
import { toContractRecord } from '../export/jsonl.js';
import { evaluateEvents, type EvaluateOptions } from './evaluate.js';
import type { EvalReport } from './eval/score.js';
import { withCorrections } from './analysis.js';
import { exportableEvents } from './corrections-query.js';
import { CSV_COLUMNS } from './export.js';
import type { Corrected } from './corrections.js';
import type { StoredEvent } from '../store/store.js';

/** Score the stored events as corrected by the corrections kept in the store file at `dbPath`. */
export async function evaluateCorrectedStore(store: Store, dbPath: string, options: EvaluateOptions): Promise<EvalReport> {
  return withCorrections(dbPath, async (corrections) => {
    const events = await exportableEvents(store, corrections);
    return evaluateEvents(events.map((event) => ({ event, docName: event.docName })), options);
  });
}

function csvRow(e: Corrected<StoredEvent>): unknown[] {
  const byColumn: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id: e.id, doc: e.docName, date: e.date?.value ?? '', date_earliest: e.date?.earliest ?? '', date_latest: e.date?.latest ?? '',
    date_precision: e.date?.precision ?? '', code: e.code, root: e.root, quad_class: e.quadClass, goldstein: e.goldstein, plover: e.plover ?? '',
    source_id: e.source?.id ?? '', source_name: e.source?.name ?? '', source_kind: e.source?.kind ?? '', source_country: e.source?.country ?? '',
    target_id: e.target?.id ?? '', target_name: e.target?.name ?? '', target_kind: e.target?.kind ?? '', target_country: e.target?.country ?? '',
    claimant_id: e.claimant?.id ?? '', claimant_name: e.claimant?.name ?? '', modality: e.modality, confidence: e.confidence,
    evidence_start_utf16: e.evidence.start, evidence_end_utf16: e.evidence.end, evidence_text: e.evidenceText,
    rule_id: e.ruleId, date_rule_id: e.date?.ruleId ?? '', reason: e.reason, extractor: e.extractor,
  };
  return [...CSV_COLUMNS.map((c) => byColumn[c]), e.correction?.status ?? ''];
}

/** The export with corrections applied: JSON Lines records carry a "correction" field, CSV rows a "corrected" column. */
export async function* exportCorrectedEvents(store: Store, dbPath: string, format: 'jsonl' | 'csv', filter: EventFilter = {}): AsyncGenerator<string> {
  const events = await withCorrections(dbPath, (corrections) => exportableEvents(store, corrections, filter));
  if (format === 'jsonl') {
    for (const e of events) {
      const correction = e.correction ? { status: e.correction.status, corrections: e.correction.corrections, original: e.correction.original } : null;
      yield JSON.stringify({ ...toContractRecord(e, e.docName), correction }) + '\n';
    }
    return;
  }
  const { stringify } = await import('csv-stringify/sync');
  yield stringify([[...CSV_COLUMNS, 'corrected']]);
  for (let i = 0; i < events.length; i += 5000) yield stringify(events.slice(i, i + 5000).map(csvRow));
}
