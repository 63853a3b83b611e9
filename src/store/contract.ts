/**
 * The Store contract: one test suite every driver must pass. A driver's test
 * file calls `storeContract('sqlite', () => createX(...))`; the factory returns
 * a fresh, empty store for each test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Annotations, CodedEvent, Document, Entity, EntityRef } from '../core/types.js';
import type { Store } from './store.js';

export interface Sample {
  doc: Document;
  ann: Annotations;
  entities: Entity[];
}

function hex(s: string, n = 64): string {
  return createHash('sha256').update(s).digest('hex').slice(0, n);
}

function at(text: string, needle: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`sample text lacks ${needle}`);
  return { start, end: start + needle.length };
}

const ALB: EntityRef = { id: 'state:ALB', name: 'Albania', kind: 'state', country: 'ALB' };
const KHM: EntityRef = { id: 'state:KHM', name: 'Cambodia', kind: 'state', country: 'KHM' };
const SIHANOUK: EntityRef = { id: 'person:norodom-sihanouk', name: 'Norodom Sihanouk', kind: 'person', country: 'KHM' };

/**
 * A small document with everything a store keeps: astral characters before the
 * spans (so UTF-16 offsets differ from code points), a footnote, mentions,
 * times and two events. `seed` makes its id and text distinct.
 */
