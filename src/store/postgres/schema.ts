/**
 * The PostgreSQL schema as numbered migrations, the same versions as the
 * SQLite ones (../sqlite/schema.ts) adapted to PostgreSQL: one migration here
 * for each there, so a store's schema version means the same in both.
 *
 * Offsets: every *_start/*_end column is a half-open span in UTF-16 code units
 * of documents.text (the JavaScript string index), as in SQLite.
 * Keys and names compared by range or sorted are COLLATE "C" (byte order), so
 * prefixes, sorting and ties behave as in SQLite whatever the database's locale.
 * Full-text search: documents.search, a tsvector over title and text built with
 * the `annals_search` configuration (the simple dictionary after unaccent, so
 * "zeri" finds "Zëri"). The unaccent extension lives in schema public; every
 * store schema has its own configuration that uses it.
 */
import type { Migration } from '../sqlite/schema.js';

export type { Migration };

export const PG_MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'documents, blocks, notes, sentences, entities, mentions, times, events, full-text search',
    sql: `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('offset_unit', 'utf16');

CREATE TEXT SEARCH CONFIGURATION annals_search (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION annals_search
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH public.unaccent, simple;

CREATE TABLE documents (
  id TEXT COLLATE "C" PRIMARY KEY,   -- sha256 (hex) of the original file bytes
  name TEXT COLLATE "C" NOT NULL,
  uri TEXT NOT NULL,
  format TEXT NOT NULL,
  title TEXT,
  author TEXT,
  published TEXT,                    -- EDTF or NULL
  published_key BIGINT,              -- earliest day of published
  text TEXT NOT NULL,
  length_utf16 INTEGER NOT NULL,
  source_map TEXT,                   -- JSON array of SourceMapEntry, or NULL
  ingested_at TEXT NOT NULL,
  search TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('annals_search', coalesce(title, '')), 'A') || setweight(to_tsvector('annals_search', text), 'B')
  ) STORED
);
CREATE INDEX documents_name ON documents (name);
CREATE INDEX documents_search ON documents USING gin (search);

CREATE TABLE blocks (
  doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  start_utf16 INTEGER NOT NULL,
  end_utf16 INTEGER NOT NULL,
  label TEXT,
  PRIMARY KEY (doc_id, seq)
);

CREATE TABLE notes (
  doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  label TEXT NOT NULL,
  marker_start_utf16 INTEGER NOT NULL,
  marker_end_utf16 INTEGER NOT NULL,
  note_block INTEGER NOT NULL,
  PRIMARY KEY (doc_id, seq)
);

CREATE TABLE sentences (
  doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  start_utf16 INTEGER NOT NULL,
  end_utf16 INTEGER NOT NULL,
  block INTEGER NOT NULL,
  PRIMARY KEY (doc_id, seq)
);

CREATE TABLE entities (
  id TEXT COLLATE "C" PRIMARY KEY,   -- "state:ALB", "person:enver-hoxha", ...
  name TEXT COLLATE "C" NOT NULL,
  kind TEXT NOT NULL,
  country TEXT,                      -- CAMEO alpha-3, IGO or NULL
  aliases TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
  roles TEXT                         -- JSON array of Role, or NULL
);
CREATE INDEX entities_country ON entities (country);
CREATE INDEX entities_name ON entities (lower(name));

CREATE TABLE mentions (
  doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  start_utf16 INTEGER NOT NULL,
  end_utf16 INTEGER NOT NULL,
  text TEXT NOT NULL,
  entity_id TEXT COLLATE "C" NOT NULL,
  entity_name TEXT NOT NULL,
  entity_kind TEXT NOT NULL,
  entity_country TEXT,
  rule_id TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (doc_id, seq)
);
CREATE INDEX mentions_entity ON mentions (entity_id);

CREATE TABLE times (
  doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
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
);

CREATE TABLE events (
  doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  id TEXT COLLATE "C" NOT NULL,
  evidence_start_utf16 INTEGER NOT NULL,
  evidence_end_utf16 INTEGER NOT NULL,
  evidence_text TEXT NOT NULL,
  sentence_start_utf16 INTEGER NOT NULL,
  sentence_end_utf16 INTEGER NOT NULL,
  source_id TEXT COLLATE "C", source_name TEXT COLLATE "C", source_kind TEXT, source_country TEXT,
  source_start_utf16 INTEGER, source_end_utf16 INTEGER,
  target_id TEXT COLLATE "C", target_name TEXT COLLATE "C", target_kind TEXT, target_country TEXT,
  target_start_utf16 INTEGER, target_end_utf16 INTEGER,
  trigger_start_utf16 INTEGER, trigger_end_utf16 INTEGER,
  code TEXT COLLATE "C" NOT NULL,    -- CAMEO, 2-4 digits
  root TEXT NOT NULL,
  goldstein DOUBLE PRECISION NOT NULL,
  quad_class INTEGER NOT NULL,
  plover TEXT,
  date_value TEXT,                   -- EDTF
  date_earliest TEXT,                -- ISO calendar day
  date_latest TEXT,
  date_precision TEXT,
  date_start_utf16 INTEGER, date_end_utf16 INTEGER,
  date_rule_id TEXT,
  date_confidence DOUBLE PRECISION,
  earliest_key BIGINT,               -- for date overlap queries
  latest_key BIGINT,
  claimant_id TEXT COLLATE "C", claimant_name TEXT, claimant_kind TEXT, claimant_country TEXT,
  modality TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  rule_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  extractor TEXT NOT NULL,
  PRIMARY KEY (doc_id, seq)
);
CREATE INDEX events_id ON events (id);
CREATE INDEX events_dyad ON events (source_id, target_id);
CREATE INDEX events_dyad_reverse ON events (target_id, source_id);
CREATE INDEX events_country_dyad ON events (source_country, target_country);
CREATE INDEX events_country_dyad_reverse ON events (target_country, source_country);
CREATE INDEX events_dates ON events (earliest_key, latest_key);
CREATE INDEX events_code ON events (code);
`,
  },
  {
    version: 2,
    description: 'corrections: accept, reject, edit, merge and split decisions of reviewers',
    sql: `
CREATE TABLE corrections (
  id TEXT COLLATE "C" PRIMARY KEY,
  kind TEXT NOT NULL,
  event_id TEXT COLLATE "C",
  doc_id TEXT COLLATE "C",
  evidence_start_utf16 INTEGER,
  evidence_end_utf16 INTEGER,
  evidence_text TEXT,
  machine_code TEXT,
  fingerprint TEXT,
  payload TEXT NOT NULL,
  note TEXT,
  author TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX corrections_event ON corrections (event_id);
CREATE INDEX corrections_evidence ON corrections (doc_id, evidence_start_utf16, evidence_end_utf16);
`,
  },
  {
    version: 3,
    description: 'dates stated by markup on documents; time expressions inside bibliographic references',
    sql: `
ALTER TABLE documents ADD COLUMN marked_dates TEXT;
ALTER TABLE times ADD COLUMN citation INTEGER NOT NULL DEFAULT 0;
`,
  },
  {
    version: 4,
    description: 'indexes for event pages in date order and for event counts',
    sql: `
CREATE INDEX events_date_order ON events ((earliest_key IS NULL), earliest_key, latest_key);
CREATE INDEX events_kinds ON events (root, modality, quad_class);
`,
  },
  {
    version: 5,
    description: 'dictionaries registered with the store',
    sql: `
CREATE TABLE dictionaries (
  path TEXT COLLATE "C" PRIMARY KEY,
  kind TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  entries INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  imported_at TEXT NOT NULL
);
`,
  },
];

