import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorLine, ingest } from './ingest.js';
import { ingestParallel } from './ingest-parallel.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createTestPgStore, pgSkipReason } from '../store/postgres/testing.js';
import type { Store } from '../store/store.js';
import { createPipelinePool } from '../pipeline/pool.js';

const skip = await pgSkipReason();

// one pool for the whole file: starting worker threads is the slow part
const pool = createPipelinePool({ threads: 2 });
after(() => pool.close());

const TEXTS = [
  'Relations in the Balkans\n\nOn 12 March 1968 the Foreign Minister of Albania visited Greece. Greece recognised Albania in 1971.\n',
  'Notes from Phnom Penh\n\nIn May 1975 China sent military aid to Cambodia. Vietnam accused Cambodia of interference in 1977.\n',
  'A long winter\n\nTalks between France and Germany were held in January 1963. The archives remain partly open.\n',
  'Ties with the south\n\nIn 1970 Cuba and Mexico signed a treaty of friendship. Brazil condemned Argentina in June 1982.\n',
  'Summary\n\nThe economy grew slowly. Egypt broke off diplomatic relations with Israel in 1967.\n',
];

function corpus(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'annals-par-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  TEXTS.forEach((text, i) => writeFileSync(join(dir, `d${i}.txt`), text));
  writeFileSync(join(dir, 'empty.txt'), '   \n');
  return dir;
}

async function snapshot(store: Store) {
  const events = (await store.events()).map((e) => `${e.docName} ${e.code} ${e.source?.id}→${e.target?.id} ${e.date?.value}`);
  return { counts: await store.counts(), events, docs: (await store.listDocuments()).map((d) => d.uri) };
}

async function sameAsSerial(store: Store, dir: string, batch: number) {
  const serial = createSqliteStore(':memory:');
  await serial.migrate();
  try {
    const a = await ingest([dir], { store: serial });
    const phases: string[] = [];
    const b = await ingestParallel([dir], { store, workers: 2, batch, pool, onProgress: (p) => phases.push(p.phase) }, errorLine);
    assert.deepEqual([b.added, b.skipped, b.failed, b.events, b.actors], [a.added, a.skipped, a.failed, a.events, a.actors]);
    assert.equal(b.added, TEXTS.length);
    assert.match(b.errors[0], /^E003 .*empty\.txt/);
    assert.equal(phases.filter((p) => p === 'start').length, TEXTS.length + 1);
    assert.deepEqual(await snapshot(store), await snapshot(serial));
    const again = await ingestParallel([dir], { store, workers: 2, pool }, errorLine);
    assert.deepEqual([again.added, again.skipped, again.failed], [0, TEXTS.length, 1]);
    assert.deepEqual(await store.check(), []);
  } finally {
    await serial.close();
  }
}

test('ingest with worker threads stores what the serial ingest stores, and skips it the second time (SQLite)', { timeout: 60_000 }, async (t) => {
  const store = createSqliteStore(':memory:');
  await store.migrate();
  try {
    await sameAsSerial(store, corpus(t), 32);
  } finally {
    await store.close();
  }
});

test('ingest with worker threads, batched transactions in PostgreSQL', { skip, timeout: 60_000 }, async (t) => {
  const store = createTestPgStore();
  await store.migrate();
  try {
    await sameAsSerial(store, corpus(t), 2);
  } finally {
    await store.close();
  }
});
