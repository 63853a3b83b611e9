// PLACEHOLDER (scaffolding): replaced by date attachment (clause → sentence → paragraph narrative time).
import type { Document, EventDate, Sentence, Span, TimeExpression } from '../core/types.js';

export interface AttachInput {
  doc: Document;
  sentences: Sentence[];
  times: TimeExpression[];
  /** The clause or sentence stating the event. */
  evidence: Span;
  /** The trigger word(s), when known. */
  trigger: Span | null;
}

/**
 * The dates of an event stated in `evidence`: usually one; several when the
 * clause lists dates ("in 1972, 1974 and 1975" → one per date); empty when the
 * text gives no way to date it (never the publication date by default).
 */
export function attachDates(_input: AttachInput): EventDate[] {
  return [];
}
