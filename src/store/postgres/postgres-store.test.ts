import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { storeContract, sampleDocument, timelineDocument } from '../contract.js';
import type { EntityRef } from '../../core/types.js';
import type { EventFilter, Store } from '../store.js';
import { createSqliteStore } from '../sqlite/sqlite-store.js';
import { MIGRATIONS } from '../sqlite/schema.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './schema.js';
import { asciiLower, createPostgresStore, openPostgresStore, searchWords } from './postgres-store.js';
import { parsePgLocation, redactUrl } from './connect.js';
import { createTestPgStore, freshSchemaName, pgSkipReason, TEST_PG_URL } from './testing.js';

const skip = await pgSkipReason();
if (skip) console.log(`# postgres store tests skipped: ${skip}`);

test('the PostgreSQL migrations mirror the SQLite ones, version for version', () => {
  assert.deepEqual(
    PG_MIGRATIONS.map((m) => [m.version, m.description]),
    MIGRATIONS.map((m) => [m.version, m.description]),
    'a migration added to either schema needs its twin in the other (same version, same description)',
  );
});

test('URLs: a schema parameter, bad schema names refused, passwords kept out of messages', () => {
  assert.deepEqual(parsePgLocation('postgres://u:p@h:5432/db?schema=team_a'), { connectionString: 'postgres://u:p@h:5432/db', schema: 'team_a' });
  assert.equal(parsePgLocation('postgres://u@h/db').schema, 'public');
  assert.throws(() => parsePgLocation('postgres://u@h/db?schema=x;drop'), { code: 'E020' });
  assert.equal(redactUrl('postgres://annals:secret@host/db'), 'postgres://annals:…@host/db');
  assert.equal(searchWords('Zëri "i" Popullit* & | !'), 'Zëri i Popullit');
  assert.equal(searchWords('-- ; *'), null);
  assert.equal(asciiLower('Émile ZOLA of Zëri'), 'Émile zola of zëri');
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

/**
 * Actors whose names and aliases meet: a shared alias, names that differ only in ASCII case or
 * only in non-ASCII case (which SQLite's NOCASE does not ignore), an alias that is a country code,
 * an actor without a country; events in both directions, to and from nobody, one too long for
 * the timeline indexes.
 */
function crowdedStore(): Array<ReturnType<typeof sampleDocument>> {
  const ref = (id: string, name: string, country: string | null, kind: EntityRef['kind'] = 'state'): EntityRef => ({ id, name, kind, country });
  const alb = ref('state:ALB', 'Albania', 'ALB');
  const khm = ref('state:KHM', 'Cambodia', 'KHM');
  const zola = ref('person:emile-zola', 'Émile Zola', 'FRA', 'person');
  const budd = ref('person:zola-budd', 'Zola Budd', 'ZAF', 'person');
  const un = ref('organization:un', 'United Nations', null, 'organization');
  const pairs: Array<[EntityRef | null, EntityRef | null]> = [
    [alb, khm], [khm, alb], [alb, alb], [zola, alb], [alb, zola], [budd, khm], [zola, budd], [budd, zola],
    [un, alb], [khm, un], [zola, null], [null, alb], [budd, budd], [un, zola],
  ];
  const docs = [0, 1, 2].map((d) =>
    timelineDocument(
      `crowd${d}`,
      pairs.map(([source, target], n) => ({ source, target, date: `${1950 + ((n * 7 + d * 3) % 40)}-0${1 + (n % 9)}`, ...(n === 3 && d === 1 ? { length: 4000 } : {}) })),
    ),
  );
  docs[0].entities = [
    { ...alb, aliases: ['Albania', 'Tirana', 'ALB'] },
    { ...khm, aliases: ['Cambodia', 'Kampuchea'] },
    { ...zola, aliases: ['Émile Zola', 'ÉMILE', 'Zola'] },
    { ...budd, aliases: ['Zola Budd', 'Zola'] },
    { ...un, aliases: ['United Nations', 'UN'] },
  ];
  // and a document with everything an event can carry (spans, a claimant, fractional scores)
  return [...docs, sampleDocument('crowd-sample')];
}

const ACTOR_ARGS = [
  'state:ALB', 'STATE:alb', 'KHM', 'alb', 'Cambodia', ' Tirana ', 'kampuchea', 'Zola', 'zola', 'Émile Zola', 'émile zola',
  'ÉMILE', 'émile', 'FRA', 'ZAF', 'UN', 'un', 'organization:un', 'Norodom Sihanouk', 'nobody', '',
];

if (!skip) {
  test('postgres: actors and dyads resolve and read as in SQLite (names, aliases, ASCII case, codes, overlaps; whole events)', { timeout: 60_000 }, async () => {
    const pgStore = createTestPgStore();
    const sqlite = createSqliteStore(':memory:');
    try {
      for (const s of [pgStore, sqlite] as Store[]) {
        await s.migrate();
        for (const d of crowdedStore()) assert.equal(await s.saveDocument(d.doc, d.ann, d.entities), 'added');
      }
      const ids = async (s: Store, f: EventFilter) => (await s.events(f)).map((e) => `${e.docName}#${e.id.slice(0, 6)}`);
      let nonEmpty = 0;
      for (const x of ACTOR_ARGS) {
        const f: EventFilter = { actor: x, order: 'date' };
        assert.deepEqual(await ids(pgStore, f), await ids(sqlite, f), `actor ${JSON.stringify(x)}`);
        for (const y of ACTOR_ARGS) {
          for (const extra of [{ order: 'date' }, { order: 'doc', desc: true, limit: 5, offset: 1 }, { from: '1960', to: '1979', order: 'code' }] as EventFilter[]) {
            const g: EventFilter = { dyad: [x, y], ...extra };
            const want = await sqlite.events(g);
            assert.deepEqual(await pgStore.events(g), want, `dyad ${JSON.stringify([x, y])} ${JSON.stringify(extra)}`);
            if (want.length) nonEmpty++;
          }
          for (const c of [{ dyad: [x, y], code: '04' }, { dyad: [x, y], knownAt: '1978' }] as EventFilter[]) {
            assert.deepEqual(await pgStore.countEvents!(c), await sqlite.countEvents!(c), `counts ${JSON.stringify(c)}`);
          }
        }
      }
      assert.ok(nonEmpty > 300, `most dyads find events (${nonEmpty})`);
    } finally {
      await sqlite.close();
      await pgStore.close();
    }
  });

  test('postgres: a schema 7 store gets the alias index (migration 8) and finds actors by alias', { timeout: 30_000 }, async () => {
    const schema = freshSchemaName();
    const raw = new pg.Client({ connectionString: TEST_PG_URL });
    await raw.connect();
    const v7 = createPostgresStore(TEST_PG_URL, { schema });
    try {
      // a store made by the migrations up to 7, with an actor in it
      await raw.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}, public`);
      await raw.query('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
      for (const m of PG_MIGRATIONS.filter((m) => m.version <= 7)) {
        await raw.query(m.sql);
        await raw.query('INSERT INTO schema_version VALUES ($1, $2, $3)', [m.version, m.description, 'then']);
      }
      const d = sampleDocument('upgrade');
      await raw.query("INSERT INTO entities (id, name, kind, country, aliases) VALUES ('state:ALB', 'Albania', 'state', 'ALB', '[\"Albania\",\"Tirana\"]')");
      assert.equal(await v7.schemaVersion(), 7);
      await v7.migrate();
      assert.equal(await v7.schemaVersion(), PG_SCHEMA_VERSION);
      const idx = await raw.query("SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'entities_alias_keys'", [schema]);
      assert.match(String(idx.rows[0]?.indexdef), /USING gin \(.*annals_alias_keys\(aliases\)\)/);
      assert.equal(await v7.saveDocument(d.doc, d.ann, d.entities), 'added');
      assert.deepEqual((await v7.events({ dyad: ['tirana', 'Norodom Sihanouk'] })).map((e) => e.code), ['042']);
      assert.deepEqual(await v7.check(), []);
    } finally {
      await v7.dropSchema();
      await v7.close();
      await raw.end();
    }
  });
}
