import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deferByDefault, DEFER_MIN_FILES, ingest, type IngestProgress } from './ingest.js';
import { openStore } from './open-store.js';
import { DEFAULT_LIMITS } from '../formats/limits.js';

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'annals-ingest-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('ingest by store location: good files go in, bad ones are reported, progress is told in order', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.txt'), 'Relations\n\nOn 12 May 1970 Albania and China signed a trade agreement in Tirana.\n');
  writeFileSync(join(dir, 'b.txt'), '   \n');
  writeFileSync(join(dir, 'c.txt'), 'Relations\n\nOn 12 May 1970 Albania and China signed a trade agreement in Tirana.\n'); // same bytes as a.txt
  const seen: string[] = [];
  const onProgress = (p: IngestProgress) => seen.push(`${p.index}/${p.total} ${p.path} ${p.phase}`);
  const s = await ingest(['a.txt', 'b.txt', 'c.txt', 'gone.txt'], { db: 'x.db', cwd: dir, onProgress });
  assert.deepEqual([s.added, s.skipped, s.failed], [1, 1, 2]);
  assert.deepEqual(s.files.map((f) => [f.path, f.status]), [
    ['gone.txt', 'failed'],
    ['a.txt', 'added'],
    ['b.txt', 'failed'],
    ['c.txt', 'skipped'],
  ]);
  assert.match(s.errors[0], /^E001 gone\.txt: /);
  assert.match(s.errors[1], /^E003 b\.txt: /);
  assert.deepEqual(seen, [
    '1/4 gone.txt failed',
    '2/4 a.txt start',
    '2/4 a.txt added',
    '3/4 b.txt start',
    '3/4 b.txt failed',
    '4/4 c.txt start',
    '4/4 c.txt skipped',
  ]);
  const store = await openStore(join(dir, 'x.db'), { mustExist: true });
  t.after(() => store.close());
  assert.equal((await store.counts()).documents, 1);
  assert.equal((await store.listDocuments())[0].name, 'a.txt');
});

test('ingest --replace re-reads a stored document instead of skipping it', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.txt'), 'Relations\n\nIn 1970 Albania and China signed a trade agreement.\n');
  const store = await openStore(':memory:');
  t.after(() => store.close());
  assert.equal((await ingest(['a.txt'], { store, cwd: dir })).added, 1);
  const again = await ingest(['a.txt'], { store, cwd: dir, replace: true });
  assert.deepEqual([again.added, again.replaced, again.skipped], [0, 1, 0]);
  assert.equal((await store.counts()).documents, 1);
});

test('a file over the size limit is refused with E006 naming it', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'big.txt'), 'Relations\n\n' + 'Albania and China signed an agreement in 1970. '.repeat(40_000));
  const store = await openStore(':memory:');
  t.after(() => store.close());
  const s = await ingest(['big.txt'], { store, cwd: dir, read: { limits: { ...DEFAULT_LIMITS, maxFileBytes: 1024 * 1024 } } });
  assert.equal(s.failed, 1);
  assert.match(s.errors[0], /^E006 big\.txt: file is too large/);
});

test('a load with indexes set aside builds them at the end; one left over by an interrupted load is built by the next ingest', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.txt'), 'Relations\n\nOn 12 May 1970 Albania and China signed a trade agreement in Tirana.\n');
  writeFileSync(join(dir, 'b.txt'), 'Relations\n\nOn 3 June 1971 Albania condemned Yugoslavia.\n');
  const store = await openStore(join(dir, 'x.db'));
  t.after(() => store.close());
  const notes: string[] = [];
  const s = await ingest(['a.txt'], { store, cwd: dir, deferIndexes: true, onNote: (l) => notes.push(l) });
  assert.equal(s.added, 1);
  assert.deepEqual(await store.deferredIndexes!(), []);
  assert.match(notes.join('\n'), /set aside[\s\S]*built \d+ indexes/);
  notes.length = 0;
  await store.deferIndexes!(); // as a load killed before its end leaves it
  const again = await ingest(['b.txt'], { store, cwd: dir, onNote: (l) => notes.push(l) });
  assert.equal(again.added, 1);
  assert.deepEqual(await store.deferredIndexes!(), []);
  assert.deepEqual(await store.check(), []);
  assert.match(notes.join('\n'), /previous load set aside/);
  assert.ok(s.events + again.events > 0);
  assert.equal((await store.counts()).events, s.events + again.events);
});

test('indexes are set aside by default only for a load large beside the store', () => {
  assert.equal(deferByDefault(DEFER_MIN_FILES - 1, 0), false, 'a small load into an empty store');
  assert.equal(deferByDefault(DEFER_MIN_FILES, 0), true);
  assert.equal(deferByDefault(50_000, 20_000), true);
  assert.equal(deferByDefault(5_000, 200_000), false, 'a few thousand files into a large store: rebuilding would read it all');
});
