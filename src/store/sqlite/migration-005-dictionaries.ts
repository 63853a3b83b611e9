/**
 * Migration 5: dictionaries registered with the store (`annals dict import`), loaded on top
 * of the built-in ones by every later ingest and worker into the store. A dictionary is
 * known by its absolute path; its sha256 at import tells when the file changed or went
 * missing since. Read and written by src/app/dictionaries.ts.
 */
import type { Migration } from './schema.js';

export const MIGRATION_005_DICTIONARIES: Migration = {
  version: 5,
  description: 'dictionaries registered with the store',
  sql: `
CREATE TABLE dictionaries (
  path TEXT PRIMARY KEY,             -- absolute path of the file (or folder of JSON files)
  kind TEXT NOT NULL,                -- actors, agents, verbs (PETRARCH/Phoenix) or user (JSON)
  sha256 TEXT NOT NULL,              -- of the bytes at import (of the sorted files for a folder)
  bytes INTEGER NOT NULL,
  entries INTEGER NOT NULL,          -- records counted at import
  seq INTEGER NOT NULL,              -- load order: the order of first import
  imported_at TEXT NOT NULL
);
`,
};
