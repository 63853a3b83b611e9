import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromText, layoutText } from './text.js';
import type { Document } from '../core/types.js';

const meta = { id: 'id', uri: 'dir/x.txt', name: 'x.txt' };

function kinds(doc: Document): Array<[string, string]> {
  return doc.blocks.map((b) => [b.kind, doc.text.slice(b.span.start, b.span.end)]);
}

test('blank lines separate paragraphs; a first short line is the title heading', () => {
  const doc = fromText('The Break 𝔄\n\nChina ended its aid in 1978. 🎉 Tirana replied.\n\nAmbassadors stayed.\n', meta);
  assert.deepEqual(kinds(doc), [
    ['heading', 'The Break 𝔄'],
    ['paragraph', 'China ended its aid in 1978. 🎉 Tirana replied.'],
    ['paragraph', 'Ambassadors stayed.'],
  ]);
  assert.equal(doc.title, 'The Break 𝔄');
  assert.equal(doc.format, 'text');
});

test('the text is the file text: spans are exact even after astral characters', () => {
  const src = '𝔄𝔅 heading\n\n🎉 one. 𝔄 two.\n';
  const doc = fromText(src, meta);
  assert.equal(doc.text, src);
  assert.equal(doc.text.slice(doc.blocks[1].span.start, doc.blocks[1].span.end), '🎉 one. 𝔄 two.');
  assert.equal(doc.blocks[1].span.start, src.indexOf('🎉'));
});

test('CRLF line ends become LF', () => {
  const doc = fromText('Title\r\n\r\nOne line.\r\nTwo.\r\n', meta);
  assert.ok(!doc.text.includes('\r'));
});

test('long lines without blank lines between them are paragraphs each', () => {
  const long = (s: string) => s + ' ' + 'and the talks went on for many hours between the delegations of both states'.repeat(2) + '.';
  const doc = fromText(`${long('First')}\n${long('Second')}\n${long('Third')}\n`, meta);
  assert.equal(doc.blocks.length, 3);
  assert.ok(doc.blocks.every((b) => b.kind === 'paragraph'));
});

test('hard-wrapped lines stay in one paragraph', () => {
  const src = 'The ambassador called on the foreign minister on\n4 October 1977 and delivered the note. The minister\nsaid his government would reply within a week.\n\nNext paragraph.\n';
  const doc = fromText(src, meta);
  assert.equal(doc.blocks.length, 2);
  assert.match(doc.text.slice(doc.blocks[0].span.start, doc.blocks[0].span.end), /^The ambassador[\s\S]*within a week\.$/);
});

test('"First published" and "By" lines are metadata and fill published and author', () => {
  const doc = fromText('A Title\n\nBy Jane Roe\n\nFirst published: July 1997\n\nThe uprising began in March.\n', meta);
  assert.equal(doc.published, '1997-07');
  assert.equal(doc.author, 'Jane Roe');
  assert.deepEqual(doc.blocks.map((b) => b.kind), ['heading', 'metadata', 'metadata', 'paragraph']);
});

test('trailing labeled notes are footnotes linked from their markers; continuations keep the label', () => {
  const src = [
    'Essay',
    'The envoy came in 1972.[i] He left.[ii] Nothing else.',
    'Today there are no relations.',
    '[i] Albania Today #3 1972 p. 20',
    '[ii Reflections on China, Vol. 1',
    '(A second paragraph of note ii.)',
  ].join('\n\n');
  const doc = fromText(src, meta);
  const notes = doc.blocks.filter((b) => b.kind === 'footnote');
  assert.deepEqual(notes.map((b) => b.label), ['i', 'ii', 'ii']);
  assert.equal(doc.notes.length, 2);
  for (const n of doc.notes) {
    assert.equal(doc.text.slice(n.marker.start, n.marker.end), `[${n.label}]`);
    assert.equal(doc.blocks[n.noteBlock].label, n.label);
    assert.ok(doc.text.slice(doc.blocks[n.noteBlock].span.start).startsWith(`[${n.label}`));
  }
});

test('comment-form debris at the end is metadata', () => {
  const src = [
    'A Title',
    'The treaty was signed in 1978 by both governments after long talks.',
    '2 thoughts on “A Title',
    'Leave a Reply',
    'Fill in your details below or click an icon to log in: Logo',
    'You are commenting using your Twitter account. Log Out /  Change )',
    'Connecting to %s',
  ].join('\n\n');
  const doc = fromText(src, meta);
  assert.deepEqual(doc.blocks.map((b) => b.kind), ['heading', 'paragraph', 'metadata', 'metadata', 'metadata', 'metadata', 'metadata']);
});

test('quotations: introduced by a colon, by a speech verb, or wrapped in quotation marks', () => {
  const src = [
    'Essay',
    'In his diary Hoxha wrote on 29 July 1970 the following:',
    'The refugees live in tents in great hardship.',
    'Hoxha recorded the first visit in his diary',
    'Last evening we gave a dinner in honour of the prince.',
    'In a telegram, he commented,',
    '“Now most of the country is liberated.',
    'The people rejoice at the victories.”[iv]',
    'The rest is narration.',
  ].join('\n\n');
  const doc = fromText(src, meta);
  assert.deepEqual(doc.blocks.map((b) => b.kind), ['heading', 'paragraph', 'quote', 'paragraph', 'quote', 'paragraph', 'quote', 'quote', 'paragraph']);
});

test('headings inside the text: short title-case lines', () => {
  const { blocks } = layoutText('Title\n\nSome text here that is a sentence.\n\nAfter 1975\n\nMore text that is a sentence.\n');
  assert.deepEqual(blocks.map((b) => b.kind), ['heading', 'paragraph', 'heading', 'paragraph']);
});

test('white space only is an empty file', () => {
  assert.throws(() => fromText(' \n\u00a0\n', meta), (e: { code?: string; subject?: string }) => e.code === 'E003' && e.subject === 'dir/x.txt');
});

test('furniture on a line of its own is metadata; prose that starts with the same word is not', () => {
  const long = 'More text follows here, long enough to be a paragraph of the essay and not a line of a comment form or a share widget at the end of a saved page.';
  const doc = fromText(`Title\n\nThe note was delivered.\n\nShare this:\n\nReply to the Soviet note.\n\n${long}\n`, meta);
  assert.deepEqual(doc.blocks.map((b) => b.kind), ['heading', 'paragraph', 'metadata', 'paragraph', 'paragraph']);
});
