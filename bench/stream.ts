/**
 * Streaming ingestion for the benchmark: synthetic documents are generated a
 * batch at a time into a scratch folder, ingested (worker threads, one writer)
 * into a store on disk, and deleted, until the requested size has gone
 * through: the corpus is never whole, on disk or in memory. The process's
 * resident memory (worker threads included) is sampled after every batch.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom, syntheticDocument } from './generate.ts';
import { ingestParallel } from '../src/app/ingest-parallel.ts';
import { errorLine } from '../src/app/ingest.ts';
import type { PipelinePool } from '../src/pipeline/pool.ts';
import type { Store } from '../src/store/store.ts';

export interface StreamPoint {
  bytes: number;
  rss: number;
  seconds: number;
}

export interface StreamReport {
  bytes: number;
  words: number;
  documents: number;
  events: number;
  seconds: number;
  peakRss: number;
  points: StreamPoint[];
  /** Least-squares slope of RSS against bytes ingested over the second half of the run (bytes of RSS per MB ingested). */
  slopePerMb: number;
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
  onBatch?: (p: StreamPoint, r: { documents: number; events: number }) => void;
}): Promise<StreamReport> {
  const rnd = createRandom(20_261_121);
  const batchDir = join(options.dir, 'batch');
  const batchFiles = options.batchFiles ?? 64;
  const points: StreamPoint[] = [];
  let bytes = 0;
  let words = 0;
  let documents = 0;
  let events = 0;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  let stoppedEarly = false;
  try {
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
      const s = await ingestParallel([batchDir], { store: options.store, workers: options.workers, pool: options.pool, batch: 32 }, errorLine);
      if (s.failed) throw new Error(`stream: ${s.failed} files failed: ${s.errors[0]}`);
      rmSync(batchDir, { recursive: true, force: true });
      documents += s.added + s.skipped;
      events += s.events;
      bytes += batchBytes;
      const p = { bytes, rss: process.memoryUsage().rss, seconds: (performance.now() - t0) / 1000 };
      points.push(p);
      options.onBatch?.(p, { documents, events });
    }
  } finally {
    clearInterval(sampler);
    rmSync(batchDir, { recursive: true, force: true });
  }
  const half = points.slice(Math.floor(points.length / 2));
  return {
    bytes,
    words,
    documents,
    events,
    seconds: (performance.now() - t0) / 1000,
    peakRss: Math.max(peakRss, process.memoryUsage().rss),
    points,
    slopePerMb: slope(half.map((p) => ({ x: p.bytes / 1e6, y: p.rss }))),
    stoppedEarly,
  };
}
