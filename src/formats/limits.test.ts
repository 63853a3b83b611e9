import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnalsError } from '../core/errors.js';
import {
  DEFAULT_LIMITS,
  checkHtmlSafety,
  checkLineLength,
  checkSize,
  checkTextLength,
  checkXmlSafety,
  checkZipEntry,
  limitsFromEnv,
  maxNesting,
  resolveLimits,
} from './limits.js';

function isError(code: string, re?: RegExp) {
  return (e: unknown) => e instanceof AnnalsError && e.code === code && e.subject === 'f' && (!re || re.test(e.message));
}

test('resolveLimits keeps defaults and refuses nonsense', () => {
  assert.deepEqual(resolveLimits(), { ...DEFAULT_LIMITS });
  assert.equal(resolveLimits({ maxFileBytes: 10 }).maxFileBytes, 10);
  assert.throws(() => resolveLimits({ maxFileBytes: -1 }), (e: unknown) => e instanceof AnnalsError && e.code === 'E020');
});

test('limitsFromEnv reads megabytes and counts', () => {
  const l = limitsFromEnv({ ANNALS_MAX_FILE_MB: '2', ANNALS_MAX_TEXT_CHARS: '1000', ANNALS_READER_TIMEOUT_MS: '' });
  assert.equal(l.maxFileBytes, 2 * 1024 * 1024);
  assert.equal(l.maxTextChars, 1000);
  assert.equal(l.readerTimeoutMs, DEFAULT_LIMITS.readerTimeoutMs);
  assert.throws(() => limitsFromEnv({ ANNALS_MAX_FILE_MB: 'lots' }), /ANNALS_MAX_FILE_MB/);
});

test('checkSize: empty and too large files', () => {
  assert.throws(() => checkSize(new Uint8Array(0), 'f'), isError('E003'));
  assert.throws(() => checkSize(new Uint8Array(11), 'f', resolveLimits({ maxFileBytes: 10 })), isError('E006', /limit is 10 bytes/));
  checkSize(new Uint8Array(10), 'f', resolveLimits({ maxFileBytes: 10 }));
});

test('a 50 MB single line is refused quickly', () => {
  const line = 'x'.repeat(50 * 1024 * 1024);
  const t0 = Date.now();
  assert.throws(() => checkLineLength(line, 'f'), isError('E007', /too long/));
  // Under the text limit but over the line limit: the line is named.
  const limits = resolveLimits({ maxTextChars: 60 * 1024 * 1024 });
  assert.throws(() => checkLineLength('ok\n' + line, 'f', limits), isError('E007', /line 2 is 52428800 characters/));
  assert.ok(Date.now() - t0 < 2000);
});

test('checkLineLength accepts ordinary prose', () => {
  checkLineLength('A line.\nAnother line.\n'.repeat(1000), 'f', resolveLimits({ maxLineChars: 100 }));
  assert.throws(() => checkTextLength('abc', 'f', resolveLimits({ maxTextChars: 2 })), isError('E007'));
});

const LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<lolz>&lol2;</lolz>`;

test('XML entity bomb ("billion laughs") is refused', () => {
  assert.throws(() => checkXmlSafety(LAUGHS, 'f'), isError('E005', /entity "lol1" refers to other entities/));
});

test('external and parameter entities are refused', () => {
  const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
  assert.throws(() => checkXmlSafety(xxe, 'f'), isError('E005', /external entity/));
  const pe = '<!DOCTYPE r [<!ENTITY % p "<!ENTITY y \'z\'>"> %p;]><r/>';
  assert.throws(() => checkXmlSafety(pe, 'f'), isError('E005', /parameter entity/));
});

test('literal internal entities and a DOCTYPE without subset are fine', () => {
  checkXmlSafety('<!DOCTYPE TEI [<!ENTITY mdash "—">]><TEI><text>a&mdash;b</text></TEI>', 'f');
  checkXmlSafety('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd"><html/>', 'f');
});

test('too many entity declarations are refused', () => {
  const decls = Array.from({ length: 5 }, (_, i) => `<!ENTITY e${i} "v">`).join('');
  assert.throws(() => checkXmlSafety(`<!DOCTYPE r [${decls}]><r/>`, 'f', resolveLimits({ maxXmlEntities: 4 })), isError('E005', /more than 4 entities/));
});

test('deeply nested XML is refused without recursion', () => {
  const deep = '<a>'.repeat(200_000) + '</a>'.repeat(200_000);
  const t0 = Date.now();
  assert.throws(() => checkXmlSafety(deep, 'f'), isError('E005', /deeper than 1000/));
  assert.ok(Date.now() - t0 < 1000);
  checkXmlSafety('<r>' + '<p><hi>x</hi><br/></p>'.repeat(5000) + '</r>', 'f');
});

test('deeply nested HTML is refused; sloppy but ordinary HTML is not', () => {
  const deep = '<html><body>' + '<div>'.repeat(100_000) + 'x';
  assert.throws(() => checkHtmlSafety(deep, 'f'), isError('E005', /HTML is nested deeper/));
  // Unclosed <p> and <li>, void elements, a script holding tags: shallow.
  const sloppy = '<html><body>' + '<p>para<br>text<img src=x><li>item'.repeat(5000) + '<script>for(i=0;i<9;i++)document.write("<div>")</script></body></html>';
  checkHtmlSafety(sloppy, 'f');
  assert.ok(maxNesting(sloppy, true) <= 3);
});

test('maxNesting understands comments, CDATA and quoted attributes', () => {
  assert.equal(maxNesting('<a><!-- <b><c> --><![CDATA[<d><e>]]><f title="x>y"><g/></f></a>', false), 2);
});

test('checkZipEntry: count, size, total and ratio', () => {
  const l = resolveLimits({ maxZipEntries: 3, maxZipEntryBytes: 10 * 1024 * 1024, maxZipTotalBytes: 15 * 1024 * 1024, maxZipRatio: 50 });
  const ok = { name: 'a.xml', compressedSize: 1_000_000, uncompressedSize: 5_000_000 };
  checkZipEntry(ok, 1, ok.uncompressedSize, 'f', l);
  assert.throws(() => checkZipEntry(ok, 4, 1, 'f', l), isError('E006', /more than 3 entries/));
  assert.throws(() => checkZipEntry({ ...ok, uncompressedSize: 11 * 1024 * 1024, compressedSize: 5_000_000 }, 1, 1, 'f', l), isError('E006', /would inflate to 11\.0 MiB/));
  assert.throws(() => checkZipEntry(ok, 2, 16 * 1024 * 1024, 'f', l), isError('E006', /in all/));
  assert.throws(() => checkZipEntry({ ...ok, compressedSize: 10_000 }, 1, 1, 'f', l), isError('E006', /compressed 500:1/));
  // Small entries may compress well.
  checkZipEntry({ name: 's.xml', compressedSize: 10, uncompressedSize: 100_000 }, 1, 1, 'f', l);
});

// ---------------------------------------------------------------------------
// pathological input through the dispatcher: refused clearly, quickly

test('readDocument refuses pathological input with a clear error naming the file', async (t) => {
  const { readDocument } = await import('./index.js');
  const { makeDocx, makeZip, docxParts } = await import('../../test/fixtures/binary/build.js');
  const { closeReaderWorker } = await import('./sandbox.js');
  t.after(() => closeReaderWorker());
  const expectRefused = async (bytes: Uint8Array, uri: string, code: string, re: RegExp, limits = DEFAULT_LIMITS) => {
    const t0 = Date.now();
    await assert.rejects(readDocument(bytes, uri, { limits }), (e: unknown) => {
      assert.ok(e instanceof AnnalsError, `${uri}: ${String(e)}`);
      assert.equal(e.code, code, `${uri}: ${e.toLine()}`);
      assert.equal(e.subject, uri);
      assert.match(e.message, re);
      return true;
    });
    assert.ok(Date.now() - t0 < 5000, `${uri} took ${Date.now() - t0} ms`);
  };
  await expectRefused(Buffer.alloc(50 * 1024 * 1024, 'x'), 'line.txt', 'E007', /too long/);
  await expectRefused(Buffer.from('<html><body>' + '<div>'.repeat(100_000) + 'deep'), 'deep.html', 'E005', /nested deeper/);
  await expectRefused(Buffer.from(LAUGHS), 'lol.xml', 'E005', /refers to other entities/);
  const bombParts = docxParts({ paragraphs: [{ text: 'x' }] }).map((p) => (p.name === 'word/document.xml' ? { ...p, claimSize: 4_000_000_000 } : p));
  await expectRefused(makeZip(bombParts), 'bomb.docx', 'E006', /zip bomb/);
  const endless = Buffer.from(
    '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n4 0 obj\n<< /Length 999999999 >>\nstream\n' +
      'BT /F1 1 Tf (x) Tj ET\n'.repeat(600_000),
    'latin1',
  );
  await expectRefused(endless, 'endless.pdf', 'E005', /within 300 ms|PDF/, resolveLimits({ readerTimeoutMs: 300 }));
  await expectRefused(Buffer.alloc(2048, 1), 'noise.txt', 'E004', /binary/);
  await expectRefused(makeDocx({ paragraphs: [{ text: 'x' }] }), 'small.docx', 'E006', /too large/, resolveLimits({ maxFileBytes: 100 }));
});

test('readDocument takes its limits from the environment when none are given', async (t) => {
  const { readDocument } = await import('./index.js');
  const saved = process.env.ANNALS_MAX_TEXT_CHARS;
  t.after(() => {
    if (saved === undefined) delete process.env.ANNALS_MAX_TEXT_CHARS;
    else process.env.ANNALS_MAX_TEXT_CHARS = saved;
  });
  process.env.ANNALS_MAX_TEXT_CHARS = '10';
  await assert.rejects(readDocument(Buffer.from('A sentence longer than ten characters.\n'), 'env.txt'), (e: unknown) => e instanceof AnnalsError && e.code === 'E007' && /ANNALS_MAX_TEXT_CHARS/.test(e.message));
});
