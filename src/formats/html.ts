/**
 * HTML reader. linkedom parses the page; page furniture is removed by rule
 * (scripts, styles, navigation, forms, comment sections, share widgets,
 * footers, sidebars); @mozilla/readability then picks the main content, with
 * the cleaned body as the fallback when it finds too little. The walk keeps
 * headings, paragraphs, block quotes, list items, table rows and footnotes:
 * a link to an in-page anchor whose text is a short label ("1", "[12]", "iv",
 * "*") is a footnote marker, and the element it points to is the note,
 * laid out at the end as a "[label] …" footnote block.
 * Metadata: title (h1, og:title, <title>), author (meta author, byline),
 * publication date (article:published_time, citation/DC dates, <time>, JSON-LD).
 */
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import type { BlockKind, Document, Span } from '../core/types.js';
import { AnnalsError } from '../core/errors.js';
import { TextBuilder } from './builder.js';
import { markApparatus, textNotes } from './notes.js';
import { markLeadMetadata, parseDateToEdtf } from './metadata.js';

// linkedom's DOM is close to the browser's; the structural subset used here:
type El = Element;
type N = Node;

/** Elements that never hold the document's prose. */
const DROP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'nav', 'form', 'button', 'input', 'select', 'textarea', 'option',
  'label', 'iframe', 'svg', 'canvas', 'object', 'embed', 'video', 'audio', 'source', 'img', 'picture', 'map',
  'head', 'link', 'meta', 'menu', 'dialog',
]);

/** ARIA roles of page furniture. */
const DROP_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog', 'alert']);

/** Class or id tokens of page furniture (whole tokens, or tokens made of these words). */
const FURNITURE_TOKEN =
  /^(?:.*[-_])?(?:comments?|comment-respond|respond|replies|reply|share|sharing|sharedaddy|social|socials|related|relatedposts|sidebar|widgets?|breadcrumbs?|cookies?|cookie-banner|newsletter|subscribe|subscription|ads?|advert|advertisement|promo|banner|menu|navbar|navigation|nav|popup|modal|skip-link|site-header|site-footer|masthead|pagination|post-navigation|author-bio|byline-social|jp-relatedposts|sd-sharing|wpcnt|likes|like-button|reblog|editsection|mw-editsection|noprint|navbox|mw-jump-link|printfooter|catlinks)(?:[-_].*)?$/i;

/** Tokens that look like furniture but name content ("comment" inside "commentary" is not matched: tokens are whole). */
const KEEP_TOKEN = /^(?:.*[-_])?(?:footnotes?|endnotes?|notes|references|article|content|entry-content|post-content|main)$/i;

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt',
  'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'pre', 'figure', 'figcaption', 'address', 'center',
  'hr', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'body', 'html', 'caption', 'details', 'summary', 'fieldset',
]);

const MAX_DEPTH = 400;

/** A short label in a marker link: "1", "[12]", "iv", "*", "†". */
const MARKER_LABEL = /^\[?\(?([0-9]{1,4}|[ivxlcdm]{1,8}|[a-z]|\*{1,3}|†|‡)\)?\]?$/i;

function tokensOf(el: El): string[] {
  const cls = el.getAttribute('class') ?? '';
  const id = el.getAttribute('id') ?? '';
  return [...cls.split(/\s+/), id].filter(Boolean);
}

function isFurniture(el: El): boolean {
  const tag = el.tagName.toLowerCase();
  if (DROP_TAGS.has(tag)) return true;
  const role = (el.getAttribute('role') ?? '').toLowerCase();
  if (DROP_ROLES.has(role)) return !looksLikeNotes(el);
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const toks = tokensOf(el);
  if (toks.some((t) => KEEP_TOKEN.test(t))) return false;
  if (toks.some((t) => FURNITURE_TOKEN.test(t))) return true;
  if ((tag === 'footer' || tag === 'aside' || tag === 'header') && !looksLikeNotes(el)) {
    // a header inside the article holds its title: keep it
    if (tag === 'header' && el.closest('article, main, [role="main"]')) return false;
    return true;
  }
  return false;
}

function looksLikeNotes(el: El): boolean {
  const role = el.getAttribute('role') ?? '';
  return /doc-(?:end|foot)notes?/.test(role) || tokensOf(el).some((t) => /(?:foot|end)notes?/i.test(t));
}

