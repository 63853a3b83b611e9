/**
 * The fuzz driver, run as its own process by fuzz.test.ts (which watches it
 * for hangs and crashes): mutated documents of every format (text, Markdown,
 * HTML, TEI, PDF, DOCX, EPUB, legacy encodings) go through the ingest use case
 * into a SQLite store, as files on disk. Each must either give a well-formed
 * result or be refused with an AnnalsError that has a known code, names the
 * file and says why. Before each case it writes the input to
 * $ANNALS_FUZZ_WATCH/current and prints "case N NAME"; at the end it prints
 * "summary {json}", or "fail {json}" and exits 1.
 *
 *   node --import tsx test/fuzz/driver.ts
 *
 *   ANNALS_FUZZ_COUNT (default 2000)  ANNALS_FUZZ_SECONDS (default 25)
 *   ANNALS_FUZZ_SEED  (default 20261121: the same cases on every run)
 *   ANNALS_FUZZ_TRACE=path appends each case's name before running it (to find
 *   a case that kills the process) and ANNALS_FUZZ_SAVE=dir saves every case.
 *   ANNALS_FUZZ_STRICT=1 also fails on "reader error" refusals: failures inside
 *   a reader that readDocument caught and turned into E005 (reported, and
 *   counted as "reader-error", otherwise).
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERRORS } from '../../src/core/errors.js';
import type { Document } from '../../src/core/types.js';
import { ingest } from '../../src/app/ingest.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { resolveLimits } from '../../src/formats/limits.js';
import { closeReaderWorker } from '../../src/formats/sandbox.js';
import { loadResources, type Resources } from '../../src/pipeline/pipeline.js';
import { mutateBytes, mutateDocx, mutateEpub, mutatePdf, rng, splice, pick, type Rand } from './mutate.js';
import type { DocxInput, EpubInput, PdfInput } from '../fixtures/binary/build.js';

const COUNT = Number(process.env.ANNALS_FUZZ_COUNT ?? 2000);
const SECONDS = Number(process.env.ANNALS_FUZZ_SECONDS ?? 25);
const SEED = Number(process.env.ANNALS_FUZZ_SEED ?? 20261121);
const STRICT = process.env.ANNALS_FUZZ_STRICT === '1';

const root = join(import.meta.dirname, '..', '..');
const limits = resolveLimits({ readerTimeoutMs: 3000, maxFileBytes: 8 * 1024 * 1024 });


interface Seed {
  ext: string;
  bytes: Uint8Array;
}

function textSeeds(): Seed[] {
  const dir = join(root, 'examples');
  const out: Seed[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'README.md') continue;
    const ext = name.slice(name.lastIndexOf('.') + 1);
    // Keep cases small so thousands fit in the time budget.
    out.push({ ext, bytes: new Uint8Array(readFileSync(join(dir, name))).subarray(0, 6000) });
  }
  for (const name of readdirSync(join(root, 'test', 'fixtures', 'binary'))) {
    if (name.endsWith('.txt')) out.push({ ext: 'txt', bytes: new Uint8Array(readFileSync(join(root, 'test', 'fixtures', 'binary', name))) });
  }
  return out;
}

const DOCX: DocxInput = {
  title: 'Talks',
  author: 'Fuzz',
  paragraphs: [
    { heading: 1, text: 'Talks in Tirana' },
    { text: 'The premier arrived in Tirana on 24 June 1966 and met the leaders.', footnotes: [{ after: 'Tirana', note: 'Zëri i Popullit, 25 June 1966.' }] },
    { list: 'economic aid' },
    { text: 'Aid ended in July 1978.', style: 'Quote' },
  ],
};

const PDF: PdfInput = {
  title: 'Alliance',
  pages: [1, 2, 3].map((p) => [
    { text: 'Running header', y: 760, size: 8 },
    { text: p === 1 ? 'The Alliance' : `Section ${p}`, size: 14 },
    { text: 'In June 1966 the premier visited Tirana, where the two par-', gapBefore: 6 },
    { text: `ties signed an agreement (page ${p}). China ended aid in 1978.` },
    { text: String(p), y: 40, size: 8 },
  ]),
};

const EPUB: EpubInput = {
  title: 'Alliance',
  author: 'Fuzz',
  date: '1995',
  chapters: [
    '<h1>The alliance</h1><p>In June 1966 the premier visited Tirana.<a href="#n1" epub:type="noteref">1</a></p><aside id="n1" epub:type="footnote"><p>Zëri i Popullit.</p></aside>',
    '<h1>The break</h1><p>China ended its aid to Albania in July 1978.</p>',
  ],
};

/** Make case number i: a format chosen in turn, then mutated. */
function makeCase(i: number, seeds: Seed[], r: Rand): { uri: string; bytes: Uint8Array; format: string } {
  const kind = i % 9;
  if (kind === 8) return { uri: `case-${i}.epub`, bytes: mutateEpub(EPUB, r), format: 'epub' };
  if (kind === 6) return { uri: `case-${i}.docx`, bytes: mutateDocx(DOCX, r), format: 'docx' };
  if (kind === 7) return { uri: `case-${i}.pdf`, bytes: mutatePdf(PDF, r), format: 'pdf' };
  const seed = pick(r, seeds);
  let bytes = mutateBytes(seed.bytes, r);
  if (r() < 0.1) bytes = splice(bytes, pick(r, seeds).bytes, r);
  // Sometimes a wrong extension: formats are detected by content.
  const ext = r() < 0.15 ? pick(r, ['txt', 'md', 'html', 'xml', 'pdf', 'docx', 'bin', '']) : seed.ext;
  return { uri: `case-${i}${ext ? '.' + ext : ''}`, bytes, format: seed.ext };
}

