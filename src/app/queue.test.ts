import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freshSchemaName, pgSkipReason, TEST_PG_URL } from '../store/postgres/testing.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { INGEST_QUEUE, openQueue, queueStatus } from './queue.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'annals.js');
const skip = await pgSkipReason();

const SENTENCES = [
  'On 4 May 1961 the Foreign Minister of Greece visited Turkey.',
  'Italy recognised Albania in 1946.',
  'In June 1975 China sent military aid to Cambodia.',
  'Talks between Poland and Hungary were held in March 1957.',
  'Egypt broke off diplomatic relations with Jordan in 1958.',
  'The harvest was poor that year, and prices rose in the towns.',
];

function docText(i: number, sentences: number): string {
  const body: string[] = [];
  for (let k = 0; k < sentences; k++) body.push(SENTENCES[(i + k) % SENTENCES.length]);
  const paras: string[] = [];
  for (let k = 0; k < body.length; k += 5) paras.push(body.slice(k, k + 5).join(' '));
  return `Report number ${i}\n\n${paras.join('\n\n')}\n`;
}

interface Worker {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

function startWorker(url: string, onLine: (line: string, w: Worker) => void): Worker {
  const child = spawn(process.execPath, [BIN, '--db', url, 'worker', '--until-empty', '--maintenance', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const w: Worker = { child, lines: [], exited: new Promise((r) => child.on('close', (code) => r(code))) };
  let buf = '';
  child.stdout!.on('data', (d) => {
    buf += d;
    const parts = buf.split('\n');
    buf = parts.pop() ?? '';
    for (const l of parts) {
      w.lines.push(l);
      onLine(l, w);
    }
  });
  child.stderr!.on('data', (d) => w.lines.push(`stderr: ${d}`));
  return w;
}

function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

test('queue: three workers, one killed mid-job: every document stored exactly once, a bad file retried then reported', { skip, timeout: 150_000 }, async (t) => {
  const schema = freshSchemaName('annals_q');
  const url = `${TEST_PG_URL}${TEST_PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  const dir = mkdtempSync(join(tmpdir(), 'annals-queue-'));
  const workers: Worker[] = [];
  t.after(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    const raw = new pg.Client({ connectionString: TEST_PG_URL });
    await raw.connect();
    await raw.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_queue CASCADE`);
    await raw.end();
  });
  const small = 6;
  for (let i = 0; i < small; i++) writeFileSync(join(dir, `report-${i}.txt`), docText(i, 8 + i));
  // long enough that the worker taking it is killed before it can finish
  writeFileSync(join(dir, 'long-report.txt'), docText(99, 1500));
  writeFileSync(join(dir, 'empty.txt'), '');

  const queued = await cli(['--db', url, 'enqueue', dir, '--retries', '2', '--retry-delay', '1', '--expire', '5']);
  assert.equal(queued.code, 0, queued.out);
  assert.match(queued.out, /queued 8 files/);

  let killedJob: string | null = null;
  const onLine = (line: string, w: Worker) => {
    const m = /^job (\S+) start .*long-report\.txt$/.exec(line);
    if (m && killedJob === null) {
      killedJob = m[1];
      w.child.kill('SIGKILL');
    }
  };
  for (let i = 0; i < 3; i++) workers.push(startWorker(url, onLine));
  const codes = await Promise.all(workers.map((w) => w.exited));
  assert.ok(killedJob, 'a worker took the long document and was killed');
  assert.deepEqual(codes.filter((c) => c === 0).length, 2, workers.map((w) => w.lines.join('\n')).join('\n---\n'));

  const store = await openPostgresStore(url);
  const queue = await openQueue(url);
  try {
    const docs = await store.listDocuments();
    assert.equal(docs.length, small + 1);
    assert.equal(new Set(docs.map((d) => d.id)).size, small + 1);
    assert.ok(docs.some((d) => d.name === 'long-report.txt'));
    assert.deepEqual(await store.check(), []);
    // the killed worker's job ran again elsewhere
    const job = await queue.boss.getJobById(INGEST_QUEUE, killedJob!, { includeArchive: true });
    assert.equal(job?.state, 'completed');
    assert.ok((job?.retryCount ?? 0) >= 1, 'the job of the killed worker was retried');
    const status = await queueStatus(queue);
    assert.equal(status.completed, small + 1);
    assert.equal(status.failed, 1);
    assert.match(status.failures[0].error, /^E003 .*empty\.txt/);
    assert.equal(status.failures[0].tries, 3);

    // everything again: nothing added
    const before = await store.counts();
    assert.equal((await cli(['--db', url, 'enqueue', dir, '--retries', '0'])).code, 0);
    const again = startWorker(url, () => {});
    workers.push(again);
    assert.equal(await again.exited, 0);
    assert.deepEqual(await store.counts(), before);
    assert.equal(again.lines.filter((l) => / skipped /.test(l)).length, small + 1);
    const report = await cli(['--db', url, 'enqueue', '--status']);
    assert.equal(report.code, 1);
    assert.match(report.out, /failed after 1 try: E003 .*empty\.txt/);
  } finally {
    await queue.close();
    await store.close();
  }
});
