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

function refParams(prefix: string, ref: EntityRef | null): Row {
  return {
    [`${prefix}_id`]: ref?.id ?? null,
    [`${prefix}_name`]: ref?.name ?? null,
    [`${prefix}_kind`]: ref?.kind ?? null,
    [`${prefix}_country`]: ref?.country ?? null,
  };
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

export function toDocumentRow(doc: Document, ingestedAt: string): Row {
  return {
    id: doc.id,
    name: doc.name,
    uri: doc.uri,
    format: doc.format,
    title: doc.title,
    author: doc.author,
    published: doc.published,
    published_key: earliestKey(doc.published),
    text: doc.text,
    length_utf16: doc.text.length,
    source_map: doc.sourceMap ? JSON.stringify(doc.sourceMap) : null,
    marked_dates: doc.markedDates ? JSON.stringify(doc.markedDates) : null,
    ingested_at: ingestedAt,
  };
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

export function toBlockRow(docId: string, seq: number, b: Block): Row {
  return { doc_id: docId, seq, kind: b.kind, start_utf16: b.span.start, end_utf16: b.span.end, label: b.label ?? null };
}

export function fromBlockRow(row: Row): Block {
  const b: Block = { kind: row.kind as Block['kind'], span: spanOf(row.start_utf16, row.end_utf16)! };
  if (row.label !== null && row.label !== undefined) b.label = String(row.label);
  return b;
}

export function toNoteRow(docId: string, seq: number, n: NoteLink): Row {
  return {
    doc_id: docId,
    seq,
    label: n.label,
    marker_start_utf16: n.marker.start,
    marker_end_utf16: n.marker.end,
    note_block: n.noteBlock,
  };
}

export function fromNoteRow(row: Row): NoteLink {
  return {
    label: String(row.label),
    marker: spanOf(row.marker_start_utf16, row.marker_end_utf16)!,
    noteBlock: Number(row.note_block),
  };
}

export function toSentenceRow(docId: string, seq: number, s: Sentence): Row {
  return { doc_id: docId, seq, start_utf16: s.span.start, end_utf16: s.span.end, block: s.block };
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

export function toMentionRow(docId: string, seq: number, m: ActorMention): Row {
  return {
    doc_id: docId,
    seq,
    start_utf16: m.span.start,
    end_utf16: m.span.end,
    text: m.text,
    ...refParams('entity', m.entity),
    rule_id: m.ruleId,
    confidence: m.confidence,
  };
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

export function toTimeRow(docId: string, seq: number, t: TimeExpression): Row {
  return {
    doc_id: docId,
    seq,
    start_utf16: t.span.start,
    end_utf16: t.span.end,
    text: t.text,
    value: t.value,
    earliest: t.earliest,
    latest: t.latest,
    precision: t.precision,
    anchor_kind: t.anchor.kind,
    anchor_value: t.anchor.value,
    rule_id: t.ruleId,
    citation: t.citation ? 1 : 0,
  };
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

export function toEventRow(seq: number, e: CodedEvent): Row {
  const [earliestKeyValue, latestKeyValue] = eventDateKeys(e);
  return {
    doc_id: e.docId,
    seq,
    id: e.id,
    evidence_start_utf16: e.evidence.start,
    evidence_end_utf16: e.evidence.end,
    evidence_text: e.evidenceText,
    sentence_start_utf16: e.sentence.start,
    sentence_end_utf16: e.sentence.end,
    ...refParams('source', e.source),
    source_start_utf16: e.sourceSpan?.start ?? null,
    source_end_utf16: e.sourceSpan?.end ?? null,
    ...refParams('target', e.target),
    target_start_utf16: e.targetSpan?.start ?? null,
    target_end_utf16: e.targetSpan?.end ?? null,
    trigger_start_utf16: e.trigger?.start ?? null,
    trigger_end_utf16: e.trigger?.end ?? null,
    code: e.code,
    root: e.root,
    goldstein: e.goldstein,
    quad_class: e.quadClass,
    plover: e.plover,
    date_value: e.date?.value ?? null,
    date_earliest: e.date?.earliest ?? null,
    date_latest: e.date?.latest ?? null,
    date_precision: e.date?.precision ?? null,
    date_start_utf16: e.date?.span?.start ?? null,
    date_end_utf16: e.date?.span?.end ?? null,
    date_rule_id: e.date?.ruleId ?? null,
    date_confidence: e.date?.confidence ?? null,
    earliest_key: earliestKeyValue,
    latest_key: latestKeyValue,
    ...refParams('claimant', e.claimant),
    modality: e.modality,
    confidence: e.confidence,
    rule_id: e.ruleId,
    reason: e.reason,
    extractor: e.extractor,
  };
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

function prepareRows<T>(items: readonly T[], toRow: (item: T, i: number) => Row): PreparedRows {
  const cols: string[] = [];
  const cells: unknown[] = [];
  items.forEach((item, i) => {
    const row = toRow(item, i);
    if (i === 0) cols.push(...Object.keys(row));
    for (const c of cols) cells.push(row[c]);
  });
  return { cols, cells };
}

/** Rows of a document and its annotations as the SQLite writer inserts them; E011 when a span lies outside the text. */
export function prepareSave(doc: Document, ann: Annotations, entities: Entity[]): PreparedSave {
  validateSpans(doc, ann);
  const { ingested_at: _, ...document } = toDocumentRow(doc, '');
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
  return {
    docId: doc.id,
    uri: doc.uri,
    document: prepareRows([document], (d) => d),
    fts: prepareRows([doc], (d) => ({ doc_id: d.id, title: d.title ?? '', text: d.text })),
    blocks: prepareRows(doc.blocks, (b, i) => toBlockRow(doc.id, i, b)),
    notes: prepareRows(doc.notes, (n, i) => toNoteRow(doc.id, i, n)),
    sentences: prepareRows(ann.sentences, (x, i) => toSentenceRow(doc.id, i, x)),
    mentions: prepareRows(ann.mentions, (m, i) => toMentionRow(doc.id, i, m)),
    times: prepareRows(ann.times, (t, i) => toTimeRow(doc.id, i, t)),
    events: prepareRows(ann.events, (e, i) => {
      const row = toEventRow(i, { ...e, docId: doc.id });
      return { ...row, dyad_source: row.source_id ?? '', dyad_target: row.target_id ?? '' };
    }),
    entities: entities.map((e) => ({ ...e, aliases: [...new Set([e.name, ...(e.aliases ?? [])])] })),
    refs: prepareRows(refs, (r) => ({ id: r.id, name: r.name, kind: r.kind, country: r.country, aliases: JSON.stringify([r.name]) })),
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
        let i = index.get(v);
        if (i === undefined) {
          i = strings.length;
          strings.push(v);
          index.set(v, i);
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
