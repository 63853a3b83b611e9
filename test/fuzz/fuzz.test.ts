/**
 * Fuzz test, bounded in count and time so it runs in CI: the driver
 * (driver.ts) runs as a child process with a limited heap and sends mutated
 * documents of every format through the ingest use case; this test watches
 * it. No crash (a case that fails its checks, or a process that dies, out of
 * memory for instance), no hang (no next case within the stall limit, even in
 * a synchronous endless loop: the child is killed) — and the input at fault is
 * kept for replay. Every refusal must be one line with a known code naming the file.
 *
 *   ANNALS_FUZZ_COUNT (default 2000)  ANNALS_FUZZ_SECONDS (default 25)
 *   ANNALS_FUZZ_SEED  (default 20261121: the same cases on every run)
 *   ANNALS_FUZZ_STRICT=1 also fails on "reader error" refusals (see driver.ts)
 *   ANNALS_FUZZ_TRACE=path, ANNALS_FUZZ_SAVE=dir: see driver.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FuzzSummary } from './driver.js';

const COUNT = Number(process.env.ANNALS_FUZZ_COUNT ?? 2000);
const SECONDS = Number(process.env.ANNALS_FUZZ_SECONDS ?? 25);
/** No next case for this long is a hang. */
const STALL_MS = 20_000;
const DRIVER = join(import.meta.dirname, 'driver.ts');

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stalled: boolean;
  last: string | null;
  summary: FuzzSummary | null;
  failure: string | null;
  stderr: string;
}

function runDriver(watch: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=1536', '--import', 'tsx', DRIVER], {
      env: { ...process.env, ANNALS_FUZZ_WATCH: watch },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Outcome = { code: null, signal: null, stalled: false, last: null, summary: null, failure: null, stderr: '' };
    let buf = '';
    let watchdog = setTimeout(stall, STALL_MS * 2); // start-up included
    function stall() {
      out.stalled = true;
      child.kill('SIGKILL');
    }
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('case ')) {
          out.last = line.slice(5);
          clearTimeout(watchdog);
          watchdog = setTimeout(stall, STALL_MS);
        } else if (line.startsWith('summary ')) out.summary = JSON.parse(line.slice(8)) as FuzzSummary;
        else if (line.startsWith('fail ')) out.failure = JSON.parse(line.slice(5)) as string;
        else process.stdout.write(`driver: ${line}\n`);
      }
    });
    child.stderr.on('data', (d: Buffer) => (out.stderr = (out.stderr + d.toString('utf8')).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      out.code = code;
      out.signal = signal;
      resolve(out);
    });
  });
}

test(`fuzz: up to ${COUNT} mutated documents in ${SECONDS} s, no crash, no hang, every refusal clear`, async (t) => {
  const watch = mkdtempSync(join(tmpdir(), 'annals-fuzz-watch-'));
  t.after(() => rmSync(watch, { recursive: true, force: true }));
  const out = await runDriver(watch);
  const keep = () => {
    if (!existsSync(join(watch, 'current')) || !out.last) return 'nothing';
    const dir = mkdtempSync(join(tmpdir(), 'annals-fuzz-case-'));
    const name = out.last.split(' ')[1] ?? 'case';
    copyFileSync(join(watch, 'current'), join(dir, name));
    return join(dir, name);
  };
  assert.ok(!out.stalled, `hang: case ${out.last} made no progress for ${STALL_MS} ms; input saved to ${keep()}`);
  assert.equal(out.failure, null, out.failure ?? '');
  assert.ok(out.code === 0 && out.summary, `the driver died (exit ${out.code}, signal ${out.signal}) during case ${out.last}; input saved to ${keep()}\n${out.stderr}`);
  const s = out.summary!;
  if (s.readerErrors.length) {
    const kinds = [...new Set(s.readerErrors.map((l) => l.replace(/^\S+ \S+: /, '')))];
    console.log(`fuzz: ${s.readerErrors.length} refusals came from failures inside a reader, e.g.:\n  ${kinds.slice(0, 5).join('\n  ')}`);
  }
  const summary = Object.entries(s.outcomes).map(([k, v]) => `${k}=${v}`).join(' ');
  console.log(`fuzz: by seed format (read/refused): ${Object.entries(s.byFormat).map(([k, v]) => `${k} ${v.read}/${v.refused}`).join(', ')}`);
  console.log(`fuzz: ${s.ran} cases in ${s.seconds.toFixed(1)} s (${s.cpuSeconds.toFixed(1)} s of CPU, seed ${s.seed}): ${summary}`);
  // The budget must let a meaningful number of cases run (a busy machine gets fewer), and both outcomes must occur.
  assert.ok(s.ran >= Math.min(COUNT, 100), `only ${s.ran} cases ran in ${SECONDS} s`);
  const read = (s.outcomes.added ?? 0) + (s.outcomes.skipped ?? 0);
  assert.ok(read > 0, 'some mutated documents are still read');
  assert.ok(s.ran - read > 0, 'some mutated documents are refused');
  // Whatever went in, the store is consistent and holds each document once.
  assert.deepEqual(s.storeProblems, []);
  assert.equal(s.distinctDocuments, s.storedDocuments);
  assert.equal(s.storedDocuments, s.outcomes.added ?? 0);
});
