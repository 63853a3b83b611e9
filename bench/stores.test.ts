import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSqlite, loadPostgres, measureQueries, actorCode, eventIndexes } from './stores.ts';
import { MIGRATIONS } from '../src/store/sqlite/schema.ts';
import { PG_MIGRATIONS } from '../src/store/postgres/schema.ts';
import { slope } from './stream.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { openPostgresStore } from '../src/store/postgres/postgres-store.ts';
import { freshSchemaName, pgSkipReason, TEST_PG_URL } from '../src/store/postgres/testing.ts';

test('the least-squares slope of memory against bytes', () => {
  assert.equal(slope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }]), 2);
  assert.equal(slope([{ x: 1, y: 7 }]), 0);
});

async function sameRows(store: Awaited<ReturnType<typeof openSqliteStore>>) {
  assert.deepEqual(await store.check(), []);
  assert.equal((await store.counts()).events, 3000);
  const dyad = await store.events({ dyad: [actorCode(0), actorCode(1)], order: 'date' });
  for (const e of dyad) assert.ok([e.source?.id, e.target?.id].sort().join() === 'state:XAA,state:XAB');
  const figures = await measureQueries(store, 3);
  assert.deepEqual(figures.map((f) => f.name), ['dyad', 'dyad-codes', 'filter', 'actor', 'search']);
  return (await store.events({ order: 'date', limit: 5 })).map((e) => [e.id, e.code, e.source?.id, e.target?.id, e.date?.value]);
}

test('the loaders rebuild the events indexes the migrations leave, not those a later one dropped', () => {
  const sqlite = eventIndexes(MIGRATIONS);
  // migration 6 rebuilt the table: its own indexes count, events_dyad (now the key's prefix) is gone
  assert.ok(sqlite.has('events_document') && sqlite.has('events_dyad_reverse'));
  assert.ok(!sqlite.has('events_dyad'));
  // migration 7 dropped events_dates and made events_date_order again, with the code
  assert.ok(!sqlite.has('events_dates'));
  assert.match(sqlite.get('events_date_order')!, /latest_key, code\)/);
  const pg = eventIndexes(PG_MIGRATIONS);
  for (const name of ['events_dyad', 'events_timeline', 'events_timeline_rest', 'events_timeline_long']) assert.ok(pg.has(name), name);
  assert.match(pg.get('events_timeline')!, /INCLUDE \(/);
});

const skip = await pgSkipReason();

test('synthetic events loaded into either store are sound, queryable and the same rows', { timeout: 60_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-bench-stores-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'e.db');
  await loadSqlite(file, 3000, () => {});
  const s = await openSqliteStore(file);
  const fromSqlite = await sameRows(s);
  await s.close();
  if (skip) return t.diagnostic(`postgres half skipped: ${skip}`);
  const schema = freshSchemaName('annals_bench_test');
  await loadPostgres(TEST_PG_URL, schema, 3000, () => {});
  const p = await openPostgresStore(TEST_PG_URL, { schema });
  try {
    assert.deepEqual(await sameRows(p), fromSqlite);
  } finally {
    await p.dropSchema();
    await p.close();
  }
});
