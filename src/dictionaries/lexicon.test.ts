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
  assert.equal(specs.length, 5);
  assert.ok(specs[0]!.type === 'words' && specs[0]!.forms.has('signed'));
  assert.ok(specs[1]!.type === 'words' && specs[1]!.optional);
  assert.deepEqual(specs[2], { type: 'gap', max: 3 });
  assert.ok(specs[3]!.type === 'words' && specs[3]!.forms.has('pact'));
  // A hyphenated literal is one slot read as its three tokens.
  assert.ok(specs[4]!.type === 'words' && specs[4]!.seqs?.some((q) => q.join(' ') === 'hostage - taking'));
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

// ---------------------------------------------------------------- the rule format's limits

import { tokenize } from '../annotators/events-tokens.js';
import { matchAt } from '../annotators/events-match.js';
import { codeEvents } from '../annotators/events.js';
import { fixtureDocument } from '../annotators/events-fixture.js';

function matches(pattern: string, text: string): string | null {
  const { specs } = compilePattern(pattern);
  const tokens = tokenize(text, { start: 0, end: text.length });
  const r = matchAt(specs, tokens, 0);
  return r ? tokens.slice(0, r.end).map((t) => t.norm).join(' ') : null;
}

/** A data folder holding only the CAMEO table, the speech cues and the given rule files. */
function lexiconOf(files: Record<string, unknown[]>, strict = false) {
  const dir = mkdtempSync(join(tmpdir(), 'annals-lex-'));
  mkdirSync(join(dir, 'lexicon'));
  cpSync(join(data, 'cameo'), join(dir, 'cameo'), { recursive: true });
  cpSync(join(data, 'lexicon', 'speech.json'), join(dir, 'lexicon', 'speech.json'));
  for (const [name, rules] of Object.entries(files)) writeFileSync(join(dir, 'lexicon', name), JSON.stringify({ rules }));
  return loadLexicon({ dataDir: dir, strict });
}

function dyadsWith(lex: ReturnType<typeof loadLexicon>, text: string): string[] {
  const f = fixtureDocument(text);
  return codeEvents(f.doc, f, lex, {}).map((e) => `${e.code} ${e.source?.country ?? '-'}>${e.target?.country ?? '-'} ${e.ruleId}`).sort();
}

test('multi-word alternatives in one slot match whole: a group or underscores, never a mix of their words', () => {
  for (const p of ['(broke off|cut off) relations', 'broke_off|cut_off relations', '(break off:v|cut off:v) relations']) {
    assert.equal(matches(p, 'broke off relations'), 'broke off relations', p);
    assert.equal(matches(p, 'cut off relations'), 'cut off relations', p);
    assert.equal(matches(p, 'broke down relations'), null, p);
    assert.equal(matches(p, 'cut relations'), null, p);
    assert.equal(matches(p, 'broke relations'), null, p);
  }
  // Alternatives of different lengths in one slot: "severed" alone or "broke off".
  assert.equal(matches('(severed|broke off|put an end to) relations', 'severed relations'), 'severed relations');
  assert.equal(matches('(severed|broke off|put an end to) relations', 'put an end to relations'), 'put an end to relations');
  // A phrasal verb keeps its inflections; a noun phrase takes the plural on its last word.
  assert.equal(matches('call_in:v * ambassador:n', 'calling in the ambassador'), 'calling in the ambassador');
  assert.equal(matches('(peace treaty:n) with', 'peace treaties with'), 'peace treaties with');
});

test('patterns the coder cannot honour are rejected, naming the rule and the file', () => {
  for (const [p, why] of [
    ['sign:v *', /gap at the end/],
    ['(broke off|cut off relations', /unbalanced/],
    ['broke off|cut off) relations', /unbalanced/],
    ['sign:vb treaty', /word class/],
    ['sign:v treaty||pact', /empty alternative/],
    ['sign:v * *2 treaty', /two gaps/],
    ['sign:v **2 treaty', /gap is written/],
    ['ask:v me|him|*2 to call', /cannot be one alternative/],
    ['ask:v me|?him to call', /cannot be one alternative/],
  ] as const) {
    assert.throws(() => compilePattern(p), (e: unknown) => isAnnalsError(e) && e.code === 'E030' && why.test(e.message), p);
    assert.throws(() => lexiconOf({ 'x.json': [{ id: 'bad-one', code: '057', kind: 'verb', pattern: [p], target: ['with'], reason: 'test' }] }),
      (e: unknown) => isAnnalsError(e) && /bad-one/.test(e.message) && /x\.json/.test(e.subject ?? ''), p);
  }
  assert.throws(() => lexiconOf({ 'x.json': [{ id: 'bad-sym', code: '057', kind: 'verb', pattern: ['sign:v'], target: ['with'], symmetric: 'both', reason: 'test' }] }), /symmetric/);
  assert.throws(() => lexiconOf({ 'x.json': [{ id: 'bad-kind', code: '057', kind: 'verb', pattern: ['sign:v'], target: ['with'], targetKinds: ['country'], reason: 'test' }] }), /targetKinds/);
});

