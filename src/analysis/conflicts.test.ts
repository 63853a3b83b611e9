import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findConflicts } from './conflicts.js';
import { mergeEvents, type MergeDecision } from './merge.js';
import { eventKey } from './event-key.js';
import { ev } from './testing.js';

function conflictsOf(events: ReturnType<typeof ev>[], decisions: MergeDecision[] = []) {
  const { merged } = mergeEvents(events, { decisions });
  return { merged, conflicts: findConflicts(merged) };
}

test('an envoy posted on one date in the text and on another in a cited report: a date conflict with both accounts', () => {
  const text = ev({
    doc: 'A', src: 'envoy', tgt: 'KHM', code: '054', date: '1975-12-02/1978-07', precision: 'interval',
    text: 'Petrit Dema served as ambassador in Phnom Penh from 2 December 1975 to July 1978.',
  });
  const note = ev({
    doc: 'A', src: 'ALB', tgt: 'KHM', code: '054', date: '1975-11-12', claimant: 'USA', modality: 'reported',
    text: 'Albanian chargé in Budapest assigned to Phnom Penh November 12, 1975.',
  });
  const { merged, conflicts } = conflictsOf([text, note]);
  assert.equal(merged.length, 2, 'different dates keep the two apart');
  assert.equal(conflicts.length, 1);
  const c = conflicts[0];
  assert.equal(c.kind, 'date');
  assert.equal(c.ruleId, 'conflicts.date.near-v1');
  assert.deepEqual(c.accounts.map((a) => a.value).sort(), ['1975-11-12', '1975-12-02/1978-07']);
  const asserted = c.accounts.flatMap((a) => a.evidence.map((e) => e.assertedBy)).sort();
  assert.deepEqual(asserted, ['United States', 'author']);
  assert.ok(c.accounts.every((a) => a.evidence[0].evidence.text.length > 0));
});

test('visits in different years by one account are recurrence, not conflict', () => {
  const events = ['1972', '1974', '1975'].map((y, i) => ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: y, at: 1000 * i }));
  assert.equal(conflictsOf(events).conflicts.length, 0);
  // nor are two meetings a month apart told by one account
  const m1 = ev({ doc: 'A', src: 'hoxha', tgt: 'sihanouk', code: '040', date: '1972-05-02' });
  const m2 = ev({ doc: 'A', src: 'hoxha', tgt: 'sihanouk', code: '040', date: '1972-06-10' });
  assert.equal(conflictsOf([m1, m2]).conflicts.length, 0);
});

test('a counted list of visit years and a visit described in a year the list omits', () => {
  const listText = 'Sihanouk made five visits, in 1972, 1974, 1975, 1978 and 1985.';
  const list = ['1972', '1974', '1975', '1978', '1985'].map((y) => ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: y, at: 50, text: listText }));
  const other = ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1973-06', at: 900, text: 'During his visit in June 1973, Sihanouk gave Hoxha two films.' });
  const outside = ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1990', at: 1200, text: 'He came back in 1990.' });
  const { merged, conflicts } = conflictsOf([...list, other, outside]);
  assert.equal(merged.length, 7);
  assert.equal(conflicts.length, 1, 'a date after the whole list is a later visit, not a contradiction');
  const c = conflicts[0];
  assert.equal(c.ruleId, 'conflicts.date.outside-list-v1');
  assert.equal(c.score, 0.8, 'the stated count matches the list');
  assert.equal(c.accounts[0].value, '1972, 1974, 1975, 1978, 1985');
  assert.equal(c.accounts[1].value, '1973-06');
  assert.equal(c.accounts[1].evidence[0].evidence.text, other.evidenceText);
});

