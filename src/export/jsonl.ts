/**
 * JSON Lines export in the contract read by the reference scorer
 * (one event a line: doc, source, target, code, date, claimant, modality,
 * evidence {start, end, text} in UTF-16 units, confidence) plus extra fields.
 */
import type { CodedEvent, EntityRef } from '../core/types.js';

/** An actor as the exports write it (id, name, kind, country), or null. */
export function actorRecord(a: EntityRef | null) {
  return a ? { id: a.id, name: a.name, kind: a.kind, country: a.country } : null;
}

const actor = actorRecord;

export function toContractRecord(e: CodedEvent, docName: string): Record<string, unknown> {
  return {
    id: e.id,
    doc: docName,
    source: actor(e.source),
    target: actor(e.target),
    code: e.code,
    date: e.date ? e.date.value : null,
    claimant: actor(e.claimant),
    modality: e.modality,
    evidence: { start: e.evidence.start, end: e.evidence.end, text: e.evidenceText, unit: 'utf16' },
    confidence: e.confidence,
    root: e.root,
    goldstein: e.goldstein,
    quadClass: e.quadClass,
    plover: e.plover,
    dateEarliest: e.date?.earliest ?? null,
    dateLatest: e.date?.latest ?? null,
    dateRule: e.date?.ruleId ?? null,
    ruleId: e.ruleId,
    reason: e.reason,
    extractor: e.extractor,
  };
}

export function toJsonl(events: Array<{ event: CodedEvent; docName: string }>): string {
  return events.map(({ event, docName }) => JSON.stringify(toContractRecord(event, docName)) + '\n').join('');
}
