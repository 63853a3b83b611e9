import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHtml } from './html.js';
import type { Document } from '../core/types.js';

const meta = { id: 'id', uri: 'x.html', name: 'x.html' };
const kinds = (d: Document) => d.blocks.map((b) => [b.kind, d.text.slice(b.span.start, b.span.end)]);

const page = (body: string, head = '') => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;

test('scripts, styles, navigation, forms, comments, share widgets and footers are stripped', () => {
  const d = fromHtml(
    page(
      `<nav><a href="/">Home</a></nav><div class="cookie-notice">Cookies!</div>
       <main><h1>Kosovo</h1><p>Albania recognised Kosovo on 18 February 2008.</p>
       <script>var t = "no";</script><style>p{}</style>
       <div class="sharedaddy"><h3>Share this:</h3><a href="#">Twitter</a></div>
       <div id="comments"><h3>Leave a Reply</h3><form><textarea></textarea></form><p>Nice post!</p></div></main>
       <aside class="sidebar"><h3>Archives</h3></aside><footer>© 2024</footer>`,
      '<title>Kosovo | Blog</title>',
    ),
    meta,
  );
  assert.deepEqual(kinds(d), [
    ['heading', 'Kosovo'],
    ['paragraph', 'Albania recognised Kosovo on 18 February 2008.'],
  ]);
  assert.equal(d.title, 'Kosovo');
});

test('headings, paragraphs, quotes, list items, table rows, captions', () => {
  const d = fromHtml(
    page(`<article><h2>Part 𝔄</h2><p>One <em>two</em><br>three.</p><blockquote>Loose quote.<p>Quoted paragraph.</p></blockquote>
      <ol><li>First item</li><li><p>Second item</p></li></ol><table><tr><td>1978</td><td>aid ends</td></tr></table>
      <figure><figcaption>A map 🎉</figcaption></figure></article>`),
    meta,
  );
  assert.deepEqual(kinds(d), [
    ['heading', 'Part 𝔄'],
    ['paragraph', 'One two three.'],
    ['quote', 'Loose quote.'],
    ['quote', 'Quoted paragraph.'],
    ['list-item', 'First item'],
    ['list-item', 'Second item'],
    ['paragraph', '1978 | aid ends'],
    ['caption', 'A map 🎉'],
  ]);
});

test('footnote links become markers linked to notes laid out at the end', () => {
  const d = fromHtml(
    page(`<article><p>Signed in 1975.<sup><a href="#fn1" id="r1">1</a></sup> Albania stayed away.<sup><a href="#note-b">[b]</a></sup></p>
      <p>See <a href="#sec2">section 2</a>.</p><h2 id="sec2">Two</h2>
      <div class="footnotes"><p id="note-b">Note b text. <a href="#r1">↩</a></p><ol><li id="fn1"><p>First note.</p><p>More of it.</p></li></ol></div></article>`),
    meta,
  );
  const notes = d.blocks.filter((b) => b.kind === 'footnote').map((b) => [b.label, d.text.slice(b.span.start, b.span.end)]);
  assert.deepEqual(notes, [
    ['1', '[1] First note.'],
    [undefined, 'More of it.'],
    ['b', '[b] Note b text.'],
  ]);
  assert.deepEqual(
    d.notes.map((n) => [n.label, d.text.slice(n.marker.start, n.marker.end), d.blocks[n.noteBlock].label]),
    [
      ['1', '[1]', '1'],
      ['b', '[b]', 'b'],
    ],
  );
  assert.ok(d.text.includes('See section 2.'));
});

test('metadata from meta tags, JSON-LD and <time>', () => {
  const d1 = fromHtml(page('<p>Text of the page.</p>', '<meta name="author" content="Jane Roe"><meta property="article:published_time" content="2019-09-17T08:00:00Z">'), meta);
  assert.equal(d1.author, 'Jane Roe');
  assert.equal(d1.published, '2019-09-17');
  const d2 = fromHtml(page('<p>Text.</p>', '<script type="application/ld+json">{"@type":"Article","datePublished":"2017-07","author":[{"name":"John Doe"}]}</script>'), meta);
  assert.equal(d2.author, 'John Doe');
  assert.equal(d2.published, '2017-07');
  const d3 = fromHtml(page('<article><time datetime="1999-03-24">24 March</time><p>Strikes began.</p></article>'), meta);
  assert.equal(d3.published, '1999-03-24');
  const d4 = fromHtml(page('<p>No date stated anywhere.</p>'), meta);
  assert.equal(d4.published, null);
});

