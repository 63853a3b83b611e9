import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeEvents, type MergedEvent } from './merge.js';
import { eventKey } from './event-key.js';
import { ev } from './testing.js';

function groupOf(merged: MergedEvent[], id: string): MergedEvent {
  const m = merged.find((x) => x.members.some((e) => e.id === id));
  assert.ok(m, `no merged event holds ${id}`);
  return m;
}

test('a restatement in the same document joins the event it restates', () => {
  const a = ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1972-06-20', text: 'Sihanouk arrived in Tirana on 20 June 1972.' });
  const b = ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1972', text: 'His 1972 visit to Albania was the first of many.' });
  const { merged } = mergeEvents([b, a]);
  assert.equal(merged.length, 1);
  assert.equal(merged[0].members.length, 2);
  assert.equal(merged[0].documents, 1);
  assert.equal(merged[0].date?.earliest, '1972-06-20');
  assert.equal(merged[0].ruleId, 'merge.same-event-v1');
  const dates = merged[0].disagreements.find((d) => d.field === 'date');
  assert.equal(dates?.contradictory, false, 'a year and a day inside it differ only in precision');
});

test('recurring visits in different years stay apart; another document corroborates one of them', () => {
  const list = ['1972', '1974', '1975'].map((y) =>
    ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: y, at: 10, text: 'He visited Albania in 1972, 1974 and 1975.' }),
  );
  const other = ev({ doc: 'B', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1974-04', text: 'In April 1974 the Prince was again in Tirana.' });
  const { merged } = mergeEvents([...list, other]);
  assert.equal(merged.length, 3);
  assert.deepEqual(merged.map((m) => m.date?.earliest.slice(0, 4)), ['1972', '1974', '1975']);
  const y74 = groupOf(merged, other.id);
  assert.equal(y74.members.length, 2);
  assert.equal(y74.documents, 2);
  assert.equal(y74.accounts.length, 2);
  assert.equal(y74.date?.earliest, '1974-04-01');
});

test('a vague date that fits two events stays apart and lists both as candidates', () => {
  const v1 = ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1972' });
  const v2 = ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1978' });
  const vague = ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: '197X' });
  const { merged } = mergeEvents([vague, v1, v2]);
  assert.equal(merged.length, 3, 'the 1970s must not chain 1972 and 1978 together');
  const m = groupOf(merged, vague.id);
  assert.equal(m.members.length, 1);
  assert.equal(m.candidates.length, 2);
});

test('within one document, different actors of the same country are different events; across documents a state stands for its people', () => {
  const host = ev({ doc: 'A', src: 'ALB', tgt: 'sihanouk', code: '043', date: '1972' });
  const dinner = ev({ doc: 'A', src: 'hoxha', tgt: 'sihanouk', code: '043', date: '1972-06-24' });
  assert.equal(mergeEvents([host, dinner]).merged.length, 2);
  const elsewhere = ev({ doc: 'B', src: 'ALB', tgt: 'sihanouk', code: '043', date: '1972-06' });
  const { merged } = mergeEvents([dinner, elsewhere]);
  assert.equal(merged.length, 1);
  assert.equal(merged[0].ruleId, 'merge.country-level-actor-v1');
  assert.ok(merged[0].score < 1);
  assert.equal(merged[0].source?.id, 'person:enver-hoxha', 'the most specific actor represents the group on ties');
  // two different people of one country are never the same actor
  const a = ev({ doc: 'A', src: 'envoy', tgt: 'sihanouk', code: '040', date: '1976' });
  const b = ev({ doc: 'B', src: 'hoxha', tgt: 'sihanouk', code: '040', date: '1976' });
  assert.equal(mergeEvents([a, b]).merged.length, 2);
});