/** Remove page furniture in place. */
export function removeFurniture(root: El): void {
  const doomed: El[] = [];
  const walk = (el: El, depth: number) => {
    for (const child of Array.from(el.children)) {
      if (isFurniture(child)) doomed.push(child);
      else if (depth < MAX_DEPTH) walk(child, depth + 1);
    }
  };
  walk(root, 0);
  for (const el of doomed) el.remove();
  // comments in the DOM (<!-- -->) carry no text for us; they are skipped in the walk
}

function meta(doc: globalThis.Document, ...selectors: string[]): string | null {
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const v = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? null;
    if (v && v.trim()) return v.trim();
  }
  return null;
}

function jsonLd(doc: globalThis.Document, key: string): string | null {
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      const data = JSON.parse(s.textContent ?? '');
      const items = Array.isArray(data) ? data : data['@graph'] ?? [data];
      for (const it of items) {
        const v = it?.[key];
        if (typeof v === 'string') return v;
        if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return (v as { name: string }).name;
        if (Array.isArray(v) && v[0] && typeof v[0].name === 'string') return v[0].name;
      }
    } catch {
      // not JSON: ignore
    }
  }
  return null;
}

function cleanTitle(t: string | null | undefined): string | null {
  if (!t) return null;
  const s = t.replace(/\s+/g, ' ').trim();
  return s || null;
}

interface HtmlMeta {
  title: string | null;
  author: string | null;
  published: string | null;
}

