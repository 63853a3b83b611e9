/**
 * Merging measured on a folder of documents with gold annotations: raw
 * mentions vs merged events per document and together, conflicts, and the
 * check that no merged event joins two different gold events. Runs the
 * pipeline in memory (no store). Used by scripts/merge-check.ts and the tests.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readDocument } from '../formats/index.js';
import { annotate, loadResources } from '../pipeline/pipeline.js';
import { mergeEvents, type AnalysisEvent } from '../analysis/merge.js';
import { findConflicts, type Conflict } from '../analysis/conflicts.js';
import { checkAgainstGold, checkGoldMerges, goldAsEvents, type GoldCheck, type GoldDoc } from '../analysis/gold-check.js';

export interface MergeReport {
  perDocument: Array<{ doc: string; mentions: number; merged: number; restated: number }>;
  mentions: number;
  merged: number;
  restated: number;
  crossDocument: number;
  conflicts: Conflict[];
  conflictsByRule: Record<string, number>;
  gold: GoldCheck;
  /** The gold events themselves merged by the same rules: every join is between two annotated events. */
  goldAsInput: { events: number; merged: number; conflicts: Conflict[]; joins: number; violations: ReturnType<typeof checkGoldMerges>['violations']; soft: ReturnType<typeof checkGoldMerges>['soft'] };
}

export async function mergeReport(corpusDir: string, goldDir: string): Promise<MergeReport> {
  const res = loadResources();
  const all: AnalysisEvent[] = [];
  const docs = new Map<string, { text: string; gold: GoldDoc }>();
  const perDocument: MergeReport['perDocument'] = [];
  for (const f of readdirSync(corpusDir).sort()) {
    const doc = await readDocument(readFileSync(join(corpusDir, f)), join(corpusDir, f));
    const { annotations } = annotate(doc, res);
    const events = annotations.events.map((e) => ({ ...e, docName: doc.name }));
    all.push(...events);
    const own = mergeEvents(events).merged;
    perDocument.push({ doc: doc.name, mentions: events.length, merged: own.length, restated: own.filter((m) => m.members.length > 1).length });
    const goldPath = join(goldDir, doc.name.replace(/\.[^.]+$/, '') + '.json');
    if (existsSync(goldPath)) docs.set(doc.name, { text: doc.text, gold: JSON.parse(readFileSync(goldPath, 'utf8')) as GoldDoc });
  }
  const { merged } = mergeEvents(all);
  const goldEvents = [...docs].flatMap(([name, d]) => goldAsEvents(d.gold, d.text, name));
  const goldMerged = mergeEvents(goldEvents).merged;
  const goldMerges = checkGoldMerges(goldMerged);
  const conflicts = findConflicts(merged);
  const conflictsByRule: Record<string, number> = {};
  for (const c of conflicts) conflictsByRule[c.ruleId] = (conflictsByRule[c.ruleId] ?? 0) + 1;
  return {
    perDocument,
    mentions: all.length,
    merged: merged.length,
    restated: merged.filter((m) => m.members.length > 1).length,
    crossDocument: merged.filter((m) => m.documents > 1).length,
    conflicts,
    conflictsByRule,
    gold: checkAgainstGold(merged, docs),
    goldAsInput: { events: goldEvents.length, merged: goldMerged.length, conflicts: findConflicts(goldMerged), ...goldMerges },
  };
}
