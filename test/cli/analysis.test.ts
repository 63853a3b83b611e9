/**
 * The analysis commands (merged, conflicts, dyad, merge, split) and the
 * analysis export formats, run in process on a store holding two documents we
 * wrote and coded by hand (src/app/analysis-fixture.ts).
 */
import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { writeAnalysisFixture } from '../../src/app/analysis-fixture.js';
import { annalsInProcess } from './helpers.js';

describe('analysis commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-analysis-cli-'));
  const db = join(dir, 'a.db');
  const run = (...args: string[]) => annalsInProcess(['--db', db, ...args], { cwd: dir });
  before(() => writeAnalysisFixture(db));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('merged lists merged events and the count of mentions behind them', async () => {
    const r = await run('merged');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /9 mentions → 7 merged events/);
    const restated = await run('merged', '--restated', '--json');
    const json = JSON.parse(restated.stdout);
    assert.equal(json.merged.length, 1);
    assert.equal(json.merged[0].members.length, 3);
    const show = await run('merged', '--show', json.merged[0].members[1].id);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /3 mentions in 2 documents/);
    assert.match(show.stdout, /joined by merge\.same-event-v1, score 1: dates overlap/);
    assert.match(show.stdout, /members disagree on:\n  date: 1974-04 \[1\] \| 1974 \[2\]/);
    const known = JSON.parse((await run('merged', '--json', '--known-at', '1980')).stdout);
    assert.equal(known.mentions, 2, 'only the document published in 1976 was out in 1980');
  });

  test('conflicts shows both accounts and who asserts each', async () => {
    const r = await run('conflicts');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 conflicts\n$/);
    assert.match(r.stdout, /asserted by United States, B\.txt/);
    assert.match(r.stdout, /asserted by author, A\.txt/);
    assert.match(r.stdout, /1972, 1974, 1975/);
    const kinds = JSON.parse((await run('conflicts', '--kind', 'modality', '--json')).stdout);
    assert.equal(kinds.length, 0);
  });

  test('dyad prints a table, a sparkline and change points, explains a change and writes an SVG chart', async () => {
    const r = await run('dyad', 'ALB', 'KHM', '--by', 'year', '--between', '1975', '1979', '--svg', 'chart.svg');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^year +goldstein +events/m);
    assert.match(r.stdout, /[▁▂▃▄▅▆▇█]{5,}/);
    assert.match(r.stdout, /change points:/);
    assert.match(r.stdout, /^ +1979 break/m);
    assert.match(r.stdout, /between 1975 \(.*\) and 1979/);
    assert.match(r.stdout, /Albania condemned the regime/);
    const svg = readFileSync(join(dir, 'chart.svg'), 'utf8');
    let root = '';
    const p = new SaxesParser({ xmlns: true });
    p.on('opentag', (t) => (root ||= t.name));
    p.write(svg).close();
    assert.equal(root, 'svg');
    const png = await run('dyad', 'ALB', 'KHM', '--png', 'chart.png');
    assert.equal(png.code, 0, png.stderr);
    assert.deepEqual([...readFileSync(join(dir, 'chart.png')).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
    const json = JSON.parse((await run('dyad', 'Sihanouk', 'Albania', '--json')).stdout);
    assert.equal(json.total, 4);
    const bad = await run('dyad', 'ALB', 'KHM', '--between', '1975');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^E020 --between/);
    const missing = await run('dyad', 'ALB');
    assert.equal(missing.code, 2);
  });

  test('export writes every analysis format', async () => {
    for (const format of ['merged-jsonl', 'merged-csv', 'gdelt', 'graphml', 'gexf', 'timeline']) {
      const r = await run('export', '--format', format, '--out', `out.${format}`, ...(format === 'timeline' ? ['--dyad', 'ALB', 'KHM'] : []));
      assert.equal(r.code, 0, `${format}: ${r.stderr}`);
      assert.ok(readFileSync(join(dir, `out.${format}`), 'utf8').length > 100, format);
    }
    const gexf = await run('export', '--format', 'gexf', '--level', 'country', '--from', '1974', '--to', '1976');
    assert.match(gexf.stdout, /<node id="n\d" label="KHM">/);
  });

  test('merge and split record decisions that shape merged events', async () => {
    const before = JSON.parse((await run('merged', '--json')).stdout);
    const june = before.merged.find((m: { date: { value: string } | null }) => m.date?.value === '1973-06');
    const v1975 = before.merged.find((m: { code: string; date: { earliest: string } | null }) => m.code === '042' && m.date?.earliest.startsWith('1975'));
    const r = await run('merge', june.members[0].id, v1975.members[0].id, '--note', 'one visit');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^recorded .*: merge/);
    const after = JSON.parse((await run('merged', '--json')).stdout);
    assert.equal(after.merged.length, before.merged.length - 1);
    assert.ok(after.merged.some((m: { decided: boolean; members: unknown[] }) => m.decided && m.members.length === 2));
    const s = await run('split', before.merged.find((m: { members: unknown[] }) => m.members.length === 3).members[1].id);
    assert.equal(s.code, 0, s.stderr);
    const split = JSON.parse((await run('merged', '--json')).stdout);
    assert.equal(split.merged.length, after.merged.length + 1);
    const decisions = await run('decisions');
    assert.match(decisions.stdout, /merge .* — one visit/);
    assert.match(decisions.stdout, /2 decisions\n$/);
    const first = decisions.stdout.split(/\s+/)[0];
    const w = await run('decisions', '--withdraw', first);
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stdout, /1 decision\n$/);
    const back = JSON.parse((await run('merged', '--json')).stdout);
    assert.equal(back.merged.length, before.merged.length + 1, 'the merge is withdrawn, the split stays');
    const unknown = await run('split', 'zzzz-no-such-event');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^E021/);
  });
});
