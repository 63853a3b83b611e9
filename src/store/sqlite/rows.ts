/**
 * The one place where snake_case SQL rows meet camelCase objects: each table
 * has a toXRow (object → named parameters) and a fromXRow (row → object).
 */
import type {
  ActorMention,
  Block,
  CodedEvent,
  Document,
  Entity,
  EntityKind,
  EntityRef,
  NoteLink,
  Sentence,
  Span,
  TimeExpression,
} from '../../core/types.js';
import type { Annotations } from '../../core/types.js';
import type { DocumentSummary, StoredEvent } from '../store.js';
import { edtfDayKeys, isoDayKey } from '../day-key.js';
import { validateSpans } from '../validate.js';

type Row = Record<string, unknown>;

function spanOf(start: unknown, end: unknown): Span | null {
  return start === null || start === undefined ? null : { start: Number(start), end: Number(end) };
}

/** The entity reference stored in a row's `<prefix>_id/_name/_kind/_country` columns, or null. */
export function refOf(row: Row, prefix: string): EntityRef | null {
  const id = row[`${prefix}_id`];
  if (id === null || id === undefined) return null;
  return {
    id: String(id),
    name: String(row[`${prefix}_name`]),
    kind: row[`${prefix}_kind`] as EntityKind,
    country: (row[`${prefix}_country`] as string | null) ?? null,
  };
}

const refCols = (prefix: string) => [`${prefix}_id`, `${prefix}_name`, `${prefix}_kind`, `${prefix}_country`];

function pushRef(out: unknown[], ref: EntityRef | null): void {
  if (ref) out.push(ref.id, ref.name, ref.kind, ref.country ?? null);
  else out.push(null, null, null, null);
}

/** An object row from column names and the values a push function writes in their order. */
function zip(cols: readonly string[], values: unknown[]): Row {
  const row: Row = {};
  cols.forEach((c, i) => (row[c] = values[i]));
  return row;
}

/** Earliest day of an EDTF value, or null when missing or unreadable. */
export function earliestKey(edtf: string | null | undefined): number | null {
  if (!edtf) return null;
  try {
    return edtfDayKeys(edtf).lo;
  } catch {
    return null;
  }
}

/** The documents columns but ingested_at, which comes last. */
export const DOCUMENT_COLS = [
  'id', 'name', 'uri', 'format', 'title', 'author', 'published', 'published_key',
  'text', 'length_utf16', 'source_map', 'marked_dates',
] as const;

function pushDocument(out: unknown[], doc: Document): void {
  out.push(
    doc.id,
    doc.name,
    doc.uri,
    doc.format,
    doc.title,
    doc.author,
    doc.published,
    earliestKey(doc.published),
    doc.text,
    doc.text.length,
    doc.sourceMap ? JSON.stringify(doc.sourceMap) : null,
    doc.markedDates ? JSON.stringify(doc.markedDates) : null,
  );
}

export function toDocumentRow(doc: Document, ingestedAt: string): Row {
  const values: unknown[] = [];
  pushDocument(values, doc);
  return { ...zip(DOCUMENT_COLS, values), ingested_at: ingestedAt };
}

export function fromDocumentRow(row: Row, blocks: Block[], notes: NoteLink[]): Document {
  const doc: Document = {
    id: String(row.id),
    uri: String(row.uri),
    name: String(row.name),
    format: row.format as Document['format'],
    title: (row.title as string | null) ?? null,
    author: (row.author as string | null) ?? null,
    published: (row.published as string | null) ?? null,
    text: String(row.text),
    blocks,
    notes,
  };
  if (row.source_map) doc.sourceMap = JSON.parse(String(row.source_map));
  if (row.marked_dates) doc.markedDates = JSON.parse(String(row.marked_dates));
  return doc;
}

export function fromDocumentSummaryRow(row: Row): DocumentSummary {
  return {
    id: String(row.id),
    name: String(row.name),
    uri: String(row.uri),
    format: String(row.format),
    title: (row.title as string | null) ?? null,
    author: (row.author as string | null) ?? null,
    published: (row.published as string | null) ?? null,
    chars: Number(row.length_utf16),
    events: Number(row.events ?? 0),
    ingestedAt: String(row.ingested_at),
  };
}

