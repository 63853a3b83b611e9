import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleDocument } from '../contract.js';
import { createSqliteStore } from './sqlite-store.js';
import { packSave, prepareSave, unpackSave } from './rows.js';
import type { Store } from '../store.js';
import type { PreparedSave } from './rows.js';

type PreparedStore = Store & { savePrepared(items: PreparedSave[], options?: { replace?: boolean }): Promise<string[]> };

async function memoryStore(): Promise<PreparedStore> {
  const s = createSqliteStore(':memory:');
  await s.migrate();
  return s as PreparedStore;
}

test('prepared documents saved in one transaction read back as saved one by one', async () => {
  const a = sampleDocument('alpha');
  const b = sampleDocument('beta');
  const batched = await memoryStore();
  const single = await memoryStore();
  try {
    const outcomes = await batched.savePrepared([a, b, a].map((x) => prepareSave(x.doc, x.ann, x.entities)));
    assert.deepEqual(outcomes, ['added', 'added', 'skipped']);
    for (const x of [a, b]) await single.saveDocument(x.doc, x.ann, x.entities);
    for (const x of [a, b]) {
      assert.deepEqual(await batched.getAnnotations(x.doc.id), x.ann);
      assert.deepEqual(await batched.getDocument(x.doc.id), await single.getDocument(x.doc.id));
    }
    assert.deepEqual(await batched.actors(), await single.actors());
    assert.deepEqual(await batched.counts(), await single.counts());
    assert.deepEqual(await batched.check(), []);
    assert.deepEqual(await batched.savePrepared([prepareSave(b.doc, b.ann, b.entities)], { replace: true }), ['replaced']);
  } finally {
    await batched.close();
    await single.close();
  }
});

test('an entity named in several documents of a batch gets the aliases of all of them', async () => {
  const a = sampleDocument('alpha');
  const b = sampleDocument('beta');
  const e = a.entities[0];
  const store = await memoryStore();
  try {
    const withAlias = (x: typeof a, alias: string) => prepareSave(x.doc, x.ann, x.entities.map((y) => (y.id === e.id ? { ...y, aliases: [alias] } : y)));
    await store.savePrepared([withAlias(a, 'First Alias'), withAlias(b, 'Second Alias')]);
    const stored = (await store.actors()).find((y) => y.id === e.id);
    assert.deepEqual(stored?.aliases, [e.name, 'First Alias', 'Second Alias']);
  } finally {
    await store.close();
  }
});

test('a batch that fails part-way stores none of its documents and keeps what was stored before', async () => {
  const a = sampleDocument('alpha');
  const b = sampleDocument('beta');
  const c = sampleDocument('gamma');
  const store = await memoryStore();
  try {
    await store.saveDocument(a.doc, a.ann, a.entities);
    const broken = prepareSave(c.doc, c.ann, c.entities);
    broken.events.cells[broken.events.cols.indexOf('code')] = null; // NOT NULL: fails inside the transaction
    await assert.rejects(store.savePrepared([prepareSave(b.doc, b.ann, b.entities), broken]));
    assert.deepEqual((await store.listDocuments()).map((d) => d.id), [a.doc.id]);
    assert.deepEqual(await store.getAnnotations(a.doc.id), a.ann);
    assert.deepEqual(await store.check(), []);
  } finally {
    await store.close();
  }
});

test('a span outside the text is refused (E011) when the rows are prepared, before anything is written', () => {
  const a = sampleDocument('alpha');
  const bad = { ...a.ann, times: [{ ...a.ann.times[0], span: { start: 0, end: a.doc.text.length + 1 } }] };
  assert.throws(() => prepareSave(a.doc, bad, a.entities), { code: 'E011' });
});

test('prepared rows packed, copied to another thread and unpacked are the same rows', () => {
  const a = sampleDocument('alpha');
  const prepared = prepareSave(a.doc, a.ann, a.entities);
  const packed = structuredClone(packSave(prepared));
  assert.deepEqual(unpackSave(packed), prepared);
  // each distinct short string once (ids, names, codes, rule ids)
  const short = packed.strings.filter((x) => x.length <= 64);
  assert.equal(new Set(short).size, short.length);
});

test('packed documents are saved as the prepared ones are', async () => {
  const a = sampleDocument('alpha');
  const b = sampleDocument('beta');
  const store = await memoryStore();
  try {
    const items = [structuredClone(packSave(prepareSave(a.doc, a.ann, a.entities))), prepareSave(b.doc, b.ann, b.entities)];
    assert.deepEqual(await (store as unknown as { savePrepared(i: unknown[]): Promise<string[]> }).savePrepared(items), ['added', 'added']);
    assert.deepEqual(await store.getAnnotations(a.doc.id), a.ann);
    assert.deepEqual(await store.getAnnotations(b.doc.id), b.ann);
  } finally {
    await store.close();
  }
});
