/**
 * Ingest on many cores: files are read and annotated in worker threads (the
 * piscina pool of src/pipeline/pool.ts) while this thread alone writes the
 * store, several documents per transaction when the driver can
 * (savePrepared for SQLite, whose rows the worker threads compute;
 * saveDocuments for PostgreSQL), else one by one. At most eight files per
 * thread are in flight, so memory stays bounded however large the corpus.
 * Same outcomes, progress and summary as the serial ingest (ingest.ts).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Annotations, Document, Entity } from '../core/types.js';
import { contentId } from '../formats/index.js';
import { createPipelinePool, type PipelinePool } from '../pipeline/pool.js';
import type { SaveOptions, SaveOutcome, Store } from '../store/store.js';
import type { PackedSave } from '../store/sqlite/rows.js';
import { expandInputs } from './inputs.js';
import type { FileResult, IngestOptions, IngestSummary } from './ingest.js';

/** A driver that saves many documents in one transaction (the PostgreSQL store does). */
interface BatchStore extends Store {
  saveDocuments(items: Array<{ doc: Document; ann: Annotations; entities: Entity[] }>, options?: SaveOptions): Promise<SaveOutcome[]>;
}

function canBatch(store: Store): store is BatchStore {
  return typeof (store as Partial<BatchStore>).saveDocuments === 'function';
}

/** A driver that saves rows prepared by rows.prepareSave, many documents in one transaction (the SQLite store does). */
interface PreparedStore extends Store {
  savePrepared(items: PackedSave[], options?: SaveOptions): Promise<SaveOutcome[]>;
}

function takesPrepared(store: Store): store is PreparedStore {
  return typeof (store as Partial<PreparedStore>).savePrepared === 'function';
}

export interface ParallelOptions extends IngestOptions {
  store: Store;
  /** Worker threads. */
  workers: number;
  /** Documents per transaction at most, for drivers that save many at once (default 512 for SQLite, 32 for PostgreSQL). */
  batch?: number;
  /** An open pool to use instead of starting one (left open). */
  pool?: PipelinePool;
}

interface Ready {
  path: string;
  index: number;
  docId: string;
  events: number;
  actorIds: string[];
  /** What the driver saves: rows prepared and packed by a worker thread, or the document with its annotations. */
  item: PackedSave | { doc: Document; ann: Annotations; entities: Entity[] };
}

