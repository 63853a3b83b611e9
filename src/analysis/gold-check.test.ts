import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAgainstGold, checkGoldMerges, goldAsEvents, type GoldDoc } from './gold-check.js';
import { mergeEvents } from './merge.js';
import { eventKey } from './event-key.js';
import { findConflicts } from './conflicts.js';

const TEXT =
  'The Prince made four visits, in 1970, 1972, 1975 and 1977. His 1972 visit was long. ' +
  'During his visit in May 1973 he met Hoxha. The envoy took up his post on 3 March 1976.[1]\n[1] A cable dates it 20 February 1976.';
const GOLD: GoldDoc = {
  doc: 'T.txt',
  entities: [
    { id: 'prince', name: 'The Prince', kind: 'person', country: 'KHM', aliases: ['The Prince'] },
    { id: 'alb', name: 'Albania', kind: 'state', country: 'ALB', aliases: [] },
    { id: 'hoxha', name: 'Hoxha', kind: 'person', country: 'ALB', aliases: [] },
    { id: 'envoy', name: 'the envoy', kind: 'person', country: 'ALB', aliases: [] },
    { id: 'khm', name: 'Cambodia', kind: 'state', country: 'KHM', aliases: [] },
    { id: 'usa', name: 'United States', kind: 'state', country: 'USA', aliases: [] },
  ],
  events: [
    ...['1970', '1972', '1975', '1977'].map((d, i) => ({ id: `v${i}`, evidence: 'The Prince made four visits, in 1970, 1972, 1975 and 1977.', source: 'prince', target: 'alb', code: '042', date: d })),
    { id: 'v1b', evidence: 'His 1972 visit was long.', source: 'prince', target: 'alb', code: '042', date: '1972' },
    { id: 'v5', evidence: 'During his visit in May 1973 he met Hoxha.', source: 'prince', target: 'alb', code: '042', date: '1973-05' },
    { id: 'm5', evidence: 'During his visit in May 1973 he met Hoxha.', source: 'prince', target: 'hoxha', code: '040', date: '1973-05' },
    { id: 'p1', evidence: 'The envoy took up his post on 3 March 1976.', source: 'envoy', target: 'khm', code: '054', date: '1976-03-03' },
    { id: 'p2', evidence: 'A cable dates it 20 February 1976.', source: 'alb', target: 'khm', code: '054', date: '1976-02-20', claimant: 'usa' } as GoldDoc['events'][number],
  ],
};

test('gold events run through the merging rules: restatements join, recurring visits do not, and the conflicts show', () => {
  const events = goldAsEvents(GOLD, TEXT, 'T.txt');
  assert.equal(events.length, 9);
  const { merged } = mergeEvents(events);
  const check = checkGoldMerges(merged);
  assert.equal(check.violations.length, 0);
  assert.equal(check.joins, 1, 'only the restated 1972 visit joins');
  assert.deepEqual(check.soft[0].members.map((m) => m.eventId).sort(), ['T#v1', 'T#v1b']);
  const rules = findConflicts(merged).map((c) => c.ruleId).sort();
  assert.deepEqual(rules, ['conflicts.date.near-v1', 'conflicts.date.outside-list-v1']);
});

test('a merged event joining two different gold events is reported as a violation', () => {
  const events = goldAsEvents(GOLD, TEXT, 'T.txt');
  const v0 = events.find((e) => e.id === 'T#v0')!;
  const v2 = events.find((e) => e.id === 'T#v2')!;
  const { merged } = mergeEvents(events, { decisions: [{ kind: 'merge', a: eventKey(v0), b: eventKey(v2) }] });
  assert.equal(checkGoldMerges(merged).violations.length, 1);
  // the same merge seen from predicted events matched to gold by evidence, dyad countries, root and date
  const docs = new Map([['T.txt', { text: TEXT, gold: GOLD }]]);
  const predicted = mergeEvents(events.map((e) => ({ ...e, id: 'p-' + e.id })), {
    decisions: [{ kind: 'merge', a: { id: 'p-' + v0.id, fingerprint: '' }, b: { id: 'p-' + v2.id, fingerprint: '' } }],
  }).merged;
  const r = checkAgainstGold(predicted, docs);
  assert.equal(r.violations.length, 1);
  assert.match(r.violations[0].reason, /T#v0 vs T#v2/);
  assert.equal(r.soft.length, 1, 'the restated 1972 visit matches two alike gold events');
});