test('the main content is found in a page without <article> or <main>', () => {
  const para = (s: string) => `<p>${s} The delegations met again and the talks went on for several hours without result.</p>`;
  const d = fromHtml(
    page(`<div id="top"><a href="/">Blog</a> | <a href="/x">Archive</a></div><div id="wrap"><div class="entry"><h2>Talks</h2>${para('One.')}${para('Two.')}${para('Three.')}</div>
      <div class="bottom">Powered by an engine. All rights reserved.</div></div>`),
    meta,
  );
  assert.deepEqual(d.blocks.map((b) => b.kind), ['heading', 'paragraph', 'paragraph', 'paragraph']);
});

test('deeply nested markup is read in bounded depth', () => {
  const depth = 3000;
  const d = fromHtml(page('<div>'.repeat(depth) + '<p>Deep text.</p>' + '</div>'.repeat(depth)), meta);
  assert.ok(d.text.includes('Deep text.'));
});

test('notes written as text ("[1] …" paragraphs at the end) become linked footnotes', () => {
  const d = fromHtml(page('<article><p>The envoy came in 1972.[1] He left.</p><p>[1] Albania Today, 1972.</p></article>'), meta);
  assert.deepEqual(d.blocks.map((b) => [b.kind, b.label]), [
    ['paragraph', undefined],
    ['footnote', '1'],
  ]);
  assert.equal(d.notes.length, 1);
  assert.equal(d.text.slice(d.notes[0].marker.start, d.notes[0].marker.end), '[1]');
});

test('<time datetime> spans are kept as marked dates', () => {
  const d = fromHtml(page('<article><p>𝔄 The talks opened on <time datetime="1999-02-06">6 February</time> at Rambouillet.</p></article>'), meta);
  assert.deepEqual(d.markedDates?.map((m) => [d.text.slice(m.span.start, m.span.end), m.value]), [['6 February', '1999-02-06']]);
});

test('notes with the same label in two sections link to their own notes', () => {
  const d = fromHtml(
    page(`<article><section><p>A.<a href="#s1-n1">1</a></p><ol><li id="s1-n1">Note of A.</li></ol></section>
      <section><p>B.<a href="#s2-n1">1</a></p><ol><li id="s2-n1">Note of B.</li></ol></section></article>`),
    meta,
  );
  assert.deepEqual(
    d.notes.map((n) => d.text.slice(d.blocks[n.noteBlock].span.start, d.blocks[n.noteBlock].span.end)),
    ['[1] Note of A.', '[1] Note of B.'],
  );
});

test('fragments and pages the parser cannot root are read as a body', () => {
  assert.equal(fromHtml('Just text, no tags.', meta).text, 'Just text, no tags.');
  assert.equal(fromHtml('<!-- c --><p>After a comment.</p>', meta).text, 'After a comment.');
  assert.throws(() => fromHtml('<!DOCTYPE html>', meta), (e: { code?: string }) => e.code === 'E003');
});

test('an encyclopedia page: edit links and navigation boxes go, citations link to the references', () => {
  const d = fromHtml(
    page(`<main><h1>Treaty of Tirana</h1><h2>History<span class="mw-editsection">[edit]</span></h2>
      <p>The treaty was signed on 27 November 1926.<sup class="reference"><a href="#cite_note-1">[1]</a></sup></p>
      <h2>References<span class="mw-editsection">[edit]</span></h2>
      <ol class="references"><li id="cite_note-1">Smith, J. (1990). Albania and Italy.</li></ol>
      <h2>Further reading</h2><ul><li>Jones, A. (2001). The Adriatic.</li></ul>
      <div class="navbox">Treaties of Albania | Treaties of Italy</div></main>`),
    meta,
  );
  assert.deepEqual(kinds(d), [
    ['heading', 'Treaty of Tirana'],
    ['heading', 'History'],
    ['paragraph', 'The treaty was signed on 27 November 1926.[1]'],
    ['heading', 'References'],
    ['heading', 'Further reading'],
    ['metadata', 'Jones, A. (2001). The Adriatic.'],
    ['footnote', '[1] Smith, J. (1990). Albania and Italy.'],
  ]);
  assert.equal(d.notes.length, 1);
  assert.equal(d.blocks[d.notes[0].noteBlock].kind, 'footnote');
});

test('two line breaks in a row end a paragraph (old pages)', () => {
  const d = fromHtml(page('<div>The treaty was signed.<br>It was ratified.<br><br>A new paragraph began.<br> <br>And another.</div>'), meta);
  assert.deepEqual(kinds(d), [
    ['paragraph', 'The treaty was signed. It was ratified.'],
    ['paragraph', 'A new paragraph began.'],
    ['paragraph', 'And another.'],
  ]);
});
