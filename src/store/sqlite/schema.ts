/**
 * The SQLite schema as numbered migrations. A migration is applied once, in a
 * transaction, and recorded in schema_version; a store whose version is newer
 * than the last migration here is refused (E010).
 *
 * Offsets: every *_start/*_end column is a half-open span in UTF-16 code units
 * of documents.text (the JavaScript string index). The unit is part of each
 * column name (`_utf16`) and stated in meta('offset_unit').
 * Dates: *_key columns are sortable integers year*10000 + month*100 + day of
 * the earliest/latest calendar day a date can mean (see ../day-key.ts).
 */

import { MIGRATION_002_CORRECTIONS } from './migration-002-corrections.js';
import { MIGRATION_004_EVENT_PAGING } from './migration-004-event-paging.js';
import { MIGRATION_005_DICTIONARIES } from './migration-005-dictionaries.js';
import { MIGRATION_006_DYAD_ORDER } from './migration-006-dyad-order.js';
import { MIGRATION_007_DATE_WINDOWS } from './migration-007-date-windows.js';
import { MIGRATION_008_ALIAS_INDEX } from './migration-008-alias-index.js';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'documents, blocks, notes, sentences, entities, mentions, times, events, full-text search',
    sql: `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('offset_unit', 'utf16');

CREATE TABLE documents (
  id TEXT PRIMARY KEY,               -- sha256 (hex) of the original file bytes
  name TEXT NOT NULL,
  uri TEXT NOT NULL,
  format TEXT NOT NULL,
  title TEXT,
  author TEXT,
  published TEXT,                    -- EDTF or NULL
  published_key INTEGER,             -- earliest day of published
  text TEXT NOT NULL,
  length_utf16 INTEGER NOT NULL,
  source_map TEXT,                   -- JSON array of SourceMapEntry, or NULL
  ingested_at TEXT NOT NULL
);
CREATE INDEX documents_name ON documents (name);

CREATE TABLE blocks (
  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  start_utf16 INTEGER NOT NULL,
  end_utf16 INTEGER NOT NULL,
  label TEXT,
  PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;

CREATE TABLE notes (
  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  label TEXT NOT NULL,
  marker_start_utf16 INTEGER NOT NULL,
  marker_end_utf16 INTEGER NOT NULL,
  note_block INTEGER NOT NULL,
  PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;

CREATE TABLE sentences (
  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  start_utf16 INTEGER NOT NULL,
  end_utf16 INTEGER NOT NULL,
  block INTEGER NOT NULL,
  PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;

CREATE TABLE entities (
  id TEXT PRIMARY KEY,               -- "state:ALB", "person:enver-hoxha", ...
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  country TEXT,                      -- CAMEO alpha-3, IGO or NULL
  aliases TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
  roles TEXT                         -- JSON array of Role, or NULL
);
CREATE INDEX entities_country ON entities (country);
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);

CREATE TABLE mentions (
  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  start_utf16 INTEGER NOT NULL,
  end_utf16 INTEGER NOT NULL,
  text TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  entity_name TEXT NOT NULL,
  entity_kind TEXT NOT NULL,
  entity_country TEXT,
  rule_id TEXT NOT NULL,
  confidence REAL NOT NULL,
  PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions (entity_id);

CREATE TABLE times (
  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  start_utf16 INTEGER NOT NULL,
  end_utf16 INTEGER NOT NULL,
  text TEXT NOT NULL,
  value TEXT NOT NULL,               -- EDTF
  earliest TEXT NOT NULL,            -- ISO calendar day
  latest TEXT NOT NULL,
  precision TEXT NOT NULL,
  anchor_kind TEXT NOT NULL,
  anchor_value TEXT,
  rule_id TEXT NOT NULL,
  PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;

CREATE TABLE events (
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
  code TEXT NOT NULL,                -- CAMEO, 2-4 digits
  root TEXT NOT NULL,
  goldstein REAL NOT NULL,
  quad_class INTEGER NOT NULL,
  plover TEXT,
  date_value TEXT,                   -- EDTF
  date_earliest TEXT,                -- ISO calendar day
  date_latest TEXT,
  date_precision TEXT,
  date_start_utf16 INTEGER, date_end_utf16 INTEGER,
  date_rule_id TEXT,
  date_confidence REAL,
  earliest_key INTEGER,              -- for date overlap queries
  latest_key INTEGER,
  claimant_id TEXT, claimant_name TEXT, claimant_kind TEXT, claimant_country TEXT,
  modality TEXT NOT NULL,
  confidence REAL NOT NULL,
  rule_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  extractor TEXT NOT NULL,
  PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;
CREATE INDEX events_id ON events (id);
CREATE INDEX events_dyad ON events (source_id, target_id);
CREATE INDEX events_dyad_reverse ON events (target_id, source_id);
CREATE INDEX events_country_dyad ON events (source_country, target_country);
CREATE INDEX events_country_dyad_reverse ON events (target_country, source_country);
CREATE INDEX events_dates ON events (earliest_key, latest_key);
CREATE INDEX events_code ON events (code);

CREATE VIRTUAL TABLE documents_fts USING fts5 (
  doc_id UNINDEXED,
  title,
  text,
  tokenize = 'unicode61 remove_diacritics 2'
);
`,
  },
];

MIGRATIONS.push(MIGRATION_002_CORRECTIONS, {
  version: 3,
  description: 'dates stated by markup on documents; time expressions inside bibliographic references',
  sql: `
ALTER TABLE documents ADD COLUMN marked_dates TEXT;  -- JSON array of {span: {start, end} in UTF-16, value: EDTF}, or NULL
ALTER TABLE times ADD COLUMN citation INTEGER NOT NULL DEFAULT 0;
`,
});

MIGRATIONS.push(MIGRATION_004_EVENT_PAGING);
MIGRATIONS.push(MIGRATION_005_DICTIONARIES);
MIGRATIONS.push(MIGRATION_006_DYAD_ORDER);
MIGRATIONS.push(MIGRATION_007_DATE_WINDOWS);
MIGRATIONS.push(MIGRATION_008_ALIAS_INDEX);

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
