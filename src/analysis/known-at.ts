/**
 * "As known at": limit the record to documents published up to a date, to see
 * what could be known then. A document counts only when its publication date
 * is certainly on or before the date (its latest possible day is not later);
 * documents without a publication date are left out unless asked for.
 */
import type { CodedEvent } from '../core/types.js';
import { dayNumber, edtfBounds } from './bounds.js';

export interface PublishedDoc {
  id: string;
  published: string | null;
}

export interface KnownAtOptions {
  /** Keep events of documents with no publication date (default false). */
  includeUndated?: boolean;
}

/** Is a document published by `date` (EDTF; its latest day counts: "1979" = by the end of 1979)? */
export function publishedBy(published: string | null, date: string, options: KnownAtOptions = {}): boolean {
  if (!published) return !!options.includeUndated;
  let pub;
  try {
    pub = edtfBounds(published);
  } catch {
    return !!options.includeUndated;
  }
  return dayNumber(pub.latest) <= dayNumber(edtfBounds(date).latest);
}

export function knownAt<E extends Pick<CodedEvent, 'docId'>>(
  events: readonly E[],
  docs: readonly PublishedDoc[],
  date: string,
  options: KnownAtOptions = {},
): E[] {
  edtfBounds(date); // a bad date fails here, naming the value
  const ok = new Set(docs.filter((d) => publishedBy(d.published, date, options)).map((d) => d.id));
  return events.filter((e) => ok.has(e.docId));
}