const BLOCK_COLS = ['doc_id', 'seq', 'kind', 'start_utf16', 'end_utf16', 'label'] as const;

function pushBlock(out: unknown[], docId: string, seq: number, b: Block): void {
  out.push(docId, seq, b.kind, b.span.start, b.span.end, b.label ?? null);
}

export function toBlockRow(docId: string, seq: number, b: Block): Row {
  const values: unknown[] = [];
  pushBlock(values, docId, seq, b);
  return zip(BLOCK_COLS, values);
}

export function fromBlockRow(row: Row): Block {
  const b: Block = { kind: row.kind as Block['kind'], span: spanOf(row.start_utf16, row.end_utf16)! };
  if (row.label !== null && row.label !== undefined) b.label = String(row.label);
  return b;
}

const NOTE_COLS = ['doc_id', 'seq', 'label', 'marker_start_utf16', 'marker_end_utf16', 'note_block'] as const;

function pushNote(out: unknown[], docId: string, seq: number, n: NoteLink): void {
  out.push(docId, seq, n.label, n.marker.start, n.marker.end, n.noteBlock);
}

export function toNoteRow(docId: string, seq: number, n: NoteLink): Row {
  const values: unknown[] = [];
  pushNote(values, docId, seq, n);
  return zip(NOTE_COLS, values);
}

export function fromNoteRow(row: Row): NoteLink {
  return {
    label: String(row.label),
    marker: spanOf(row.marker_start_utf16, row.marker_end_utf16)!,
    noteBlock: Number(row.note_block),
  };
}

const SENTENCE_COLS = ['doc_id', 'seq', 'start_utf16', 'end_utf16', 'block'] as const;

function pushSentence(out: unknown[], docId: string, seq: number, s: Sentence): void {
  out.push(docId, seq, s.span.start, s.span.end, s.block);
}

export function toSentenceRow(docId: string, seq: number, s: Sentence): Row {
  const values: unknown[] = [];
  pushSentence(values, docId, seq, s);
  return zip(SENTENCE_COLS, values);
}

export function fromSentenceRow(row: Row): Sentence {
  return { span: spanOf(row.start_utf16, row.end_utf16)!, block: Number(row.block) };
}

export function toEntityRow(e: Entity): Row {
  return {
    id: e.id,
    name: e.name,
    kind: e.kind,
    country: e.country,
    aliases: JSON.stringify(e.aliases ?? []),
    roles: e.roles ? JSON.stringify(e.roles) : null,
  };
}

export function fromEntityRow(row: Row): Entity {
  const e: Entity = {
    id: String(row.id),
    name: String(row.name),
    kind: row.kind as EntityKind,
    country: (row.country as string | null) ?? null,
    aliases: JSON.parse(String(row.aliases ?? '[]')),
  };
  if (row.roles) e.roles = JSON.parse(String(row.roles));
  return e;
}

const MENTION_COLS = ['doc_id', 'seq', 'start_utf16', 'end_utf16', 'text', ...refCols('entity'), 'rule_id', 'confidence'];

function pushMention(out: unknown[], docId: string, seq: number, m: ActorMention): void {
  out.push(docId, seq, m.span.start, m.span.end, m.text);
  pushRef(out, m.entity);
  out.push(m.ruleId, m.confidence);
}

export function toMentionRow(docId: string, seq: number, m: ActorMention): Row {
  const values: unknown[] = [];
  pushMention(values, docId, seq, m);
  return zip(MENTION_COLS, values);
}

export function fromMentionRow(row: Row): ActorMention {
  return {
    span: spanOf(row.start_utf16, row.end_utf16)!,
    text: String(row.text),
    entity: refOf(row, 'entity')!,
    ruleId: String(row.rule_id),
    confidence: Number(row.confidence),
  };
}

const TIME_COLS = [
  'doc_id', 'seq', 'start_utf16', 'end_utf16', 'text', 'value', 'earliest', 'latest', 'precision',
  'anchor_kind', 'anchor_value', 'rule_id', 'citation',
] as const;

function pushTime(out: unknown[], docId: string, seq: number, t: TimeExpression): void {
  out.push(
    docId, seq, t.span.start, t.span.end, t.text, t.value, t.earliest, t.latest, t.precision,
    t.anchor.kind, t.anchor.value, t.ruleId, t.citation ? 1 : 0,
  );
}