/** A Document's spans all lie within its text and point where they should. */
function checkDocument(doc: Document, uri: string): void {
  assert.equal(typeof doc.text, 'string', uri);
  const n = doc.text.length;
  const inText = (s: { start: number; end: number }, what: string) =>
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= n, `${uri}: ${what} ${JSON.stringify(s)} outside text of ${n}`);
  doc.blocks.forEach((b, i) => inText(b.span, `block ${i}`));
  for (const note of doc.notes) {
    inText(note.marker, 'note marker');
    assert.equal(doc.blocks[note.noteBlock]?.kind, 'footnote', `${uri}: note links to a footnote block`);
  }
  for (const e of doc.sourceMap ?? []) inText(e.span, 'source map entry');
  assert.equal(doc.uri, uri);
}

const readerErrors: string[] = [];
const LINE = /^(E\d{3}) (.+?): (.+)$/;

/** Write the case to a file and ingest it as a user would; check what comes out. */
async function ingestCase(dir: string, uri: string, bytes: Uint8Array, store: Store, res: Resources): Promise<string> {
  writeFileSync(join(dir, uri), bytes);
  const summary = await ingest([uri], { store, resources: res, read: { limits }, cwd: dir });
  assert.equal(summary.files.length, 1, `${uri}: one file, one result`);
  const result = summary.files[0]!;
  if (result.status === 'failed') {
    const m = LINE.exec(result.error ?? '');
    assert.ok(m, `${uri}: error is one line with a code: ${result.error}`);
    const [, code, subject, message] = m;
    assert.ok(code! in ERRORS, `${uri}: unknown error code (a crash?): ${result.error}`);
    assert.equal(subject, uri, `${uri}: the error names the file: ${result.error}`);
    assert.ok(message!.trim().length >= 8, `${uri}: a clear message: ${result.error}`);
    if (/reader error/.test(message!)) {
      if (STRICT) throw new Error(`reader failed inside: ${result.error}`);
      readerErrors.push(result.error!);
      return 'reader-error';
    }
    return code!;
  }
  assert.ok(result.docId, `${uri}: ${result.status} with a document id`);
  if (result.status === 'added') {
    const doc = await store.getDocument(result.docId!);
    assert.ok(doc, `${uri}: stored document can be read back`);
    checkDocument(doc!, uri);
    const ann = await store.getAnnotations(result.docId!);
    for (const s of ann?.sentences ?? []) assert.ok(s.span.end <= doc!.text.length, `${uri}: sentence outside text`);
    for (const e of ann?.events ?? []) assert.ok(e.evidence.end <= doc!.text.length, `${uri}: evidence outside text`);
  }
  return result.status;
}

