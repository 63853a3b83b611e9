/**
 * Cells of a merged event that the flat exports (CSV of merged events, the
 * GDELT-style table) write alike: its date, the documents of its members and
 * the words of its first member.
 */
import type { AnalysisEvent, MergedEvent } from '../analysis/merge.js';

/** EDTF value, earliest day, latest day and precision ("" when undated). */
export function dateCells(m: MergedEvent): [value: string, earliest: string, latest: string, precision: string] {
  return [m.date?.value ?? '', m.date?.earliest ?? '', m.date?.latest ?? '', m.date?.precision ?? ''];
}

/** The documents of the members, each once, in member order, as `nameOf` names them (default: file name, else id). */
export function memberDocs(m: MergedEvent, nameOf: (e: AnalysisEvent) => string = (e) => e.docName ?? e.docId): string[] {
  return [...new Set(m.members.map(nameOf))];
}

/** The evidence words of the first member. */
export function firstEvidence(m: MergedEvent): string {
  return m.members[0]?.evidenceText ?? '';
}
