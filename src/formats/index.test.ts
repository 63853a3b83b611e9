import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readDocument, baseName } from './index.js';
import { AnnalsError } from '../core/errors.js';

const enc = (s: string) => new TextEncoder().encode(s);

function rejects(code: string, uri: string) {
  return (e: unknown) => e instanceof AnnalsError && e.code === code && e.subject === uri && e.toLine().includes(uri);
}

test('id is the sha256 of the bytes, name the base name of the uri', async () => {
  const bytes = enc('The envoy came.\n');
  const doc = await readDocument(bytes, '/some/dir/note.txt');
  assert.equal(doc.id, createHash('sha256').update(bytes).digest('hex'));
  assert.equal(doc.name, 'note.txt');
  assert.equal(doc.uri, '/some/dir/note.txt');
  assert.equal((await readDocument(bytes, 'elsewhere/other.txt')).id, doc.id);
});

test('dispatches by content to each reader', async () => {
  assert.equal((await readDocument(enc('# T\n\nA [link](http://x.org).'), 'a.txt')).format, 'markdown');
  assert.equal((await readDocument(enc('<!DOCTYPE html><html><body><p>Hello there, world.</p></body></html>'), 'a.txt')).format, 'html');
  assert.equal((await readDocument(enc('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>Hi.</p></body></text></TEI>'), 'a.txt')).format, 'tei');
  assert.equal((await readDocument(enc('Plain.'), 'a.md')).format, 'markdown');
  assert.equal((await readDocument(enc('Plain.'), 'a')).format, 'text');
});

test('bad input: empty, white space, binary, malformed XML, XML that is not TEI', async () => {
  await assert.rejects(readDocument(new Uint8Array(0), 'empty.txt'), rejects('E003', 'empty.txt'));
  await assert.rejects(readDocument(enc('  \n\n '), 'blank.txt'), rejects('E003', 'blank.txt'));
  await assert.rejects(readDocument(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]), 'pic.txt'), rejects('E004', 'pic.txt'));
  await assert.rejects(readDocument(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'archive.zip'), rejects('E004', 'archive.zip'));
  await assert.rejects(readDocument(enc('<TEI><text><body><p>unclosed</body></text></TEI>'), 'bad.xml'), rejects('E005', 'bad.xml'));
  await assert.rejects(readDocument(enc('<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>'), 'feed.xml'), rejects('E004', 'feed.xml'));
  await assert.rejects(readDocument(enc('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body/></text></TEI>'), 'hollow.xml'), rejects('E003', 'hollow.xml'));
  await assert.rejects(readDocument(enc('<html><body><nav>Home</nav><script>x()</script></body></html>'), 'hollow.html'), rejects('E003', 'hollow.html'));
});

test('an XML entity bomb is refused as malformed, not expanded', async () => {
  const bomb = `<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&c;</p></body></text></TEI>`;
  await assert.rejects(readDocument(enc(bomb), 'bomb.xml'), rejects('E005', 'bomb.xml'));
});

test('base names', () => {
  assert.equal(baseName('a/b/c.txt'), 'c.txt');
  assert.equal(baseName('C:\\docs\\d.md'), 'd.md');
  assert.equal(baseName('https://x.org/p/page.html?q=1'), 'page.html');
});