export interface FuzzSummary {
  ran: number;
  seconds: number;
  cpuSeconds: number;
  seed: number;
  outcomes: Record<string, number>;
  byFormat: Record<string, { read: number; refused: number }>;
  readerErrors: string[];
  storeProblems: string[];
  storedDocuments: number;
  distinctDocuments: number;
}

export async function runFuzz(onCase: (i: number, uri: string, bytes: Uint8Array) => void = () => {}): Promise<FuzzSummary> {
  const res = loadResources();
  const seeds = textSeeds();
  const dir = mkdtempSync(join(tmpdir(), 'annals-fuzz-'));
  const store = await openSqliteStore(':memory:'); // no fsync per document: the crash test covers the disk
  try {
    const r = rng(SEED);
    const started = Date.now();
    const cpu0 = process.cpuUsage();
    const outcomes: Record<string, number> = {};
    const byFormat: Record<string, { read: number; refused: number }> = {};
    let ran = 0;
    for (let i = 0; i < COUNT; i++) {
      if (Date.now() - started > SECONDS * 1000) break;
      const { uri, bytes, format } = makeCase(i, seeds, r);
      onCase(i, uri, bytes);
      if (process.env.ANNALS_FUZZ_TRACE) appendFileSync(process.env.ANNALS_FUZZ_TRACE, `${uri} ${bytes.length}\n`);
      if (process.env.ANNALS_FUZZ_SAVE) writeFileSync(join(process.env.ANNALS_FUZZ_SAVE, uri), bytes);
      const t0 = Date.now();
      let outcome: string;
      try {
        outcome = await ingestCase(dir, uri, bytes, store, res);
      } catch (e) {
        const keep = mkdtempSync(join(tmpdir(), 'annals-fuzz-case-'));
        writeFileSync(join(keep, uri), bytes);
        throw new Error(`fuzz case ${i} (seed ${SEED}) failed; input saved to ${join(keep, uri)}: ${e instanceof Error ? e.stack : String(e)}`);
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      const f = (byFormat[format] ??= { read: 0, refused: 0 });
      if (outcome === 'added' || outcome === 'skipped') f.read++;
      else f.refused++;
      if (process.env.ANNALS_FUZZ_TRACE) appendFileSync(process.env.ANNALS_FUZZ_TRACE, `  ${outcome} ${Date.now() - t0} ms\n`);
      ran++;
    }
    const cpu = process.cpuUsage(cpu0);
    const docs = await store.listDocuments();
    return {
      ran,
      seconds: (Date.now() - started) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      seed: SEED,
      outcomes,
      byFormat,
      readerErrors,
      storeProblems: await store.check(),
      storedDocuments: docs.length,
      distinctDocuments: new Set(docs.map((x) => x.id)).size,
    };
  } finally {
    await store.close();
    await closeReaderWorker();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const watch = process.env.ANNALS_FUZZ_WATCH;
  try {
    const summary = await runFuzz((i, uri, bytes) => {
      if (watch) writeFileSync(join(watch, 'current'), bytes);
      process.stdout.write(`case ${i} ${uri}\n`);
    });
    process.stdout.write(`summary ${JSON.stringify(summary)}\n`);
  } catch (e) {
    process.stdout.write(`fail ${JSON.stringify(e instanceof Error ? e.message : String(e))}\n`);
    process.exitCode = 1;
  }
}
