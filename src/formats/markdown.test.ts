import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromMarkdown, readFrontMatter } from './markdown.js';
import type { Document } from '../core/types.js';

const meta = { id: 'id', uri: 'x.md', name: 'x.md' };
const kinds = (d: Document) => d.blocks.map((b) => [b.kind, d.text.slice(b.span.start, b.span.end)]);

test('markup is gone from the text; blocks keep their kinds', () => {
  const d = fromMarkdown('# The **Accords**\n\nEgypt and *Israel* signed `two` [frameworks](http://x.org).\nA soft break.\n\n> Quoted text.\n>\n> - quoted item\n\n* one\n* two\n\n---\n\n```\ncode is not prose\n```\n', meta);
  assert.deepEqual(kinds(d), [
    ['heading', 'The Accords'],
    ['paragraph', 'Egypt and Israel signed two frameworks. A soft break.'],
    ['quote', 'Quoted text.'],
    ['quote', 'quoted item'],
    ['list-item', 'one'],
    ['list-item', 'two'],
  ]);
  assert.equal(d.title, 'The Accords');
});

test('footnotes: [^label] becomes a [label] marker linked to a note block at the end', () => {
  const d = fromMarkdown('Sadat came.[^a] Begin met him.[^2]\n\n[^a]: First note.\n\n    Its second paragraph.\n\n[^2]: Second note 𝔄.\n', meta);
  assert.deepEqual(kinds(d), [
    ['paragraph', 'Sadat came.[a] Begin met him.[2]'],
    ['footnote', '[a] First note.'],
    ['footnote', 'Its second paragraph.'],
    ['footnote', '[2] Second note 𝔄.'],
  ]);
  assert.deepEqual(d.notes.map((n) => [n.label, d.text.slice(n.marker.start, n.marker.end), n.noteBlock]), [
    ['a', '[a]', 1],
    ['2', '[2]', 3],
  ]);
  assert.equal(d.blocks[1].label, 'a');
});

test('front matter gives title, author and date, and stays out of the text', () => {
  const d = fromMarkdown('---\ntitle: Helsinki\nauthors:\n  - Jane Roe\n  - John Doe\npublished: August 1, 1975\n---\n\n# Another heading\n\nText.\n', meta);
  assert.equal(d.title, 'Helsinki');
  assert.equal(d.author, 'Jane Roe; John Doe');
  assert.equal(d.published, '1975-08-01');
  assert.ok(!d.text.includes('title:'));
});

test('malformed front matter is ignored, a "First published" line is metadata', () => {
  assert.deepEqual(readFrontMatter('title: [unclosed'), { title: null, author: null, published: null });
  const d = fromMarkdown('# T\n\nFirst published: July 1997\n\nText.\n', meta);
  assert.equal(d.published, '1997-07');
  assert.equal(d.blocks[1].kind, 'metadata');
});

test('raw HTML keeps its text without tags; tables become rows', () => {
  const d = fromMarkdown('<div class="x">Kept <b>text</b></div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n', meta);
  assert.deepEqual(kinds(d), [
    ['paragraph', 'Kept text'],
    ['paragraph', 'a | b'],
    ['paragraph', '1 | 2'],
  ]);
});

test('astral characters: spans are exact', () => {
  const d = fromMarkdown('# 𝔄 and 🎉\n\n🎉 **𝔅** text 𝔄.\n', meta);
  assert.equal(d.text, '𝔄 and 🎉\n\n🎉 𝔅 text 𝔄.');
  assert.equal(d.text.slice(d.blocks[1].span.start, d.blocks[1].span.end), '🎉 𝔅 text 𝔄.');
});

test('nesting deeper than any document needs is refused quickly and clearly', () => {
  assert.throws(
    () => fromMarkdown('>'.repeat(5000) + ' deep\n', meta),
    (e: { code?: string; subject?: string }) => e.code === 'E005' && e.subject === 'x.md',
  );
  const ok = fromMarkdown('> > > three levels\n', meta);
  assert.equal(ok.blocks[0].kind, 'quote');
});

test('notes written as text ("[i] …" paragraphs at the end) become linked footnotes', () => {
  const d = fromMarkdown('# T\n\nThe envoy came.[i] He left.[ii]\n\n[i] Albania Today, 1972.\n\n[ii] A diary, 1986.\n', meta);
  assert.deepEqual(d.blocks.map((b) => [b.kind, b.label]), [
    ['heading', undefined],
    ['paragraph', undefined],
    ['footnote', 'i'],
    ['footnote', 'ii'],
  ]);
  assert.deepEqual(d.notes.map((n) => [n.label, n.noteBlock]), [
    ['i', 2],
    ['ii', 3],
  ]);
});

test('reference sections are metadata, note sections footnotes (an encyclopedia article)', () => {
  const d = fromMarkdown(
    '# Treaty of Tirana\n\nThe treaty was signed on 27 November 1926.[1]\n\n## Notes\n\n1. Italy gained influence.\n\n## References\n\n1. ^ Smith, J. (1990). *Albania and Italy, 1920–1939*.\n\n## External links\n\n- [Text of the treaty](https://example.org)\n',
    meta,
  );
  assert.deepEqual(d.blocks.map((b) => b.kind), ['heading', 'paragraph', 'heading', 'footnote', 'heading', 'metadata', 'heading', 'metadata']);
});

test('hard line breaks and signature blocks keep their lines apart; wrapped prose stays one block', () => {
  const d = fromMarkdown(
    'Signed at Madrid, the fifth of May.\n\nM. DE FLORIDABLANCA  \nWILLIAM SHORT\\\nTHOMAS PINCKNEY\n\nC. C. PINCKNEY\nJOHN MARSHALL\nE. GERRY\n\nThe envoys met the minister  \nat the palace and\nleft at noon.\n',
    meta,
  );
  assert.deepEqual(kinds(d), [
    ['paragraph', 'Signed at Madrid, the fifth of May.'],
    ['paragraph', 'M. DE FLORIDABLANCA'],
    ['paragraph', 'WILLIAM SHORT'],
    ['paragraph', 'THOMAS PINCKNEY'],
    ['paragraph', 'C. C. PINCKNEY'],
    ['paragraph', 'JOHN MARSHALL'],
    ['paragraph', 'E. GERRY'],
    ['paragraph', 'The envoys met the minister at the palace and left at noon.'],
  ]);
});

test('titles: a bold-only line is a heading; the title written again is not a paragraph', () => {
  const d = fromMarkdown('---\ntitle: Treaty of Amity and Commerce\n---\nTreaty of Amity and Commerce\n\n**Between the King and the United States**\n\n**Article 1.** Peace shall reign.\n', meta);
  assert.deepEqual(kinds(d), [
    ['heading', 'Treaty of Amity and Commerce'],
    ['heading', 'Between the King and the United States'],
    ['paragraph', 'Article 1. Peace shall reign.'],
  ]);
});
