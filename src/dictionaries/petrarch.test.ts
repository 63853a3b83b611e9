import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatProblem, parsePetrarchActors, parsePetrarchAgents, parseRestriction, petrarchDate, validatePetrarch } from './petrarch.js';
import { loadActorIndex, resolveRole } from './actors.js';
import { segment } from '../annotators/segment.js';
import { findActors } from '../annotators/actors.js';
import type { Document } from '../core/types.js';

const SHARED = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'petrarch');
const skip = !existsSync(SHARED) && 'needs ../shared';

const ACTORS = [
  '# a small dictionary written for this test',
  'FREEDONIA_  [FRD]',
  '+FREEDONIAN_',
  '+FREEDONIA_CITY',
  'RUFUS_T_FIREFLY_  # a comment',
  '+FIREFLY',
  '\t[FRDELI 19310101-330101]',
  '\t[FRDGOV 330101-351231]',
  '\t[FRDELI >360101]',
  'TRENTINO_  [SYLGOV]',
  '\t[SYLELI <330101]',
  '<!-- a comment block',
  'inside the block',
  '-->',
  'MARX_BROTHERS [NGOENT]',
].join('\n');

test('dates: YYMMDD and YYYYMMDD', () => {
  assert.equal(petrarchDate('920409'), '1992-04-09');
  assert.equal(petrarchDate('050911'), '2005-09-11');
  assert.equal(petrarchDate('19310101'), '1931-01-01');
  assert.equal(petrarchDate('921340'), null);
});

test('date restrictions: range, before, after, default', () => {
  assert.deepEqual(parseRestriction('[ALBGOV 920409-970724]'), { role: { code: 'ALBGOV', from: '1992-04-09', to: '1997-07-24' } });
  assert.deepEqual(parseRestriction('[ALBGOV >050911]'), { role: { code: 'ALBGOV', from: '2005-09-11', to: null } });
  assert.deepEqual(parseRestriction('[ALBELI <19531231]'), { role: { code: 'ALBELI', from: null, to: '1953-12-31' } });
  assert.deepEqual(parseRestriction('[ALBELI]'), { role: { code: 'ALBELI', from: null, to: null } });
  assert.ok('error' in parseRestriction('[ALBGOV 9204-970724]'));
});

test('actor records: phrase, synonyms, code, dated roles; comments skipped', () => {
  const { actors, problems } = parsePetrarchActors(ACTORS, 'test.actors.txt');
  assert.deepEqual(problems, []);
  assert.equal(actors.length, 4);
  assert.deepEqual(actors[0], { phrase: 'FREEDONIA', synonyms: ['FREEDONIAN', 'FREEDONIA CITY'], code: 'FRD', roles: [], line: 2 });
  assert.equal(actors[1]!.phrase, 'RUFUS T FIREFLY');
  assert.deepEqual(actors[1]!.synonyms, ['FIREFLY']);
  assert.deepEqual(actors[1]!.roles[1], { code: 'FRDGOV', from: '1933-01-01', to: '1935-12-31' });
  assert.equal(actors[3]!.phrase, 'MARX BROTHERS');
});

test('the validator reports malformed lines with file and line', () => {
  const bad = ['ALBANIA_ [ALB]', '\t[ALBGOV 92-97]', '+', 'BROKEN [A B C D]', '  indented nonsense'].join('\n');
  const problems = validatePetrarch(bad, 'x.actors.txt', 'actors');
  const lines = problems.map(formatProblem);
  assert.equal(lines.length, 4);
  assert.match(lines[0]!, /^x\.actors\.txt:2: /);
  assert.match(lines[1]!, /^x\.actors\.txt:3: /);
  assert.match(lines[2]!, /^x\.actors\.txt:4: /);
  assert.match(lines[3]!, /^x\.actors\.txt:5: /);
});

test('agents: substitution sets, given and regular plurals, prefix and suffix codes', () => {
  const text = ['!PERSON! = MAN, MEN', 'POLICE!PERSON! [~COP]', 'FOREIGN_MINISTER [~GOVFRM]', 'MEDIA {} [~MED]', 'CHARITY [NGO~]', 'BROKEN LINE'].join('\n');
  const { agents, problems } = parsePetrarchAgents(text, 'a.txt');
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.line, 6);
  const police = agents.find((a) => a.code === '~COP')!;
  assert.ok(police.phrases.includes('POLICEMAN') && police.phrases.includes('POLICEMEN'));
  assert.ok(agents.find((a) => a.code === '~GOVFRM')!.phrases.includes('FOREIGN MINISTERS'));
  assert.deepEqual(agents.find((a) => a.code === '~MED')!.phrases, ['MEDIA']);
  assert.ok(agents.find((a) => a.code === 'NGO~')!.phrases.includes('CHARITIES'));
});

