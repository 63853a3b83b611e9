/**
 * Corrections: what a reviewer decided about the machine's output, stored apart
 * from it. A correction never edits a stored event; it is applied on read, so
 * re-ingesting or re-coding a document keeps every human decision.
 *
 * A correction about an event is anchored twice: by the event id (stable while
 * the extractor gives the same result) and by the evidence (document id and
 * evidence span, plus the evidence text as a check). When re-coding changes an
 * event's id (its code or date changed), the correction still finds the event
 * through its evidence. A correction whose event is gone is "orphaned": kept,
 * listed, never silently applied elsewhere.
 */
import { AnnalsError } from '../core/errors.js';
import { quadClassOfRoot } from '../core/cameo.js';
import { eventKey, fingerprint, type EventKey } from '../analysis/event-key.js';
import type { MergeDecision } from '../analysis/merge.js';
import type { CodedEvent, EntityKind, EntityRef, EventDate, Modality } from '../core/types.js';

export type CorrectionKind =
  | 'accept' // the event is right as coded
  | 'reject' // the event is wrong: drop it from views, exports and evaluation
  | 'edit' // change code, source, target, date or modality
  | 'merge-actors' // every reference to actor `target` means actor `into`
  | 'split-actor' // in the listed events, actor `target` is another actor `as`
  | 'merge-events' // these events report one real-world event
  | 'split-event'; // this event is not the same as the others of its merged event

export const CORRECTION_KINDS: readonly CorrectionKind[] = [
  'accept',
  'reject',
  'edit',
  'merge-actors',
  'split-actor',
  'merge-events',
  'split-event',
];

/** Where an event correction points: the event id and its evidence. */
export interface EventAnchor {
  eventId: string;
  docId: string;
  evidenceStart: number;
  evidenceEnd: number;
  evidenceText: string;
  /** The code the machine gave when the correction was made. */
  code: string;
  /** The event's fingerprint (src/analysis/event-key.ts), to find it again after re-coding. */
  fingerprint?: string;
}

export interface EventEdit {
  code?: string;
  /** Entity ids ("state:ALB"); null clears the actor. */
  source?: string | null;
  target?: string | null;
  /** EDTF date; null clears the date. */
  date?: string | null;
  modality?: Modality;
}

export interface ActorSpec {
  id: string;
  name: string;
  kind: EntityKind;
  country: string | null;
}

export type CorrectionPayload =
  | { kind: 'accept' }
  | { kind: 'reject' }
  | { kind: 'edit'; edit: EventEdit }
  | { kind: 'merge-actors'; actor: string; into: string }
  | { kind: 'split-actor'; actor: string; as: ActorSpec; events: string[] }
  | { kind: 'merge-events'; events: string[]; keys?: EventKey[] }
  | { kind: 'split-event' };

export interface Correction {
  id: string;
  kind: CorrectionKind;
  /** For event corrections (accept, reject, edit, split-event): the event's anchor. */
  anchor: EventAnchor | null;
  payload: CorrectionPayload;
  note: string | null;
  author: string | null;
  createdAt: string;
}

export interface NewCorrection {
  kind: CorrectionKind;
  anchor: EventAnchor | null;
  payload: CorrectionPayload;
  note?: string | null;
  author?: string | null;
}

/** Storage of corrections; the SQLite one is in corrections-sqlite.ts. */
export interface CorrectionStore {
  addCorrection(c: NewCorrection): Promise<Correction>;
  listCorrections(): Promise<Correction[]>;
  /** Withdraw a correction (the machine's output shows again). False when unknown. */
  removeCorrection(id: string): Promise<boolean>;
}

/** What a reader sees about the corrections that touched an event. */
export interface CorrectionMark {
  status: 'accepted' | 'rejected' | 'edited' | 'actor-corrected';
  corrections: string[];
  /** The machine's values for fields a correction changed. */
  original: Partial<Pick<CodedEvent, 'code' | 'root' | 'source' | 'target' | 'date' | 'modality' | 'goldstein' | 'quadClass'>>;
  /** Event corrections matched through the evidence because the event id changed. */
  reanchored: boolean;
}

export type Corrected<E extends CodedEvent> = E & { correction: CorrectionMark | null };

