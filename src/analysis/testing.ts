/**
 * Builders of events for the analysis tests: documents we write that restate,
 * repeat and contradict events, coded as the pipeline would code them.
 */
import type { CodedEvent, DatePrecision, EntityRef, Modality, QuadClass } from '../core/types.js';
import { edtfBounds } from './bounds.js';
import type { AnalysisEvent } from './merge.js';

export const ACTORS: Record<string, EntityRef> = {
  ALB: { id: 'state:ALB', name: 'Albania', kind: 'state', country: 'ALB' },
  KHM: { id: 'state:KHM', name: 'Cambodia', kind: 'state', country: 'KHM' },
  CHN: { id: 'state:CHN', name: 'China', kind: 'state', country: 'CHN' },
  VNM: { id: 'state:VNM', name: 'Vietnam', kind: 'state', country: 'VNM' },
  USA: { id: 'state:USA', name: 'United States', kind: 'state', country: 'USA' },
  YUG: { id: 'state:YUG', name: 'Yugoslavia', kind: 'state', country: 'YUG' },
  hoxha: { id: 'person:enver-hoxha', name: 'Enver Hoxha', kind: 'person', country: 'ALB' },
  shehu: { id: 'person:mehmet-shehu', name: 'Mehmet Shehu', kind: 'person', country: 'ALB' },
  sihanouk: { id: 'person:norodom-sihanouk', name: 'Norodom Sihanouk', kind: 'person', country: 'KHM' },
  samphan: { id: 'person:khieu-samphan', name: 'Khieu Samphan', kind: 'person', country: 'KHM' },
  envoy: { id: 'person:petrit-dema', name: 'Petrit Dema', kind: 'person', country: 'ALB' },
};

const GOLDSTEIN: Record<string, [number, QuadClass]> = {
  '01': [0, 1], '02': [3, 1], '03': [4, 1], '04': [1, 1], '05': [3.5, 1], '06': [6, 2], '07': [7, 2], '08': [5, 2],
  '09': [-2, 3], '10': [-5, 3], '11': [-2, 3], '12': [-4, 3], '13': [-6, 3], '14': [-6.5, 3], '15': [-7.2, 4],
  '16': [-4, 4], '17': [-7, 4], '18': [-9, 4], '19': [-10, 4], '20': [-10, 4],
};

export interface EventSpec {
  doc: string;
  src: string | null;
  tgt: string | null;
  code: string;
  date?: string | null;
  precision?: DatePrecision;
  text?: string;
  at?: number;
  claimant?: string | null;
  modality?: Modality;
  confidence?: number;
}

let counter = 0;

export function ev(s: EventSpec): AnalysisEvent {
  const root = s.code.slice(0, 2);
  const [g, q] = GOLDSTEIN[root] ?? [0, 1];
  const b = s.date ? edtfBounds(s.date) : null;
  const precision: DatePrecision =
    s.precision ??
    (!s.date ? 'unknown' : s.date.includes('/') ? 'interval' : /^\d{4}-\d{2}-\d{2}/.test(s.date) ? 'day' : /^\d{4}-\d{2}/.test(s.date) ? 'month' : /X/.test(s.date) ? 'decade' : 'year');
  const at = s.at ?? counter * 100;
  const text = s.text ?? `${s.src} ${s.code} ${s.tgt} ${s.date ?? ''} (${counter})`;
  counter++;
  const event: CodedEvent = {
    id: `${s.doc}:${at}:${s.code}:${s.src}:${s.tgt}:${s.date ?? '-'}`,
    docId: `doc-${s.doc}`,
    evidence: { start: at, end: at + text.length },
    evidenceText: text,
    sentence: { start: at, end: at + text.length },
    source: s.src ? ACTORS[s.src] : null,
    target: s.tgt ? ACTORS[s.tgt] : null,
    sourceSpan: null,
    targetSpan: null,
    trigger: null,
    code: s.code,
    root,
    goldstein: g,
    quadClass: q,
    plover: null,
    date: s.date && b ? { value: s.date, earliest: b.earliest, latest: b.latest, precision, span: null, ruleId: 'test', confidence: 0.9 } : null,
    claimant: s.claimant ? ACTORS[s.claimant] : null,
    modality: s.modality ?? 'asserted',
    confidence: s.confidence ?? 0.8,
    ruleId: 'test.event-v1',
    reason: 'written for a test',
    extractor: 'test',
  };
  return { ...event, docName: `${s.doc}.txt` };
}
