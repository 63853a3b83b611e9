import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectBinary, detectTextFormat, extensionOf, looksLikeMarkdown } from './detect.js';

const bytes = (s: string) => new TextEncoder().encode(s);

test('magic bytes: PDF, DOCX, other zip, images, NUL-laden data', () => {
  assert.equal(detectBinary(bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj')), 'pdf');
  const zipHead = [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0];
  assert.equal(detectBinary(new Uint8Array([...zipHead, ...bytes('....word/document.xml....')])), 'docx');
  assert.equal(detectBinary(new Uint8Array([...zipHead, ...bytes('....content.xml....')])), 'binary');
  assert.equal(detectBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'binary');
  assert.equal(detectBinary(new Uint8Array([0x41, 0x00, 0x42, 0x43])), 'binary');
  assert.equal(detectBinary(bytes('Plain text about Albania.')), undefined);
  // UTF-16 with a BOM is text, NULs and all
  assert.equal(detectBinary(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00])), undefined);
});

test('text formats by content, whatever the extension', () => {
  assert.equal(detectTextFormat('<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>', 'a.txt'), 'tei');
  assert.equal(detectTextFormat('<TEI.2><teiHeader/></TEI.2>', 'a'), 'tei');
  assert.equal(detectTextFormat('<!DOCTYPE html><html><body><p>x</p></body></html>', 'a.txt'), 'html');
  assert.equal(detectTextFormat('<html><body>x</body></html>', 'page'), 'html');
  assert.equal(detectTextFormat('<p>A fragment</p>', 'a.xml'), 'html');
  assert.equal(detectTextFormat('<?xml version="1.0"?><rss><channel/></rss>', 'feed.xml'), 'xml');
  assert.equal(detectTextFormat('---\ntitle: X\n---\n# Heading\n\nText.', 'notes.txt'), 'markdown');
  assert.equal(detectTextFormat('Just text.', 'notes.md'), 'markdown');
  assert.equal(detectTextFormat('Just text about the 1978 split.', 'notes'), 'text');
  assert.equal(detectTextFormat('Text.', 'page.html'), 'html');
  assert.equal(detectTextFormat('<note>A plain note that opens with a tag.', 'notes.txt'), 'text');
  assert.equal(detectTextFormat('<<guardian>> was the word.', 'notes.txt'), 'text');
  assert.equal(detectTextFormat('<b>Bold</b> start', 'notes.txt'), 'html');
});

test('Markdown structure is recognised, plain prose is not', () => {
  assert.ok(looksLikeMarkdown('# Title\n\nSee [the treaty](https://example.org).'));
  assert.ok(looksLikeMarkdown('Text with a note.[^1]\n\n[^1]: The note.'));
  assert.ok(!looksLikeMarkdown('The envoy came in 1972.[i] He left.\n\n[i] Albania Today #3 1972'));
  assert.ok(!looksLikeMarkdown('- one line that looks like a list item'));
});

test('extensions', () => {
  assert.equal(extensionOf('/a/b/c.TXT'), 'txt');
  assert.equal(extensionOf('https://x.org/page.html?x=1#top'), 'html');
  assert.equal(extensionOf('README'), '');
  assert.equal(extensionOf('.hidden'), '');
});
