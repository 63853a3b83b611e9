/**
 * Score the stored events (or a JSON Lines file of predictions) against a
 * folder of gold annotations, with the reference scorer's figures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AnnalsError } from '../core/errors.js';
import { toContractRecord } from '../export/jsonl.js';
import type { CodedEvent } from '../core/types.js';
import type { Store } from '../store/store.js';
import { loadGold, parsePredictionLines, readPredictions, scoreEvents, type EvalReport } from './eval/score.js';

export interface EvaluateOptions {
  goldDir: string;
  /** Score only this document (file name, with or without extension). */
  doc?: string;
}

/** Score events given as (event, file name) pairs, as the export would write them. */
export function evaluateEvents(events: Array<{ event: CodedEvent; docName: string }>, options: EvaluateOptions): EvalReport {
  const records = events.map(({ event, docName }) => toContractRecord(event, docName));
  return scoreEvents(loadGold(options.goldDir, options.doc), readPredictions(records));
}

/** Score every event in the store. */
export async function evaluateStore(store: Store, options: EvaluateOptions): Promise<EvalReport> {
  const events = await store.events();
  return evaluateEvents(events.map((event) => ({ event, docName: event.docName })), options);
}

/** Score a JSON Lines file of predictions in the export contract. */
export function evaluateFile(path: string, options: EvaluateOptions): EvalReport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AnnalsError('E001', 'predictions file not found or unreadable', path);
  }
  return scoreEvents(loadGold(options.goldDir, options.doc), parsePredictionLines(text));
}

/**
 * Read and annotate every file of a folder in memory (no store) and score the
 * events: the development-set figure, as the ratchet test and scripts compute it.
 */
export async function evaluateCorpus(corpusDir: string, options: EvaluateOptions): Promise<EvalReport> {
  const { readDocument } = await import('../formats/index.js');
  const { annotate, loadResources } = await import('../pipeline/pipeline.js');
  const resources = loadResources();
  const events: Array<{ event: CodedEvent; docName: string }> = [];
  let files: string[];
  try {
    files = readdirSync(corpusDir).filter((f) => !f.startsWith('.')).sort();
  } catch {
    throw new AnnalsError('E001', 'corpus folder not found', corpusDir);
  }
  for (const f of files) {
    const path = join(corpusDir, f);
    const doc = await readDocument(readFileSync(path), path);
    for (const event of annotate(doc, resources).annotations.events) events.push({ event, docName: doc.name });
  }
  return evaluateEvents(events, options);
}
