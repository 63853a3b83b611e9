import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyCorrections, anchorOf, createMemoryCorrectionStore, mergeDecisions, parseCorrection, visibleEvents } from './corrections.js';
import { createSqliteCorrectionStore } from './corrections-sqlite.js';
import { exportableEvents, queryEvents } from './corrections-query.js';
import { fixtureDocuments, ENTITIES } from './corrections-fixture.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { CodedEvent } from '../core/types.js';

const events = () => fixtureDocuments().flatMap((d) => d.ann.events);
const entities = new Map(ENTITIES.map((e) => [e.id, { id: e.id, name: e.name, kind: e.kind, country: e.country }]));
const find = (id: string) => async (x: string) => events().find((e) => e.id === x) ?? (x === id ? null : null);

test('a rejection marks the event and visibleEvents drops it', async () => {
  const store = createMemoryCorrectionStore();
  await store.addCorrection(await parseCorrection({ kind: 'reject', event: 'ev-praise' }, find('')));
  const { events: out, orphaned } = applyCorrections(events(), await store.listCorrections(), { entities });
  assert.equal(orphaned.length, 0);
  assert.equal(out.find((e) => e.id === 'ev-praise')!.correction!.status, 'rejected');
  assert.equal(visibleEvents(out).length, 3);
});

test('a correction finds its event again after re-coding changed the id', async () => {
  const store = createMemoryCorrectionStore();
  await store.addCorrection(await parseCorrection({ kind: 'edit', event: 'ev-criticise', edit: { source: 'state:CHN' } }, find('')));
  // Re-coding: same evidence, new id and a refined code of the same root.
  const recoded = events().map((e): CodedEvent => (e.id === 'ev-criticise' ? { ...e, id: 'ev-criticise-v2', code: '112' } : e));
  const { events: out, orphaned } = applyCorrections(recoded, await store.listCorrections(), { entities });
  assert.equal(orphaned.length, 0);
  const e = out.find((x) => x.id === 'ev-criticise-v2')!;
  assert.equal(e.source!.id, 'state:CHN');
  assert.equal(e.correction!.reanchored, true);
  assert.equal(e.correction!.original.source!.id, 'state:KHM');
});

test('a correction whose evidence is gone is orphaned, never applied elsewhere', async () => {
  const list = [{ id: 'c1', kind: 'reject' as const, anchor: { ...anchorOf(events()[0]), eventId: 'gone', evidenceStart: 1, evidenceEnd: 5 }, payload: { kind: 'reject' as const }, note: null, author: null, createdAt: '2026-01-01T00:00:00Z' }];
  const { events: out, orphaned } = applyCorrections(events(), list, { entities });
  assert.equal(orphaned.length, 1);
  assert.ok(out.every((e) => e.correction === null));
});

test('split-actor replaces the actor in the listed events only', async () => {
  const c = await parseCorrection(
    { kind: 'split-actor', actor: 'state:ALB', as: { id: 'group:alb-party', name: 'Party of Labour', kind: 'group', country: 'ALB' }, events: ['ev-recognise'] },
    find(''),
  );
  const store = createMemoryCorrectionStore();
  await store.addCorrection(c);
  const { events: out } = applyCorrections(events(), await store.listCorrections(), { entities });
  assert.equal(out.find((e) => e.id === 'ev-recognise')!.source!.id, 'group:alb-party');
  assert.equal(out.find((e) => e.id === 'ev-praise')!.source!.id, 'state:ALB');
});

test('merge and split decisions become merge decisions with event keys', async () => {
  const store = createMemoryCorrectionStore();
  await store.addCorrection(await parseCorrection({ kind: 'merge-events', events: ['ev-recognise', 'ev-praise'] }, find('')));
  await store.addCorrection(await parseCorrection({ kind: 'split-event', event: 'ev-visit' }, find('')));
  const d = mergeDecisions(await store.listCorrections());
  assert.equal(d.length, 2);
  assert.equal(d[0].kind, 'merge');
  assert.equal(d[0].a.id, 'ev-recognise');
  assert.equal(d[0].b!.id, 'ev-praise');
  assert.ok(d[0].a.fingerprint.length > 0);
  assert.deepEqual([d[1].kind, d[1].a.id, d[1].b], ['split', 'ev-visit', null]);
});

