/**
 * Migration 6: events kept in dyad order on disk. The events table becomes a
 * B-tree keyed by (dyad_source, dyad_target, doc_id, seq), so the events
 * between two actors lie together on a few pages whatever the order the
 * documents came in, and stay so as more are saved or deleted: a dyad's
 * timeline reads a handful of pages instead of one page per event (see
 * docs/performance.md, "Queries at 1 M and 10 M stored events").
 *
 * dyad_source and dyad_target are the source's and target's entity ids, ''
 * when there is none (key columns of a WITHOUT ROWID table cannot be NULL);
 * the driver fills them from source_id and target_id on every insert.
 * A document's events are found by the unique index events_document (the old
 * primary key); events_dyad (source_id, target_id) goes, the key serves it.
 * The table is copied in key order, so an existing store is rewritten once
 * (about a minute per million events).
 */
import type { Migration } from './schema.js';

/** The events columns of migrations 1–5, in table order. */
const COLUMNS = `doc_id, seq, id, evidence_start_utf16, evidence_end_utf16, evidence_text,
  sentence_start_utf16, sentence_end_utf16,
  source_id, source_name, source_kind, source_country, source_start_utf16, source_end_utf16,
  target_id, target_name, target_kind, target_country, target_start_utf16, target_end_utf16,
  trigger_start_utf16, trigger_end_utf16, code, root, goldstein, quad_class, plover,
  date_value, date_earliest, date_latest, date_precision, date_start_utf16, date_end_utf16,
  date_rule_id, date_confidence, earliest_key, latest_key,
  claimant_id, claimant_name, claimant_kind, claimant_country,
  modality, confidence, rule_id, reason, extractor`;

export const MIGRATION_006_DYAD_ORDER: Migration = {
  version: 6,
  description: 'events kept in dyad order (source, target, document, seq) for dyad timelines',
  sql: `
CREATE TABLE events_by_dyad (
  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  evidence_start_utf16 INTEGER NOT NULL,
  evidence_end_utf16 INTEGER NOT NULL,
  evidence_text TEXT NOT NULL,
  sentence_start_utf16 INTEGER NOT NULL,
  sentence_end_utf16 INTEGER NOT NULL,
  source_id TEXT, source_name TEXT, source_kind TEXT, source_country TEXT,
  source_start_utf16 INTEGER, source_end_utf16 INTEGER,
  target_id TEXT, target_name TEXT, target_kind TEXT, target_country TEXT,
  target_start_utf16 INTEGER, target_end_utf16 INTEGER,
  trigger_start_utf16 INTEGER, trigger_end_utf16 INTEGER,
  code TEXT NOT NULL,
  root TEXT NOT NULL,
  goldstein REAL NOT NULL,
  quad_class INTEGER NOT NULL,
  plover TEXT,
  date_value TEXT,
  date_earliest TEXT,
  date_latest TEXT,
  date_precision TEXT,
  date_start_utf16 INTEGER, date_end_utf16 INTEGER,
  date_rule_id TEXT,
  date_confidence REAL,
  earliest_key INTEGER,
  latest_key INTEGER,
  claimant_id TEXT, claimant_name TEXT, claimant_kind TEXT, claimant_country TEXT,
  modality TEXT NOT NULL,
  confidence REAL NOT NULL,
  rule_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  extractor TEXT NOT NULL,
  dyad_source TEXT NOT NULL,         -- source_id, or '' when the event has no source
  dyad_target TEXT NOT NULL,         -- target_id, or '' when the event has no target
  PRIMARY KEY (dyad_source, dyad_target, doc_id, seq)
) WITHOUT ROWID;
INSERT INTO events_by_dyad (${COLUMNS}, dyad_source, dyad_target)
  SELECT ${COLUMNS}, coalesce(source_id, ''), coalesce(target_id, '') FROM events
  ORDER BY coalesce(source_id, ''), coalesce(target_id, ''), doc_id, seq;
DROP TABLE events;
ALTER TABLE events_by_dyad RENAME TO events;
CREATE UNIQUE INDEX events_document ON events (doc_id, seq);
CREATE INDEX events_id ON events (id);
CREATE INDEX events_dyad_reverse ON events (target_id, source_id);
CREATE INDEX events_country_dyad ON events (source_country, target_country);
CREATE INDEX events_country_dyad_reverse ON events (target_country, source_country);
CREATE INDEX events_dates ON events (earliest_key, latest_key);
CREATE INDEX events_code ON events (code);
CREATE INDEX events_date_order ON events ((earliest_key IS NULL), earliest_key, latest_key);
CREATE INDEX events_kinds ON events (root, modality, quad_class);
`,
};