/** Facts about a CAMEO code needed to recompute an edited event. */
export interface CodeInfo {
  goldstein: number;
  plover: string | null;
}

export interface ApplyOptions {
  /** Entity lookup for edited and merged actors (id → reference). */
  entities: Map<string, EntityRef>;
  /** Goldstein and PLOVER of a CAMEO code, when the table knows it. */
  codeInfo?: (code: string) => CodeInfo | null;
  /** Calendar bounds of an EDTF date. */
  dateBounds?: (edtf: string) => { earliest: string; latest: string; precision: EventDate['precision'] } | null;
  /**
   * Ids of anchored events that still exist in the store (see existingAnchors()).
   * Needed when the events given are only part of the store: a correction about
   * an event outside them is then neither moved to another event with the same
   * evidence nor called orphaned. Absent: the events given are all there are.
   */
  existing?: ReadonlySet<string>;
}

export interface ApplyResult<E extends CodedEvent> {
  /** Events after corrections, rejected ones included and marked. */
  events: Array<Corrected<E>>;
  /** Event corrections whose event is no longer found. */
  orphaned: Correction[];
}

// ---------------------------------------------------------------------------
// Validation of what a user sends

const CODE_RE = /^[0-2][0-9]{1,3}$/;
const ENTITY_ID_RE = /^[a-z]+:[A-Za-z0-9._-]{1,120}$/;
const EDTF_RE = /^-?[0-9X]{4}(-[0-9X]{2}(-[0-9X]{2})?)?[~?%]?(\/-?[0-9X]{4}(-[0-9X]{2}(-[0-9X]{2})?)?[~?%]?)?$/;
const MODALITIES: readonly Modality[] = ['asserted', 'reported', 'negated', 'hypothetical', 'planned'];
const KINDS: readonly EntityKind[] = ['state', 'person', 'organization', 'group', 'place'];

function bad(message: string, subject?: string): never {
  throw new AnnalsError('E020', message, subject);
}

function str(v: unknown, name: string, max = 500): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > max) bad(`${name} must be a non-empty string of at most ${max} characters`, name);
  return v;
}

function entityId(v: unknown, name: string): string {
  const s = str(v, name, 130);
  if (!ENTITY_ID_RE.test(s)) bad(`${name} must be an entity id like "state:ALB"`, name);
  return s;
}

/** Check an edit from outside (HTTP, CLI); returns only known, valid fields. */
export function parseEdit(raw: unknown): EventEdit {
  if (!raw || typeof raw !== 'object') bad('edit must be an object', 'edit');
  const r = raw as Record<string, unknown>;
  const edit: EventEdit = {};
  if (r.code !== undefined) {
    const c = str(r.code, 'code', 4);
    if (!CODE_RE.test(c)) bad('code must be a CAMEO code of 2 to 4 digits (01–20)', 'code');
    const root = Number(c.slice(0, 2));
    if (root < 1 || root > 20) bad('code must have a CAMEO root from 01 to 20', 'code');
    edit.code = c;
  }
  for (const k of ['source', 'target'] as const) {
    if (r[k] === undefined) continue;
    edit[k] = r[k] === null ? null : entityId(r[k], k);
  }
  if (r.date !== undefined) {
    if (r.date === null) edit.date = null;
    else {
      const d = str(r.date, 'date', 60);
      if (!EDTF_RE.test(d)) bad('date must be an EDTF date like "1975", "1975-12", "1975-12-02" or "1975/1978"', 'date');
      edit.date = d;
    }
  }
  if (r.modality !== undefined) {
    if (!MODALITIES.includes(r.modality as Modality)) bad(`modality must be one of ${MODALITIES.join(', ')}`, 'modality');
    edit.modality = r.modality as Modality;
  }
  if (Object.keys(edit).length === 0) bad('edit changes nothing: give code, source, target, date or modality', 'edit');
  return edit;
}

/** The anchor of an event, to store with a correction about it. */
export function anchorOf(e: CodedEvent): EventAnchor {
  return {
    eventId: e.id,
    docId: e.docId,
    evidenceStart: e.evidence.start,
    evidenceEnd: e.evidence.end,
    evidenceText: e.evidenceText,
    code: e.code,
    fingerprint: fingerprint(e),
  };
}

