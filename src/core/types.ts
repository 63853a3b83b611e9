/**
 * Core types of annals. Everything found in a document is a Span over
 * `Document.text`: half-open [start, end) in UTF-16 code units (JavaScript
 * string indices). Positions in the original file live in `Document.sourceMap`.
 * This module imports nothing.
 */

/** Half-open interval [start, end) in UTF-16 code units of Document.text. */
export interface Span {
  start: number;
  end: number;
}

export type DocumentFormat = 'text' | 'markdown' | 'html' | 'tei' | 'pdf' | 'docx';

export type BlockKind =
  | 'heading'
  | 'paragraph'
  | 'quote'
  | 'footnote'
  | 'list-item'
  | 'caption'
  | 'metadata';

export interface Block {
  kind: BlockKind;
  span: Span;
  /** For footnote blocks: the note label as written ("ix", "12"). */
  label?: string;
}

/** A footnote marker in running text linked to the block holding the note. */
export interface NoteLink {
  label: string;
  marker: Span;
  /** Index into Document.blocks of the footnote block. */
  noteBlock: number;
}

/** A piece of Document.text mapped back to a place in the original file. */
export interface SourceMapEntry {
  span: Span;
  /** 1-based page for paginated formats (PDF). */
  page?: number;
  /** Byte or character offset in the original file, when known. */
  offset?: number;
  /** XPath-like location for XML formats. */
  path?: string;
}

export interface Document {
  /** sha256 (hex) of the original file's bytes: the same file always gets the same id. */
  id: string;
  /** Where it came from (path or URL) as given by the user. */
  uri: string;
  /** Base name of the file, e.g. "002_12e802bf28f80875.txt". */
  name: string;
  format: DocumentFormat;
  title: string | null;
  author: string | null;
  /** Publication date as EDTF, or null when the document does not state it. */
  published: string | null;
  /** The extracted plain text: the source of truth for every span. */
  text: string;
  blocks: Block[];
  notes: NoteLink[];
  sourceMap?: SourceMapEntry[];
  /** Dates the source's markup states for a piece of the text (TEI <date when="…">), value as stated (ISO 8601/EDTF). */
  markedDates?: Array<{ span: Span; value: string }>;
}

export interface Sentence {
  span: Span;
  /** Index into Document.blocks of the block containing the sentence. */
  block: number;
}

export type EntityKind = 'state' | 'person' | 'organization' | 'group' | 'place';

/** A role held over a period, e.g. Prime Minister of ALB from 2013-09-15. */
export interface Role {
  /** Normalised title key: "head-of-state", "head-of-government", "foreign-minister", "defence-minister", "ambassador", ... */
  title: string;
  /** Country (CAMEO alpha-3) the role belongs to. */
  country: string | null;
  /** EDTF bounds, null when open. */
  from: string | null;
  to: string | null;
  /** CAMEO-style actor code for the role (e.g. "ALBGOV"), when known. */
  code?: string;
}

export interface Entity {
  /** Stable id, e.g. "state:ALB", "person:enver-hoxha", "org:nato". */
  id: string;
  name: string;
  kind: EntityKind;
  /** CAMEO/ISO alpha-3 country, or "IGO", or null. */
  country: string | null;
  aliases: string[];
  roles?: Role[];
}

/** What an event or mention needs to know of an entity. */
export interface EntityRef {
  id: string;
  name: string;
  kind: EntityKind;
  country: string | null;
}

export interface ActorMention {
  span: Span;
  /** The surface text, exactly Document.text.slice(span.start, span.end). */
  text: string;
  entity: EntityRef;
  /** How it was found: "actors.country.name-v1", "actors.person.title-v1", ... */
  ruleId: string;
  confidence: number;
}

export type DatePrecision =
  | 'day'
  | 'month'
  | 'season'
  | 'year'
  | 'decade'
  | 'century'
  | 'interval'
  | 'unknown';

export type AnchorKind =
  | 'explicit' // the expression is absolute ("29 July 1970")
  | 'document' // resolved against the publication date
  | 'diary' // against the entry date of a diary excerpt
  | 'cable' // against the date line of a cable / telegram / memorandum
  | 'source' // against the date of another quoted source (speech, article) given in its footnote or introduction
  | 'narrative' // against the narrative time of the paragraph
  | 'previous'; // against the previous time expression

export interface TimeExpression {
  span: Span;
  text: string;
  /** EDTF value, e.g. "1970-07-29", "1976-21", "197X", "1975-12-02/1978-07", "1977~". */
  value: string;
  /** Calendar bounds as ISO dates "YYYY-MM-DD" (years may be negative, "-0044-03-15"). */
  earliest: string;
  latest: string;
  precision: DatePrecision;
  anchor: { kind: AnchorKind; value: string | null };
  ruleId: string;
  /** The expression sits in a bibliographic reference (publisher, volume, page): a time, but not of an event. */
  citation?: boolean;
}

export type Modality = 'asserted' | 'reported' | 'negated' | 'hypothetical' | 'planned';

/** A date attached to an event, with where it came from. */
export interface EventDate {
  value: string;
  earliest: string;
  latest: string;
  precision: DatePrecision;
  /** The time expression it came from, when any. */
  span: Span | null;
  /** "dates.clause-v1", "dates.sentence-v1", "dates.paragraph-v1", ... */
  ruleId: string;
  confidence: number;
}

export type QuadClass = 1 | 2 | 3 | 4; // verbal coop, material coop, verbal conflict, material conflict

export interface CodedEvent {
  /** Deterministic id: hash of document id, evidence span, code, dyad and date. */
  id: string;
  docId: string;
  /** The clause or sentence stating the event. */
  evidence: Span;
  evidenceText: string;
  /** The sentence containing the evidence. */
  sentence: Span;
  source: EntityRef | null;
  target: EntityRef | null;
  sourceSpan: Span | null;
  targetSpan: Span | null;
  /** The words that triggered the code (verb, noun, pattern). */
  trigger: Span | null;
  /** CAMEO code, 2-4 digits as text. */
  code: string;
  root: string;
  goldstein: number;
  quadClass: QuadClass;
  plover: string | null;
  date: EventDate | null;
  claimant: EntityRef | null;
  modality: Modality;
  confidence: number;
  /** The lexicon/pattern rule that fired, e.g. "events.visit.active-v1". */
  ruleId: string;
  /** Human-readable reason: why was this coded so? */
  reason: string;
  /** Extractor version that produced the event. */
  extractor: string;
}

/** Everything the pipeline found in one document. */
export interface Annotations {
  sentences: Sentence[];
  mentions: ActorMention[];
  times: TimeExpression[];
  events: CodedEvent[];
}
