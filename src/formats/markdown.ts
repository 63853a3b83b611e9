/**
 * Markdown reader (CommonMark + GFM footnotes, tables, strikethrough + YAML front matter),
 * parsed with mdast-util-from-markdown. The text is the prose without markup:
 * headings, paragraphs, block quotes (quote blocks), list items, table rows,
 * and footnote definitions laid out at the end as "[label] …" footnote blocks,
 * with "[^label]" references written as "[label]" markers linked to them.
 * Code blocks, images and raw HTML tags are left out. Front matter gives the
 * title, author and date; otherwise a leading level-1 heading is the title.
 */
import { fromMarkdown as parseMdast } from 'mdast-util-from-markdown';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { parse as parseYaml } from 'yaml';
import type { BlockKind, Document } from '../core/types.js';
import { AnnalsError } from '../core/errors.js';
import { TextBuilder } from './builder.js';
import { markApparatus, textNotes } from './notes.js';
import { markLeadMetadata, parseDateToEdtf } from './metadata.js';
import { normaliseNewlines } from './text.js';

/** Deeper nesting of quotes and lists than any document needs (the parser's cost grows steeply with it). */
const MAX_NESTING = 64;
const CONTAINER_BOMB = new RegExp(`^[ \\t]*(?:(?:>|[-*+]|\\d{1,9}[.)])[ \\t]*){${MAX_NESTING + 1}}`, 'm');

interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  label?: string;
  identifier?: string;
  alt?: string;
  children?: MdNode[];
  position?: { start: { offset?: number } };
}

interface FrontMatter {
  title: string | null;
  author: string | null;
  published: string | null;
}

function str(v: unknown): string | null {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  return null;
}

/** Title, author and date from YAML front matter; malformed YAML is ignored (it stays out of the text). */
export function readFrontMatter(yamlText: string): FrontMatter {
  let data: unknown;
  try {
    data = parseYaml(yamlText, { maxAliasCount: 50 });
  } catch {
    return { title: null, author: null, published: null };
  }
  if (!data || typeof data !== 'object') return { title: null, author: null, published: null };
  const d = data as Record<string, unknown>;
  const title = str(d.title);
  let author = str(d.author) ?? str(d.creator);
  if (!author && Array.isArray(d.authors ?? d.author)) {
    const names = ((d.authors ?? d.author) as unknown[]).map(str).filter((x): x is string => x !== null);
    author = names.length ? names.join('; ') : null;
  }
  if (!author && d.author && typeof d.author === 'object') author = str((d.author as Record<string, unknown>).name);
  const dateRaw = str(d.date) ?? str(d.published) ?? str(d.publication_date) ?? str(d.issued) ?? str(d.created);
  const published = dateRaw ? parseDateToEdtf(dateRaw) : null;
  return { title, author, published };
}

/** Where the current line of the open block began (a hard line break starts a new one). */
let lineStart = 0;

/**
 * Whether a hard line break ends a line of its own (a signature, an address, a
 * date line) rather than wrapping prose: the line ends a sentence, or it is short
 * and mostly capitalised words and the next line starts with a capital or digit.
 */