/**
 * Build a correction from a request body. Event corrections need the event
 * (to anchor them); `findEvent` returns it or null.
 */
export async function parseCorrection(
  raw: unknown,
  findEvent: (id: string) => Promise<CodedEvent | null>,
): Promise<NewCorrection> {
  if (!raw || typeof raw !== 'object') bad('correction must be a JSON object');
  const r = raw as Record<string, unknown>;
  const kind = r.kind as CorrectionKind;
  if (!CORRECTION_KINDS.includes(kind)) bad(`kind must be one of ${CORRECTION_KINDS.join(', ')}`, 'kind');
  const note = r.note === undefined || r.note === null ? null : str(r.note, 'note', 2000);
  const author = r.author === undefined || r.author === null ? null : str(r.author, 'author', 200);

  const eventAnchor = async (): Promise<EventAnchor> => {
    const id = str(r.event, 'event', 200);
    const e = await findEvent(id);
    if (!e) throw new AnnalsError('E021', `no event with id ${id}`, id);
    return anchorOf(e);
  };

  switch (kind) {
    case 'accept':
    case 'reject':
    case 'split-event':
      return { kind, anchor: await eventAnchor(), payload: { kind } as CorrectionPayload, note, author };
    case 'edit':
      return { kind, anchor: await eventAnchor(), payload: { kind, edit: parseEdit(r.edit) }, note, author };
    case 'merge-actors': {
      const actor = entityId(r.actor, 'actor');
      const into = entityId(r.into, 'into');
      if (actor === into) bad('an actor cannot be merged into itself', 'into');
      return { kind, anchor: null, payload: { kind, actor, into }, note, author };
    }
    case 'split-actor': {
      const actor = entityId(r.actor, 'actor');
      const as = r.as as Record<string, unknown> | undefined;
      if (!as || typeof as !== 'object') bad('split-actor needs "as": {id, name, kind, country}', 'as');
      const spec: ActorSpec = {
        id: entityId(as.id, 'as.id'),
        name: str(as.name, 'as.name', 200),
        kind: KINDS.includes(as.kind as EntityKind) ? (as.kind as EntityKind) : bad(`as.kind must be one of ${KINDS.join(', ')}`, 'as.kind'),
        country: as.country === undefined || as.country === null ? null : str(as.country, 'as.country', 3),
      };
      if (!Array.isArray(r.events) || r.events.length === 0 || r.events.length > 10000) bad('split-actor needs "events": the ids of the events concerned', 'events');
      const events = (r.events as unknown[]).map((x, i) => str(x, `events[${i}]`, 200));
      return { kind, anchor: null, payload: { kind, actor, as: spec, events }, note, author };
    }
    case 'merge-events': {
      if (!Array.isArray(r.events) || r.events.length < 2 || r.events.length > 1000) bad('merge-events needs "events": two or more event ids', 'events');
      const events = (r.events as unknown[]).map((x, i) => str(x, `events[${i}]`, 200));
      const keys: EventKey[] = [];
      for (const id of events) {
        const e = await findEvent(id);
        if (!e) throw new AnnalsError('E021', `no event with id ${id}`, id);
        keys.push(eventKey(e));
      }
      return { kind, anchor: null, payload: { kind, events, keys }, note, author };
    }
  }
}

// ---------------------------------------------------------------------------
// Applying corrections (pure)

function evidenceKey(docId: string, start: number, end: number): string {
  return `${docId}:${start}:${end}`;
}

