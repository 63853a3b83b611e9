/**
 * The SQLite driver of the Store, over better-sqlite3. WAL journal; each
 * document is saved in one transaction, so a process killed at any moment
 * leaves every committed document whole and nothing half-written.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AnnalsError } from '../../core/errors.js';
import type { Annotations, CodedEvent, Document, Entity } from '../../core/types.js';
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
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import * as rows from './rows.js';

type Db = Database.Database;
type Row = Record<string, unknown>;

export interface SqliteStoreOptions {
  /** Open without writing (no migrations, no saves). */
  readonly?: boolean;
  /** Refuse (E001) to create the file when it is missing. */
  mustExist?: boolean;
  /** Sync every commit to disk (survives a power cut, at about twice the cost per document). */
  durable?: boolean;
  /**
   * Bytes of the file read through a memory map (default 1 GiB: fast reads of timelines and pages).
   * 0 for a connection that mostly writes (ingestion): mapped pages count in the process's resident
   * memory and a writer gains little from them.
   */
  mmapBytes?: number;
}

/** ":memory:" or a file path; the file is created when missing (unless readonly). */
export function createSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  return new SqliteStore(openDatabase(path, options), path);
}

/** Open and bring the schema up to date. */
export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<Store> {
  const store = createSqliteStore(path, options);
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

function openDatabase(path: string, options: SqliteStoreOptions): Db {
  const inMemory = path === ':memory:' || path === '';
  if ((options.mustExist || options.readonly) && !inMemory && !existsSync(path)) {
    throw new AnnalsError('E001', 'store not found (ingest documents first, or name another with --db)', path);
  }
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly === true, fileMustExist: options.readonly === true });
  } catch (e) {
    throw new AnnalsError('E002', `cannot open the store: ${(e as Error).message}`, path);
  }
  try {
    if (!inMemory && !options.readonly) db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a commit is in the log before saveDocument returns, so killing the process loses
    // nothing committed; only a power cut may drop the last commits (never corrupting), and the next
    // ingest adds those documents again. `durable` syncs every commit to disk as well.
    db.pragma(options.durable ? 'synchronous = FULL' : 'synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A dyad's timeline or a page of events reads a few hundred pages: keep up to 64 MiB of them
    // (SQLite's default is 2 MB) and read the first 1 GiB of the file through a memory map (no
    // system call per page). Both are upper bounds, used only as the store grows.
    db.pragma('cache_size = -65536');
    if (!inMemory) db.pragma(`mmap_size = ${Math.max(0, Math.floor(options.mmapBytes ?? 1073741824))}`);
  } catch (e) {
    db.close();
    throw new AnnalsError('E011', `not an annals store: ${(e as Error).message}`, path);
  }
  return db;
}

/** Insert statements built from the column names a row mapper produces, cached per table. */
function createInserter(db: Db) {
  const cache = new Map<string, Database.Statement>();
  return (table: string, row: Row, verb = 'INSERT') => {
    const cols = Object.keys(row);
    const key = `${verb} ${table} ${cols.join(',')}`;
    let stmt = cache.get(key);
    if (!stmt) {
      stmt = db.prepare(`${verb} INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`);
      cache.set(key, stmt);
    }
    stmt.run(row);
  };
}

/**
 * A function turning an array of column values into an object keyed by the column names:
 * one object literal compiled for the list, so every row gets the same fast shape. The names
 * are the statement's own result columns (never input), each written as a JSON string.
 */
function objectMaker(names: string[]): (values: unknown[]) => Row {
  const body = `return {${names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(', ')}};`;
  return new Function('v', body) as (values: unknown[]) => Row;
}

