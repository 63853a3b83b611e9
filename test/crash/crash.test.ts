/**
 * Crash test: the `annals ingest` command, run as a separate process on a
 * corpus of every format, is killed with SIGKILL at random moments several
 * times, then run to completion. After every kill and at the end the store
 * must pass its integrity check (PRAGMA integrity_check, foreign keys, spans,
 * search index), hold each document at most once and — for every document it
 * holds — exactly the events an uninterrupted run finds. At the end it holds
 * every readable document of the corpus.
 *
 *   ANNALS_CRASH_KILLS (default 4)  ANNALS_CRASH_SEED (default 7)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { makeDocx, makePdf } from '../fixtures/binary/build.js';
import { rng } from '../fuzz/mutate.js';

const KILLS = Number(process.env.ANNALS_CRASH_KILLS ?? 4);
const SEED = Number(process.env.ANNALS_CRASH_SEED ?? 7);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'annals.js');

const PAIRS = [
  ['Albania', 'China'],
  ['France', 'Germany'],
  ['Egypt', 'Israel'],
  ['Yugoslavia', 'the Soviet Union'],
  ['Greece', 'Turkey'],
  ['Japan', 'the United States'],
];
const VERBS = ['signed a trade agreement with', 'protested to', 'sent a delegation to', 'broke off relations with', 'criticized', 'promised aid to'];
const MONTHS = ['January', 'March', 'May', 'July', 'September', 'November'];

/** Sentences about dated relations, different for each document. */
function sentences(i: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < 6; k++) {
    const [a, b] = PAIRS[(i + k) % PAIRS.length]!;
    out.push(`On ${1 + ((i * 7 + k) % 27)} ${MONTHS[(i + k) % 6]} ${1950 + ((i * 3 + k) % 60)}, ${a} ${VERBS[(i + 2 * k) % VERBS.length]} ${b}.`);
  }
  return out;
}

/** A corpus of `n` documents in turn as text, Markdown, HTML, PDF, DOCX and Windows-1252 text, plus one unreadable file. */
function writeCorpus(dir: string, n: number): number {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const s = sentences(i);
    const title = `Report ${i} on relations between states`;
    const name = `doc-${String(i).padStart(3, '0')}`;
    switch (i % 6) {
      case 0:
        writeFileSync(join(dir, `${name}.txt`), `${title}\n\n${s.slice(0, 3).join(' ')}\n\n${s.slice(3).join(' ')}\n`);
        break;
      case 1:
        writeFileSync(join(dir, `${name}.md`), `# ${title}\n\n${s.slice(0, 3).join(' ')}\n\n- ${s[3]}\n- ${s[4]}\n\n> ${s[5]}\n`);
        break;
      case 2:
        writeFileSync(
          join(dir, `${name}.html`),
          `<!DOCTYPE html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${s.map((x) => `<p>${x}</p>`).join('')}</article></body></html>`,
        );
        break;
      case 3:
        writeFileSync(
          join(dir, `${name}.pdf`),
          makePdf({ title, pages: [[{ text: title, size: 14 }, ...s.slice(0, 3).map((text) => ({ text }))], s.slice(3).map((text) => ({ text }))] }),
        );
        break;
      case 4:
        writeFileSync(join(dir, `${name}.docx`), makeDocx({ title, paragraphs: [{ heading: 1, text: title }, ...s.map((text) => ({ text }))] }));
        break;
      default:
        writeFileSync(join(dir, `${name}.txt`), iconv.encode(`${title} — Zëri\n\n${s.join(' ')}\n`, 'windows-1252'));
    }
  }
  writeFileSync(join(dir, 'broken.pdf'), Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >>\n'));
  return n;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
}

/** Run `annals --db DB ingest --quiet CORPUS`, killing it with SIGKILL after `killAfterMs` when given. */
function runIngest(db: string, corpus: string, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN, '--db', db, 'ingest', '--quiet', corpus], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr, ms: Date.now() - t0 });
    });
  });
}

/** Each stored document's name → its sorted event ids, after checking the store's integrity. */
async function snapshot(db: string): Promise<Map<string, string[]>> {
  const store = await openSqliteStore(db);
  try {
    assert.deepEqual(await store.check(), [], 'store passes its integrity check');
    const docs = await store.listDocuments();
    assert.equal(new Set(docs.map((d) => d.id)).size, docs.length, 'each document once');
    const out = new Map<string, string[]>();
    for (const d of docs) {
      assert.ok(!out.has(d.name), `${d.name} stored once`);
      const ann = await store.getAnnotations(d.id);
      assert.ok(ann, `${d.name}: annotations present`);
      out.set(d.name, ann!.events.map((e) => e.id).sort());
    }
    return out;
  } finally {
    await store.close();
  }
}

test(`crash: ingest killed with SIGKILL ${KILLS} times at random moments, then completed; nothing lost or doubled`, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-crash-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const corpus = join(dir, 'corpus');
  const n = writeCorpus(corpus, 24);

  // What an uninterrupted run stores.
  const refDb = join(dir, 'reference.db');
  const ref = await runIngest(refDb, corpus);
  assert.equal(ref.code, 1, `one file fails, the rest go in: ${ref.stderr}`);
  assert.match(ref.stderr, /^E00\d \S*broken\.pdf: /m);
  const expected = await snapshot(refDb);
  assert.equal(expected.size, n, 'every readable document is stored');
  const withEvents = [...expected.values()].filter((ids) => ids.length > 0).length;
  assert.ok(withEvents >= n / 2, `most documents have events (${withEvents} of ${n})`);

  // Killed at random moments: early (during start-up or the schema), mid-way, late.
  const r = rng(SEED);
  const db = join(dir, 'crash.db');
  let killed = 0;
  const progress: string[] = [];
  for (let k = 0; k < KILLS; k++) {
    const at = Math.round(ref.ms * (0.15 + 0.8 * r()));
    const run = await runIngest(db, corpus, at);
    if (run.signal === 'SIGKILL') killed++;
    const got = await snapshot(db);
    progress.push(`${run.signal === 'SIGKILL' ? 'killed' : 'finished'} at ${at} ms with ${got.size}/${n} stored`);
    for (const [name, ids] of got) {
      assert.ok(expected.has(name), `${name} is a corpus document`);
      assert.deepEqual(ids, expected.get(name), `${name}: its events are all there, none twice (after kill ${k + 1} at ${at} ms)`);
    }
  }
  console.log(`crash: reference run ${ref.ms} ms; ${progress.join('; ')}`);
  assert.ok(killed > 0, 'at least one run was really killed');

  // Run to completion: picks up where it stopped.
  const last = await runIngest(db, corpus);
  assert.equal(last.code, 1, last.stderr);
  const final = await snapshot(db);
  assert.deepEqual([...final.keys()].sort(), [...expected.keys()].sort(), 'every document exactly once');
  for (const [name, ids] of final) assert.deepEqual(ids, expected.get(name), `${name}: events as in an uninterrupted run`);
});