export function sampleDocument(seed: string, published: string | null = '1977'): Sample {
  const text =
    `𝔄 Notes on ${seed}\n` +
    `In 1972 Prince Sihanouk visited Albania.[1] Tirana praised Cambodia in October 1976. Zëri i Popullit wrote about it.\n` +
    `[1] Reflections on 𝔅 ${seed}.`;
  const id = hex(`doc:${seed}`);
  const heading = at(text, `𝔄 Notes on ${seed}`);
  const para = { start: heading.end + 1, end: text.indexOf('\n[1]') };
  const note = { start: para.end + 1, end: text.length };
  const s1 = at(text, 'In 1972 Prince Sihanouk visited Albania.[1]');
  const s2 = at(text, 'Tirana praised Cambodia in October 1976.');
  const s3 = at(text, 'Zëri i Popullit wrote about it.');
  const doc: Document = {
    id,
    uri: `corpus/${seed}.txt`,
    name: `${seed}.txt`,
    format: 'text',
    title: `Notes on ${seed}`,
    author: 'A. Writer',
    published,
    text,
    blocks: [
      { kind: 'heading', span: heading },
      { kind: 'paragraph', span: para },
      { kind: 'footnote', span: note, label: '1' },
    ],
    notes: [{ label: '1', marker: at(text, '[1]'), noteBlock: 2 }],
    sourceMap: [{ span: { start: 0, end: text.length }, offset: 0 }],
    markedDates: [{ span: at(text, 'October 1976'), value: '1976-10' }],
  };
  const mSihanouk = at(text, 'Prince Sihanouk');
  const mAlbania = at(text, 'Albania', s1.start);
  const mTirana = at(text, 'Tirana');
  const mCambodia = at(text, 'Cambodia');
  const t1972 = at(text, '1972');
  const t1976 = at(text, 'October 1976');
  const event = (n: number, e: Omit<CodedEvent, 'id' | 'docId' | 'extractor'>): CodedEvent => ({
    id: hex(`event:${seed}:${n}`, 24),
    docId: id,
    extractor: 'contract-1',
    ...e,
  });
  const events: CodedEvent[] = [
    event(1, {
      evidence: s1,
      evidenceText: text.slice(s1.start, s1.end),
      sentence: s1,
      source: SIHANOUK,
      target: ALB,
      sourceSpan: mSihanouk,
      targetSpan: mAlbania,
      trigger: at(text, 'visited'),
      code: '042',
      root: '04',
      goldstein: 1.9,
      quadClass: 1,
      plover: 'CONSULT',
      date: { value: '1972', earliest: '1972-01-01', latest: '1972-12-31', precision: 'year', span: t1972, ruleId: 'dates.sentence-v1', confidence: 0.9 },
      claimant: null,
      modality: 'asserted',
      confidence: 0.8,
      ruleId: 'events.visit.active-v1',
      reason: 'verb "visited" with a person source and a state object',
    }),
    event(2, {
      evidence: s2,
      evidenceText: text.slice(s2.start, s2.end),
      sentence: s2,
      source: ALB,
      target: KHM,
      sourceSpan: mTirana,
      targetSpan: mCambodia,
      trigger: at(text, 'praised'),
      code: '051',
      root: '05',
      goldstein: 3.4,
      quadClass: 1,
      plover: null,
      date: { value: '1976-10', earliest: '1976-10-01', latest: '1976-10-31', precision: 'month', span: t1976, ruleId: 'dates.clause-v1', confidence: 0.9 },
      claimant: SIHANOUK,
      modality: 'reported',
      confidence: 0.7,
      ruleId: 'events.praise.active-v1',
      reason: 'verb "praised", capital as metonym for its government',
    }),
  ];
  const ann: Annotations = {
    sentences: [
      { span: heading, block: 0 },
      { span: s1, block: 1 },
      { span: s2, block: 1 },
      { span: s3, block: 1 },
      { span: note, block: 2 },
    ],
    mentions: [
      { span: mSihanouk, text: 'Prince Sihanouk', entity: SIHANOUK, ruleId: 'actors.person.title-v1', confidence: 0.9 },
      { span: mAlbania, text: 'Albania', entity: ALB, ruleId: 'actors.country.name-v1', confidence: 1 },
      { span: mTirana, text: 'Tirana', entity: ALB, ruleId: 'actors.country.capital-v1', confidence: 0.8 },
      { span: mCambodia, text: 'Cambodia', entity: KHM, ruleId: 'actors.country.name-v1', confidence: 1 },
    ],
    times: [
      { span: t1972, text: '1972', value: '1972', earliest: '1972-01-01', latest: '1972-12-31', precision: 'year', anchor: { kind: 'explicit', value: null }, ruleId: 'time.year-v1' },
      { span: t1976, text: 'October 1976', value: '1976-10', earliest: '1976-10-01', latest: '1976-10-31', precision: 'month', anchor: { kind: 'explicit', value: null }, ruleId: 'time.month-year-v1' },
      { span: at(text, '1972'), text: '1972', value: '1972', earliest: '1972-01-01', latest: '1972-12-31', precision: 'year', anchor: { kind: 'explicit', value: null }, ruleId: 'time.year-v1', citation: true },
    ],
    events,
  };
  const entities: Entity[] = [
    { ...ALB, aliases: ['Albania', 'Tirana'] },
    { ...KHM, aliases: ['Cambodia'] },
    { ...SIHANOUK, aliases: ['Prince Sihanouk', `Sihanouk of ${seed}`], roles: [{ title: 'head-of-state', country: 'KHM', from: '1941', to: '1955' }] },
  ];
  return { doc, ann, entities };
}

const USA: EntityRef = { id: 'state:USA', name: 'United States', kind: 'state', country: 'USA' };

/** One event of a timeline document: who to whom (either may be missing), when, and how long its sentence is. */
interface TimelineEvent {
  source: EntityRef | null;
  target: EntityRef | null;
  date: string;
  /** Pad the sentence to about this many characters (long evidence, beyond an index entry's limit). */
  length?: number;
  /** The first and last calendar day the date can mean, when `date` is not a plain year, month or day. */
  days?: [string, string];
}

