import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Annotations, Document, Entity } from '../core/types.js';
import { ENTITIES, docA, docB } from './analysis-fixture.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createSqliteCorrectionStore } from './corrections-sqlite.js';
import { conflicts, decideMerge, dyad, dyadChange, exportAnalysis, mergedEvents, ANALYSIS_FORMATS } from './analysis.js';
import { checkTimelineShape } from '../export/timeline.js';

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