/** Find the event a correction is about: by id, else by its evidence. */
function resolveAnchor<E extends CodedEvent>(
  a: EventAnchor,
  byId: Map<string, E>,
  byEvidence: Map<string, E[]>,
  existing: ReadonlySet<string> | undefined,
): { event: E; reanchored: boolean } | null {
  const direct = byId.get(a.eventId);
  if (direct) return { event: direct, reanchored: false };
  // The event is still stored, only not among these: never move its correction to a neighbour.
  if (existing?.has(a.eventId)) return null;
  const candidates = (byEvidence.get(evidenceKey(a.docId, a.evidenceStart, a.evidenceEnd)) ?? []).filter(
    (e) => e.evidenceText === a.evidenceText,
  );
  if (candidates.length === 0) return null;
  if (candidates.length === 1) return { event: candidates[0], reanchored: true };
  // Several events share the evidence: the one with the same dyad (from the
  // fingerprint) and the same root, else none (never guess).
  const fp = a.fingerprint?.split('|');
  const side = (r: EntityRef | null) => r?.country ?? r?.id ?? '-';
  const sameDyad = fp && fp.length >= 5 ? candidates.filter((e) => side(e.source) === fp[3] && side(e.target) === fp[4]) : candidates;
  if (sameDyad.length === 1) return { event: sameDyad[0], reanchored: true };
  const sameRoot = sameDyad.filter((e) => e.root === a.code.slice(0, 2));
  return sameRoot.length === 1 ? { event: sameRoot[0], reanchored: true } : null;
}

function mark(c: Corrected<CodedEvent>, status: CorrectionMark['status'], correctionId: string, reanchored: boolean): CorrectionMark {
  const m = c.correction ?? { status, corrections: [], original: {}, reanchored: false };
  // A rejection wins over everything; an edit over an acceptance.
  const rank = { rejected: 3, edited: 2, 'actor-corrected': 1, accepted: 0 } as const;
  if (rank[status] > rank[m.status]) m.status = status;
  m.corrections.push(correctionId);
  m.reanchored = m.reanchored || reanchored;
  return m;
}

function keepOriginal(c: Corrected<CodedEvent>, field: keyof CorrectionMark['original']): void {
  const m = c.correction!;
  if (!(field in m.original)) (m.original as Record<string, unknown>)[field] = c[field];
}

/**
 * Apply corrections, oldest first, to events read from the store. Rejected
 * events stay in the result with `correction.status === 'rejected'`: views show
 * them struck out; exports and evaluation drop them (see `visibleEvents`).
 */
export function applyCorrections<E extends CodedEvent>(
  events: E[],
  corrections: Correction[],
  opts: ApplyOptions,
): ApplyResult<E> {
  const out: Array<Corrected<E>> = events.map((e) => ({ ...e, correction: null }));
  const byId = new Map(out.map((e) => [e.id, e] as [string, Corrected<E>]));
  const byEvidence = new Map<string, Array<Corrected<E>>>();
  for (const e of out) {
    const k = evidenceKey(e.docId, e.evidence.start, e.evidence.end);
    const list = byEvidence.get(k);
    if (list) list.push(e);
    else byEvidence.set(k, [e]);
  }
  const orphaned: Correction[] = [];
  const sorted = [...corrections].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));

  for (const c of sorted) {
    const p = c.payload;
    if (p.kind === 'merge-actors') {
      const into = opts.entities.get(p.into);
      if (!into) continue;
      for (const e of out) {
        for (const role of ['source', 'target', 'claimant'] as const) {
          if (e[role]?.id === p.actor) {
            e.correction = mark(e, 'actor-corrected', c.id, false);
            if (role !== 'claimant') keepOriginal(e, role);
            e[role] = into;
          }
        }
      }
      continue;
    }
    if (p.kind === 'split-actor') {
      const as: EntityRef = { id: p.as.id, name: p.as.name, kind: p.as.kind, country: p.as.country };
      for (const id of p.events) {
        const e = byId.get(id);
        if (!e) continue;
        for (const role of ['source', 'target'] as const) {
          if (e[role]?.id === p.actor) {
            e.correction = mark(e, 'actor-corrected', c.id, false);
            keepOriginal(e, role);
            e[role] = as;
          }
        }
      }
      continue;
    }
    if (p.kind === 'merge-events') continue; // read by mergeDecisions()
    if (!c.anchor) continue;
    const found = resolveAnchor(c.anchor, byId, byEvidence, opts.existing);
    if (!found) {
      if (!opts.existing?.has(c.anchor.eventId)) orphaned.push(c);
      continue;
    }
    const e = found.event;
    if (p.kind === 'accept') e.correction = mark(e, 'accepted', c.id, found.reanchored);
    else if (p.kind === 'reject') e.correction = mark(e, 'rejected', c.id, found.reanchored);
    else if (p.kind === 'split-event') e.correction = mark(e, e.correction?.status ?? 'accepted', c.id, found.reanchored);
    else if (p.kind === 'edit') {
      e.correction = mark(e, 'edited', c.id, found.reanchored);
      applyEdit(e, p.edit, opts);
    }
  }
  return { events: out, orphaned };
}

