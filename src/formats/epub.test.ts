import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnalsError } from '../core/errors.js';
import { epubParts, makeEpub, makeZip } from '../../test/fixtures/binary/build.js';
import { fromEpub, isEpub, joinPath, readPackage } from './epub.js';

const BOOK = {
  title: 'Albania and China, 1961–1978',
  author: 'A. Historian',
  date: '1995-05-01',
  chapters: [
    '<section><h1>The alliance</h1><p>In June 1966 the Chinese premier visited Tirana and promised aid.</p><p>Albania left the Warsaw Pact in September 1968.</p></section>',
    '<section><h1>The break</h1><p>China ended its aid to Albania in July 1978.</p></section>',
  ],
};

function isError(code: string, re?: RegExp) {
  return (e: unknown) => e instanceof AnnalsError && e.code === code && e.subject !== undefined && (!re || re.test(e.message));
}

test('EPUB: chapters in spine order, metadata, chapter files in the source map', async () => {
  const bytes = makeEpub(BOOK);
  assert.ok(isEpub(bytes));
  const doc = await fromEpub(bytes, 'books/split.epub');
  assert.equal(doc.title, 'Albania and China, 1961–1978');
  assert.equal(doc.author, 'A. Historian');
  assert.equal(doc.published, '1995-05-01');
  assert.equal(doc.name, 'split.epub');
  const a = doc.text.indexOf('Warsaw Pact');
  const b = doc.text.indexOf('July 1978');
  assert.ok(a > 0 && b > a, doc.text);
  const chapterOf = (offset: number) => doc.sourceMap!.find((e) => e.path && !e.path.includes('#') && offset >= e.span.start && offset < e.span.end)?.path;
  assert.equal(chapterOf(a), 'OEBPS/Text/chapter-1.xhtml');
  assert.equal(chapterOf(b), 'OEBPS/Text/chapter-2.xhtml');
  assert.ok(doc.blocks.some((x) => x.kind === 'heading' && doc.text.slice(x.span.start, x.span.end) === 'The break'));
  for (const x of doc.blocks) assert.ok(x.span.end <= doc.text.length);
});

test('EPUB without a package document is refused as malformed', async () => {
  const parts = epubParts(BOOK).filter((p) => p.name !== 'META-INF/container.xml');
  await assert.rejects(fromEpub(makeZip(parts), 'x.epub'), isError('E005', /package document/));
});

test('EPUB with an entity bomb in a chapter is refused naming the chapter', async () => {
  const parts = epubParts(BOOK).map((p) =>
    p.name.endsWith('chapter-2.xhtml') ? { ...p, data: '<!DOCTYPE html [<!ENTITY a "x"><!ENTITY b "&a;&a;">]><html><body><p>&b;</p></body></html>' } : p,
  );
  await assert.rejects(fromEpub(makeZip(parts), 'lol.epub'), isError('E005', /chapter-2\.xhtml.*entit/));
});

test('readPackage resolves hrefs, skips non-linear items; joinPath handles ..', () => {
  const opf = `<package><metadata><dc:title>T &amp; U</dc:title></metadata><manifest>
    <item href="../Text/a%20b.xhtml" id="a" media-type="application/xhtml+xml"/>
    <item id='b' href='b.xhtml' media-type='application/xhtml+xml'/>
    <item id="img" href="cover.jpg" media-type="image/jpeg"/></manifest>
    <spine><itemref idref="img"/><itemref idref="b" linear="no"/><itemref idref="a"/></spine></package>`;
  assert.deepEqual(readPackage(opf, 'OEBPS/content/'), { title: 'T & U', author: null, date: null, spine: ['OEBPS/Text/a b.xhtml'] });
  assert.equal(joinPath('', './x/../y.xhtml'), 'y.xhtml');
});

test('isEpub needs the mimetype entry first', () => {
  assert.equal(isEpub(makeZip([{ name: 'a.txt', data: 'application/epub+zip' }])), false);
});

test('readDocument detects an EPUB by content', async () => {
  const { readDocument } = await import('./index.js');
  const doc = await readDocument(makeEpub(BOOK), 'download.bin');
  assert.equal(doc.format, 'html');
  assert.ok(doc.text.includes('July 1978'));
});
