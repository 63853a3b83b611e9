/**
 * A small in-memory Store with two hand-written documents, for the tests of
 * corrections and of the server (whose routes are tested with app.request(),
 * without a socket or a database).
 */
import type { Annotations, CodedEvent, Document, Entity, EntityRef, Sentence } from '../core/types.js';
import type { DocumentSummary, EventFilter, SearchHit, Store, StoredEvent } from '../store/store.js';

const ALB: EntityRef = { id: 'state:ALB', name: 'Albania', kind: 'state', country: 'ALB' };
const KHM: EntityRef = { id: 'state:KHM', name: 'Cambodia', kind: 'state', country: 'KHM' };
const CHN: EntityRef = { id: 'state:CHN', name: 'China', kind: 'state', country: 'CHN' };
export const ENTITIES: Entity[] = [ALB, KHM, CHN].map((e) => ({ ...e, aliases: [] }));

function find(text: string, needle: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`fixture: "${needle}" not in text`);
  return { start, end: start + needle.length };
}

function event(doc: Document, sentence: string, p: Partial<CodedEvent> & { code: string; id: string }): CodedEvent {
  const s = find(doc.text, sentence);
  return {
    docId: doc.id,
    evidence: s,
    evidenceText: sentence,
    sentence: s,
    source: ALB,
    target: KHM,
    sourceSpan: null,
    targetSpan: null,
    trigger: null,
    root: p.code.slice(0, 2),
    goldstein: 1,
    quadClass: 1,
    plover: null,
    date: null,
    claimant: null,
    modality: 'asserted',
    confidence: 0.8,
    ruleId: 'events.test-v1',
    reason: 'written for the server tests',
    extractor: 'test',
    ...p,
  };
}

function date(value: string, earliest: string, latest: string): CodedEvent['date'] {
  return { value, earliest, latest, precision: value.length === 4 ? 'year' : 'day', span: null, ruleId: 'dates.test-v1', confidence: 0.9 };
}

export function fixtureDocuments(): Array<{ doc: Document; ann: Annotations }> {
  const t1 =
    'Albania and Cambodia\n\nIn 1972 Albania recognised Cambodia.[1] Albania praised Cambodia in 1975. Cambodia criticised Albania in 1978.\n\n[1] The note says 1973.';
  const d1: Document = {
    id: 'd1'.padEnd(64, '0'),
    uri: 'examples/albania.txt',
    name: 'albania.txt',
    format: 'text',
    title: 'Albania and Cambodia',
    author: null,
    published: '1990',
    text: t1,
    blocks: [
      { kind: 'heading', span: find(t1, 'Albania and Cambodia') },
      { kind: 'paragraph', span: find(t1, 'In 1972 Albania recognised Cambodia.[1] Albania praised Cambodia in 1975. Cambodia criticised Albania in 1978.') },
      { kind: 'footnote', span: find(t1, '[1] The note says 1973.'), label: '1' },
    ],
    notes: [{ label: '1', marker: find(t1, '[1]'), noteBlock: 2 }],
  };
  const sentences1: Sentence[] = [
    { span: find(t1, 'In 1972 Albania recognised Cambodia.'), block: 1 },
    { span: find(t1, 'Albania praised Cambodia in 1975.'), block: 1 },
    { span: find(t1, 'Cambodia criticised Albania in 1978.'), block: 1 },
  ];
  const e1 = [
    event(d1, 'In 1972 Albania recognised Cambodia.', { id: 'ev-recognise', code: '0841', goldstein: 6, quadClass: 2, date: date('1972', '1972-01-01', '1972-12-31') }),
    event(d1, 'Albania praised Cambodia in 1975.', { id: 'ev-praise', code: '051', goldstein: 3.4, quadClass: 1, date: date('1975', '1975-01-01', '1975-12-31'), modality: 'reported', claimant: CHN }),
    event(d1, 'Cambodia criticised Albania in 1978.', { id: 'ev-criticise', code: '111', goldstein: -2, quadClass: 3, source: KHM, target: ALB, date: date('1978', '1978-01-01', '1978-12-31') }),
  ];
  const ann1: Annotations = {
    sentences: sentences1,
    mentions: [
      { span: find(t1, 'Albania', 30), text: 'Albania', entity: ALB, ruleId: 'actors.test-v1', confidence: 1 },
      { span: find(t1, 'Cambodia', 40), text: 'Cambodia', entity: KHM, ruleId: 'actors.test-v1', confidence: 1 },
    ],
    times: [
      { span: find(t1, '1972'), text: '1972', value: '1972', earliest: '1972-01-01', latest: '1972-12-31', precision: 'year', anchor: { kind: 'explicit', value: null }, ruleId: 'time.test-v1' },
    ],
    events: e1,
  };

  const t2 = 'Hostile <script>window.__pwned=1</script> page.\n\nChina visited Albania <img src=x onerror="window.__pwned=2"> in 1971.';
  const d2: Document = {
    id: 'd2'.padEnd(64, '0'),
    uri: 'examples/hostile.html',
    name: 'hostile.html',
    format: 'html',
    title: '<b onmouseover="window.__pwned=3">title</b>',
    author: null,
    published: null,
    text: t2,
    blocks: [
      { kind: 'paragraph', span: find(t2, 'Hostile <script>window.__pwned=1</script> page.') },
      { kind: 'paragraph', span: find(t2, 'China visited Albania <img src=x onerror="window.__pwned=2"> in 1971.') },
    ],
    notes: [],
  };
  const s2 = 'China visited Albania <img src=x onerror="window.__pwned=2"> in 1971.';
  const ann2: Annotations = {
    sentences: [{ span: find(t2, s2), block: 1 }],
    mentions: [],
    times: [],
    events: [event(d2, s2, { id: 'ev-visit', code: '042', goldstein: 1.9, quadClass: 2, source: CHN, target: ALB, date: date('1971', '1971-01-01', '1971-12-31') })],
  };
  return [
    { doc: d1, ann: ann1 },
    { doc: d2, ann: ann2 },
  ];
}

