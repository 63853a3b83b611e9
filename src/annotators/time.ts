// PLACEHOLDER (scaffolding): replaced by time expression finding and anchoring.
import type { Document, Sentence, TimeExpression } from '../core/types.js';

export function findTimes(_doc: Document, _sentences: Sentence[]): TimeExpression[] {
  return [];
}
