/**
 * EPUB reader: the chapters named by the package's spine, in reading order,
 * each read by the HTML reader and laid one after another. The zip container
 * is checked first like a DOCX (sizes, ratio, count; XML parts inflated under
 * a bound and scanned for entity tricks). Title, author and publication date
 * come from the package's Dublin Core metadata. The source map gives each
 * chapter's file (`path`), so evidence can cite its chapter.
 *
 * The Document's format is "html": an EPUB is a bundle of XHTML pages.
 */
import { createHash } from 'node:crypto';
import { AnnalsError, isAnnalsError } from '../core/errors.js';
import type { Block, Document, NoteLink, SourceMapEntry } from '../core/types.js';
import { fromHtml } from './html.js';
import { DEFAULT_LIMITS, checkHtmlSafety, checkSize, checkTextLength, checkXmlSafety, inspectZip, type Limits } from './limits.js';
import { parseDateToEdtf } from './metadata.js';

export interface EpubOptions {
  limits?: Limits;
}

/** A zip whose first entry is "mimetype" holding application/epub+zip (as the EPUB container requires). */
export function isEpub(bytes: Uint8Array): boolean {
  if (bytes.length < 60 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 3 || bytes[3] !== 4) return false;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 120)).toString('latin1');
  return head.slice(30, 38) === 'mimetype' && head.includes('application/epub+zip');
}

const PARTS = /\.(xml|opf|ncx|xhtml|html|htm)$/i;

export async function fromEpub(bytes: Uint8Array, uri: string, options: EpubOptions = {}): Promise<Document> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  checkSize(bytes, uri, limits);
  const { files } = await inspectZip(bytes, uri, limits, (name) => PARTS.test(name));
  const text = (name: string): string | null => {
    const data = files.get(name);
    if (!data) return null;
    const s = data.toString('utf8').replace(/^\uFEFF/, '');
    try {
      checkXmlSafety(s, uri, limits);
    } catch (e) {
      if (isAnnalsError(e)) throw new AnnalsError(e.code, `${name}: ${e.message}`, uri);
      throw e;
    }
    return s;
  };
  const container = text('META-INF/container.xml');
  const opfPath = container ? attr(/<rootfile\b[^>]*>/i.exec(container)?.[0] ?? '', 'full-path') : null;
  const opf = opfPath ? text(opfPath) : null;
  if (!opfPath || !opf) throw new AnnalsError('E005', 'EPUB has no package document (META-INF/container.xml → .opf)', uri);
  const pkg = readPackage(opf, dirOf(opfPath));
  if (pkg.spine.length === 0) throw new AnnalsError('E005', 'EPUB spine lists no chapters', uri);

  const id = createHash('sha256').update(bytes).digest('hex');
  const name = uri.replace(/[?#].*$/, '').split(/[\\/]/).pop() || uri;
  const out = { text: '', blocks: [] as Block[], notes: [] as NoteLink[], sourceMap: [] as SourceMapEntry[] };
  for (const href of pkg.spine) {
    const page = text(href);
    if (page === null) continue; // a spine entry missing from the zip: nothing to read
    checkHtmlSafety(page, uri, limits);
    let chapter: Document;
    try {
      chapter = fromHtml(page, { id, uri: `${uri}#${href}`, name });
    } catch (e) {
      if (isAnnalsError(e) && e.code === 'E003') continue; // a chapter without text (cover, blank page)
      if (isAnnalsError(e)) throw new AnnalsError(e.code, `${href}: ${e.message}`, uri);
      throw e;
    }
    appendChapter(out, chapter, href);
    checkTextLength(out.text, uri, limits);
  }
  if (out.text.trim().length === 0) throw new AnnalsError('E003', 'EPUB holds no text', uri);
  return {
    id,
    uri,
    name,
    format: 'html',
    title: pkg.title,
    author: pkg.author,
    published: pkg.date ? parseDateToEdtf(pkg.date) : null,
    text: out.text,
    blocks: out.blocks,
    notes: out.notes,
    sourceMap: out.sourceMap,
  };
}

/** Lay a chapter after the text so far, shifting its spans, blocks and note links. */
export function appendChapter(
  out: { text: string; blocks: Block[]; notes: NoteLink[]; sourceMap: SourceMapEntry[] },
  chapter: Pick<Document, 'text' | 'blocks' | 'notes' | 'sourceMap'>,
  path: string,
): void {
  const sep = out.text.length > 0 ? '\n\n' : '';
  const shift = out.text.length + sep.length;
  const firstBlock = out.blocks.length;
  out.text += sep + chapter.text;
  const move = <T extends { start: number; end: number }>(s: T): T => ({ ...s, start: s.start + shift, end: s.end + shift });
  for (const b of chapter.blocks) out.blocks.push({ ...b, span: move(b.span) });
  for (const n of chapter.notes) out.notes.push({ ...n, marker: move(n.marker), noteBlock: n.noteBlock + firstBlock });
  out.sourceMap.push({ span: { start: shift, end: out.text.length }, path });
  for (const e of chapter.sourceMap ?? []) out.sourceMap.push({ ...e, span: move(e.span), path: e.path ? `${path}#${e.path}` : path });
}

export interface EpubPackage {
  title: string | null;
  author: string | null;
  date: string | null;
  /** Chapter files in reading order (paths inside the zip). */
  spine: string[];
}

/** Read an OPF package document: Dublin Core metadata, manifest and spine. */
export function readPackage(opf: string, base: string): EpubPackage {
  const manifest = new Map<string, { href: string; type: string }>();
  for (const m of opf.matchAll(/<(?:opf:)?item\b[^>]*>/gi)) {
    const id = attr(m[0], 'id');
    const href = attr(m[0], 'href');
    if (id && href) manifest.set(id, { href: joinPath(base, decodeURIComponentSafe(href)), type: attr(m[0], 'media-type') ?? '' });
  }
  const spine: string[] = [];
  for (const m of opf.matchAll(/<(?:opf:)?itemref\b[^>]*>/gi)) {
    if (attr(m[0], 'linear') === 'no') continue;
    const item = manifest.get(attr(m[0], 'idref') ?? '');
    if (item && /html|xml/i.test(item.type || item.href)) spine.push(item.href);
  }
  const dc = (tag: string): string | null => {
    const m = new RegExp(`<dc:${tag}\\b[^>]*>([\\s\\S]*?)</dc:${tag}>`, 'i').exec(opf);
    const v = m ? m[1]!.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim() : '';
    return v ? decodeEntities(v) : null;
  };
  return { title: dc('title'), author: dc('creator'), date: dc('date'), spine };
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? '') : null;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => safeChar(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => safeChar(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

function safeChar(n: number): string {
  return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\uFFFD';
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** Resolve a manifest href against the package's folder ("OEBPS/" + "../Text/a.xhtml"). */
export function joinPath(base: string, href: string): string {
  const parts = (base + href.replace(/[?#].*$/, '')).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}
