import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromTei } from './tei.js';
import type { Document } from '../core/types.js';

const meta = { id: 'id', uri: 'x.xml', name: 'x.xml' };
const kinds = (d: Document) => d.blocks.map((b) => [b.kind, d.text.slice(b.span.start, b.span.end)]);
const tei = (header: string, body: string) =>
  `<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>${header}</fileDesc></teiHeader><text><body>${body}</body></text></TEI>`;

test('header: main title, authors, publication date (@when first); nothing of it in the text', () => {
  const d = fromTei(
    tei(
      '<titleStmt><title type="sub">Sub</title><title type="main">Main 𝔄</title><author><persName>Jane Roe</persName></author><respStmt><resp>ed.</resp><name>X</name></respStmt></titleStmt><publicationStmt><date when="1999-06-10">10 June</date></publicationStmt>',
      '<p>Body.</p>',
    ),
    meta,
  );
  assert.equal(d.title, 'Main 𝔄');
  assert.equal(d.author, 'Jane Roe');
  assert.equal(d.published, '1999-06-10');
  assert.equal(d.text, 'Body.');
});

test('publication date from text, or from the source description', () => {
  const a = fromTei(tei('<titleStmt><title>T</title></titleStmt><publicationStmt><date>March 1979</date></publicationStmt>', '<p>x</p>'), meta);
  assert.equal(a.published, '1979-03');
  const b = fromTei(tei('<titleStmt><title>T</title></titleStmt><publicationStmt><p>Unpublished</p></publicationStmt><sourceDesc><bibl><date when="1962">1962</date></bibl></sourceDesc>', '<p>x</p>'), meta);
  assert.equal(b.published, '1962');
  const c = fromTei(tei('<titleStmt><title>T</title></titleStmt>', '<p>x</p>'), meta);
  assert.equal(c.published, null);
  assert.equal(c.author, null);
});

test('body elements map to block kinds', () => {
  const d = fromTei(
    tei(
      '',
      `<div><head>Head</head><opener><dateline>Tirana, 1 May</dateline></opener><p>Para with <q>inline quote</q> and <hi rend="italic">style</hi>.</p>
       <quote>Loose block quote.</quote><cit><quote><p>Cited paragraph.</p></quote><bibl>Source</bibl></cit>
       <list><item>Item one</item><item><p>Item two</p></item></list>
       <lg><l>Line one</l><l>line two</l></lg>
       <figure><figDesc>A map</figDesc></figure>
       <table><row><cell>1978</cell><cell>end</cell></row></table><closer><signed>E. H.</signed></closer></div>`,
    ),
    meta,
  );
  assert.deepEqual(kinds(d), [
    ['heading', 'Head'],
    ['paragraph', 'Tirana, 1 May'],
    ['paragraph', 'Para with inline quote and style.'],
    ['quote', 'Loose block quote.'],
    ['quote', 'Cited paragraph.'],
    ['quote', 'Source'],
    ['list-item', 'Item one'],
    ['list-item', 'Item two'],
    ['paragraph', 'Line one'],
    ['paragraph', 'line two'],
    ['caption', 'A map'],
    ['paragraph', '1978 | end'],
    ['paragraph', 'E. H.'],
  ]);
});

test('notes: a marker in place, the note at the end; inline notes stay in place', () => {
  const d = fromTei(
    tei('', '<note type="source" rend="inline">Source: archives.</note><p>Aid ended.<note n="12" place="foot">A <hi>foot</hi> note.</note> Then<note>Unnumbered.</note> silence.</p>'),
    meta,
  );
  assert.deepEqual(kinds(d), [
    ['paragraph', 'Source: archives.'],
    ['paragraph', 'Aid ended.[12] Then[2] silence.'],
    ['footnote', '[12] A foot note.'],
    ['footnote', '[2] Unnumbered.'],
  ]);
  assert.deepEqual(d.notes.map((n) => [n.label, d.text.slice(n.marker.start, n.marker.end), n.noteBlock]), [
    ['12', '[12]', 2],
    ['2', '[2]', 3],
  ]);
});

test('choice, line breaks, deletions and running heads', () => {
  const d = fromTei(
    tei('', '<p>The <choice><sic>goverment</sic><corr>government</corr></choice> of <choice><orig>Shqipëria</orig><reg>Albania</reg></choice> <choice><abbr>Amb.</abbr><expan>Ambassador</expan></choice> re<lb break="no"/>plied<lb/>at once<del>, angrily</del>.<pb n="2"/><fw type="header">PAGE 2</fw></p>'),
    meta,
  );
  assert.equal(d.text, 'The government of Albania Ambassador replied at once.');
});

test('dates with @when are kept with their spans (astral characters before them)', () => {
  const d = fromTei(tei('', '<p>𝔄 🎉 On <date when="1978-07-07">7 July 1978</date> and <date from="1975-12-02" to="1978-07">later</date>.</p>'), meta);
  assert.deepEqual(
    d.markedDates?.map((m) => [d.text.slice(m.span.start, m.span.end), m.value]),
    [
      ['7 July 1978', '1978-07-07'],
      ['later', '1975-12-02/1978-07'],
    ],
  );
});

test('not TEI, malformed, entity references not declared', () => {
  assert.throws(() => fromTei('<rss><channel/></rss>', meta), (e: { code?: string }) => e.code === 'E004');
  assert.throws(() => fromTei('<TEI><text><body><p>x</body></TEI>', meta), (e: { code?: string }) => e.code === 'E005');
  assert.throws(() => fromTei('<TEI><text><body><p>&nosuchentity;</p></body></text></TEI>', meta), (e: { code?: string }) => e.code === 'E005');
});

