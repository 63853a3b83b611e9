import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { storeContract, sampleDocument } from '../contract.js';
import { createSqliteStore, openSqliteStore, ftsQuery } from './sqlite-store.js';
import { SCHEMA_VERSION } from './schema.js';

storeContract('sqlite in memory', async () => createSqliteStore(':memory:'));

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'annals-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return 'no error';
}

test('a file store keeps documents across reopening, in WAL mode, with its schema version', async (t) => {
  const file = join(tempDir(t), 'a.db');
  const { doc, ann, entities } = sampleDocument('alpha');
  const s1 = await openSqliteStore(file);
  await s1.saveDocument(doc, ann, entities);
  await s1.close();
  const s2 = await openSqliteStore(file);
  assert.deepEqual(await s2.getAnnotations(doc.id), ann);
  assert.equal(await s2.schemaVersion(), SCHEMA_VERSION);
  await s2.close();
  const raw = new Database(file, { readonly: true });
  assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal((raw.prepare("SELECT value FROM meta WHERE key = 'offset_unit'").get() as { value: string }).value, 'utf16');
  raw.close();
});

test('a store written by a newer annals is refused with E010', async (t) => {
  const file = join(tempDir(t), 'new.db');
  (await openSqliteStore(file)).close();
  const raw = new Database(file);
  raw.prepare("INSERT INTO schema_version (version, description, applied_at) VALUES (?, 'future', '2100-01-01')").run(SCHEMA_VERSION + 1);
  raw.close();
  assert.equal(await errorCode(openSqliteStore(file)), 'E010');
});

test('a database of another program is refused with E011 and left untouched', async (t) => {
  const file = join(tempDir(t), 'other.db');
  const raw = new Database(file);
  raw.exec('CREATE TABLE stuff (x)');
  raw.close();
  assert.equal(await errorCode(openSqliteStore(file)), 'E011');
  const again = new Database(file, { readonly: true });
  assert.deepEqual(again.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all(), [{ name: 'stuff' }]);
  again.close();
});

test('a file that is not a database is refused with a code', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'junk.db');
  (await import('node:fs')).writeFileSync(file, 'this is not a database at all, just text that goes on for a while'.repeat(20));
  assert.match(await errorCode(openSqliteStore(file)), /^E01[01]$/);
  assert.equal(await errorCode(openSqliteStore(join(dir, 'no', 'such', 'dir', 'x.db'))), 'E002');
});

test('a read-only store answers queries and refuses to migrate', async (t) => {
  const file = join(tempDir(t), 'ro.db');
  const { doc, ann, entities } = sampleDocument('alpha');
  const w = await openSqliteStore(file);
  await w.saveDocument(doc, ann, entities);
  await w.close();
  const r = await openSqliteStore(file, { readonly: true });
  assert.equal((await r.events()).length, 2);
  await assert.rejects(r.saveDocument(sampleDocument('beta').doc, ann, entities));
  await r.close();
});

test('search words never reach FTS5 as syntax', () => {
  assert.equal(ftsQuery('Zëri "i" Popullit*'), '"Zëri" "i" "Popullit"');
  assert.equal(ftsQuery('-- ; *'), null);
});

function runWriter(file: string, count: number, killAfter?: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-writer.ts'), file, String(count)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const committed: number[] = [];
    let buf = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      buf += d;
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) committed.push(Number(l.split(' ')[0]));
      if (killAfter !== undefined && committed.length >= killAfter) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve(committed);
      else reject(new Error(`writer exited ${code}: ${err}`));
    });
  });
}

test('killing the writer with SIGKILL loses no committed document; the next run completes the set', async (t) => {
  const file = join(tempDir(t), 'crash.db');
  const total = 60;
  for (const killAfter of [3, 17]) {
    const committed = await runWriter(file, total, killAfter);
    const s = await openSqliteStore(file);
    assert.deepEqual(await s.check(), []);
    for (const i of committed) assert.ok(await s.hasDocument(sampleDocument(`doc${i}`).doc.id), `doc${i} was committed`);
    await s.close();
  }
  await runWriter(file, total);
  const s = await openSqliteStore(file);
  assert.deepEqual(await s.check(), []);
  const docs = await s.listDocuments();
  assert.equal(docs.length, total);
  assert.equal(new Set(docs.map((d) => d.id)).size, total);
  assert.equal((await s.counts()).events, 2 * total);
  await s.close();
});

test('a store read through a memory map by default; a writing connection (ingestion) without one', async (t) => {
  const file = join(tempDir(t), 'm.db');
  const mmapOf = (s: unknown) => (s as { db: Database.Database }).db.pragma('mmap_size', { simple: true });
  const reader = await openSqliteStore(file);
  assert.equal(mmapOf(reader), 1073741824);
  await reader.close();
  const writer = await openSqliteStore(file, { mmapBytes: 0 });
  assert.equal(mmapOf(writer), 0);
  const { doc, ann, entities } = sampleDocument('beta');
  await writer.saveDocument(doc, ann, entities);
  await writer.close();
});

