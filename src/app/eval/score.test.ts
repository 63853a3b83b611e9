import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { actorMatches, dateBounds, evidenceOverlaps, loadGold, parsePredictionLines, scoreEvents } from './score.js';
import { formatReport, pyFixed, summaryLine } from './report.js';
import { devGoldDir, hasPython, needsShared, scorer, tempDir } from '../../../test/cli/helpers.js';
import { rng } from '../../../test/fuzz/mutate.js';

test('pyFixed rounds exact ties to even like printf, other values to nearest', () => {
  assert.equal(pyFixed(0.125, 2), '0.12');
  assert.equal(pyFixed(0.375, 2), '0.38');
  assert.equal(pyFixed(0.0625, 3), '0.062');
  assert.equal(pyFixed(1 / 3, 3), '0.333');
  assert.equal(pyFixed(2 / 3, 3), '0.667');
  assert.equal(pyFixed(0.1 + 0.2, 1), '0.3');
  assert.equal(pyFixed(1, 3), '1.000');
  assert.equal(pyFixed(0, 2), '0.00');
  assert.equal(pyFixed(0.9999, 3), '1.000');
  assert.equal(pyFixed(2.5, 0), '2');
});

test('dates are read as the reference scorer reads them', () => {
  assert.deepEqual(dateBounds('1976'), { lo: [1976, 1, 1], hi: [1976, 12, 31], span: 11 * 31 + 30 });
  assert.deepEqual(dateBounds('1976-02'), { lo: [1976, 2, 1], hi: [1976, 2, 29], span: 28 });
  assert.deepEqual(dateBounds('1976-21')?.hi, [1976, 5, 31]);
  assert.deepEqual(dateBounds('1976-24')?.hi, [1977, 2, 28]);
  assert.deepEqual(dateBounds('1977~'), dateBounds('1977'));
  assert.deepEqual(dateBounds('1975-12-02/1978-07')?.hi, [1978, 7, 31]);
  assert.deepEqual(dateBounds('../1978')?.lo, [-9999, 1, 1]);
  assert.deepEqual(dateBounds('197X')?.lo, [1900, 1, 1]); // the reference reads "197X" as the century
  assert.equal(dateBounds(null), null);
  assert.equal(dateBounds('unknown'), null);
  assert.throws(() => dateBounds('spring 1976'), { code: 'E020' });
  assert.throws(() => dateBounds('1976-13'), { code: 'E020' });
});

test('evidence overlaps by containment or by shared words', () => {
  assert.ok(evidenceOverlaps('Sihanouk visited Tirana.', '“Sihanouk visited Tirana.” he wrote'));
  assert.ok(evidenceOverlaps('In 1972 the prince went to Tirana', 'the prince went to Tirana in 1972, again'));
  assert.ok(!evidenceOverlaps('The prince stayed home.', 'Sihanouk visited Tirana in 1972.'));
  assert.ok(!evidenceOverlaps('', 'anything'));
});

test('actors match by name, alias, surname or title-less name', () => {
  const hoxha = { id: 'h', name: 'Enver Hoxha', kind: 'person', country: 'ALB', aliases: ['comrade Enver Hoxha'] };
  assert.ok(actorMatches({ name: 'Hoxha' }, hoxha));
  assert.ok(actorMatches({ name: 'Comrade Enver Hoxha' }, hoxha));
  assert.ok(actorMatches({ name: 'Énver Hoxha' }, hoxha));
  assert.ok(!actorMatches({ name: 'Mehmet Shehu' }, hoxha));
  assert.ok(!actorMatches(null, hoxha));
  assert.ok(actorMatches(null, null));
  assert.ok(!actorMatches({ name: '' }, hoxha));
});

