/**
 * Score the pipeline on the development set without a store:
 *   node --import tsx scripts/dev-score.ts [--out FILE] [--doc NAME]
 * Reads ../shared/corpus/seeds, runs the pipeline in memory, writes JSONL and
 * runs ../shared/tools/score-events on it.
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { readDocument } from '../src/formats/index.js';
import { annotate, loadResources } from '../src/pipeline/pipeline.js';
import { toJsonl } from '../src/export/jsonl.js';

const args = process.argv.slice(2);
const shared = resolve(process.env.ANNALS_SHARED ?? join(import.meta.dirname, '..', '..', 'shared'));
const seeds = join(shared, 'corpus', 'seeds');
if (!existsSync(seeds)) {
  console.log(`skip: ${seeds} not found`);
  process.exit(0);
}
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : '/tmp/annals-dev.jsonl';
const only = args.includes('--doc') ? args[args.indexOf('--doc') + 1] : undefined;
const res = loadResources();
const rows: Array<{ event: import('../src/core/types.js').CodedEvent; docName: string }> = [];
for (const f of readdirSync(seeds).sort()) {
  const doc = await readDocument(readFileSync(join(seeds, f)), join(seeds, f));
  const { annotations } = annotate(doc, res);
  for (const event of annotations.events) rows.push({ event, docName: doc.name });
}
writeFileSync(out, toJsonl(rows));
const scoreArgs = ['--gold', join(shared, 'gold', 'dev'), '--pred', out];
if (only) scoreArgs.push('--doc', only);
process.stdout.write(execFileSync(join(shared, 'tools', 'score-events'), scoreArgs, { encoding: 'utf8' }));
