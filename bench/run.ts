/**
 * npm run bench [-- options]
 *
 * Figures only: nothing here is asserted. Sections (all by default, or --only a,b):
 *   stages    each pipeline stage timed on the development seeds (../shared) or examples/, and
 *             what actor resolution adds to the rest of the pipeline (bench/stages.ts).
 *   pipeline  a synthetic corpus (--mb, default 5) through the full pipeline:
 *             words/s and events/s in this thread, then with 1 and N worker threads
 *             (--workers, default: the cores), peak memory. Every thread first runs
 *             --warmup documents (default 200, not counted): V8 compiles the pipeline's
 *             code while the first few hundred documents go through, on its own
 *             background threads, which on a machine with as many cores as pipeline
 *             threads would otherwise take time from them in the N-thread run only.
 *   stream    --stream-gb G or --stream-mb M (default 20 MB): synthetic documents generated,
 *             ingested with N worker threads into a SQLite store on disk and deleted, batch
 *             by batch (never the whole corpus): words/s, peak memory and its slope.
 *             --stream-max-seconds S stops early (default 600) and says so. The query indexes
 *             are set aside during the load and built at the end, as `annals ingest` does
 *             for a large load (--stream-keep-indexes: every index kept up to date instead).
 *   queries   --events 1000000,10000000 (default 1000000): synthetic events loaded into each
 *             store (SQLite; PostgreSQL when --pg or $ANNALS_BENCH_PG / $ANNALS_TEST_PG
 *             reaches a server), then p50/p95/p99 of dyad timelines, event filters and
 *             full-text search through the Store (--runs, default 200). Above 1 M events only
 *             --large-kinds (default dyad) are measured, with only --large-indexes built
 *             (default: those a dyad timeline reads, events_document and the PostgreSQL
 *             events_timeline* indexes; "all" for every index).
 *             --stores sqlite,postgres (default both) names the stores loaded and measured.
 *   api       the HTTP API on loopback under --concurrency C (default 16) clients, a bounded
 *             number of requests (--requests, default 2000) per endpoint: requests/s, latency.
 * --passes P measures the queries P times over with the same arguments (later passes: pages cached).
 * --data DIR keeps the loaded stores there (and the PostgreSQL schema annals_bench) for the
 * next run; without it they are made in a temporary folder and a fresh schema, removed at the end.
 */
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from './generate.ts';
import { fmt, mib, startRssSampler } from './measure.ts';
import { streamIngest } from './stream.ts';
import { loadPostgres, loadSqlite, measureQueries, type QueryFigures } from './stores.ts';
import { apiLoad, apiPaths, type ApiReport } from './api.ts';
import { describeStages, stageFiles, timeStages } from './stages.ts';
import { readDocument } from '../src/formats/index.ts';
import { annotate, loadResources } from '../src/pipeline/pipeline.ts';
import { createPipelinePool } from '../src/pipeline/pool.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { unpackSave } from '../src/store/sqlite/rows.ts';
import { openPostgresStore } from '../src/store/postgres/postgres-store.ts';
import { freshSchemaName, pgSkipReason } from '../src/store/postgres/testing.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function textArg(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