/** Title, author and publication date a page states about itself. */
export function readHtmlMeta(doc: globalThis.Document): HtmlMeta {
  const h1 = cleanTitle(doc.querySelector('article h1, main h1, h1')?.textContent);
  const og = cleanTitle(meta(doc, 'meta[property="og:title"]', 'meta[name="citation_title"]', 'meta[name="DC.title"]', 'meta[name="dc.title"]'));
  const headTitle = cleanTitle(doc.querySelector('title')?.textContent);
  let title = og ?? h1 ?? headTitle;
  if (!og && h1 && headTitle && headTitle.startsWith(h1)) title = h1;
  const author = cleanTitle(
    meta(doc, 'meta[name="author"]', 'meta[name="citation_author"]', 'meta[name="DC.creator"]', 'meta[name="dc.creator"]', 'meta[property="article:author"]') ??
      jsonLd(doc, 'author') ??
      doc.querySelector('[rel="author"], .byline .author, .author-name')?.textContent,
  );
  const dateRaw =
    meta(
      doc,
      'meta[property="article:published_time"]',
      'meta[name="citation_publication_date"]',
      'meta[name="citation_date"]',
      'meta[name="DC.date"]',
      'meta[name="dc.date"]',
      'meta[name="DC.date.issued"]',
      'meta[name="dcterms.date"]',
      'meta[name="date"]',
      'meta[itemprop="datePublished"]',
      'time[itemprop="datePublished"]',
      'article time[datetime]',
      'time[pubdate]',
    ) ?? jsonLd(doc, 'datePublished');
  const published = dateRaw ? parseDateToEdtf(dateRaw.replace(/\//g, '-').replace(/^(\d{4})-(\d)-/, '$1-0$2-')) ?? parseDateToEdtf(dateRaw) : null;
  return { title, author: author && author.length <= 120 ? author : null, published };
}

interface Walk {
  b: TextBuilder;
  /** id → label, for elements that hold notes. */
  noteIds: Map<string, string>;
  /** Note elements, in order of first reference, with the id their markers point to. */
  noteEls: Array<{ el: El; label: string; id: string }>;
  noteSet: Set<El>;
  /** The note element being written, so its own back-links are dropped. */
  inNote: boolean;
  /** The label and id of the note whose first block is still to be opened. */
  pendingLabel: string | null;
  pendingKey: string | null;
  /** Kind of the block closed by a double line break, for the text that follows it. */
  reopen: BlockKind | null;
  /** Dates stated by <time datetime> elements. */
  dates: Array<{ span: Span; value: string }>;
}

/** Open a block; the first block of a note gets its label and a "[label] " prefix. */
function openBlock(w: Walk, kind: BlockKind): void {
  w.reopen = null;
  if (w.pendingLabel !== null && kind === 'footnote') {
    const label = w.pendingLabel;
    const key = w.pendingKey ?? label;
    w.pendingLabel = null;
    w.pendingKey = null;
    w.b.open('footnote', { label, key });
    w.b.text(`[${label}] `);
    return;
  }
  w.b.open(kind);
}

function labelOfLink(a: El): string | null {
  const href = a.getAttribute('href') ?? '';
  if (!href.startsWith('#') || href.length < 2) return null;
  const text = (a.textContent ?? '').replace(/\s+/g, '');
  const m = MARKER_LABEL.exec(text);
  return m ? m[1] : null;
}

/** Find note markers (links to in-page anchors with a short label) and the elements they point to. */
function findNotes(root: El): { noteIds: Map<string, string>; noteEls: Array<{ el: El; label: string; id: string }> } {
  const noteIds = new Map<string, string>();
  const noteEls: Array<{ el: El; label: string; id: string }> = [];
  const seen = new Set<El>();
  // anchors by id (and old-style name), found once: looking each up costs a scan of the page
  const byId = new Map<string, El>();
  for (const el of Array.from(root.querySelectorAll('[id], a[name]'))) {
    const key = el.getAttribute('id') ?? el.getAttribute('name') ?? '';
    if (key && !byId.has(key)) byId.set(key, el);
  }
  for (const a of Array.from(root.querySelectorAll('a[href^="#"]'))) {
    const label = labelOfLink(a);
    if (!label) continue;
    const id = safeDecode((a.getAttribute('href') ?? '').slice(1));
    let target = byId.get(id) ?? null;
    if (!target || target.contains(a)) continue;
    // an empty anchor marks the place: its block is the note
    if (!(target.textContent ?? '').trim() || target.tagName.toLowerCase() === 'a') {
      target = target.closest('li, p, div, aside, dd') ?? target;
    }
    if (seen.has(target) || target === root || !root.contains(target)) continue;
    // the note must not contain running text with the marker's own paragraph
    if (target.contains(a)) continue;
    seen.add(target);
    noteIds.set(id, label);
    noteEls.push({ el: target, label, id });
  }
  return { noteIds, noteEls };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function isNoteEl(w: Walk, el: El): boolean {
  return w.noteSet.has(el);
}

/**
 * A line break is a space; two in a row (old pages lay out paragraphs so)
 * end the block, and the text after them opens a new one of the same kind.
 */
function breakLine(w: Walk, br: El): void {
  let prev = br.previousSibling;
  while (prev && prev.nodeType === 3 && !(prev.textContent ?? '').trim()) prev = prev.previousSibling;
  if (prev && prev.nodeType === 1 && (prev as El).tagName.toLowerCase() === 'br' && w.b.isOpen) {
    const kind = w.b.openKind ?? 'paragraph';
    w.b.close();
    w.reopen = kind === 'footnote' ? 'footnote' : kind;
    return;
  }
  w.b.text(' ');
}

function inlineWalk(w: Walk, node: N, depth: number): void {
  if (node.nodeType === 3) {
    const t = node.textContent ?? '';
    if (!w.b.isOpen && w.reopen && t.trim()) w.b.open(w.reopen);
    w.b.text(t);
    return;
  }
  if (node.nodeType !== 1) return;
  const el = node as El;
  const tag = el.tagName.toLowerCase();
  if (DROP_TAGS.has(tag)) return;
  if (tag === 'br') {
    breakLine(w, el);
    return;
  }
  if (tag === 'a') {
    const label = labelOfLink(el);
    const id = safeDecode((el.getAttribute('href') ?? '').slice(1));
    if (label && w.noteIds.has(id)) {
      if (!w.inNote) w.b.marker(w.noteIds.get(id)!, `#${id}`);
      return;
    }
    // back-links inside notes ("↩", "^")
    if (w.inNote && (el.getAttribute('href') ?? '').startsWith('#') && /^[\s↩↑^⤴︎]*$/u.test(el.textContent ?? '')) return;
  }
  if (depth > MAX_DEPTH) {
    w.b.text(el.textContent ?? '');
    return;
  }
  const when = tag === 'time' && !w.inNote ? (el.getAttribute('datetime') ?? '').trim() : '';
  const start = w.b.length;
  for (const child of Array.from(el.childNodes)) inlineWalk(w, child, depth + 1);
  if (when && /^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T|$)/.test(when)) {
    // <time datetime="…">: the date the markup states for this piece of text
    const piece = w.b.slice(start, w.b.length);
    const s = start + (piece.length - piece.trimStart().length);
    const e = w.b.length - (piece.length - piece.trimEnd().length);
    if (e > s) w.dates.push({ span: { start: s, end: e }, value: when.replace(/T.*$/, '') });
  }
}

/** Whether an element holds block-level children (then it is a container, not a block). */
function hasBlockChildren(el: El): boolean {
  for (const c of Array.from(el.children)) {
    const t = c.tagName.toLowerCase();
    if (BLOCK_TAGS.has(t) && t !== 'br') return true;
  }
  return false;
}

function blockWalk(w: Walk, el: El, kind: BlockKind | null, depth: number): void {
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 3) {
      // loose text in a container: a paragraph of its own (or part of the open one)
      if ((child.textContent ?? '').trim()) {
        if (!w.b.isOpen) openBlock(w, kind ?? 'paragraph');
        w.b.text(child.textContent ?? '');
      }
      continue;
    }
    if (child.nodeType !== 1) continue;
    const c = child as El;
    const tag = c.tagName.toLowerCase();
    if (DROP_TAGS.has(tag)) continue;
    if (!w.inNote && isNoteEl(w, c)) continue;
    if (!BLOCK_TAGS.has(tag)) {
      // inline element among blocks
      if (!w.b.isOpen) openBlock(w, kind ?? 'paragraph');
      inlineWalk(w, c, depth + 1);
      continue;
    }
    if (tag === 'br') {
      breakLine(w, c);
      continue;
    }
    if (tag === 'hr') {
      w.b.close();
      continue;
    }
    if (depth > MAX_DEPTH) {
      openBlock(w, kind ?? 'paragraph');
      w.b.text(c.textContent ?? '');
      w.b.close();
      continue;
    }
    const own: BlockKind | null = HEADINGS.has(tag)
      ? 'heading'
      : tag === 'blockquote'
        ? 'quote'
        : tag === 'li' || tag === 'dd' || tag === 'dt'
          ? (kind === 'quote' || kind === 'footnote' ? kind : 'list-item')
          : tag === 'figcaption' || tag === 'caption'
            ? 'caption'
            : null;
    const k = kind === 'footnote' ? 'footnote' : own ?? kind;
    if (tag === 'tr') {
      openBlock(w, k ?? 'paragraph');
      Array.from(c.children).forEach((cell, i) => {
        if (i > 0) w.b.text(' | ');
        inlineWalk(w, cell, depth + 1);
      });
      w.b.close();
      continue;
    }
    if (hasBlockChildren(c) && !HEADINGS.has(tag)) {
      w.b.close();
      blockWalk(w, c, k, depth + 1);
      w.b.close();
    } else {
      openBlock(w, k ?? 'paragraph');
      inlineWalk(w, c, depth + 1);
      w.b.close();
    }
  }
}