function applyEdit(e: Corrected<CodedEvent>, edit: EventEdit, opts: ApplyOptions): void {
  if (edit.code !== undefined && edit.code !== e.code) {
    for (const f of ['code', 'root', 'goldstein', 'quadClass'] as const) keepOriginal(e, f);
    e.code = edit.code;
    e.root = edit.code.slice(0, 2);
    e.quadClass = quadClassOfRoot(e.root);
    const info = opts.codeInfo?.(edit.code) ?? null;
    if (info) {
      e.goldstein = info.goldstein;
      e.plover = info.plover;
    }
  }
  for (const role of ['source', 'target'] as const) {
    const v = edit[role];
    if (v === undefined) continue;
    keepOriginal(e, role);
    e[role] = v === null ? null : (opts.entities.get(v) ?? { id: v, name: v.replace(/^[a-z]+:/, ''), kind: kindOfId(v), country: countryOfId(v) });
  }
  if (edit.date !== undefined) {
    keepOriginal(e, 'date');
    if (edit.date === null) e.date = null;
    else {
      const b = opts.dateBounds?.(edit.date) ?? null;
      e.date = {
        value: edit.date,
        earliest: b?.earliest ?? '',
        latest: b?.latest ?? '',
        precision: b?.precision ?? 'unknown',
        span: null,
        ruleId: 'corrections.edit-v1',
        confidence: 1,
      };
    }
  }
  if (edit.modality !== undefined) {
    keepOriginal(e, 'modality');
    e.modality = edit.modality;
  }
}

function kindOfId(id: string): EntityKind {
  const p = id.split(':')[0];
  if (p === 'state') return 'state';
  if (p === 'person') return 'person';
  if (p === 'org') return 'organization';
  if (p === 'group') return 'group';
  return 'place';
}

function countryOfId(id: string): string | null {
  const m = /^state:([A-Z]{3})$/.exec(id);
  return m ? m[1] : null;
}

/** Events that exports and evaluation keep: everything not rejected. */
export function visibleEvents<E extends CodedEvent>(events: Array<Corrected<E>>): Array<Corrected<E>> {
  return events.filter((e) => e.correction?.status !== 'rejected');
}

/**
 * The reviewer's decisions about merged events, in the form the merging step
 * (src/analysis/merge.ts) applies before its own rules: "merge-events" joins
 * the listed events, "split-event" detaches one event from every other.
 */
export function mergeDecisions(corrections: Correction[]): MergeDecision[] {
  const out: MergeDecision[] = [];
  for (const c of corrections) {
    const p = c.payload;
    if (p.kind === 'merge-events') {
      const keys = p.keys ?? p.events.map((id) => ({ id, fingerprint: '' }));
      for (let i = 1; i < keys.length; i++) out.push({ kind: 'merge', a: keys[0], b: keys[i], note: c.note ?? undefined, at: c.createdAt });
    } else if (p.kind === 'split-event' && c.anchor) {
      out.push({ kind: 'split', a: { id: c.anchor.eventId, fingerprint: c.anchor.fingerprint ?? '' }, b: null, note: c.note ?? undefined, at: c.createdAt });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// An in-memory store (tests, and a server started without a database file)

export function createMemoryCorrectionStore(now: () => Date = () => new Date()): CorrectionStore {
  const items: Correction[] = [];
  let seq = 0;
  return {
    async addCorrection(c) {
      seq += 1;
      const created: Correction = {
        id: `c${String(seq).padStart(6, '0')}`,
        kind: c.kind,
        anchor: c.anchor,
        payload: c.payload,
        note: c.note ?? null,
        author: c.author ?? null,
        createdAt: now().toISOString(),
      };
      items.push(created);
      return structuredClone(created);
    },
    async listCorrections() {
      return structuredClone(items);
    },
    async removeCorrection(id) {
      const i = items.findIndex((c) => c.id === id);
      if (i < 0) return false;
      items.splice(i, 1);
      return true;
    },
  };
}
