/**
 * The HTTP API and the web UI's files, as one Hono app. Routes are thin: they
 * check parameters (params.ts), call the store and the use cases in src/app,
 * and answer JSON; every error is JSON with a stable code (http-errors.ts).
 * Safety rules are in security.ts; static files in static.ts.
 */
import { Hono, type Context } from 'hono';
import { stringify } from 'csv-stringify/sync';
import { AnnalsError } from '../core/errors.js';
import type { Store, StoredEvent } from '../store/store.js';
import { toContractRecord } from '../export/jsonl.js';
import { mergeEvents, type MergedEvent } from '../analysis/merge.js';
import {
  applyCorrections,
  mergeDecisions,
  parseCorrection,
  visibleEvents,
  type Corrected,
  type CorrectionStore,
} from '../app/corrections.js';
import { cameoTable, correctedEvents, correctionContext, existingAnchors, exportableEvents, queryEvents } from '../app/corrections-query.js';
import { toHttpError } from './http-errors.js';
import { bodyLimit, jsonBody, loopbackHostCheck, securityHeaders, writeGuard } from './security.js';
import { createStaticFiles, DEFAULT_WEB_ROOT, type StaticFile } from './static.js';
import { dateParam, eventFilter, eventQuery, intParam, textParam } from './params.js';
import { ANALYSIS_FORMATS, conflicts, dyad, exportAnalysis, isAnalysisFormat, mergedEvents, network, type AnalysisFormat } from '../app/analysis.js';

const ANALYSIS_EXPORT_TYPES: Record<AnalysisFormat, { type: string; ext: string }> = {
  'merged-jsonl': { type: 'application/x-ndjson; charset=utf-8', ext: 'jsonl' },
  'merged-csv': { type: 'text/csv; charset=utf-8', ext: 'csv' },
  gdelt: { type: 'text/tab-separated-values; charset=utf-8', ext: 'tsv' },
  graphml: { type: 'application/xml; charset=utf-8', ext: 'graphml' },
  gexf: { type: 'application/xml; charset=utf-8', ext: 'gexf' },
  timeline: { type: 'application/json; charset=utf-8', ext: 'json' },
};

export interface ServerOptions {
  store: Store;
  /** Where corrections are kept; null: the server cannot take corrections. */
  corrections?: CorrectionStore | null;
  /** Bearer token for writes; null or absent: read-only. */
  token?: string | null;
  /** The address the server listens on (decides the Host check); default 127.0.0.1. */
  host?: string;
  /** Folder of the UI's files; default src/web. */
  webRoot?: string;
  /** Largest request body in bytes; default 64 KiB. */
  maxBodyBytes?: number;
  /** Keep static files in memory (default true; false while editing the UI). */
  cacheStatic?: boolean;
  version?: string;
}

type Get = (name: string) => string | undefined;

function getter(c: Context): Get {
  return (name) => c.req.query(name);
}

