/**
 * DOCX reader: Word's paragraphs, headings, lists, quotes, tables and
 * footnotes/endnotes become a Document. The zip container is checked first
 * (entry sizes, ratio, count; XML parts inflated under a size bound and
 * scanned for entity tricks), then mammoth (in the bounded reader worker, see
 * sandbox.ts) turns WordprocessingML into simple HTML which is walked into blocks. Footnote references are written "[n]" and
 * linked to their note blocks; title and author come from docProps/core.xml.
 */
import { createHash } from 'node:crypto';
import { parseHTML } from 'linkedom';
import { AnnalsError, isAnnalsError } from '../core/errors.js';
import type { BlockKind, Document } from '../core/types.js';
import { TextBuilder } from './builder.js';
import { docxToHtml } from './sandbox.js';
import { DEFAULT_LIMITS, checkSize, checkTextLength, checkXmlSafety, inspectZip, type Limits } from './limits.js';

export interface DocxOptions {
  limits?: Limits;
}

/** Word styles mapped beyond mammoth's defaults (headings, lists and notes are built in). */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Quote'] => blockquote:fresh",
  "p[style-name='Intense Quote'] => blockquote:fresh",
  "p[style-name='Block Text'] => blockquote:fresh",
  "p[style-name='caption'] => p.caption:fresh",
  "p[style-name='Caption'] => p.caption:fresh",
];

/** Parts inflated and checked before mammoth reads them. */
function isXmlPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name);
}

export async function fromDocx(bytes: Uint8Array, uri: string, options: DocxOptions = {}): Promise<Document> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  checkSize(bytes, uri, limits);
  const { files } = await inspectZip(bytes, uri, limits, isXmlPart);
  if (!files.has('word/document.xml') && ![...files.keys()].some((n) => /^word\/document\d*\.xml$/i.test(n))) {
    throw new AnnalsError('E004', 'zip file is not a Word document (no word/document.xml)', uri);
  }
  for (const [name, data] of files) {
    try {
      checkXmlSafety(data.toString('utf8'), uri, limits);
    } catch (e) {
      if (isAnnalsError(e)) throw new AnnalsError(e.code, `${name}: ${e.message}`, uri);
      throw e;
    }
  }
  const html = await toHtml(bytes, uri, limits);
  // Markup around the text is a few times its length at most: refuse before building a tree of it.
  if (html.length > limits.maxTextChars * 4) checkTextLength(html, uri, limits);
  const built = htmlToText(html);
  checkTextLength(built.text, uri, limits);
  if (built.text.trim().length === 0) throw new AnnalsError('E003', 'Word document holds no text', uri);
  const core = files.get('docProps/core.xml');
  const props = core ? coreProperties(core.toString('utf8')) : { title: null, author: null };
  const firstHeading = built.blocks.find((b) => b.kind === 'heading');
  return {
    id: createHash('sha256').update(bytes).digest('hex'),
    uri,
    name: uri.replace(/[?#].*$/, '').split(/[\\/]/).pop() || uri,
    format: 'docx',
    title: props.title ?? (firstHeading ? built.text.slice(firstHeading.span.start, firstHeading.span.end) : null),
    author: props.author,
    published: null,
    text: built.text,
    blocks: built.blocks,
    notes: built.notes,
    sourceMap: built.sourceMap,
  };
}

async function toHtml(bytes: Uint8Array, uri: string, limits: Limits): Promise<string> {
  // mammoth runs in the bounded reader worker: time and heap are limited.
  return docxToHtml(bytes, uri, limits, STYLE_MAP);
}

/** Note ids mammoth gives: footnote-3, endnote-2. */
const NOTE_ID = /^(footnote|endnote)-(-?\d+)$/;
const NOTE_REF_HREF = /^#(footnote|endnote)-(-?\d+)$/;

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'blockquote', 'dl', 'dt', 'dd', 'div']);

/**
 * Walk mammoth's HTML into text and blocks (exported for tests). Footnote
 * references "[n]" become markers, the notes list becomes footnote blocks,
 * back links and comments are dropped.
 */
