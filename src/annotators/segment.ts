// PLACEHOLDER (scaffolding): replaced by the sentence segmenter.
import type { Document, Sentence } from '../core/types.js';

export function segment(doc: Document): Sentence[] {
  return doc.blocks.map((b, i) => ({ span: { ...b.span }, block: i }));
}