/** The columns of events, in table order. */
export const EVENT_COLUMNS = [
  'doc_id', 'seq', 'id', 'evidence_start_utf16', 'evidence_end_utf16', 'evidence_text',
  'sentence_start_utf16', 'sentence_end_utf16',
  'source_id', 'source_name', 'source_kind', 'source_country', 'source_start_utf16', 'source_end_utf16',
  'target_id', 'target_name', 'target_kind', 'target_country', 'target_start_utf16', 'target_end_utf16',
  'trigger_start_utf16', 'trigger_end_utf16', 'code', 'root', 'goldstein', 'quad_class', 'plover',
  'date_value', 'date_earliest', 'date_latest', 'date_precision', 'date_start_utf16', 'date_end_utf16',
  'date_rule_id', 'date_confidence', 'earliest_key', 'latest_key',
  'claimant_id', 'claimant_name', 'claimant_kind', 'claimant_country',
  'modality', 'confidence', 'rule_id', 'reason', 'extractor',
];

/** The text columns of events: their lengths bound the size of an entry in the timeline indexes. */
const EVENT_TEXT_COLUMNS = [
  'doc_id', 'id', 'evidence_text', 'source_id', 'source_name', 'source_kind', 'source_country',
  'target_id', 'target_name', 'target_kind', 'target_country', 'code', 'root', 'plover',
  'date_value', 'date_earliest', 'date_latest', 'date_precision', 'date_rule_id',
  'claimant_id', 'claimant_name', 'claimant_kind', 'claimant_country', 'modality', 'rule_id', 'reason', 'extractor',
];