/** Pages nested deeper than this are not given to Readability. */
const READABILITY_MAX_DEPTH = 80;

/** Element nesting depth under `root`, counted up to `limit` + 1 (iterative, bounded). */
function maxDepth(root: El, limit: number): number {
  let max = 0;
  const stack: Array<[El, number]> = [[root, 0]];
  while (stack.length) {
    const [el, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const c of Array.from(el.children)) stack.push([c, d + 1]);
  }
  return max;
}

function textLen(el: El): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

const PARA_SELECTOR = 'p, li, blockquote, h1, h2, h3, h4, h5, h6, dd, pre';

function paraKey(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
}

/**
 * The deepest element of `root` holding most of the given paragraphs (each
 * paragraph text, by its first 60 characters, matched once in document
 * order). Linear in the size of the page.
 */
function deepestHolding(root: El, paragraphs: string[], share = 0.7): El | null {
  const wanted = new Map<string, number>();
  for (const p of paragraphs) wanted.set(p, (wanted.get(p) ?? 0) + 1);
  const matched: El[] = [];
  for (const el of Array.from(root.querySelectorAll(PARA_SELECTOR))) {
    if (el.querySelector(PARA_SELECTOR)) continue;
    const key = paraKey(el);
    const left = wanted.get(key);
    if (!left) continue;
    wanted.set(key, left - 1);
    matched.push(el);
  }
  const need = Math.max(1, Math.floor(paragraphs.length * share));
  if (matched.length < need) return null;
  // how many matched paragraphs each ancestor holds, and how deep it is
  const holds = new Map<El, number>();
  for (const el of matched) {
    for (let a: El | null = el.parentElement; a; a = a === root ? null : a.parentElement) {
      holds.set(a, (holds.get(a) ?? 0) + 1);
    }
  }
  let best: El = root;
  let bestDepth = -1;
  for (const [el, n] of holds) {
    if (n < need) continue;
    let depth = 0;
    for (let a: El | null = el; a && a !== root; a = a.parentElement) depth++;
    if (depth > bestDepth) {
      best = el;
      bestDepth = depth;
    }
  }
  return best;
}

/**
 * Main content, as an element of the cleaned page (so headings, quotes, lists
 * and notes keep their markup): the one <article>/<main> when the page marks
 * it; otherwise the element holding the paragraphs @mozilla/readability picks;
 * otherwise the whole cleaned body.
 */