test('a bulk load sets the query indexes aside and builds them again; queries give the same answers meanwhile', async (t) => {
  const file = join(tempDir(t), 'bulk.db');
  const store = await openSqliteStore(file);
  t.after(() => store.close());
  const a = sampleDocument('alpha');
  await store.saveDocument(a.doc, a.ann, a.entities);
  const indexes = () =>
    (new Database(file, { readonly: true }).prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('events', 'mentions') ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
  const before = indexes();
  assert.ok(before.includes('events_id') && before.includes('mentions_entity') && before.includes('events_document'));
  const dyad = await store.events({ dyad: ['Albania', 'Cambodia'] });
  const byCode = await store.events({ from: '1900', order: 'date' });
  assert.ok(dyad.length > 0 && byCode.length > 0);

  await store.deferIndexes!();
  assert.deepEqual(indexes(), ['events_document'], 'only the index that finds a document\'s events stays');
  assert.deepEqual((await store.deferredIndexes!()).sort(), before.filter((n) => n !== 'events_document'));
  assert.match((await store.check()).join('\n'), /indexes set aside by a bulk load that did not finish: .*events_id/);
  const b = sampleDocument('beta');
  await store.saveDocument(b.doc, b.ann, b.entities);
  assert.equal((await store.events({ dyad: ['Albania', 'Cambodia'] })).length, dyad.length * 2);
  await store.deferIndexes!(); // twice: the definitions set aside first are kept
  assert.equal((await store.deferredIndexes!()).length, before.length - 1);

  assert.equal(await store.restoreIndexes!(), before.length - 1);
  assert.deepEqual(indexes(), before);
  assert.deepEqual(await store.deferredIndexes!(), []);
  assert.deepEqual(await store.check(), []);
  assert.equal(await store.restoreIndexes!(), 0, 'nothing left to build');
  assert.equal((await store.events({ from: '1900', order: 'date' })).length, byCode.length * 2);
});

test('aliases are found through their own index, kept in step with the entities however they are written (migration 8)', async (t) => {
  const file = join(tempDir(t), 'aliases.db');
  const store = await openSqliteStore(file);
  t.after(() => store.close());
  const a = sampleDocument('alpha');
  await store.saveDocument(a.doc, a.ann, a.entities);
  const raw = new Database(file);
  t.after(() => raw.close());
  const rows = () => raw.prepare('SELECT alias, entity_id FROM entity_aliases ORDER BY entity_id, alias').all();
  const expected = raw
    .prepare("SELECT DISTINCT j.value AS alias, e.id AS entity_id FROM entities e, json_each(e.aliases) j ORDER BY e.id, j.value")
    .all();
  assert.ok(expected.length > 0);
  assert.deepEqual(rows(), expected);
  const someone = a.entities.find((e) => e.aliases.length > 0)!;
  const alias = someone.aliases[0];
  assert.deepEqual((await store.events({ actor: alias.toUpperCase() })).length > 0, true, 'ASCII case ignored');
  // written by hand, by UPDATE and by REPLACE: the index follows
  raw.prepare("UPDATE entities SET aliases = json('[\"Zog''s Kingdom\"]') WHERE id = ?").run(someone.id);
  assert.deepEqual(raw.prepare('SELECT alias FROM entity_aliases WHERE entity_id = ?').pluck().all(someone.id), ["Zog's Kingdom"]);
  assert.equal((await store.events({ actor: "zog's kingdom" })).length, (await store.events({ actor: someone.id })).length);
  raw.prepare("INSERT OR REPLACE INTO entities (id, name, kind, aliases) VALUES (?, 'X', 'state', '[\"Ruritania\"]')").run(someone.id);
  assert.deepEqual(raw.prepare('SELECT alias FROM entity_aliases WHERE entity_id = ?').pluck().all(someone.id), ['Ruritania']);
  raw.prepare('DELETE FROM entities WHERE id = ?').run(someone.id);
  assert.deepEqual(raw.prepare('SELECT alias FROM entity_aliases WHERE entity_id = ?').pluck().all(someone.id), []);
});

test('migration 8 fills the alias index of a store made before it', async (t) => {
  const file = join(tempDir(t), 'v7.db');
  const raw = new Database(file);
  const { MIGRATIONS } = await import('./schema.js');
  raw.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version <= 7)) {
    raw.exec(m.sql);
    raw.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(m.version, m.description, '2026-01-01');
  }
  raw.prepare("INSERT INTO entities (id, name, kind, aliases) VALUES ('state:ALB', 'Albania', 'state', '[\"Shqipëria\",\"Albanie\"]')").run();
  raw.close();
  const store = await openSqliteStore(file);
  t.after(() => store.close());
  assert.equal(await store.schemaVersion(), SCHEMA_VERSION);
  const check = new Database(file, { readonly: true });
  t.after(() => check.close());
  assert.deepEqual(check.prepare("SELECT alias FROM entity_aliases WHERE entity_id = 'state:ALB' ORDER BY alias").pluck().all(), ['Albanie', 'Shqipëria']);
});
