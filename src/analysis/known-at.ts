/**
 * "As known at": limit the record to documents published up to a date, to see
 * what could be known then. A document counts when its publication date can
 * fall on or before the date (its earliest possible day is not later than the
 * date's last day: a document of "1976" counts at any date in 1976), as the
 * store's `knownAt` filter does; `strict` asks for documents certainly
 * published by then. Documents without a publication date are left out unless
 * asked for.
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
  /** Only documents certainly published by the date (their latest possible day). */
  strict?: boolean;
}

/** Is a document published by `date` (EDTF; its last day counts: "1979" = by the end of 1979)? */
export function publishedBy(published: string | null, date: string, options: KnownAtOptions = {}): boolean {
  if (!published) return !!options.includeUndated;
  let pub;
  try {
    pub = edtfBounds(published);
  } catch {
    return !!options.includeUndated;
  }
  return dayNumber(options.strict ? pub.latest : pub.earliest) <= dayNumber(edtfBounds(date).latest);
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
