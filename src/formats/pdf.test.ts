import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { AnnalsError } from '../core/errors.js';
import { makePdf, type PdfLine } from '../../test/fixtures/binary/build.js';
import { resolveLimits } from './limits.js';
import { closeReaderWorker, type PdfItem } from './sandbox.js';
import { fromPdf, joinLines, layoutPdf, pageAt, pageLines, removeRunningLines, type Line } from './pdf.js';

after(() => closeReaderWorker());

function isError(code: string, re?: RegExp) {
  return (e: unknown) => e instanceof AnnalsError && e.code === code && e.subject !== undefined && (!re || re.test(e.message));
}

/** A four-page article with a running header, page numbers, a heading, hyphenation and a paragraph across a page break. */
function article(): Buffer {
  const bodies: PdfLine[][] = [
    [
      { text: 'The Split of 1961', size: 16 },
      { text: 'In June 1966 the Chinese premier visited Tirana and the inter-', gapBefore: 8 },
      { text: 'national press reported the talks at length. The Franco-' },
      { text: 'German treaty was a well-known precedent for both sides.' },
      { text: 'A second paragraph starts after a gap and runs on to the', gapBefore: 10 },
      { text: 'foot of the page where it does not end but carries on' },
    ],
    [
      { text: 'onto the next page, where it finishes in the first line.' },
      { text: 'Albania left the Warsaw Pact in September 1968 after the', gapBefore: 10 },
      { text: 'invasion of Czechoslovakia, a well-' },
      { text: 'known turning point.' },
    ],
    [{ text: 'In 1978 China ended its aid to Albania, recalling its experts.' }],
    [{ text: 'The archives of both parties were opened only after 1991.' }],
  ];
  const pages = bodies.map((lines, i) => [
    { text: 'Balkan Studies Review, vol. 12', y: 760, size: 8 },
    ...lines,
    { text: `- ${i + 1} -`, y: 40, size: 8 },
  ]);
  return makePdf({ pages, title: 'The Split', author: 'A. Historian' });
}

test('PDF end to end: text layer, headings, paragraphs, pages in the source map', async () => {
  const doc = await fromPdf(article(), 'dir/split.pdf');
  assert.equal(doc.format, 'pdf');
  assert.equal(doc.name, 'split.pdf');
  assert.equal(doc.title, 'The Split');
  assert.equal(doc.author, 'A. Historian');
  assert.match(doc.id, /^[0-9a-f]{64}$/);
  // running header and page numbers are gone
  assert.ok(!doc.text.includes('Balkan Studies Review'));
  assert.ok(!/- \d -/.test(doc.text));
  // hyphenation: removed across a line break, kept for "Franco-German" and for a compound seen elsewhere
  assert.ok(doc.text.includes('the international press'));
  assert.ok(doc.text.includes('The Franco-German treaty'));
  assert.ok(doc.text.includes('a well-known turning point'));
  // blocks
  const kinds = doc.blocks.map((b) => b.kind);
  assert.equal(kinds[0], 'heading');
  assert.equal(doc.text.slice(doc.blocks[0]!.span.start, doc.blocks[0]!.span.end), 'The Split of 1961');
  const paras = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => doc.text.slice(b.span.start, b.span.end));
  assert.equal(paras.length, 5);
  assert.ok(paras[1]!.includes('carries on onto the next page'), 'a paragraph runs across the page break');
  // page of evidence
  const at = doc.text.indexOf('Warsaw Pact');
  assert.equal(pageAt(doc.sourceMap!, at), 2);
  assert.equal(pageAt(doc.sourceMap!, doc.text.indexOf('recalling its experts')), 3);
  assert.equal(pageAt(doc.sourceMap!, doc.text.indexOf('international')), 1);
  // every source map entry stays within the text and in page order
  for (const e of doc.sourceMap!) assert.ok(e.span.start < e.span.end && e.span.end <= doc.text.length);
});

test('a file without %PDF- header is refused as not a PDF', async () => {
  await assert.rejects(fromPdf(Buffer.from('hello world, not a pdf'), 'x.pdf'), isError('E004', /not a PDF/));
});

test('a truncated PDF is refused with E005 naming the file', async () => {
  const b = article();
  await assert.rejects(fromPdf(b.subarray(0, 60), 'cut.pdf'), (e: unknown) => e instanceof AnnalsError && e.subject === 'cut.pdf');
});