test('doubtful rules are warned about (unknown strategy or field), and rejected when strict', () => {
  const rules = [{ id: 'odd', code: '057', kind: 'verb', pattern: ['sign:v'], target: ['alongsidee'], targets: ['with'], reason: 'test' }];
  const lex = lexiconOf({ 'x.json': rules });
  assert.ok(lex.warnings.some((w) => /x\.json: odd: target strategy "alongsidee"/.test(w)), lex.warnings.join('\n'));
  assert.ok(lex.warnings.some((w) => /unknown field "targets"/.test(w)));
  assert.throws(() => lexiconOf({ 'x.json': rules }, true), (e: unknown) => isAnnalsError(e) && e.code === 'E030');
  const more = lexiconOf({ 'x.json': [
    { id: 'wide', code: '057', kind: 'verb', pattern: ['sign:v *4 treaty:n'], gap: 6, target: ['with'], reason: 'test' },
    { id: 'noun-passive', code: '057', kind: 'noun', pattern: ['treaty:n'], passive: true, target: ['between'], reason: 'test' },
  ] });
  assert.ok(more.warnings.some((w) => /wide: gap is set but no pattern has a bare/.test(w)), more.warnings.join('\n'));
  assert.ok(more.warnings.some((w) => /noun-passive: passive is read only for verbs/.test(w)));
});

test('the files of relations, treaties, consultation and cooperation compile without a warning', () => {
  const mine = ['consult.json', 'cooperate.json', 'diplomacy.json', 'treaty.json', 'partnership.json'];
  const own = loadLexicon().warnings.filter((w) => mine.some((f) => w.startsWith(f)));
  assert.deepEqual(own, []);
});

test('any preposition the compiler accepts is read as a target strategy (not only a fixed few)', () => {
  const lex = lexiconOf({ 'x.json': [
    { id: 'patrol-off', code: '150', kind: 'verb', pattern: ['patrol:v|cruise:v'], target: ['off', 'along', 'near'], near: 6, reason: 'warships shown off a coast' },
    { id: 'fly-over', code: '150', kind: 'verb', pattern: ['fly:v'], target: ['over'], near: 4, reason: 'aircraft shown over a state' },
  ] });
  assert.deepEqual(lex.warnings, []);
  assert.ok(dyadsWith(lex, 'Soviet warships patrolled off Egypt in 1970.').some((d) => d.startsWith('150 SUN>EGY')));
  assert.ok(dyadsWith(lex, 'Israeli jets flew over Egypt.').some((d) => d.startsWith('150 ISR>EGY')));
  assert.ok(dyadsWith(lex, 'Soviet warships cruised along the coast of Egypt.').length === 0 || dyadsWith(lex, 'Soviet warships cruised along the coast of Egypt.').every((d) => !d.includes('>-')));
});

test('a pattern ending in "between" still finds the parties after it', () => {
  const lex = lexiconOf({ 'x.json': [
    { id: 'accord-between', code: '057', kind: 'noun', pattern: ['accord:n|accords between'], source: ['premod'], target: ['between'], symmetric: true, reason: 'an accord between the parties' },
  ] });
  const got = dyadsWith(lex, 'The accord between Egypt and Israel held for a decade.');
  assert.ok(got.some((d) => d.startsWith('057 EGY>ISR')), got.join(', '));
  assert.ok(got.some((d) => d.startsWith('057 ISR>EGY')), got.join(', '));
});

test('on exactly the same words the more specific rule wins, whatever file it sits in', () => {
  const lex = lexiconOf({
    'a-core.json': [{ id: 'relations-worse', code: '160', kind: 'noun', pattern: ['relations * sever:v|cool:v|sour:v|suspend:v|worsen:v'], gap: 3, source: ['premod'], target: ['with'], reason: 'relations got worse' }],
    'z-theme.json': [{ id: 'relations-cut', code: '161', kind: 'noun', pattern: ['relations were severed'], source: ['premod'], target: ['with'], reason: 'relations were broken off' }],
  });
  assert.ok(dyadsWith(lex, 'Albanian relations were severed with Egypt.').some((d) => d.startsWith('161 ALB>EGY events.relations-cut.')));
  // The broader rule still codes what only it matches.
  assert.ok(dyadsWith(lex, 'Albanian relations had soured with Egypt.').some((d) => d.startsWith('160 ALB>EGY events.relations-worse.')));
});
