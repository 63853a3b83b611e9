/**
 * Query latency at millions of stored events, in each store. Synthetic event
 * rows are generated inside the database (a recursive CTE in SQLite,
 * generate_series in PostgreSQL) straight into the store's own schema (made by
 * its migrations), with the secondary indexes dropped during the load and
 * built again after, then ANALYZE. The queries go through the Store interface,
 * as the CLI and the API call them.
 *
 * The rows: events between 200 synthetic states (every ordered pair about
 * equally often), 20 CAMEO codes, dates 1946–2020 (three in four to the day,
 * the rest to the month), 1,000 events per document; each document has a
 * ~300-word text drawn from a 2,000-word vocabulary for full-text search.
 * Pseudo-random values are integer hashes of the row number, the same in both
 * databases, so both hold the same rows (the row number is cast to an integer
 * in SQLite: a parameter bound as a double would round the hashes above 2^53).
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { createRandom } from './generate.ts';
import { latencySummary } from './measure.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { openPostgresStore } from '../src/store/postgres/postgres-store.ts';
import { parsePgLocation } from '../src/store/postgres/connect.ts';
import type { Store } from '../src/store/store.ts';
import { MIGRATIONS } from '../src/store/sqlite/schema.ts';
import { PG_MIGRATIONS } from '../src/store/postgres/schema.ts';

/**
 * The secondary indexes of the events table as the migrations leave them: name → statement
 * (read in order: a later DROP INDEX, or a DROP TABLE events that rebuilds the table, undoes them).
 */
export function eventIndexes(migrations: Array<{ sql: string }>): Map<string, string> {
  const out = new Map<string, string>();
  const statement = /^CREATE (?:UNIQUE )?INDEX (\w+) ON events\b[^;]*;|^DROP INDEX (?:IF EXISTS )?(\w+)|^DROP TABLE (?:IF EXISTS )?events\b/gm;
  for (const m of migrations) {
    for (const x of m.sql.matchAll(statement)) {
      if (x[1]) out.set(x[1], x[0]);
      else if (x[2]) out.delete(x[2]);
      else out.clear();
    }
  }
  return out;
}

/** The indexes to build: all of them, or the named ones (large loads that measure dyads only). */
function chosen(all: Map<string, string>, only?: string[]): Array<[string, string]> {
  return [...all].filter(([name]) => !only || only.includes(name));
}

export const ACTORS = 200;
export const EVENTS_PER_DOC = 1000;
const CODES = ['010', '020', '036', '040', '042', '043', '046', '051', '057', '061', '071', '073', '111', '112', '120', '138', '160', '163', '172', '190'];
const QUAD: Record<string, number> = { '01': 1, '02': 1, '03': 1, '04': 1, '05': 2, '06': 2, '07': 2, '11': 3, '12': 3, '13': 3, '16': 3, '17': 4, '19': 4 };
const GOLDSTEIN: Record<string, number> = { '01': 0, '02': 3, '03': 4, '04': 1, '05': 3.5, '06': 6, '07': 7, '11': -2, '12': -4, '13': -6, '16': -4, '17': -7, '19': -10 };

export function actorCode(i: number): string {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return 'X' + a[Math.floor(i / 26) % 26] + a[i % 26];
}

/** Vocabulary of made-up words (letters only, some with diacritics). */
function vocabulary(n = 2000): string[] {
  const rnd = createRandom(99);
  const letters = 'abcdefghijklmnoprstuvzëé';
  const words = new Set<string>();
  while (words.size < n) {
    const len = 4 + Math.floor(rnd() * 6);
    let w = '';
    for (let k = 0; k < len; k++) w += letters[Math.floor(rnd() * letters.length)];
    words.add(w);
  }
  return [...words];
}
export const WORDS = vocabulary();

function docText(d: number): string {
  const rnd = createRandom(1000 + d);
  const words: string[] = [];
  for (let k = 0; k < 300; k++) words.push(WORDS[Math.floor(Math.pow(rnd(), 2) * WORDS.length)]);
  return `Synthetic report ${d}. ` + words.join(' ') + '.';
}

