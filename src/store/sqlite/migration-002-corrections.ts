/**
 * Migration 2: reviewers' corrections, kept apart from the machine's output.
 * No foreign key to documents or events: a correction outlives the rows it is
 * about, so it survives re-ingestion and re-coding, and is found again by the
 * event id or, when the id changed, by the evidence (doc_id + span + text).
 * Read and written by src/app/corrections-sqlite.ts.
 */
import type { Migration } from './schema.js';

export const MIGRATION_002_CORRECTIONS: Migration = {
  version: 2,
  description: 'corrections: accept, reject, edit, merge and split decisions of reviewers',
  sql: `
CREATE TABLE corrections (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,                -- accept, reject, edit, merge-actors, split-actor, merge-events, split-event
  event_id TEXT,                     -- the event a correction is about, when it is about one
  doc_id TEXT,                       -- its anchor: document and evidence span (UTF-16) and text
  evidence_start_utf16 INTEGER,
  evidence_end_utf16 INTEGER,
  evidence_text TEXT,
  machine_code TEXT,                 -- the code the machine gave when the correction was made
  fingerprint TEXT,
  payload TEXT NOT NULL,             -- JSON: what the correction says
  note TEXT,
  author TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX corrections_event ON corrections (event_id);
CREATE INDEX corrections_evidence ON corrections (doc_id, evidence_start_utf16, evidence_end_utf16);
`,
};
