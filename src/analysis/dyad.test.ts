import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';
import { dyadSeries, explainChange, itemFromMerged, itemsFromEvents, matchesActor, spread } from './dyad.js';
import { mergeEvents } from './merge.js';
import { sparkline, signLine } from './sparkline.js';
import { seriesToSvg } from './svg-chart.js';
import { knownAt, publishedBy } from './known-at.js';
import { ACTORS, ev } from './testing.js';

// A relation that warms, peaks, cools and breaks, told by two documents.
function story() {
  return [
    ev({ doc: 'A', src: 'ALB', tgt: 'KHM', code: '051', date: '1970' }),
    ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1972' }),
    ev({ doc: 'A', src: 'ALB', tgt: 'KHM', code: '070', date: '1974' }),
    ev({ doc: 'B', src: 'ALB', tgt: 'KHM', code: '070', date: '1974-05' }), // restates the 1974 aid
    ev({ doc: 'A', src: 'KHM', tgt: 'ALB', code: '042', date: '1975-06' }),
    ev({ doc: 'A', src: 'ALB', tgt: 'KHM', code: '054', date: '1975-12-02' }),
    ev({ doc: 'A', src: 'KHM', tgt: 'ALB', code: '161', date: '1977' }),
    ev({ doc: 'A', src: 'ALB', tgt: 'KHM', code: '111', date: '1979-02-21' }),
    ev({ doc: 'A', src: 'ALB', tgt: 'KHM', code: '051', date: '197X' }), // spread over the decade
    ev({ doc: 'A', src: 'ALB', tgt: 'CHN', code: '111', date: '1977' }), // another dyad
    ev({ doc: 'A', src: 'ALB', tgt: 'KHM', code: '051', date: null }),
  ];
}

test('actors match by country code, entity id or name', () => {
  assert.ok(matchesActor(ACTORS.sihanouk, 'KHM'));
  assert.ok(matchesActor(ACTORS.sihanouk, 'person:norodom-sihanouk'));
  assert.ok(matchesActor(ACTORS.sihanouk, 'norodom sihanouk'));
  assert.ok(!matchesActor(ACTORS.sihanouk, 'ALB'));
  assert.ok(!matchesActor(null, 'ALB'));
});

test('an imprecise date is spread over the periods it covers, weights summing to 1', () => {
  const periods = [1970, 1971, 1972].map((y, i) => ({ key: String(y), start: i * 365, end: i * 365 + 364 }));
  const w = spread([300, 800], periods);
  assert.equal(w.length, 3);
  assert.ok(Math.abs(w.reduce((s, x) => s + x.weight, 0) - 1) < 1e-9);
});

test('the series of a dyad counts merged events once, spreads vague dates and links every point to its evidence', () => {
  const { merged } = mergeEvents(story());
  const s = dyadSeries(merged.map(itemFromMerged), 'ALB', 'KHM');
  assert.equal(s.granularity, 'year');
  assert.deepEqual(s.points.map((p) => p.period), ['1970', '1971', '1972', '1973', '1974', '1975', '1976', '1977', '1978', '1979']);
  assert.equal(s.undated.length, 1);
  const y1974 = s.points.find((p) => p.period === '1974')!;
  // the aid told twice counts once (7) plus a tenth of the 1970s praise (3.5 / 10)
  assert.ok(Math.abs(y1974.goldstein - 7.35) < 0.001, String(y1974.goldstein));
  assert.equal(y1974.quad[1], 1);
  const aid = y1974.events.find((e) => e.code === '070')!;
  assert.equal(aid.evidence.length, 2, 'both mentions of the aid are behind the point');
  const total = s.points.reduce((t, p) => t + p.count, 0);
  assert.ok(Math.abs(total - 8) < 1e-2, `each of the 8 dated merged events weighs 1 in total (got ${total})`);
  // shape: up to 1975, down in 1977, conflict by 1979
  const g = Object.fromEntries(s.points.map((p) => [p.period, p.goldstein]));
  assert.ok(g['1975'] > g['1973'] && g['1977'] < g['1975'] && g['1979'] < 0);
  const breaks = s.changePoints.filter((c) => c.kind === 'break');
  assert.deepEqual(breaks.map((c) => c.period), ['1977', '1979'], 'each turn to conflict is a change point');
  const breakPoint = breaks[0];
  assert.equal(breakPoint.drivers[0].event.code, '161', 'the break of relations drives the 1977 turn');
  assert.equal(breakPoint.drivers[0].event.evidence[0].text.length > 0, true);
  // mention-level series counts the restatement twice
  const raw = dyadSeries(itemsFromEvents(story()), 'ALB', 'KHM');
  assert.ok(Math.abs(raw.points.find((p) => p.period === '1974')!.goldstein - 14.35) < 0.001);
});