test('Phoenix dictionaries parse with few problems', { skip }, () => {
  for (const f of ['Phoenix.Countries.actors.txt', 'Phoenix.International.actors.txt', 'Phoenix.MilNonState.actors.txt']) {
    const text = readFileSync(join(SHARED, f), 'utf8');
    const { actors, problems } = parsePetrarchActors(text, f);
    assert.ok(actors.length > 500, `${f}: ${actors.length} actors`);
    assert.ok(problems.length < actors.length / 100, `${f}: ${problems.length} problems, e.g. ${problems.slice(0, 3).map(formatProblem).join('; ')}`);
  }
  const ag = parsePetrarchAgents(readFileSync(join(SHARED, 'Phoenix.agents.txt'), 'utf8'), 'Phoenix.agents.txt');
  assert.ok(ag.agents.length > 500);
  const berisha = parsePetrarchActors(readFileSync(join(SHARED, 'Phoenix.Countries.actors.txt'), 'utf8')).actors.find((a) => a.phrase === 'SALI BERISHA')!;
  assert.deepEqual(berisha.roles[1], { code: 'ALBGOV', from: '1992-04-09', to: '1997-07-24' });
});

test('the validation suite dictionaries parse', { skip }, () => {
  const a = parsePetrarchActors(readFileSync(join(SHARED, 'validation', 'PETR.Validate.actors.txt'), 'utf8'), 'PETR.Validate.actors.txt');
  assert.ok(a.actors.some((x) => x.phrase === 'HAMAS' && x.code === 'PSEREBHMS'));
  const g = parsePetrarchAgents(readFileSync(join(SHARED, 'validation', 'PETR.Validate.agents.txt'), 'utf8'), 'PETR.Validate.agents.txt');
  assert.ok(g.agents.some((x) => x.code === '~GOVFRM'));
});

test('loadActorIndex({ petrarch }) adds actors with dated role codes to the index', { skip }, () => {
  const index = loadActorIndex({
    petrarch: [join(SHARED, 'Phoenix.Countries.actors.txt'), join(SHARED, 'Phoenix.agents.txt')],
  });
  // a person only the Phoenix file knows, with its dated code
  const ramiz = index.entities.get('person:ramiz-alia');
  assert.ok(ramiz?.roles?.some((r) => r.code === 'ALBGOV'));
  const haxhi = [...index.entities.values()].find((e) => e.name === 'Haxhi Lleshi');
  assert.ok(haxhi?.roles?.some((r) => r.code === 'ALBGOV' && r.from === '1953-08-01'));
  assert.equal(resolveRole(index, 'petrarch:government', 'ALB', '1953-09-01')?.name, 'Haxhi Lleshi');
  assert.ok(index.agents.size > 500);
  const text = 'Kastriot Islami met the press in Durres.';
  const doc: Document = { id: 'p', uri: 'p', name: 'p', format: 'text', title: null, author: null, published: null, text, blocks: [{ kind: 'paragraph', span: { start: 0, end: text.length } }], notes: [] };
  const { mentions } = findActors(doc, segment(doc), index);
  assert.equal(mentions.find((m) => m.text === 'Kastriot Islami')?.entity.country, 'ALB');
  assert.equal(mentions.find((m) => m.text === 'Durres')?.entity.id, 'state:ALB');
  // agent phrases after a demonym name the state's bodies or its people
  const t2 = 'The Albanian gendarmerie arrested Albanian schoolteachers.';
  const d2: Document = { ...doc, text: t2, blocks: [{ kind: 'paragraph', span: { start: 0, end: t2.length } }] };
  const m2 = findActors(d2, segment(d2), index).mentions;
  assert.equal(m2.find((m) => m.text === 'The Albanian gendarmerie')?.entity.id, 'state:ALB', JSON.stringify(m2.map((m) => m.text)));
  assert.equal(m2.find((m) => m.text === 'Albanian schoolteachers')?.entity.id, 'group:alb-people');
});
