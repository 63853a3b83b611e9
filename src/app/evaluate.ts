/**
 * Score the stored events (or a JSON Lines file of predictions) against a
 * folder of gold annotations, with the reference scorer's figures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AnnalsError } from '../core/errors.js';
import { toContractRecord } from '../export/jsonl.js';
import type { ActorMention, CodedEvent } from '../core/types.js';
import { measureLinking, type GoldEntity } from '../annotators/resolve-linking.js';
import type { Store } from '../store/store.js';
import { docKey, loadGold, parsePredictionLines, readPredictions, scoreEvents, type EvalReport } from './eval/score.js';

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

/** The gold entities (with aliases) of each gold document, by document key. */
function goldEntities(goldDir: string, only?: string): Map<string, GoldEntity[]> {
  const out = new Map<string, GoldEntity[]>();
  for (const f of readdirSync(goldDir).filter((x) => x.endsWith('.json')).sort()) {
    const g = JSON.parse(readFileSync(join(goldDir, f), 'utf8')) as { doc?: string; entities?: GoldEntity[] };
    const key = docKey(g.doc ?? f);
    if (only && key !== docKey(only)) continue;
    out.set(key, (g.entities ?? []).map((e) => ({ ...e, aliases: e.aliases ?? [] })));
  }
  return out;
}

/** Actor resolution measured on the documents' own text and mentions (see EvalReport.resolution). */
export function resolutionOf(docs: Array<{ name: string; text: string; mentions: ActorMention[] }>, goldDir: string, only?: string): EvalReport['resolution'] {
  const gold = goldEntities(goldDir, only);
  const sum = { entities: 0, resolved: 0, aliases: 0, mapped: 0 };
  for (const d of docs) {
    const ents = gold.get(docKey(d.name));
    if (!ents) continue;
    const r = measureLinking(d.text, d.mentions, ents);
    sum.entities += r.entities;
    sum.resolved += r.resolved;
    sum.aliases += r.aliases;
    sum.mapped += r.mapped;
  }
  return sum;
}

/** Score every event in the store; actor resolution from the stored mentions of the gold documents. */
export async function evaluateStore(store: Store, options: EvaluateOptions): Promise<EvalReport> {
  const events = await store.events();
  const report = evaluateEvents(events.map((event) => ({ event, docName: event.docName })), options);
  const docs: Array<{ name: string; text: string; mentions: ActorMention[] }> = [];
  const listed = await store.listDocuments();
  for (const name of goldEntities(options.goldDir, options.doc).keys()) {
    const stored = listed.find((d) => docKey(d.name) === name);
    const doc = stored ? await store.getDocument(stored.id) : null;
    const ann = doc ? await store.getAnnotations(doc.id) : null;
    if (doc && ann) docs.push({ name: doc.name, text: doc.text, mentions: ann.mentions });
  }
  if (docs.length) report.resolution = resolutionOf(docs, options.goldDir, options.doc);
  return report;
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
  const docs: Array<{ name: string; text: string; mentions: ActorMention[] }> = [];
  let files: string[];
  try {
    files = readdirSync(corpusDir).filter((f) => !f.startsWith('.')).sort();
  } catch {
    throw new AnnalsError('E001', 'corpus folder not found', corpusDir);
  }
  for (const f of files) {
    const path = join(corpusDir, f);
    const doc = await readDocument(readFileSync(path), path);
    const { annotations } = annotate(doc, resources);
    for (const event of annotations.events) events.push({ event, docName: doc.name });
    docs.push({ name: doc.name, text: doc.text, mentions: annotations.mentions });
  }
  const report = evaluateEvents(events, options);
  report.resolution = resolutionOf(docs, options.goldDir, options.doc);
  return report;
}