/** Run fn over items with at most `limit` running at once. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await fn(items[i], i);
    }),
  );
}

export async function ingestParallel(inputs: string[], options: ParallelOptions, errorLine: (e: unknown, path: string) => string): Promise<IngestSummary> {
  const { store } = options;
  const cwd = options.cwd ?? process.cwd();
  const { files, errors: missing } = await expandInputs(inputs, options.cwd);
  const summary: IngestSummary = { added: 0, replaced: 0, skipped: 0, failed: 0, events: 0, actors: 0, files: [], errors: [] };
  const actors = new Set<string>();
  const total = files.length + missing.length;
  const prepare = takesPrepared(store);
  // a driver without savePrepared or saveDocuments writes one document at a time, yielding between them
  // SQLite: the larger the transaction, the fewer times each index page is written to the log (the
  // events' indexes take random keys: at a 1.2 GB store, 558 pages written per document in
  // transactions of 128, 240 in transactions of 480); 512 packed documents take about 70 MB here
  const batchSize = prepare ? Math.max(1, options.batch ?? 512) : canBatch(store) ? Math.max(1, options.batch ?? 32) : 1;

  const record = (index: number, r: FileResult) => {
    summary.files.push(r);
    summary[r.status]++;
    if (r.error) summary.errors.push(r.error);
    options.onProgress?.({ index, total, path: r.path, phase: r.status, error: r.error });
  };
  missing.forEach((e, i) => record(i + 1, { path: e.subject ?? '', status: 'failed', error: e.toLine() }));

  const saved = (r: Ready, outcome: SaveOutcome) => {
    if (outcome === 'skipped') return record(r.index, { path: r.path, status: 'skipped', docId: r.docId });
    for (const id of r.actorIds) actors.add(id);
    summary.events += r.events;
    record(r.index, { path: r.path, status: outcome, docId: r.docId, events: r.events });
  };
  const save = async (batch: Ready[]): Promise<SaveOutcome[]> => {
    const opts = { replace: options.replace };
    if (prepare) return store.savePrepared(batch.map((r) => r.item as PackedSave), opts);
    const items = batch.map((r) => r.item as { doc: Document; ann: Annotations; entities: Entity[] });
    if (batch.length > 1 && canBatch(store)) return store.saveDocuments(items, opts);
    const outcomes: SaveOutcome[] = [];
    for (const i of items) outcomes.push(await store.saveDocument(i.doc, i.ann, i.entities, opts));
    return outcomes;
  };

  // The single writer: documents wait here until a batch is full (or the run ends).
  let pending: Ready[] = [];
  let writing: Promise<void> = Promise.resolve();
  const writeOne = async (r: Ready) => {
    try {
      saved(r, (await save([r]))[0]);
    } catch (e) {
      record(r.index, { path: r.path, status: 'failed', error: errorLine(e, r.path) });
    }
  };
  const writeBatch = async (batch: Ready[]) => {
    if (batch.length > 1) {
      try {
        const outcomes = await save(batch);
        batch.forEach((r, i) => saved(r, outcomes[i]));
        return;
      } catch {
        // one bad document spoils its batch: save them one by one to tell which
      }
    }
    for (const r of batch) {
      await writeOne(r);
      // a synchronous driver (SQLite) would otherwise hold the thread: let finished results in and new files out
      await new Promise((r) => setImmediate(r));
    }
  };
  const flush = () => {
    const batch = pending;
    pending = [];
    writing = writing.then(() => writeBatch(batch));
    return writing;
  };

  const pool = options.pool ?? createPipelinePool({ threads: Math.max(1, options.workers), resources: options.dictionaries });
  try {
    // enough files in flight that the threads keep working (through the queue the pool hands each
    // of them ahead of time) while this one writes a batch
    await eachLimited(files, Math.max(1, options.workers) * 8, async (path, i) => {
      const index = missing.length + i + 1;
      options.onProgress?.({ index, total, path, phase: 'start' });
      const abs = resolve(cwd, path);
      try {
        if (!options.replace) {
          const id = contentId(await readFile(abs));
          if (await store.hasDocument(id)) return record(index, { path, status: 'skipped', docId: id });
        }
      } catch (e) {
        return record(index, { path, status: 'failed', error: errorLine(e, path) });
      }
      const out = await pool.run({ path: abs, uri: path, read: options.read, prepare });
      if (out.ok && out.packed) {
        // kept packed (about 135 KB for 2,000 words) until the writer unpacks it
        const p = out.packed;
        pending.push({ path, index, docId: p.docId, events: p.eventCount, actorIds: p.actorIds, item: p });
      } else if (out.ok && out.doc && out.result) {
        const { doc, result } = out;
        const actorIds = new Set<string>();
        for (const m of result.annotations.mentions) actorIds.add(m.entity.id);
        for (const e of result.annotations.events) for (const a of [e.source, e.target]) if (a) actorIds.add(a.id);
        const item = { doc, ann: result.annotations, entities: result.entities };
        pending.push({ path, index, docId: doc.id, events: result.annotations.events.length, actorIds: [...actorIds], item });
      } else {
        return record(index, { path, status: 'failed', error: out.error?.line ?? errorLine(new Error('no result'), path) });
      }
      // back-pressure: a full batch is written before this slot takes another file
      if (pending.length >= batchSize) await flush();
    });
    await flush();
  } finally {
    if (!options.pool) await pool.close();
  }
  summary.actors = actors.size;
  return summary;
}