export function toTimeRow(docId: string, seq: number, t: TimeExpression): Row {
  const values: unknown[] = [];
  pushTime(values, docId, seq, t);
  return zip(TIME_COLS, values);
}

export function fromTimeRow(row: Row): TimeExpression {
  const t: TimeExpression = {
    span: spanOf(row.start_utf16, row.end_utf16)!,
    text: String(row.text),
    value: String(row.value),
    earliest: String(row.earliest),
    latest: String(row.latest),
    precision: row.precision as TimeExpression['precision'],
    anchor: { kind: row.anchor_kind as TimeExpression['anchor']['kind'], value: (row.anchor_value as string | null) ?? null },
    ruleId: String(row.rule_id),
  };
  if (row.citation) t.citation = true;
  return t;
}

/** Day keys of an event date: from its ISO bounds, else from its EDTF value. */
function eventDateKeys(e: CodedEvent): [number | null, number | null] {
  if (!e.date) return [null, null];
  let lo = isoDayKey(e.date.earliest);
  let hi = isoDayKey(e.date.latest);
  if (lo === null || hi === null) {
    try {
      const keys = edtfDayKeys(e.date.value);
      lo ??= keys.lo;
      hi ??= keys.hi;
    } catch {
      // an unreadable date stays out of date queries
    }
  }
  return [lo, hi];
}

const EVENT_COLS = [
  'doc_id', 'seq', 'id', 'evidence_start_utf16', 'evidence_end_utf16', 'evidence_text',
  'sentence_start_utf16', 'sentence_end_utf16',
  ...refCols('source'), 'source_start_utf16', 'source_end_utf16',
  ...refCols('target'), 'target_start_utf16', 'target_end_utf16',
  'trigger_start_utf16', 'trigger_end_utf16', 'code', 'root', 'goldstein', 'quad_class', 'plover',
  'date_value', 'date_earliest', 'date_latest', 'date_precision', 'date_start_utf16', 'date_end_utf16',
  'date_rule_id', 'date_confidence', 'earliest_key', 'latest_key',
  ...refCols('claimant'), 'modality', 'confidence', 'rule_id', 'reason', 'extractor',
];

/** The event's values in EVENT_COLS order; docId for the doc_id column (e.docId when not given). */
function pushEvent(out: unknown[], seq: number, e: CodedEvent, docId: string = e.docId): void {
  const [earliestKeyValue, latestKeyValue] = eventDateKeys(e);
  out.push(docId, seq, e.id, e.evidence.start, e.evidence.end, e.evidenceText, e.sentence.start, e.sentence.end);
  pushRef(out, e.source);
  out.push(e.sourceSpan?.start ?? null, e.sourceSpan?.end ?? null);
  pushRef(out, e.target);
  out.push(
    e.targetSpan?.start ?? null,
    e.targetSpan?.end ?? null,
    e.trigger?.start ?? null,
    e.trigger?.end ?? null,
    e.code,
    e.root,
    e.goldstein,
    e.quadClass,
    e.plover,
    e.date?.value ?? null,
    e.date?.earliest ?? null,
    e.date?.latest ?? null,
    e.date?.precision ?? null,
    e.date?.span?.start ?? null,
    e.date?.span?.end ?? null,
    e.date?.ruleId ?? null,
    e.date?.confidence ?? null,
    earliestKeyValue,
    latestKeyValue,
  );
  pushRef(out, e.claimant);
  out.push(e.modality, e.confidence, e.ruleId, e.reason, e.extractor);
}

export function toEventRow(seq: number, e: CodedEvent): Row {
  const values: unknown[] = [];
  pushEvent(values, seq, e);
  return zip(EVENT_COLS, values);
}

