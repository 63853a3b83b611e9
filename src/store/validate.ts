/**
 * Every span found in a document must lie in its text: a document that breaks
 * this is refused (E011) before anything of it is written.
 */
import { AnnalsError } from '../core/errors.js';
import type { Annotations, Document, Span } from '../core/types.js';

function checkSpan(doc: Document, what: string, s: Span | null | undefined): void {
  if (!s) return;
  if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= doc.text.length)) {
    throw new AnnalsError('E011', `${what} [${s.start}, ${s.end}) lies outside the text (${doc.text.length} UTF-16 units)`, doc.uri);
  }
}

export function validateSpans(doc: Document, ann: Annotations): void {
  doc.blocks.forEach((b, i) => checkSpan(doc, `block ${i}`, b.span));
  doc.notes.forEach((n, i) => checkSpan(doc, `note marker ${i}`, n.marker));
  doc.markedDates?.forEach((d, i) => checkSpan(doc, `marked date ${i}`, d.span));
  ann.sentences.forEach((s, i) => checkSpan(doc, `sentence ${i}`, s.span));
  ann.mentions.forEach((m, i) => checkSpan(doc, `mention ${i}`, m.span));
  ann.times.forEach((t, i) => checkSpan(doc, `time ${i}`, t.span));
  ann.events.forEach((e, i) => {
    for (const [what, s] of [
      ['evidence', e.evidence],
      ['sentence', e.sentence],
      ['source', e.sourceSpan],
      ['target', e.targetSpan],
      ['trigger', e.trigger],
      ['date', e.date?.span],
    ] as const) {
      checkSpan(doc, `event ${i} ${what}`, s);
    }
  });
}
