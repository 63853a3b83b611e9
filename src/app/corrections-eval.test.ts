import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../cli/main.js';
import { openStore, ingest, evaluateStore } from './index.js';
import { createSqliteCorrectionStore } from './corrections-sqlite.js';
import { parseCorrection } from './corrections.js';
import { evaluateCorrectedStore } from './corrections-eval.js';
import { fixtureDocuments, ENTITIES } from './corrections-fixture.js';

const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
const SEEDS = path.join(SHARED, 'corpus', 'seeds');
const GOLD = path.join(SHARED, 'gold', 'dev');

function capture() {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: (s: string) => ((err += s), true) }, env: {}, cwd: process.cwd() },
    out: () => out,
    err: () => err,
  };
}

test('annals export --corrected leaves rejected events out and marks edited ones', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'annals-cexport-'));
  try {
    const db = path.join(dir, 'a.db');
    const store = await openStore(db);
    for (const { doc, ann } of fixtureDocuments()) await store.saveDocument(doc, ann, ENTITIES);
    const all = await store.events({});
    const praise = all.find((e) => e.evidenceText.startsWith('Albania praised'))!;
    const criticise = all.find((e) => e.evidenceText.startsWith('Cambodia criticised'))!;
    const corrections = createSqliteCorrectionStore(db);
    await corrections.addCorrection(await parseCorrection({ kind: 'reject', event: praise.id }, (id) => store.getEvent(id)));
    await corrections.addCorrection(await parseCorrection({ kind: 'edit', event: criticise.id, edit: { code: '112' } }, (id) => store.getEvent(id)));
    corrections.close();
    await store.close();

    const plain = capture();
    assert.equal(await main(['--db', db, 'export'], plain.io), 0);
    assert.equal(plain.out().trim().split('\n').length, 4);
    const corrected = capture();
    assert.equal(await main(['--db', db, 'export', '--corrected'], corrected.io), 0, corrected.err());
    const lines = corrected.out().trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 3);
    assert.ok(!lines.some((l) => l.id === praise.id));
    const edited = lines.find((l) => l.id === criticise.id);
    assert.equal(edited.code, '112');
    assert.equal(edited.correction.status, 'edited');
    const csv = capture();
    assert.equal(await main(['--db', db, 'export', '--corrected', '--format', 'csv'], csv.io), 0);
    assert.equal(csv.out().trim().split('\n').length, 4);
    assert.match(csv.out().split('\n')[0], /,corrected$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('annals eval --corrected scores the events as corrected', { skip: (!existsSync(SEEDS) || !existsSync(GOLD)) && 'needs ../shared' }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'annals-ceval-'));
  try {
    const db = path.join(dir, 'a.db');
    const store = await openStore(db);
    await ingest([SEEDS], { store });
    const before = await evaluateStore(store, { goldDir: GOLD });
    const same = await evaluateCorrectedStore(store, db, { goldDir: GOLD });
    assert.deepEqual(same.summary.L1, before.summary.L1, 'no corrections: the same score');
    // Reject every event of one document: its predictions disappear from the score.
    const corrections = createSqliteCorrectionStore(db);
    const doc = (await store.listDocuments()).find((d) => d.events > 0)!;
    for (const e of await store.events({ doc: doc.id })) await corrections.addCorrection(await parseCorrection({ kind: 'reject', event: e.id }, (id) => store.getEvent(id)));
    corrections.close();
    const after = await evaluateCorrectedStore(store, db, { goldDir: GOLD });
    const predicted = (r: typeof before) => r.summary.L1.tp + r.summary.L1.fp + r.summary.L1.redundant;
    assert.ok(predicted(after) < predicted(before), 'fewer predictions after the rejections');
    await store.close();
    const cli = capture();
    assert.equal(await main(['--db', db, 'eval', '--gold', GOLD, '--corrected', '--json'], cli.io), 0, cli.err());
    const report = JSON.parse(cli.out().slice(0, cli.out().lastIndexOf('}') + 1));
    assert.deepEqual(report.summary.L1, after.summary.L1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