export function fromEventRow(row: Row): StoredEvent {
  return {
    id: String(row.id),
    docId: String(row.doc_id),
    docName: String(row.doc_name),
    evidence: spanOf(row.evidence_start_utf16, row.evidence_end_utf16)!,
    evidenceText: String(row.evidence_text),
    sentence: spanOf(row.sentence_start_utf16, row.sentence_end_utf16)!,
    source: refOf(row, 'source'),
    target: refOf(row, 'target'),
    sourceSpan: spanOf(row.source_start_utf16, row.source_end_utf16),
    targetSpan: spanOf(row.target_start_utf16, row.target_end_utf16),
    trigger: spanOf(row.trigger_start_utf16, row.trigger_end_utf16),
    code: String(row.code),
    root: String(row.root),
    goldstein: Number(row.goldstein),
    quadClass: Number(row.quad_class) as CodedEvent['quadClass'],
    plover: (row.plover as string | null) ?? null,
    date:
      row.date_value === null || row.date_value === undefined
        ? null
        : {
            value: String(row.date_value),
            earliest: String(row.date_earliest),
            latest: String(row.date_latest),
            precision: row.date_precision as NonNullable<CodedEvent['date']>['precision'],
            span: spanOf(row.date_start_utf16, row.date_end_utf16),
            ruleId: String(row.date_rule_id),
            confidence: Number(row.date_confidence),
          },
    claimant: refOf(row, 'claimant'),
    modality: row.modality as CodedEvent['modality'],
    confidence: Number(row.confidence),
    ruleId: String(row.rule_id),
    reason: String(row.reason),
    extractor: String(row.extractor),
  };
}

/**
 * A table's rows ready to insert: the column names once, then the values of
 * every row one after another (compact to hand from a worker thread to the
 * writer, and bound without building an object per row).
 */
export interface PreparedRows {
  cols: string[];
  cells: unknown[];
}

/**
 * Everything the SQLite writer inserts for one document, computed beforehand
 * (in a worker thread when ingesting in parallel): spans validated, rows
 * mapped, date keys computed, entity references deduplicated. Only what
 * depends on the store's contents (is the document there? how do the stored
 * entities merge with these?) and the time of saving are left to the writer.
 */
export interface PreparedSave {
  docId: string;
  uri: string;
  /** The documents row without ingested_at (set by the writer). */
  document: PreparedRows;
  /** The full-text row (doc_id, title, text). */
  fts: PreparedRows;
  blocks: PreparedRows;
  notes: PreparedRows;
  sentences: PreparedRows;
  mentions: PreparedRows;
  times: PreparedRows;
  /** Events rows, with the dyad key columns (dyad_source, dyad_target: the entity ids, '' for none). */
  events: PreparedRows;
  /** Entities found, to merge with the stored ones (aliases already include the name). */
  entities: Entity[];
  /** Entities referred to by mentions and events but not in `entities`, first reference of an id only: inserted when missing. */
  refs: PreparedRows;
  /** For the ingest summary: how many events, which entity ids took part (mentions, sources, targets). */
  eventCount: number;
  actorIds: string[];
}

function prepareRows<T>(cols: readonly string[], items: readonly T[], push: (out: unknown[], item: T, i: number) => void): PreparedRows {
  const cells: unknown[] = [];
  items.forEach((item, i) => push(cells, item, i));
  return { cols: items.length ? [...cols] : [], cells };
}

/** Rows of a document and its annotations as the SQLite writer inserts them; E011 when a span lies outside the text. */
export function prepareSave(doc: Document, ann: Annotations, entities: Entity[]): PreparedSave {
  validateSpans(doc, ann);
  const known = new Set(entities.map((e) => e.id));
  const refs: EntityRef[] = [];
  const ref = (r: EntityRef | null) => {
    if (r && !known.has(r.id)) {
      known.add(r.id);
      refs.push(r);
    }
  };
  for (const m of ann.mentions) ref(m.entity);
  for (const e of ann.events) for (const r of [e.source, e.target, e.claimant]) ref(r);
  const actors = new Set<string>();
  for (const m of ann.mentions) actors.add(m.entity.id);
  for (const e of ann.events) for (const a of [e.source, e.target]) if (a) actors.add(a.id);
  const id = doc.id;
  return {
    docId: id,
    uri: doc.uri,
    document: prepareRows(DOCUMENT_COLS, [doc], pushDocument),
    fts: prepareRows(['doc_id', 'title', 'text'], [doc], (out, d) => out.push(d.id, d.title ?? '', d.text)),
    blocks: prepareRows(BLOCK_COLS, doc.blocks, (out, b, i) => pushBlock(out, id, i, b)),
    notes: prepareRows(NOTE_COLS, doc.notes, (out, n, i) => pushNote(out, id, i, n)),
    sentences: prepareRows(SENTENCE_COLS, ann.sentences, (out, x, i) => pushSentence(out, id, i, x)),
    mentions: prepareRows(MENTION_COLS, ann.mentions, (out, m, i) => pushMention(out, id, i, m)),
    times: prepareRows(TIME_COLS, ann.times, (out, t, i) => pushTime(out, id, i, t)),
    events: prepareRows([...EVENT_COLS, 'dyad_source', 'dyad_target'], ann.events, (out, e, i) => {
      pushEvent(out, i, e, id);
      out.push(e.source?.id ?? '', e.target?.id ?? '');
    }),
    entities: entities.map((e) => ({ ...e, aliases: [...new Set([e.name, ...(e.aliases ?? [])])] })),
    refs: prepareRows(['id', 'name', 'kind', 'country', 'aliases'], refs, (out, r) => out.push(r.id, r.name, r.kind, r.country, JSON.stringify([r.name]))),
    eventCount: ann.events.length,
    actorIds: [...actors],
  };
}

