import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compilePattern, loadLexicon, nounForms, verbForms } from './lexicon.js';
import { isAnnalsError } from '../core/errors.js';

const data = join(import.meta.dirname, '..', '..', 'data');

test('verb inflections, regular and irregular', () => {
  assert.deepEqual(verbForms('visit').all, ['visit', 'visits', 'visited', 'visiting']);
  assert.deepEqual(verbForms('ban').all, ['ban', 'bans', 'banned', 'banning']);
  assert.deepEqual(verbForms('supply').all, ['supply', 'supplies', 'supplied', 'supplying']);
  assert.deepEqual(verbForms('recognise').all, ['recognise', 'recognises', 'recognised', 'recognising']);
  assert.ok(verbForms('meet').all.includes('met'));
  assert.ok(verbForms('break off').all.includes('broke off'));
  assert.deepEqual(verbForms('expel').participles, ['expelled']);
  assert.deepEqual(nounForms('embassy'), ['embassy', 'embassies']);
});

test('pattern syntax: alternatives, inflections, optional words, gaps, hyphens', () => {
  const { specs } = compilePattern('sign:v ?the * treaty|pact hostage-taking');
  assert.equal(specs.length, 7);
  assert.ok(specs[0]!.type === 'words' && specs[0]!.forms.has('signed'));
  assert.ok(specs[1]!.type === 'words' && specs[1]!.optional);
  assert.deepEqual(specs[2], { type: 'gap', max: 3 });
  assert.ok(specs[3]!.type === 'words' && specs[3]!.forms.has('pact'));
  assert.ok(specs[5]!.type === 'words' && specs[5]!.forms.has('-'));
});

test('the built-in lexicon loads: every rule has an id, a known code and a reason; all 20 roots are covered', () => {
  const lex = loadLexicon();
  assert.ok(lex.rules.length > 100);
  const roots = new Set(lex.rules.map((r) => r.code.slice(0, 2)));
  for (let r = 1; r <= 20; r++) assert.ok(roots.has(String(r).padStart(2, '0')), `root ${r}`);
  for (const r of lex.rules) {
    assert.ok(r.reason.length > 5, r.id);
    assert.ok(lex.cameo.get(r.code), r.id);
  }
  assert.ok(lex.cues.speechVerbs.has('wrote'));
});

test('a malformed lexicon file is an E030 naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-lex-'));
  mkdirSync(join(dir, 'lexicon'));
  cpSync(join(data, 'cameo'), join(dir, 'cameo'), { recursive: true });
  cpSync(join(data, 'lexicon', 'speech.json'), join(dir, 'lexicon', 'speech.json'));
  writeFileSync(join(dir, 'lexicon', 'bad.json'), '{"rules": [{"id": "x", "code": "999", "kind": "verb", "pattern": ["x"], "target": [], "reason": "r"}]}');
  assert.throws(() => loadLexicon({ dataDir: dir }), (e: unknown) => isAnnalsError(e) && e.code === 'E030' && /bad\.json/.test(e.subject ?? '') && /999/.test(e.message));
  writeFileSync(join(dir, 'lexicon', 'bad.json'), '{ not json');
  assert.throws(() => loadLexicon({ dataDir: dir }), (e: unknown) => isAnnalsError(e) && e.code === 'E030');
});
