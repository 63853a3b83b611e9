/**
 * Migration 7: event filters by a date window read only the window. An event
 * overlaps the window [from, to] when latest_key >= from and earliest_key <= to;
 * the first bound alone says nothing of where its earliest day lies, so a walk
 * in date order began at the oldest event. The store now keeps the widest date
 * span of any event (latest_key - earliest_key, in day-key units) in
 * meta('max_date_span'), raised by a trigger as events are saved (never
 * lowered: a bound that is too wide stays true), and a filter with `from` adds
 * earliest_key >= from - max_date_span, which lets the date-order index start
 * at the window. An event with a latest but no earliest day has no bound: it
 * sets the span to 10^9, which turns the bound off.
 *
 * The date-order index also carries the CAMEO code, so a code within a date
 * window is checked in the index and only the events returned are read; the
 * plain (earliest_key, latest_key) index goes (the date-order one serves it).
 */
import type { Migration } from './schema.js';

const SPAN = 'coalesce(latest_key - earliest_key, 1000000000)';

export const MIGRATION_007_DATE_WINDOWS: Migration = {
  version: 7,
  description: 'event filters by date window start at the window (widest date span kept)',
  sql: `
DROP INDEX IF EXISTS events_dates;
DROP INDEX IF EXISTS events_date_order;
CREATE INDEX events_date_order ON events ((earliest_key IS NULL), earliest_key, latest_key, code);
INSERT OR REPLACE INTO meta (key, value)
  SELECT 'max_date_span', coalesce(max(${SPAN}), 0) FROM events WHERE latest_key IS NOT NULL;
CREATE TRIGGER events_date_span AFTER INSERT ON events
  WHEN NEW.latest_key IS NOT NULL
   AND coalesce(NEW.latest_key - NEW.earliest_key, 1000000000) > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'max_date_span')
BEGIN
  UPDATE meta SET value = coalesce(NEW.latest_key - NEW.earliest_key, 1000000000) WHERE key = 'max_date_span';
END;
`,
};