test('SQLite: corrections survive re-ingestion and shape the export', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'annals-corr-'));
  try {
    const file = path.join(dir, 'store.db');
    const store = await openSqliteStore(file);
    const docs = fixtureDocuments();
    for (const { doc, ann } of docs) await store.saveDocument(doc, ann, ENTITIES);
    const corrections = createSqliteCorrectionStore(file);
    const praise = (await store.events({})).find((e) => e.evidenceText.startsWith('Albania praised'))!;
    await corrections.addCorrection(await parseCorrection({ kind: 'reject', event: praise.id, note: 'misread' }, (id) => store.getEvent(id)));
    assert.equal((await exportableEvents(store, corrections)).length, 3);
    // Re-ingest the same document (replace): the correction still applies.
    await store.saveDocument(docs[0].doc, docs[0].ann, ENTITIES, { replace: true });
    const after = await exportableEvents(store, corrections);
    assert.equal(after.length, 3);
    assert.ok(!after.some((e) => e.evidenceText.startsWith('Albania praised')));
    const listed = await corrections.listCorrections();
    assert.equal(listed[0].note, 'misread');
    assert.equal(listed[0].anchor!.docId, docs[0].doc.id);
    assert.equal(await corrections.removeCorrection(listed[0].id), true);
    assert.equal((await exportableEvents(store, corrections)).length, 4);
    corrections.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SQLite: pages from the store agree with reading every event, corrections included', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'annals-page-'));
  try {
    const file = path.join(dir, 'store.db');
    const store = await openSqliteStore(file);
    for (const { doc, ann } of fixtureDocuments()) await store.saveDocument(doc, ann, ENTITIES);
    // A third document with an undated event, so date order has to place it.
    const [first] = fixtureDocuments();
    const undatedDoc = { ...first.doc, id: 'd3'.padEnd(64, '0'), name: 'undated.txt', uri: 'undated.txt' };
    const undated = { ...first.ann, events: [{ ...first.ann.events[1], id: 'ev-undated', docId: undatedDoc.id, date: null }] };
    await store.saveDocument(undatedDoc, undated, ENTITIES);
    assert.ok(store.countEvents, 'the SQLite store counts events');
    const slow = Object.create(store) as typeof store;
    (slow as { countEvents?: unknown }).countEvents = undefined;
    const corrections = createMemoryCorrectionStore();
    const all = await store.events({});
    const byText = (t: string) => all.find((e) => e.evidenceText.startsWith(t))!.id;
    const queries = [
      { filter: {} },
      { filter: {}, dir: 'desc' as const, limit: 2 },
      { filter: {}, limit: 2, offset: 1 },
      { filter: { dyad: ['ALB', 'KHM'] as [string, string] }, sort: 'code' as const },
      { filter: { code: '11' } },
      { filter: { from: '1972', to: '1976' }, include: 'all' as const },
    ];
    const compare = async (label: string) => {
      for (const q of queries) {
        const a = await queryEvents(store, corrections, q);
        const b = await queryEvents(slow, corrections, q);
        assert.equal(a.total, b.total, `${label} total ${JSON.stringify(q)}`);
        assert.deepEqual(a.events.map((e) => [e.id, e.code, e.correction?.status ?? null]), b.events.map((e) => [e.id, e.code, e.correction?.status ?? null]), `${label} ${JSON.stringify(q)}`);
        assert.deepEqual(a.counts, b.counts, `${label} counts ${JSON.stringify(q)}`);
      }
    };
    await compare('no corrections');
    await corrections.addCorrection(await parseCorrection({ kind: 'reject', event: byText('Albania praised') }, (id) => store.getEvent(id)));
    await corrections.addCorrection(await parseCorrection({ kind: 'edit', event: byText('Cambodia criticised'), edit: { code: '042', date: '1973' } }, (id) => store.getEvent(id)));
    await corrections.addCorrection(await parseCorrection({ kind: 'accept', event: byText('China visited') }, (id) => store.getEvent(id)));
    await compare('with corrections');
    const page = await queryEvents(store, corrections, { filter: { code: '04' } });
    assert.deepEqual(page.events.map((e) => e.evidenceText.slice(0, 12)).sort(), ['Cambodia cri', 'China visite']);
    const desc = await queryEvents(store, corrections, { filter: {}, dir: 'desc' });
    assert.equal(desc.events[0].id, 'ev-undated', 'undated first when descending (the reverse of ascending)');
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a correction about an event outside the events given never moves to a neighbour with the same evidence', async () => {
  const [a] = events();
  const twin: CodedEvent = { ...a, id: 'ev-twin', source: a.target, target: a.source };
  const store = createMemoryCorrectionStore();
  await store.addCorrection(await parseCorrection({ kind: 'reject', event: a.id }, async (id) => (id === a.id ? a : null)));
  const list = await store.listCorrections();
  // Only the twin is read (a filter left the rejected event out); the rejected one still exists.
  const partial = applyCorrections([twin], list, { entities, existing: new Set([a.id]) });
  assert.equal(partial.events[0].correction, null);
  assert.equal(partial.orphaned.length, 0);
  // Both read: the rejection stays on its own event.
  const both = applyCorrections([a, twin], list, { entities });
  assert.equal(both.events.find((e) => e.id === a.id)!.correction!.status, 'rejected');
  assert.equal(both.events.find((e) => e.id === 'ev-twin')!.correction, null);
});

test('after re-coding, a correction goes back to the event with its dyad among several on the same evidence', async () => {
  const [a] = events();
  const twin: CodedEvent = { ...a, id: 'ev-twin', source: a.target, target: a.source };
  const store = createMemoryCorrectionStore();
  await store.addCorrection(await parseCorrection({ kind: 'reject', event: a.id }, async (id) => (id === a.id ? a : null)));
  // Re-coding gave both events new ids and a's a new code of another root.
  const recoded = [{ ...a, id: 'ev-new', code: '0431', root: '04' }, { ...twin, id: 'ev-twin-new' }];
  const { events: out, orphaned } = applyCorrections(recoded, await store.listCorrections(), { entities });
  assert.equal(orphaned.length, 0);
  assert.equal(out.find((e) => e.id === 'ev-new')!.correction!.status, 'rejected');
  assert.equal(out.find((e) => e.id === 'ev-twin-new')!.correction, null);
});