function matchActor(ref: EntityRef | null, q: string): boolean {
  if (!ref) return false;
  return ref.id === q || ref.country === q || ref.name.toLowerCase() === q.toLowerCase();
}

/** A Store kept in memory, with the filter semantics of the interface. */
export function createMemoryStore(): Store {
  const docs = new Map<string, { doc: Document; ann: Annotations; at: string }>();
  const entities = new Map<string, Entity>();
  const all = (): StoredEvent[] => [...docs.values()].flatMap(({ doc, ann }) => ann.events.map((e) => ({ ...e, docName: doc.name })));
  return {
    async migrate() {},
    async schemaVersion() {
      return 1;
    },
    async hasDocument(id) {
      return docs.has(id);
    },
    async saveDocument(doc, ann, ents, options) {
      const had = docs.has(doc.id);
      if (had && !options?.replace) return 'skipped';
      docs.set(doc.id, { doc, ann, at: new Date(0).toISOString() });
      for (const e of ents) entities.set(e.id, e);
      return had ? 'replaced' : 'added';
    },
    async deleteDocument(id) {
      return docs.delete(id);
    },
    async listDocuments(): Promise<DocumentSummary[]> {
      return [...docs.values()].map(({ doc, ann, at }) => ({
        id: doc.id,
        name: doc.name,
        uri: doc.uri,
        format: doc.format,
        title: doc.title,
        author: doc.author,
        published: doc.published,
        chars: doc.text.length,
        events: ann.events.length,
        ingestedAt: at,
      }));
    },
    async getDocument(idOrName) {
      for (const { doc } of docs.values()) if (doc.id === idOrName || doc.name === idOrName) return doc;
      return null;
    },
    async getAnnotations(docId) {
      return docs.get(docId)?.ann ?? null;
    },
    async events(f: EventFilter = {}) {
      let out = all().filter((e) => {
        if (f.actor && !matchActor(e.source, f.actor) && !matchActor(e.target, f.actor)) return false;
        if (f.dyad) {
          const [a, b] = f.dyad;
          const ab = matchActor(e.source, a) && matchActor(e.target, b);
          const ba = matchActor(e.source, b) && matchActor(e.target, a);
          if (!ab && !ba) return false;
        }
        if (f.code && !e.code.startsWith(f.code)) return false;
        if (f.doc && e.docId !== f.doc && e.docName !== f.doc) return false;
        if (f.modality && e.modality !== f.modality) return false;
        if (f.from && (!e.date || e.date.latest < f.from)) return false;
        if (f.to && (!e.date || e.date.earliest > f.to)) return false;
        return true;
      });
      out.sort((a, b) => (a.date?.earliest ?? '').localeCompare(b.date?.earliest ?? '') || a.id.localeCompare(b.id));
      if (f.offset) out = out.slice(f.offset);
      if (f.limit !== undefined) out = out.slice(0, f.limit);
      return out;
    },
    async getEvent(id) {
      return all().find((e) => e.id === id) ?? null;
    },
    async actors() {
      const evs = all();
      return [...entities.values()].map((e) => ({ ...e, events: evs.filter((x) => x.source?.id === e.id || x.target?.id === e.id).length }));
    },
    async counts() {
      const evs = all();
      return { documents: docs.size, events: evs.length, actors: entities.size, mentions: [...docs.values()].reduce((n, d) => n + d.ann.mentions.length, 0) };
    },
    async overview() {
      return { dyads: [], codes: [] };
    },
    async search(query, limit = 20): Promise<SearchHit[]> {
      const words = query.toLowerCase().split(/\W+/).filter(Boolean);
      const hits: SearchHit[] = [];
      for (const { doc } of docs.values()) {
        const lower = doc.text.toLowerCase();
        const at = words.length ? lower.indexOf(words[0]) : -1;
        if (at < 0 || !words.every((w) => lower.includes(w))) continue;
        const snippet = doc.text.slice(Math.max(0, at - 20), at) + '[' + doc.text.slice(at, at + words[0].length) + ']' + doc.text.slice(at + words[0].length, at + 40);
        hits.push({ docId: doc.id, docName: doc.name, title: doc.title, snippet, rank: -1 });
      }
      return hits.slice(0, limit);
    },
    async check() {
      return [];
    },
    async close() {},
  };
}

export async function createFixtureStore(): Promise<Store> {
  const store = createMemoryStore();
  for (const { doc, ann } of fixtureDocuments()) await store.saveDocument(doc, ann, ENTITIES);
  return store;
}
