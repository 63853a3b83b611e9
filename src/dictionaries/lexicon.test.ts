import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compilePattern, loadLexicon, nounForms, readPetrarchVerbs, verbForms } from './lexicon.js';
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

test('PETRARCH verb blocks and plain patterns are read; complex patterns are skipped', () => {
  const lex = loadLexicon();
  const text = [
    '# a made-up block in the PETRARCH layout',
    '---  SCOLD   [111]  ---',
    'SCOLD',
    'UPBRAID {UPBRAIDS UPBRAIDED}',
    '- * PUBLICLY                                      [1121]    # SCOLD',
    '- * &AGENT                                        [112]     # skipped: synset',
    '- * (FOR) IT                                      [112]     # skipped: group',
    '---  MUSE   [---]  ---',
    'MUSE',
  ].join('\n');
  const rules = readPetrarchVerbs(text, lex.cameo, 'test.txt');
  const pats = rules.map((r) => `${r.code} ${r.pattern[0]}`);
  assert.ok(pats.includes('111 scold|scolds|scolded|scolding'));
  assert.ok(pats.some((p) => p.startsWith('111 upbraid|') && p.includes('upbraided')));
  assert.ok(pats.includes('1121 scold|scolds|scolded|scolding * publicly'));
  assert.equal(rules.filter((r) => r.code === '112').length, 0);
  assert.ok(!pats.some((p) => p.includes('muse')), 'a block without a code adds no verbs');
});

const petrarch = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'petrarch', 'CAMEO.2.0.txt');
test('the PETRARCH dictionary loads as an option, after the built-in rules', { skip: !existsSync(petrarch) && 'needs ../shared' }, () => {
  const base = loadLexicon();
  const lex = loadLexicon({ petrarch });
  assert.ok(lex.rules.length > base.rules.length + 1000);
  assert.equal(lex.rules[0]!.id, base.rules[0]!.id);
  assert.match(lex.version, /\+petrarch$/);
});
