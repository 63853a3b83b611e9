/**
 * Footnotes shared by the readers: note labels ("ix", "12", "*"), markers in
 * running text ("…elsewhere.[iii] Next", "[12]", "^1") and linking markers to
 * the footnote blocks that hold their notes. Pure functions.
 */
import type { Block, NoteLink } from '../core/types.js';

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
