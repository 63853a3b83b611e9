import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { segment, segmentText, keepTogether } from './segment.js';
import type { Block, Document } from '../core/types.js';

function pieces(s: string): string[] {
  return segmentText(s).map((sp) => s.slice(sp.start, sp.end));
}

function docOf(text: string, blocks: Block[]): Document {
  return { id: 'x', uri: 'x.txt', name: 'x.txt', format: 'text', title: null, author: null, published: null, text, blocks, notes: [] };
}

test('splits plain sentences and trims white space', () => {
  assert.deepEqual(pieces('The treaty was signed. Both sides were pleased.  '), [
    'The treaty was signed.',
    'Both sides were pleased.',
  ]);
});

test('keeps titles, numbered references and initials together', () => {
  assert.deepEqual(pieces('Mr. Vance met Dr. Owen in Geneva. They talked for an hour.'), [
    'Mr. Vance met Dr. Owen in Geneva.',
    'They talked for an hour.',
  ]);
  assert.deepEqual(pieces('See Collected Works Vol. 12, p. 57 and No. 4 of the review. It lists the visits.'), [
    'See Collected Works Vol. 12, p. 57 and No. 4 of the review.',
    'It lists the visits.',
  ]);
  assert.deepEqual(pieces('President J. F. Kennedy spoke in Berlin. The crowd cheered.'), [
    'President J. F. Kennedy spoke in Berlin.',
    'The crowd cheered.',
  ]);
  assert.deepEqual(pieces('The talks ended on Sept. 17 at the lodge. Nothing else was agreed.'), [
    'The talks ended on Sept. 17 at the lodge.',
    'Nothing else was agreed.',
  ]);
});

test('initialisms: no break before a name, a break before a new sentence', () => {
  assert.deepEqual(pieces('The U.S. President arrived in Cairo. He left the next day.'), [
    'The U.S. President arrived in Cairo.',
    'He left the next day.',
  ]);
  assert.deepEqual(pieces('Aid came from the U.S. The Soviets sent nothing.'), [
    'Aid came from the U.S.',
    'The Soviets sent nothing.',
  ]);
  assert.equal(keepTogether('It fought the U.S.', ' aggressors'), 'segment.abbrev.initialism-v1');
});

test('footnote markers stay with the sentence they close', () => {
  assert.deepEqual(pieces('The embassy closed in 1978.[iii] Next came the recall. Envoys left.[12] Then silence.'), [
    'The embassy closed in 1978.[iii]',
    'Next came the recall.',
    'Envoys left.[12]',
    'Then silence.',
  ]);
  assert.deepEqual(pieces('It moved its mission to the capital.4 On 6 April the minister returned.'), [
    'It moved its mission to the capital.4',
    'On 6 April the minister returned.',
  ]);
  assert.deepEqual(pieces('The lessons will be drawn. [i]'), ['The lessons will be drawn. [i]']);
});

test('several markers, editorial brackets and superscript numbers close a sentence', () => {
  assert.deepEqual(pieces('Signed in 1978.[1][2] The parties met. Ratified.[citation needed] Later.'), [
    'Signed in 1978.[1][2]',
    'The parties met.',
    'Ratified.[citation needed]',
    'Later.',
  ]);
  assert.deepEqual(pieces('Signed in 1978.¹ The parties met.'), ['Signed in 1978.¹', 'The parties met.']);
});

test('a question or exclamation in quotes does not end a sentence that goes on in lower case', () => {
  assert.deepEqual(pieces('“Will you come?” he asked. “No!” she said.'), ['“Will you come?” he asked.', '“No!” she said.']);
});

test('paragraph numbers join the sentence they number', () => {
  assert.deepEqual(pieces('SUBJECT: TALKS. 1. THE DELEGATION ARRIVED. 2. TALKS FOLLOWED.'), [
    'SUBJECT: TALKS.',
    '1. THE DELEGATION ARRIVED.',
    '2. TALKS FOLLOWED.',
  ]);
  assert.deepEqual(pieces('(a) The parties shall consult. (b) They shall report.'), ['(a) The parties shall consult.', '(b) They shall report.']);
});

test('curly quotes: the sentence ends inside the closing quote', () => {
  assert.deepEqual(pieces('He wrote: “We hail the victory.” The minister agreed.'), [
    'He wrote: “We hail the victory.”',
    'The minister agreed.',
  ]);
  assert.deepEqual(pieces('“Only struggle settles accounts,” his entry ends.'), ['“Only struggle settles accounts,” his entry ends.']);
});

test('non-breaking spaces and line breaks inside a block', () => {
  const s = 'Sihanouk\u00a0visited Tirana in\u00a01972.\u00a0He came back\nin 1974 and in 1975.';
  assert.deepEqual(pieces(s), ['Sihanouk\u00a0visited Tirana in\u00a01972.', 'He came back\nin 1974 and in 1975.']);
});

