import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestPgStore, pgSkipReason, TEST_PG_URL } from '../store/postgres/testing.js';
import { openCorrectionStore } from './corrections-open.js';
import { parseCorrection } from './corrections.js';
import { exportableEvents, queryEvents } from './corrections-query.js';
import { fixtureDocuments, ENTITIES } from './corrections-fixture.js';

const skip = await pgSkipReason();

test('PostgreSQL: corrections are kept in the store, survive re-ingestion and shape the events', { skip }, async () => {
  const store = createTestPgStore();
  try {
    await store.migrate();
    const docs = fixtureDocuments();
    for (const { doc, ann } of docs) await store.saveDocument(doc, ann, ENTITIES);
    const url = `${TEST_PG_URL}${TEST_PG_URL.includes('?') ? '&' : '?'}schema=${store.schema}`;
    const corrections = await openCorrectionStore(url);
    try {
      const all = await store.events({});
      const praise = all.find((e) => e.evidenceText.startsWith('Albania praised'))!;
      const criticise = all.find((e) => e.evidenceText.startsWith('Cambodia criticised'))!;
      await corrections.addCorrection(await parseCorrection({ kind: 'reject', event: praise.id, note: 'misread' }, (id) => store.getEvent(id)));
      await corrections.addCorrection(await parseCorrection({ kind: 'edit', event: criticise.id, edit: { code: '173' } }, (id) => store.getEvent(id)));
      await store.saveDocument(docs[0].doc, docs[0].ann, ENTITIES, { replace: true });
      const kept = await exportableEvents(store, corrections);
      assert.equal(kept.length, 3);
      assert.ok(!kept.some((e) => e.id === praise.id));
      assert.equal(kept.find((e) => e.id === criticise.id)!.code, '173');
      // The store's own pages (countEvents, desc) agree with the corrections.
      const page = await queryEvents(store, corrections, { filter: {}, dir: 'desc', limit: 2 });
      assert.equal(page.total, 3);
      assert.equal(page.counts.byRoot['17'], 1);
      const listed = await corrections.listCorrections();
      assert.deepEqual(listed.map((c) => c.kind), ['reject', 'edit']);
      assert.equal(listed[0].note, 'misread');
      assert.equal(await corrections.removeCorrection(listed[0].id), true);
      assert.equal((await exportableEvents(store, corrections)).length, 4);
    } finally {
      await corrections.close();
    }
  } finally {
    await store.close();
  }
});
