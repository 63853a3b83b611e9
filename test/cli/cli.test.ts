/**
 * The `annals` binary, spawned as a user runs it, on temporary stores.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after } from 'node:test';
import { parse } from 'csv-parse/sync';
import { readDocument } from '../../src/formats/index.js';
import { CSV_COLUMNS } from '../../src/app/export.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { sampleDocument } from '../../src/store/contract.js';
import { annals, annalsInProcess, devGoldDir, hasPython, needsShared, repoRoot, scorer, seedsDir, tempDir } from './helpers.js';

const examples = join(repoRoot, 'examples');
const exampleFiles = readdirSync(examples).filter((f) => !/^readme/i.test(f)).sort();

interface Exported {
  id: string;
  doc: string;
  source: { id: string; name: string; kind: string; country: string | null } | null;
  target: { id: string; name: string; kind: string; country: string | null } | null;
  code: string;
  date: string | null;
  dateEarliest: string | null;
  dateLatest: string | null;
  claimant: unknown;
  modality: string;
  evidence: { start: number; end: number; text: string };
  confidence: number;
}

function jsonl(text: string): Exported[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

describe('annals on the example corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-cli-'));
  const db = join(dir, 'examples.db');
  let first: ReturnType<typeof annals>;
  let all: Exported[];
  after(() => rmSync(dir, { recursive: true, force: true }));

  before(() => {
    first = annals(['--db', db, 'ingest', examples]);
    all = jsonl(annals(['--db', db, 'export', '--format', 'jsonl']).stdout);
  });

  test('ingest reads every example, skips the folder README, and ends with a summary', async () => {
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stderr, '');
    assert.match(first.stdout, new RegExp(`^ingested ${exampleFiles.length} documents, skipped 0 already stored, 0 failed$`, 'm'));
    assert.match(first.stdout, /^found \d+ events and \d+ actors in them$/m);
    const docs = JSON.parse((await annalsInProcess(['docs', '--json', '--db', db])).stdout) as Array<{ name: string }>;
    assert.deepEqual(docs.map((d) => d.name).sort(), exampleFiles);
  });

  test('ingesting the same files again adds nothing', async () => {
    const before = (await annalsInProcess(['summary', '--json', '--db', db])).stdout;
    const again = annals(['ingest', '--db', db, examples]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`^ingested 0 documents, skipped ${exampleFiles.length} already stored, 0 failed$`, 'm'));
    assert.deepEqual(JSON.parse((await annalsInProcess(['summary', '--json', '--db', db])).stdout).counts, JSON.parse(before).counts);
  });

  test('export --format jsonl writes the scoring contract, evidence spans exact in the document text', async () => {
    assert.ok(all.length > 0, 'the examples hold events');
    const texts = new Map<string, string>();
    for (const f of exampleFiles) {
      const doc = await readDocument(readFileSync(join(examples, f)), join(examples, f));
      texts.set(doc.name, doc.text);
    }
    for (const e of all) {
      assert.ok(texts.has(e.doc), `doc is the file's base name: ${e.doc}`);
      assert.equal(typeof e.id, 'string');
      assert.match(e.code, /^\d{2,4}$/);
      assert.ok(e.date === null || typeof e.date === 'string');
      assert.ok(['asserted', 'reported', 'negated', 'hypothetical', 'planned'].includes(e.modality));
      for (const a of [e.source, e.target]) {
        if (a === null) continue;
        assert.deepEqual(Object.keys(a).sort(), ['country', 'id', 'kind', 'name']);
        assert.ok(a.country === null || /^[A-Z]{3}$/.test(a.country), a.country ?? '');
      }
      assert.equal(texts.get(e.doc)!.slice(e.evidence.start, e.evidence.end), e.evidence.text);
      assert.ok(e.confidence >= 0 && e.confidence <= 1);
    }
  });

  test('export --format csv writes one row per event under a header, to a file with --out', (t) => {
    const out = join(tempDir(t), 'events.csv');
    const r = annals(['export', '--format', 'csv', '--out', out, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const rows = parse(readFileSync(out, 'utf8')) as string[][];
    assert.deepEqual(rows[0], [...CSV_COLUMNS]);
    assert.equal(rows.length - 1, all.length);
    const byId = new Map(all.map((e) => [e.id, e]));
    for (const row of rows.slice(1)) {
      const e = byId.get(row[0])!;
      assert.equal(row[CSV_COLUMNS.indexOf('evidence_text')], e.evidence.text);
      assert.equal(row[CSV_COLUMNS.indexOf('code')], e.code);
    }
  });

  test('a reader that stops early ends the export quietly', async (t) => {
    // more output than a pipe holds, so the writer meets the closed pipe
    const big = join(tempDir(t), 'big.db');
    const store = await openSqliteStore(big);
    for (let i = 0; i < 300; i++) {
      const s = sampleDocument(`doc${i}`);
      await store.saveDocument(s.doc, s.ann, s.entities);
    }
    await store.close();
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'annals.js'), 'export', '--db', big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const [code] = (await once(child, 'close')) as [number];
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  test('events filters return exactly the matching events', async () => {
    const ids = async (args: string[]) => {
      const r = await annalsInProcess(['events', '--json', '--db', db, ...args]);
      assert.equal(r.code, 0, r.stderr);
      return (JSON.parse(r.stdout) as Array<{ id: string }>).map((e) => e.id).sort();
    };
    const expect = (pred: (e: Exported) => boolean) => all.filter(pred).map((e) => e.id).sort();
    const withCountries = all.find((e) => e.source?.country && e.target?.country && e.source.country !== e.target.country)!;
    const [a, b] = [withCountries.source!.country!, withCountries.target!.country!];
    const between = (e: Exported) =>
      (e.source?.country === a && e.target?.country === b) || (e.source?.country === b && e.target?.country === a);
    assert.deepEqual(await ids(['--dyad', a, b]), expect(between));
    assert.deepEqual(await ids(['--dyad', `${b}-${a}`]), expect(between));
    assert.deepEqual(await ids(['--actor', a]), expect((e) => e.source?.country === a || e.target?.country === a));
    const root = withCountries.code.slice(0, 2);
    assert.deepEqual(await ids(['--root', root]), expect((e) => e.code.startsWith(root)));
    assert.deepEqual(await ids(['--code', withCountries.code]), expect((e) => e.code.startsWith(withCountries.code)));
    const dated = all.filter((e) => e.dateEarliest).map((e) => e.dateEarliest!).sort();
    const from = dated[Math.floor(dated.length / 2)];
    assert.deepEqual(await ids(['--from', from]), expect((e) => e.dateLatest !== null && e.dateLatest >= from));
    assert.deepEqual(await ids(['--from', '1975', '--to', '1978-06']), expect((e) => e.dateLatest !== null && e.dateLatest >= '1975-01-01' && e.dateEarliest! <= '1978-06-30'));
    assert.deepEqual(await ids(['--doc', withCountries.doc]), expect((e) => e.doc === withCountries.doc));
    assert.deepEqual(await ids(['--modality', 'asserted']), expect((e) => e.modality === 'asserted'));
    assert.deepEqual(await ids(['--dyad', a, b, '--root', root, '--doc', withCountries.doc]), expect((e) => between(e) && e.code.startsWith(root) && e.doc === withCountries.doc));
  });

  test('events prints a table by default', () => {
    const r = annals(['events', '--db', db, '--limit', '3']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^id\s+date\s+code\s+source\s+target\s+modality\s+doc\s+evidence$/);
    assert.equal(lines.at(-1), `${Math.min(3, all.length)} event${all.length === 1 ? '' : 's'}`);
  });

  test('show explains one event: evidence in context, rule and reason, date rule', async () => {
    const e = all.find((x) => x.date) ?? all[0];
    const r = annals(['show', e.id.slice(0, 10), '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const stored = JSON.parse((await annalsInProcess(['show', e.id, '--json', '--db', db])).stdout);
    assert.match(r.stdout, new RegExp(`^event\\s+${e.id}$`, 'm'));
    assert.ok(r.stdout.includes(`rule      ${stored.event.ruleId}`));
    assert.ok(r.stdout.includes(`why       ${stored.event.reason}`));
    assert.ok(r.stdout.includes(`»${e.evidence.text}«`) || r.stdout.includes(e.evidence.text));
    if (e.date) assert.ok(r.stdout.includes(`rule ${stored.event.date.ruleId}`));
  });

  test('search finds documents by the words of their text', async () => {
    const docs = JSON.parse((await annalsInProcess(['docs', '--json', '--db', db])).stdout) as Array<{ name: string; title: string | null }>;
    const titled = docs.find((d) => d.title)!;
    const word = titled.title!.split(/[^\p{L}]+/u).sort((x, y) => y.length - x.length)[0];
    const r = await annalsInProcess(['search', word.toLowerCase(), '--json', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok((JSON.parse(r.stdout) as Array<{ docName: string }>).some((h) => h.docName === titled.name), word);
    assert.equal((await annalsInProcess(['search', 'zzzqqqxxx', '--db', db])).stdout, 'no documents\n');
  });

  test('check finds the store sound', async () => {
    const r = await annalsInProcess(['check', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^store .*examples\.db \(schema version \d+\) is sound$/m);
  });

  test('summary counts documents, actors and events', async () => {
    const r = await annalsInProcess(['summary', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^${exampleFiles.length} documents, \\d+ actors, ${all.length} events`, 'm'));
  });

  test('eval gives perfect scores on gold made from the export itself', async (t) => {
    const gold = join(tempDir(t), 'gold');
    mkdirSync(gold);
    const byDoc = new Map<string, Exported[]>();
    for (const e of all) byDoc.set(e.doc, [...(byDoc.get(e.doc) ?? []), e]);
    for (const [doc, events] of byDoc) {
      const entities = new Map<string, object>();
      for (const e of events) for (const a of [e.source, e.target]) if (a) entities.set(a.id, { id: a.id, name: a.name, kind: a.kind, country: a.country, aliases: [a.name] });
      writeFileSync(
        join(gold, basename(doc).replace(/\.\w+$/, '.json')),
        JSON.stringify({
          doc,
          entities: [...entities.values()],
          events: events.map((e, i) => ({ id: `e${i}`, evidence: e.evidence.text, source: e.source?.id ?? null, target: e.target?.id ?? null, code: e.code, date: e.date })),
        }),
      );
    }
    const r = annals(['eval', '--gold', gold, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trimEnd().split('\n').at(-1), 'L1 P=1.000 R=1.000 F1=1.000 | L2 P=1.000 R=1.000 F1=1.000');
    const json = await annalsInProcess(['eval', '--gold', gold, '--json', '--db', db]);
    const report = JSON.parse(json.stdout.slice(0, json.stdout.trimEnd().lastIndexOf('\n')));
    assert.equal(report.summary.L1.tp, all.length);
    assert.ok(report.roots.length > 0);
  });
});

describe('annals with bad input', () => {
  test('an empty, a binary and a missing file each get one line naming them; the good file still goes in; exit code 1', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'blob.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)));
    writeFileSync(join(dir, 'good.txt'), 'Relations\n\nOn 12 May 1970 Albania and China signed a trade agreement in Tirana.\n');
    const r = annals(['ingest', 'empty.txt', 'blob.bin', 'missing.txt', 'good.txt', '--db', 'x.db'], { cwd: dir });
    assert.equal(r.code, 1);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 3, r.stderr);
    assert.match(lines.find((l) => l.includes('empty.txt')) ?? '', /^E003 empty\.txt: /);
    assert.match(lines.find((l) => l.includes('blob.bin')) ?? '', /^E004 blob\.bin: /);
    assert.match(lines.find((l) => l.includes('missing.txt')) ?? '', /^E001 missing\.txt: /);
    assert.match(r.stdout, /^ingested 1 document, skipped 0 already stored, 3 failed$/m);
    const docs = JSON.parse((await annalsInProcess(['docs', '--json', '--db', join(dir, 'x.db')])).stdout);
    assert.deepEqual(docs.map((d: { name: string }) => d.name), ['good.txt']);
  });

  test('on a terminal, ingest shows progress on stderr and keeps each error on a line of its own', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'a.txt'), 'One\n\nAlbania recognised Kosovo on 18 February 2008.\n');
    writeFileSync(join(dir, 'b.txt'), '');
    const { main } = await import('../../src/cli/main.js');
    let stderr = '';
    let stdout = '';
    const code = await main(['ingest', 'a.txt', 'b.txt', '--db', 'p.db'], {
      stdout: { write: (s: string) => ((stdout += s), true) },
      stderr: { write: (s: string) => ((stderr += s), true), isTTY: true, columns: 80 },
      env: { ...process.env, ANNALS_DB: '' },
      cwd: dir,
    });
    assert.equal(code, 1);
    assert.ok(stderr.includes('[1/2] a.txt'), JSON.stringify(stderr));
    assert.ok(stderr.includes('[2/2] b.txt'), JSON.stringify(stderr));
    assert.match(stderr, /\r\x1b\[2KE003 b\.txt: [^\n]+\n/);
    assert.ok(stderr.endsWith('\r\x1b[2K'), 'the progress line is cleared before the summary');
    assert.match(stdout, /^ingested 1 document, skipped 0 already stored, 1 failed$/m);
  });

  test('globs and folders expand; a glob matching nothing is an error line', (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', 'one.txt'), 'One\n\nAlbania recognised Kosovo on 18 February 2008.\n');
    writeFileSync(join(dir, 'a', 'b', 'two.txt'), 'Two\n\nChina sent aid to Albania in 1961.\n');
    writeFileSync(join(dir, 'a', 'b', 'README.md'), '# notes about this folder\n');
    writeFileSync(join(dir, 'a', '.hidden.txt'), 'Hidden\n\nNot to be read.\n');
    const r = annals(['ingest', 'a', '--db', 'g.db'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ingested 2 documents/m);
    const g = annals(['ingest', 'a/**/*.txt', 'nothing/*.txt', '--db', 'g.db'], { cwd: dir });
    assert.equal(g.code, 1);
    assert.match(g.stdout, /^ingested 0 documents, skipped 2 already stored, 1 failed$/m);
    assert.equal(g.stderr.trim(), 'E001 nothing/*.txt: no file matches this pattern');
  });

  test('reading commands refuse a store that does not exist, without creating it', (t) => {
    const dir = tempDir(t);
    const r = annals(['events'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^E001 .*annals\.db: store not found/);
    assert.equal(existsSync(join(dir, 'annals.db')), false);
  });

  test('usage errors are one line with a code and exit code 2', () => {
    const r = annals(['events', '--no-such-option']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^E020 unknown option '--no-such-option'/);
    const bad = annals(['export', '--format', 'xml']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^E020 option '--format <format>' argument 'xml' is invalid/);
  });

  test('a malformed filter value is refused with E020', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'good.txt'), 'Relations\n\nIn 1970 Albania and China signed a trade agreement.\n');
    await annalsInProcess(['ingest', 'good.txt'], { cwd: dir });
    const r = await annalsInProcess(['events', '--from', 'the spring'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^E020 /);
    const d = await annalsInProcess(['events', '--dyad', 'A-B-C'], { cwd: dir });
    assert.match(d.stderr, /^E020 --dyad: give two actors/);
  });
});

describe('choosing the store', () => {
  test('--db before or after the command, ANNALS_DB, and annals.db in the current folder by default', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'good.txt'), 'Relations\n\nIn 1970 Albania and China signed a trade agreement.\n');
    assert.equal(annals(['--db', 'before.db', 'ingest', 'good.txt'], { cwd: dir }).code, 0);
    assert.equal(annals(['ingest', 'good.txt', '--db', 'after.db'], { cwd: dir }).code, 0);
    assert.equal((await annalsInProcess(['ingest', 'good.txt'], { cwd: dir, env: { ANNALS_DB: join(dir, 'env.db') } })).code, 0);
    assert.equal((await annalsInProcess(['ingest', 'good.txt'], { cwd: dir })).code, 0);
    for (const f of ['before.db', 'after.db', 'env.db', 'annals.db']) assert.ok(existsSync(join(dir, f)), f);
    const docs = await annalsInProcess(['docs', '--json'], { cwd: dir, env: { ANNALS_DB: 'after.db' } });
    assert.equal(JSON.parse(docs.stdout).length, 1);
  });

  test('--help lists every command', () => {
    const r = annals(['--help']);
    assert.equal(r.code, 0);
    for (const c of ['ingest', 'docs', 'events', 'show', 'search', 'export', 'eval', 'summary']) assert.match(r.stdout, new RegExp(`^  ${c}\\b`, 'm'));
  });
});

test(
  'on the seeds, annals eval prints the reference scorer\'s figures for the exported events',
  { ...needsShared(seedsDir, devGoldDir, scorer), ...(hasPython() ? {} : { skip: 'needs python3' }) },
  (t) => {
    const dir = tempDir(t);
    const db = join(dir, 'dev.db');
    assert.equal(annals(['--db', db, 'ingest', seedsDir]).code, 0);
    const exported = annals(['--db', db, 'export', '--format', 'jsonl']).stdout;
    writeFileSync(join(dir, 'dev.jsonl'), exported);
    const reference = execFileSync(scorer, ['--gold', devGoldDir, '--pred', join(dir, 'dev.jsonl')], { encoding: 'utf8' }).trimEnd().split('\n');
    const ours = annals(['--db', db, 'eval', '--gold', devGoldDir]).stdout.trimEnd().split('\n');
    assert.equal(ours.at(-1), reference.at(-1));
    assert.deepEqual(ours.slice(0, reference.length - 1), reference.slice(0, -1));
  },
);