const only = new Set((textArg('only') ?? 'stages,pipeline,stream,queries,api').split(','));
const mb = arg('mb', 5);
const warmup = arg('warmup', 200);
const workers = arg('workers', availableParallelism());
const streamBytes = textArg('stream-gb') ? Number(textArg('stream-gb')) * 1024 ** 3 : arg('stream-mb', 20) * 1024 ** 2;
const streamMaxSeconds = arg('stream-max-seconds', 600);
// as `annals ingest` does for a large load; --stream-keep-indexes keeps every index up to date instead
const deferIndexes = !process.argv.includes('--stream-keep-indexes');
const sizes = (textArg('events') ?? '1000000').split(',').map(Number).sort((a, b) => a - b);
const runs = arg('runs', 200);
/** Measure the queries this many times over (the same random arguments: later passes find the pages cached). */
const passes = arg('passes', 1);
/** Queries measured above 1 M events (the slow filters would take hours at 200 runs). */
const largeKinds = (textArg('large-kinds') ?? 'dyad').split(',');
/** Indexes built above 1 M events (default: the two a dyad timeline by entity ids uses; "all" for every one). */
// the indexes a dyad timeline reads (SQLite: the events table's own key, plus events_document for the
// document names; PostgreSQL: the timeline covering indexes); names a store does not have are ignored
const largeIndexesArg = textArg('large-indexes') ?? 'events_document,events_timeline,events_timeline_rest,events_timeline_long';
const largeIndexes = largeIndexesArg === 'all' ? undefined : largeIndexesArg.split(',');
const keepDir = textArg('data');
/** The stores the queries and api sections load and measure. */
const storeNames = new Set((textArg('stores') ?? 'sqlite,postgres').split(','));
const pgUrl = textArg('pg') ?? process.env.ANNALS_BENCH_PG ?? process.env.ANNALS_TEST_PG ?? '';
const scratch = mkdtempSync(join(tmpdir(), 'annals-bench-'));
const dataDir = keepDir ?? scratch;
mkdirSync(dataDir, { recursive: true });

const load = () => `load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;
const ms = (x: number) => `${x.toFixed(1)} ms`;

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${mib(totalmem())} RAM, Node ${process.version}`);
console.log(`command: npm run bench -- ${process.argv.slice(2).join(' ')}`);
console.log(`started ${new Date().toISOString()}, ${load()}`);

async function pipelineSection(): Promise<void> {
  const dir = join(scratch, 'corpus');
  console.log(`\n## pipeline\ncorpus: generating ${mb} MB of synthetic documents`);
  const corpus = generateCorpus(dir, mb * 1024 * 1024, 42);
  console.log(`corpus: ${corpus.files.length} files, ${fmt(corpus.words)} words; each thread warmed up on ${warmup} documents first (not counted)`);
  // 1. The pipeline in this thread.
  const res = loadResources();
  // Warm up (JIT, lazy tables), not counted.
  const warm = (i: number) => corpus.files[i % corpus.files.length];
  for (let i = 0; i < Math.max(1, warmup); i++) annotate(await readDocument(readFileSync(warm(i)), warm(i)), res);
  const stopRss = startRssSampler();
  let events = 0;
  let t0 = performance.now();
  for (const f of corpus.files) {
    const doc = await readDocument(readFileSync(f), f);
    events += annotate(doc, res).annotations.events.length;
  }
  let secs = (performance.now() - t0) / 1000;
  const single = corpus.words / secs;
  console.log(`pipeline, 1 thread (in process): ${fmt(single)} words/s, ${fmt(events / secs)} events/s (${fmt(events)} events), peak RSS ${mib(stopRss())} (${load()})`);

  // 2. The worker pool with 1 and N threads, returning what ingestion into SQLite gets from them:
  // the rows to save, packed, unpacked here ready for the writer (which is not run: see the stream section).
  const rates: Record<number, number> = {};
  for (const n of [...new Set([1, workers])]) {
    const pool = createPipelinePool({ threads: n });
    try {
      // start the threads, load resources, warm up: about `warmup` documents per thread, not counted
      await Promise.all(Array.from({ length: Math.max(1, warmup) * n }, (_, i) => pool.run({ path: warm(i), prepare: true })));
      const stop = startRssSampler();
      t0 = performance.now();
      let ev = 0;
      const queue = [...corpus.files];
      await Promise.all(
        Array.from({ length: n * 2 }, async () => {
          for (let f = queue.shift(); f; f = queue.shift()) {
            const r = await pool.run({ path: f, prepare: true });
            if (!r.packed) throw new Error(`pipeline: ${r.error?.line ?? 'no result'}`);
            ev += unpackSave(r.packed).eventCount;
          }
        }),
      );
      secs = (performance.now() - t0) / 1000;
      rates[n] = corpus.words / secs;
      console.log(
        `pipeline, ${n} worker thread${n > 1 ? 's' : ''}: ${fmt(rates[n])} words/s (${(rates[n] / single).toFixed(2)}× in-process), ${fmt(ev / secs)} events/s, peak RSS ${mib(stop())} (${load()})`,
      );
    } finally {
      await pool.close();
    }
  }
  if (workers > 1) console.log(`speed-up with ${workers} worker threads over 1: ${(rates[workers] / rates[1]).toFixed(2)}×`);
  rmSync(dir, { recursive: true, force: true });
}