function mergeAliases(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Filter values become parameters, never SQL. */
class Where {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];
  add(clause: string, ...params: unknown[]): void {
    this.clauses.push(clause);
    this.params.push(...params);
  }
  sql(): string {
    return this.clauses.length ? 'WHERE ' + this.clauses.join(' AND ') : '';
  }
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
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

/** Words of a search string as FTS5 phrases joined by AND: query syntax in user input stays data. */
export function ftsQuery(query: string): string | null {
  const words = query.match(/[\p{L}\p{N}]+/gu);
  return words ? words.map((w) => `"${w}"`).join(' ') : null;
}

const EVENT_SELECT = 'SELECT e.*, d.name AS doc_name FROM events e JOIN documents d ON d.id = e.doc_id';

const ORDERS: Record<NonNullable<EventFilter['order']>, string> = {
  doc: 'd.name, e.doc_id, e.seq',
  date: 'e.earliest_key IS NULL, e.earliest_key, e.latest_key, d.name, e.seq',
  code: 'e.code, e.earliest_key IS NULL, e.earliest_key, d.name, e.seq',
};

class SqliteStore implements Store {
  private readonly insert: ReturnType<typeof createInserter>;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Db,
    private readonly path: string,
  ) {
    this.insert = createInserter(db);
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      if (this.statements.size > 500) this.statements.clear();
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private readonly wide = new Map<string, { stmt: Database.Statement; make: (values: unknown[]) => Row }>();

  /**
   * The rows of a query over wide rows (events: 48 columns), as objects like the ones
   * better-sqlite3 makes, at half their cost: the values come as arrays and become objects
   * through one object literal per column list (docs/performance.md, "Queries at 1 M and 10 M
   * stored events": a 500-event timeline took 8 ms of CPU, 4.5 ms so).
   */
  private wideRows(sql: string, params: unknown[]): Row[] {
    let w = this.wide.get(sql);
    if (!w) {
      if (this.wide.size > 200) this.wide.clear();
      const stmt = this.db.prepare(sql).raw(true);
      w = { stmt, make: objectMaker(stmt.columns().map((c) => c.name)) };
      this.wide.set(sql, w);
    }
    return (w.stmt.all(...params) as unknown[][]).map(w.make);
  }

  private version(): number {
    const table = this.stmt("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
    if (!table) return 0;
    const row = this.stmt('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
    return row.v ?? 0;
  }

  async schemaVersion(): Promise<number> {
    return this.version();
  }

  async migrate(): Promise<void> {
    const current = this.version();
    if (current > SCHEMA_VERSION) {
      throw new AnnalsError(
        'E010',
        `store schema version ${current} is newer than this version of annals knows (${SCHEMA_VERSION}); upgrade annals to open it`,
        this.path,
      );
    }
    if (current === SCHEMA_VERSION) return;
    if (current === 0) {
      const other = this.stmt("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1").get();
      if (other) throw new AnnalsError('E011', 'not an annals store (it holds other tables and no schema_version)', this.path);
    }
    if (this.db.readonly) {
      throw new AnnalsError('E011', `store schema version ${current} needs upgrading to ${SCHEMA_VERSION}; open it writable once`, this.path);
    }
    this.db.transaction(() => {
      this.db.exec(
        'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      for (const m of MIGRATIONS) {
        if (m.version <= current) continue;
        this.db.exec(m.sql);
        this.stmt('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.description, new Date().toISOString());
      }
    }).immediate();
  }

  async hasDocument(id: string): Promise<boolean> {
    return this.stmt('SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined;
  }

  async saveDocument(doc: Document, ann: Annotations, entities: Entity[], options: SaveOptions = {}): Promise<SaveOutcome> {
    const [outcome] = this.writePrepared([rows.prepareSave(doc, ann, entities)], options);
    return outcome;
  }

  /**
   * Documents prepared by rows.prepareSave (in worker threads, say) saved in one
   * transaction: all of them or, on an error, none (what was stored before stays).
   * A document already stored is skipped, or replaced with `replace`. Packed
   * items (rows.packSave) are unpacked one at a time as they are written.
   */
  async savePrepared(items: Array<rows.PreparedSave | rows.PackedSave>, options: SaveOptions = {}): Promise<SaveOutcome[]> {
    return this.writePrepared(items, options);
  }

  private writePrepared(items: Array<rows.PreparedSave | rows.PackedSave>, options: SaveOptions): SaveOutcome[] {
    if (!items.length) return [];
    return this.db.transaction((): SaveOutcome[] => {
      const now = new Date().toISOString();
      // entities as stored so far in this transaction: most documents name the same ones
      const entities = new Map<string, Entity>();
      const ensured = new Set<string>();
      return items.map((item): SaveOutcome => {
        const p = 'tags' in item ? rows.unpackSave(item) : item;
        const exists = this.stmt('SELECT 1 FROM documents WHERE id = ?').get(p.docId) !== undefined;
        if (exists && !options.replace) return 'skipped';
        if (exists) this.removeDocument(p.docId);
        this.insertRows('INSERT', 'documents', p.document, ['ingested_at'], [now]);
        this.insertRows('INSERT', 'documents_fts', p.fts);
        this.insertRows('INSERT', 'blocks', p.blocks);
        this.insertRows('INSERT', 'notes', p.notes);
        this.insertRows('INSERT', 'sentences', p.sentences);
        for (const e of p.entities) this.upsertEntity(e, entities);
        for (const e of p.entities) ensured.add(e.id);
        this.ensureEntities(p.refs, ensured);
        this.insertRows('INSERT', 'mentions', p.mentions);
        this.insertRows('INSERT', 'times', p.times);
        this.insertRows('INSERT', 'events', p.events);
        return exists ? 'replaced' : 'added';
      });
    }).immediate();
  }

  /** Prepared rows inserted up to 64 at a time (one statement per power of two of rows, cached). */
  private insertRows(verb: string, table: string, r: rows.PreparedRows, extraCols: string[] = [], extra: unknown[] = []): void {
    const width = r.cols.length;
    if (!width) return;
    const n = r.cells.length / width;
    let done = 0;
    while (done < n) {
      let k = 64;
      while (k > n - done) k >>= 1;
      const values: unknown[] = [];
      for (let i = done; i < done + k; i++) {
        for (let j = i * width; j < (i + 1) * width; j++) values.push(r.cells[j]);
        for (const x of extra) values.push(x);
      }
      this.inserter(verb, table, [...r.cols, ...extraCols], k).run(values);
      done += k;
    }
  }

  private readonly inserters = new Map<string, Database.Statement>();

  private inserter(verb: string, table: string, cols: string[], k: number): Database.Statement {
    const key = `${verb} ${table} ${cols.join(',')} ${k}`;
    let s = this.inserters.get(key);
    if (!s) {
      const one = `(${cols.map(() => '?').join(', ')})`;
      s = this.db.prepare(`${verb} INTO ${table} (${cols.join(', ')}) VALUES ${Array.from({ length: k }, () => one).join(', ')}`);
      this.inserters.set(key, s);
    }
    return s;
  }

  /** Merge an entity into the stored one (aliases added, country and roles filled); written only when that changes it. */
  private upsertEntity(e: Entity, seen: Map<string, Entity>): void {
    let prev = seen.get(e.id);
    if (!prev) {
      const old = this.stmt('SELECT * FROM entities WHERE id = ?').get(e.id) as Row | undefined;
      if (!old) {
        this.insert('entities', rows.toEntityRow(e));
        seen.set(e.id, e);
        return;
      }
      prev = rows.fromEntityRow(old);
    }
    const merged: Entity = {
      ...prev,
      country: prev.country ?? e.country,
      aliases: mergeAliases(prev.aliases, e.aliases),
      ...(e.roles && e.roles.length ? { roles: e.roles } : {}),
    };
    const before = rows.toEntityRow(prev);
    const after = rows.toEntityRow(merged);
    if (Object.keys(after).some((k) => after[k] !== before[k])) this.insert('entities', after, 'INSERT OR REPLACE');
    seen.set(e.id, merged);
  }

  /** Entities only referred to: inserted with their name when missing. */
  private ensureEntities(refs: rows.PreparedRows, ensured: Set<string>): void {
    const width = refs.cols.length;
    if (!width) return;
    const at = refs.cols.indexOf('id');
    const ensure = this.stmt(`INSERT OR IGNORE INTO entities (${refs.cols.join(', ')}) VALUES (${refs.cols.map(() => '?').join(', ')})`);
    for (let i = 0; i < refs.cells.length; i += width) {
      const id = String(refs.cells[i + at]);
      if (ensured.has(id)) continue;
      ensure.run(refs.cells.slice(i, i + width));
      ensured.add(id);
    }
  }

  private removeDocument(id: string): boolean {
    this.stmt('DELETE FROM documents_fts WHERE doc_id = ?').run(id);
    return this.stmt('DELETE FROM documents WHERE id = ?').run(id).changes > 0;
  }

  async deleteDocument(id: string): Promise<boolean> {
    return this.db.transaction(() => this.removeDocument(id)).immediate();
  }

  async listDocuments(): Promise<DocumentSummary[]> {
    const list = this.stmt(
        `SELECT d.id, d.name, d.uri, d.format, d.title, d.author, d.published, d.length_utf16, d.ingested_at,
                (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events
         FROM documents d ORDER BY d.name, d.ingested_at`,
      )
      .all() as Row[];
    return list.map(rows.fromDocumentSummaryRow);
  }

  /** Document ids for an id, a unique id prefix (6+ characters) or a file name. */
  private documentIds(idOrName: string): string[] {
    const exact = this.stmt('SELECT id FROM documents WHERE id = ?').get(idOrName) as Row | undefined;
    if (exact) return [String(exact.id)];
    const byName = this.stmt('SELECT id FROM documents WHERE name = ? ORDER BY ingested_at DESC').all(idOrName) as Row[];
    if (byName.length) return byName.map((r) => String(r.id));
    if (idOrName.length >= 6) {
      const byPrefix = this.stmt('SELECT id FROM documents WHERE id >= ? AND id < ? LIMIT 2').all(idOrName, idOrName + '~') as Row[];
      if (byPrefix.length === 1) return [String(byPrefix[0].id)];
    }
    return [];
  }

  async getDocument(idOrName: string): Promise<Document | null> {
    const [id] = this.documentIds(idOrName);
    if (!id) return null;
    const row = this.stmt('SELECT * FROM documents WHERE id = ?').get(id) as Row;
    const blocks = (this.stmt('SELECT * FROM blocks WHERE doc_id = ? ORDER BY seq').all(id) as Row[]).map(rows.fromBlockRow);
    const notes = (this.stmt('SELECT * FROM notes WHERE doc_id = ? ORDER BY seq').all(id) as Row[]).map(rows.fromNoteRow);
    return rows.fromDocumentRow(row, blocks, notes);
  }

  async getAnnotations(docId: string): Promise<Annotations | null> {
    if (!(await this.hasDocument(docId))) return null;
    const all = (table: string) => this.stmt(`SELECT * FROM ${table} WHERE doc_id = ? ORDER BY seq`).all(docId) as Row[];
    const events = (this.stmt(`${EVENT_SELECT} WHERE e.doc_id = ? ORDER BY e.seq`).all(docId) as Row[]).map((r) => {
      const { docName: _, ...event } = rows.fromEventRow(r);
      return event as CodedEvent;
    });
    return {
      sentences: all('sentences').map(rows.fromSentenceRow),
      mentions: all('mentions').map(rows.fromMentionRow),
      times: all('times').map(rows.fromTimeRow),
      events,
    };
  }

  /** What an actor argument names: entity ids (by id, name or alias) and/or a country code. */
  private resolveActor(actor: string): { ids: string[]; country: string | null } {
    const a = actor.trim();
    const ids = new Set<string>();
    if (this.stmt('SELECT 1 FROM entities WHERE id = ?').get(a)) ids.add(a);
    const named = this.stmt(
        `SELECT id FROM entities WHERE name = ? COLLATE NOCASE
         UNION SELECT entity_id FROM entity_aliases WHERE alias = ?`,
      )
      .all(a, a) as Row[];
    for (const r of named) ids.add(String(r.id));
    const country = /^[A-Za-z]{3}$/.test(a) ? a.toUpperCase() : null;
    return { ids: [...ids], country };
  }

  /** The atoms an actor argument stands for on one side: `_id IN (…)`, `_country IN (…)`. */
  private atoms(who: { ids: string[]; country: string | null }): Array<{ col: 'id' | 'country'; values: string[] }> {
    const out: Array<{ col: 'id' | 'country'; values: string[] }> = [];
    const ids = who.ids.filter((id) => id !== '');
    if (ids.length) out.push({ col: 'id', values: ids });
    if (who.country) out.push({ col: 'country', values: [who.country] });
    return out;
  }

  /**
   * An OR of conjunctions over single indexed columns, so SQLite answers it
   * with its multi-index OR plan (one index search per term) instead of a scan.
   */
  private orOfTerms(terms: Array<Array<{ side: 'source' | 'target'; col: 'id' | 'country'; values: string[] }>>, where: Where): string {
    if (!terms.length) return '0';
    const sql = terms.map((conj) => {
      // Source ids, and target ids next to them, are asked of the primary key (dyad_source,
      // dyad_target, …), whose pages hold a dyad's events together; a target id alone goes to
      // the index events_dyad_reverse. Entity ids are never '', so the two columns agree.
      const keyed = conj.some((a) => a.side === 'source' && a.col === 'id');
      return conj
        .map((a) => {
          where.params.push(...a.values);
          const col = a.col === 'id' && keyed ? `dyad_${a.side}` : `${a.side}_${a.col}`;
          return `e.${col} IN (${placeholders(a.values.length)})`;
        })
        .join(' AND ');
    });
    return `(${sql.map((s) => `(${s})`).join(' OR ')})`;
  }

  /** The widest date span of a stored event in day-key units (migration 7), or null when unbounded. */
  private maxDateSpan(): number | null {
    const row = this.stmt("SELECT CAST(value AS INTEGER) AS v FROM meta WHERE key = 'max_date_span'").get() as { v: number } | undefined;
    return row && row.v < 1_000_000_000 ? row.v : null;
  }

  /** The WHERE clause of an event filter (on events e joined to documents d). */
  private eventWhere(filter: EventFilter): Where {
    const where = new Where();
    if (filter.actor !== undefined) {
      const atoms = this.atoms(this.resolveActor(filter.actor));
      const terms = (['source', 'target'] as const).flatMap((side) => atoms.map((a) => [{ side, ...a }]));
      where.clauses.push(this.orOfTerms(terms, where));
    }
    if (filter.dyad) {
      const a = this.atoms(this.resolveActor(filter.dyad[0]));
      const b = this.atoms(this.resolveActor(filter.dyad[1]));
      const pairs = (x: typeof a, y: typeof a) =>
        x.flatMap((s) => y.map((t) => [{ side: 'source' as const, ...s }, { side: 'target' as const, ...t }]));
      where.clauses.push(this.orOfTerms([...pairs(a, b), ...pairs(b, a)], where));
    }
    if (filter.code !== undefined) {
      if (!/^\d{2,4}$/.test(filter.code)) throw badArgument('code', filter.code, 'a CAMEO code is 2 to 4 digits');
      where.add('e.code >= ? AND e.code < ?', filter.code, filter.code + ':');
    }
    if (filter.from) {
      const lo = boundKey('from', filter.from, 'lo');
      where.add('e.latest_key >= ?', lo);
      // no event spans more than max_date_span (migration 7): its earliest day is no earlier than this
      const span = this.maxDateSpan();
      if (span !== null) where.add('e.earliest_key >= ?', lo - span);
      // closed on both sides, the range starts the date-order index at the window (SQLite's planner
      // scans it from the oldest event for a range open above)
      if (span !== null && !filter.to) where.add('e.earliest_key <= ?', Number.MAX_SAFE_INTEGER);
    }
    if (filter.to) where.add('e.earliest_key <= ?', boundKey('to', filter.to, 'hi'));
    if (filter.doc !== undefined) {
      const ids = this.documentIds(filter.doc);
      where.add(ids.length ? `e.doc_id IN (${placeholders(ids.length)})` : '0', ...ids);
    }
    if (filter.modality) where.add('e.modality = ?', filter.modality);
    if (filter.knownAt) where.add('d.published_key IS NOT NULL AND d.published_key <= ?', boundKey('knownAt', filter.knownAt, 'hi'));
    if (filter.ruleId) where.add('e.rule_id = ?', filter.ruleId);
    return where;
  }

  async events(filter: EventFilter = {}): Promise<StoredEvent[]> {
    const where = this.eventWhere(filter);
    const order = ORDERS[filter.order ?? 'doc'];
    if (!order) throw badArgument('order', String(filter.order), 'order is one of date, doc, code');
    const limit = filter.limit ?? -1;
    const offset = filter.offset ?? 0;
    const ordered = filter.desc ? order.split(', ').map((term) => `${term} DESC`).join(', ') : order;
    const sql = `${EVENT_SELECT} ${where.sql()} ORDER BY ${ordered} LIMIT ? OFFSET ?`;
    return this.wideRows(sql, [...where.params, limit, offset]).map(rows.fromEventRow);
  }

  async countEvents(filter: EventFilter = {}): Promise<EventCounts> {
    const where = this.eventWhere(filter);
    const sql = `SELECT e.root AS root, e.modality AS modality, e.quad_class AS quad, count(*) AS n FROM events e JOIN documents d ON d.id = e.doc_id ${where.sql()} GROUP BY e.root, e.modality, e.quad_class`;
    const out: EventCounts = { total: 0, byRoot: {}, byModality: {}, byQuadClass: {} };
    for (const r of this.stmt(sql).all(...where.params) as Array<{ root: string; modality: string; quad: number; n: number }>) {
      out.total += r.n;
      out.byRoot[r.root] = (out.byRoot[r.root] ?? 0) + r.n;
      out.byModality[r.modality] = (out.byModality[r.modality] ?? 0) + r.n;
      out.byQuadClass[r.quad] = (out.byQuadClass[r.quad] ?? 0) + r.n;
    }
    return out;
  }

  async getEvent(id: string): Promise<StoredEvent | null> {
    const exact = this.stmt(`${EVENT_SELECT} WHERE e.id = ? LIMIT 1`).get(id) as Row | undefined;
    if (exact) return rows.fromEventRow(exact);
    if (id.length < 6) return null;
    const prefixed = this.stmt(`${EVENT_SELECT} WHERE e.id >= ? AND e.id < ? LIMIT 2`).all(id, id + '~') as Row[];
    return prefixed.length === 1 ? rows.fromEventRow(prefixed[0]) : null;
  }

  async actors(): Promise<Array<Entity & { events: number }>> {
    const list = this.stmt(
        `SELECT en.*, coalesce(c.n, 0) AS events FROM entities en
         LEFT JOIN (SELECT id, count(*) AS n FROM (
             SELECT source_id AS id FROM events WHERE source_id IS NOT NULL
             UNION ALL SELECT target_id FROM events WHERE target_id IS NOT NULL) GROUP BY id) c ON c.id = en.id
         ORDER BY events DESC, en.name, en.id`,
      )
      .all() as Row[];
    return list.map((r) => ({ ...rows.fromEntityRow(r), events: Number(r.events) }));
  }

  async counts(): Promise<StoreCounts> {
    const n = (table: string) => Number((this.stmt(`SELECT count(*) AS n FROM ${table}`).get() as Row).n);
    return { documents: n('documents'), events: n('events'), actors: n('entities'), mentions: n('mentions') };
  }

  async overview(limit = 10): Promise<Overview> {
    const dyads = this.stmt(
        `SELECT source_id, source_name, source_kind, source_country, target_id, target_name, target_kind, target_country,
                count(*) AS n
         FROM events WHERE source_id IS NOT NULL AND target_id IS NOT NULL
         GROUP BY source_id, target_id ORDER BY n DESC, source_name, target_name LIMIT ?`,
      )
      .all(limit) as Row[];
    const codes = this.stmt('SELECT code, count(*) AS n FROM events GROUP BY code ORDER BY n DESC, code LIMIT ?').all(limit) as Row[];
    return {
      dyads: dyads.map((r) => ({ source: rows.refOf(r, 'source')!, target: rows.refOf(r, 'target')!, events: Number(r.n) })),
      codes: codes.map((r) => ({ code: String(r.code), events: Number(r.n) })),
    };
  }

  async search(query: string, limit = 20): Promise<SearchHit[]> {
    const match = ftsQuery(query);
    if (!match) return [];
    const hits = this.stmt(
        `SELECT f.doc_id, d.name, d.title, snippet(documents_fts, -1, '[', ']', '…', 12) AS snippet, bm25(documents_fts) AS rank
         FROM documents_fts f JOIN documents d ON d.id = f.doc_id
         WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?`,
      )
      .all(match, limit) as Row[];
    return hits.map((r) => ({
      docId: String(r.doc_id),
      docName: String(r.name),
      title: (r.title as string | null) ?? null,
      snippet: String(r.snippet),
      rank: Number(r.rank),
    }));
  }

  async check(): Promise<string[]> {
    const problems: string[] = [];
    const integrity = this.db.pragma('integrity_check') as Row[];
    for (const r of integrity) if (r.integrity_check !== 'ok') problems.push(`integrity: ${r.integrity_check}`);
    for (const r of this.db.pragma('foreign_key_check') as Row[]) problems.push(`foreign key: ${r.table} row ${r.rowid} → ${r.parent}`);
    const version = this.version();
    if (version !== SCHEMA_VERSION) problems.push(`schema version ${version}, expected ${SCHEMA_VERSION}`);
    if (version === 0) return problems;
    const deferred = this.deferredDefinitions().map((d) => d.name);
    if (deferred.length) problems.push(`indexes set aside by a bulk load that did not finish: ${deferred.join(', ')} (the next ingest builds them)`);
    const q = (sql: string) => this.stmt(sql).all() as Row[];
    for (const r of q(`SELECT d.id FROM documents d WHERE (SELECT count(*) FROM documents_fts f WHERE f.doc_id = d.id) <> 1`)) {
      problems.push(`document ${r.id}: not indexed exactly once for search`);
    }
    for (const r of q(`SELECT f.doc_id FROM documents_fts f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = f.doc_id)`)) {
      problems.push(`search index holds a document that is gone: ${r.doc_id}`);
    }
    const outside = (table: string, start: string, end: string) =>
      q(`SELECT t.doc_id, t.seq FROM ${table} t JOIN documents d ON d.id = t.doc_id
         WHERE t.${start} < 0 OR t.${end} < t.${start} OR t.${end} > d.length_utf16`);
    for (const [table, start, end] of [
      ['blocks', 'start_utf16', 'end_utf16'],
      ['sentences', 'start_utf16', 'end_utf16'],
      ['mentions', 'start_utf16', 'end_utf16'],
      ['times', 'start_utf16', 'end_utf16'],
      ['events', 'evidence_start_utf16', 'evidence_end_utf16'],
    ]) {
      for (const r of outside(table, start, end)) problems.push(`${table} ${r.doc_id}#${r.seq}: span outside the text`);
    }
    for (const r of q(`SELECT DISTINCT x.id FROM (
        SELECT source_id AS id FROM events UNION SELECT target_id FROM events UNION SELECT claimant_id FROM events
        UNION SELECT entity_id FROM mentions) x
        WHERE x.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entities en WHERE en.id = x.id)`)) {
      problems.push(`entity ${r.id} is referenced but not stored`);
    }
    return problems;
  }

  async deferIndexes(): Promise<void> {
    this.db.transaction(() => {
      const kept = this.deferredDefinitions();
      const rows = this.stmt(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${DEFERRABLE_TABLES.map((t) => `'${t}'`).join(', ')})`,
      ).all() as Array<{ name: string; sql: string }>;
      const set = rows.filter((r) => !KEPT_INDEXES.has(r.name));
      if (!set.length) return;
      this.stmt("INSERT OR REPLACE INTO meta (key, value) VALUES ('deferred_indexes', ?)").run(JSON.stringify([...kept, ...set]));
      for (const r of set) this.db.exec(`DROP INDEX ${quoteName(r.name)}`);
    }).immediate();
  }

  async restoreIndexes(): Promise<number> {
    const defs = this.deferredDefinitions();
    // one index a transaction: the log holds one index's pages at a time, and an interrupted
    // rebuild keeps what it built (the definitions stay until the last one is there)
    for (const d of defs) this.db.exec(d.sql.replace(/^CREATE (UNIQUE )?INDEX /i, 'CREATE $1INDEX IF NOT EXISTS '));
    if (defs.length) this.stmt("DELETE FROM meta WHERE key = 'deferred_indexes'").run();
    return defs.length;
  }

  async deferredIndexes(): Promise<string[]> {
    return this.deferredDefinitions().map((d) => d.name);
  }

  private deferredDefinitions(): Array<{ name: string; sql: string }> {
    if (this.version() === 0) return [];
    const row = this.stmt("SELECT value FROM meta WHERE key = 'deferred_indexes'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as Array<{ name: string; sql: string }>) : [];
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/**
 * Indexes set aside by a bulk load: those of the tables that get many rows per document with
 * keys in no particular order (every index of events and mentions), except the one that finds a
 * document's events (deleting or replacing a document reads it).
 */
const DEFERRABLE_TABLES = ['events', 'mentions'];
const KEPT_INDEXES = new Set(['events_document']);

function quoteName(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}
