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
import { authorFromLine, parseDateToEdtf, publishedFromLine } from './metadata.js';
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

function inline(b: TextBuilder, nodes: MdNode[] | undefined): void {
  for (const n of nodes ?? []) {
    switch (n.type) {
      case 'text':
      case 'inlineCode':
        b.text(n.value ?? '');
        break;
      case 'break':
        b.text(' ');
        break;
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
        inline(b, n.children);
        b.close();
        break;
      case 'paragraph':
        b.open(kind ?? 'paragraph', { offset: offsetOf(n) });
        inline(b, n.children);
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

/** Build a Markdown Document from already decoded text. */
export function fromMarkdown(decoded: string, meta: { id: string; uri: string; name: string }): Document {
  const src = normaliseNewlines(decoded);
  if (CONTAINER_BOMB.test(src)) {
    throw new AnnalsError('E005', `Markdown nests block quotes or lists more than ${MAX_NESTING} deep`, meta.uri);
  }
  let tree: MdNode;
  try {
    tree = parseMdast(src, {
      // GFM footnotes, tables and strikethrough (not autolink literals: bare URLs stay text, and they cost the most)
      extensions: [gfmFootnote(), gfmTable(), gfmStrikethrough(), frontmatter(['yaml'])],
      mdastExtensions: [gfmFootnoteFromMarkdown(), gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
    }) as unknown as MdNode;
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
  // "First published: …" and "By …" lines near the top are metadata.
  for (const blk of built.blocks.slice(0, 6)) {
    if (blk.kind !== 'paragraph') continue;
    const line = built.text.slice(blk.span.start, blk.span.end);
    const p = publishedFromLine(line);
    if (p) {
      published ??= p;
      blk.kind = 'metadata';
      continue;
    }
    const a = authorFromLine(line);
    if (a) {
      author ??= a;
      blk.kind = 'metadata';
    }
  }
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
