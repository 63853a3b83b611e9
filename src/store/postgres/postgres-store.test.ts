import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { storeContract, sampleDocument } from '../contract.js';
import { MIGRATIONS } from '../sqlite/schema.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './schema.js';
import { createPostgresStore, openPostgresStore, searchWords } from './postgres-store.js';
import { parsePgLocation, redactUrl } from './connect.js';
import { createTestPgStore, freshSchemaName, pgSkipReason, TEST_PG_URL } from './testing.js';

const skip = await pgSkipReason();
if (skip) console.log(`# postgres store tests skipped: ${skip}`);

test('the PostgreSQL migrations mirror the SQLite ones, version for version', () => {
  assert.deepEqual(
    PG_MIGRATIONS.map((m) => [m.version, m.description]),
    MIGRATIONS.map((m) => [m.version, m.description]),
    'a migration added to src/store/sqlite/schema.ts needs its twin in src/store/postgres/schema.ts',
  );
});

test('URLs: a schema parameter, bad schema names refused, passwords kept out of messages', () => {
  assert.deepEqual(parsePgLocation('postgres://u:p@h:5432/db?schema=team_a'), { connectionString: 'postgres://u:p@h:5432/db', schema: 'team_a' });
  assert.equal(parsePgLocation('postgres://u@h/db').schema, 'public');
  assert.throws(() => parsePgLocation('postgres://u@h/db?schema=x;drop'), { code: 'E020' });
  assert.equal(redactUrl('postgres://annals:secret@host/db'), 'postgres://annals:…@host/db');
  assert.equal(searchWords('Zëri "i" Popullit* & | !'), 'Zëri i Popullit');
  assert.equal(searchWords('-- ; *'), null);
});

test('an unreachable server is refused with E002, without the password', async () => {
  const store = createPostgresStore('postgres://annals:secret@127.0.0.1:1/none');
  await assert.rejects(store.migrate(), (e: Error & { code?: string; subject?: string }) => {
    assert.equal(e.code, 'E002');
    assert.ok(!String(e.subject).includes('secret'));
    return true;
  });
  await store.close();
});

if (skip) {
  test('store contract (postgres)', { skip }, () => {});
} else {
  storeContract('postgres', async () => createTestPgStore());

  test('postgres: a store newer than this annals is refused with E010; other tables with E011', { timeout: 30_000 }, async () => {
    const schema = freshSchemaName();
    const s = await openPostgresStore(TEST_PG_URL, { schema });
    const raw = new pg.Client({ connectionString: TEST_PG_URL });
    await raw.connect();
    try {
      await raw.query(`INSERT INTO ${schema}.schema_version VALUES ($1, 'future', '2100-01-01')`, [PG_SCHEMA_VERSION + 1]);
      await assert.rejects(openPostgresStore(TEST_PG_URL, { schema }), { code: 'E010' });
      const other = freshSchemaName();
      await raw.query(`CREATE SCHEMA ${other}; CREATE TABLE ${other}.stuff (x int)`);
      await assert.rejects(openPostgresStore(TEST_PG_URL, { schema: other }), { code: 'E011' });
      await assert.rejects(openPostgresStore(TEST_PG_URL, { schema: freshSchemaName(), mustExist: true }), { code: 'E001' });
      await raw.query(`DROP SCHEMA ${other} CASCADE`);
    } finally {
      await s.dropSchema();
      await s.close();
      await raw.end();
    }
  });

  test('postgres: writers saving the same documents at once store each once, actors merged', { timeout: 30_000 }, async () => {
    const first = createTestPgStore();
    await first.migrate();
    const others = Array.from({ length: 3 }, () => createPostgresStore(TEST_PG_URL, { schema: first.schema }));
    try {
      const docs = Array.from({ length: 12 }, (_, i) => sampleDocument(`doc${i}`));
      const outcomes = await Promise.all(
        [first, ...others].map(async (s, k) => {
          const mine = k % 2 ? [...docs].reverse() : docs;
          const out: string[] = [];
          for (const d of mine) out.push(await s.saveDocument(d.doc, d.ann, d.entities));
          return out;
        }),
      );
      const added = outcomes.flat().filter((o) => o === 'added').length;
      assert.equal(added, docs.length);
      assert.deepEqual(await first.counts(), { documents: 12, events: 24, actors: 3, mentions: 48 });
      const sihanouk = (await first.actors()).find((a) => a.id === 'person:norodom-sihanouk');
      assert.equal(sihanouk?.aliases.length, 2 + docs.length);
      assert.deepEqual(await first.check(), []);
    } finally {
      for (const o of others) await o.close();
      await first.close();
    }
  });

  test('postgres: many documents in one transaction, replaced on request', { timeout: 30_000 }, async () => {
    const s = createTestPgStore();
    try {
      await s.migrate();
      const items = Array.from({ length: 5 }, (_, i) => sampleDocument(`batch${i}`));
      assert.deepEqual(await s.saveDocuments(items), ['added', 'added', 'added', 'added', 'added']);
      assert.deepEqual(await s.saveDocuments([items[0], sampleDocument('batch9')]), ['skipped', 'added']);
      assert.deepEqual(await s.saveDocuments([items[1]], { replace: true }), ['replaced']);
      assert.equal((await s.counts()).documents, 6);
      assert.deepEqual(await s.check(), []);
    } finally {
      await s.close();
    }
  });
}
