import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.js';

async function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: false },
    env: { ...process.env, ANNALS_DB: '', ANNALS_DICTIONARIES: '', ...env },
    cwd,
  });
  return { code, stdout, stderr };
}

function folder(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'annals-dict-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // a fictional foreign minister of a real state, with a dated role, and a document naming him
  writeFileSync(join(dir, 'people.actors.txt'), 'DORIN_VASKELL_\n+VASKELL_\n\t[FRAGOV 20180101-20221231]\n');
  writeFileSync(join(dir, 'broken.actors.txt'), 'DORIN_VASKELL_\n\t[FRAGOV 2018-2022]\n+\n');
  writeFileSync(join(dir, 'me.json'), '{\n  "people": [\n    { "name": "Ysolde Marran", "country": "BEL", "roles": [["Prime Minister", "2030", null]] }\n  ]\n}\n');
  writeFileSync(join(dir, 'note.txt'), 'On 2 June 2019, Dorin Vaskell condemned Germany.\n');
  return dir;
}

test('dict check prints what each file holds and every malformed line as file:line: message', async (t) => {
  const dir = folder(t);
  const ok = await run(['dict', 'check', 'people.actors.txt'], dir);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, 'people.actors.txt: actors (detected), 1 entry, 2 names, 1 dated role; no malformed lines\n');
  const bad = await run(['dict', 'check', 'people.actors.txt', 'broken.actors.txt', 'me.json', 'absent.txt'], dir);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /^broken\.actors\.txt: actors \(detected\), 1 entry, 1 name, 0 dated roles; 2 malformed lines$/m);
  assert.match(bad.stdout, /^broken\.actors\.txt:2: bad date restriction "2018-2022"$/m);
  assert.match(bad.stdout, /^broken\.actors\.txt:3: synonym line without a phrase$/m);
  assert.match(bad.stdout, /^me\.json:3: "Prime Minister" is a title: write its role key "head-of-government"/m);
  assert.match(bad.stderr, /^E001 .*absent\.txt: dictionary not found$/m);
  const json = await run(['dict', 'check', '--json', '--kind', 'actors', 'people.actors.txt'], dir);
  assert.deepEqual(
    JSON.parse(json.stdout).map((c: { kind: string; detected: boolean; entries: number }) => [c.kind, c.detected, c.entries]),
    [['actors', false, 1]],
  );
  const wrongKind = await run(['dict', 'check', '--kind', 'issues', 'people.actors.txt'], dir);
  assert.equal(wrongKind.code, 2);
});

test('dict import registers with the store; ingest codes with it; list and remove', async (t) => {
  const dir = folder(t);
  const db = join(dir, 'a.db');
  const imp = await run(['--db', db, 'dict', 'import', 'people.actors.txt'], dir);
  assert.equal(imp.code, 0, imp.stderr);
  assert.match(imp.stdout, new RegExp(`^imported ${join(dir, 'people.actors.txt')}: actors \\(detected\\), 1 entry`, 'm'));
  assert.match(imp.stdout, /load in \d+\.\d s/);

  const ing = await run(['--db', db, 'ingest', 'note.txt'], dir);
  assert.equal(ing.code, 0, ing.stderr);
  const events = await run(['--db', db, 'export', '--format', 'jsonl'], dir);
  const found = events.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { source: { name: string; country: string | null } | null; target: { country: string | null } | null });
  const e = found.find((x) => x.source?.name === 'Dorin Vaskell');
  assert.ok(e, events.stdout);
  assert.equal(e.source!.country, 'FRA');
  assert.equal(e.target?.country, 'DEU');

  const list = await run(['--db', db, 'dict', 'list'], dir, { ANNALS_DICTIONARIES: 'user:me.json' });
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^actors\s+1\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+ok\s+\S*people\.actors\.txt$/m);
  assert.match(list.stdout, /^user\s+from ANNALS_DICTIONARIES\s+\S*me\.json$/m);

  const again = await run(['--db', db, 'dict', 'import', 'people.actors.txt'], dir);
  assert.match(again.stdout, /^re-imported /m);
  assert.match(again.stdout, /1 document already stored keeps its events: annals ingest --replace/);

  const rm = await run(['--db', db, 'dict', 'remove', 'people.actors.txt', 'nothing.txt'], dir);
  assert.equal(rm.code, 1);
  assert.match(rm.stdout, /^removed .*people\.actors\.txt$/m);
  assert.match(rm.stderr, /^E021 nothing\.txt: not a registered dictionary/m);
  const empty = await run(['--db', db, 'dict', 'list'], dir);
  assert.match(empty.stdout, /^no dictionaries registered/);
});
