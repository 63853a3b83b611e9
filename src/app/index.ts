/**
 * The library API of annals: the use cases the CLI, the server and scripts call.
 */
export { DEFAULT_DB, openStore, resolveDbPath } from './open-store.js';
export { ingest, errorLine } from './ingest.js';
export type { IngestOptions, IngestProgress, IngestSummary, FileResult, FileStatus } from './ingest.js';
export { expandInputs } from './inputs.js';
export { listDocuments, queryEvents, searchDocuments, showEvent, summarize } from './queries.js';
export type { EventExplanation, StoreSummary } from './queries.js';
export { exportEvents, checkFormat, EXPORT_FORMATS, CSV_COLUMNS } from './export.js';
export type { ExportFormat } from './export.js';
export { evaluateCorpus, evaluateEvents, evaluateFile, evaluateStore } from './evaluate.js';
export type { EvaluateOptions } from './evaluate.js';
export type { EvalReport } from './eval/score.js';
export { formatReport, summaryLine } from './eval/report.js';
