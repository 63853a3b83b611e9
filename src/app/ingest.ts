/**
 * Ingest: files, folders and globs → documents read, annotated and stored,
 * one transaction per document. A file that cannot be read gets one error line
 * naming it; the other files still go in. A file already stored (same bytes)
 * is skipped before it is even parsed, so an interrupted run picks up where it
 * stopped.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AnnalsError, isAnnalsError } from '../core/errors.js';
import { contentId, readDocument, type ReadOptions } from '../formats/index.js';
import { checkFileSize, limitsFromEnv } from '../formats/limits.js';
import { annotate, loadResources, type ResourceOptions, type Resources } from '../pipeline/pipeline.js';
import type { Store } from '../store/store.js';
import { expandInputs } from './inputs.js';
import { openStore, resolveDbPath } from './open-store.js';

export type FileStatus = 'added' | 'replaced' | 'skipped' | 'failed';

export interface FileResult {
  path: string;
  status: FileStatus;
  /** Document id (sha256 of the bytes), when the file could be read. */
  docId?: string;
  events?: number;
  /** For failed files: the error, as one line ("E003 x.txt: file is empty"). */
  error?: string;
}

export interface IngestProgress {
  /** 1-based position of the file in the run. */
  index: number;
  total: number;
  path: string;
  /** 'start' before a file is read; then its outcome. */
  phase: 'start' | FileStatus;
  error?: string;
}

export interface IngestOptions {
  /** The store to write to; or `db`, a store location opened (and closed) for this run. */
  store?: Store;
  db?: string;
  onProgress?: (p: IngestProgress) => void;
  /** Re-read and re-annotate documents already stored, replacing what was found before. */
  replace?: boolean;
  /** Annotation resources (loaded on first need when absent). */
  resources?: Resources;
  /**
   * Dictionaries loaded on top of the built-in ones (see dictionaries.ts). When absent and the
   * store is opened from `db`, the dictionaries registered with that store (annals dict import).
   */
  dictionaries?: ResourceOptions;
  /** A registered dictionary that changed or went missing, as one line. */
  onWarning?: (line: string) => void;
  /** Reader options; limits default to the safe defaults, overridden by ANNALS_MAX_* variables. */
  read?: ReadOptions;
  cwd?: string;
  /** Read and annotate in this many worker threads, one writer saving in batches (ingest-parallel.ts). */
  workers?: number;
  /**
   * Set aside the store's query indexes while loading and build them once at the end (drivers
   * with deferIndexes): true, false, or when absent, for a load large beside the store
   * (at least DEFER_MIN_FILES files and at least as many as the documents stored).
   */
  deferIndexes?: boolean;
  /** One line about work beyond the files (indexes set aside and built again). */
  onNote?: (line: string) => void;
}

/**
 * Below this many files a load never sets indexes aside: building them again reads every stored
 * event, which pays only when many rows are coming (each index page would otherwise be rewritten
 * in transaction after transaction; see docs/performance.md, "Streaming ingestion").
 */
export const DEFER_MIN_FILES = 1000;

export interface IngestSummary {
  added: number;
  replaced: number;
  skipped: number;
  failed: number;
  /** Events found in the documents added or replaced in this run. */
  events: number;
  /** Distinct actors named in those documents. */
  actors: number;
  files: FileResult[];
  /** One line per failure, in order. */
  errors: string[];
}

/** The error as one line naming the file. */
export function errorLine(e: unknown, path: string): string {
  if (isAnnalsError(e)) return (e.subject ? e : new AnnalsError(e.code, e.message, path)).toLine();
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new AnnalsError('E001', 'file not found', path).toLine();
  if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR' || code === 'EIO') {
    return new AnnalsError('E002', `file unreadable (${code})`, path).toLine();
  }
  return new AnnalsError('E099', `internal error: ${(e as Error)?.message ?? String(e)}`, path).toLine();
}