/** A document with one sentence, and one event, for each entry: the evidence is the whole sentence. */
export function timelineDocument(seed: string, list: TimelineEvent[]): Sample {
  const sentences = list.map((e, n) => {
    const base = `${e.source?.name ?? 'Someone'} met ${e.target?.name ?? 'nobody'} in ${e.date} (${seed} ${n}).`;
    return e.length ? base + ' Ëxtra wörds.'.repeat(Math.ceil((e.length - base.length) / 13)) : base;
  });
  const text = sentences.join(' ');
  const id = hex(`timeline:${seed}`);
  let start = 0;
  const spans = sentences.map((x) => {
    const span = { start, end: start + x.length };
    start += x.length + 1;
    return span;
  });
  const events: CodedEvent[] = list.map((e, n) => {
    const [year, month, day] = e.date.split('-');
    const earliest = e.days?.[0] ?? `${year}-${month ?? '01'}-${day ?? '01'}`;
    const latest = e.days?.[1] ?? (day ? earliest : month ? `${year}-${month}-28` : `${year}-12-31`);
    return {
      id: hex(`timeline:${seed}:${n}`, 24),
      docId: id,
      evidence: spans[n],
      evidenceText: sentences[n],
      sentence: spans[n],
      source: e.source,
      target: e.target,
      sourceSpan: null,
      targetSpan: null,
      trigger: null,
      code: '040',
      root: '04',
      goldstein: 1,
      quadClass: 1,
      plover: 'CONSULT',
      date: { value: e.date, earliest, latest, precision: e.days ? 'century' : day ? 'day' : month ? 'month' : 'year', span: null, ruleId: 'dates.sentence-v1', confidence: 0.9 },
      claimant: null,
      modality: 'asserted',
      confidence: 0.8,
      ruleId: 'events.meet.active-v1',
      reason: 'verb "met" between two actors',
      extractor: 'contract-1',
    };
  });
  const doc: Document = {
    id,
    uri: `corpus/${seed}.txt`,
    name: `${seed}.txt`,
    format: 'text',
    title: null,
    author: null,
    published: null,
    text,
    blocks: [{ kind: 'paragraph', span: { start: 0, end: text.length } }],
    notes: [],
  };
  const ann: Annotations = { sentences: spans.map((span) => ({ span, block: 0 })), mentions: [], times: [], events };
  return { doc, ann, entities: [] };
}

async function withStore(factory: () => Promise<Store>, fn: (s: Store) => Promise<void>): Promise<void> {
  const store = await factory();
  try {
    await store.migrate();
    await fn(store);
  } finally {
    await store.close();
  }
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? 'no code';
  }
  return 'no error';
}