export function hardBreakEndsLine(line: string, next: string): boolean {
  const l = line.trim();
  if (l.length === 0) return false;
  if (/[.!?:;][”’"')\]]*$/.test(l)) return true;
  if (l.length > 60 || /[,\-–—(]$/.test(l)) return false;
  if (!/^\s*[\p{Lu}\d“"(\[]/u.test(next)) return false;
  const words = l.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const caps = words.filter((w) => /^[“"(]?\p{Lu}/u.test(w)).length;
  return words.length > 0 && caps * 2 >= words.length;
}

/**
 * A paragraph whose every line is a short run of capitalised words (a signature
 * block: "D. HARTLEY / JOHN ADAMS", an address) keeps its lines apart even
 * without hard breaks.
 */
export function isLineBlock(text: string): boolean {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length < 2) return false;
  return lines.every((l) => {
    if (l.length > 50 || /,$/.test(l)) return false;
    const words = l.split(/\s+/).filter((w) => /\p{L}/u.test(w));
    return words.length > 0 && words.length <= 6 && words.every((w) => /^[“"(]?\p{Lu}/u.test(w) || /^(?:of|the|and|de|von|van|du|la|le|al|bin)$/.test(w));
  });
}

/** The open paragraph is a line block: its soft line breaks separate blocks. */
let softBreaks = false;

function inline(b: TextBuilder, nodes: MdNode[] | undefined): void {
  const list = nodes ?? [];
  for (let i = 0; i < list.length; i++) {
    const n = list[i];
    switch (n.type) {
      case 'text':
      case 'inlineCode': {
        const v = n.value ?? '';
        if (!softBreaks || !v.includes('\n')) {
          b.text(v);
          break;
        }
        v.split('\n').forEach((line, k) => {
          const kind = b.openKind;
          if (k > 0 && kind && line.trim() && b.slice(lineStart, b.length).trim()) {
            b.close();
            b.open(kind);
            lineStart = b.length;
          }
          b.text(line);
        });
        break;
      }
      case 'break': {
        const kind = b.openKind;
        const next = list[i + 1] ? plain(list[i + 1]) : '';
        if (kind && next.trim() && hardBreakEndsLine(b.slice(lineStart, b.length), next)) {
          // a line of its own: the next line is a block of its own kind
          b.close();
          b.open(kind, { offset: offsetOf(list[i + 1]) });
          lineStart = b.length;
        } else b.text(' ');
        break;
      }
      case 'footnoteReference':
        b.marker(n.label ?? n.identifier ?? '?');
        break;
      case 'html':
        // inline tags are markup; their text (between tags) comes as separate nodes
        break;
      case 'image':
      case 'imageReference':
        break;
      default:
        inline(b, n.children);
    }
  }
}

/**
 * A paragraph that is wholly bold or italic, short and not a sentence ("**Treaty of
 * Amity and Commerce**") is a heading written without "#".
 */
function isEmphasisTitle(n: MdNode): boolean {
  const kids = (n.children ?? []).filter((c) => !(c.type === 'text' && !(c.value ?? '').trim()));
  if (kids.length !== 1 || (kids[0].type !== 'strong' && kids[0].type !== 'emphasis')) return false;
  const t = plain(kids[0]).trim();
  return t.length > 0 && t.length <= 160 && !/[.:;,]$/.test(t) && !t.includes('\n');
}

/** Plain text of a node (for the title). */
function plain(n: MdNode): string {
  if (n.type === 'text' || n.type === 'inlineCode') return n.value ?? '';
  if (n.type === 'break') return ' ';
  return (n.children ?? []).map(plain).join('');
}

function offsetOf(n: MdNode): number | undefined {
  return n.position?.start.offset;
}

function blocks(b: TextBuilder, nodes: MdNode[], kind: BlockKind | null, notes: MdNode[]): void {
  for (const n of nodes) {
    switch (n.type) {
      case 'heading':
        b.open('heading', { offset: offsetOf(n) });
        lineStart = b.length;
        inline(b, n.children);
        b.close();
        break;
      case 'paragraph':
        b.open(kind === null && isEmphasisTitle(n) ? 'heading' : kind ?? 'paragraph', { offset: offsetOf(n) });
        lineStart = b.length;
        softBreaks = isLineBlock(plain(n));
        inline(b, n.children);
        softBreaks = false;
        b.close();
        break;
      case 'blockquote':
        blocks(b, n.children ?? [], 'quote', notes);
        break;
      case 'list':
        blocks(b, n.children ?? [], kind === 'quote' ? 'quote' : 'list-item', notes);
        break;
      case 'listItem':
        blocks(b, n.children ?? [], kind ?? 'list-item', notes);
        break;
      case 'table':
        for (const row of n.children ?? []) {
          b.open(kind ?? 'paragraph', { offset: offsetOf(row) });
          lineStart = b.length;
          (row.children ?? []).forEach((cell, i) => {
            if (i > 0) b.text(' | ');
            inline(b, cell.children);
          });
          b.close();
        }
        break;
      case 'footnoteDefinition':
        notes.push(n);
        break;
      case 'html': {
        // a raw HTML block: keep its text, drop its tags
        const t = (n.value ?? '').replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, ' ');
        if (t.trim()) {
          b.open(kind ?? 'paragraph', { offset: offsetOf(n) });
          b.text(decodeEntities(t));
          b.close();
        }
        break;
      }
      case 'code':
      case 'thematicBreak':
      case 'yaml':
      case 'definition':
        break;
      default:
        if (n.children) blocks(b, n.children, kind, notes);
    }
  }
}

function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(+d))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

// GFM footnotes, tables and strikethrough and YAML front matter (not autolink literals: bare URLs
// stay text, and they cost the most). Each extension is built once, and used only when the text
// holds what it reads (a pipe for tables, "[^" for footnotes, "~" for strikethrough, a leading
// "---" for front matter): the parser then does less work on every character.
const EXT = {
  footnote: [gfmFootnote(), gfmFootnoteFromMarkdown()],
  table: [gfmTable(), gfmTableFromMarkdown()],
  strike: [gfmStrikethrough(), gfmStrikethroughFromMarkdown()],
  yaml: [frontmatter(['yaml']), frontmatterFromMarkdown(['yaml'])],
} as const;
const OPTION_CACHE = new Map<number, { extensions: unknown[]; mdastExtensions: unknown[] }>();

function parserOptions(src: string): Parameters<typeof parseMdast>[1] {
  const wanted = [src.includes('[^'), src.includes('|'), src.includes('~'), /^(?:\ufeff)?---[ \t]*\n/.test(src)];
  const key = wanted.reduce((k, w, i) => k | (w ? 1 << i : 0), 0);
  let o = OPTION_CACHE.get(key);
  if (!o) {
    const chosen = [EXT.footnote, EXT.table, EXT.strike, EXT.yaml].filter((_, i) => wanted[i]);
    o = { extensions: chosen.map((e) => e[0]), mdastExtensions: chosen.map((e) => e[1]) };
    OPTION_CACHE.set(key, o);
  }
  return o as Parameters<typeof parseMdast>[1];
}

function sameTitle(a: string, b: string): boolean {
  const norm = (x: string) => x.toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();
  return norm(a) === norm(b);
}

/** Build a Markdown Document from already decoded text. */
export function fromMarkdown(decoded: string, meta: { id: string; uri: string; name: string }): Document {
  const src = normaliseNewlines(decoded);
  if (CONTAINER_BOMB.test(src)) {
    throw new AnnalsError('E005', `Markdown nests block quotes or lists more than ${MAX_NESTING} deep`, meta.uri);
  }
  let tree: MdNode;
  try {
    tree = parseMdast(src, parserOptions(src)) as unknown as MdNode;
  } catch (e) {
    throw new AnnalsError('E005', `Markdown could not be parsed: ${(e as Error).message}`, meta.uri);
  }
  const children = tree.children ?? [];
  const fmNode = children.find((n) => n.type === 'yaml');
  const fm = fmNode ? readFrontMatter(fmNode.value ?? '') : { title: null, author: null, published: null };
  const b = new TextBuilder();
  const notes: MdNode[] = [];
  blocks(b, children, null, notes);
  for (const def of notes) {
    const label = def.label ?? def.identifier ?? '?';
    let first = true;
    for (const p of def.children ?? []) {
      b.open('footnote', { label, offset: offsetOf(p) });
      lineStart = b.length;
      if (first) b.text(`[${label}] `);
      first = false;
      if (p.type === 'paragraph') inline(b, p.children);
      else b.text(plain(p));
      b.close();
    }
  }
  const built = b.finish();
  markApparatus(built.text, built.blocks);
  built.notes = textNotes(built.text, built.blocks) ?? built.notes;
  if (built.text.trim().length === 0) throw new AnnalsError('E003', 'Markdown file holds no text', meta.uri);

  let title = fm.title;
  let author = fm.author;
  let published = fm.published;
  const firstHeading = children.find((n) => n.type !== 'yaml' && n.type !== 'definition');
  if (!title && firstHeading?.type === 'heading' && (firstHeading.depth ?? 1) <= 2) {
    title = plain(firstHeading).replace(/\s+/g, ' ').trim() || null;
  }
  // the title written again as the first block is the document's heading, not a paragraph
  const first = built.blocks[0];
  if (title && first && first.kind === 'paragraph' && sameTitle(built.text.slice(first.span.start, first.span.end), title)) first.kind = 'heading';
  // "First published: …" and "By …" lines near the top are metadata.
  const lead = markLeadMetadata(built.text, built.blocks, 6);
  published ??= lead.published;
  author ??= lead.author;
  return {
    id: meta.id,
    uri: meta.uri,
    name: meta.name,
    format: 'markdown',
    title,
    author,
    published,
    text: built.text,
    blocks: built.blocks,
    notes: built.notes,
    sourceMap: built.sourceMap,
  };
}