/** The per-row expressions, written once for both SQL dialects (i = row number). */
function eventExpressions(d: 'sqlite' | 'pg') {
  const h1 = '((i * 1103515245 + 12345) % 2147483648)';
  const h2 = '((i * 22695477 + 1) % 4294967296)';
  const h3 = '((i * 69069 + 7) % 1000003)';
  const year = `(1946 + (${h3} / 20) % 75)`;
  const month = `(1 + (${h2} / 3) % 12)`;
  const day = `(1 + (${h1} / 11) % 28)`;
  const byDay = `(${h2} % 4 <> 0)`;
  const lo = `(${year} * 10000 + ${month} * 100 + CASE WHEN ${byDay} THEN ${day} ELSE 1 END)`;
  const hi = `(${year} * 10000 + ${month} * 100 + CASE WHEN ${byDay} THEN ${day} ELSE 28 END)`;
  const pad = (expr: string, n: number) => (d === 'sqlite' ? `printf('%0${n}d', ${expr})` : `lpad((${expr})::text, ${n}, '0')`);
  const hex = d === 'sqlite' ? `printf('%024x', i)` : `lpad(to_hex(i), 24, '0')`;
  const iso = (day: string) =>
    d === 'sqlite' ? `printf('%04d-%02d-%02d', ${year}, ${month}, ${day})` : `format('%s-%s-%s', lpad(${year}::text, 4, '0'), lpad(${month}::text, 2, '0'), lpad((${day})::text, 2, '0'))`;
  const value = d === 'sqlite' ? `CASE WHEN ${byDay} THEN ${iso(day)} ELSE printf('%04d-%02d', ${year}, ${month}) END` : `CASE WHEN ${byDay} THEN ${iso(day)} ELSE format('%s-%s', ${year}, lpad(${month}::text, 2, '0')) END`;
  return {
    source: `(${h1} % ${ACTORS})`,
    target: `((${h1} % ${ACTORS} + 1 + (${h2} / 7) % ${ACTORS - 1}) % ${ACTORS})`,
    code: `(${h3} % ${CODES.length})`,
    select: `
      ${pad(`i / ${EVENTS_PER_DOC}`, 64)}, i % ${EVENTS_PER_DOC}, ${hex},
      0, 20, s.name || ' and ' || t.name, 0, 20,
      s.id, s.name, 'state', s.country, 0, 5,
      t.id, t.name, 'state', t.country, 10, 15,
      c.code, c.root, c.goldstein, c.quad,
      ${value}, ${iso(`CASE WHEN ${byDay} THEN ${day} ELSE 1 END`)}, ${iso(`CASE WHEN ${byDay} THEN ${day} ELSE 28 END`)},
      CASE WHEN ${byDay} THEN 'day' ELSE 'month' END, 'bench.synthetic-v1', 0.9,
      ${lo}, ${hi},
      CASE WHEN ${h2} % 10 = 0 THEN 'reported' ELSE 'asserted' END, 0.8, 'bench.synthetic-v1', 'synthetic row', 'bench'`,
  };
}

const EVENT_COLUMNS = `doc_id, seq, id,
  evidence_start_utf16, evidence_end_utf16, evidence_text, sentence_start_utf16, sentence_end_utf16,
  source_id, source_name, source_kind, source_country, source_start_utf16, source_end_utf16,
  target_id, target_name, target_kind, target_country, target_start_utf16, target_end_utf16,
  code, root, goldstein, quad_class,
  date_value, date_earliest, date_latest, date_precision, date_rule_id, date_confidence,
  earliest_key, latest_key,
  modality, confidence, rule_id, reason, extractor`;

function actorRows() {
  return Array.from({ length: ACTORS }, (_, i) => {
    const c = actorCode(i);
    return { idx: i, id: `state:${c}`, name: `State ${c}`, country: c };
  });
}

function codeRows() {
  return CODES.map((code, idx) => ({ idx, code, root: code.slice(0, 2), goldstein: GOLDSTEIN[code.slice(0, 2)] ?? 0, quad: QUAD[code.slice(0, 2)] ?? 1 }));
}

export interface LoadReport {
  events: number;
  seconds: number;
  bytes: number | null;
}

const CHUNK = 1_000_000;