function sendFile(c: Context, f: StaticFile): Response {
  return c.body(f.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': f.type, 'Cache-Control': 'no-cache' });
}

function eventSummary(e: StoredEvent) {
  return { id: e.id, docId: e.docId, docName: e.docName, code: e.code, source: e.source, target: e.target, date: e.date, modality: e.modality, evidenceText: e.evidenceText };
}

function mergedSummary(m: MergedEvent) {
  return {
    id: m.id,
    code: m.code,
    root: m.root,
    goldstein: m.goldstein,
    quadClass: m.quadClass,
    source: m.source,
    target: m.target,
    date: m.date,
    modality: m.modality,
    confidence: m.confidence,
    documents: m.documents,
    ruleId: m.ruleId,
    score: m.score,
    decided: m.decided,
    candidates: m.candidates,
    links: m.links,
    accounts: m.accounts,
    disagreements: m.disagreements,
    members: m.members.map((e) => eventSummary(e as StoredEvent)),
  };
}

export function createServerApp(options: ServerOptions): Hono {
  const store = options.store;
  const corrections = options.corrections ?? null;
  const token = options.token ?? null;
  const host = options.host ?? '127.0.0.1';
  const files = createStaticFiles(options.webRoot ?? DEFAULT_WEB_ROOT, options.cacheStatic ?? true);
  const app = new Hono();

  app.onError((err, c) => {
    const { status, body } = toHttpError(err);
    if (status >= 500) console.error(err);
    return c.json(body, status as 400);
  });
  app.notFound((c) => c.json({ error: { code: 'E021', message: 'no such route', subject: c.req.path.slice(0, 200) } }, 404));

  app.use('*', securityHeaders());
  app.use('*', loopbackHostCheck(host));
  app.use('/api/*', writeGuard(token));
  app.use('/api/*', bodyLimit(options.maxBodyBytes ?? 64 * 1024));

  const listCorrections = async () => (corrections ? await corrections.listCorrections() : []);

  /** The filter of a request, and the same without dates (for views that weigh dates themselves). */
  function analysisQuery(get: Get) {
    const filter = eventFilter(get);
    const { from, to, knownAt, ...undated } = filter;
    return { filter, undated, from, to, knownAt };
  }

  // ---- about the server
  app.get('/api/health', async (c) =>
    c.json({ ok: true, version: options.version ?? null, counts: await store.counts(), writable: token !== null && corrections !== null }),
  );

  app.get('/api/codes', (c) => {
    const t = cameoTable();
    const codes = t ? [...t.entries.values()].map((e) => ({ code: e.code, label: e.label, goldstein: e.goldstein, quadClass: e.quadClass })) : [];
    return c.json({ codes });
  });

  // ---- documents
  app.get('/api/documents', async (c) => c.json({ documents: await store.listDocuments() }));

  app.get('/api/documents/:id', async (c) => {
    const id = c.req.param('id');
    const doc = await store.getDocument(id);
    if (!doc) throw new AnnalsError('E021', `no document ${id}`, id);
    const ann = await store.getAnnotations(doc.id);
    const list = await listCorrections();
    const ctx = list.length ? await correctionContext(store) : null;
    const machine = (await store.events({ doc: doc.id })) as StoredEvent[];
    const events = ctx ? applyCorrections(machine, list, { ...ctx, existing: await existingAnchors(store, list) }).events : machine.map((e) => ({ ...e, correction: null }));
    const { sourceMap: _sourceMap, ...rest } = doc;
    return c.json({
      document: rest,
      sentences: ann?.sentences ?? [],
      mentions: ann?.mentions ?? [],
      times: ann?.times ?? [],
      events,
    });
  });

  // ---- events
  app.get('/api/events', async (c) => {
    const get = getter(c);
    const page = await queryEvents(store, corrections, eventQuery(get));
    // fields=brief: only what a timeline or a chart draws (a fifth of the bytes).
    const fields = textParam(get, 'fields', 10) ?? 'full';
    if (fields !== 'full' && fields !== 'brief') throw new AnnalsError('E020', 'fields must be full or brief', 'fields');
    if (fields === 'full') return c.json(page);
    return c.json({
      ...page,
      events: page.events.map((e) => ({
        id: e.id,
        docId: e.docId,
        code: e.code,
        quadClass: e.quadClass,
        source: e.source ? { id: e.source.id, name: e.source.name } : null,
        target: e.target ? { id: e.target.id, name: e.target.name } : null,
        date: e.date ? { value: e.date.value, earliest: e.date.earliest, latest: e.date.latest, precision: e.date.precision } : null,
        correction: e.correction ? { status: e.correction.status } : null,
      })),
    });
  });

  app.get('/api/events/:id', async (c) => {
    const id = c.req.param('id');
    const machine = await store.getEvent(id);
    if (!machine) throw new AnnalsError('E021', `no event ${id}`, id);
    const list = await listCorrections();
    const ctx = list.length ? await correctionContext(store) : null;
    const [event] = (ctx ? applyCorrections([machine], list, { ...ctx, existing: await existingAnchors(store, list) }).events : [{ ...machine, correction: null }]) as Array<Corrected<StoredEvent>>;
    const doc = await store.getDocument(machine.docId);
    const mine = list.filter((x) => event.correction?.corrections.includes(x.id));
    // Merged siblings: the merged event this one belongs to, among events of the same dyad.
    let mergedEvent: ReturnType<typeof mergedSummary> | null = null;
    if (event.source && event.target) {
      // Members of its merged event share the dyad (or its countries) and a date that overlaps its own.
      const dyadFilter = { dyad: [event.source.country ?? event.source.id, event.target.country ?? event.target.id] as [string, string] };
      const dated = event.date?.earliest && event.date?.latest ? { ...dyadFilter, from: event.date.earliest, to: event.date.latest } : dyadFilter;
      const candidates = new Map<string, Corrected<StoredEvent>>();
      for (const f of [dated, { ...dyadFilter, doc: event.docId }]) for (const e of await correctedEvents(store, list, f, ctx ?? undefined)) candidates.set(e.id, e);
      const dyadEvents = visibleEvents([...candidates.values()]);
      const found = mergeEvents(dyadEvents, { decisions: mergeDecisions(list) }).merged.find((m) => m.members.some((x) => x.id === event.id));
      if (found) mergedEvent = mergedSummary(found);
    }
    return c.json({
      event,
      document: doc ? { id: doc.id, name: doc.name, title: doc.title, published: doc.published } : null,
      sentenceText: doc ? doc.text.slice(event.sentence.start, event.sentence.end) : null,
      corrections: mine,
      merged: mergedEvent,
    });
  });

  app.get('/api/merged', async (c) => {
    const get = getter(c);
    const limit = intParam(get, 'limit', 100, 1, 5000);
    const offset = intParam(get, 'offset', 0, 0, 100_000_000);
    const q = analysisQuery(get);
    const { merged: all, unresolvedDecisions } = await mergedEvents(store, corrections, { filter: q.filter });
    return c.json({ total: all.length, offset, limit, merged: all.slice(offset, offset + limit).map(mergedSummary), unresolvedDecisions });
  });

  app.get('/api/conflicts', async (c) => {
    const get = getter(c);
    const limit = intParam(get, 'limit', 100, 1, 5000);
    const q = analysisQuery(get);
    const found = await conflicts(store, corrections, { filter: q.filter });
    return c.json({ total: found.length, conflicts: found.slice(0, limit) });
  });

  // ---- actors and relations
  app.get('/api/actors', async (c) => {
    const actors = await store.actors();
    actors.sort((a, b) => b.events - a.events || a.name.localeCompare(b.name));
    return c.json({ actors });
  });

  app.get('/api/dyad', async (c) => {
    const get = getter(c);
    const a = textParam(get, 'a');
    const b = textParam(get, 'b');
    if (!a || !b) throw new AnnalsError('E020', 'a dyad needs two actors: ?a=ALB&b=KHM', 'a');
    const granularity = textParam(get, 'granularity', 5) ?? 'auto';
    if (!['year', 'month', 'auto'].includes(granularity)) throw new AnnalsError('E020', 'granularity must be year, month or auto', 'granularity');
    const q = analysisQuery(get);
    const series = await dyad(store, corrections, { a, b, granularity: granularity as 'year' | 'month' | 'auto', filter: q.undated, knownAt: q.knownAt, from: q.from, to: q.to });
    return c.json({ ...series, undated: series.undated.length, tooVague: series.tooVague.length });
  });

  app.get('/api/network', async (c) => {
    const get = getter(c);
    const level = textParam(get, 'level', 10) ?? 'entity';
    if (level !== 'entity' && level !== 'country') throw new AnnalsError('E020', 'level must be entity or country', 'level');
    const q = analysisQuery(get);
    return c.json(await network(store, corrections, { filter: { ...q.undated, from: q.from, to: q.to }, knownAt: q.knownAt, from: q.from, to: q.to, level }));
  });

  // ---- search
  app.get('/api/search', async (c) => {
    const get = getter(c);
    const q = textParam(get, 'q', 500);
    if (!q) throw new AnnalsError('E020', 'search needs words: ?q=...', 'q');
    return c.json({ query: q, hits: await store.search(q, intParam(get, 'limit', 20, 1, 200)) });
  });

  // ---- exports
  app.get('/api/export', async (c) => {
    const get = getter(c);
    const format = textParam(get, 'format', 20) ?? 'jsonl';
    const events = await exportableEvents(store, corrections, eventFilter(get));
    const records = events.map((e) => ({
      ...toContractRecord(e, e.docName),
      correction: e.correction ? { status: e.correction.status, corrections: e.correction.corrections, original: e.correction.original } : null,
    }));
    if (format === 'jsonl') {
      return c.body(records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : ''), 200, {
        'Content-Type': 'application/x-ndjson; charset=utf-8',
        'Content-Disposition': 'attachment; filename="events.jsonl"',
      });
    }
    if (format === 'csv') {
      const rows = events.map((e) => ({
        id: e.id,
        doc: e.docName,
        source: e.source?.id ?? '',
        target: e.target?.id ?? '',
        code: e.code,
        date: e.date?.value ?? '',
        date_earliest: e.date?.earliest ?? '',
        date_latest: e.date?.latest ?? '',
        claimant: e.claimant?.id ?? '',
        modality: e.modality,
        goldstein: e.goldstein,
        quad_class: e.quadClass,
        evidence_start: e.evidence.start,
        evidence_end: e.evidence.end,
        evidence: e.evidenceText,
        rule_id: e.ruleId,
        corrected: e.correction?.status ?? '',
      }));
      return c.body(stringify(rows, { header: true, columns: rows.length ? undefined : ['id'] }), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="events.csv"',
      });
    }
    if (isAnalysisFormat(format)) {
      const q = analysisQuery(get);
      const text = await exportAnalysis(store, corrections, { format, filter: q.undated, knownAt: q.knownAt, from: q.from, to: q.to });
      const kind = ANALYSIS_EXPORT_TYPES[format];
      return c.body(text, 200, { 'Content-Type': kind.type, 'Content-Disposition': `attachment; filename="annals-${format}.${kind.ext}"` });
    }
    throw new AnnalsError('E020', `format must be one of jsonl, csv, ${ANALYSIS_FORMATS.join(', ')}`, 'format');
  });

  // ---- corrections
  app.get('/api/corrections', async (c) => {
    const list = await listCorrections();
    let orphaned: string[] = [];
    if (list.some((x) => x.anchor)) {
      const all = await store.events({});
      orphaned = applyCorrections(all, list, await correctionContext(store)).orphaned.map((x) => x.id);
    }
    return c.json({ corrections: list, orphaned });
  });

  app.post('/api/corrections', async (c) => {
    if (!corrections) throw new AnnalsError('E042', 'this server keeps no corrections');
    const body = await jsonBody(c.req);
    const parsed = await parseCorrection(body, (id) => store.getEvent(id));
    const created = await corrections.addCorrection(parsed);
    return c.json({ correction: created }, 201);
  });

  app.delete('/api/corrections/:id', async (c) => {
    if (!corrections) throw new AnnalsError('E042', 'this server keeps no corrections');
    const id = c.req.param('id');
    if (!(await corrections.removeCorrection(id))) throw new AnnalsError('E021', `no correction ${id}`, id);
    return c.json({ removed: id });
  });

  app.all('/api/*', (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') throw new AnnalsError('E043', `${c.req.method} is not allowed here`, c.req.path.slice(0, 200));
    throw new AnnalsError('E021', 'no such route');
  });

  // ---- the web UI
  app.get('/', async (c) => sendFile(c, await files.web('index.html')));
  app.get('/app/:name', async (c) => sendFile(c, await files.web(c.req.param('name'))));
  app.get('/vendor/:name', async (c) => sendFile(c, await files.vendor(c.req.param('name'))));

  return app;
}
