/**
 * The PostgreSQL driver of the Store, over node-postgres (pg). Each document is
 * saved in one transaction (all or nothing), its rows written by multi-row
 * INSERTs; every value is a query parameter. Several processes may write the
 * same store at once: a document is locked by its id while it is saved (so the
 * same document saved twice at once is stored once), actors are upserted in id
 * order, and a transaction that still meets a deadlock is retried.
 * Row mapping is shared with the SQLite driver (../sqlite/rows.ts).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { AnnalsError } from '../../core/errors.js';
import type { Annotations, CodedEvent, Document, Entity, EntityRef } from '../../core/types.js';
import type {
  DocumentSummary,
  EventCounts,
  EventFilter,
  Overview,
  SaveOptions,
  SaveOutcome,
  SearchHit,
  Store,
  StoreCounts,
  StoredEvent,
} from '../store.js';
import { edtfDayKeys } from '../day-key.js';
import * as rows from '../sqlite/rows.js';
import { EVENT_COLUMNS, PG_MIGRATIONS, PG_SCHEMA_VERSION, TIMELINE_KEY, TIMELINE_REST_COLUMNS, timelineFits } from './schema.js';
import { connectionError, createPool, isRetryable, parsePgLocation, redactUrl, type PgLocation } from './connect.js';
import { validateSpans } from '../validate.js';

type Row = Record<string, unknown>;
type Client = pg.PoolClient | pg.Pool;

export interface PostgresStoreOptions {
  /** The schema the store lives in (default: the URL's `schema` parameter, else public); created when missing. */
  schema?: string;
  /** Open without writing (no migrations, no saves). */
  readonly?: boolean;
  /** Refuse (E001) a store that holds no annals schema yet. */
  mustExist?: boolean;
  /** Connections in the pool (default 4). */
  connections?: number;
}

/** A document with everything found in it, as saveDocument takes it. */
export interface SaveItem {
  doc: Document;
  ann: Annotations;
  entities: Entity[];
}

/** The Store, plus saving many documents in one transaction (for one writer fed by many workers). */
export interface PostgresStore extends Store {
  saveDocuments(items: SaveItem[], options?: SaveOptions): Promise<SaveOutcome[]>;
  /** The schema the store lives in. */
  readonly schema: string;
  /** Drop the store's schema with everything in it (tests and benchmarks; never public). */
  dropSchema(): Promise<void>;
}

/** A postgres:// URL; nothing is sent to the server before the first call. */
export function createPostgresStore(url: string, options: PostgresStoreOptions = {}): PostgresStore {
  const location = parsePgLocation(url, options.schema);
  return new PgStore(location, url, options);
}