test('a PDF whose text layer is empty is refused as needing OCR', async () => {
  const b = makePdf({ pages: [[]] });
  await assert.rejects(fromPdf(b, 'scan.pdf'), isError('E004', /OCR/));
});

test('a PDF with more pages than allowed is refused', async () => {
  const b = makePdf({ pages: [[{ text: 'one' }], [{ text: 'two' }], [{ text: 'three' }]] });
  await assert.rejects(fromPdf(b, 'long.pdf', { limits: resolveLimits({ pdfMaxPages: 2 }) }), isError('E006', /3 pages/));
});

test('a PDF that never ends: a huge content stream is stopped by the time limit', async () => {
  // A content stream of millions of tiny text operations.
  const ops = 'BT /F1 1 Tf 1 0 0 1 10 10 Tm (x) Tj ET\n'.repeat(400_000);
  const head = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n';
  const body = `4 0 obj\n<< /Length ${ops.length} >>\nstream\n${ops}\nendstream\nendobj\n5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n`;
  const b = Buffer.from(head + body + 'trailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
  const t0 = Date.now();
  await assert.rejects(fromPdf(b, 'endless.pdf', { limits: resolveLimits({ readerTimeoutMs: 300 }) }), isError('E005', /within 300 ms/));
  assert.ok(Date.now() - t0 < 5000);
  // The reader still works afterwards (a fresh worker replaces the stopped one).
  const doc = await fromPdf(article(), 'again.pdf');
  assert.ok(doc.text.includes('Warsaw Pact'));
});

// ---------------------------------------------------------------------------
// pure layout rules

function item(s: string, x: number, y: number, size = 10, eol = false): PdfItem {
  return { s, x, y, w: s.length * size * 0.5, size, eol };
}

test('pageLines: runs on one baseline make a line; a raised small number is a marker', () => {
  const lines = pageLines(
    {
      width: 612,
      height: 792,
      items: [item('The treaty was signed', 72, 700), item('12', 72 + 21 * 5 + 1, 704, 6), item(' in Rome.', 72 + 21 * 5 + 8, 700), item('Next line', 72, 686)],
    },
    3,
  );
  assert.equal(lines.length, 2);
  assert.equal(lines[0]!.text, 'The treaty was signed[12] in Rome.');
  assert.deepEqual(lines[0]!.markers, [{ start: 21, end: 25, label: '12' }]);
  assert.equal(lines[0]!.page, 3);
  assert.equal(lines[1]!.text, 'Next line');
});

test('pageLines: a gap between runs becomes a space', () => {
  const lines = pageLines({ width: 612, height: 792, items: [item('Tirana', 72, 700), item('Beijing', 72 + 30 + 5, 700)] }, 1);
  assert.equal(lines[0]!.text, 'Tirana Beijing');
});

function line(text: string, page: number, y: number, size = 10): Line {
  return { text, page, x: 72, xEnd: 72 + text.length * 5, y, size, markers: [] };
}

test('removeRunningLines: repeated edge lines (digits aside) go, body lines stay', () => {
  const pages = [1, 2, 3, 4].map((p) => [
    line(`CONFIDENTIAL — Report ${p}`, p, 760),
    line(['On Monday the talks opened.', 'Tuesday brought no progress.', 'Wednesday ended them.', 'Thursday was quiet.'][p - 1]!, p, 700),
    line(`Page ${p} of 4`, p, 40),
  ]);
  const out = removeRunningLines(pages);
  assert.deepEqual(
    out.map((ls) => ls.map((l) => l.text)),
    [['On Monday the talks opened.'], ['Tuesday brought no progress.'], ['Wednesday ended them.'], ['Thursday was quiet.']],
  );
});

test('removeRunningLines: with two pages only bare page numbers go', () => {
  const pages = [1, 2].map((p) => [line('Same title', p, 760), line('Body.', p, 700), line(String(p), p, 40)]);
  assert.deepEqual(
    removeRunningLines(pages).map((ls) => ls.map((l) => l.text)),
    [
      ['Same title', 'Body.'],
      ['Same title', 'Body.'],
    ],
  );
});

test('joinLines: de-hyphenation rules', () => {
  const vocab = new Set(['well-known']);
  assert.deepEqual(joinLines('the inter-', 'national press', vocab), { drop: 1, joiner: '' });
  assert.deepEqual(joinLines('a well-', 'known case', vocab), { drop: 0, joiner: '' });
  assert.deepEqual(joinLines('the Franco-', 'German treaty', vocab), { drop: 0, joiner: '' });
  assert.deepEqual(joinLines('the nego\u00ad', 'tiations', vocab), { drop: 1, joiner: '' });
  assert.deepEqual(joinLines('the talks', 'ended', vocab), { drop: 0, joiner: ' ' });
  assert.deepEqual(joinLines('the war\u2014', 'and after', vocab), { drop: 0, joiner: '' });
  assert.deepEqual(joinLines('in 1970-', '71 the talks', vocab), { drop: 0, joiner: '' });
});

test('layoutPdf: footnotes at the foot of a page become note blocks linked from their markers', () => {
  const page = {
    width: 612,
    height: 792,
    items: [
      item('The treaty was signed', 72, 700),
      item('1', 72 + 21 * 5 + 1, 704, 6),
      item(' in Rome in 1957.', 72 + 21 * 5 + 8, 700),
      item('It entered into force the next year, after ratification by', 72, 686),
      item('the parliaments of all six founding members of the community.', 72, 672),
      item('1 Treaty establishing the European Economic Community.', 72, 80, 8),
      item('Signed on 25 March 1957.', 72, 70, 8),
    ],
  };
  const laid = layoutPdf([page]);
  const note = laid.blocks.findIndex((b) => b.kind === 'footnote');
  assert.ok(note >= 0);
  assert.equal(laid.blocks[note]!.label, '1');
  assert.equal(
    laid.text.slice(laid.blocks[note]!.span.start, laid.blocks[note]!.span.end),
    'Treaty establishing the European Economic Community. Signed on 25 March 1957.',
  );
  assert.equal(laid.notes.length, 1);
  assert.equal(laid.text.slice(laid.notes[0]!.marker.start, laid.notes[0]!.marker.end), '[1]');
  assert.equal(laid.notes[0]!.noteBlock, note);
});

test('layoutPdf: bulleted lines are list items; an indented continuation stays in its item', () => {
  const laid = layoutPdf([
    {
      width: 612,
      height: 792,
      items: [
        item('The treaty provided for:', 72, 700),
        item('• the withdrawal of troops within', 72, 686),
        item('three months;', 82, 672),
        item('• an exchange of prisoners.', 72, 658),
        item('Both sides ratified it in 1979.', 72, 644),
      ],
    },
  ]);
  assert.deepEqual(
    laid.blocks.map((b) => [b.kind, laid.text.slice(b.span.start, b.span.end)]),
    [
      ['paragraph', 'The treaty provided for:'],
      ['list-item', '• the withdrawal of troops within three months;'],
      ['list-item', '• an exchange of prisoners.'],
      ['paragraph', 'Both sides ratified it in 1979.'],
    ],
  );
});

test('layoutPdf: small numbered lines that do not count up (a listing) are not footnotes', () => {
  const laid = layoutPdf([
    {
      width: 612,
      height: 792,
      items: [
        item('The header is laid out as follows, field by field in order:', 72, 700),
        item('2 CARD16 MAJOR_VERSION', 72, 660, 8),
        item('2 CARD16 MINOR_VERSION', 72, 650, 8),
        item('4 CARD32 LIST_OFFSET', 72, 640, 8),
      ],
    },
  ]);
  assert.ok(!laid.blocks.some((b) => b.kind === 'footnote'));
  assert.ok(laid.text.includes('2 CARD16 MAJOR_VERSION'));
});

test('removeRunningLines: the title set large on page 1 stays though it runs as the header after', () => {
  const pages = [1, 2, 3, 4].map((p) => [
    { ...line('The Helsinki Final Act', p, 760), size: p === 1 ? 18 : 8 },
    line(`Body of page ${'abcd'[p - 1]} with its own words.`, p, 700),
    line(`Another line of page ${'abcd'[p - 1]} differs too.`, p, 686),
  ]);
  const out = removeRunningLines(pages);
  assert.equal(out[0]![0]!.text, 'The Helsinki Final Act');
  for (const p of [1, 2, 3]) assert.ok(!out[p]!.some((l) => l.text === 'The Helsinki Final Act'));
});
