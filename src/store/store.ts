/**
 * The Store interface: every storage driver (sqlite/, postgres/) implements it,
 * and one contract test suite runs against each. All methods are async so a
 * server database fits behind the same interface.
 */
import type { Annotations, CodedEvent, Document, Entity, Modality } from '../core/types.js';

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
  /** Entity id, CAMEO country code or name: events where it is source or target. */
  actor?: string;
  /** Two actors (ids, country codes or names): events between them, either direction. */
  dyad?: [string, string];
  /** CAMEO code prefix: "04" (root) or "042" or "0421". */
  code?: string;
  /** Overlap with [from, to] (EDTF or ISO dates; either may be missing). */
  from?: string;
  to?: string;
  /** Document id or name. */
  doc?: string;
  modality?: Modality;
  /** Only documents published up to this date ("as known at"). */
  knownAt?: string;
  limit?: number;
  offset?: number;
  order?: 'date' | 'doc' | 'code';
}

export interface StoredEvent extends CodedEvent {
  docName: string;
}

export interface StoreCounts {
  documents: number;
  events: number;
  actors: number;
  mentions: number;
}

export interface Store {
  /** Create or upgrade the schema; refuses a schema newer than this code knows. */
  migrate(): Promise<void>;
  hasDocument(id: string): Promise<boolean>;
  /** Save a document with everything found in it, in one transaction. Idempotent by document id. */
  saveDocument(doc: Document, ann: Annotations, entities: Entity[]): Promise<void>;
  listDocuments(): Promise<DocumentSummary[]>;
  getDocument(idOrName: string): Promise<Document | null>;
  getAnnotations(docId: string): Promise<Annotations | null>;
  events(filter?: EventFilter): Promise<StoredEvent[]>;
  getEvent(id: string): Promise<StoredEvent | null>;
  actors(): Promise<Array<Entity & { events: number }>>;
  counts(): Promise<StoreCounts>;
  close(): Promise<void>;
}