async function streamSection(): Promise<void> {
  console.log(`\n## stream\ningesting ${mib(streamBytes)} of generated documents batch by batch into a SQLite store on disk, ${workers} worker threads (stops after ${streamMaxSeconds} s)`);
  const file = join(scratch, 'stream.db');
  // as `annals ingest` opens it: no memory map on the writing connection
  const store = await openSqliteStore(file, { mmapBytes: 0 });
  const pool = createPipelinePool({ threads: workers });
  const storeBytes = () => [file, file + '-wal'].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);
  let lastPrint = 0;
  try {
    const r = await streamIngest({
      totalBytes: streamBytes,
      dir: join(scratch, 'stream'),
      store,
      pool,
      workers,
      maxSeconds: streamMaxSeconds,
      deferIndexes: deferIndexes,
      onBatch: (p, c) => {
        if (p.seconds - lastPrint >= 30) {
          lastPrint = p.seconds;
          console.log(
            `  ${mib(p.bytes)} in ${p.seconds.toFixed(0)} s: ${fmt(c.documents)} documents, ${fmt(c.events)} events, ${fmt(c.words / p.seconds)} words/s so far, ` +
              `RSS ${mib(p.rss)}${p.anon !== null ? ` (anonymous ${mib(p.anon)}, mapped files ${mib(p.file ?? 0)})` : ''}, store ${mib(storeBytes())} (${load()})`,
          );
        }
      },
    });
    const first = r.points[0];
    console.log(
      `stream: ${mib(r.bytes)} (${fmt(r.documents)} documents, ${fmt(r.words)} words, ${fmt(r.events)} events) in ${r.seconds.toFixed(0)} s: ` +
        `${fmt(r.words / r.seconds)} words/s, ${fmt(r.events / r.seconds)} events/s; peak RSS ${mib(r.peakRss)}` +
        `${r.peakRssKernel !== null ? ` (kernel's high-water mark ${mib(r.peakRssKernel)})` : ''}` +
        `${r.indexSeconds !== null ? `; indexes set aside and built at the end in ${r.indexSeconds.toFixed(0)} s (included)` : ''}` +
        `${r.peakAnon !== null ? ` (peak of its anonymous part ${mib(r.peakAnon)})` : ''}; store ${mib(storeBytes())}; ` +
        `RSS after the first batch ${mib(first?.rss ?? 0)}, at the end ${mib(r.points.at(-1)?.rss ?? 0)}; ` +
        `slope over the second half ${(r.slopePerMb / 1024).toFixed(1)} KiB per MB ingested` +
        `${r.slopeAnonPerMb !== null ? ` (anonymous part ${(r.slopeAnonPerMb / 1024).toFixed(1)} KiB per MB)` : ''}${r.stoppedEarly ? ' (stopped early at the time limit)' : ''} (${load()})`,
    );
  } finally {
    await pool.close();
    await store.close();
    rmSync(file, { force: true });
    rmSync(file + '-wal', { force: true });
    rmSync(file + '-shm', { force: true });
  }
}

async function queryPasses(store: string, events: number, measure: () => Promise<QueryFigures[]>): Promise<void> {
  for (let pass = 1; pass <= passes; pass++) printQueries(passes > 1 ? `${store} (pass ${pass})` : store, events, await measure());
}

