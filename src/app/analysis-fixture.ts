/**
 * Two short documents we wrote, coded by hand as the pipeline would code them,
 * for the tests of the analysis use cases and commands: a counted list of
 * visits, a restatement, a visit missing from the list, an ambassador's posting
 * dated differently by the text and by a cited cable, and a condemnation.
 */
import assert from 'node:assert/strict';
import type { Annotations, CodedEvent, Document, Entity, EntityRef } from '../core/types.js';
import { edtfBounds } from '../analysis/bounds.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

const ALB: EntityRef = { id: 'state:ALB', name: 'Albania', kind: 'state', country: 'ALB' };
const KHM: EntityRef = { id: 'state:KHM', name: 'Cambodia', kind: 'state', country: 'KHM' };
const SIH: EntityRef = { id: 'person:norodom-sihanouk', name: 'Norodom Sihanouk', kind: 'person', country: 'KHM' };
const ENVOY: EntityRef = { id: 'person:petrit-dema', name: 'Petrit Dema', kind: 'person', country: 'ALB' };
const USA: EntityRef = { id: 'state:USA', name: 'United States', kind: 'state', country: 'USA' };
export const ENTITIES: Entity[] = [ALB, KHM, SIH, ENVOY, USA].map((e) => ({ ...e, aliases: e === SIH ? ['Sihanouk', 'the Prince'] : [] }));

function makeDoc(name: string, published: string, text: string): Document {
  return {
    id: name.padEnd(64, '0'),
    uri: `corpus/${name}.txt`,
    name: `${name}.txt`,
    format: 'text',
    title: name,
    author: null,
    published,
    text,
    blocks: [{ kind: 'paragraph', span: { start: 0, end: text.length } }],
    notes: [],
  };
}

type Spec = [sentence: string, source: EntityRef, target: EntityRef, code: string, goldstein: number, quad: 1 | 2 | 3 | 4, date: string, extra?: Partial<CodedEvent>];

function coded(doc: Document, specs: Spec[], version = 'v1'): Annotations {
  const events = specs.map(([sentence, source, target, code, goldstein, quadClass, date, extra], i): CodedEvent => {
    const start = doc.text.indexOf(sentence);
    assert.ok(start >= 0, sentence);
    const span = { start, end: start + sentence.length };
    const b = edtfBounds(date);
    return {
      id: `${doc.name}-${i}-${code}-${date}-${version}`,
      docId: doc.id,
      evidence: span,
      evidenceText: sentence,
      sentence: span,
      source,
      target,
      sourceSpan: null,
      targetSpan: null,
      trigger: null,
      code,
      root: code.slice(0, 2),
      goldstein,
      quadClass,
      plover: null,
      date: { value: date, ...b, precision: date.includes('/') ? 'interval' : date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day', span: null, ruleId: 'dates.test-v1', confidence: 0.9 },
      claimant: null,
      modality: 'asserted',
      confidence: 0.8,
      ruleId: 'events.test-v1',
      reason: 'written for a test',
      extractor: version,
      ...extra,
    };
  });
  return { sentences: [], mentions: [], times: [], events };
}

const TEXT_A =
  'Sihanouk made three visits to Albania, in 1972, 1974 and 1975. His visit of 1974 was the warmest. ' +
  'During his visit in June 1973, the Prince brought films. Petrit Dema served as ambassador in Phnom Penh from 2 December 1975 to July 1978. ' +
  'Albania condemned the regime in Phnom Penh in 1979.';
const TEXT_B = 'In April 1974 Sihanouk was again in Tirana. The Albanian chargé was assigned to Phnom Penh on 12 November 1975.';

export function docA(version = 'v1') {
  const doc = makeDoc('A', '1985', TEXT_A);
  const list = 'Sihanouk made three visits to Albania, in 1972, 1974 and 1975.';
  return {
    doc,
    ann: coded(
      doc,
      [
        [list, SIH, ALB, '042', 1.9, 1, '1972'],
        [list, SIH, ALB, '042', 1.9, 1, '1974'],
        [list, SIH, ALB, '042', 1.9, 1, '1975'],
        ['His visit of 1974 was the warmest.', SIH, ALB, '042', 1.9, 1, '1974'],
        ['During his visit in June 1973, the Prince brought films.', SIH, ALB, '042', 1.9, 1, '1973-06'],
        ['Petrit Dema served as ambassador in Phnom Penh from 2 December 1975 to July 1978.', ENVOY, KHM, '054', 3.4, 1, '1975-12-02/1978-07'],
        ['Albania condemned the regime in Phnom Penh in 1979.', ALB, KHM, '111', -2, 3, '1979'],
      ],
      version,
    ),
  };
}

export function docB() {
  const doc = makeDoc('B', '1976', TEXT_B);
  return {
    doc,
    ann: coded(doc, [
      ['In April 1974 Sihanouk was again in Tirana.', SIH, ALB, '042', 1.9, 1, '1974-04'],
      ['The Albanian chargé was assigned to Phnom Penh on 12 November 1975.', ALB, KHM, '054', 3.4, 1, '1975-11-12', { claimant: USA, modality: 'reported' }],
    ]),
  };
}


/** A store file at `path` holding both documents. */
export async function writeAnalysisFixture(path: string): Promise<void> {
  const store = await openSqliteStore(path);
  try {
    for (const { doc, ann } of [docA(), docB()]) await store.saveDocument(doc, ann, ENTITIES);
  } finally {
    await store.close();
  }
}
