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
  /** Links the marker to the note opened with the same key (labels may repeat, e.g. "1" in every chapter). */
  key: string;
  start: number;
  end: number;
}

const BLOCK_SEPARATOR = '\n\n';

export class TextBuilder {
  /**
   * The text is kept as finished chunks plus the open block's tail, so that
   * appending and trimming touch only the tail: building stays linear in the
   * length of the text (one growing string read at its end is flattened by
   * the engine again and again, which is quadratic).
   */
  private head: string[] = [];
  private headLength = 0;
  private tail = '';
  private blocks: Block[] = [];
  private markers: PendingMarker[] = [];
  private sourceMap: SourceMapEntry[] = [];
  private cur: { kind: BlockKind; label?: string; key?: string; start: number; offset?: number; path?: string } | null = null;
  /** Note key → index of the note's first block. */
  private noteBlocks = new Map<string, number>();

  /** Length of the text so far (UTF-16 code units). */
  get length(): number {
    return this.headLength + this.tail.length;
  }

  /** The text written so far. */
  peek(): string {
    if (this.head.length > 1) this.head = [this.head.join('')];
    return (this.head[0] ?? '') + this.tail;
  }

  /** A piece of the text written so far; cheap when it lies in the open block. */
  slice(start: number, end: number): string {
    if (start >= this.headLength) return this.tail.slice(start - this.headLength, end - this.headLength);
    return this.peek().slice(start, end);
  }

  /** Whether a block is open. */
  get isOpen(): boolean {
    return this.cur !== null;
  }

  get openKind(): BlockKind | null {
    return this.cur?.kind ?? null;
  }

  private flush(): void {
    if (this.tail.length === 0) return;
    this.head.push(this.tail);
    this.headLength += this.tail.length;
    this.tail = '';
  }

  /** Open a block (closing the one open, if any). */
  open(kind: BlockKind, opts: { label?: string; key?: string; offset?: number; path?: string } = {}): void {
    this.close();
    this.flush();
    if (this.headLength > 0) {
      this.head.push(BLOCK_SEPARATOR);
      this.headLength += BLOCK_SEPARATOR.length;
    }
    this.cur = { kind, start: this.headLength, ...opts };
  }

  /** Append inline text to the open block (opening a paragraph if none is), collapsing white space. */
  text(s: string): void {
    if (s.length === 0) return;
    if (!this.cur) this.open('paragraph');
    const collapsed = s.replace(/[ \t\n\r\f\v\u2028\u2029]+/g, ' ');
    if (collapsed === ' ' || collapsed === '') {
      if (this.tail.length > 0 && !this.tail.endsWith(' ') && !this.tail.endsWith('\u00a0')) this.tail += ' ';
      return;
    }
    let piece = collapsed;
    const atStart = this.tail.length === 0;
    if ((atStart || this.tail.endsWith(' ')) && piece.startsWith(' ')) piece = piece.slice(1);
    this.tail += piece;
  }

  /**
   * Write a footnote marker "[label]" in the open block. `key` names the note
   * it refers to (a footnote block opened with the same key); by default the label.
   */
  marker(label: string, key: string = label): void {
    if (!this.cur) this.open('paragraph');
    const start = this.length;
    this.tail += `[${label}]`;
    this.markers.push({ label, key, start, end: this.length });
  }

  /** Close the open block; an empty block leaves no trace. */
  close(): void {
    const cur = this.cur;
    if (!cur) return;
    this.cur = null;
    // The open block's text is the tail (it starts at cur.start == headLength).
    // trim trailing spaces (not NBSP inside text, but any white space at the end)
    let end = this.tail.length;
    while (end > 0 && /\s/.test(this.tail[end - 1]!)) end--;
    let start = 0;
    while (start < end && /\s/.test(this.tail[start]!)) start++;
    if (start === end) {
      // remove the separator and anything written for this empty block
      this.tail = '';
      const last = this.head.length - 1;
      if (last >= 0 && this.head[last]!.endsWith(BLOCK_SEPARATOR)) {
        this.head[last] = this.head[last]!.slice(0, -BLOCK_SEPARATOR.length);
        this.headLength -= BLOCK_SEPARATOR.length;
      }
      const length = this.length;
      this.markers = this.markers.filter((m) => m.start < length);
      return;
    }
    this.tail = this.tail.slice(0, end);
    const span = { start: cur.start + start, end: cur.start + end };
    const block: Block = { kind: cur.kind, span };
    if (cur.label !== undefined) block.label = cur.label;
    if (cur.kind === 'footnote') {
      const key = cur.key ?? cur.label;
      if (key !== undefined && !this.noteBlocks.has(key)) this.noteBlocks.set(key, this.blocks.length);
    }
    this.blocks.push(block);
    if (cur.offset !== undefined || cur.path !== undefined) {
      const e: SourceMapEntry = { span: { ...span } };
      if (cur.offset !== undefined) e.offset = cur.offset;
      if (cur.path !== undefined) e.path = cur.path;
      this.sourceMap.push(e);
    }
  }

  /** Close the last block and link markers to the footnote blocks with their keys. */
  finish(): Built {
    this.close();
    const notes: NoteLink[] = [];
    for (const m of this.markers) {
      const noteBlock = this.noteBlocks.get(m.key);
      if (noteBlock === undefined) continue;
      // a marker inside a footnote block (the note's own label) is not a reference
      if (this.blocks[noteBlock].span.start === m.start) continue;
      notes.push({ label: m.label, marker: { start: m.start, end: m.end }, noteBlock });
    }
    return { text: this.peek(), blocks: this.blocks, notes, sourceMap: this.sourceMap };
  }
}
