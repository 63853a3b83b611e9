import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Annotations, CodedEvent, Document, Entity, EntityRef } from '../core/types.js';
import { edtfBounds } from '../analysis/bounds.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createSqliteCorrectionStore } from './corrections-sqlite.js';
import { conflicts, decideMerge, dyad, dyadChange, exportAnalysis, mergedEvents, ANALYSIS_FORMATS } from './analysis.js';
import { checkTimelineShape } from '../export/timeline.js';

const ALB: EntityRef = { id: 'state:ALB', name: 'Albania', kind: 'state', country: 'ALB' };
const KHM: EntityRef = { id: 'state:KHM', name: 'Cambodia', kind: 'state', country: 'KHM' };
const SIH: EntityRef = { id: 'person:norodom-sihanouk', name: 'Norodom Sihanouk', kind: 'person', country: 'KHM' };
const ENVOY: EntityRef = { id: 'person:petrit-dema', name: 'Petrit Dema', kind: 'person', country: 'ALB' };
const USA: EntityRef = { id: 'state:USA', name: 'United States', kind: 'state', country: 'USA' };
const ENTITIES: Entity[] = [ALB, KHM, SIH, ENVOY, USA].map((e) => ({ ...e, aliases: e === SIH ? ['Sihanouk', 'the Prince'] : [] }));

function makeDoc(name: string, published: string, text: string): Document {
  return {
    id: name.padEnd(64, '0'),
    uri: `corpus/${name}.txt`,
    name: `${name}.txt`,
    format: 'text',
    title: name,
    author: null,
    published,
    text,
    blocks: [{ kind: 'paragraph', span: { start: 0, end: text.length } }],
    notes: [],
  };
}

type Spec = [sentence: string, source: EntityRef, target: EntityRef, code: string, goldstein: number, quad: 1 | 2 | 3 | 4, date: string, extra?: Partial<CodedEvent>];