export function htmlToText(html: string): ReturnType<TextBuilder['finish']> {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  const b = new TextBuilder();
  // The label printed at each note's reference ("[3]"), found in one pass.
  const labels = new Map<string, string>();
  for (const a of Array.from(document.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    const m = /^\[(.+)\]$/.exec((a.textContent ?? '').trim());
    if (m && NOTE_REF_HREF.test(href) && !labels.has(href.slice(1))) labels.set(href.slice(1), m[1]!);
  }
  for (const child of Array.from(document.body.childNodes)) walkBlock(child as Node, b, 'paragraph', labels);
  return b.finish();
}

function walkBlock(node: Node, b: TextBuilder, context: BlockKind, labels: Map<string, string>): void {
  if (node.nodeType === 3) {
    if ((node.textContent ?? '').trim()) {
      if (!b.isOpen) b.open(context);
      b.text(node.textContent ?? '');
    }
    return;
  }
  if (node.nodeType !== 1) return;
  const el = node as Element;
  const tag = el.tagName.toLowerCase();
  if (tag === 'dl') return; // comments
  if (/^h[1-6]$/.test(tag)) {
    b.open('heading');
    walkInline(el, b);
    b.close();
    return;
  }
  if (tag === 'li') {
    const note = NOTE_ID.exec(el.getAttribute('id') ?? '');
    if (note) {
      b.open('footnote', { label: labels.get(el.getAttribute('id') ?? '') ?? note[2]! });
      walkInline(el, b);
      b.close();
      return;
    }
    walkMixed(el, b, 'list-item', labels);
    return;
  }
  if (tag === 'p') {
    const kind: BlockKind = el.classList.contains('caption') ? 'caption' : context === 'list-item' ? 'list-item' : context;
    b.open(kind);
    walkInline(el, b);
    b.close();
    return;
  }
  if (tag === 'blockquote') {
    for (const c of Array.from(el.childNodes)) walkBlock(c as Node, b, 'quote', labels);
    b.close();
    return;
  }
  if (tag === 'ol' && isNotesList(el)) {
    for (const c of Array.from(el.childNodes)) walkBlock(c as Node, b, 'footnote', labels);
    return;
  }
  if (BLOCK_TAGS.has(tag)) {
    for (const c of Array.from(el.childNodes)) walkBlock(c as Node, b, tag === 'td' || tag === 'th' ? 'paragraph' : context, labels);
    if (tag === 'td' || tag === 'th') b.close();
    return;
  }
  // Inline content at block level: gather it into a block of the context's kind.
  if (!b.isOpen) b.open(context);
  walkInline(el, b);
}

/** A list item holding text and nested lists: its own text is one block, nested items follow. */
function walkMixed(el: Element, b: TextBuilder, kind: BlockKind, labels: Map<string, string>): void {
  b.open(kind);
  for (const c of Array.from(el.childNodes)) {
    const child = c as Node;
    if (child.nodeType === 1 && BLOCK_TAGS.has((child as Element).tagName.toLowerCase())) {
      const t = (child as Element).tagName.toLowerCase();
      if (t === 'p') {
        if (b.isOpen && b.openKind === kind) {
          b.text(' ');
          walkInline(child as Element, b);
        } else {
          b.open(kind);
          walkInline(child as Element, b);
        }
      } else {
        b.close();
        walkBlock(child, b, kind, labels);
      }
    } else if (child.nodeType === 3 || child.nodeType === 1) {
      if (!b.isOpen) b.open(kind);
      if (child.nodeType === 3) b.text(child.textContent ?? '');
      else walkInline(child as Element, b);
    }
  }
  b.close();
}

function isNotesList(el: Element): boolean {
  const items = Array.from(el.children);
  return items.length > 0 && items.every((li) => NOTE_ID.test(li.getAttribute('id') ?? ''));
}

function walkInline(el: Element, b: TextBuilder): void {
  for (const c of Array.from(el.childNodes)) {
    const node = c as Node;
    if (node.nodeType === 3) {
      b.text(node.textContent ?? '');
      continue;
    }
    if (node.nodeType !== 1) continue;
    const child = node as Element;
    const tag = child.tagName.toLowerCase();
    const href = child.getAttribute('href') ?? '';
    if (tag === 'a' && /^#(footnote|endnote|comment)-ref-/.test(href)) continue; // back link "↑"
    if (tag === 'a' && /^#comment-/.test(href)) continue; // comment reference
    if (tag === 'a' && NOTE_REF_HREF.test(href)) {
      const m = /^\[(.+)\]$/.exec((child.textContent ?? '').trim());
      if (m) b.marker(m[1]!);
      continue;
    }
    if (tag === 'br') {
      b.text(' ');
      continue;
    }
    if (tag === 'img') continue;
    if (tag === 'p' || tag === 'li') {
      b.text(' ');
      walkInline(child, b);
      b.text(' ');
      continue;
    }
    walkInline(child, b);
  }
}

/** Title and author from docProps/core.xml (Dublin Core), decoded; null when absent or blank. */
export function coreProperties(xml: string): { title: string | null; author: string | null } {
  const pick = (tag: string): string | null => {
    const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
    if (!m) return null;
    const v = decodeXmlText(m[1]!).replace(/\s+/g, ' ').trim();
    return v.length > 0 ? v : null;
  };
  return { title: pick('dc:title'), author: pick('dc:creator') };
}

function decodeXmlText(s: string): string {
  return s
    .replace(/<[^>]*>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => safeCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => safeCodePoint(parseInt(d, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function safeCodePoint(n: number): string {
  return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\uFFFD';
}
