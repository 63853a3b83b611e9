import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServerApp } from './app.js';
import { createFixtureStore } from '../app/corrections-fixture.js';
import { createMemoryCorrectionStore } from '../app/corrections.js';
import { CONTENT_SECURITY_POLICY } from './security.js';

const TOKEN = 'secret-token-for-tests';

async function setup(token: string | null = TOKEN, host = '127.0.0.1') {
  const store = await createFixtureStore();
  const corrections = createMemoryCorrectionStore();
  const app = createServerApp({ store, corrections, token, host });
  const get = async (path: string, headers: Record<string, string> = {}) => app.request(path, { headers: { host: '127.0.0.1:8080', ...headers } });
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { host: '127.0.0.1:8080', 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { app, store, corrections, get, post };
}

test('health and documents list', async () => {
  const { get } = await setup();
  const r = await get('/api/health');
  assert.equal(r.status, 200);
  const body = await r.json();
  assert.equal(body.counts.documents, 2);
  assert.equal(body.writable, true);
  const docs = await (await get('/api/documents')).json();
  assert.deepEqual(docs.documents.map((d: { name: string }) => d.name).sort(), ['albania.txt', 'hostile.html']);
});

test('document text comes with its spans and events', async () => {
  const { get } = await setup();
  const body = await (await get('/api/documents/albania.txt')).json();
  assert.equal(body.document.name, 'albania.txt');
  assert.equal(body.document.notes[0].label, '1');
  assert.equal(body.sentences.length, 3);
  assert.equal(body.events.length, 3);
  for (const e of body.events) assert.equal(body.document.text.slice(e.evidence.start, e.evidence.end), e.evidenceText);
});

test('unknown document and route answer JSON errors with stable codes', async () => {
  const { get } = await setup();
  const r = await get('/api/documents/nope');
  assert.equal(r.status, 404);
  assert.equal((await r.json()).error.code, 'E021');
  const r2 = await get('/api/nothing-here');
  assert.equal(r2.status, 404);
  assert.equal((await r2.json()).error.code, 'E021');
});

test('events: filters, sorting, pagination and counts', async () => {
  const { get } = await setup();
  const all = await (await get('/api/events')).json();
  assert.equal(all.total, 4);
  assert.deepEqual(
    all.events.map((e: { id: string }) => e.id),
    ['ev-visit', 'ev-recognise', 'ev-praise', 'ev-criticise'],
  );
  const desc = await (await get('/api/events?sort=date&dir=desc&limit=2')).json();
  assert.deepEqual(desc.events.map((e: { id: string }) => e.id), ['ev-criticise', 'ev-praise']);
  assert.equal(desc.total, 4);
  const page2 = await (await get('/api/events?sort=date&dir=desc&limit=2&offset=2')).json();
  assert.deepEqual(page2.events.map((e: { id: string }) => e.id), ['ev-recognise', 'ev-visit']);
  const dyad = await (await get('/api/events?dyad=ALB,KHM')).json();
  assert.equal(dyad.total, 3);
  const root = await (await get('/api/events?root=05')).json();
  assert.deepEqual(root.events.map((e: { id: string }) => e.id), ['ev-praise']);
  assert.equal(root.counts.byRoot['05'], 1);
  const range = await (await get('/api/events?from=1974&to=1976')).json();
  assert.deepEqual(range.events.map((e: { id: string }) => e.id), ['ev-praise']);
  const mod = await (await get('/api/events?modality=reported')).json();
  assert.equal(mod.total, 1);
  const byDoc = await (await get('/api/events?doc=hostile.html')).json();
  assert.equal(byDoc.total, 1);
});

test('bad parameters are refused with E020', async () => {
  const { get } = await setup();
  for (const q of ['limit=0', 'limit=abc', 'sort=evil', 'dyad=ALB', 'code=4x', 'from=yesterday', 'modality=maybe', 'dir=up']) {
    const r = await get(`/api/events?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal((await r.json()).error.code, 'E020', q);
  }
});

test('filters that look like SQL stay data', async () => {
  const { get } = await setup();
  const r = await get(`/api/events?actor=${encodeURIComponent("x' OR '1'='1")}`);
  assert.equal(r.status, 200);
  assert.equal((await r.json()).total, 0);
  const s = await get(`/api/search?q=${encodeURIComponent('"; DROP TABLE documents; --')}`);
  assert.equal(s.status, 200);
});

test('event detail: coding, sentence, merged event', async () => {
  const { get } = await setup();
  const body = await (await get('/api/events/ev-praise')).json();
  assert.equal(body.event.code, '051');
  assert.equal(body.event.claimant.id, 'state:CHN');
  assert.equal(body.sentenceText, 'Albania praised Cambodia in 1975.');
  assert.equal(body.document.name, 'albania.txt');
  assert.ok(body.merged.members.some((m: { id: string }) => m.id === 'ev-praise'));
});

test('security headers and a strict CSP on every response', async () => {
  const { get } = await setup();
  for (const path of ['/', '/api/health', '/app/app.js', '/api/nope']) {
    const r = await get(path);
    assert.equal(r.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(r.headers.get('x-frame-options'), 'DENY', path);
  }
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval/);
});

test('static files: only bare names inside the web folder, and listed libraries', async () => {
  const { get } = await setup();
  const index = await get('/');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type') ?? '', /text\/html/);
  const html = await index.text();
  assert.doesNotMatch(html, /<script>(?!<\/script>)|<script[^>]*>[^<\s]/, 'no inline script');
  for (const p of ['/app/..%2f..%2fpackage.json', '/app/%2e%2e%2fserver%2fapp.ts', '/app/../../package.json', '/app/app.ts', '/vendor/..%2fpackage.json', '/vendor/hono', '/app/.env', '/%2e%2e/package.json']) {
    const r = await get(p);
    assert.equal(r.status, 404, p);
  }
  const lib = await get('/vendor/cytoscape.js');
  assert.equal(lib.status, 200);
  assert.match(lib.headers.get('content-type') ?? '', /javascript/);
});

test('writes: read-only without a token', async () => {
  const { app } = await setup(null);
  const r = await app.request('/api/corrections', {
    method: 'POST',
    headers: { host: '127.0.0.1', 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'reject', event: 'ev-praise' }),
  });
  assert.equal(r.status, 403);
  assert.equal((await r.json()).error.code, 'E042');
});

test('writes: the bearer token is required and checked', async () => {
  const { post } = await setup();
  const none = await post('/api/corrections', { kind: 'reject', event: 'ev-praise' }, { authorization: '' });
  assert.equal(none.status, 401);
  assert.equal((await none.json()).error.code, 'E040');
  const wrong = await post('/api/corrections', { kind: 'reject', event: 'ev-praise' }, { authorization: 'Bearer nope' });
  assert.equal(wrong.status, 401);
  const ok = await post('/api/corrections', { kind: 'reject', event: 'ev-praise' });
  assert.equal(ok.status, 201);
});

test('request size is limited', async () => {
  const { post } = await setup();
  const r = await post('/api/corrections', JSON.stringify({ kind: 'reject', event: 'ev-praise', note: 'x'.repeat(100_000) }));
  assert.equal(r.status, 413);
  assert.equal((await r.json()).error.code, 'E041');
});

test('on loopback, a foreign Host header is refused (DNS rebinding)', async () => {
  const { get } = await setup();
  const r = await get('/api/health', { host: 'evil.example:8080' });
  assert.equal(r.status, 403);
  assert.equal((await r.json()).error.code, 'E042');
  assert.equal((await get('/api/health', { host: 'localhost:9000' })).status, 200);
});

test('a rejected event is gone from the events list and the export, and comes back when withdrawn', async () => {
  const { get, post, app } = await setup();
  const created = await (await post('/api/corrections', { kind: 'reject', event: 'ev-praise', note: 'praise is misread' })).json();
  const list = await (await get('/api/events')).json();
  assert.ok(!list.events.some((e: { id: string }) => e.id === 'ev-praise'));
  const withRejected = await (await get('/api/events?include=all')).json();
  const rejected = withRejected.events.find((e: { id: string }) => e.id === 'ev-praise');
  assert.equal(rejected.correction.status, 'rejected');
  const jsonl = await (await get('/api/export?format=jsonl')).text();
  assert.equal(jsonl.trim().split('\n').length, 3);
  assert.doesNotMatch(jsonl, /ev-praise/);
  const csv = await (await get('/api/export?format=csv')).text();
  assert.doesNotMatch(csv, /ev-praise/);
  const del = await app.request(`/api/corrections/${created.correction.id}`, { method: 'DELETE', headers: { host: '127.0.0.1', authorization: `Bearer ${TOKEN}` } });
  assert.equal(del.status, 200);
  assert.match(await (await get('/api/export')).text(), /ev-praise/);
});

test('an edit changes the event everywhere and is marked as a correction', async () => {
  const { get, post } = await setup();
  const r = await post('/api/corrections', { kind: 'edit', event: 'ev-criticise', edit: { code: '173', date: '1979-01' } });
  assert.equal(r.status, 201);
  const ev = (await (await get('/api/events/ev-criticise')).json()).event;
  assert.equal(ev.code, '173');
  assert.equal(ev.root, '17');
  assert.equal(ev.quadClass, 4);
  assert.equal(ev.date.value, '1979-01');
  assert.equal(ev.date.earliest, '1979-01-01');
  assert.equal(ev.correction.status, 'edited');
  assert.equal(ev.correction.original.code, '111');
  // The filter sees the corrected code, not the machine's.
  assert.equal((await (await get('/api/events?root=11')).json()).total, 0);
  assert.equal((await (await get('/api/events?root=17')).json()).total, 1);
  const line = (await (await get('/api/export?format=jsonl')).text()).split('\n').find((l) => l.includes('ev-criticise'))!;
  const rec = JSON.parse(line);
  assert.equal(rec.code, '173');
  assert.equal(rec.correction.status, 'edited');
});

test('bad corrections are refused with a clear message', async () => {
  const { post } = await setup();
  const cases: unknown[] = [
    { kind: 'destroy', event: 'ev-praise' },
    { kind: 'edit', event: 'ev-praise', edit: { code: '99' } },
    { kind: 'edit', event: 'ev-praise', edit: {} },
    { kind: 'edit', event: 'ev-praise', edit: { date: 'next tuesday' } },
    { kind: 'merge-actors', actor: 'state:ALB', into: 'state:ALB' },
    { kind: 'merge-events', events: ['ev-praise'] },
  ];
  for (const body of cases) {
    const r = await post('/api/corrections', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal((await r.json()).error.code, 'E020');
  }
  const missing = await post('/api/corrections', { kind: 'reject', event: 'no-such-event' });
  assert.equal(missing.status, 404);
  const notJson = await post('/api/corrections', 'kind=reject', { 'content-type': 'text/plain' });
  assert.equal(notJson.status, 400);
});

test('merging actors moves their events to the other actor', async () => {
  const { get, post } = await setup();
  assert.equal((await post('/api/corrections', { kind: 'merge-actors', actor: 'state:CHN', into: 'state:KHM' })).status, 201);
  const r = await (await get('/api/events?actor=state:CHN')).json();
  assert.equal(r.total, 0);
  const k = await (await get('/api/events?dyad=state:KHM,state:ALB')).json();
  assert.equal(k.total, 4);
});

test('network and dyad series', async () => {
  const { get } = await setup();
  const net = await (await get('/api/network?from=1970&to=1979')).json();
  const edge = net.edges.find((e: { source: string; target: string }) => e.source === 'state:ALB' && e.target === 'state:KHM');
  assert.equal(edge.weight, 2);
  assert.equal(edge.relation, 'cooperation');
  const series = await (await get('/api/dyad?a=ALB&b=KHM&granularity=year')).json();
  const y1978 = series.points.find((p: { period: string }) => p.period === '1978');
  assert.equal(y1978.goldstein, -2);
  assert.deepEqual(y1978.events.flatMap((e: { evidence: Array<{ eventId: string }> }) => e.evidence.map((x) => x.eventId)), ['ev-criticise']);
  assert.equal(series.points.find((p: { period: string }) => p.period === '1973').count, 0);
  assert.equal((await get('/api/dyad?a=ALB')).status, 400);
});

test('a reviewer merge of two dated accounts shows as a conflict, side by side', async () => {
  const { get, post } = await setup();
  assert.equal((await (await get('/api/conflicts')).json()).total, 0);
  assert.equal((await post('/api/corrections', { kind: 'merge-events', events: ['ev-recognise', 'ev-praise'] })).status, 201);
  const merged = await (await get('/api/events/ev-recognise')).json();
  assert.deepEqual(merged.merged.members.map((m: { id: string }) => m.id).sort(), ['ev-praise', 'ev-recognise']);
  const body = await (await get('/api/conflicts')).json();
  assert.equal(body.total, 1);
  const c = body.conflicts[0];
  assert.equal(c.kind, 'date');
  assert.deepEqual(c.accounts.map((a: { value: string }) => a.value).sort(), ['1972', '1975']);
});

test('search answers hits and needs words', async () => {
  const { get } = await setup();
  const r = await (await get('/api/search?q=praised')).json();
  assert.equal(r.hits[0].docName, 'albania.txt');
  assert.equal((await get('/api/search')).status, 400);
});

test('exports in the analysis formats, and unknown formats refused', async () => {
  const { get } = await setup();
  const g = await get('/api/export?format=graphml');
  assert.equal(g.status, 200);
  assert.match(g.headers.get('content-type') ?? '', /xml/);
  assert.match(await g.text(), /<graphml[\s>]/);
  const m = await get('/api/export?format=merged-jsonl');
  assert.equal(m.status, 200);
  assert.ok((await m.text()).trim().split('\n').length >= 1);
  const bad = await get('/api/export?format=exe');
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.code, 'E020');
});

test('fields=brief answers only what a timeline draws', async () => {
  const { get } = await setup();
  const body = await (await get('/api/events?fields=brief&sort=date')).json();
  assert.equal(body.total, 4);
  assert.deepEqual(Object.keys(body.events[0]).sort(), ['code', 'correction', 'date', 'docId', 'id', 'quadClass', 'source', 'target']);
  assert.equal((await get('/api/events?fields=all')).status, 400);
});

test('a write to a read-only route is refused with E043', async () => {
  const { app } = await setup();
  const r = await app.request('/api/events', { method: 'PUT', headers: { host: '127.0.0.1', authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
  assert.equal(r.status, 405);
  assert.equal((await r.json()).error.code, 'E043');
});
