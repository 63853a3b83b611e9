/**
 * Builds a Document's text from a parsed tree (Markdown, HTML, TEI): blocks
 * are laid out one after another separated by a blank line, inline white
 * space is collapsed to single spaces (non-breaking spaces are kept), footnote
 * markers are written as "[label]" and linked to their note blocks at the end.
 * Every span is a half-open UTF-16 range into the built text.
 */
import type { Block, BlockKind, NoteLink, SourceMapEntry } from '../core/types.js';

export interface Built {
  text: string;
  blocks: Block[];
  notes: NoteLink[];
  sourceMap: SourceMapEntry[];
}

interface PendingMarker {
  label: string;
  start: number;
  end: number;
}

const BLOCK_SEPARATOR = '\n\n';

export class TextBuilder {
  private out = '';
  private blocks: Block[] = [];
  private markers: PendingMarker[] = [];
  private sourceMap: SourceMapEntry[] = [];
  private cur: { kind: BlockKind; label?: string; start: number; offset?: number; path?: string } | null = null;

  /** Length of the text so far (UTF-16 code units). */
  get length(): number {
    return this.out.length;
  }

  /** The text written so far. */
  peek(): string {
    return this.out;
  }

  /** Whether a block is open. */
  get isOpen(): boolean {
    return this.cur !== null;
  }

  get openKind(): BlockKind | null {
    return this.cur?.kind ?? null;
  }

  /** Open a block (closing the one open, if any). */
  open(kind: BlockKind, opts: { label?: string; offset?: number; path?: string } = {}): void {
    this.close();
    if (this.out.length > 0) this.out += BLOCK_SEPARATOR;
    this.cur = { kind, start: this.out.length, ...opts };
  }

  /** Append inline text to the open block (opening a paragraph if none is), collapsing white space. */
  text(s: string): void {
    if (s.length === 0) return;
    if (!this.cur) this.open('paragraph');
    const collapsed = s.replace(/[ \t\n\r\f\v\u2028\u2029]+/g, ' ');
    if (collapsed === ' ' || collapsed === '') {
      if (this.out.length > this.cur!.start && !this.out.endsWith(' ') && !this.out.endsWith('\u00a0')) this.out += ' ';
      return;
    }
    let piece = collapsed;
    const atStart = this.out.length === this.cur!.start;
    if ((atStart || this.out.endsWith(' ')) && piece.startsWith(' ')) piece = piece.slice(1);
    this.out += piece;
  }

  /** Write a footnote marker "[label]" in the open block. */
  marker(label: string): void {
    if (!this.cur) this.open('paragraph');
    const start = this.out.length;
    this.out += `[${label}]`;
    this.markers.push({ label, start, end: this.out.length });
  }

  /** Close the open block; an empty block leaves no trace. */
  close(): void {
    const cur = this.cur;
    if (!cur) return;
    this.cur = null;
    // trim trailing spaces (not NBSP inside text, but any white space at the end)
    let end = this.out.length;
    while (end > cur.start && /\s/.test(this.out[end - 1])) end--;
    let start = cur.start;
    while (start < end && /\s/.test(this.out[start])) start++;
    if (start === end) {
      // remove the separator and anything written for this empty block
      this.out = this.out.slice(0, cur.start);
      if (this.out.endsWith(BLOCK_SEPARATOR)) this.out = this.out.slice(0, -BLOCK_SEPARATOR.length);
      this.markers = this.markers.filter((m) => m.start < this.out.length);
      return;
    }
    this.out = this.out.slice(0, end);
    const block: Block = { kind: cur.kind, span: { start, end } };
    if (cur.label !== undefined) block.label = cur.label;
    this.blocks.push(block);
    if (cur.offset !== undefined || cur.path !== undefined) {
      const e: SourceMapEntry = { span: { start, end } };
      if (cur.offset !== undefined) e.offset = cur.offset;
      if (cur.path !== undefined) e.path = cur.path;
      this.sourceMap.push(e);
    }
  }

  /** Close the last block and link markers to the footnote blocks with their labels. */
  finish(): Built {
    this.close();
    const byLabel = new Map<string, number>();
    this.blocks.forEach((b, i) => {
      if (b.kind === 'footnote' && b.label !== undefined && !byLabel.has(b.label)) byLabel.set(b.label, i);
    });
    const notes: NoteLink[] = [];
    for (const m of this.markers) {
      const noteBlock = byLabel.get(m.label);
      if (noteBlock === undefined) continue;
      // a marker inside a footnote block (the note's own label) is not a reference
      if (this.blocks[noteBlock].span.start === m.start) continue;
      notes.push({ label: m.label, marker: { start: m.start, end: m.end }, noteBlock });
    }
    return { text: this.out, blocks: this.blocks, notes, sourceMap: this.sourceMap };
  }
}
