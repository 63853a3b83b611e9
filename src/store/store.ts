/**
 * The Store interface: every storage driver (sqlite/, postgres/) implements it,
 * and one contract test suite runs against each. All methods are async so a
 * server database fits behind the same interface.
 */
import type { Annotations, CodedEvent, Document, Entity, EntityRef, Modality } from '../core/types.js';

export interface DocumentSummary {
  id: string;
  name: string;
  uri: string;
  format: string;
  title: string | null;
  author: string | null;
  published: string | null;
  chars: number;
  events: number;
  ingestedAt: string;
}

export interface EventFilter {
  /**
   * Entity id ("state:ALB"), CAMEO country code ("ALB": every actor of that
   * country) or name/alias ("Albania", "Hoxha"): events where it is source or target.
   */
  actor?: string;
  /** Two actors (as for `actor`): events between them, either direction. */
  dyad?: [string, string];
  /** CAMEO code prefix: "04" (root) or "042" or "0421". */
  code?: string;
  /** Overlap with [from, to] (EDTF or ISO dates; either may be missing). */
  from?: string;
  to?: string;
  /** Document id or name. */
  doc?: string;
  modality?: Modality;
  /** Only documents published up to this date ("as known at"); documents with no stated date are left out. */
  knownAt?: string;
  /** Only events with this extraction rule id (exact). */
  ruleId?: string;
  limit?: number;
  offset?: number;
  order?: 'date' | 'doc' | 'code';
  /** Reverse the order (every key descending). Drivers that implement countEvents() honour it. */
  desc?: boolean;
}

export interface StoredEvent extends CodedEvent {
  docName: string;
}

/** How many events match a filter, in all and by CAMEO root, modality and quad class. */
export interface EventCounts {
  total: number;
  byRoot: Record<string, number>;
  byModality: Record<string, number>;
  byQuadClass: Record<string, number>;
}

export interface StoreCounts {
  documents: number;
  events: number;
  actors: number;
  mentions: number;
}

export interface SaveOptions {
  /** Replace a document already stored under the same id (re-extraction); default: keep it and skip. */
  replace?: boolean;
}

/** What saveDocument did. */
export type SaveOutcome = 'added' | 'skipped' | 'replaced';

export interface SearchHit {
  docId: string;
  docName: string;
  title: string | null;
  /** A short excerpt around the match, the matched words between [ and ]. */
  snippet: string;
  /** Lower is better (FTS5 bm25). */
  rank: number;
}

export interface DyadCount {
  source: EntityRef;
  target: EntityRef;
  events: number;
}

export interface Overview {
  /** Source→target pairs with the most events. */
  dyads: DyadCount[];
  /** CAMEO codes with the most events. */
  codes: Array<{ code: string; events: number }>;
}

export interface Store {
  /** Create or upgrade the schema; refuses a schema newer than this code knows (E010). */
  migrate(): Promise<void>;
  /** The schema version the store holds (0 before migrate). */
  schemaVersion(): Promise<number>;
  hasDocument(id: string): Promise<boolean>;
  /**
   * Save a document with everything found in it, in one transaction: after a
   * crash it is either wholly there or not at all. Idempotent by document id.
   */
  saveDocument(doc: Document, ann: Annotations, entities: Entity[], options?: SaveOptions): Promise<SaveOutcome>;
  /** Remove a document and everything found in it; false when it was not there. */
  deleteDocument(id: string): Promise<boolean>;
  listDocuments(): Promise<DocumentSummary[]>;
  /** By id, unique id prefix, or file name (the most recently ingested when several share it). */
  getDocument(idOrName: string): Promise<Document | null>;
  getAnnotations(docId: string): Promise<Annotations | null>;
  events(filter?: EventFilter): Promise<StoredEvent[]>;
  /** By id or unique id prefix (at least 6 characters). */
  getEvent(id: string): Promise<StoredEvent | null>;
  /**
   * Count the events of a filter (limit, offset and order ignored) without
   * reading them. Optional: callers fall back to events() when a driver lacks it.
   */
  countEvents?(filter?: EventFilter): Promise<EventCounts>;
  actors(): Promise<Array<Entity & { events: number }>>;
  counts(): Promise<StoreCounts>;
  overview(limit?: number): Promise<Overview>;
  /** Full-text search over document titles and text (diacritics ignored: "zeri" finds "Zëri"). Words are data, never query syntax. */
  search(query: string, limit?: number): Promise<SearchHit[]>;
  /** Consistency problems found (empty when the store is sound). */
  check(): Promise<string[]>;
  /**
   * For a load that is large beside what is stored: set aside the indexes that only speed up
   * queries (kept as their definitions), so each saved row writes one B-tree instead of many.
   * Queries stay correct meanwhile, only slower. Optional: drivers without it index as they go.
   */
  deferIndexes?(): Promise<void>;
  /** Build the indexes set aside by deferIndexes (none: nothing to do); how many were built. */
  restoreIndexes?(): Promise<number>;
  /** Names of the indexes set aside and not yet built again. */
  deferredIndexes?(): Promise<string[]>;
  close(): Promise<void>;
}