test('cooperation and conflict on the same day from two documents: a conflict on the kind of event', () => {
  const praise = ev({ doc: 'A', src: 'ALB', tgt: 'YUG', code: '051', date: '1981-05-03' });
  const protest = ev({ doc: 'B', src: 'ALB', tgt: 'YUG', code: '111', date: '1981-05-03' });
  const { conflicts } = conflictsOf([praise, protest]);
  assert.equal(conflicts.length, 1);
  assert.equal(conflicts[0].kind, 'kind');
  assert.deepEqual(conflicts[0].accounts.map((a) => a.value).sort(), ['051', '111']);
  // a visit and an agreement on one day are two events, not a conflict
  const visit = ev({ doc: 'B', src: 'ALB', tgt: 'YUG', code: '042', date: '1981-05-03' });
  assert.equal(conflictsOf([praise, visit]).conflicts.length, 0);
});

test('it happened / it did not: a conflict on modality', () => {
  const did = ev({ doc: 'A', src: 'CHN', tgt: 'ALB', code: '070', date: '1978' });
  const didNot = ev({ doc: 'B', src: 'CHN', tgt: 'ALB', code: '070', date: '1978', modality: 'negated' });
  const { conflicts } = conflictsOf([did, didNot]);
  assert.equal(conflicts.length, 1);
  assert.equal(conflicts[0].kind, 'modality');
});

test('different documents naming different counterparts of one day-dated event: a possible actor conflict', () => {
  const a = ev({ doc: 'A', src: 'ALB', tgt: 'VNM', code: '057', date: '1977-06-06' });
  const b = ev({ doc: 'B', src: 'ALB', tgt: 'KHM', code: '057', date: '1977-06-06' });
  const { conflicts } = conflictsOf([a, b]);
  assert.equal(conflicts.length, 1);
  assert.equal(conflicts[0].kind, 'actor');
  assert.ok(conflicts[0].score < 0.5);
});

test('a user merge of disjoint dates shows the contradiction inside the merged event', () => {
  const a = ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1973-06' });
  const b = ev({ doc: 'B', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1974' });
  const { merged, conflicts } = conflictsOf([a, b], [{ kind: 'merge', a: eventKey(a), b: eventKey(b) }]);
  assert.equal(merged.length, 1);
  assert.equal(conflicts.length, 1);
  assert.equal(conflicts[0].ruleId, 'conflicts.date.within-merged-v1');
  assert.equal(conflicts[0].accounts.length, 2);
});

test('a list of dates of praise is not read as complete: no conflict with praise on another date', () => {
  const text = 'Tirana hailed Phnom Penh in 1972, 1974 and 1975.';
  const list = ['1972', '1974', '1975'].map((y) => ev({ doc: 'A', src: 'ALB', tgt: 'KHM', code: '051', date: y, at: 10, text }));
  const other = ev({ doc: 'A', src: 'ALB', tgt: 'KHM', code: '051', date: '1973-03-22', at: 500 });
  assert.equal(conflictsOf([...list, other]).conflicts.length, 0);
});

test('one sentence giving two dates to an event is not two accounts in conflict', () => {
  const text = 'Belgrade broke off relations with Washington on 25 March, the day after the strikes.';
  const a = ev({ doc: 'A', src: 'YUG', tgt: 'USA', code: '161', date: '1999-03-25', at: 40, text });
  const b = ev({ doc: 'A', src: 'YUG', tgt: 'USA', code: '161', date: '1999-03-26', at: 40, text });
  assert.equal(conflictsOf([a, b]).conflicts.length, 0);
});

test('a list told twice gives one conflict with both tellings as evidence', () => {
  const t1 = 'Sihanouk came to Albania in 1972, 1974 and 1975.';
  const t2 = 'He made three visits, in 1972, 1974 and 1975.';
  const list = (text: string, at: number) => ['1972', '1974', '1975'].map((y) => ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: y, at, text }));
  const other = ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1973-06', at: 900 });
  const { merged, conflicts } = conflictsOf([...list(t1, 10), ...list(t2, 300), other]);
  assert.equal(merged.length, 4);
  assert.equal(conflicts.length, 1);
  assert.deepEqual(conflicts[0].accounts[0].evidence.map((e) => e.evidence.text).sort(), [t2, t1].sort());
  assert.equal(conflicts[0].score, 0.8, 'one of the tellings states the count');
});
