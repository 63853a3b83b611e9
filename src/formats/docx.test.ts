import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnalsError } from '../core/errors.js';
import { docxParts, makeDocx, makeZip } from '../../test/fixtures/binary/build.js';
import { coreProperties, fromDocx, htmlToText } from './docx.js';
import { resolveLimits } from './limits.js';

function isError(code: string, re?: RegExp) {
  return (e: unknown) => e instanceof AnnalsError && e.code === code && e.subject !== undefined && (!re || re.test(e.message));
}

const SAMPLE = {
  title: 'Talks in Tirana',
  author: 'A. Historian',
  paragraphs: [
    { heading: 1 as const, text: 'The visit of 1966' },
    {
      text: 'The Chinese premier arrived in Tirana on 24 June 1966 and met the party leadership.',
      footnotes: [{ after: 'Tirana', note: 'Zëri i Popullit, 25 June 1966, p. 1.' }],
    },
    { list: 'economic aid' },
    { list: 'military supplies' },
    { text: 'We stand together against revisionism.', style: 'Quote' },
    { heading: 2 as const, text: 'Aftermath' },
    {
      text: 'Relations cooled after 1972 and aid ended in July 1978.',
      footnotes: [
        { after: '1972', note: 'After the visit of the American president to Beijing.' },
        { after: '1978', note: 'The note of 7 July 1978.' },
      ],
    },
  ],
};

test('DOCX: headings, paragraphs, list items, quotes and linked footnotes', async () => {
  const doc = await fromDocx(makeDocx(SAMPLE), 'papers/talks.docx');
  assert.equal(doc.format, 'docx');
  assert.equal(doc.name, 'talks.docx');
  assert.equal(doc.title, 'Talks in Tirana');
  assert.equal(doc.author, 'A. Historian');
  assert.equal(doc.published, null);
  const blocks = doc.blocks.map((b) => [b.kind, doc.text.slice(b.span.start, b.span.end)]);
  assert.deepEqual(blocks, [
    ['heading', 'The visit of 1966'],
    ['paragraph', 'The Chinese premier arrived in Tirana[1] on 24 June 1966 and met the party leadership.'],
    ['list-item', 'economic aid'],
    ['list-item', 'military supplies'],
    ['quote', 'We stand together against revisionism.'],
    ['heading', 'Aftermath'],
    ['paragraph', 'Relations cooled after 1972[2] and aid ended in July 1978[3].'],
    ['footnote', 'Zëri i Popullit, 25 June 1966, p. 1.'],
    ['footnote', 'After the visit of the American president to Beijing.'],
    ['footnote', 'The note of 7 July 1978.'],
  ]);
  assert.deepEqual(
    doc.blocks.filter((b) => b.kind === 'footnote').map((b) => b.label),
    ['1', '2', '3'],
  );
  assert.equal(doc.notes.length, 3);
  for (const n of doc.notes) {
    assert.equal(doc.text.slice(n.marker.start, n.marker.end), `[${n.label}]`);
    assert.equal(doc.blocks[n.noteBlock]!.label, n.label);
  }
});

test('DOCX without core properties takes its title from the first heading', async () => {
  const parts = docxParts({ paragraphs: [{ heading: 1, text: 'Memorandum' }, { text: 'Body.' }] }).filter(
    (p) => p.name !== 'docProps/core.xml',
  );
  const doc = await fromDocx(makeZip(parts), 'm.docx');
  assert.equal(doc.title, 'Memorandum');
  assert.equal(doc.author, null);
});

test('a zip that is not a Word document is refused', async () => {
  const zip = makeZip([{ name: 'readme.txt', data: 'hello' }]);
  await assert.rejects(fromDocx(zip, 'x.docx'), isError('E004', /not a Word document/));
});

test('broken zip bytes are refused as malformed', async () => {
  const b = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)]);
  await assert.rejects(fromDocx(b, 'broken.docx'), isError('E005'));
});

test('zip bomb: an entry declaring a huge size is refused before inflating', async () => {
  const parts = docxParts(SAMPLE).map((p) => (p.name === 'word/document.xml' ? { ...p, claimSize: 3_000_000_000 } : p));
  await assert.rejects(fromDocx(makeZip(parts), 'bomb.docx'), isError('E006', /zip bomb.*word\/document\.xml/));
});

test('zip bomb: a highly compressed entry is refused by ratio', async () => {
  const parts = [...docxParts(SAMPLE), { name: 'word/media/zeros.bin', data: new Uint8Array(8 * 1024 * 1024) }];
  await assert.rejects(fromDocx(makeZip(parts), 'ratio.docx'), isError('E006', /compressed \d+:1/));
});

test('zip bomb: an entry inflating past what its directory declares is caught while inflating', async () => {
  const big = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'<w:p/>'.repeat(50_000)}</w:body></w:document>`;
  const parts = docxParts(SAMPLE).map((p) => (p.name === 'word/document.xml' ? { name: p.name, data: big, claimSize: 1000 } : p));
  await assert.rejects(fromDocx(makeZip(parts), 'liar.docx'), isError('E006', /inflates past the size its directory declares/));
});

test('an entity bomb inside document.xml is refused', async () => {
  const bomb = `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>`;
  const parts = docxParts(SAMPLE).map((p) => (p.name === 'word/document.xml' ? { name: p.name, data: bomb } : p));
  await assert.rejects(fromDocx(makeZip(parts), 'lol.docx'), isError('E005', /document\.xml.*entit/));
});

test('limits are configurable: a small maximum file size refuses the document', async () => {
  await assert.rejects(fromDocx(makeDocx(SAMPLE), 'big.docx', { limits: resolveLimits({ maxFileBytes: 500 }) }), isError('E006', /too large/));
});

test('htmlToText: nested list items and table cells become blocks', () => {
  const built = htmlToText('<ul><li>one<ul><li>one-a</li></ul></li><li>two</li></ul><table><tr><td><p>cell A</p></td><td><p>cell B</p></td></tr></table>');
  assert.deepEqual(
    built.blocks.map((b) => [b.kind, built.text.slice(b.span.start, b.span.end)]),
    [
      ['list-item', 'one'],
      ['list-item', 'one-a'],
      ['list-item', 'two'],
      ['paragraph', 'cell A'],
      ['paragraph', 'cell B'],
    ],
  );
});

test('coreProperties reads Dublin Core title and creator with entities', () => {
  const xml = '<cp:coreProperties xmlns:dc="x"><dc:title>Tirana &amp; Beijing</dc:title><dc:creator> Enver  H. </dc:creator></cp:coreProperties>';
  assert.deepEqual(coreProperties(xml), { title: 'Tirana & Beijing', author: 'Enver H.' });
  assert.deepEqual(coreProperties('<cp:coreProperties><dc:title/></cp:coreProperties>'), { title: null, author: null });
});

test('a Word document that takes longer than the time limit is stopped with a clear error', async () => {
  await assert.rejects(
    fromDocx(makeDocx(SAMPLE), 'slow.docx', { limits: resolveLimits({ readerTimeoutMs: 1 }) }),
    isError('E005', /Word document could not be read within 1 ms/),
  );
  // The next document gets a fresh worker.
  assert.equal((await fromDocx(makeDocx(SAMPLE), 'next.docx')).title, 'Talks in Tirana');
});
