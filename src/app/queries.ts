/**
 * Read-side use cases: documents, events with filters, one event explained,
 * and a summary of the store.
 */
import { AnnalsError } from '../core/errors.js';
import type { Sentence, Span, TimeExpression } from '../core/types.js';
import type { DocumentSummary, EventFilter, Overview, SearchHit, Store, StoreCounts, StoredEvent } from '../store/store.js';

export function listDocuments(store: Store): Promise<DocumentSummary[]> {
  return store.listDocuments();
}

export function queryEvents(store: Store, filter: EventFilter = {}): Promise<StoredEvent[]> {
  return store.events(filter);
}

export interface EventExplanation {
  event: StoredEvent;
  document: { id: string; name: string; title: string | null; uri: string; published: string | null };
  /** The sentences before and after the evidence sentence (up to `around` each side), and the sentence itself. */
  before: string[];
  sentence: { span: Span; text: string };
  after: string[];
  /** The time expression the date came from, when any. */
  dateSource: TimeExpression | null;
  /** Text of the trigger, source and target spans as they stand in the document. */
  triggerText: string | null;
  sourceText: string | null;
  targetText: string | null;
}

/** Everything needed to answer "why was this coded so?" for one event (id or unique prefix). */
export async function showEvent(store: Store, id: string, around = 1): Promise<EventExplanation> {
  const event = await store.getEvent(id);
  if (!event) throw new AnnalsError('E021', 'no event with this id (or the prefix is not unique)', id);
  const doc = await store.getDocument(event.docId);
  const ann = await store.getAnnotations(event.docId);
  if (!doc || !ann) throw new AnnalsError('E011', 'the event names a document that is not stored', event.docId);
  const slice = (s: Span | null) => (s ? doc.text.slice(s.start, s.end) : null);
  const sentences: Sentence[] = ann.sentences;
  let at = sentences.findIndex((s) => s.span.start <= event.sentence.start && event.sentence.end <= s.span.end);
  if (at < 0) at = sentences.findIndex((s) => s.span.start < event.evidence.end && event.evidence.start < s.span.end);
  const text = (s: Sentence) => doc.text.slice(s.span.start, s.span.end);
  const before = at >= 0 ? sentences.slice(Math.max(0, at - around), at).map(text) : [];
  const after = at >= 0 ? sentences.slice(at + 1, at + 1 + around).map(text) : [];
  const dateSpan = event.date?.span ?? null;
  const dateSource = dateSpan ? (ann.times.find((t) => t.span.start === dateSpan.start && t.span.end === dateSpan.end) ?? null) : null;
  return {
    event,
    document: { id: doc.id, name: doc.name, title: doc.title, uri: doc.uri, published: doc.published },
    before,
    sentence: { span: event.sentence, text: doc.text.slice(event.sentence.start, event.sentence.end) },
    after,
    dateSource,
    triggerText: slice(event.trigger),
    sourceText: slice(event.sourceSpan),
    targetText: slice(event.targetSpan),
  };
}

/** Documents whose title or text hold all these words (diacritics ignored), best first. */
export function searchDocuments(store: Store, words: string, limit = 20): Promise<SearchHit[]> {
  return store.search(words, limit);
}

export interface StoreSummary {
  counts: StoreCounts;
  overview: Overview;
}

export async function summarize(store: Store, top = 10): Promise<StoreSummary> {
  return { counts: await store.counts(), overview: await store.overview(top) };
}
