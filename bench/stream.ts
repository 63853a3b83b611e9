/**
 * Streaming ingestion for the benchmark: synthetic documents are generated a
 * batch at a time into a scratch folder, ingested (worker threads, one writer)
 * into a store on disk, and deleted, until the requested size has gone
 * through: the corpus is never whole, on disk or in memory. The process's
 * resident memory (worker threads included) is sampled after every batch.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom, syntheticDocument } from './generate.ts';
import { ingestParallel } from '../src/app/ingest-parallel.ts';
import { errorLine } from '../src/app/ingest.ts';
import type { PipelinePool } from '../src/pipeline/pool.ts';
import type { Store } from '../src/store/store.ts';

export interface StreamPoint {
  bytes: number;
  rss: number;
  /** Of rss: anonymous memory (heaps, SQLite's page cache) and file pages mapped (the store read through mmap); null off Linux. */
  anon: number | null;
  file: number | null;
  seconds: number;
}

/** RssAnon and RssFile of this process from /proc (Linux), in bytes; nulls elsewhere. */
export function rssParts(): { anon: number | null; file: number | null } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (key: string) => {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) * 1024 : null;
    };
    return { anon: kb('RssAnon'), file: kb('RssFile') };
  } catch {
    return { anon: null, file: null };
  }
}

/**
 * The kernel's high-water mark of this process's resident memory (VmHWM), null off Linux: unlike
 * samples taken by a timer, it also sees the peaks inside long synchronous calls (a SQLite commit,
 * an index build) during which no timer runs. It covers the whole life of the process.
 */
export function peakRssEver(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface StreamReport {
  bytes: number;
  words: number;
  documents: number;
  events: number;
  seconds: number;
  peakRss: number;
  /** Peak of the anonymous part of RSS (null off Linux). */
  peakAnon: number | null;
  points: StreamPoint[];
  /** The process's peak RSS as the kernel counts it (peakRssEver) at the end; null off Linux. */
  peakRssKernel: number | null;
  /** Seconds spent building the indexes set aside (deferIndexes), or null. */
  indexSeconds: number | null;
  /** Least-squares slope of RSS against bytes ingested over the second half of the run (bytes of RSS per MB ingested). */
  slopePerMb: number;
  /** The same for the anonymous part of RSS (null off Linux). */
  slopeAnonPerMb: number | null;
  stoppedEarly: boolean;
}

export function slope(points: Array<{ x: number; y: number }>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export async function streamIngest(options: {
  totalBytes: number;
  dir: string;
  store: Store;
  pool: PipelinePool;
  workers: number;
  /** Stop early after this many seconds (the figures say so). */
  maxSeconds?: number;
  docWords?: number;
  batchFiles?: number;
  onBatch?: (p: StreamPoint, r: { documents: number; events: number; words: number }) => void;
  /**
   * Set the store's query indexes aside before the first batch and build them after the last,
   * as `annals ingest` does for a large load (the building is timed and its memory sampled).
   */
  deferIndexes?: boolean;
}): Promise<StreamReport> {
  const rnd = createRandom(20_261_121);
  const batchDir = join(options.dir, 'batch');
  const batchFiles = options.batchFiles ?? 512;
  const points: StreamPoint[] = [];
  let bytes = 0;
  let words = 0;
  let documents = 0;
  let events = 0;
  let peakRss = process.memoryUsage().rss;
  let peakAnon: number | null = null;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const { anon } = rssParts();
    if (anon !== null) peakAnon = Math.max(peakAnon ?? 0, anon);
  };
  const sampler = setInterval(sample, 50);
  const t0 = performance.now();
  let stoppedEarly = false;
  let indexSeconds: number | null = null;
  try {
    if (options.deferIndexes) await options.store.deferIndexes?.();
    while (bytes < options.totalBytes) {
      if (options.maxSeconds && (performance.now() - t0) / 1000 > options.maxSeconds) {
        stoppedEarly = true;
        break;
      }
      mkdirSync(batchDir, { recursive: true });
      let batchBytes = 0;
      for (let i = 0; i < batchFiles && bytes + batchBytes < options.totalBytes; i++) {
        const text = syntheticDocument(rnd, options.docWords ?? 2000);
        writeFileSync(join(batchDir, `d${String(documents + i).padStart(9, '0')}.txt`), text);
        batchBytes += Buffer.byteLength(text);
        words += text.split(/\s+/).filter(Boolean).length;
      }
      const s = await ingestParallel([batchDir], { store: options.store, workers: options.workers, pool: options.pool }, errorLine);
      if (s.failed) throw new Error(`stream: ${s.failed} files failed: ${s.errors[0]}`);
      rmSync(batchDir, { recursive: true, force: true });
      documents += s.added + s.skipped;
      events += s.events;
      bytes += batchBytes;
      const p = { bytes, rss: process.memoryUsage().rss, ...rssParts(), seconds: (performance.now() - t0) / 1000 };
      points.push(p);
      options.onBatch?.(p, { documents, events, words });
    }
    if (options.deferIndexes) {
      const t1 = performance.now();
      await options.store.restoreIndexes?.();
      indexSeconds = (performance.now() - t1) / 1000;
    }
  } finally {
    sample();
    clearInterval(sampler);
    rmSync(batchDir, { recursive: true, force: true });
  }
  const half = points.slice(Math.floor(points.length / 2));
  return {
    indexSeconds,
    peakRssKernel: peakRssEver(),
    bytes,
    words,
    documents,
    events,
    seconds: (performance.now() - t0) / 1000,
    peakRss,
    peakAnon,
    points,
    slopePerMb: slope(half.map((p) => ({ x: p.bytes / 1e6, y: p.rss }))),
    slopeAnonPerMb: half.every((p) => p.anon !== null) ? slope(half.map((p) => ({ x: p.bytes / 1e6, y: p.anon ?? 0 }))) : null,
    stoppedEarly,
  };
}