function coded(doc: Document, specs: Spec[], version = 'v1'): Annotations {
  const events = specs.map(([sentence, source, target, code, goldstein, quadClass, date, extra], i): CodedEvent => {
    const start = doc.text.indexOf(sentence);
    assert.ok(start >= 0, sentence);
    const span = { start, end: start + sentence.length };
    const b = edtfBounds(date);
    return {
      id: `${doc.name}-${i}-${code}-${date}-${version}`,
      docId: doc.id,
      evidence: span,
      evidenceText: sentence,
      sentence: span,
      source,
      target,
      sourceSpan: null,
      targetSpan: null,
      trigger: null,
      code,
      root: code.slice(0, 2),
      goldstein,
      quadClass,
      plover: null,
      date: { value: date, ...b, precision: date.includes('/') ? 'interval' : date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day', span: null, ruleId: 'dates.test-v1', confidence: 0.9 },
      claimant: null,
      modality: 'asserted',
      confidence: 0.8,
      ruleId: 'events.test-v1',
      reason: 'written for a test',
      extractor: version,
      ...extra,
    };
  });
  return { sentences: [], mentions: [], times: [], events };
}

const TEXT_A =
  'Sihanouk made three visits to Albania, in 1972, 1974 and 1975. His visit of 1974 was the warmest. ' +
  'During his visit in June 1973, the Prince brought films. Petrit Dema served as ambassador in Phnom Penh from 2 December 1975 to July 1978. ' +
  'Albania condemned the regime in Phnom Penh in 1979.';
const TEXT_B = 'In April 1974 Sihanouk was again in Tirana. The Albanian chargé was assigned to Phnom Penh on 12 November 1975.';

function docA(version = 'v1') {
  const doc = makeDoc('A', '1985', TEXT_A);
  const list = 'Sihanouk made three visits to Albania, in 1972, 1974 and 1975.';
  return {
    doc,
    ann: coded(
      doc,
      [
        [list, SIH, ALB, '042', 1.9, 1, '1972'],
        [list, SIH, ALB, '042', 1.9, 1, '1974'],
        [list, SIH, ALB, '042', 1.9, 1, '1975'],
        ['His visit of 1974 was the warmest.', SIH, ALB, '042', 1.9, 1, '1974'],
        ['During his visit in June 1973, the Prince brought films.', SIH, ALB, '042', 1.9, 1, '1973-06'],
        ['Petrit Dema served as ambassador in Phnom Penh from 2 December 1975 to July 1978.', ENVOY, KHM, '054', 3.4, 1, '1975-12-02/1978-07'],
        ['Albania condemned the regime in Phnom Penh in 1979.', ALB, KHM, '111', -2, 3, '1979'],
      ],
      version,
    ),
  };
}

function docB() {
  const doc = makeDoc('B', '1976', TEXT_B);
  return {
    doc,
    ann: coded(doc, [
      ['In April 1974 Sihanouk was again in Tirana.', SIH, ALB, '042', 1.9, 1, '1974-04'],
      ['The Albanian chargé was assigned to Phnom Penh on 12 November 1975.', ALB, KHM, '054', 3.4, 1, '1975-11-12', { claimant: USA, modality: 'reported' }],
    ]),
  };
}

async function withStore(fn: (s: Awaited<ReturnType<typeof openSqliteStore>>, file: string) => Promise<void>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'annals-analysis-'));
  const file = path.join(dir, 'a.db');
  const store = await openSqliteStore(file);
  try {
    for (const { doc, ann } of [docA(), docB()]) await store.saveDocument(doc, ann, ENTITIES);
    await fn(store, file);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('merged events, conflicts and "as known at" over a store', async () => {
  await withStore(async (store) => {
    const r = await mergedEvents(store, null);
    assert.equal(r.mentions, 9);
    assert.equal(r.merged.length, 7, 'the 1974 visit is told three times');
    const v1974 = r.merged.find((m) => m.date?.earliest === '1974-04-01')!;
    assert.equal(v1974.members.length, 3);
    assert.equal(v1974.documents, 2);

    const cs = await conflicts(store, null);
    const rules = cs.map((c) => c.ruleId).sort();
    assert.deepEqual(rules, ['conflicts.date.near-v1', 'conflicts.date.outside-list-v1']);
    const posting = cs.find((c) => c.ruleId === 'conflicts.date.near-v1')!;
    assert.deepEqual(posting.accounts.flatMap((a) => a.evidence.map((e) => `${e.docName}:${e.assertedBy}`)).sort(), ['A.txt:author', 'B.txt:United States']);

    // Known in 1980: only document B (published 1976) was out.
    const early = await mergedEvents(store, null, { knownAt: '1980' });
    assert.equal(early.mentions, 2);
    await assert.rejects(mergedEvents(store, null, { knownAt: 'soon' }), /not an EDTF date/);
  });
});

test('a dyad series by name or code, and what changed between two years', async () => {
  await withStore(async (store) => {
    const s = await dyad(store, null, { a: 'ALB', b: 'KHM' });
    assert.equal(s.granularity, 'year');
    const g = Object.fromEntries(s.points.map((p) => [p.period, p.goldstein]));
    assert.ok(g['1974'] > 0 && g['1979'] < 0);
    const byName = await dyad(store, null, { a: 'Sihanouk', b: 'Albania' });
    assert.equal(byName.total, 4, 'names resolve through aliases: four visits');
    const { change } = await dyadChange(store, null, { a: 'ALB', b: 'KHM', t1: '1975', t2: '1979' });
    assert.ok(change.added.some((x) => x.event.code === '111'));
    const mentions = await dyad(store, null, { a: 'ALB', b: 'KHM', unit: 'mentions' });
    assert.ok(mentions.points.find((p) => p.period === '1974')!.count > s.points.find((p) => p.period === '1974')!.count);
  });
});

test('every analysis export format is produced from the store and reads back', async () => {
  await withStore(async (store) => {
    for (const format of ANALYSIS_FORMATS) {
      const out = await exportAnalysis(store, null, { format, dyad: format === 'timeline' ? ['ALB', 'KHM'] : undefined });
      assert.ok(out.length > 50, format);
      if (format === 'merged-csv') assert.equal((parse(out, { columns: true }) as unknown[]).length, 7);
      if (format === 'merged-jsonl') assert.equal(out.trim().split('\n').length, 7);
      if (format === 'gdelt') assert.match(out, /corpus\/A\.txt/);
      if (format === 'timeline') assert.deepEqual(checkTimelineShape(JSON.parse(out)), []);
    }
    const period = await exportAnalysis(store, null, { format: 'merged-jsonl', from: '1979', to: '1979' });
    assert.equal(period.trim().split('\n').length, 1);
  });
});

test('merge and split decisions are stored and survive re-ingestion with new event ids', async () => {
  await withStore(async (store, file) => {
    const corrections = createSqliteCorrectionStore(file);
    try {
      const before = await mergedEvents(store, corrections);
      const june73 = before.merged.find((m) => m.date?.earliest.startsWith('1973'))!.members[0];
      const v1975 = before.merged.find((m) => m.code === '042' && m.date?.earliest.startsWith('1975'))!.members[0];
      const restated = before.merged.find((m) => m.members.length === 3)!.members.find((e) => e.evidenceText.startsWith('His visit'))!;
      await decideMerge(store, corrections, 'merge', [june73.id, v1975.id], 'the June 1973 visit is the one listed as 1975');
      await decideMerge(store, corrections, 'split', [restated.id]);
      await assert.rejects(decideMerge(store, corrections, 'merge', [june73.id]), /two or more/);
      await assert.rejects(decideMerge(store, corrections, 'split', ['no-such-event']), /no event/);

      const check = async () => {
        const r = await mergedEvents(store, corrections);
        const joined = r.merged.find((m) => m.members.some((e) => e.evidenceText.startsWith('During his visit')))!;
        assert.equal(joined.members.length, 2);
        assert.equal(joined.decided, true);
        const alone = r.merged.find((m) => m.members.some((e) => e.evidenceText.startsWith('His visit')))!;
        assert.equal(alone.members.length, 1);
        const cs = findRule(await conflicts(store, corrections), 'conflicts.date.within-merged-v1');
        assert.ok(cs, 'the user merge of disjoint dates shows as a conflict');
        return r;
      };
      await check();
      // Re-ingest document A, re-coded by a new extractor version: every event id changes.
      const { doc, ann } = docA('v2');
      await (store as unknown as { saveDocument: (d: Document, a: Annotations, e: Entity[], o: { replace: boolean }) => Promise<unknown> }).saveDocument(doc, ann, ENTITIES, { replace: true });
      const after = await check();
      assert.ok(after.merged.flatMap((m) => m.members).every((e) => e.docName !== 'A.txt' || e.id.endsWith('-v2')));
    } finally {
      corrections.close();
    }
  });
});

function findRule<T extends { ruleId: string }>(list: T[], rule: string): T | undefined {
  return list.find((x) => x.ruleId === rule);
}
