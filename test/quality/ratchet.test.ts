/**
 * The ratchet: the development-set scores may rise, never fall below the
 * committed baseline. When a change raises them, run `npm run ratchet` and
 * commit quality/baseline.json with it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCorpus } from '../../src/app/evaluate.js';
import { summaryLine } from '../../src/app/eval/report.js';
import { devGoldDir, needsShared, seedsDir } from '../cli/helpers.js';
import { figures, raise, readBaseline } from './baseline.js';

test('the development-set score does not drop below the committed baseline', needsShared(seedsDir, devGoldDir), async () => {
  const report = await evaluateCorpus(seedsDir, { goldDir: devGoldDir });
  const now = figures(report);
  const base = readBaseline();
  const why = `now ${summaryLine(report)}; baseline L1 F1 ${base.L1F1}, L2 F1 ${base.L2F1} (quality/baseline.json)`;
  assert.ok(now.L1F1 >= base.L1F1, `L1 F1 fell below the baseline: ${why}`);
  assert.ok(now.L2F1 >= base.L2F1, `L2 F1 fell below the baseline: ${why}`);
});

test('raising the baseline keeps the higher figure of each level', () => {
  assert.deepEqual(raise({ L1F1: 0.4, L2F1: 0.3, note: 'n' }, { L1F1: 0.45, L2F1: 0.25 }), { L1F1: 0.45, L2F1: 0.3, note: 'n' });
});