const PREPARED_TABLES = ['document', 'fts', 'blocks', 'notes', 'sentences', 'mentions', 'times', 'events', 'refs'] as const;

/**
 * A PreparedSave packed to cross between threads cheaply: every distinct string
 * once, the cells of all tables as tags (a string's index, or NUMBER, or NULL)
 * and the numbers in one Float64Array. Copying this between threads costs a
 * fraction of copying the same rows as arrays of values.
 */
export interface PackedSave {
  docId: string;
  uri: string;
  eventCount: number;
  actorIds: string[];
  entities: Entity[];
  /** Per table (in PREPARED_TABLES order): its columns and how many cells it has. */
  cols: string[][];
  rows: number[];
  strings: string[];
  tags: Int32Array;
  numbers: Float64Array;
}

const NUMBER = -1;
const NULL = -2;

export function packSave(p: PreparedSave): PackedSave {
  const index = new Map<string, number>();
  const strings: string[] = [];
  let cells = 0;
  let numberCount = 0;
  for (const t of PREPARED_TABLES) {
    cells += p[t].cells.length;
    for (const v of p[t].cells) if (typeof v === 'number') numberCount++;
  }
  const tags = new Int32Array(cells);
  const numbers = new Float64Array(numberCount);
  let k = 0;
  let n = 0;
  for (const t of PREPARED_TABLES) {
    for (const v of p[t].cells) {
      if (typeof v === 'string') {
        // short strings repeat (ids, names, codes, rule ids): kept once; long ones (the text, evidence) rarely do
        let i = v.length <= 64 ? index.get(v) : undefined;
        if (i === undefined) {
          i = strings.length;
          strings.push(v);
          if (v.length <= 64) index.set(v, i);
        }
        tags[k++] = i;
      } else if (typeof v === 'number') {
        tags[k++] = NUMBER;
        numbers[n++] = v;
      } else if (v === null || v === undefined) {
        tags[k++] = NULL;
      } else {
        throw new Error(`packSave: a ${typeof v} in table ${t}`);
      }
    }
  }
  return {
    docId: p.docId,
    uri: p.uri,
    eventCount: p.eventCount,
    actorIds: p.actorIds,
    entities: p.entities,
    cols: PREPARED_TABLES.map((t) => p[t].cols),
    rows: PREPARED_TABLES.map((t) => p[t].cells.length),
    strings,
    tags,
    numbers,
  };
}

export function unpackSave(p: PackedSave): PreparedSave {
  let k = 0;
  let n = 0;
  const table = (ti: number): PreparedRows => {
    const cells = new Array<unknown>(p.rows[ti]);
    for (let j = 0; j < cells.length; j++) {
      const tag = p.tags[k++];
      cells[j] = tag >= 0 ? p.strings[tag] : tag === NUMBER ? p.numbers[n++] : null;
    }
    return { cols: p.cols[ti], cells };
  };
  const [document, fts, blocks, notes, sentences, mentions, times, events, refs] = PREPARED_TABLES.map((_, i) => table(i));
  return {
    docId: p.docId,
    uri: p.uri,
    document,
    fts,
    blocks,
    notes,
    sentences,
    mentions,
    times,
    events,
    refs,
    entities: p.entities,
    eventCount: p.eventCount,
    actorIds: p.actorIds,
  };
}
