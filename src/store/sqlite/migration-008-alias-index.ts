/**
 * Migration 8: actor names and aliases found by index. An actor argument ("Albania", "tirana")
 * is matched, ignoring ASCII case, against every entity's name and aliases; the aliases are a
 * JSON array in entities.aliases, which a lookup had to open for every entity. entity_aliases
 * keeps one row per (alias, entity), kept in step with entities by triggers (whatever writes an
 * entity, and however: a REPLACE deletes without firing the delete trigger, so the insert
 * trigger clears the entity's rows first). PostgreSQL's migration 8 does the same with a GIN index.
 */
import type { Migration } from './schema.js';

export const MIGRATION_008_ALIAS_INDEX: Migration = {
  version: 8,
  description: 'actor names and aliases found by index (ASCII case ignored)',
  sql: `
CREATE TABLE entity_aliases (
  alias TEXT NOT NULL COLLATE NOCASE,
  entity_id TEXT NOT NULL,
  PRIMARY KEY (alias, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_entity ON entity_aliases (entity_id);
INSERT OR IGNORE INTO entity_aliases (alias, entity_id)
  SELECT j.value, e.id FROM entities e, json_each(e.aliases) j WHERE j.type = 'text';
CREATE TRIGGER entities_aliases_insert AFTER INSERT ON entities BEGIN
  DELETE FROM entity_aliases WHERE entity_id = NEW.id;
  INSERT OR IGNORE INTO entity_aliases (alias, entity_id)
    SELECT j.value, NEW.id FROM json_each(NEW.aliases) j WHERE j.type = 'text';
END;
CREATE TRIGGER entities_aliases_update AFTER UPDATE OF aliases, id ON entities BEGIN
  DELETE FROM entity_aliases WHERE entity_id = OLD.id;
  INSERT OR IGNORE INTO entity_aliases (alias, entity_id)
    SELECT j.value, NEW.id FROM json_each(NEW.aliases) j WHERE j.type = 'text';
END;
CREATE TRIGGER entities_aliases_delete AFTER DELETE ON entities BEGIN
  DELETE FROM entity_aliases WHERE entity_id = OLD.id;
END;
`,
};
