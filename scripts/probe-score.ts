/**
 * Score annals on the probe set (test/probe): cables, treaties, government
 * histories and encyclopedia articles in TEI XML and Markdown, with hand-made gold.
 *   node --import tsx scripts/probe-score.ts [--keep DIR] [--doc NAME] [--json]
 * Ingests test/probe/docs into a fresh SQLite store with the CLI, exports the
 * events as JSON Lines, then prints the reference scorer's report
 * (../shared/tools/score-events, skipped with a message when absent) and
 * `annals eval --gold test/probe/gold` on the same store. First it checks that
 * every gold evidence string is still in the reader's extracted text.
 * --keep DIR keeps the store (DIR/probe.db) and export (DIR/probe.jsonl) for study.
 */
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { readDocument } from '../src/formats/index.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

const repo = resolve(import.meta.dirname, '..');
const probe = join(repo, 'test', 'probe');
const docs = join(probe, 'docs');
const gold = join(probe, 'gold');
const shared = resolve(process.env.ANNALS_SHARED ?? join(repo, '..', 'shared'));
const scorer = join(shared, 'tools', 'score-events');

const keep = opt('--keep');
const work = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'annals-probe-'));
mkdirSync(work, { recursive: true });
const db = join(work, 'probe.db');
const jsonl = join(work, 'probe.jsonl');
for (const f of [db, `${db}-wal`, `${db}-shm`, jsonl]) rmSync(f, { force: true });

const cli = (cliArgs: string[]): string =>
  execFileSync(process.execPath, [join(repo, 'bin', 'annals.js'), '--db', db, ...cliArgs], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });

/** Gold evidence must stay an exact substring of the extracted text; readers change, so check first. */
async function checkEvidence(): Promise<number> {
  const squash = (t: string): string => t.replace(/\s+/g, ' ');
  let missing = 0;
  for (const f of readdirSync(docs).sort()) {
    const goldFile = join(gold, f.replace(/\.[A-Za-z0-9]+$/, '.json'));
    if (!existsSync(goldFile)) continue;
    const doc = await readDocument(readFileSync(join(docs, f)), join(docs, f));
    const text = squash(doc.text);
    const g = JSON.parse(readFileSync(goldFile, 'utf8')) as { events: Array<{ id: string; evidence: string }> };
    for (const e of g.events) {
      if (text.includes(squash(e.evidence))) continue;
      missing++;
      console.log(`warning: ${f} ${e.id}: gold evidence not in the extracted text: ${JSON.stringify(e.evidence.slice(0, 80))}`);
    }
  }
  return missing;
}

try {
  const missing = await checkEvidence();
  if (missing) console.log(`${missing} gold evidence string(s) no longer found: the reader's text changed; fix the gold before trusting the scores\n`);
  cli(['ingest', docs]);
  cli(['export', '--format', 'jsonl', '--out', jsonl]);

  const only = opt('--doc');
  const docArgs = only ? ['--doc', only] : [];
  console.log('== reference scorer (score-events) ==');
  if (existsSync(scorer)) {
    const scoreArgs = ['--gold', gold, '--pred', jsonl, ...docArgs];
    if (args.includes('--json')) scoreArgs.push('--json');
    process.stdout.write(execFileSync(scorer, scoreArgs, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  } else {
    console.log(`skip: ${scorer} not found`);
  }
  console.log('\n== annals eval ==');
  process.stdout.write(cli(['eval', '--gold', gold, ...docArgs]));
  if (keep) console.log(`\nstore: ${db}\nexport: ${jsonl}`);
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}
