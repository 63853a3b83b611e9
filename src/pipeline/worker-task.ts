/**
 * One pool task: read a file, run the pipeline, return everything found:
 * either the document and its annotations as objects, or (`prepare`) the rows
 * the SQLite writer inserts, computed here so the writing thread only binds
 * them, and packed (rows.packSave) so that receiving them costs the writing
 * thread a tenth of receiving the objects.
 * Resources are loaded once per worker thread and reused.
 */
import { readFileSync } from 'node:fs';
import { readDocument, type ReadOptions } from '../formats/index.js';
import { isAnnalsError } from '../core/errors.js';
import { annotate, loadResources, type PipelineResult, type ResourceOptions } from './pipeline.js';
import { packSave, prepareSave, type PackedSave } from '../store/sqlite/rows.js';
import type { Document } from '../core/types.js';

export interface TaskResult {
  path: string;
  ok: boolean;
  doc?: Document;
  result?: PipelineResult;
  /** With `prepare`: the rows to save, packed (rows.unpackSave gives them back), in place of doc and result. */
  packed?: PackedSave;
  error?: { code: string; message: string; line: string };
}

/** A file to read: its path, and the uri the document is stored under (default: the path). */
export interface TaskInput {
  path: string;
  uri?: string;
  read?: ReadOptions;
  /** Dictionaries to load on top of the built-in ones (loaded once per thread and set of options). */
  resources?: ResourceOptions;
  /** Return the rows the SQLite store inserts (rows.prepareSave) instead of the objects. */
  prepare?: boolean;
}

export default async function task(input: string | TaskInput): Promise<TaskResult> {
  const { path, uri = path, read, resources: options, prepare } = typeof input === 'string' ? { path: input } : input;
  try {
    const resources = loadResources(options);
    const doc = await readDocument(readFileSync(path), uri, read);
    const result = annotate(doc, resources);
    if (prepare) return { path, ok: true, packed: packSave(prepareSave(doc, result.annotations, result.entities)) };
    return { path, ok: true, doc, result };
  } catch (e) {
    if (isAnnalsError(e)) return { path, ok: false, error: { code: e.code, message: e.message, line: e.toLine() } };
    const message = e instanceof Error ? e.message : String(e);
    return { path, ok: false, error: { code: 'E002', message, line: `E002 ${uri}: ${message}` } };
  }
}
