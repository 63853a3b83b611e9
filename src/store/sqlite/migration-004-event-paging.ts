/**
 * Migration 4: indexes for paging through events without reading them all.
 * The web app's events table asks for one page in date order and for counts by
 * root, modality and quad class; at 100,000 events these indexes take those
 * queries from seconds to milliseconds (see docs/performance.md, "Web UI").
 */
import type { Migration } from './schema.js';

export const MIGRATION_004_EVENT_PAGING: Migration = {
  version: 4,
  description: 'indexes for event pages in date order and for event counts',
  sql: `
-- Matches the date order of events(): undated last, then earliest and latest day.
CREATE INDEX events_date_order ON events ((earliest_key IS NULL), earliest_key, latest_key);
-- Covers countEvents(): counts by root, modality and quad class read the index only.
CREATE INDEX events_kinds ON events (root, modality, quad_class);
`,
};
