import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mergeReport } from './analysis-gold.js';

const shared = join(import.meta.dirname, '..', '..', '..', 'shared');
const seeds = join(shared, 'corpus', 'seeds');
const gold = join(shared, 'gold', 'dev');

test('on the three seeds no merged event joins two different gold events, and the two conflicting accounts of seed 002 are found', { skip: !existsSync(seeds) && 'needs ../shared' }, async () => {
  const r = await mergeReport(seeds, gold);
  assert.equal(r.perDocument.length, 3);
  assert.ok(r.merged <= r.mentions);
  assert.equal(r.gold.violations.length, 0, JSON.stringify(r.gold.violations));
  // the annotated events themselves, merged by the same rules
  assert.ok(r.goldAsInput.events > 250, 'gold evidence is found in the texts');
  assert.equal(r.goldAsInput.violations.length, 0, JSON.stringify(r.goldAsInput.violations));
  const dates = r.goldAsInput.conflicts.filter((c) => c.kind === 'date').map((c) => c.accounts.map((a) => a.value).sort().join(' vs '));
  assert.ok(dates.includes('1975-11-12~ vs 1975-12-02/1978-07'), 'the ambassador posted on two dates');
  assert.ok(dates.includes('1972, 1974, 1975, 1978, 1985 vs 1973-06'), 'the June 1973 visit missing from the list of visits');
});