test('codes: same code or a more specific form merge; other codes of one root do not within a document', () => {
  const talks = ev({ doc: 'A', src: 'hoxha', tgt: 'sihanouk', code: '040', date: '1972-06-24' });
  const dinner = ev({ doc: 'A', src: 'hoxha', tgt: 'sihanouk', code: '043', date: '1972-06-24' });
  assert.equal(mergeEvents([talks, dinner]).merged.length, 2);
  const visit = ev({ doc: 'A', src: 'samphan', tgt: 'ALB', code: '042', date: '1974' });
  const visit4 = ev({ doc: 'A', src: 'samphan', tgt: 'ALB', code: '0421', date: '1974' });
  const m = mergeEvents([visit, visit4]).merged;
  assert.equal(m.length, 1);
  assert.equal(m[0].ruleId, 'merge.code-specificity-v1');
  assert.equal(m[0].code, '0421', 'the most specific code represents the group on ties');
});

test('across documents, codes listed as compatible merge with their reason', () => {
  const a = ev({ doc: 'A', src: 'CHN', tgt: 'VNM', code: '046', date: '1978-03' });
  const b = ev({ doc: 'B', src: 'CHN', tgt: 'VNM', code: '040', date: '1978' });
  const { merged } = mergeEvents([a, b]);
  assert.equal(merged.length, 1);
  assert.equal(merged[0].ruleId, 'merge.code-compatible-v1');
  assert.match(merged[0].links[1].reasons.join(' '), /negotiations/);
  // but a praise and a criticism never merge
  const c = ev({ doc: 'B', src: 'CHN', tgt: 'VNM', code: '111', date: '1978-03' });
  assert.equal(mergeEvents([a, c]).merged.length, 2);
});

test('negated and hypothetical mentions are not merged with what happened', () => {
  const did = ev({ doc: 'A', src: 'ALB', tgt: 'KHM', code: '054', date: '1975' });
  const didNot = ev({ doc: 'B', src: 'ALB', tgt: 'KHM', code: '054', date: '1975', modality: 'negated' });
  const reported = ev({ doc: 'C', src: 'ALB', tgt: 'KHM', code: '054', date: '1975', modality: 'reported', claimant: 'USA' });
  const { merged } = mergeEvents([did, didNot, reported]);
  assert.equal(merged.length, 2);
  assert.equal(groupOf(merged, did.id).members.length, 2, 'asserted and reported accounts of one event merge');
  assert.equal(groupOf(merged, didNot.id).members.length, 1);
});

test('an undated mention is never joined to a dated event automatically: the candidates are listed for a reviewer', () => {
  const dated = ev({ doc: 'A', src: 'KHM', tgt: 'ALB', code: '161', date: '1977', at: 100, text: 'In 1977 Cambodia recalled its diplomats from Tirana.' });
  const today = ev({ doc: 'A', src: 'KHM', tgt: 'ALB', code: '161', date: null, at: 900, text: 'Cambodia has no diplomatic relations with Albania.' });
  let r = mergeEvents([today, dated]).merged;
  assert.equal(r.length, 2);
  assert.equal(groupOf(r, today.id).candidates.length, 1);
  // the same undated statement coded twice is one event
  const twice = { ...today, id: today.id + ':again', evidence: { start: today.evidence.start, end: today.evidence.end - 5 } };
  r = mergeEvents([today, dated, twice]).merged;
  assert.equal(r.length, 2);
  assert.equal(groupOf(r, twice.id).ruleId, 'merge.same-statement-v1');
  // an undated mention in another document stays apart too
  const far = ev({ doc: 'B', src: 'KHM', tgt: 'ALB', code: '161', date: null });
  assert.equal(mergeEvents([far, dated]).merged.length, 2);
});

