/**
 * Golden fixtures: test/fixtures/formats/<name>.<ext> read by readDocument must
 * give <name>.expected.json (text, blocks with spans, notes, title, author,
 * published). Every span is also checked against the text it claims.
 * After a deliberate change, rewrite the expectations with
 *   UPDATE_GOLDEN=1 node --import tsx --test src/formats/golden.test.ts
 * and review the diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readDocument } from './index.js';
import type { Document } from '../core/types.js';

const dir = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'formats');
const inputs = readdirSync(dir).filter((f) => !f.endsWith('.expected.json') && !f.startsWith('.') && f !== 'README.md');

function view(doc: Document) {
  return {
    format: doc.format,
    title: doc.title,
    author: doc.author,
    published: doc.published,
    text: doc.text,
    blocks: doc.blocks.map((b) => ({
      kind: b.kind,
      ...(b.label !== undefined ? { label: b.label } : {}),
      start: b.span.start,
      end: b.span.end,
      text: doc.text.slice(b.span.start, b.span.end),
    })),
    notes: doc.notes.map((n) => ({ label: n.label, start: n.marker.start, end: n.marker.end, noteBlock: n.noteBlock, marker: doc.text.slice(n.marker.start, n.marker.end) })),
    ...(doc.markedDates ? { markedDates: doc.markedDates.map((d) => ({ ...d.span, value: d.value, text: doc.text.slice(d.span.start, d.span.end) })) } : {}),
  };
}

test('golden fixtures exist for every reader', () => {
  const exts = new Set(inputs.map((f) => f.split('.').pop()));
  for (const ext of ['txt', 'md', 'html', 'xml']) assert.ok(exts.has(ext), `no fixture for .${ext}`);
});

for (const f of inputs) {
  test(`golden: ${f}`, async () => {
    const doc = await readDocument(readFileSync(join(dir, f)), join(dir, f));
    const got = view(doc);
    const expectedPath = join(dir, f.replace(/\.[^.]+$/, '.expected.json'));
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(expectedPath)) {
      if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`missing ${expectedPath}; run with UPDATE_GOLDEN=1 and review it`);
      writeFileSync(expectedPath, JSON.stringify(got, null, 2) + '\n');
    }
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8'));
    assert.deepEqual(got, expected);
    // spans are exact half-open UTF-16 ranges, in order and inside the text
    let last = -1;
    for (const b of doc.blocks) {
      assert.ok(b.span.start >= 0 && b.span.end <= doc.text.length && b.span.start < b.span.end);
      assert.ok(b.span.start > last, 'blocks are in text order and do not overlap');
      last = b.span.end - 1;
      const t = doc.text.slice(b.span.start, b.span.end);
      assert.equal(t, t.trim(), 'blocks carry no outer white space');
    }
    for (const n of doc.notes) {
      assert.equal(doc.blocks[n.noteBlock].kind, 'footnote');
      assert.match(doc.text.slice(n.marker.start, n.marker.end), new RegExp(`${n.label}`));
    }
  });
}
