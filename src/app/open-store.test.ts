import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { resolveDbPath, openStore, DEFAULT_DB, displayLocation } from './open-store.js';

test('the store is --db, else ANNALS_DB, else annals.db in the current folder; URLs pass as they are', () => {
  assert.equal(resolveDbPath('x.db', { ANNALS_DB: 'y.db' }, '/work'), '/work/x.db');
  assert.equal(resolveDbPath(undefined, { ANNALS_DB: 'y.db' }, '/work'), '/work/y.db');
  assert.equal(resolveDbPath(undefined, { ANNALS_DB: '' }, '/work'), `/work/${DEFAULT_DB}`);
  assert.equal(resolveDbPath(':memory:', {}, '/work'), ':memory:');
  assert.equal(resolveDbPath('postgres://u:p@host/db', {}, '/work'), 'postgres://u:p@host/db');
  assert.equal(resolveDbPath(undefined, { DATABASE_URL: 'postgres://u@h/db' }, '/work'), 'postgres://u@h/db');
  assert.equal(resolveDbPath(undefined, { ANNALS_DB: 'y.db', DATABASE_URL: 'postgres://u@h/db' }, '/work'), '/work/y.db');
  assert.equal(resolveDbPath(undefined, { DATABASE_URL: 'mysql://u@h/db' }, '/work'), `/work/${DEFAULT_DB}`);
});

test('a URL with no driver is refused with E020, without its password', async () => {
  await assert.rejects(openStore('mysql://u:secret@host/db'), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'E020');
    assert.ok(!String((e as { subject?: string }).subject).includes('secret'));
    return true;
  });
});

test('a store URL is shown without its password; a file path is shown as it is', () => {
  assert.equal(displayLocation('postgres://annals:secret@127.0.0.1:5432/db?schema=a'), 'postgres://annals:…@127.0.0.1:5432/db?schema=a');
  assert.equal(displayLocation('postgres://127.0.0.1/db'), 'postgres://127.0.0.1/db');
  assert.equal(displayLocation('data/annals.db'), 'data/annals.db');
});

test('a store opened for ingestion (bulkWrite) has no memory map; one opened to read has', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-open-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const mmapOf = (s: unknown) => (s as { db: Database.Database }).db.pragma('mmap_size', { simple: true });
  const writer = await openStore(join(dir, 'a.db'), { bulkWrite: true });
  assert.equal(mmapOf(writer), 0);
  await writer.close();
  const reader = await openStore(join(dir, 'a.db'), { mustExist: true });
  assert.ok(Number(mmapOf(reader)) > 0);
  await reader.close();
});