function mainContent(html: string, body: El): El {
  const bodyLen = textLen(body);
  const marked = Array.from(body.querySelectorAll('article, main, [role="main"]')).filter((el) => textLen(el) >= Math.min(200, bodyLen * 0.5));
  // the outermost marked element that is not inside another marked one
  const outer = marked.filter((el) => !marked.some((o) => o !== el && o.contains(el)));
  if (outer.length === 1) return outer[0];
  // Readability's cost grows steeply with nesting: on pathological pages, keep the cleaned body.
  if (maxDepth(body, READABILITY_MAX_DEPTH) > READABILITY_MAX_DEPTH) return body;
  try {
    const d2 = parsePage(html);
    if (d2.body) removeFurniture(d2.body as El);
    const art = new Readability(d2 as unknown as globalThis.Document, { charThreshold: 0 }).parse();
    if (art?.content) {
      const { document: d3 } = parseHTML(`<!DOCTYPE html><html><body>${art.content}</body></html>`);
      // the paragraphs Readability kept (leaf blocks only: a list item holding paragraphs is not one)
      const paras = Array.from(d3.querySelectorAll(PARA_SELECTOR))
        .filter((el) => !el.querySelector(PARA_SELECTOR))
        .map(paraKey)
        .filter((t) => t.length >= 20);
      if (paras.length > 0) {
        const found = deepestHolding(body, paras);
        if (found) return found;
      }
    }
  } catch {
    // Readability failed on this page: fall back to the cleaned body
  }
  return body;
}

/**
 * Parse a page; text that is not a whole page (a fragment, or markup the
 * parser cannot root) is parsed again inside <html><body>.
 */
function parsePage(html: string): globalThis.Document {
  let doc = parseHTML(html).document as unknown as globalThis.Document;
  if (doc.documentElement?.tagName.toLowerCase() !== 'html') doc = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document as unknown as globalThis.Document;
  if (!doc.documentElement) throw new Error('no root element');
  return doc;
}

/** Build an HTML Document from already decoded text. */
export function fromHtml(decoded: string, meta_: { id: string; uri: string; name: string }): Document {
  let doc: globalThis.Document;
  try {
    doc = parsePage(decoded);
  } catch (e) {
    throw new AnnalsError('E005', `HTML could not be parsed: ${(e as Error).message}`, meta_.uri);
  }
  const md = readHtmlMeta(doc);
  const body = (doc.body ?? doc.documentElement) as El | null;
  if (!body) throw new AnnalsError('E005', 'HTML has no body', meta_.uri);
  removeFurniture(body);
  const main = mainContent(decoded, body);
  // Readability drops the heading that repeats the title: put it back.
  const b = new TextBuilder();
  const firstText = (main.textContent ?? '').trim();
  const h1 = doc.querySelector('h1');
  const h1Text = h1?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  if (h1Text && !main.querySelector('h1') && !firstText.startsWith(h1Text)) {
    b.open('heading');
    b.text(h1Text);
    b.close();
  }
  const { noteIds, noteEls } = findNotes(main);
  const w: Walk = { b, noteIds, noteEls, noteSet: new Set(noteEls.map((n) => n.el)), inNote: false, pendingLabel: null, pendingKey: null, reopen: null, dates: [] };
  blockWalk(w, main, null, 0);
  w.inNote = true;
  for (const { el, label, id } of noteEls) {
    b.close();
    w.pendingLabel = label;
    w.pendingKey = `#${id}`;
    if (hasBlockChildren(el)) {
      blockWalk(w, el, 'footnote', 0);
    } else {
      openBlock(w, 'footnote');
      inlineWalk(w, el, 0);
    }
    w.pendingLabel = null;
    b.close();
  }
  const built = b.finish();
  markApparatus(built.text, built.blocks);
  built.notes = textNotes(built.text, built.blocks) ?? built.notes;
  if (built.text.trim().length === 0) throw new AnnalsError('E003', 'HTML page holds no text', meta_.uri);
  let { published, author } = md;
  const lead = markLeadMetadata(built.text, built.blocks, 8);
  published ??= lead.published;
  author ??= lead.author;
  return {
    id: meta_.id,
    uri: meta_.uri,
    name: meta_.name,
    format: 'html',
    title: md.title,
    author,
    published,
    text: built.text,
    blocks: built.blocks,
    notes: built.notes,
    ...(w.dates.length ? { markedDates: w.dates.filter((d) => d.span.end <= built.text.length) } : {}),
  };
}