/** A gold document and predictions whose scores are worked out by hand below. */
function handFixture(dir: string): { goldDir: string; pred: string } {
  const goldDir = join(dir, 'gold');
  mkdirSync(goldDir);
  const gold = {
    doc: 'x.txt',
    document_date: null,
    entities: [
      { id: 'alb', name: 'Albania', kind: 'state', country: 'ALB', aliases: ['Albania', 'Tirana'] },
      { id: 'hoxha', name: 'Enver Hoxha', kind: 'person', country: 'ALB', aliases: ['Hoxha'] },
      { id: 'chn', name: 'China', kind: 'state', country: 'CHN', aliases: ['China'] },
      { id: 'sun', name: 'Soviet Union', kind: 'state', country: 'SUN', aliases: ['Moscow'] },
      { id: 'yug', name: 'Yugoslavia', kind: 'state', country: 'YUG', aliases: ['Belgrade'] },
      { id: 'ita', name: 'Italy', kind: 'state', country: 'ITA', aliases: [] },
    ],
    events: [
      { id: 'g1', evidence: 'Hoxha visited China in 1956.', source: 'hoxha', target: 'chn', code: '042', date: '1956-09' },
      { id: 'g2', evidence: 'Tirana denounced Moscow in 1961.', source: 'alb', target: 'sun', code: '111', date: '1961' },
      { id: 'g3', evidence: 'China sent aid to Albania.', source: 'chn', target: 'alb', code: '071', date: null },
      { id: 'g4', evidence: 'Albania broke with Yugoslavia in 1948.', source: 'alb', target: 'yug', code: '161', date: '1948' },
    ],
  };
  writeFileSync(join(goldDir, 'x.json'), JSON.stringify(gold));
  const a = (name: string, country: string) => ({ name, country });
  const line = (o: unknown) => JSON.stringify(o);
  const lines = [
    line({ doc: 'x.txt', source: a('Enver Hoxha', 'ALB'), target: a('China', 'CHN'), code: '042', date: '1956-09', evidence: { text: 'Hoxha visited China in 1956.' } }),
    line({ doc: 'x.txt', source: a('Enver Hoxha', 'ALB'), target: a('China', 'CHN'), code: '042', date: '1956-09', evidence: { text: 'Mao welcomed him warmly.' } }),
    line({ doc: 'x.txt', source: a('Albania', 'ALB'), target: a('Soviet Union', 'SUN'), code: '112', date: '1961-03', evidence: { text: 'Tirana denounced Moscow in 1961.' } }),
    line({ doc: 'x.txt', source: a('China', 'CHN'), target: a('Albania', 'ALB'), code: '073', date: '1960', evidence: { text: 'China sent aid to Albania.' } }),
    line({ doc: 'x.txt', source: a('Albania', 'ALB'), target: a('China', 'CHN'), code: '051', date: '1970', evidence: { text: 'Something else entirely happened here.' } }),
    'not json',
    line({ doc: 'x.txt', source: null }),
    line({ doc: 'other.txt', code: '01', evidence: { text: 'x' } }),
    line({ doc: 'x.txt', source: a('Albania', 'ALB'), target: a('Yugoslavia', 'YUG'), code: '111', date: '1948', evidence: { text: 'Albania broke with Yugoslavia in 1948.' } }),
  ];
  const pred = join(dir, 'pred.jsonl');
  writeFileSync(pred, lines.join('\n') + '\n');
  return { goldDir, pred };
}

test('scores a hand-worked example: matching, redundancy, dates, entities, roots, confusions, actor linking', (t) => {
  const { goldDir, pred } = handFixture(tempDir(t));
  const r = scoreEvents(loadGold(goldDir), parsePredictionLines(readFileSync(pred, 'utf8')));
  assert.deepEqual([r.summary.L1.tp, r.summary.L1.fp, r.summary.L1.fn, r.summary.L1.redundant], [3, 2, 1, 1]);
  assert.deepEqual([r.summary.L2.tp, r.summary.L2.fp, r.summary.L2.fn, r.summary.L2.redundant], [1, 4, 3, 1]);
  assert.equal(r.summary.L1.p, 0.6);
  assert.equal(r.summary.L1.r, 0.75);
  assert.deepEqual(r.summary.dates, { matched_dated: 2, right: 2, wrong: 0, accuracy: 1 });
  assert.deepEqual(r.summary.entities, { gold: 5, found: 5, coverage: 1 });
  assert.equal(r.unparsed_lines, 2);
  assert.deepEqual(r.docs_without_gold, ['other']);
  assert.deepEqual(
    r.roots.map((x) => [x.root, x.gold, x.pred, x.matched, x.redundant, x.p]),
    [
      ['04', 1, 2, 1, 1, 1],
      ['05', 0, 1, 0, 0, 0],
      ['07', 1, 1, 1, 0, 1],
      ['11', 1, 2, 1, 0, 0.5],
      ['16', 1, 0, 0, 0, 0],
    ],
  );
  assert.deepEqual(r.confusions, [{ gold: '16', pred: '11', count: 1 }]);
  assert.deepEqual(r.actorLinking, { pairs: 3, source: 3, target: 3, both: 3 });
  assert.equal(summaryLine(r), 'L1 P=0.600 R=0.750 F1=0.667 | L2 P=0.200 R=0.250 F1=0.222');
  assert.equal(formatReport(r).trimEnd().split('\n').at(-1), summaryLine(r));
});