/** Register the contract tests for one driver. */
export function storeContract(driver: string, factory: () => Promise<Store>): void {
  const it = (name: string, fn: (s: Store) => Promise<void>) => test(`store contract (${driver}): ${name}`, () => withStore(factory, fn));

  it('migrates once and again without change', async (s) => {
    const v = await s.schemaVersion();
    assert.ok(v >= 1);
    await s.migrate();
    assert.equal(await s.schemaVersion(), v);
    assert.deepEqual(await s.counts(), { documents: 0, events: 0, actors: 0, mentions: 0 });
    assert.deepEqual(await s.check(), []);
  });

  it('keeps a document and its annotations exactly, UTF-16 offsets and astral characters included', async (s) => {
    const { doc, ann, entities } = sampleDocument('alpha');
    assert.equal(await s.saveDocument(doc, ann, entities), 'added');
    assert.equal(await s.hasDocument(doc.id), true);
    assert.deepEqual(await s.getDocument(doc.id), doc);
    assert.deepEqual(await s.getDocument(doc.name), doc);
    assert.deepEqual(await s.getDocument(doc.id.slice(0, 10)), doc);
    assert.deepEqual(await s.getAnnotations(doc.id), ann);
    const [e1] = await s.events();
    assert.equal(doc.text.slice(e1.evidence.start, e1.evidence.end), e1.evidenceText);
    assert.equal(await s.getDocument('missing'), null);
    assert.equal(await s.getAnnotations('missing'), null);
  });

  it('adds nothing when the same document is saved again, and replaces it on request', async (s) => {
    const { doc, ann, entities } = sampleDocument('alpha');
    await s.saveDocument(doc, ann, entities);
    const before = await s.counts();
    assert.equal(await s.saveDocument(doc, ann, entities), 'skipped');
    assert.deepEqual(await s.counts(), before);
    const fewer = { ...ann, events: ann.events.slice(0, 1) };
    assert.equal(await s.saveDocument(doc, fewer, entities, { replace: true }), 'replaced');
    assert.equal((await s.counts()).events, 1);
    assert.equal((await s.listDocuments()).length, 1);
    assert.deepEqual(await s.check(), []);
  });

  it('saves nothing of a document whose spans lie outside its text', async (s) => {
    const { doc, ann, entities } = sampleDocument('alpha');
    const bad = { ...ann, events: [{ ...ann.events[0], evidence: { start: 0, end: doc.text.length + 5 } }] };
    assert.equal(await code(s.saveDocument(doc, bad, entities)), 'E011');
    assert.equal(await s.hasDocument(doc.id), false);
    assert.deepEqual(await s.counts(), { documents: 0, events: 0, actors: 0, mentions: 0 });
  });

  it('lists documents with their event counts', async (s) => {
    const a = sampleDocument('alpha');
    const b = sampleDocument('beta', null);
    await s.saveDocument(a.doc, a.ann, a.entities);
    await s.saveDocument(b.doc, { ...b.ann, events: [] }, b.entities);
    const list = await s.listDocuments();
    assert.deepEqual(
      list.map((d) => [d.name, d.events, d.chars, d.published]),
      [
        ['alpha.txt', 2, a.doc.text.length, '1977'],
        ['beta.txt', 0, b.doc.text.length, null],
      ],
    );
    assert.ok(!Number.isNaN(Date.parse(list[0].ingestedAt)));
  });

  it('filters events by actor, dyad, code, dates, document, modality and publication date', async (s) => {
    const a = sampleDocument('alpha', '1977');
    const b = sampleDocument('beta', '2001');
    await s.saveDocument(a.doc, a.ann, a.entities);
    await s.saveDocument(b.doc, b.ann, b.entities);
    const codes = async (f: Parameters<Store['events']>[0]) => (await s.events(f)).map((e) => `${e.docName}:${e.code}`);
    assert.deepEqual(await codes({}), ['alpha.txt:042', 'alpha.txt:051', 'beta.txt:042', 'beta.txt:051']);
    assert.deepEqual(await codes({ actor: 'person:norodom-sihanouk' }), ['alpha.txt:042', 'beta.txt:042']);
    assert.deepEqual(await codes({ actor: 'KHM' }), ['alpha.txt:042', 'alpha.txt:051', 'beta.txt:042', 'beta.txt:051']);
    assert.deepEqual(await codes({ actor: 'tirana' }), ['alpha.txt:042', 'alpha.txt:051', 'beta.txt:042', 'beta.txt:051']);
    assert.deepEqual(await codes({ actor: 'Sihanouk of beta' }), ['alpha.txt:042', 'beta.txt:042']);
    assert.deepEqual(await codes({ actor: 'nobody at all' }), []);
    assert.deepEqual(await codes({ dyad: ['ALB', 'Norodom Sihanouk'] }), ['alpha.txt:042', 'beta.txt:042']);
    assert.deepEqual(await codes({ dyad: ['Cambodia', 'Albania'] }), ['alpha.txt:051', 'beta.txt:051']);
    assert.deepEqual(await codes({ code: '04' }), ['alpha.txt:042', 'beta.txt:042']);
    assert.deepEqual(await codes({ code: '0511' }), []);
    assert.deepEqual(await codes({ from: '1976-10-15', to: '1980' }), ['alpha.txt:051', 'beta.txt:051']);
    assert.deepEqual(await codes({ to: '1972-06' }), ['alpha.txt:042', 'beta.txt:042']);
    assert.deepEqual(await codes({ from: '1977' }), []);
    assert.deepEqual(await codes({ doc: 'beta.txt' }), ['beta.txt:042', 'beta.txt:051']);
    assert.deepEqual(await codes({ doc: a.doc.id }), ['alpha.txt:042', 'alpha.txt:051']);
    assert.deepEqual(await codes({ modality: 'reported' }), ['alpha.txt:051', 'beta.txt:051']);
    assert.deepEqual(await codes({ knownAt: '1990' }), ['alpha.txt:042', 'alpha.txt:051']);
    assert.deepEqual(await codes({ ruleId: 'events.praise.active-v1', doc: 'alpha.txt' }), ['alpha.txt:051']);
    assert.deepEqual(await codes({ order: 'date', limit: 2, offset: 1 }), ['beta.txt:042', 'alpha.txt:051']);
    assert.deepEqual(await codes({ order: 'code' }), ['alpha.txt:042', 'beta.txt:042', 'alpha.txt:051', 'beta.txt:051']);
  });

  it('pages in reverse order, and counts events by root, modality and quad class when the driver can', async (s) => {
    const a = sampleDocument('alpha');
    const b = sampleDocument('beta');
    await s.saveDocument(a.doc, a.ann, a.entities);
    await s.saveDocument(b.doc, b.ann, b.entities);
    const forward = (await s.events({ order: 'date' })).map((e) => e.id);
    const backward = (await s.events({ order: 'date', desc: true })).map((e) => e.id);
    assert.deepEqual(new Set(backward), new Set(forward));
    assert.equal(backward.length, 4);
    const dates = (await s.events({ order: 'date', desc: true })).map((e) => e.date?.value);
    assert.deepEqual(dates, ['1976-10', '1976-10', '1972', '1972']);
    if (!s.countEvents) return;
    assert.deepEqual(await s.countEvents({ actor: 'KHM', limit: 1 }), {
      total: 4,
      byRoot: { '04': 2, '05': 2 },
      byModality: { asserted: 2, reported: 2 },
      byQuadClass: { '1': 4 },
    });
    assert.equal((await s.countEvents({ dyad: ['ALB', 'KHM'], from: '1976' })).total, 2);
  });

  it('treats filter values as data and refuses malformed ones with E020', async (s) => {
    const a = sampleDocument('alpha');
    await s.saveDocument(a.doc, a.ann, a.entities);
    assert.deepEqual(await s.events({ actor: "x' OR 1=1 --" }), []);
    assert.deepEqual(await s.events({ doc: "'; DROP TABLE events; --" }), []);
    assert.equal(await code(s.events({ code: '04%' })), 'E020');
    assert.equal(await code(s.events({ from: 'last spring' })), 'E020');
    assert.equal((await s.counts()).events, 2);
  });

  it('finds an event by id or unique prefix', async (s) => {
    const a = sampleDocument('alpha');
    await s.saveDocument(a.doc, a.ann, a.entities);
    const [e1] = a.ann.events;
    const got = await s.getEvent(e1.id);
    assert.deepEqual(got, { ...e1, docName: 'alpha.txt' });
    assert.deepEqual(await s.getEvent(e1.id.slice(0, 8)), got);
    assert.equal(await s.getEvent(e1.id.slice(0, 3)), null);
    assert.equal(await s.getEvent('ffffffffffff'), null);
  });

  it('merges what is known of an actor across documents and counts its events', async (s) => {
    const a = sampleDocument('alpha');
    const b = sampleDocument('beta');
    await s.saveDocument(a.doc, a.ann, a.entities);
    await s.saveDocument(b.doc, b.ann, b.entities);
    const actors = await s.actors();
    const sihanouk = actors.find((x) => x.id === 'person:norodom-sihanouk');
    assert.ok(sihanouk);
    assert.deepEqual(sihanouk.aliases, ['Norodom Sihanouk', 'Prince Sihanouk', 'Sihanouk of alpha', 'Sihanouk of beta']);
    // source of both visits; being the claimant of a report does not count
    assert.deepEqual(
      actors.map((x) => [x.id, x.events]),
      [
        ['state:ALB', 4],
        ['state:KHM', 2],
        ['person:norodom-sihanouk', 2],
      ],
    );
  });

  it('counts and summarises', async (s) => {
    const a = sampleDocument('alpha');
    const b = sampleDocument('beta');
    await s.saveDocument(a.doc, a.ann, a.entities);
    await s.saveDocument(b.doc, b.ann, b.entities);
    assert.deepEqual(await s.counts(), { documents: 2, events: 4, actors: 3, mentions: 8 });
    const o = await s.overview(5);
    assert.deepEqual(
      o.dyads.map((d) => [d.source.id, d.target.id, d.events]),
      [
        ['state:ALB', 'state:KHM', 2],
        ['person:norodom-sihanouk', 'state:ALB', 2],
      ],
    );
    assert.deepEqual(o.codes, [
      { code: '042', events: 2 },
      { code: '051', events: 2 },
    ]);
  });

  it('searches text ignoring diacritics, with query syntax kept as data', async (s) => {
    const a = sampleDocument('alpha');
    const b = sampleDocument('beta');
    await s.saveDocument(a.doc, a.ann, a.entities);
    await s.saveDocument(b.doc, b.ann, b.entities);
    const hits = await s.search('zeri popullit');
    assert.deepEqual(hits.map((h) => h.docName).sort(), ['alpha.txt', 'beta.txt']);
    assert.match(hits[0].snippet, /\[Zëri\]/);
    assert.deepEqual((await s.search('beta')).map((h) => h.docName), ['beta.txt']);
    assert.deepEqual(await s.search('"unbalanced NEAR( OR * -'), []);
    assert.deepEqual(await s.search('   '), []);
  });

  it('deletes a document with everything found in it', async (s) => {
    const a = sampleDocument('alpha');
    const b = sampleDocument('beta');
    await s.saveDocument(a.doc, a.ann, a.entities);
    await s.saveDocument(b.doc, b.ann, b.entities);
    assert.equal(await s.deleteDocument(a.doc.id), true);
    assert.equal(await s.deleteDocument(a.doc.id), false);
    assert.equal(await s.getAnnotations(a.doc.id), null);
    assert.deepEqual((await s.events()).map((e) => e.docName), ['beta.txt', 'beta.txt']);
    assert.deepEqual((await s.search('alpha')).length, 0);
    assert.deepEqual(await s.check(), []);
  });

  it('keeps a dyad\'s timeline, both directions, in date order through later saves and deletes', async (s) => {
    const one = timelineDocument('one', [
      { source: ALB, target: KHM, date: '1975-03' },
      { source: KHM, target: ALB, date: '1961' },
      { source: ALB, target: USA, date: '1970' },
      { source: ALB, target: null, date: '1965' },
      { source: null, target: KHM, date: '1966' },
      { source: KHM, target: ALB, date: '1990', length: 4000 },
    ]);
    const two = timelineDocument('two', [
      { source: ALB, target: KHM, date: '1984' },
      { source: KHM, target: ALB, date: '1968-05-02' },
      { source: USA, target: KHM, date: '1977' },
      { source: ALB, target: ALB, date: '1980' },
    ]);
    await s.saveDocument(one.doc, one.ann, []);
    await s.saveDocument(two.doc, two.ann, []);
    const timeline = async (f: Parameters<Store['events']>[0]) =>
      (await s.events({ order: 'date', ...f })).map((e) => `${e.source?.country ?? '-'}>${e.target?.country ?? '-'} ${e.date?.value}`);
    const both = ['KHM>ALB 1961', 'KHM>ALB 1968-05-02', 'ALB>KHM 1975-03', 'ALB>KHM 1984', 'KHM>ALB 1990'];
    assert.deepEqual(await timeline({ dyad: ['state:ALB', 'state:KHM'] }), both);
    assert.deepEqual(await timeline({ dyad: ['state:KHM', 'state:ALB'] }), both);
    // by country code (ids and countries of both sides): each event once
    assert.deepEqual(await timeline({ dyad: ['ALB', 'KHM'] }), both);
    assert.deepEqual(await timeline({ dyad: ['state:ALB', 'state:KHM'], desc: true, limit: 2, offset: 1 }), ['ALB>KHM 1984', 'ALB>KHM 1975-03']);
    assert.deepEqual(await timeline({ dyad: ['state:ALB', 'state:KHM'], from: '1970', to: '1985' }), ['ALB>KHM 1975-03', 'ALB>KHM 1984']);
    // an actor with itself: its events once, though both directions name them
    assert.deepEqual(await timeline({ dyad: ['state:ALB', 'state:ALB'] }), ['ALB>ALB 1980']);
    assert.deepEqual(await timeline({ dyad: ['Albania', 'ALB'] }), ['ALB>ALB 1980']);
    // events with one side missing are an actor's, never a dyad's
    assert.deepEqual(await timeline({ actor: 'state:ALB', to: '1969' }), ['KHM>ALB 1961', 'ALB>- 1965', 'KHM>ALB 1968-05-02']);
    assert.deepEqual(await timeline({ actor: 'state:KHM', to: '1966' }), ['KHM>ALB 1961', '->KHM 1966']);
    // the event with a 4,000-character sentence comes back whole
    const long = one.ann.events[5];
    assert.deepEqual(await s.getEvent(long.id), { ...long, docName: 'one.txt' });
    assert.deepEqual((await s.events({ dyad: ['state:KHM', 'state:ALB'], from: '1990' }))[0], { ...long, docName: 'one.txt' });

    const three = timelineDocument('three', [
      { source: KHM, target: ALB, date: '2003' },
      { source: ALB, target: KHM, date: '1962' },
      { source: KHM, target: USA, date: '1962' },
    ]);
    await s.saveDocument(three.doc, three.ann, []);
    assert.equal(await s.deleteDocument(one.doc.id), true);
    const after = ['ALB>KHM 1962', 'KHM>ALB 1968-05-02', 'ALB>KHM 1984', 'KHM>ALB 2003'];
    assert.deepEqual(await timeline({ dyad: ['state:ALB', 'state:KHM'] }), after);
    assert.deepEqual(await timeline({ dyad: ['state:KHM', 'state:ALB'] }), after);
    assert.equal(await s.getEvent(long.id), null);
    // saved again, replacing its events: still in place
    await s.saveDocument(two.doc, { ...two.ann, events: two.ann.events.slice(1) }, [], { replace: true });
    assert.deepEqual(await timeline({ dyad: ['state:ALB', 'state:KHM'] }), ['ALB>KHM 1962', 'KHM>ALB 1968-05-02', 'KHM>ALB 2003']);
    assert.deepEqual(await s.getAnnotations(three.doc.id), three.ann);
    assert.deepEqual(await s.check(), []);
  });

  it('finds the events overlapping a date window, however wide their dates, as more are saved and deleted', async (s) => {
    const one = timelineDocument('one', [
      { source: ALB, target: KHM, date: '1975-03-10' },
      { source: KHM, target: ALB, date: '1975' },
      { source: ALB, target: USA, date: '1974-12' },
      { source: USA, target: ALB, date: '1976-01-02' },
    ]);
    await s.saveDocument(one.doc, one.ann, []);
    const window = async (f: Parameters<Store['events']>[0]) =>
      (await s.events({ order: 'date', ...f })).map((e) => `${e.source?.country}>${e.target?.country} ${e.date?.value}`);
    assert.deepEqual(await window({ from: '1975-06', to: '1975-07' }), ['KHM>ALB 1975']);
    assert.deepEqual(await window({ from: '1975-03-10' }), ['KHM>ALB 1975', 'ALB>KHM 1975-03-10', 'USA>ALB 1976-01-02']);
    assert.deepEqual(await window({ from: '1974-12-28', to: '1975-01' }), ['ALB>USA 1974-12', 'KHM>ALB 1975']);
    const two = timelineDocument('two', [
      { source: USA, target: KHM, date: '19XX', days: ['1900-01-01', '1999-12-31'] },
      { source: KHM, target: USA, date: '1890' },
    ]);
    await s.saveDocument(two.doc, two.ann, []);
    assert.deepEqual(await window({ from: '1975-06', to: '1975-07' }), ['USA>KHM 19XX', 'KHM>ALB 1975']);
    assert.deepEqual(await window({ from: '1998', limit: 1 }), ['USA>KHM 19XX']);
    assert.deepEqual(await window({ from: '1975-06', code: '04', desc: true }), ['USA>ALB 1976-01-02', 'KHM>ALB 1975', 'USA>KHM 19XX']);
    if (s.countEvents) assert.equal((await s.countEvents({ from: '1975-06', to: '1975-07' })).total, 2);
    assert.equal(await s.deleteDocument(two.doc.id), true);
    assert.deepEqual(await window({ from: '1975-06', to: '1975-07' }), ['KHM>ALB 1975']);
    assert.deepEqual(await s.check(), []);
  });
}
