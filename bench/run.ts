/**
 * npm run bench [-- --mb 5] [-- --workers N] [-- --stream-gb 1]
 * Generates a synthetic corpus with our own generator, then prints words per
 * second for the full pipeline with 1 and N workers, events per second and
 * peak memory. Figures only: nothing here is asserted.
 */
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from './generate.ts';
import { fmt, mib, startRssSampler } from './measure.ts';
import { readDocument } from '../src/formats/index.ts';
import { annotate, loadResources } from '../src/pipeline/pipeline.ts';
import { createPipelinePool } from '../src/pipeline/pool.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const mb = arg('mb', 5);
const workers = arg('workers', availableParallelism());
const dir = mkdtempSync(join(tmpdir(), 'annals-bench-'));

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${mib(totalmem())} RAM, Node ${process.version}`);
console.log(`corpus: generating ${mb} MB of synthetic documents in ${dir}`);
const corpus = generateCorpus(dir, mb * 1024 * 1024, 42);
console.log(`corpus: ${corpus.files.length} files, ${fmt(corpus.words)} words`);

try {
  // 1. The pipeline in this thread.
  const res = loadResources();
  // Warm up (JIT, lazy tables) on one file, not counted.
  annotate(await readDocument(readFileSync(corpus.files[0]), corpus.files[0]), res);
  const stopRss = startRssSampler();
  let events = 0;
  let t0 = performance.now();
  for (const f of corpus.files) {
    const doc = await readDocument(readFileSync(f), f);
    events += annotate(doc, res).annotations.events.length;
  }
  let secs = (performance.now() - t0) / 1000;
  const single = corpus.words / secs;
  console.log(`pipeline, 1 thread (in process): ${fmt(single)} words/s, ${fmt(events / secs)} events/s (${fmt(events)} events), peak RSS ${mib(stopRss())}`);

  // 2. The worker pool with 1 and N threads.
  for (const n of [...new Set([1, workers])]) {
    const pool = createPipelinePool({ threads: n });
    try {
      await Promise.all(Array.from({ length: n }, () => pool.run(corpus.files[0]))); // start threads, load resources
      const stop = startRssSampler();
      t0 = performance.now();
      let ev = 0;
      const queue = [...corpus.files];
      await Promise.all(Array.from({ length: n * 2 }, async () => {
        for (let f = queue.shift(); f; f = queue.shift()) {
          const r = await pool.run(f);
          ev += r.result?.annotations.events.length ?? 0;
        }
      }));
      secs = (performance.now() - t0) / 1000;
      console.log(`pipeline, ${n} worker thread${n > 1 ? 's' : ''}: ${fmt(corpus.words / secs)} words/s (${(corpus.words / secs / single).toFixed(2)}× in-process), ${fmt(ev / secs)} events/s, peak RSS ${mib(stop())}`);
    } finally {
      await pool.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