test('user decisions: split and merge are applied, keyed by content, and survive new event ids', () => {
  const a = ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1973-06', text: 'During his visit in June 1973 Sihanouk …' });
  const b = ev({ doc: 'B', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1973', text: 'Sihanouk came to Tirana in 1973.' });
  const c = ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1974', text: 'He visited again in 1974.' });
  assert.equal(mergeEvents([a, b, c]).merged.length, 2);

  const split = { kind: 'split' as const, a: eventKey(a), b: eventKey(b), at: '2026-01-01T00:00:00Z' };
  let r = mergeEvents([a, b, c], { decisions: [split] }).merged;
  assert.equal(r.length, 3);

  const merge = { kind: 'merge' as const, a: eventKey(a), b: eventKey(c), at: '2026-01-02T00:00:00Z' };
  r = mergeEvents([a, b, c], { decisions: [split, merge] }).merged;
  const joined = groupOf(r, a.id);
  assert.equal(joined.members.length, 2);
  assert.ok(joined.members.some((m) => m.id === c.id));
  assert.equal(joined.decided, true);
  assert.equal(joined.ruleId, 'merge.user-v1');
  const d = joined.disagreements.find((x) => x.field === 'date');
  assert.equal(d?.contradictory, true, 'a user merge of disjoint dates is shown as a contradiction');
  assert.equal(groupOf(r, b.id).members.length, 1, 'the split still holds');

  // Re-ingestion with a new coder version: ids change, the fingerprint stays.
  const recoded = [a, b, c].map((e) => ({ ...e, id: e.id + ':v2', extractor: 'v2' }));
  r = mergeEvents(recoded, { decisions: [split, merge] }).merged;
  assert.equal(groupOf(r, a.id + ':v2').members.length, 2);
  assert.equal(groupOf(r, b.id + ':v2').members.length, 1);
  // a later merge of the split pair overrides the split
  const undo = { kind: 'merge' as const, a: eventKey(a), b: eventKey(b), at: '2026-01-03T00:00:00Z' };
  r = mergeEvents([a, b, c], { decisions: [split, merge, undo] }).merged;
  assert.equal(r.length, 1);
});

test('detaching a member keeps it alone; unknown decisions are returned', () => {
  const a = ev({ doc: 'A', src: 'ALB', tgt: 'VNM', code: '057', date: '1977-06-06' });
  const b = ev({ doc: 'B', src: 'ALB', tgt: 'VNM', code: '057', date: '1977-06' });
  const ghost = ev({ doc: 'Z', src: 'ALB', tgt: 'VNM', code: '057', date: '1990' });
  const r = mergeEvents([a, b], {
    decisions: [
      { kind: 'split', a: eventKey(b), b: null },
      { kind: 'merge', a: eventKey(ghost), b: eventKey(a) },
    ],
  });
  assert.equal(r.merged.length, 2);
  assert.equal(r.unresolvedDecisions.length, 1);
  assert.equal(groupOf(r.merged, b.id).decided, true);
});

test('merging is deterministic whatever the input order', () => {
  const events = [
    ev({ doc: 'A', src: 'ALB', tgt: 'KHM', code: '051', date: '1973' }),
    ev({ doc: 'B', src: 'ALB', tgt: 'KHM', code: '051', date: '1973-03-22' }),
    ev({ doc: 'A', src: 'ALB', tgt: 'KHM', code: '051', date: '1975' }),
    ev({ doc: 'C', src: 'ALB', tgt: 'KHM', code: '051', date: '197X' }),
    ev({ doc: 'C', src: 'KHM', tgt: 'ALB', code: '042', date: '1976-10' }),
  ];
  const ids = mergeEvents(events).merged.map((m) => m.id);
  const ids2 = mergeEvents([...events].reverse()).merged.map((m) => m.id);
  assert.deepEqual(ids, ids2);
  assert.equal(ids.length, 4);
});

test('differently coded reports in two documents join only when their dates are about as precise', () => {
  const letter = ev({ doc: 'A', src: 'ALB', tgt: 'CHN', code: '112', date: '1978-07-29' });
  const year = ev({ doc: 'B', src: 'ALB', tgt: 'CHN', code: '111', date: '1978' });
  const r = mergeEvents([letter, year]).merged;
  assert.equal(r.length, 2, 'an accusation on a day and criticism some time that year are not known to be one event');
  assert.equal(groupOf(r, year.id).candidates.length, 1, 'but the reviewer is shown the candidate');
  const month = ev({ doc: 'B', src: 'ALB', tgt: 'CHN', code: '111', date: '1978-07' });
  assert.equal(mergeEvents([letter, month]).merged.length, 1);
});
