/**
 * Footnotes shared by the readers: note labels ("ix", "12", "*"), markers in
 * running text ("…elsewhere.[iii] Next", "[12]", "^1") and linking markers to
 * the footnote blocks that hold their notes. Pure functions.
 */
import type { Block, NoteLink } from '../core/types.js';

/**
 * Trailing notes written as text: the earliest block opening with a note label
 * ("[ix] …") from which at least half of the blocks up to `end` open with one
 * (the others continue the note above them). Returns the index of the first
 * note block (-1 when none) and the label each block from there carries.
 */
export function findTrailingNotes(str: (i: number) => string, end: number): { first: number; labels: Map<number, string> } {
  let labeledAfter = 0;
  let first = -1;
  for (let i = end - 1; i >= 0; i--) {
    const s = str(i);
    const m = NOTE_LABEL_AT_START.exec(s);
    if (m !== null && s.length > m[0].length) {
      labeledAfter++;
      if (labeledAfter * 2 >= end - i) first = i;
    }
  }
  const labels = new Map<number, string>();
  if (first < 0) return { first, labels };
  let label = '';
  for (let i = first; i < end; i++) {
    const m = NOTE_LABEL_AT_START.exec(str(i));
    if (m) label = m[1];
    labels.set(i, label);
  }
  return { first, labels };
}

/**
 * For readers of marked-up text whose notes are plain paragraphs ("[1] …" at
 * the end, "[1]" in the text): make those paragraphs footnotes and link the
 * markers. Leaves documents that already have footnote blocks alone.
 */
export function textNotes(text: string, blocks: Block[]): NoteLink[] | null {
  if (blocks.some((b) => b.kind === 'footnote')) return null;
  let end = blocks.length;
  while (end > 0 && blocks[end - 1].kind === 'metadata') end--;
  const str = (i: number) => text.slice(blocks[i].span.start, blocks[i].span.end);
  const { first, labels } = findTrailingNotes(str, end);
  if (first < 0) return null;
  for (let i = first; i < end; i++) {
    if (blocks[i].kind === 'heading') continue;
    blocks[i].kind = 'footnote';
    blocks[i].label = labels.get(i);
  }
  const links = linkBracketMarkers(text, blocks);
  return links;
}

/** A note's label at the start of a footnote: "[ix] …", "[iii …" (bracket lost), "[12]", "12. …" is NOT accepted here. */
export const NOTE_LABEL_AT_START = /^\s*\[\s*([ivxlcdm]{1,8}|\d{1,3}|\*{1,3}|[a-z])\s*(?:\]|(?=\s))\s*/i;

/** Markers in running text: "[ix]", "[12]". */
const BRACKET_MARKER = /\[([ivxlcdm]{1,8}|\d{1,3})\]/gi;

export function normaliseLabel(label: string): string {
  return label.trim().toLowerCase();
}

/**
 * Find bracketed markers whose label names a note block, and link each to its
 * note. Markers are searched only in blocks that are not footnotes or metadata.
 */
export function linkBracketMarkers(text: string, blocks: Block[]): NoteLink[] {
  const noteByLabel = new Map<string, number>();
  blocks.forEach((b, i) => {
    if (b.kind === 'footnote' && b.label !== undefined) {
      const key = normaliseLabel(b.label);
      if (!noteByLabel.has(key)) noteByLabel.set(key, i);
    }
  });
  if (noteByLabel.size === 0) return [];
  const links: NoteLink[] = [];
  for (const b of blocks) {
    if (b.kind === 'footnote' || b.kind === 'metadata') continue;
    const slice = text.slice(b.span.start, b.span.end);
    BRACKET_MARKER.lastIndex = 0;
    for (let m = BRACKET_MARKER.exec(slice); m; m = BRACKET_MARKER.exec(slice)) {
      const noteBlock = noteByLabel.get(normaliseLabel(m[1]));
      if (noteBlock === undefined) continue;
      const start = b.span.start + m.index;
      links.push({ label: m[1], marker: { start, end: start + m[0].length }, noteBlock });
    }
  }
  return links;
}

/** Section headings of the scholarly apparatus: what follows is not the document's narrative. */
const APPARATUS_HEADING =
  /^(?:\d+(?:\.\d+)*\.?\s+)?(references|bibliography|sources|works cited|citations|literature|further reading|external links|see also|select bibliography|primary sources|secondary sources|notes and references|references and notes|notes|footnotes|endnotes)\s*:?\s*$/i;

/**
 * Sections under an apparatus heading ("References", "Further reading",
 * "External links", "See also" → metadata; "Notes", "Footnotes" → footnote),
 * up to the next heading. Rule formats.apparatus-v1. Changes blocks in place.
 */
export function markApparatus(text: string, blocks: Block[]): void {
  let mode: 'metadata' | 'footnote' | null = null;
  for (const b of blocks) {
    if (b.kind === 'heading') {
      const m = APPARATUS_HEADING.exec(text.slice(b.span.start, b.span.end).replace(/\s*\[edit\]\s*$/i, '').trim());
      mode = m ? (/notes$/i.test(m[1]) && !/references/i.test(m[1]) ? 'footnote' : 'metadata') : null;
      continue;
    }
    if (mode === null) continue;
    // notes already laid out (and linked) stay footnotes
    if (b.kind === 'footnote') continue;
    b.kind = mode;
  }
}
