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

test('seed 002: the Albania–Cambodia series rises to 1975, falls from 1977 and breaks by 1979', { skip: !existsSync(seeds) && 'needs ../shared' }, async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { readDocument } = await import('../formats/index.js');
  const { annotate, loadResources } = await import('../pipeline/pipeline.js');
  const { mergeEvents } = await import('../analysis/merge.js');
  const { dyadSeries, itemFromMerged } = await import('../analysis/dyad.js');
  const f = readdirSync(seeds).find((x) => x.startsWith('002_'))!;
  const doc = await readDocument(readFileSync(join(seeds, f)), join(seeds, f));
  const { annotations } = annotate(doc, loadResources());
  const merged = mergeEvents(annotations.events.map((e) => ({ ...e, docName: doc.name }))).merged;
  const s = dyadSeries(merged.map(itemFromMerged), 'ALB', 'KHM', { granularity: 'year', from: '1970-01-01', to: '1985-12-31' });
  const g = (y: number) => s.points.find((p) => p.period === String(y))?.goldstein ?? 0;
  const mean = (ys: number[]) => ys.reduce((t, y) => t + g(y), 0) / ys.length;
  assert.ok(mean([1974, 1975, 1976]) > mean([1970, 1971, 1972, 1973]), 'rise to 1975');
  assert.ok(g(1975) > 0 && g(1977) < g(1976), 'fall from 1977');
  assert.ok(Math.min(g(1977), g(1978), g(1979)) < 0, 'break by 1979');
  assert.ok(s.changePoints.some((c) => c.kind === 'break' && c.period >= '1977' && c.period <= '1979'));
});