/** Grow a SQLite store (created with its migrations) to `total` synthetic events. */
export async function loadSqlite(file: string, total: number, log: (s: string) => void, indexes?: string[]): Promise<LoadReport> {
  (await openSqliteStore(file)).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -1000000');
  const have = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const t0 = performance.now();
  const present = () => new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL").all() as Array<{ name: string }>).map((r) => r.name));
  if (have < total) {
    for (const name of present()) db.exec(`DROP INDEX ${name}`);
    db.exec('CREATE TEMP TABLE bench_actors (idx INTEGER PRIMARY KEY, id TEXT, name TEXT, country TEXT)');
    db.exec('CREATE TEMP TABLE bench_codes (idx INTEGER PRIMARY KEY, code TEXT, root TEXT, goldstein REAL, quad INTEGER)');
    const ia = db.prepare('INSERT INTO bench_actors VALUES (@idx, @id, @name, @country)');
    const ic = db.prepare('INSERT INTO bench_codes VALUES (@idx, @code, @root, @goldstein, @quad)');
    const ie = db.prepare("INSERT OR IGNORE INTO entities (id, name, kind, country, aliases) VALUES (@id, @name, 'state', @country, json_array(@name))");
    db.transaction(() => {
      for (const a of actorRows()) {
        ia.run(a);
        ie.run(a);
      }
      for (const c of codeRows()) ic.run(c);
    })();
    const insDoc = db.prepare(
      `INSERT INTO documents (id, name, uri, format, title, author, published, published_key, text, length_utf16, source_map, ingested_at)
       VALUES (?, ?, ?, 'text', ?, NULL, NULL, NULL, ?, ?, NULL, ?)`,
    );
    const insFts = db.prepare('INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)');
    const x = eventExpressions('sqlite');
    const insEvents = db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i < CAST(? AS INTEGER) - 1)
       INSERT INTO events (${EVENT_COLUMNS}, dyad_source, dyad_target)
       SELECT ${x.select}, s.id, t.id FROM n
       JOIN bench_actors s ON s.idx = ${x.source} JOIN bench_actors t ON t.idx = ${x.target} JOIN bench_codes c ON c.idx = ${x.code}
       ORDER BY s.id, t.id, i`,
    );
    const now = new Date().toISOString();
    for (let start = have; start < total; start += CHUNK) {
      const end = Math.min(total, start + CHUNK);
      db.transaction(() => {
        for (let d = Math.floor(start / EVENTS_PER_DOC); d < Math.ceil(end / EVENTS_PER_DOC); d++) {
          const id = String(d).padStart(64, '0');
          const text = docText(d);
          insDoc.run(id, `bench-${d}.txt`, `bench/${d}.txt`, `Synthetic report ${d}`, text, text.length, now);
          insFts.run(id, `Synthetic report ${d}`, text);
        }
        insEvents.run(start, end);
      })();
      log(`  sqlite: ${end.toLocaleString('en-US')} events (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  }
  const missing = chosen(eventIndexes(MIGRATIONS), indexes).filter(([name]) => !present().has(name));
  for (const [name, sql] of missing) {
    db.exec(sql);
    log(`  sqlite: index ${name} built (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  if (missing.length) {
    db.exec('ANALYZE');
    log(`  sqlite: ANALYZE done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const bytes = (db.prepare('SELECT page_count * page_size AS b FROM pragma_page_count(), pragma_page_size()').get() as { b: number }).b;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { events: total, seconds: (performance.now() - t0) / 1000, bytes };
}

/** Grow a PostgreSQL store (in `schema`, created with its migrations) to `total` synthetic events. */
export async function loadPostgres(url: string, schema: string, total: number, log: (s: string) => void, indexes?: string[]): Promise<LoadReport> {
  await (await openPostgresStore(url, { schema })).close();
  const client = new pg.Client({ connectionString: parsePgLocation(url).connectionString, options: `-c search_path=${schema},public` });
  await client.connect();
  const t0 = performance.now();
  try {
    await client.query("SET synchronous_commit = off; SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'");
    const have = Number((await client.query('SELECT count(*) AS n FROM events')).rows[0].n);
    const present = async () =>
      new Set((await client.query("SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'events' AND indexname <> 'events_pkey'", [schema])).rows.map((r) => String(r.indexname)));
    if (have < total) {
      for (const name of await present()) await client.query(`DROP INDEX ${name}`);
      await client.query('ALTER TABLE events DROP CONSTRAINT IF EXISTS events_doc_id_fkey');
      await client.query('CREATE TEMP TABLE bench_actors (idx INTEGER PRIMARY KEY, id TEXT COLLATE "C", name TEXT COLLATE "C", country TEXT)');
      await client.query('CREATE TEMP TABLE bench_codes (idx INTEGER PRIMARY KEY, code TEXT COLLATE "C", root TEXT, goldstein DOUBLE PRECISION, quad INTEGER)');
      for (const a of actorRows()) {
        await client.query('INSERT INTO bench_actors VALUES ($1, $2, $3, $4)', [a.idx, a.id, a.name, a.country]);
        await client.query("INSERT INTO entities (id, name, kind, country, aliases) VALUES ($1, $2, 'state', $3, $4) ON CONFLICT DO NOTHING", [a.id, a.name, a.country, JSON.stringify([a.name])]);
      }
      for (const c of codeRows()) await client.query('INSERT INTO bench_codes VALUES ($1, $2, $3, $4, $5)', [c.idx, c.code, c.root, c.goldstein, c.quad]);
      const x = eventExpressions('pg');
      const now = new Date().toISOString();
      for (let start = have; start < total; start += CHUNK) {
        const end = Math.min(total, start + CHUNK);
        const first = Math.floor(start / EVENTS_PER_DOC);
        const last = Math.ceil(end / EVENTS_PER_DOC);
        for (let d0 = first; d0 < last; d0 += 200) {
          const ids: string[] = [];
          const texts: string[] = [];
          const nums: number[] = [];
          for (let d = d0; d < Math.min(last, d0 + 200); d++) {
            ids.push(String(d).padStart(64, '0'));
            texts.push(docText(d));
            nums.push(d);
          }
          await client.query(
            `INSERT INTO documents (id, name, uri, format, title, text, length_utf16, ingested_at)
             SELECT id, 'bench-' || d || '.txt', 'bench/' || d || '.txt', 'text', 'Synthetic report ' || d, text, length(text), $3
             FROM unnest($1::text[], $2::text[], $4::int[]) AS u(id, text, d)`,
            [ids, texts, now, nums],
          );
        }
        await client.query(
          `INSERT INTO events (${EVENT_COLUMNS})
           SELECT ${x.select} FROM generate_series($1::bigint, $2::bigint - 1) AS g(i)
           JOIN bench_actors s ON s.idx = ${x.source} JOIN bench_actors t ON t.idx = ${x.target} JOIN bench_codes c ON c.idx = ${x.code}`,
          [start, end],
        );
        log(`  postgres: ${end.toLocaleString('en-US')} events (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    }
    const have2 = await present();
    const missing = chosen(eventIndexes(PG_MIGRATIONS), indexes).filter(([name]) => !have2.has(name));
    for (const [name, sql] of missing) {
      await client.query(sql);
      log(`  postgres: index ${name} built (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    const fk = await client.query("SELECT 1 FROM pg_constraint WHERE conname = 'events_doc_id_fkey' AND connamespace = $1::regnamespace", [schema]);
    if (!fk.rowCount) {
      await client.query('ALTER TABLE events ADD CONSTRAINT events_doc_id_fkey FOREIGN KEY (doc_id) REFERENCES documents (id) ON DELETE CASCADE');
      log(`  postgres: foreign key checked (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    if (missing.length || !fk.rowCount) {
      await client.query('VACUUM ANALYZE events');
      await client.query('VACUUM ANALYZE documents');
      log(`  postgres: VACUUM ANALYZE done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    // tables only: a table's total size holds its indexes and TOAST already
    const bytes = Number((await client.query("SELECT sum(pg_total_relation_size(c.oid)) AS b FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')", [schema])).rows[0].b);
    return { events: total, seconds: (performance.now() - t0) / 1000, bytes };
  } finally {
    await client.end();
  }
}

export interface QueryFigures {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  n: number;
  /** Mean rows returned. */
  rows: number;
}

/** Latency of the benchmark's queries through the Store interface (after a warm-up). */
export async function measureQueries(store: Store, runs = 200, kinds = ['dyad', 'dyad-codes', 'filter', 'actor', 'search']): Promise<QueryFigures[]> {
  const rnd = createRandom(7);
  const pick = (n: number) => Math.floor(rnd() * n);
  const pair = () => {
    const a = pick(ACTORS);
    const b = (a + 1 + pick(ACTORS - 1)) % ACTORS;
    return [actorCode(a), actorCode(b)];
  };
  const queries: Record<string, () => Promise<number>> = {
    // a dyad's timeline: every event between two actors (named by entity id), both directions, in date order
    dyad: async () => {
      const [a, b] = pair();
      return (await store.events({ dyad: [`state:${a}`, `state:${b}`], order: 'date' })).length;
    },
    // the same named by country codes ("annals dyad ALB KHM"): ids and countries of both sides
    'dyad-codes': async () => {
      const [a, b] = pair();
      return (await store.events({ dyad: [a, b], order: 'date' })).length;
    },
    // an event filter: one CAMEO root in a two-year window, first page of 100 in date order
    filter: async () => {
      const y = 1946 + pick(73);
      return (await store.events({ code: CODES[pick(CODES.length)].slice(0, 2), from: String(y), to: String(y + 1), order: 'date', limit: 100 })).length;
    },
    // one actor's events, first page of 100 in date order
    actor: async () => (await store.events({ actor: `state:${actorCode(pick(ACTORS))}`, order: 'date', limit: 100 })).length,
    // full-text search for two words, 20 hits with snippets
    search: async () => (await store.search(`${WORDS[pick(200)]} ${WORDS[pick(400)]}`, 20)).length,
  };
  const out: QueryFigures[] = [];
  for (const name of kinds) {
    const q = queries[name];
    for (let i = 0; i < 10; i++) await q();
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      rows += await q();
      times.push(performance.now() - t0);
    }
    out.push({ name, ...latencySummary(times), rows: rows / runs });
  }
  return out;
}