test('prefixed TEI namespace and TEI P4 roots', () => {
  const d = fromTei('<tei:TEI xmlns:tei="http://www.tei-c.org/ns/1.0"><tei:text><tei:body><tei:p>Prefixed.</tei:p></tei:body></tei:text></tei:TEI>', meta);
  assert.equal(d.text, 'Prefixed.');
  const p4 = fromTei('<TEI.2><teiHeader><fileDesc><titleStmt><title>Old</title></titleStmt></fileDesc></teiHeader><text><body><p>P4.</p></body></text></TEI.2>', meta);
  assert.equal(p4.title, 'Old');
  assert.equal(p4.text, 'P4.');
});

test('deep nesting costs no more than its length', () => {
  const depth = 20000;
  const d = fromTei(`<TEI><text><body>${'<div>'.repeat(depth)}<p>Deep.</p>${'</div>'.repeat(depth)}</body></text></TEI>`, meta);
  assert.equal(d.text, 'Deep.');
});

test('notes are laid out at the end of their division; repeated labels link to their own notes', () => {
  const d = fromTei(
    tei(
      '',
      `<div type="document"><head>1. Telegram<note n="0" type="source">Source: files.</note></head><p>Text one.<note n="1">First doc note.</note></p></div>
       <div type="document"><head>2. Memorandum</head><p>Text two.<note n="1">Second doc note.</note></p>
       <figure><graphic url="x.jpg"/><head>A photograph</head></figure></div>`,
    ),
    meta,
  );
  assert.deepEqual(kinds(d), [
    ['heading', '1. Telegram[0]'],
    ['paragraph', 'Text one.[1]'],
    ['footnote', '[0] Source: files.'],
    ['footnote', '[1] First doc note.'],
    ['heading', '2. Memorandum'],
    ['paragraph', 'Text two.[1]'],
    ['caption', 'A photograph'],
    ['footnote', '[1] Second doc note.'],
  ]);
  assert.deepEqual(d.notes.map((n) => [n.label, n.noteBlock]), [
    ['0', 2],
    ['1', 3],
    ['1', 7],
  ]);
});

test('entities: HTML named characters and simple declarations of the file; nested ones are not expanded', () => {
  const d = fromTei('<!DOCTYPE TEI [<!ENTITY tirana "Tiranë">]><TEI><text><body><p>A&mdash;B&nbsp;C &eacute; &tirana; &amp;</p></body></text></TEI>', meta);
  assert.equal(d.text, 'A—B\u00a0C é Tiranë &');
  assert.throws(
    () => fromTei('<!DOCTYPE TEI [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><TEI><text><body><p>&b;</p></body></text></TEI>', meta),
    (e: { code?: string }) => e.code === 'E005',
  );
});

test('a note nothing refers to becomes a footnote block with no marker and no stray label', () => {
  const d = fromTei(
    tei('<titleStmt><title>T</title></titleStmt>', '<div><p>Signed at Ghent.</p><note type="editorial">The Senate consented on <date when="1815-02-16">February 16, 1815</date>.</note><p>Text with a note.<note n="2">A real note.</note></p></div>'),
    meta,
  );
  assert.ok(!/\[1\]/.test(d.text), d.text);
  assert.deepEqual(kinds(d), [
    ['paragraph', 'Signed at Ghent.'],
    ['paragraph', 'Text with a note.[2]'],
    ['footnote', 'The Senate consented on February 16, 1815.'],
    ['footnote', '[2] A real note.'],
  ]);
  assert.equal(d.notes.length, 1);
  assert.equal(d.notes[0].label, '2');
  assert.equal(d.blocks[d.notes[0].noteBlock].label, '2');
});

test('with no date in the header, a single document is dated by its division or date line', () => {
  const a = fromTei(tei('<titleStmt><title>T</title></titleStmt>', '<div type="document" frus:doc-dateTime-min="1956-11-06T20:00:00" xmlns:frus="x"><opener><dateline>London, <date when="1956-11-06T20:00:00">November 6, 1956—8 p.m.</date></dateline></opener><p>x</p></div>'), meta);
  assert.equal(a.published, '1956-11-06');
  const b = fromTei(tei('<titleStmt><title>T</title></titleStmt>', '<div><p>x</p><closer><dateline>Done at Ghent, <date when="1814-12-24">24 December 1814</date></dateline></closer></div>'), meta);
  assert.equal(b.published, '1814-12-24');
  const c = fromTei(tei('<titleStmt><title>T</title></titleStmt><publicationStmt><date when="2001">2001</date></publicationStmt>', '<div><dateline><date when="1814-12-24">24 December 1814</date></dateline><p>x</p></div>'), meta);
  assert.equal(c.published, '2001', 'the header wins');
});

test('the title written again as the first paragraph of the text is a heading', () => {
  const d = fromTei(tei('<titleStmt><title>Convention of Peace, 1800</title></titleStmt>', '<div><p>Convention of Peace, 1800</p><p>Peace shall reign.</p></div>'), meta);
  assert.deepEqual(kinds(d), [
    ['heading', 'Convention of Peace, 1800'],
    ['paragraph', 'Peace shall reign.'],
  ]);
});
