import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { evaluateCorpus, resolutionOf } from './evaluate.js';
import { formatReport } from './eval/report.js';

test('eval reports actor resolution: gold entities resolved with the right country, aliases mapped', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-evalres-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'corpus'));
  mkdirSync(join(dir, 'gold'));
  writeFileSync(join(dir, 'corpus', 'note.txt'), 'In 1961 Albania broke with the Soviet Union. Tirana recalled its ambassador from Moscow.\n');
  writeFileSync(join(dir, 'gold', 'note.json'), JSON.stringify({
    doc: 'note.txt',
    entities: [
      { id: 'alb', name: 'Albania', kind: 'state', country: 'ALB', aliases: ['Albania', 'Tirana'] },
      { id: 'sun', name: 'Soviet Union', kind: 'state', country: 'SUN', aliases: ['Soviet Union', 'Moscow'] },
      { id: 'nobody', name: 'Ruritania', kind: 'state', country: 'RUR', aliases: ['Ruritania'] },
    ],
    events: [],
  }));
  const report = await evaluateCorpus(join(dir, 'corpus'), { goldDir: join(dir, 'gold') });
  assert.ok(report.resolution);
  // Ruritania is never named in the text: a gold entity not resolved; aliases count where they occur.
  assert.equal(report.resolution.entities, 3);
  assert.equal(report.resolution.resolved, 2);
  assert.equal(report.resolution.aliases, 4);
  assert.equal(report.resolution.mapped, 4);
  assert.match(formatReport(report), /actor resolution: entities 2\/3 \(66\.7 %\) resolved with the right country; aliases 4\/4 \(100\.0 %\) mapped/);
});

test('actor resolution counts only documents that have gold', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-evalres-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const r = resolutionOf([{ name: 'other.txt', text: 'Albania', mentions: [] }], dir);
  assert.deepEqual(r, { entities: 0, resolved: 0, aliases: 0, mapped: 0 });
});
