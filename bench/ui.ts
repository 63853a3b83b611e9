/**
 * `npm run bench:ui`: the web UI with 100,000 events in the store. Loads
 * synthetic events (our own generator: dated events between 40 states, a tenth
 * of them between one pair) into a SQLite store, serves it, and measures in
 * Debian's Chromium how long the events table and a dyad's timeline take to
 * render (from navigation to drawn, server time included). Prints figures;
 * it asserts nothing.
 *
 *   npm run bench:ui [-- --events 100000 --runs 5 --db kept.db]
 *
 * With --db the store is kept in that file and reused when it already holds events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { createSqliteCorrectionStore } from '../src/app/corrections-sqlite.js';
import { startServer } from '../src/server/serve.js';
import type { Annotations, CodedEvent, Document, Entity, EntityRef, QuadClass } from '../src/core/types.js';
import { HAVE_CHROMIUM, CHROMIUM, openBrowser, waitReady } from '../test/e2e/browser.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

function textArg(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

const TOTAL = arg('events', 100_000);
const RUNS = arg('runs', 5);
const PER_DOC = 100;

const STATES: Array<[string, string]> = [
  ['ALB', 'Albania'], ['KHM', 'Cambodia'], ['CHN', 'China'], ['USA', 'United States'], ['SUN', 'Soviet Union'], ['YUG', 'Yugoslavia'],
  ['FRA', 'France'], ['GBR', 'United Kingdom'], ['DEU', 'Germany'], ['ITA', 'Italy'], ['GRC', 'Greece'], ['TUR', 'Turkey'],
  ['EGY', 'Egypt'], ['ISR', 'Israel'], ['JOR', 'Jordan'], ['SYR', 'Syria'], ['IRN', 'Iran'], ['IRQ', 'Iraq'], ['IND', 'India'], ['PAK', 'Pakistan'],
  ['VNM', 'Vietnam'], ['LAO', 'Laos'], ['THA', 'Thailand'], ['JPN', 'Japan'], ['KOR', 'South Korea'], ['PRK', 'North Korea'], ['ROU', 'Romania'],
  ['POL', 'Poland'], ['HUN', 'Hungary'], ['CSK', 'Czechoslovakia'], ['DDR', 'East Germany'], ['BGR', 'Bulgaria'], ['CUB', 'Cuba'], ['MEX', 'Mexico'],
  ['BRA', 'Brazil'], ['ARG', 'Argentina'], ['ZAF', 'South Africa'], ['NGA', 'Nigeria'], ['ETH', 'Ethiopia'], ['KEN', 'Kenya'],
];
const VERBS: Array<[string, string, number, QuadClass]> = [
  ['visited', '042', 1.9, 2], ['praised', '051', 3.4, 1], ['criticised', '111', -2, 3], ['signed an agreement with', '057', 8, 1],
  ['threatened', '138', -7, 3], ['met', '040', 1, 1], ['expelled diplomats of', '1663', -5, 4], ['sent aid to', '073', 7.4, 2],
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const refs: EntityRef[] = STATES.map(([c, n]) => ({ id: `state:${c}`, name: n, kind: 'state', country: c }));
const entities: Entity[] = refs.map((r) => ({ ...r, aliases: [] }));

function synthDoc(index: number, random: () => number): { doc: Document; ann: Annotations } {
  let text = '';
  const events: CodedEvent[] = [];
  const blocks: Document['blocks'] = [];
  const sentences: Annotations['sentences'] = [];
  const id = `bench${String(index).padStart(8, '0')}`.padEnd(64, '0');
  for (let k = 0; k < PER_DOC; k++) {
    const pair = random() < 0.1 ? [0, 1] : [Math.floor(random() * refs.length), Math.floor(random() * refs.length)];
    if (pair[0] === pair[1]) pair[1] = (pair[1] + 1) % refs.length;
    if (random() < 0.5) pair.reverse();
    const [src, tgt] = [refs[pair[0]], refs[pair[1]]];
    const [verb, code, goldstein, quad] = VERBS[Math.floor(random() * VERBS.length)];
    const year = 1950 + Math.floor(random() * 60);
    const month = Math.floor(random() * 12);
    const precise = random() < 0.5;
    const day = 1 + Math.floor(random() * 28);
    const when = precise ? `on ${day} ${MONTHS[month]} ${year}` : random() < 0.5 ? `in ${MONTHS[month]} ${year}` : `in ${year}`;
    const sentence = `${src.name} ${verb} ${tgt.name} ${when}.`;
    const start = text.length;
    text += sentence + '\n\n';
    const span = { start, end: start + sentence.length };
    blocks.push({ kind: 'paragraph', span });
    sentences.push({ span, block: blocks.length - 1 });
    const mm = String(month + 1).padStart(2, '0');
    const dd = String(day).padStart(2, '0');
    const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const date = precise
      ? { value: `${year}-${mm}-${dd}`, earliest: `${year}-${mm}-${dd}`, latest: `${year}-${mm}-${dd}`, precision: 'day' as const }
      : when.startsWith(`in ${MONTHS[month]}`)
        ? { value: `${year}-${mm}`, earliest: `${year}-${mm}-01`, latest: `${year}-${mm}-${last}`, precision: 'month' as const }
        : { value: `${year}`, earliest: `${year}-01-01`, latest: `${year}-12-31`, precision: 'year' as const };
    events.push({
      id: `${id.slice(0, 13)}-${k}`,
      docId: id,
      evidence: span,
      evidenceText: sentence,
      sentence: span,
      source: src,
      target: tgt,
      sourceSpan: null,
      targetSpan: null,
      trigger: null,
      code,
      root: code.slice(0, 2),
      goldstein,
      quadClass: quad,
      plover: null,
      date: { ...date, span: null, ruleId: 'bench.synthetic-v1', confidence: 0.9 },
      claimant: null,
      modality: 'asserted',
      confidence: 0.8,
      ruleId: 'bench.synthetic-v1',
      reason: 'synthetic event for the UI benchmark',
      extractor: 'bench',
    });
  }
  const doc: Document = { id, uri: `bench/${index}.txt`, name: `bench-${index}.txt`, format: 'text', title: `Synthetic document ${index}`, author: null, published: null, text, blocks, notes: [] };
  return { doc, ann: { sentences, mentions: [], times: [], events } };
}

export async function fill(store: { saveDocument(d: Document, a: Annotations, e: Entity[]): Promise<unknown> }, total = TOTAL): Promise<void> {
  const random = rng(42);
  for (let i = 0; i < Math.ceil(total / PER_DOC); i++) {
    const { doc, ann } = synthDoc(i, random);
    await store.saveDocument(doc, ann, i === 0 ? entities : []);
  }
}

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const median = s[Math.floor(s.length / 2)];
  return `median ${median.toFixed(0)} ms, min ${s[0].toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms (${s.length} runs)`;
}

async function main(): Promise<void> {
  if (!HAVE_CHROMIUM) {
    console.error(`bench:ui needs Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
    process.exit(1);
  }
  const kept = textArg('db');
  const dir = mkdtempSync(path.join(tmpdir(), 'annals-bench-ui-'));
  const dbPath = kept ? path.resolve(kept) : path.join(dir, 'annals.db');
  const store = await openSqliteStore(dbPath);
  const t0 = performance.now();
  if ((await store.counts()).events === 0) await fill(store);
  const counts = await store.counts();
  console.log(`store: ${counts.events.toLocaleString('en')} events in ${counts.documents.toLocaleString('en')} documents, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const corrections = createSqliteCorrectionStore(dbPath);
  const server = await startServer({ store, corrections, port: 0 });
  const browser = await openBrowser({ width: 1400, height: 900 });
  const { page } = browser;
  try {
    await page.goto(server.url);
    await waitReady(page);
    const dyadTotal = ((await (await fetch(new URL('/api/events?dyad=ALB,KHM&limit=1', server.url))).json()) as { total: number }).total;
    const measure = async (hash: string): Promise<number> => {
      await page.goto(`${server.url}#/documents`);
      await waitReady(page);
      const start = performance.now();
      await page.evaluate((h) => (location.hash = h), hash);
      await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 60_000, polling: 'raf' });
      return performance.now() - start;
    };
    const table: number[] = [];
    const sorted: number[] = [];
    const timeline: number[] = [];
    const drawing: number[] = [];
    const filtered: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      table.push(await measure('#/events'));
      sorted.push(await measure('#/events?sort=code&dir=desc&offset=500'));
      filtered.push(await measure('#/events?dyad=ALB,KHM&from=1960&to=1979'));
      timeline.push(await measure('#/timeline?dyad=ALB,KHM'));
      drawing.push(Number(await page.evaluate(() => document.body.dataset.timelineMs)));
    }
    const items = await page.locator('.vis-item').count();
    console.log(`events table, all ${counts.events.toLocaleString('en')} events, first page of 100: ${stats(table)}`);
    console.log(`events table sorted by code, descending, sixth page: ${stats(sorted)}`);
    console.log(`events table, dyad ALB–KHM 1960–1979: ${stats(filtered)}`);
    console.log(`timeline of the dyad ALB–KHM (${dyadTotal.toLocaleString('en')} events, first ${Math.min(dyadTotal, 1000).toLocaleString('en')} drawn; ${items} items in the visible window): ${stats(timeline)}`);
    console.log(`  of which vis-timeline drawing: ${stats(drawing)}`);
    if (browser.errors.length) console.log('page errors:', browser.errors);
  } finally {
    await browser.close();
    await server.close();
    corrections.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