/** Predictions made by perturbing gold events: right, half-right, wrong, repeated, malformed. */
function perturbedPredictions(goldDir: string, seed: number): string {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const lines: string[] = [];
  for (const f of readdirSync(goldDir).filter((x) => x.endsWith('.json')).sort()) {
    const g = JSON.parse(readFileSync(join(goldDir, f), 'utf8'));
    const ents = new Map<string, { name: string; country: string | null; aliases: string[] }>(g.entities.map((e: { id: string }) => [e.id, e]));
    const actor = (id: string | null) => {
      const e = id ? ents.get(id) : undefined;
      if (!e || r() < 0.08) return r() < 0.5 ? null : { name: pick(['Somebody', 'the Party', 'Zeus']), country: pick(['ALB', 'XYZ', null]) };
      const name = r() < 0.7 ? pick([e.name, ...e.aliases]) : pick([e.name.split(' ').at(-1)!, `the ${e.name}`, e.name.toUpperCase()]);
      return { id, name, kind: 'state', country: r() < 0.9 ? e.country : pick(['ALB', 'CHN', 'usa', null]) };
    };
    const evidences: string[] = g.events.map((e: { evidence: string }) => e.evidence);
    for (const e of g.events) {
      if (r() < 0.15) continue;
      const copies = r() < 0.15 ? 2 : 1;
      for (let c = 0; c < copies; c++) {
        const code = String(e.code);
        const words = e.evidence.split(' ');
        lines.push(
          JSON.stringify({
            doc: r() < 0.95 ? g.doc : 'elsewhere.txt',
            source: actor(e.source),
            target: actor(e.target),
            code: r() < 0.7 ? code : r() < 0.5 ? code.slice(0, 2) + pick(['0', '1', '2', '3', '4']) : pick(['010', '042', '111', '190', '057', '0233']),
            date: r() < 0.6 ? e.date : pick([null, '1972', '1976-10', '1976-21', '1975-12-02/1978-07', '197X', '1977~', '19XX', '../1990', '1980-05-05']),
            claimant: null,
            modality: 'asserted',
            evidence: {
              text:
                r() < 0.6
                  ? e.evidence
                  : r() < 0.5
                    ? words.slice(0, Math.max(1, Math.floor(words.length * (0.3 + r() * 0.6)))).join(' ')
                    : pick(evidences),
            },
            confidence: r(),
          }),
        );
      }
    }
    if (r() < 0.5) lines.push('{"doc": "broken"');
    lines.push(JSON.stringify({ doc: g.doc, code: '042', date: 'sometime', evidence: { text: 'x' } }));
  }
  return lines.join('\n') + '\n';
}

test('the same numbers as the reference scorer on the development gold', { ...needsShared(devGoldDir, scorer), ...(hasPython() ? {} : { skip: 'needs python3' }) }, (t) => {
  const dir = tempDir(t);
  const fixtures: Array<{ goldDir: string; pred: string; seed?: number }> = [
    handFixture(dir),
    ...[1, 2, 3, 4, 5].map((seed) => ({ goldDir: devGoldDir, pred: join(dir, `p${seed}.jsonl`), seed })),
  ];
  const seen = { tp: 0, redundant: 0, dated: 0 };
  for (const f of fixtures) {
    if (f.seed !== undefined) writeFileSync(f.pred, perturbedPredictions(devGoldDir, f.seed));
    // --json prints the JSON, then the summary line
    const refJson = execFileSync(scorer, ['--gold', f.goldDir, '--pred', f.pred, '--json'], { encoding: 'utf8' }).trimEnd();
    const ref = JSON.parse(refJson.slice(0, refJson.lastIndexOf('\n')));
    const refText = execFileSync(scorer, ['--gold', f.goldDir, '--pred', f.pred], { encoding: 'utf8' }).trimEnd().split('\n');
    const ours = scoreEvents(loadGold(f.goldDir), parsePredictionLines(readFileSync(f.pred, 'utf8')));
    assert.deepEqual(ours.docs, ref.docs, f.pred);
    assert.deepEqual(ours.summary, ref.summary, f.pred);
    assert.equal(ours.unparsed_lines, ref.unparsed_lines);
    assert.deepEqual(ours.docs_without_gold, ref.docs_without_gold);
    const text = formatReport(ours).trimEnd().split('\n');
    assert.deepEqual(text.slice(0, refText.length - 1), refText.slice(0, -1), 'table and summary lines as printed by the reference');
    assert.equal(text.at(-1), refText.at(-1));
    seen.tp += ours.summary.L1.tp + ours.summary.L2.tp;
    seen.redundant += ours.summary.L1.redundant + ours.summary.L2.redundant;
    seen.dated += ours.summary.dates.right + ours.summary.dates.wrong;
  }
  // the perturbations exercise matching, redundancy and date checks
  assert.ok(seen.tp > 100 && seen.redundant > 5 && seen.dated > 50, JSON.stringify(seen));
});
