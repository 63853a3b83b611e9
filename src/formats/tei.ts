/**
 * TEI XML reader, streaming with saxes. No DTD is fetched or expanded: the
 * entities known are XML's five, the file's own simple declarations and
 * HTML's named characters (see teiEntities); an entity that refers to others
 * is never expanded, so an "entity bomb" cannot grow the text.
 *
 * - teiHeader gives the title (titleStmt/title, the "main" one first), the
 *   author(s) (titleStmt/author) and the publication date
 *   (publicationStmt/date, else sourceDesc's or creation's date; @when first).
 *   Nothing of the header goes into the text.
 * - <text>: head, docTitle, titlePart → heading; p, ab, dateline, opener, closer, salute, signed,
 *   byline, docDate, trailer, l … → paragraph; item → list-item; quote, q,
 *   cit, said standing between paragraphs → quote (inside a paragraph they
 *   stay inline); figDesc → caption; row → one paragraph with " | " between
 *   cells; head in figure, list or table → caption; note → a "[n]" marker in place and a
 *   "[n] …" footnote block at the end of the division holding it (labels may
 *   repeat from one division to the next; each marker links to its own note;
 *   notes with rend/place "inline" stay in place as paragraphs).
 * - choice: corr over sic, reg over orig, expan over abbr; del, fw (running
 *   heads), sic/orig/abbr inside choice are left out; lb/pb with break="no"
 *   join words, otherwise a line break is a space.
 * - <date when="…"> (also from/to, notBefore/notAfter) spans are kept in
 *   Document.markedDates with the stated value.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { decodeHTML } from 'entities';
import type { BlockKind, Document, Span } from '../core/types.js';
import { AnnalsError } from '../core/errors.js';
import { TextBuilder } from './builder.js';
import { parseDateToEdtf } from './metadata.js';

const BLOCK_ELEMENTS = new Set([
  'head', 'p', 'ab', 'item', 'l', 'dateline', 'opener', 'closer', 'salute', 'signed', 'byline', 'docDate',
  'docAuthor', 'docTitle', 'titlePart', 'trailer', 'argument', 'epigraph', 'label', 'speaker', 'figDesc', 'row',
  'bibl', 'postscript', 'address', 'quote', 'q', 'cit', 'said', 'stage', 'castItem', 'titlePage', 'imprimatur',
]);

/** Elements that hold a block of their own only when they stand between blocks. */
const QUOTE_LIKE = new Set(['quote', 'q', 'cit', 'said']);

/** Elements whose content is never text of the document. */
const SKIP = new Set(['teiHeader', 'fw', 'del', 'facsimile', 'standOff', 'surplus', 'graphic', 'binaryObject', 'media', 'metamark']);

/** Inside <choice>, the reading not shown. */
const CHOICE_SKIP = new Set(['sic', 'orig', 'abbr']);

