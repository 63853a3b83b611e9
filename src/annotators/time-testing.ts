/**
 * Build small Documents for the tests of the time and date annotators:
 * blocks from a list of parts (paragraphs, headings, quotes, footnotes with a
 * label) and footnote markers "[label]" linked to their notes.
 */
import type { Block, BlockKind, Document, NoteLink } from '../core/types.js';

export type Part = string | { kind: BlockKind; text: string; label?: string };

export function testDocument(parts: Part[], published: string | null = null): Document {
  let text = '';
  const blocks: Block[] = [];
  for (const p of parts) {
    const part = typeof p === 'string' ? { kind: 'paragraph' as BlockKind, text: p } : p;
    if (text) text += '\n\n';
    const start = text.length;
    text += part.text;
    const block: Block = { kind: part.kind, span: { start, end: text.length } };
    if (part.label !== undefined) block.label = part.label;
    blocks.push(block);
  }
  const notes: NoteLink[] = [];
  blocks.forEach((b) => {
    if (b.kind === 'footnote') return;
    const slice = text.slice(b.span.start, b.span.end);
    for (const m of slice.matchAll(/\[([ivx\d]+)\]/g)) {
      const noteBlock = blocks.findIndex((x) => x.kind === 'footnote' && x.label === m[1]);
      if (noteBlock < 0) continue;
      const start = b.span.start + (m.index ?? 0);
      notes.push({ label: m[1], marker: { start, end: start + m[0].length }, noteBlock });
    }
  });
  return { id: 'test', uri: 'test.txt', name: 'test.txt', format: 'text', title: null, author: null, published, text, blocks, notes };
}
