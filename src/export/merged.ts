/**
 * Merged events as flat records, for JSON Lines and CSV: one merged event a
 * line, with its members (event ids, documents, evidence), the rule and score
 * that merged them, corroboration and disagreements.
 */
import { stringify } from 'csv-stringify/sync';
import type { MergedEvent } from '../analysis/merge.js';
import { actorRecord as actor } from './jsonl.js';
import { dateCells, firstEvidence, memberDocs } from './merged-cells.js';

export function toMergedRecord(m: MergedEvent): Record<string, unknown> {
  return {
    id: m.id,
    source: actor(m.source),
    target: actor(m.target),
    code: m.code,
    root: m.root,
    goldstein: m.goldstein,
    quadClass: m.quadClass,
    plover: m.plover,
    date: m.date ? m.date.value : null,
    dateEarliest: m.date?.earliest ?? null,
    dateLatest: m.date?.latest ?? null,
    datePrecision: m.date?.precision ?? null,
    modality: m.modality,
    confidence: m.confidence,
    ruleId: m.ruleId,
    score: m.score,
    mentions: m.members.length,
    documents: m.documents,
    decided: m.decided,
    accounts: m.accounts.map((a) => ({ doc: a.docName ?? a.docId, claimant: actor(a.claimant), events: a.eventIds })),
    members: m.members.map((e, i) => ({
      id: e.id,
      doc: e.docName ?? e.docId,
      code: e.code,
      date: e.date?.value ?? null,
      source: e.source?.id ?? null,
      target: e.target?.id ?? null,
      claimant: e.claimant?.id ?? null,
      modality: e.modality,
      evidence: { start: e.evidence.start, end: e.evidence.end, text: e.evidenceText, unit: 'utf16' },
      ruleId: m.links[i]?.ruleId ?? null,
      score: m.links[i]?.score ?? null,
      reasons: m.links[i]?.reasons ?? [],
    })),
    disagreements: m.disagreements,
    candidates: m.candidates,
  };
}

export function toMergedJsonl(merged: readonly MergedEvent[]): string {
  return merged.map((m) => JSON.stringify(toMergedRecord(m)) + '\n').join('');
}

export const MERGED_CSV_COLUMNS = [
  'id', 'date', 'date_earliest', 'date_latest', 'date_precision',
  'source_id', 'source_name', 'source_country', 'target_id', 'target_name', 'target_country',
  'code', 'root', 'quad_class', 'goldstein', 'modality',
  'mentions', 'documents', 'rule_id', 'score', 'decided',
  'disagreements', 'docs', 'member_ids', 'evidence',
] as const;

export function toMergedCsv(merged: readonly MergedEvent[]): string {
  const rows = merged.map((m) => [
    m.id,
    ...dateCells(m),
    m.source?.id ?? '',
    m.source?.name ?? '',
    m.source?.country ?? '',
    m.target?.id ?? '',
    m.target?.name ?? '',
    m.target?.country ?? '',
    m.code,
    m.root,
    m.quadClass,
    m.goldstein,
    m.modality,
    m.members.length,
    m.documents,
    m.ruleId,
    m.score,
    m.decided ? 'yes' : 'no',
    m.disagreements.map((d) => `${d.field}${d.contradictory ? '!' : ''}: ${d.values.map((v) => v.value).join(' | ')}`).join('; '),
    memberDocs(m).join(' | '),
    m.members.map((e) => e.id).join(' | '),
    firstEvidence(m),
  ]);
  return stringify([[...MERGED_CSV_COLUMNS], ...rows], { quoted_match: /[\s,"]/ });
}
