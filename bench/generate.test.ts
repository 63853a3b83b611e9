import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom, generateCorpus, syntheticDocument } from './generate.ts';

test('the generator is deterministic for a seed', () => {
  assert.equal(syntheticDocument(createRandom(7), 300), syntheticDocument(createRandom(7), 300));
  assert.notEqual(syntheticDocument(createRandom(7), 300), syntheticDocument(createRandom(8), 300));
});

test('generateCorpus writes files until the requested size', () => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-gen-'));
  try {
    const c = generateCorpus(dir, 50_000, 3, 500);
    assert.ok(c.bytes >= 50_000);
    assert.ok(c.files.length >= 10);
    const text = readFileSync(c.files[0], 'utf8');
    assert.match(text, /\b(1[89]\d\d|20[0-2]\d)\b/);
    assert.ok(c.words > 5000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
