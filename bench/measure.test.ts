import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latencySummary, percentile } from './measure.ts';

test('percentiles use the nearest-rank method', () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(xs, 50), 50);
  assert.equal(percentile(xs, 95), 95);
  assert.equal(percentile(xs, 99), 99);
  assert.deepEqual(latencySummary([3, 1, 2]), { p50: 2, p95: 3, p99: 3, n: 3 });
});