test('a directed series keeps only a → b; a short, precise series is monthly', () => {
  const { merged } = mergeEvents(story());
  const s = dyadSeries(merged.map(itemFromMerged), 'KHM', 'ALB', { directed: true });
  assert.ok(s.points.every((p) => p.events.every((e) => e.direction === 'ab')));
  const month = dyadSeries(
    itemsFromEvents([
      ev({ doc: 'A', src: 'CHN', tgt: 'VNM', code: '190', date: '1979-02-17' }),
      ev({ doc: 'A', src: 'CHN', tgt: 'VNM', code: '040', date: '1979-04' }),
    ]),
    'CHN',
    'VNM',
  );
  assert.equal(month.granularity, 'month');
  assert.deepEqual(month.points.map((p) => p.period), ['1979-02', '1979-03', '1979-04']);
});

test('what changed between T1 and T2 lists the events that explain the difference', () => {
  const { merged } = mergeEvents(story());
  const s = dyadSeries(merged.map(itemFromMerged), 'ALB', 'KHM');
  const x = explainChange(s, '1975', '1979');
  assert.ok(x.delta.goldstein < 0);
  assert.ok(x.added.some((a) => a.event.code === '111' && a.change < 0));
  assert.ok(x.removed.some((r) => r.event.code === '054'));
  assert.ok(x.between.some((b) => b.code === '161'), 'the 1977 break of relations lies between');
  assert.throws(() => explainChange(s, '1960', '1979'), /no period 1960/);
  // years of a monthly series are taken whole
  const monthly = dyadSeries(merged.map(itemFromMerged), 'ALB', 'KHM', { granularity: 'month' });
  const y = explainChange(monthly, '1975', '1979');
  assert.equal(y.t1.period, '1975');
  assert.ok(Math.abs(y.t1.goldstein - s.points.find((p) => p.period === '1975')!.goldstein) < 0.001);
  assert.ok(y.between.some((b) => b.code === '161'));
});

test('sparkline keeps zero in place and marks the sign of each period', () => {
  assert.equal(sparkline([0, 4, 8, -8]), '▅▇█▁');
  assert.equal(signLine([1, 0, -2], [1, 0, 1]), '+·−');
  assert.equal(sparkline([]), '');
});

test('the SVG chart is well-formed XML with one bar per period and escaped text', () => {
  const { merged } = mergeEvents(story());
  const s = dyadSeries(merged.map(itemFromMerged), 'ALB', 'KHM');
  const svg = seriesToSvg(s, { title: 'Albania & Cambodia <1970–1979>' });
  const parser = new SaxesParser({ xmlns: true });
  let root = '';
  let rects = 0;
  parser.on('opentag', (t) => {
    if (!root) root = t.name;
    if (t.name === 'rect') rects++;
  });
  parser.on('error', (e) => assert.fail(e));
  parser.write(svg).close();
  assert.equal(root, 'svg');
  assert.ok(rects > s.points.length);
  assert.ok(svg.includes('Albania &amp; Cambodia &lt;1970–1979&gt;'));
});

test('as known at: only documents published by the date', () => {
  const events = story();
  const docs = [
    { id: 'doc-A', published: '1980-03' },
    { id: 'doc-B', published: '1976' },
  ];
  assert.equal(knownAt(events, docs, '1975-12-31').length, 0);
  assert.equal(knownAt(events, docs, '1976-06-30').length, 1, 'a document of "1976" may be out by June 1976');
  assert.equal(knownAt(events, docs, '1976-06-30', { strict: true }).length, 0, 'but it is not certainly out');
  assert.equal(knownAt(events, docs, '1976').length, 1);
  assert.equal(knownAt(events, docs, '1980-02').length, 1);
  assert.equal(knownAt(events, docs, '1980-12-31').length, events.length);
  assert.equal(publishedBy(null, '2000'), false);
  assert.equal(publishedBy(null, '2000', { includeUndated: true }), true);
  assert.throws(() => knownAt(events, docs, 'yesterday'), /not an EDTF date/);
});
