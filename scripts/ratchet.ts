/**
 * The quality ratchet: score the pipeline on the development set and compare
 * with quality/baseline.json.
 *   node --import tsx scripts/ratchet.ts            print the figures and the baseline
 *   node --import tsx scripts/ratchet.ts --update   raise the baseline to the figures (never lowers it)
 * ../shared is found beside the repository, or where ANNALS_SHARED points.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { evaluateCorpus } from '../src/app/evaluate.js';
import { summaryLine } from '../src/app/eval/report.js';
import { BASELINE_PATH, figures, raise, readBaseline, writeBaseline } from '../test/quality/baseline.js';

const shared = resolve(process.env.ANNALS_SHARED ?? join(import.meta.dirname, '..', '..', 'shared'));
const seeds = join(shared, 'corpus', 'seeds');
if (!existsSync(seeds)) {
  console.log(`skip: ${seeds} not found`);
  process.exit(0);
}
const report = await evaluateCorpus(seeds, { goldDir: join(shared, 'gold', 'dev') });
const now = figures(report);
const base = readBaseline();
console.log(summaryLine(report));
console.log(`baseline (${BASELINE_PATH}): L1 F1 ${base.L1F1}, L2 F1 ${base.L2F1}`);
if (process.argv.includes('--update')) {
  const next = raise(base, now);
  if (next.L1F1 === base.L1F1 && next.L2F1 === base.L2F1) console.log('baseline unchanged');
  else {
    writeBaseline(next);
    console.log(`baseline raised to L1 F1 ${next.L1F1}, L2 F1 ${next.L2F1}`);
  }
}