test('fragments and headings are sentences of their own; metadata blocks give none', () => {
  const text = 'Friday May 1st, 1970\n\nThe envoys arrived. They stayed.\n\nPosted in Uncategorized';
  const doc = docOf(text, [
    { kind: 'heading', span: { start: 0, end: 20 } },
    { kind: 'paragraph', span: { start: 22, end: text.indexOf('\n\nPosted') } },
    { kind: 'metadata', span: { start: text.indexOf('Posted'), end: text.length } },
  ]);
  const got = segment(doc).map((s) => [s.block, text.slice(s.span.start, s.span.end)]);
  assert.deepEqual(got, [
    [0, 'Friday May 1st, 1970'],
    [1, 'The envoys arrived.'],
    [1, 'They stayed.'],
  ]);
});

test('never crosses a block boundary even without a full stop', () => {
  const text = 'Hoxha commented\n\nthat the talks went well.';
  const doc = docOf(text, [
    { kind: 'paragraph', span: { start: 0, end: 15 } },
    { kind: 'paragraph', span: { start: 17, end: text.length } },
  ]);
  const got = segment(doc).map((s) => text.slice(s.span.start, s.span.end));
  assert.deepEqual(got, ['Hoxha commented', 'that the talks went well.']);
});

test('astral characters: spans are exact UTF-16 offsets', () => {
  const text = 'Title 𝔄\n\nThe 𝔄 envoy 🎉 came. He left 𝔅.';
  const doc = docOf(text, [
    { kind: 'heading', span: { start: 0, end: 8 } },
    { kind: 'paragraph', span: { start: 10, end: text.length } },
  ]);
  const got = segment(doc).map((s) => text.slice(s.span.start, s.span.end));
  assert.deepEqual(got, ['Title 𝔄', 'The 𝔄 envoy 🎉 came.', 'He left 𝔅.']);
});

test('a very long block is segmented in windows without losing text', () => {
  const sentence = 'The delegation visited the capital and signed an accord. ';
  const s = sentence.repeat(2000);
  const spans = segmentText(s);
  assert.equal(spans.length, 2000);
  for (const sp of spans) assert.equal(s.slice(sp.start, sp.end), sentence.trim());
});

const seeds = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'seeds');
test('seeds: sentences are inside their blocks and never split after an abbreviation', { skip: !existsSync(seeds) && 'needs ../shared' }, async () => {
  const { readDocument } = await import('../formats/index.js');
  for (const f of readdirSync(seeds)) {
    const doc = await readDocument(readFileSync(join(seeds, f)), join(seeds, f));
    const sents = segment(doc);
    assert.ok(sents.length > 10, f);
    for (const s of sents) {
      const b = doc.blocks[s.block].span;
      assert.ok(b.start <= s.span.start && s.span.end <= b.end, `${f}: sentence outside its block`);
      const t = doc.text.slice(s.span.start, s.span.end);
      assert.doesNotMatch(t, /\b(?:Vol|No|Mr|Dr|p|pp)\.$/, `${f}: ${t}`);
      assert.equal(t, t.trim());
    }
  }
});

test('a marker written against the full stop stays whole with its sentence', () => {
  assert.deepEqual(pieces('The embassy reopened in 2016.[1]'), ['The embassy reopened in 2016.[1]']);
  assert.deepEqual(pieces('The embassy reopened in 2016.[^7]'), ['The embassy reopened in 2016.[^7]']);
  assert.deepEqual(pieces('Talks began in 1994.[12][13]'), ['Talks began in 1994.[12][13]']);
  assert.deepEqual(pieces('Talks began in 1994.[12] They failed.'), ['Talks began in 1994.[12]', 'They failed.']);
});

test('a middle initial before a surname never ends a sentence', () => {
  assert.deepEqual(pieces('General Lucius D. Clay met President Harry S. Truman. Then John F. Kennedy spoke with Dwight D. Eisenhower.'), [
    'General Lucius D. Clay met President Harry S. Truman.',
    'Then John F. Kennedy spoke with Dwight D. Eisenhower.',
  ]);
  assert.deepEqual(pieces('Ambassador George C. Marshall arrived. Secretary James F. Byrnes left.'), ['Ambassador George C. Marshall arrived.', 'Secretary James F. Byrnes left.']);
});

test('abbreviated forenames of older documents stay with the surname', () => {
  assert.deepEqual(pieces('Signed: Geo. Cabot. Wm. Pinkney. Thos. Jefferson. He left.'), ['Signed: Geo. Cabot.', 'Wm. Pinkney.', 'Thos. Jefferson.', 'He left.']);
});