export async function ingest(inputs: string[], options: IngestOptions): Promise<IngestSummary> {
  if (options.store) return ingestInto(options.store, inputs, options);
  if (!options.db) throw new AnnalsError('E020', 'ingest needs a store or a db location', 'ingest');
  const location = resolveDbPath(options.db, {}, options.cwd);
  const store = await openStore(location);
  try {
    if (!options.dictionaries && !options.resources) {
      const { dictionaryOptionsFor } = await import('./dictionaries.js');
      const found = await dictionaryOptionsFor(location, { cwd: options.cwd });
      found.warnings.forEach((w) => options.onWarning?.(w));
      options = { ...options, dictionaries: found.options };
    }
    return await ingestInto(store, inputs, options);
  } finally {
    await store.close();
  }
}

async function ingestInto(store: Store, inputs: string[], options: IngestOptions): Promise<IngestSummary> {
  const defer = store.deferIndexes && store.restoreIndexes ? await shouldDefer(store, inputs, options) : false;
  if (defer) {
    await store.deferIndexes!();
    options.onNote?.('a large load: query indexes set aside, built again at the end');
  } else if ((await store.deferredIndexes?.())?.length) {
    // set aside by a bulk load that was interrupted
    options.onNote?.('building the query indexes a previous load set aside…');
    await store.restoreIndexes!();
  }
  try {
    return await ingestFiles(store, inputs, options);
  } finally {
    if (defer) {
      options.onNote?.('building the query indexes…');
      const t0 = performance.now();
      const n = await store.restoreIndexes!();
      options.onNote?.(`built ${n} indexes in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
}

/** Whether a run sets the indexes aside (see IngestOptions.deferIndexes). */
async function shouldDefer(store: Store, inputs: string[], options: IngestOptions): Promise<boolean> {
  if (options.deferIndexes !== undefined) return options.deferIndexes;
  const { files } = await expandInputs(inputs, options.cwd);
  return files.length >= DEFER_MIN_FILES && deferByDefault(files.length, (await store.counts()).documents);
}

/** The default: a load of at least DEFER_MIN_FILES files, and at least as many as the documents stored. */
export function deferByDefault(files: number, stored: number): boolean {
  return files >= DEFER_MIN_FILES && files >= stored;
}

async function ingestFiles(store: Store, inputs: string[], options: IngestOptions): Promise<IngestSummary> {
  if (options.workers !== undefined) {
    const { ingestParallel } = await import('./ingest-parallel.js');
    return ingestParallel(inputs, { ...options, store, workers: options.workers }, errorLine);
  }
  const { files, errors: missing } = await expandInputs(inputs, options.cwd);
  const summary: IngestSummary = { added: 0, replaced: 0, skipped: 0, failed: 0, events: 0, actors: 0, files: [], errors: [] };
  const actors = new Set<string>();
  let resources = options.resources;
  const limits = options.read?.limits ?? limitsFromEnv();
  const total = files.length + missing.length;
  let index = 0;

  const record = (r: FileResult) => {
    summary.files.push(r);
    summary[r.status]++;
    if (r.error) summary.errors.push(r.error);
    options.onProgress?.({ index, total, path: r.path, phase: r.status, error: r.error });
  };

  for (const e of missing) {
    index++;
    record({ path: e.subject ?? '', status: 'failed', error: e.toLine() });
  }
  for (const path of files) {
    index++;
    options.onProgress?.({ index, total, path, phase: 'start' });
    try {
      const abs = resolve(options.cwd ?? process.cwd(), path);
      checkFileSize((await stat(abs)).size, path, limits); // before reading: a huge file never enters memory
      const bytes = await readFile(abs);
      const id = contentId(bytes);
      if (!options.replace && (await store.hasDocument(id))) {
        record({ path, status: 'skipped', docId: id });
        continue;
      }
      const doc = await readDocument(bytes, path, { ...options.read, limits });
      resources ??= loadResources(options.dictionaries);
      const { annotations, entities } = annotate(doc, resources);
      const outcome = await store.saveDocument(doc, annotations, entities, { replace: options.replace });
      if (outcome === 'skipped') {
        record({ path, status: 'skipped', docId: doc.id });
        continue;
      }
      for (const m of annotations.mentions) actors.add(m.entity.id);
      for (const e of annotations.events) for (const a of [e.source, e.target]) if (a) actors.add(a.id);
      summary.events += annotations.events.length;
      record({ path, status: outcome, docId: doc.id, events: annotations.events.length });
    } catch (e) {
      record({ path, status: 'failed', error: errorLine(e, path) });
    }
  }
  summary.actors = actors.size;
  return summary;
}