/** The key of both timeline indexes: a dyad's events together, then in document order. */
export const TIMELINE_KEY = ['source_id', 'target_id', 'doc_id', 'seq'];

/**
 * The columns events_timeline_rest carries; events_timeline carries the others. An index takes
 * at most 32 columns, so the 46 of an event are split over two indexes with the same key.
 */
export const TIMELINE_REST_COLUMNS = [
  'evidence_start_utf16', 'evidence_end_utf16', 'sentence_start_utf16', 'sentence_end_utf16',
  'source_kind', 'source_country', 'source_start_utf16', 'source_end_utf16',
  'target_kind', 'target_country', 'target_start_utf16', 'target_end_utf16', 'trigger_start_utf16', 'trigger_end_utf16',
  'claimant_id', 'claimant_name', 'claimant_kind', 'claimant_country', 'rule_id', 'reason', 'extractor',
];

const TIMELINE_COLUMNS = EVENT_COLUMNS.filter((c) => !TIMELINE_KEY.includes(c) && !TIMELINE_REST_COLUMNS.includes(c));

/**
 * The condition for an event to be in the timeline indexes: its text columns together take at
 * most 2,000 bytes, so an index entry stays under B-tree's limit (2,704 bytes) with room for
 * the fixed-width columns and headers. The rare longer event is found by events_timeline_long.
 * A query states this very expression (for table alias `t`) for PostgreSQL to see that the
 * partial indexes apply.
 */
export function timelineFits(t = ''): string {
  const col = (c: string) => (t ? `${t}.${c}` : c);
  return `(${EVENT_TEXT_COLUMNS.map((c) => `coalesce(octet_length(${col(c)}), 0)`).join(' + ')}) <= 2000`;
}

PG_MIGRATIONS.push({
  version: 6,
  description: 'events kept in dyad order (source, target, document, seq) for dyad timelines',
  sql: `
-- Whole events in (source, target, document, seq) order, over two indexes with the same key (an
-- index takes at most 32 columns): a dyad's timeline reads its events from a few adjacent pages
-- of each, joined on the key, without visiting the table, whose pages are in the order documents
-- came in. The indexes keep that order through later inserts and deletes; together they take
-- about the table's size. Events too long for an index entry: events_timeline_long (usually empty).
CREATE INDEX events_timeline ON events (${TIMELINE_KEY.join(', ')}) INCLUDE (${TIMELINE_COLUMNS.join(', ')})
  WHERE ${timelineFits()};
CREATE INDEX events_timeline_rest ON events (${TIMELINE_KEY.join(', ')}) INCLUDE (${TIMELINE_REST_COLUMNS.join(', ')})
  WHERE ${timelineFits()};
CREATE INDEX events_timeline_long ON events (source_id, target_id) WHERE NOT (${timelineFits()});
`,
});

PG_MIGRATIONS.push({
  version: 7,
  description: 'event filters by date window start at the window (widest date span kept)',
  // Nothing to change here: PostgreSQL combines the code and date indexes in one bitmap scan
  // (docs/performance.md, "Queries at 1 M and 10 M stored events"); the version is kept in step.
  sql: 'SELECT 1;',
});

PG_MIGRATIONS.push({
  version: 8,
  description: 'actor names and aliases found by index (ASCII case ignored)',
  sql: `
-- An actor argument ("Albania", "tirana") is matched against each entity's name and aliases,
-- ignoring ASCII case as SQLite's NOCASE does: lower() under COLLATE "C" folds A-Z only. The
-- aliases are a JSON array in a text column; their folded forms are kept in a GIN index over
-- this function, so a name is found without reading every entity's aliases.
CREATE FUNCTION annals_alias_keys(aliases TEXT) RETURNS TEXT[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT pg_catalog.lower(v COLLATE "C")), '{}') FROM pg_catalog.json_array_elements_text(aliases::pg_catalog.json) AS j(v) $$;
CREATE INDEX entities_alias_keys ON entities USING gin (annals_alias_keys(aliases));
ANALYZE entities;
`,
});

export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1].version;