function printQueries(store: string, events: number, figures: QueryFigures[]): void {
  for (const f of figures) {
    console.log(`${store} @ ${fmt(events)} events, ${f.name}: p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, p99 ${ms(f.p99)} (${f.n} runs, ${f.rows.toFixed(1)} rows on average) (${load()})`);
  }
}

function printApi(store: string, reports: ApiReport[]): void {
  for (const r of reports) {
    console.log(
      `api (${store}) GET ${r.path.replace(/=[^&]*/g, '=…')}: ${fmt(r.perSecond)} requests/s, p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, p99 ${ms(r.p99)} (${r.requests} requests, ${r.errors} errors, ${r.seconds.toFixed(1)} s) (${load()})`,
    );
  }
}


async function storesSection(): Promise<void> {
  const concurrency = arg('concurrency', 16);
  const requests = arg('requests', 2000);
  const free = statfsSync(dataDir);
  console.log(`\n## queries and api\nstores in ${dataDir} (${mib(free.bavail * free.bsize)} free)`);
  const skip = pgUrl ? await pgSkipReason(pgUrl) : 'no PostgreSQL URL (--pg, $ANNALS_BENCH_PG or $ANNALS_TEST_PG)';
  if (skip) console.log(`postgres: skipped: ${skip}`);
  const schema = keepDir ? 'annals_bench' : freshSchemaName('annals_bench');
  const file = join(dataDir, 'bench-events.db');
  try {
    for (const [k, size] of sizes.entries()) {
      if (storeNames.has('sqlite')) {
        const s = await loadSqlite(file, size, console.log, size > 1_000_000 ? largeIndexes : undefined);
        console.log(`sqlite: ${fmt(size)} events, ${s.bytes ? mib(s.bytes) : '?'} on disk, loaded in ${s.seconds.toFixed(0)} s`);
        const store = await openSqliteStore(file);
        try {
          if (only.has('queries')) await queryPasses('sqlite', size, () => measureQueries(store, runs, size > 1_000_000 ? largeKinds : undefined));
          if (only.has('api') && k === 0) printApi('sqlite', await apiLoad(store, apiPaths(), { concurrency, requests }));
        } finally {
          await store.close();
        }
      }
      if (skip || !storeNames.has('postgres')) continue;
      const p = await loadPostgres(pgUrl, schema, size, console.log, size > 1_000_000 ? largeIndexes : undefined);
      console.log(`postgres: ${fmt(size)} events, ${p.bytes ? mib(p.bytes) : '?'} on disk, loaded in ${p.seconds.toFixed(0)} s`);
      // a pool of one connection per client would pass the server's max_connections (100 by default) at high concurrency
      const pstore = await openPostgresStore(pgUrl, { schema, connections: Math.min(concurrency, 20) });
      try {
        if (only.has('queries')) await queryPasses('postgres', size, () => measureQueries(pstore, runs, size > 1_000_000 ? largeKinds : undefined));
        if (only.has('api') && k === 0) printApi('postgres', await apiLoad(pstore, apiPaths(), { concurrency, requests }));
      } finally {
        await pstore.close();
      }
    }
  } finally {
    if (!keepDir && !skip) {
      const s = await openPostgresStore(pgUrl, { schema });
      await s.dropSchema();
      await s.close();
    }
  }
}

try {
  if (only.has('stages')) {
    const { dir, files } = stageFiles();
    console.log(`\npipeline stages on ${dir} (${files.length} files, 20 runs), ${load()}:`);
    for (const l of describeStages(await timeStages(files, 20))) console.log(l);
  }
  if (only.has('pipeline')) await pipelineSection();
  if (only.has('stream')) await streamSection();
  if (only.has('queries') || only.has('api')) await storesSection();
  console.log(`\nended ${new Date().toISOString()}, ${load()}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