/** Open and bring the schema up to date (connection problems: E002). */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const store = createPostgresStore(url, options);
  try {
    if (options.mustExist && (await store.schemaVersion()) === 0) {
      throw new AnnalsError('E001', 'store not found: the database holds no annals store yet (ingest documents first)', redactUrl(url));
    }
    if (!options.readonly) await store.migrate();
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

/** Filter values become parameters ($1, $2, …), never SQL. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
  list(vs: unknown[]): string {
    return vs.map((v) => this.add(v)).join(', ');
  }
}

function badArgument(name: string, value: string, why: string): AnnalsError {
  return new AnnalsError('E020', `${why}: ${JSON.stringify(value)}`, name);
}

function boundKey(name: string, value: string, side: 'lo' | 'hi'): number {
  try {
    return edtfDayKeys(value.trim())[side];
  } catch {
    throw badArgument(name, value, 'not a date (use EDTF or ISO, e.g. 1976, 1976-10, 1976-10-05, 1976-21)');
  }
}

/** The words of a search string, or null when it has none: query syntax stays data. */
export function searchWords(query: string): string | null {
  const words = query.match(/[\p{L}\p{N}]+/gu);
  return words ? words.join(' ') : null;
}

const EVENT_SELECT = 'SELECT e.*, d.name AS doc_name FROM events e JOIN documents d ON d.id = e.doc_id';

type Atom = { side: 'source' | 'target'; col: 'id' | 'country'; values: string[] };

/** ASCII letters in lower case, the rest as it is: the case SQLite's NOCASE (and lower() under COLLATE "C") ignores. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (x) => x.toLowerCase());
}

/** The country code an actor argument may be (three letters), upper-cased, or null. */
function actorCountry(actor: string): string | null {
  return /^[A-Za-z]{3}$/.test(actor) ? actor.toUpperCase() : null;
}

/**
 * The entity ids an actor argument names, as one text[] (empty when none): its entity id, or a
 * name or alias equal to it but for ASCII case. Three index lookups (the key, entities_name and
 * the GIN index entities_alias_keys of migration 8), never a scan of every entity's aliases.
 */
function actorIdsSql(actor: string, p: Params): string {
  const id = p.add(actor);
  const key = p.add(asciiLower(actor));
  return `SELECT coalesce(array_agg(id), '{}') FROM entities
    WHERE id = ${id}::text OR lower(name) = ${key}::text COLLATE "C" OR annals_alias_keys(aliases) && ARRAY[${key}::text]`;
}

/** Every column of events (in table order) from the two timeline indexes, aliased t and r. */
const TIMELINE_SELECT = EVENT_COLUMNS.map((c) => (TIMELINE_REST_COLUMNS.includes(c) ? 'r.' : 't.') + c).join(', ');

/** The ids of the dyad's two sides, resolved inside the query that reads its events (CTE dyad_ids). */
const DYAD_A = '(SELECT a FROM dyad_ids)';
const DYAD_B = '(SELECT b FROM dyad_ids)';

/** Events from side x's ids to side y's (columns of table alias t, or unqualified). */
function idPair(t: string, x: string, y: string): string {
  return `${t}source_id = ANY (${x}::text[]) AND ${t}target_id = ANY (${y}::text[])`;
}

/**
 * The events of a dyad [x, y], both directions, as a subquery in one statement with the
 * resolution of both actors (the CTE dyad_ids it adds to `ctes`: two arrays of entity ids).
 * Branches that share no event, so a UNION ALL: the ids from x to y; from y to x, less the
 * events already in the first (when the two sides share an id); then, when a side is a country
 * code, the terms with a country, less the events of the id branches.
 * With `timeline`, the id branches read events_timeline joined to events_timeline_rest on their
 * key (two index-only scans over a few adjacent pages each) and events_timeline_long (the rare
 * events too long for them, usually empty): every column of an event without the table. Without
 * it (counts) they read the table through events_dyad.
 */
function dyadSource(dyad: [string, string], p: Params, ctes: string[], timeline: boolean): string {
  const [x, y] = dyad.map((a) => a.trim());
  ctes.push(`dyad_ids AS (SELECT (${actorIdsSql(x, p)}) AS a, (${actorIdsSql(y, p)}) AS b)`);
  const branches: string[] = [];
  for (const [s, g, first] of [[DYAD_A, DYAD_B, true], [DYAD_B, DYAD_A, false]] as const) {
    const notFirst = (t: string) => (first ? '' : ` AND NOT (${idPair(t, DYAD_A, DYAD_B)})`);
    if (timeline) {
      branches.push(
        `SELECT ${TIMELINE_SELECT} FROM events t JOIN events r ON ${TIMELINE_KEY.map((k) => `r.${k} = t.${k}`).join(' AND ')}
         WHERE ${idPair('t.', s, g)} AND ${timelineFits('t')} AND ${idPair('r.', s, g)} AND ${timelineFits('r')}${notFirst('t.')}`,
        `SELECT * FROM events WHERE ${idPair('', s, g)} AND NOT (${timelineFits()})${notFirst('')}`,
      );
    } else {
      branches.push(`SELECT * FROM events WHERE ${idPair('', s, g)}${notFirst('')}`);
    }
  }
  // The terms with a country code, in groups: country × country, x's ids × y's country, x's
  // country × y's ids (each group both ways). Each group leaves out the events of the groups
  // before it, and a group with ids runs only when that side has ids: a condition on the
  // statement's own results, which PostgreSQL checks once before reading any index.
  const px = actorCountry(x) && p.add(actorCountry(x));
  const py = actorCountry(y) && p.add(actorCountry(y));
  const ids = (set: string) => (w: string) => `${w}_id = ANY (${set}::text[])`;
  const country = (param: string) => (w: string) => `${w}_country = ${param}`;
  const either = (s: (w: string) => string, g: (w: string) => string) => `(${s('source')} AND ${g('target')}) OR (${g('source')} AND ${s('target')})`;
  const groups: Array<{ terms: string; gate: string }> = [];
  if (px && py) groups.push({ terms: either(country(px), country(py)), gate: '' });
  if (py) groups.push({ terms: either(ids(DYAD_A), country(py)), gate: `cardinality(${DYAD_A}::text[]) > 0 AND ` });
  if (px) groups.push({ terms: either(country(px), ids(DYAD_B)), gate: `cardinality(${DYAD_B}::text[]) > 0 AND ` });
  const before = [`(${idPair('', DYAD_A, DYAD_B)}) OR (${idPair('', DYAD_B, DYAD_A)})`];
  for (const g of groups) {
    branches.push(`SELECT * FROM events WHERE ${g.gate}(${g.terms}) AND (${before.join(' OR ')}) IS NOT TRUE`);
    before.push(g.terms);
  }
  return `(${branches.join(' UNION ALL ')})`;
}

const ORDERS: Record<NonNullable<EventFilter['order']>, string> = {
  doc: 'd.name, e.doc_id, e.seq',
  date: 'e.earliest_key IS NULL, e.earliest_key, e.latest_key, d.name, e.seq',
  code: 'e.code, e.earliest_key IS NULL, e.earliest_key, d.name, e.seq',
};

/** Rows per INSERT statement: PostgreSQL takes at most 65,535 parameters. */
const MAX_PARAMS = 30_000;

/** Multi-row INSERTs of rows that share their columns (as a row mapper makes them). */
async function insertRows(c: Client, table: string, list: Row[], suffix = ''): Promise<pg.QueryResult[]> {
  if (!list.length) return [];
  const cols = Object.keys(list[0]);
  const per = Math.max(1, Math.floor(MAX_PARAMS / cols.length));
  const results: pg.QueryResult[] = [];
  for (let i = 0; i < list.length; i += per) {
    const chunk = list.slice(i, i + per);
    const values: unknown[] = [];
    const tuples = chunk.map((r) => {
      const start = values.length;
      for (const col of cols) values.push(r[col]);
      return `(${cols.map((_, k) => `$${start + k + 1}`).join(', ')})`;
    });
    results.push(await c.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`, values));
  }
  return results;
}

/** Aliases of the stored row first, then the new ones not yet there (as the SQLite driver merges them). */
const MERGE_ALIASES = `(SELECT json_agg(v ORDER BY o)::text FROM (
    SELECT DISTINCT ON (v) v, o FROM (
      SELECT v, o FROM json_array_elements_text(entities.aliases::json) WITH ORDINALITY a(v, o)
      UNION ALL SELECT v, o + 1000000000 FROM json_array_elements_text(excluded.aliases::json) WITH ORDINALITY b(v, o)
    ) u ORDER BY v, o) w)`;

const UPSERT_ENTITY = `ON CONFLICT (id) DO UPDATE SET
  country = coalesce(entities.country, excluded.country),
  aliases = ${MERGE_ALIASES},
  roles = coalesce(excluded.roles, entities.roles)`;

function mergeAliases(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Entities of one save, deduplicated by id and sorted (a fixed lock order across writers). */
function entityRows(items: SaveItem[]): { full: Row[]; refs: Row[] } {
  const full = new Map<string, Entity>();
  const refs = new Map<string, EntityRef>();
  for (const { ann, entities } of items) {
    for (const e of entities) {
      const mine: Entity = { ...e, aliases: mergeAliases([e.name], e.aliases ?? []) };
      const prev = full.get(e.id);
      full.set(
        e.id,
        prev
          ? { ...prev, country: prev.country ?? e.country, aliases: mergeAliases(prev.aliases, mine.aliases), ...(e.roles?.length ? { roles: e.roles } : {}) }
          : mine,
      );
    }
    for (const m of ann.mentions) refs.set(m.entity.id, m.entity);
    for (const e of ann.events) for (const r of [e.source, e.target, e.claimant]) if (r) refs.set(r.id, r);
  }
  const byId = (a: Row, b: Row) => (String(a.id) < String(b.id) ? -1 : 1);
  return {
    full: [...full.values()].map((e) => rows.toEntityRow(e.roles?.length ? e : { ...e, roles: undefined })).sort(byId),
    refs: [...refs.values()]
      .filter((r) => !full.has(r.id))
      .map((r) => ({ id: r.id, name: r.name, kind: r.kind, country: r.country, aliases: JSON.stringify([r.name]) }))
      .sort(byId),
  };
}

type CountRow = { root: string; modality: string; quad: number; n: number };

/**
 * An event row as one JSON array (its columns in table order, then the document's name), for
 * timelines: node-pg turns each of a row's 47 fields into a string on its own (~5 ms of the
 * client's CPU for a 500-event timeline), one JSON.parse a row takes about half of that. Values
 * keep their types (numbers as JSON numbers: float8 is written in its shortest exact form).
 */
const EVENT_JSON = `json_build_array(${EVENT_COLUMNS.map((c) => `e.${c}`).join(', ')}, d.name)::text`;

/** The row object of such an array (one object literal compiled for the columns, so every row has one shape). */
const eventRowOf = new Function('v', `return {${[...EVENT_COLUMNS, 'doc_name'].map((c, i) => `${JSON.stringify(c)}: v[${i}]`).join(', ')}};`) as (
  values: unknown[],
) => Row;

class PgStore implements PostgresStore {
  private readonly pool: pg.Pool;
  private closed = false;
  readonly schema: string;

  constructor(
    private readonly location: PgLocation,
    private readonly url: string,
    private readonly options: PostgresStoreOptions,
  ) {
    this.schema = location.schema;
    this.pool = createPool(location, options.connections ?? 4);
  }

  private async query<T extends Row = Row>(sql: string, params: unknown[] = [], c: Client = this.pool): Promise<T[]> {
    try {
      return (await c.query(sql, params)).rows as T[];
    } catch (e) {
      throw this.wrap(e);
    }
  }

  /**
   * A query sent as a named prepared statement: each connection parses and plans it once, and
   * after a few runs PostgreSQL keeps a generic plan for it. For statements whose plan does not
   * depend on the values of their parameters (a dyad timeline's ids are resolved by the statement
   * itself), where planning costs more than running (a timeline's branches and the partial
   * indexes they match: ~1.5–3.5 ms of planning against ~1–2 ms of execution at 1 M events).
   * The name is a digest of the text, so each distinct statement is prepared once per connection.
   */
  private async prepared<T extends Row = Row>(sql: string, params: unknown[]): Promise<T[]> {
    const name = 'annals_' + createHash('sha1').update(sql).digest('hex').slice(0, 24);
    try {
      return (await this.pool.query({ name, text: sql, values: params })).rows as T[];
    } catch (e) {
      throw this.wrap(e);
    }
  }

  /** Connection failures become E002; SQL errors stay as they are (they are bugs). */
  private wrap(e: unknown): unknown {
    const code = (e as { code?: string })?.code;
    if (e instanceof AnnalsError) return e;
    if (code && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN|28P01|28000|3D000)$/.test(code)) return connectionError(e, this.url);
    if (e instanceof Error && /timeout exceeded when trying to connect|Connection terminated/.test(e.message)) return connectionError(e, this.url);
    return e;
  }

  /** Run fn in one transaction, retried when it meets a deadlock. */
  private async transaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.options.readonly) throw new AnnalsError('E011', 'the store is open read-only', redactUrl(this.url));
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (e) {
        throw this.wrap(e);
      }
      try {
        await client.query('BEGIN');
        const out = await fn(client);
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        if (isRetryable(e) && attempt < 8) {
          await new Promise((r) => setTimeout(r, 10 * attempt * Math.random()));
          continue;
        }
        throw this.wrap(e);
      } finally {
        client.release();
      }
    }
  }

  async schemaVersion(): Promise<number> {
    const [t] = await this.query<{ t: string | null }>("SELECT to_regclass($1) AS t", [`${this.schema}.schema_version`]);
    if (!t.t) return 0;
    const [row] = await this.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${this.schema}.schema_version`);
    return row.v ?? 0;
  }

  async migrate(): Promise<void> {
    const current = await this.schemaVersion();
    if (current > PG_SCHEMA_VERSION) {
      throw new AnnalsError(
        'E010',
        `store schema version ${current} is newer than this version of annals knows (${PG_SCHEMA_VERSION}); upgrade annals to open it`,
        redactUrl(this.url),
      );
    }
    if (current === PG_SCHEMA_VERSION) return;
    if (this.options.readonly) {
      throw new AnnalsError('E011', `store schema version ${current} needs upgrading to ${PG_SCHEMA_VERSION}; open it writable once`, redactUrl(this.url));
    }
    await this.transaction(async (c) => {
      // one migration at a time in the whole database (workers starting together)
      await c.query('SELECT pg_advisory_xact_lock(7368, 1)');
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      // a schema created now is not yet on the connection's search path
      await c.query(`SET LOCAL search_path TO ${this.schema}, public`);
      await c.query('CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public');
      const [t] = (await c.query("SELECT to_regclass($1) AS t", [`${this.schema}.schema_version`])).rows;
      let now = 0;
      if (t.t) {
        now = Number((await c.query(`SELECT coalesce(max(version), 0) AS v FROM ${this.schema}.schema_version`)).rows[0].v);
      } else {
        const other = await c.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 LIMIT 1', [this.schema]);
        if (other.rowCount) {
          throw new AnnalsError('E011', `not an annals store (schema ${this.schema} holds other tables and no schema_version)`, redactUrl(this.url));
        }
        await c.query('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
      }
      for (const m of PG_MIGRATIONS) {
        if (m.version <= now) continue;
        await c.query(m.sql);
        await c.query('INSERT INTO schema_version (version, description, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.description,
          new Date().toISOString(),
        ]);
      }
    });
  }

  async hasDocument(id: string): Promise<boolean> {
    return (await this.query('SELECT 1 FROM documents WHERE id = $1', [id])).length > 0;
  }

  async saveDocument(doc: Document, ann: Annotations, entities: Entity[], options: SaveOptions = {}): Promise<SaveOutcome> {
    const [outcome] = await this.saveDocuments([{ doc, ann, entities }], options);
    return outcome;
  }

  async saveDocuments(items: SaveItem[], options: SaveOptions = {}): Promise<SaveOutcome[]> {
    for (const { doc, ann } of items) validateSpans(doc, ann);
    if (!items.length) return [];
    return this.transaction(async (c) => {
      // the same document saved at once by two writers: the second waits, then finds it stored
      const ids = [...new Set(items.map((i) => i.doc.id))].sort();
      await c.query('SELECT pg_advisory_xact_lock(hashtextextended(id, 7368)) FROM unnest($1::text[]) AS id ORDER BY id', [ids]);
      const stored = new Set((await c.query('SELECT id FROM documents WHERE id = ANY($1)', [ids])).rows.map((r) => String(r.id)));
      const outcomes: SaveOutcome[] = [];
      const todo: SaveItem[] = [];
      const seen = new Set<string>();
      for (const item of items) {
        const exists = stored.has(item.doc.id) || seen.has(item.doc.id);
        if (exists && !options.replace) {
          outcomes.push('skipped');
          continue;
        }
        if (seen.has(item.doc.id)) {
          // the same document twice in one batch with replace: the later one wins
          const at = todo.findIndex((t) => t.doc.id === item.doc.id);
          todo.splice(at, 1);
        }
        seen.add(item.doc.id);
        outcomes.push(exists ? 'replaced' : 'added');
        todo.push(item);
      }
      const replaced = todo.filter((t) => stored.has(t.doc.id)).map((t) => t.doc.id);
      if (replaced.length) await c.query('DELETE FROM documents WHERE id = ANY($1)', [replaced]);
      if (!todo.length) return outcomes;
      const now = new Date().toISOString();
      await insertRows(c, 'documents', todo.map((t) => rows.toDocumentRow(t.doc, now)));
      await insertRows(c, 'blocks', todo.flatMap((t) => t.doc.blocks.map((b, i) => rows.toBlockRow(t.doc.id, i, b))));
      await insertRows(c, 'notes', todo.flatMap((t) => t.doc.notes.map((n, i) => rows.toNoteRow(t.doc.id, i, n))));
      await insertRows(c, 'sentences', todo.flatMap((t) => t.ann.sentences.map((s, i) => rows.toSentenceRow(t.doc.id, i, s))));
      const ents = entityRows(todo);
      await insertRows(c, 'entities', ents.full, UPSERT_ENTITY);
      await insertRows(c, 'entities', ents.refs, 'ON CONFLICT (id) DO NOTHING');
      await insertRows(c, 'mentions', todo.flatMap((t) => t.ann.mentions.map((m, i) => rows.toMentionRow(t.doc.id, i, m))));
      await insertRows(c, 'times', todo.flatMap((t) => t.ann.times.map((x, i) => rows.toTimeRow(t.doc.id, i, x))));
      await insertRows(c, 'events', todo.flatMap((t) => t.ann.events.map((e, i) => rows.toEventRow(i, { ...e, docId: t.doc.id }))));
      return outcomes;
    });
  }

  async deleteDocument(id: string): Promise<boolean> {
    return this.transaction(async (c) => ((await c.query('DELETE FROM documents WHERE id = $1', [id])).rowCount ?? 0) > 0);
  }

  async listDocuments(): Promise<DocumentSummary[]> {
    const list = await this.query(
      `SELECT d.id, d.name, d.uri, d.format, d.title, d.author, d.published, d.length_utf16, d.ingested_at,
              (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events
       FROM documents d ORDER BY d.name, d.ingested_at`,
    );
    return list.map(rows.fromDocumentSummaryRow);
  }

  /** Document ids for an id, a unique id prefix (6+ characters) or a file name. */
  private async documentIds(idOrName: string): Promise<string[]> {
    const exact = await this.query('SELECT id FROM documents WHERE id = $1', [idOrName]);
    if (exact.length) return [String(exact[0].id)];
    const byName = await this.query('SELECT id FROM documents WHERE name = $1 ORDER BY ingested_at DESC', [idOrName]);
    if (byName.length) return byName.map((r) => String(r.id));
    if (idOrName.length >= 6) {
      const byPrefix = await this.query('SELECT id FROM documents WHERE id >= $1 AND id < $2 LIMIT 2', [idOrName, idOrName + '~']);
      if (byPrefix.length === 1) return [String(byPrefix[0].id)];
    }
    return [];
  }

  async getDocument(idOrName: string): Promise<Document | null> {
    const [id] = await this.documentIds(idOrName);
    if (!id) return null;
    const [row] = await this.query('SELECT id, uri, name, format, title, author, published, text, source_map, marked_dates FROM documents WHERE id = $1', [id]);
    if (!row) return null;
    const blocks = (await this.query('SELECT * FROM blocks WHERE doc_id = $1 ORDER BY seq', [id])).map(rows.fromBlockRow);
    const notes = (await this.query('SELECT * FROM notes WHERE doc_id = $1 ORDER BY seq', [id])).map(rows.fromNoteRow);
    return rows.fromDocumentRow(row, blocks, notes);
  }

  async getAnnotations(docId: string): Promise<Annotations | null> {
    if (!(await this.hasDocument(docId))) return null;
    const all = (table: string) => this.query(`SELECT * FROM ${table} WHERE doc_id = $1 ORDER BY seq`, [docId]);
    const [sentences, mentions, times, eventRows] = await Promise.all([
      all('sentences'),
      all('mentions'),
      all('times'),
      this.query(`${EVENT_SELECT} WHERE e.doc_id = $1 ORDER BY e.seq`, [docId]),
    ]);
    const events = eventRows.map((r) => {
      const { docName: _, ...event } = rows.fromEventRow(r);
      return event as CodedEvent;
    });
    return {
      sentences: sentences.map(rows.fromSentenceRow),
      mentions: mentions.map(rows.fromMentionRow),
      times: times.map(rows.fromTimeRow),
      events,
    };
  }

  /** What an actor argument names: entity ids (by id, name or alias, ignoring ASCII case) and/or a country code. */
  private async resolveActor(actor: string): Promise<{ ids: string[]; country: string | null }> {
    const a = actor.trim();
    const p = new Params();
    const [row] = await this.query<{ ids: string[] }>(`SELECT (${actorIdsSql(a, p)}) AS ids`, p.values);
    return { ids: [...row.ids].sort(), country: actorCountry(a) };
  }

  private atoms(who: { ids: string[]; country: string | null }): Array<{ col: 'id' | 'country'; values: string[] }> {
    const out: Array<{ col: 'id' | 'country'; values: string[] }> = [];
    if (who.ids.length) out.push({ col: 'id', values: who.ids });
    if (who.country) out.push({ col: 'country', values: [who.country] });
    return out;
  }

  /** An OR of conjunctions over single indexed columns (a bitmap OR of index scans). */
  private orOfTerms(terms: Atom[][], p: Params): string {
    if (!terms.length) return 'FALSE';
    const sql = terms.map((conj) => conj.map((a) => `e.${a.side}_${a.col} IN (${p.list(a.values)})`).join(' AND '));
    return `(${sql.map((s) => `(${s})`).join(' OR ')})`;
  }

  /**
   * The WHERE clause of an event filter (on events e joined to documents d). A dyad filter is
   * not a clause but the subquery `q.source` the events are read from (dyadSource), its actors
   * resolved in the same statement (`q.ctes`): a clause repeated outside it would be pushed
   * into each of its branches and lead the planner back to the table.
   */
  private async eventWhere(filter: EventFilter, p: Params, q: { source?: string; ctes: string[]; timeline: boolean }): Promise<string> {
    const clauses: string[] = [];
    if (filter.actor !== undefined) {
      const atoms = this.atoms(await this.resolveActor(filter.actor));
      const terms = (['source', 'target'] as const).flatMap((side) => atoms.map((a) => [{ side, ...a }]));
      clauses.push(this.orOfTerms(terms, p));
    }
    if (filter.dyad) q.source = dyadSource(filter.dyad, p, q.ctes, q.timeline);
    if (filter.code !== undefined) {
      if (!/^\d{2,4}$/.test(filter.code)) throw badArgument('code', filter.code, 'a CAMEO code is 2 to 4 digits');
      clauses.push(`e.code >= ${p.add(filter.code)} AND e.code < ${p.add(filter.code + ':')}`);
    }
    if (filter.from) clauses.push(`e.latest_key >= ${p.add(boundKey('from', filter.from, 'lo'))}`);
    if (filter.to) clauses.push(`e.earliest_key <= ${p.add(boundKey('to', filter.to, 'hi'))}`);
    if (filter.doc !== undefined) {
      const ids = await this.documentIds(filter.doc);
      clauses.push(ids.length ? `e.doc_id IN (${p.list(ids)})` : 'FALSE');
    }
    if (filter.modality) clauses.push(`e.modality = ${p.add(filter.modality)}`);
    if (filter.knownAt) clauses.push(`d.published_key IS NOT NULL AND d.published_key <= ${p.add(boundKey('knownAt', filter.knownAt, 'hi'))}`);
    if (filter.ruleId) clauses.push(`e.rule_id = ${p.add(filter.ruleId)}`);
    return clauses.length ? 'WHERE ' + clauses.join(' AND ') : '';
  }

  /**
   * The FROM clause of an event query with its WITH clause: events e with their documents d.
   * A dyad's events (q.source) look up their documents one by one through the key (a subquery
   * that OFFSET 0 keeps apart): the planner cannot know how few events the dyad's ids will find
   * and would otherwise hash every document (at 10 M events and 10,000 documents, 6 of the 11 ms
   * of a timeline's execution under load, against 1–1.5 ms for its ~500 lookups).
   */
  private static from(q: { source?: string; ctes: string[] }, documents = true): { with: string; from: string } {
    const source = q.source ? `${q.source} e` : null;
    return {
      with: q.ctes.length ? `WITH ${q.ctes.join(', ')} ` : '',
      from: !source
        ? 'FROM events e JOIN documents d ON d.id = e.doc_id'
        : documents
          ? `FROM ${source} CROSS JOIN LATERAL (SELECT x.name, x.published_key FROM documents x WHERE x.id = e.doc_id OFFSET 0) d`
          : `FROM ${source}`,
    };
  }

  async events(filter: EventFilter = {}): Promise<StoredEvent[]> {
    const order = ORDERS[filter.order ?? 'doc'];
    if (!order) throw badArgument('order', String(filter.order), 'order is one of date, doc, code');
    const p = new Params();
    const q = { ctes: [] as string[], timeline: true, source: undefined as string | undefined };
    const where = await this.eventWhere(filter, p, q);
    const ordered = filter.desc ? order.split(', ').map((term) => `${term} DESC`).join(', ') : order;
    const limit = filter.limit === undefined || filter.limit < 0 ? null : filter.limit;
    const f = PgStore.from(q);
    const rest = `${f.from} ${where} ORDER BY ${ordered} LIMIT ${p.add(limit)} OFFSET ${p.add(filter.offset ?? 0)}`;
    if (!q.source) return (await this.query(`SELECT e.*, d.name AS doc_name ${rest}`, p.values)).map(rows.fromEventRow);
    const list = await this.prepared<{ j: string }>(`${f.with}SELECT ${EVENT_JSON} AS j ${rest}`, p.values);
    return list.map((r) => rows.fromEventRow(eventRowOf(JSON.parse(r.j))));
  }

  async countEvents(filter: EventFilter = {}): Promise<EventCounts> {
    const p = new Params();
    const q = { ctes: [] as string[], timeline: false, source: undefined as string | undefined };
    const where = await this.eventWhere(filter, p, q);
    // a dyad's counts read no document unless asked for what was known at a date (every event has its document)
    const f = PgStore.from(q, !!filter.knownAt);
    const sql = `${f.with}SELECT e.root AS root, e.modality AS modality, e.quad_class AS quad, count(*) AS n
                 ${f.from} ${where} GROUP BY e.root, e.modality, e.quad_class`;
    const out: EventCounts = { total: 0, byRoot: {}, byModality: {}, byQuadClass: {} };
    const list = q.source ? await this.prepared<CountRow>(sql, p.values) : await this.query<CountRow>(sql, p.values);
    for (const r of list) {
      out.total += r.n;
      out.byRoot[r.root] = (out.byRoot[r.root] ?? 0) + r.n;
      out.byModality[r.modality] = (out.byModality[r.modality] ?? 0) + r.n;
      out.byQuadClass[r.quad] = (out.byQuadClass[r.quad] ?? 0) + r.n;
    }
    return out;
  }

  async getEvent(id: string): Promise<StoredEvent | null> {
    const exact = await this.query(`${EVENT_SELECT} WHERE e.id = $1 LIMIT 1`, [id]);
    if (exact.length) return rows.fromEventRow(exact[0]);
    if (id.length < 6) return null;
    const prefixed = await this.query(`${EVENT_SELECT} WHERE e.id >= $1 AND e.id < $2 LIMIT 2`, [id, id + '~']);
    return prefixed.length === 1 ? rows.fromEventRow(prefixed[0]) : null;
  }

  async actors(): Promise<Array<Entity & { events: number }>> {
    const list = await this.query(
      `SELECT en.*, coalesce(c.n, 0) AS events FROM entities en
       LEFT JOIN (SELECT id, count(*) AS n FROM (
           SELECT source_id AS id FROM events WHERE source_id IS NOT NULL
           UNION ALL SELECT target_id FROM events WHERE target_id IS NOT NULL) x GROUP BY id) c ON c.id = en.id
       ORDER BY events DESC, en.name, en.id`,
    );
    return list.map((r) => ({ ...rows.fromEntityRow(r), events: Number(r.events) }));
  }

  async counts(): Promise<StoreCounts> {
    const [r] = await this.query(
      `SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM events) AS events,
              (SELECT count(*) FROM entities) AS actors, (SELECT count(*) FROM mentions) AS mentions`,
    );
    return { documents: Number(r.documents), events: Number(r.events), actors: Number(r.actors), mentions: Number(r.mentions) };
  }

  async overview(limit = 10): Promise<Overview> {
    const dyads = await this.query(
      `SELECT source_id, min(source_name) AS source_name, min(source_kind) AS source_kind, min(source_country) AS source_country,
              target_id, min(target_name) AS target_name, min(target_kind) AS target_kind, min(target_country) AS target_country,
              count(*) AS n
       FROM events WHERE source_id IS NOT NULL AND target_id IS NOT NULL
       GROUP BY source_id, target_id ORDER BY n DESC, source_name, target_name LIMIT $1`,
      [limit],
    );
    const codes = await this.query('SELECT code, count(*) AS n FROM events GROUP BY code ORDER BY n DESC, code LIMIT $1', [limit]);
    return {
      dyads: dyads.map((r) => ({ source: rows.refOf(r, 'source')!, target: rows.refOf(r, 'target')!, events: Number(r.n) })),
      codes: codes.map((r) => ({ code: String(r.code), events: Number(r.n) })),
    };
  }

  /**
   * Full-text search with the database's own index (tsvector, GIN). Snippets
   * are made for the hits returned only, from the first million characters.
   */
  async search(query: string, limit = 20): Promise<SearchHit[]> {
    const words = searchWords(query);
    if (!words) return [];
    const hits = await this.query(
      `WITH q AS (SELECT plainto_tsquery('annals_search', $1) AS q),
            hits AS (SELECT d.id, d.name, d.title, -ts_rank(d.search, q.q) AS rank
                     FROM documents d, q WHERE d.search @@ q.q ORDER BY rank, d.name LIMIT $2)
       SELECT h.id, h.name, h.title, h.rank,
              ts_headline('annals_search', left(d.text, 1000000), q.q,
                          'StartSel="[", StopSel="]", MaxWords=24, MinWords=6, ShortWord=1, MaxFragments=1, FragmentDelimiter=" … "') AS snippet
       FROM hits h JOIN documents d ON d.id = h.id, q ORDER BY h.rank, h.name`,
      [words, limit],
    );
    return hits.map((r) => ({
      docId: String(r.id),
      docName: String(r.name),
      title: (r.title as string | null) ?? null,
      snippet: String(r.snippet).replace(/\s+/g, ' ').trim(),
      rank: Number(r.rank),
    }));
  }

  async check(): Promise<string[]> {
    const problems: string[] = [];
    const version = await this.schemaVersion();
    if (version !== PG_SCHEMA_VERSION) problems.push(`schema version ${version}, expected ${PG_SCHEMA_VERSION}`);
    if (version === 0) return problems;
    for (const [table, start, end] of [
      ['blocks', 'start_utf16', 'end_utf16'],
      ['sentences', 'start_utf16', 'end_utf16'],
      ['mentions', 'start_utf16', 'end_utf16'],
      ['times', 'start_utf16', 'end_utf16'],
      ['events', 'evidence_start_utf16', 'evidence_end_utf16'],
    ]) {
      const bad = await this.query(
        `SELECT t.doc_id, t.seq FROM ${table} t JOIN documents d ON d.id = t.doc_id
         WHERE t.${start} < 0 OR t.${end} < t.${start} OR t.${end} > d.length_utf16`,
      );
      for (const r of bad) problems.push(`${table} ${r.doc_id}#${r.seq}: span outside the text`);
    }
    const missing = await this.query(
      `SELECT DISTINCT x.id FROM (
         SELECT source_id AS id FROM events UNION SELECT target_id FROM events UNION SELECT claimant_id FROM events
         UNION SELECT entity_id FROM mentions) x
       WHERE x.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entities en WHERE en.id = x.id)`,
    );
    for (const r of missing) problems.push(`entity ${r.id} is referenced but not stored`);
    const unindexed = await this.query(`SELECT id FROM documents WHERE search IS NULL`);
    for (const r of unindexed) problems.push(`document ${r.id}: not indexed for search`);
    return problems;
  }

  async dropSchema(): Promise<void> {
    if (this.schema === 'public') throw new AnnalsError('E020', 'refusing to drop schema public', redactUrl(this.url));
    await this.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
