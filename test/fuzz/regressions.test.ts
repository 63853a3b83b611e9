/**
 * Inputs the fuzz test once found to crash or hang ingestion, kept so they
 * stay fixed. Each goes through the reader and the whole pipeline in a child
 * process with a small heap and a time limit, so a relapse into an endless
 * loop fails this test instead of taking the test runner down.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

const CASES: { name: string; text: string; why: string }[] = [
  { name: 'detached-abbreviation.txt', text: '!u\t.63 of Egypt ma a.', why: 'a letter, a space, then ".6": the abbreviation merger looped backwards without end' },
  { name: 'detached-abbreviation-start.txt', text: 'u .6 of Egypt.', why: 'the same at the start of a sentence threw a TypeError' },
  { name: 'html-fragment.html', text: 'x<b', why: 'an HTML fragment without a document element threw a TypeError' },
  { name: 'html-comment.html', text: '<!-- -->', why: 'an HTML comment alone threw a TypeError' },
];

const SCRIPT = `
import { readDocument } from ${JSON.stringify(join(root, 'src/formats/index.ts'))};
import { annotate, loadResources } from ${JSON.stringify(join(root, 'src/pipeline/pipeline.ts'))};
const res = loadResources();
for (const [name, text] of JSON.parse(process.argv[1])) {
  try {
    const doc = await readDocument(Buffer.from(text), name);
    annotate(doc, res);
    console.log(name + ' read');
  } catch (e) {
    console.log(name + ' ' + (e && e.name === 'AnnalsError' && !/reader error/.test(e.message) ? 'refused ' + e.code : 'crashed ' + JSON.stringify(String(e && e.stack))));
  }
}
`;

test('fuzz regressions: inputs that once crashed or hung are read or refused cleanly', () => {
  const run = spawnSync(
    process.execPath,
    ['--max-old-space-size=256', '--import', 'tsx', '--input-type=module', '-e', SCRIPT, JSON.stringify(CASES.map((c) => [c.name, c.text]))],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(run.signal, null, `killed (${run.signal}): a hang; got so far: ${run.stdout}`);
  assert.equal(run.status, 0, `exited ${run.status} (out of memory?): ${run.stdout} ${run.stderr.slice(-300)}`);
  const lines = new Map(run.stdout.trim().split('\n').map((l) => [l.split(' ')[0]!, l.slice(l.indexOf(' ') + 1)]));
  for (const c of CASES) assert.match(lines.get(c.name) ?? 'missing', /^(read|refused E0\d\d)$/, `${c.name} (${c.why})`);
});
