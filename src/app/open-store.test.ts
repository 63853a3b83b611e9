import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveDbPath, openStore, DEFAULT_DB } from './open-store.js';

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
