/**
 * Crash test: the `annals ingest` command, run as a separate process on a
 * corpus of every format, is killed with SIGKILL at random moments several
 * times, then run to completion. After every kill and at the end the store
 * must pass its integrity check (PRAGMA integrity_check, foreign keys, spans,
 * search index), hold each document at most once and — for every document it
 * holds — exactly the events an uninterrupted run finds. At the end it holds
 * every readable document of the corpus.
 *
 *   ANNALS_CRASH_KILLS (default 4)  ANNALS_CRASH_SEED (default 7)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { writeCorpus } from './corpus.js';
import { rng } from '../fuzz/mutate.js';

const KILLS = Number(process.env.ANNALS_CRASH_KILLS ?? 4);
const SEED = Number(process.env.ANNALS_CRASH_SEED ?? 7);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'annals.js');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
}

/** How many documents the store at `db` holds now (0 while it is being created). */
function storedCount(db: string): number {
  if (!existsSync(db)) return 0;
  let conn: Database.Database | null = null;
  try {
    conn = new Database(db, { readonly: true, fileMustExist: true });
    conn.pragma('busy_timeout = 50');
    return (conn.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  } catch {
    return 0; // not created yet, or busy
  } finally {
    conn?.close();
  }
}

type Kill = { afterMs: number } | { afterDocs: number; extraMs: number };

/**
 * Run `annals --db DB ingest --quiet CORPUS`; with `kill`, SIGKILL it after a
 * time, or once the store holds a number of documents plus a few
 * milliseconds (so the kill lands in the middle of the next document).
 */
function runIngest(db: string, corpus: string, kill?: Kill): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN, '--db', db, 'ingest', '--quiet', corpus], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let timer: NodeJS.Timeout | null = null;
    if (kill && 'afterMs' in kill) timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
    if (kill && 'afterDocs' in kill) {
      const poll = () => {
        if (storedCount(db) >= kill.afterDocs) timer = setTimeout(() => child.kill('SIGKILL'), kill.extraMs);
        else timer = setTimeout(poll, 10);
      };
      poll();
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr, ms: Date.now() - t0 });
    });
  });
}

/** Each stored document's name → its sorted event ids, after checking the store's integrity. */
async function snapshot(db: string): Promise<Map<string, string[]>> {
  const store = await openSqliteStore(db);
  try {
    assert.deepEqual(await store.check(), [], 'store passes its integrity check');
    const docs = await store.listDocuments();
    assert.equal(new Set(docs.map((d) => d.id)).size, docs.length, 'each document once');
    const out = new Map<string, string[]>();
    for (const d of docs) {
      assert.ok(!out.has(d.name), `${d.name} stored once`);
      const ann = await store.getAnnotations(d.id);
      assert.ok(ann, `${d.name}: annotations present`);
      out.set(d.name, ann!.events.map((e) => e.id).sort());
    }
    return out;
  } finally {
    await store.close();
  }
}

test(`crash: ingest killed with SIGKILL ${KILLS} times at random moments, then completed; nothing lost or doubled`, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-crash-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const corpus = join(dir, 'corpus');
  const n = writeCorpus(corpus, 24);

  // What an uninterrupted run stores.
  const refDb = join(dir, 'reference.db');
  const ref = await runIngest(refDb, corpus);
  assert.equal(ref.code, 1, `one file fails, the rest go in: ${ref.stderr}`);
  assert.match(ref.stderr, /^E00\d \S*broken\.pdf: /m);
  const expected = await snapshot(refDb);
  assert.equal(expected.size, n, 'every readable document is stored');
  const withEvents = [...expected.values()].filter((ids) => ids.length > 0).length;
  assert.ok(withEvents >= n / 2, `most documents have events (${withEvents} of ${n})`);

  // Killed at random moments: once early (start-up, schema creation), then
  // after a growing random number of stored documents plus a few milliseconds.
  const r = rng(SEED);
  const db = join(dir, 'crash.db');
  // One random target in each stretch of the corpus, so kills spread from start to end.
  const stretch = (n - 1) / Math.max(1, KILLS - 1);
  const targets = Array.from({ length: KILLS - 1 }, (_, i) => Math.max(1, Math.min(n - 1, Math.floor(1 + stretch * (i + r())))));
  const kills: Kill[] = [{ afterMs: Math.round(100 + r() * 900) }, ...targets.map((afterDocs) => ({ afterDocs, extraMs: Math.floor(r() * 40) }))];
  let killed = 0;
  const progress: string[] = [];
  for (const [k, kill] of kills.entries()) {
    const run = await runIngest(db, corpus, kill);
    if (run.signal === 'SIGKILL') killed++;
    const got = await snapshot(db);
    const when = 'afterMs' in kill ? `${kill.afterMs} ms` : `${kill.afterDocs} documents + ${kill.extraMs} ms`;
    progress.push(`${run.signal === 'SIGKILL' ? 'killed' : 'finished'} after ${when}: ${got.size}/${n} stored`);
    if (run.signal !== 'SIGKILL') {
      // Finished before the kill: then it did the whole job, failing only on the broken file.
      assert.equal(got.size, n, `a run that was not killed stores everything: ${run.stderr}`);
    }
    for (const [name, ids] of got) {
      assert.ok(expected.has(name), `${name} is a corpus document`);
      assert.deepEqual(ids, expected.get(name), `${name}: its events are all there, none twice (after kill ${k + 1}, ${when})`);
    }
  }
  console.log(`crash: reference run ${ref.ms} ms; ${progress.join('; ')}`);
  assert.ok(killed >= Math.min(2, KILLS), `runs were really killed (${killed})`);

  // Run to completion: picks up where it stopped.
  const last = await runIngest(db, corpus);
  assert.equal(last.code, 1, last.stderr);
  const final = await snapshot(db);
  assert.deepEqual([...final.keys()].sort(), [...expected.keys()].sort(), 'every document exactly once');
  for (const [name, ids] of final) assert.deepEqual(ids, expected.get(name), `${name}: events as in an uninterrupted run`);
});
