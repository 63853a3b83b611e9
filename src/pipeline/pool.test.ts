import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPipelinePool } from './pool.ts';

test('the pool runs the pipeline in worker threads and reports bad files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-pool-'));
  const good = join(dir, 'a.txt');
  const empty = join(dir, 'b.txt');
  writeFileSync(good, 'Albania and Cambodia\n\nIn 1972 Sihanouk visited Albania.\n');
  writeFileSync(empty, '');
  const pool = createPipelinePool({ threads: 2 });
  try {
    const [a, b] = await Promise.all([pool.run(good), pool.run(empty)]);
    assert.equal(a.ok, true);
    assert.equal(a.doc?.name, 'a.txt');
    assert.ok(a.result && a.result.annotations.sentences.length >= 1);
    assert.equal(b.ok, false);
    assert.match(b.error?.line ?? '', /b\.txt/);
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
