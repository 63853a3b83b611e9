import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { AnnalsError } from '../core/errors.js';
import { declaredEncoding, decodeText, detectEncoding, utf8Validity, wordScore } from './encoding.js';

const ALBANIAN = 'Shqipëria dhe Kina nënshkruan një marrëveshje. Çështja u diskutua në Tiranë më 1970.';
const CZECH = 'Ministr zahraničí řekl, že Československo podepíše smlouvu. Žádné příměří nebylo.';
const POLISH = 'Minister spraw zagranicznych z Łodzi powiedział, że rząd podpisze porozumienie w Gdańsku.';
const QUOTES = '“We will not yield,” the minister said – and the talks ended — Zëri i Popullit wrote.';

function enc(text: string, encoding: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, encoding));
}

function bytes(...parts: (number[] | Uint8Array)[]): Uint8Array {
  return new Uint8Array(parts.flatMap((p) => Array.from(p)));
}

test('UTF-8 without BOM', () => {
  assert.equal(decodeText(enc(ALBANIAN, 'utf-8'), 'a.txt'), ALBANIAN);
  assert.equal(detectEncoding(enc(ALBANIAN, 'utf-8'), 'a.txt').encoding, 'utf-8');
});

test('UTF-8 with BOM: the BOM is dropped', () => {
  const b = bytes([0xef, 0xbb, 0xbf], enc(ALBANIAN, 'utf-8'));
  assert.equal(decodeText(b, 'a.txt'), ALBANIAN);
});

test('plain ASCII is UTF-8', () => {
  assert.equal(decodeText(enc('Plain text.\n', 'ascii'), 'a.txt'), 'Plain text.\n');
});

test('UTF-16 LE and BE with BOM, astral characters kept', () => {
  const text = ALBANIAN + ' 𝔄';
  const le = bytes([0xff, 0xfe], enc(text, 'utf-16le'));
  const be = bytes([0xfe, 0xff], enc(text, 'utf-16be'));
  assert.equal(decodeText(le, 'le.txt'), text);
  assert.equal(decodeText(be, 'be.txt'), text);
  assert.equal(detectEncoding(be, 'be.txt').encoding, 'utf-16be');
});

test('UTF-16 LE without BOM is recognised by its NUL pattern', () => {
  const b = enc(ALBANIAN, 'utf-16le');
  assert.equal(detectEncoding(b, 'x.txt').ruleId, 'encoding.utf16-nobom-v1');
  assert.equal(decodeText(b, 'x.txt'), ALBANIAN);
});

test('Windows-1252 with curly quotes and dashes', () => {
  const b = enc(QUOTES, 'windows-1252');
  assert.equal(detectEncoding(b, 'q.txt').encoding, 'windows-1252');
  assert.equal(decodeText(b, 'q.txt'), QUOTES);
});

test('Albanian ë and ç read right from Windows-1252 and ISO-8859-2 bytes', () => {
  assert.equal(decodeText(enc(ALBANIAN, 'windows-1252'), 'a.txt'), ALBANIAN);
  assert.equal(decodeText(enc(ALBANIAN, 'iso-8859-2'), 'a.txt'), ALBANIAN);
});

test('ISO-8859-2 Czech and Polish text is not read as Windows-1252', () => {
  assert.equal(decodeText(enc(CZECH, 'iso-8859-2'), 'cz.txt'), CZECH);
  assert.equal(decodeText(enc(POLISH, 'iso-8859-2'), 'pl.txt'), POLISH);
});

test('Windows-1250 Polish with ś and ź in the 0x80-0x9F range', () => {
  const text = 'Śląsk i źródła: rząd podpisał umowę, „jak zapowiadał” premier.';
  assert.equal(decodeText(enc(text, 'windows-1250'), 'pl.txt'), text);
});

test('Windows-1251 Russian is read as Cyrillic', () => {
  const text = 'Министр иностранных дел заявил, что переговоры в Москве продолжатся на следующей неделе.';
  assert.equal(decodeText(enc(text, 'windows-1251'), 'ru.txt'), text);
});

test('mostly UTF-8 with one stray Windows-1252 byte stays UTF-8', () => {
  const good = enc(ALBANIAN + ' ' + ALBANIAN, 'utf-8');
  const b = bytes(good, [0x20, 0x93, 0x20], good);
  const out = decodeText(b, 'm.txt');
  assert.equal(detectEncoding(b, 'm.txt').ruleId, 'encoding.utf8-mostly-v1');
  assert.ok(out.startsWith(ALBANIAN));
  assert.ok(out.includes('\uFFFD'));
});

test('NUL bytes mean binary: E004 naming the file', () => {
  const b = bytes(enc('MZ', 'ascii'), [0, 0, 1, 2, 3, 0, 0x90, 0xff, 0, 0, 0, 7]);
  assert.throws(
    () => decodeText(b, 'prog.exe'),
    (e: unknown) => e instanceof AnnalsError && e.code === 'E004' && e.subject === 'prog.exe' && /NUL/.test(e.message),
  );
});

test('many control characters mean binary', () => {
  const b = new Uint8Array(1000).map((_, i) => (i % 10 === 0 ? 3 : 65));
  assert.throws(() => decodeText(b, 'ctl.bin'), (e: unknown) => e instanceof AnnalsError && e.code === 'E004');
});

test('a few form feeds and escapes are still text', () => {
  const text = 'Page one.\fPage two.\n';
  assert.equal(decodeText(enc(text, 'ascii'), 'ff.txt'), text);
});

test('utf8Validity counts sequences and stray bytes', () => {
  assert.deepEqual(utf8Validity(enc('ëç𝔄', 'utf-8')), { valid: 3, invalid: 0 });
  assert.deepEqual(utf8Validity(new Uint8Array([0xc3, 0x41, 0xff])), { valid: 0, invalid: 2 });
  // An overlong encoding and a surrogate are invalid.
  assert.equal(utf8Validity(new Uint8Array([0xc0, 0xaf])).invalid, 2);
  assert.ok(utf8Validity(new Uint8Array([0xed, 0xa0, 0x80])).invalid > 0);
});

test('wordScore prefers letters inside words over symbols inside words', () => {
  assert.ok(wordScore('Łódź') > wordScore('£ód¼'));
  assert.ok(wordScore('“quoted”') > wordScore('\u0093quoted\u0094'));
});

test('an HTML page declaring its charset is read in it when it is not UTF-8', () => {
  const page = '<html><head><meta charset="ISO-8859-2"><title>x</title></head><body><p>Łódź, Žilina</p></body></html>';
  const b = enc(page, 'iso-8859-2');
  assert.equal(detectEncoding(b, 'p.html').ruleId, 'encoding.declared-v1');
  assert.equal(decodeText(b, 'p.html'), page);
  const koi = '<?xml version="1.0" encoding="KOI8-R"?><TEI><p>Москва</p></TEI>';
  assert.equal(decodeText(enc(koi, 'koi8-r'), 'k.xml'), koi);
  // ISO-8859-1 declared, curly quotes present: read as Windows-1252, as browsers do.
  const latin = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>“Zëri”</p>';
  assert.equal(decodeText(enc(latin, 'windows-1252'), 'l.html'), latin);
  // A declaration that lies about valid UTF-8 bytes is ignored.
  const utf = '<meta charset="windows-1252"><p>Zëri i Popullit</p>';
  assert.equal(decodeText(enc(utf, 'utf-8'), 'u.html'), utf);
  assert.equal(declaredEncoding(enc('<meta charset="x-unknown-9">', 'ascii')), null);
});