interface Frame {
  name: string;
  attrs: Record<string, string>;
  /** This element opened a builder block. */
  block: boolean;
  kind?: BlockKind;
  skip: boolean;
  /** Builder offset (or note-buffer offset) where a marked date began. */
  dateStart?: number;
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i >= 0 ? qname.slice(i + 1) : qname;
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export interface TeiHeaderInfo {
  title: string | null;
  author: string | null;
  published: string | null;
}

/** Simple entity declarations of the internal DTD subset: <!ENTITY name "text"> (no references inside). */
const SIMPLE_ENTITY = /<!ENTITY\s+([A-Za-z_][\w.:-]*)\s+(["'])([^"'&<%]{0,1000})\2\s*>/g;

/**
 * The entities a TEI file may use: XML's five, the file's own simple
 * declarations, and HTML's named characters (&mdash;, &eacute; …), which
 * older TEI takes from external DTDs that are never fetched. Nothing is
 * expanded recursively, so no declaration can grow the text.
 */
export function teiEntities(xml: string): Record<string, string> {
  const declared = new Map<string, string>();
  const dt = xml.search(/<!DOCTYPE/i);
  if (dt >= 0) {
    const open = xml.indexOf('[', dt);
    const close = xml.indexOf('>', dt);
    if (open >= 0 && (close < 0 || open < close)) {
      const end = xml.indexOf(']', open);
      const subset = xml.slice(open, end < 0 ? Math.min(xml.length, open + 100_000) : end);
      SIMPLE_ENTITY.lastIndex = 0;
      for (let m = SIMPLE_ENTITY.exec(subset); m; m = SIMPLE_ENTITY.exec(subset)) if (!declared.has(m[1])) declared.set(m[1], m[3]);
    }
  }
  const cache = new Map<string, string | undefined>();
  return new Proxy({} as Record<string, string>, {
    get(_t, name) {
      if (typeof name !== 'string') return undefined;
      if (declared.has(name)) return declared.get(name);
      if (cache.has(name)) return cache.get(name);
      const ref = `&${name};`;
      const d = decodeHTML(ref);
      // a known name decodes whole to one or two characters
      const value = d !== ref && d.length <= 2 && !d.includes(';') ? d : undefined;
      cache.set(name, value);
      return value;
    },
  });
}

/** Build a TEI Document from already decoded XML text. */
export function fromTei(decoded: string, meta: { id: string; uri: string; name: string }): Document {
  const parser = new SaxesParser({ xmlns: false, position: true });
  parser.ENTITIES = teiEntities(decoded);
  const b = new TextBuilder();
  const stack: Frame[] = [];
  const markedDates: Array<{ span: Span; value: string }> = [];

  // header state
  const header = { titles: [] as Array<{ type: string | null; text: string }>, authors: [] as string[], pubDate: null as string | null, otherDate: null as string | null };
  let headerBuf: string | null = null; // collecting text of a header field
  let headerField: 'title' | 'author' | 'pubDate' | 'otherDate' | null = null;
  let headerFieldDepth = -1;
  let headerTitleType: string | null = null;

  // notes
  const notes: Array<{ label: string; key: string; text: string; unreferenced?: boolean }> = [];
  let noteBuf: string | null = null;
  let noteDepth = -1;
  let noteLabel = '';
  /** The open note stands between blocks: nothing in the text refers to it. */
  let noteStandalone = false;
  // the document's own date, for a header that states none: a single document's
  // frus:doc-dateTime-min, its first date line's or docDate's date
  let documentDivisions = 0;
  let divisionDate: string | null = null;
  let datelineDate: string | null = null;
  let noteCounter = 0;
  let sawTei = false;
  let sawRoot = false;

  // Counters over the open elements, so each event costs O(1) however deep the nesting.
  const open = { header: 0, text: 0, skip: 0, block: 0 };
  const inHeader = () => open.header > 0;
  const inText = () => open.text > 0;
  const skipping = () => open.skip > 0;
  const blockOpen = () => open.block > 0;
  function push(f: Frame): void {
    stack.push(f);
    if (f.name === 'teiHeader') open.header++;
    if (f.name === 'text') open.text++;
    if (f.skip) open.skip++;
    if (f.block) open.block++;
  }
  function pop(): Frame | undefined {
    const f = stack.pop();
    if (!f) return f;
    if (f.name === 'teiHeader') open.header--;
    if (f.name === 'text') open.text--;
    if (f.skip) open.skip--;
    if (f.block) open.block--;
    return f;
  }

  function kindFor(name: string): BlockKind {
    // the head of a figure, list or table labels it ("PARTICIPANTS"); it does not open a section
    if (name === 'head') return stack.length > 0 && /^(?:figure|list|listPerson|listPlace|table)$/.test(stack[stack.length - 1].name) ? 'caption' : 'heading';
    if (name === 'figDesc') return 'caption';
    if (name === 'docTitle' || name === 'titlePart') return 'heading';
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i];
      if (f.name === 'item') return 'list-item';
      if (f.block && f.kind === 'quote') return 'quote';
      if (QUOTE_LIKE.has(f.name) && !f.block) continue;
    }
    if (QUOTE_LIKE.has(name)) return 'quote';
    if (name === 'item') return 'list-item';
    return 'paragraph';
  }

  function outerBlockKind(): BlockKind | null {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i].block) return stack[i].kind ?? 'paragraph';
    return null;
  }

  /** Lay out the notes gathered so far as footnote blocks (at the end of the division that holds them). */
  function flushNotes(): void {
    b.close();
    for (const n of notes) {
      if (!n.text) continue;
      if (n.unreferenced) {
        // a note nothing refers to (an editorial note between blocks): a footnote block with no label
        b.open('footnote');
        b.text(n.text);
      } else {
        b.open('footnote', { label: n.label, key: n.key });
        b.text(`[${n.label}] ${n.text}`);
      }
      b.close();
    }
    notes.length = 0;
  }

  function write(t: string): void {
    if (noteBuf !== null) {
      noteBuf += t;
      return;
    }
    if (!b.isOpen) {
      if (!t.trim()) return;
      b.open(outerBlockKind() ?? 'paragraph', { offset: parser.position });
    }
    b.text(t);
  }

  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[localName(k)] = String(v);
    if (!sawRoot) {
      sawRoot = true;
      sawTei = name === 'TEI' || name === 'TEI.2' || name === 'teiCorpus' || (attrs.xmlns ?? '').includes('tei-c.org');
    }
    const parent = stack[stack.length - 1];
    const frame: Frame = { name, attrs, block: false, skip: false };

    // header fields
    if (inHeader() || name === 'teiHeader') {
      const path = stack.map((f) => f.name);
      if (headerField === null) {
        if (name === 'title' && path.includes('titleStmt') && !path.includes('respStmt')) {
          headerField = 'title';
          headerTitleType = attrs.type ?? null;
        } else if (name === 'author' && path.includes('titleStmt')) headerField = 'author';
        else if (name === 'date' && path.includes('publicationStmt')) headerField = 'pubDate';
        else if (name === 'date' && (path.includes('sourceDesc') || path.includes('creation'))) headerField = 'otherDate';
        if (headerField !== null) {
          headerBuf = '';
          headerFieldDepth = stack.length;
          if (headerField === 'pubDate' || headerField === 'otherDate') {
            const w = attrs.when ?? attrs['when-iso'] ?? attrs.notBefore ?? attrs.from;
            if (w) headerBuf = `@${w}`;
          }
        }
      }
      push(frame);
      return;
    }

    if (SKIP.has(name) || (parent?.name === 'choice' && CHOICE_SKIP.has(name)) || !inText() && name !== 'text') {
      frame.skip = SKIP.has(name) || (parent?.name === 'choice' && CHOICE_SKIP.has(name));
      push(frame);
      return;
    }
    if (skipping()) {
      push(frame);
      return;
    }

    if (name === 'note' && noteBuf === null) {
      const rend = `${attrs.rend ?? ''} ${attrs.place ?? ''}`;
      if (!/inline/.test(rend)) {
        noteCounter++;
        noteLabel = attrs.n ?? String(noteCounter);
        noteStandalone = !blockOpen() && !b.isOpen;
        noteBuf = '';
        noteDepth = stack.length;
        push(frame);
        return;
      }
      // an inline note is a paragraph in place
      b.close();
      b.open('paragraph', { offset: parser.position });
      frame.block = true;
      frame.kind = 'paragraph';
      push(frame);
      return;
    }

    if (name === 'lb' || name === 'pb' || name === 'cb') {
      if (attrs.break !== 'no' && name === 'lb') write(' ');
      push(frame);
      return;
    }

    if (/^div\d?$/.test(name) && attrs.type === 'document') {
      documentDivisions++;
      const min = attrs['doc-dateTime-min'];
      if (min && divisionDate === null) divisionDate = parseDateToEdtf(min.slice(0, 10));
    }
    if ((name === 'date' || name === 'docDate') && datelineDate === null && noteBuf === null && (attrs.when || attrs['when-iso']) && (name === 'docDate' || stack.some((f) => f.name === 'dateline' || f.name === 'docDate'))) {
      datelineDate = parseDateToEdtf(String(attrs.when ?? attrs['when-iso']).slice(0, 10));
    }

    if (name === 'date' && (attrs.when || attrs['when-iso'] || attrs.from || attrs.notBefore)) {
      frame.dateStart = noteBuf !== null ? -1 : b.isOpen ? b.length : -2;
    }

    if (noteBuf === null && BLOCK_ELEMENTS.has(name)) {
      const isQuote = QUOTE_LIKE.has(name);
      const inBlock = blockOpen();
      if (!(isQuote && inBlock)) {
        const nested = inBlock; // e.g. p inside item or quote
        const kind = nested ? (outerBlockKind() === 'heading' ? 'heading' : kindFor(name)) : kindFor(name);
        b.close();
        b.open(kind, { offset: parser.position });
        frame.block = true;
        frame.kind = kind;
      }
    }
    push(frame);
  });

  parser.on('text', (t: string) => {
    if (headerField !== null) {
      if (headerBuf !== null && !headerBuf.startsWith('@')) headerBuf += t;
      else if (headerBuf !== null && headerBuf.startsWith('@')) headerBuf += `\u0000${t}`;
      return;
    }
    if (inHeader() || skipping() || !inText()) return;
    write(t);
  });

  parser.on('closetag', (tag: SaxesTagPlain) => {
    const frame = pop();
    if (!frame) return;
    const name = frame.name;
    if (headerField !== null && stack.length === headerFieldDepth) {
      const raw = headerBuf ?? '';
      if (headerField === 'title') header.titles.push({ type: headerTitleType, text: clean(raw) });
      else if (headerField === 'author') header.authors.push(clean(raw));
      else {
        const [when, text] = raw.startsWith('@') ? [raw.slice(1).split('\u0000')[0], raw.split('\u0000').slice(1).join('')] : [null, raw];
        const v = (when && parseDateToEdtf(when)) || parseDateToEdtf(clean(text ?? ''));
        if (headerField === 'pubDate' && v && !header.pubDate) header.pubDate = v;
        if (headerField === 'otherDate' && v && !header.otherDate) header.otherDate = v;
      }
      headerField = null;
      headerBuf = null;
      return;
    }
    if (noteBuf !== null && name === 'note' && stack.length === noteDepth) {
      const key = `note-${noteCounter}`;
      notes.push({ label: noteLabel, key, text: clean(noteBuf), ...(noteStandalone ? { unreferenced: true } : {}) });
      noteBuf = null;
      if (!noteStandalone) b.marker(noteLabel, key);
      noteStandalone = false;
      return;
    }
    if (noteBuf !== null) {
      if (BLOCK_ELEMENTS.has(name) || name === 'lb') noteBuf += ' ';
      return;
    }
    if (frame.dateStart !== undefined && frame.dateStart >= 0 && b.isOpen) {
      const value = frame.attrs.when ?? frame.attrs['when-iso'] ?? (frame.attrs.from || frame.attrs.notBefore ? `${frame.attrs.from ?? frame.attrs.notBefore}/${frame.attrs.to ?? frame.attrs.notAfter ?? '..'}` : '');
      let start = frame.dateStart;
      let end = b.length;
      const piece = b.slice(start, end);
      start += piece.length - piece.trimStart().length;
      end -= piece.length - piece.trimEnd().length;
      if (value && end > start) markedDates.push({ span: { start, end }, value });
    }
    if (frame.block) b.close();
    else if (name === 'row') b.close();
    else if (/^div\d?$/.test(name) && notes.length > 0) flushNotes();
    else if (name === 'cell' && b.isOpen) b.text(' | ');
    void tag;
  });

  try {
    parser.write(decoded).close();
  } catch (e) {
    throw new AnnalsError('E005', `XML is malformed: ${(e as Error).message}`, meta.uri);
  }
  if (!sawTei) throw new AnnalsError('E004', 'XML file is not TEI (no <TEI> root element)', meta.uri);

  flushNotes();
  const built = b.finish();
  if (built.text.trim().length === 0) throw new AnnalsError('E003', 'TEI file holds no text', meta.uri);
  // Trailing " | " left by the last cell of a row.
  for (const blk of built.blocks) {
    const s = built.text.slice(blk.span.start, blk.span.end);
    const m = /(?:\s*\|)+$/.exec(s);
    if (m && m.index > 0) blk.span.end = blk.span.start + m.index;
  }
  const mainTitle = header.titles.find((t) => t.type === 'main' && t.text) ?? header.titles.find((t) => t.text && t.type !== 'sub');
  // the title written again as the first block of the text is a heading, not a paragraph
  const firstBlock = built.blocks[0];
  const norm = (x: string) => x.toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();
  if (mainTitle && firstBlock?.kind === 'paragraph' && norm(built.text.slice(firstBlock.span.start, firstBlock.span.end)) === norm(mainTitle.text)) firstBlock.kind = 'heading';
  const doc: Document = {
    id: meta.id,
    uri: meta.uri,
    name: meta.name,
    format: 'tei',
    title: mainTitle?.text ?? null,
    author: header.authors.filter(Boolean).join('; ') || null,
    published: header.pubDate ?? header.otherDate ?? (documentDivisions <= 1 ? divisionDate ?? datelineDate : null),
    text: built.text,
    blocks: built.blocks,
    notes: built.notes,
    sourceMap: built.sourceMap,
  };
  const inText_ = markedDates.filter((d) => d.span.end <= built.text.length);
  if (inText_.length) doc.markedDates = inText_;
  return doc;
}
