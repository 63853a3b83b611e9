import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  checkDictionary,
  detectKind,
  dictionaryOptionsFor,
  formatProblem,
  importDictionaries,
  listDictionaries,
  parseDictionaryEnv,
  removeDictionary,
  validatePetrarchVerbs,
  validateUserActors,
} from './dictionaries.js';
import { ingest } from './ingest.js';
import { openStore } from './open-store.js';

// A fictional minister with a dated PETRARCH role in a real state, an agent file, a user file.
const ACTORS = [
  '# test actors',
  'TAVO_MERLANI_  ; a fictional minister',
  '+MERLANI_',
  '\t[ALBGOV 20100101-20151231]',
  '\t[ALBELI]',
  '',
  'KORVENSK_LEAGUE_  [IGOXYZ]',
  '+THE_KORVENSK_LEAGUE_',
  '',
].join('\n');
const AGENTS = ['PORT_WARDEN [~GOV]', 'HARBOUR_GUARD {HARBOUR_GUARDS} [~MIL]', ''].join('\n');
const USER = JSON.stringify(
  {
    people: [{ name: 'Ilse Brandvoort', country: 'NLD', aliases: ['Brandvoort'], roles: [['foreign-minister', '2030-01-01', null]] }],
    entities: [{ id: 'org:vessel-relief-fund', name: 'Vessel Relief Fund', kind: 'organization', country: 'FRA', aliases: ['VRF'] }],
  },
  null,
  2,
);
const DOC = 'On 3 March 2012, Tavo Merlani criticized France in a speech.\nIlse Brandvoort met Tavo Merlani in Tirana on 12 May 2031.\n';

function fixtures(t: { after: (fn: () => void) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'annals-dict-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const w = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  return { dir, actors: w('fiction.actors.txt', ACTORS), agents: w('fiction.agents.txt', AGENTS), user: w('fiction.json', USER), doc: w('speech.txt', DOC), db: join(dir, 'store.db'), w };
}

test('kinds are told from the content, then the name', () => {
  assert.equal(detectKind('x.txt', ACTORS), 'actors');
  assert.equal(detectKind('x.txt', AGENTS), 'agents');
  assert.equal(detectKind('x.txt', USER), 'user');
  assert.equal(detectKind('x.txt', '&SYN\n+WORD\n\n---  GIVE   [070]  ---\nGIVE\n- * AID [070]\n'), 'verbs');
  assert.equal(detectKind('notes.agents.txt', '# nothing but a comment\n'), 'agents');
  // issue dictionaries (lower-case phrases) and plain lists are none of ours
  assert.equal(detectKind('issues.txt', 'n:school [EDUCATION]\nhigher education [EDUCATION]\n'), null);
  assert.equal(detectKind('list.txt', 'WORLD CUP\nBASEBALL\n'), null);
});

test('check counts entries, names and dated roles of each kind', (t) => {
  const f = fixtures(t);
  const a = checkDictionary(f.actors);
  assert.deepEqual([a.kind, a.detected, a.entries, a.names, a.datedRoles, a.problems.length], ['actors', true, 2, 4, 1, 0]);
  const g = checkDictionary(f.agents);
  assert.deepEqual([g.kind, g.entries, g.problems.length], ['agents', 2, 0]);
  assert.ok(g.names >= 3, `PORT_WARDEN, its plural, HARBOUR_GUARD(S): ${g.names}`);
  const u = checkDictionary(f.user, { kind: 'user' });
  assert.deepEqual([u.kind, u.detected, u.entries, u.names, u.datedRoles, u.problems.length], ['user', false, 2, 4, 1, 0]);
  assert.equal(u.file, resolve(f.user));
  assert.match(u.sha256, /^[0-9a-f]{64}$/);
  // a folder is its JSON files, as the actor loader reads it
  const folder = join(f.dir, 'mine');
  mkdirSync(folder);
  writeFileSync(join(folder, 'a.json'), USER);
  writeFileSync(join(folder, 'b.json'), '{ "entities": [ { "name": "Harbour Watch", "country": "NOR" } ] }');
  const d = checkDictionary(folder);
  assert.deepEqual([d.kind, d.entries, d.names, d.problems.length], ['user', 3, 5, 0]);
  assert.throws(() => checkDictionary(folder, { kind: 'actors' }), { code: 'E020' });
});

test('malformed lines are named file:line with what is wrong', (t) => {
  const f = fixtures(t);
  const bad = f.w('broken.actors.txt', ['GOOD_ACTOR_ [ALB]', '\t[ALBGOV 20109999-20111231]', '+', 'ANOTHER_ [FRA] trailing words', ''].join('\n'));
  const c = checkDictionary(bad);
  const lines = c.problems.map(formatProblem);
  assert.equal(lines.length, 3, lines.join('\n'));
  assert.match(lines[0]!, /broken\.actors\.txt:2: bad date/);
  assert.match(lines[1]!, /broken\.actors\.txt:3: synonym line without a phrase/);
  assert.match(lines[2]!, /broken\.actors\.txt:4: unexpected text after the code/);
  const badAgents = checkDictionary(f.w('broken.agents.txt', 'PORT_WARDEN [~GOV]\nNO_CODE_HERE\nSHIP_CAPTAIN [GOV]\n'));
  assert.deepEqual(
    badAgents.problems.map((p) => p.line),
    [2, 3],
  );
});

test('user files: every problem on its own line, titles told to become role keys', () => {
  const text = [
    '{',
    '  "entities": [',
    '    { "name": "Fine Org", "country": "FRA" },',
    '    { "kind": "organization", "country": "FRA" },',
    '    { "name": "Odd Kind", "kind": "club" }',
    '  ],',
    '  "people": [',
    '    { "name": "Ana Tresk", "country": "ALB",',
    '      "roles": [["Prime Minister", "2030-01-01", null], ["foreign-minister", "2030-13-01", null]] }',
    '  ],',
    '  "aliases": { "state:ALB": ["the Eagle State"], "org:nowhere-at-all": ["Nowhere"] },',
    '  "colour": "blue"',
    '}',
  ].join('\n');
  const r = validateUserActors(text, 'mine.json');
  const got = r.problems.map((p) => `${p.line}: ${p.message}`);
  assert.equal(got.length, 6, got.join('\n'));
  assert.match(got[0]!, /^12: unknown field "colour"/);
  assert.match(got[1]!, /^4: every entity needs a "name"/);
  assert.match(got[2]!, /^5: unknown kind "club"/);
  assert.match(got[3]!, /^9: "Prime Minister" is a title: write its role key "head-of-government"/);
  assert.match(got[4]!, /^9: a role's start must be a date/);
  assert.match(got[5]!, /^11: aliases given for unknown entity org:nowhere-at-all/);
  assert.equal(r.entries, 4);
  // JSON syntax errors name their line too
  const broken = validateUserActors('{\n  "people": [\n    { "name": "X" },,\n  ]\n}\n', 'b.json');
  assert.equal(broken.problems.length, 1);
  assert.equal(broken.problems[0]!.line, 3);
  assert.match(broken.problems[0]!.message, /not valid JSON/);
});

test('verb dictionaries: blocks, verbs, patterns, synonym sets and their problems', () => {
  const text = [
    '&SUPPLIES',
    '+FOOD_AID',
    '+MEDICINE',
    '',
    '---  SHIP   [070]  ---',
    'SHIP',
    'FERRY {FERRIES FERRYING FERRIED}',
    '+BRING_IN',
    '- * &SUPPLIES                 [073]  # ship',
    '- * (TO BORDER)               [154]',
    '- * &UNKNOWN_SET              [070]',
    '- * WEAPONS                   [07X]',
    '- MISSING STAR                [070]',
    '- * (UNCLOSED                 [070]',
    '- * NO CODE AT ALL',
    '---  BROKEN HEADER  ---',
    '~ a (a b SHIP) SAY = a b 070',
  ].join('\n');
  const r = validatePetrarchVerbs(text, 'v.txt');
  assert.deepEqual([r.entries, r.names, r.patterns, r.synsets], [2, 3, 6, 1]);
  assert.deepEqual(
    r.problems.map((p) => `${p.line}: ${p.message.split(' (')[0]}`),
    ['11: synonym set &UNKNOWN_SET used before it is defined', '12: bad code "07X"', '13: a pattern needs * where the verb goes', '14: unclosed "("', '15: a pattern ends with its code in brackets: "- * OBJECT [CODE]"', '16: a verb block starts with "--- NAME [CODE] ---"'],
  );
});

test('after dict import, ingesting a document naming the actor gives its country; --replace re-codes', async (t) => {
  const f = fixtures(t);
  // before: an unknown name, no country
  await ingest([f.doc], { db: f.db });
  let store = await openStore(f.db);
  const before = (await store.events()).find((e) => e.source?.name === 'Tavo Merlani');
  await store.close();
  assert.ok(before, 'the document has an event whose source is Tavo Merlani');
  assert.equal(before.source?.country, null);

  const imported = await importDictionaries(f.db, [f.actors, f.user]);
  assert.deepEqual(imported.map((r) => [r.kind, r.outcome]), [['actors', 'added'], ['user', 'added']]);
  t.diagnostic(`built-in dictionaries + the two fixtures load in ${imported[0]!.loadMs} ms`);

  // a plain ingest skips the stored document; --replace codes it again with the dictionaries
  await ingest([f.doc], { db: f.db, replace: true });
  store = await openStore(f.db);
  try {
    const events = await store.events();
    const critic = events.find((e) => e.code.startsWith('11') && e.source?.name === 'Tavo Merlani');
    assert.ok(critic, JSON.stringify(events.map((e) => [e.code, e.source?.name, e.target?.name])));
    assert.equal(critic.source?.country, 'ALB', 'the country of the dictionary role');
    assert.equal(critic.target?.country, 'FRA');
    const meeting = events.find((e) => e.evidenceText.includes('Brandvoort') && e.source && e.target);
    assert.ok(meeting, 'the user file names Ilse Brandvoort');
    const ilse = [meeting.source, meeting.target].find((a) => a?.name === 'Ilse Brandvoort');
    assert.equal(ilse?.country, 'NLD');
  } finally {
    await store.close();
  }
});

test('a registered verb dictionary codes the verbs it adds', async (t) => {
  const f = fixtures(t);
  // a made-up verb no built-in rule knows
  const verbs = f.w('made-up.verbs.txt', '---  FLOOGLE   [050]  ---\nFLOOGLE\n');
  const doc = f.w('floogle.txt', 'On 3 May 2019, France floogled Germany.\n');
  const codes = async () => {
    const store = await openStore(f.db);
    try {
      return (await store.events()).map((e) => `${e.code} ${e.source?.country ?? '-'} ${e.target?.country ?? '-'}`);
    } finally {
      await store.close();
    }
  };
  await ingest([doc], { db: f.db });
  assert.deepEqual(await codes(), []);
  const [v] = await importDictionaries(f.db, [verbs]);
  assert.deepEqual([v!.kind, v!.entries, v!.names], ['verbs', 1, 1]);
  await ingest([doc], { db: f.db, replace: true });
  assert.deepEqual(await codes(), ['050 FRA DEU']);
});

test('worker threads load the registered dictionaries too', async (t) => {
  const f = fixtures(t);
  await importDictionaries(f.db, [f.actors]);
  const s = await ingest([f.doc], { db: f.db, workers: 1 });
  assert.equal(s.added, 1, s.errors.join('\n'));
  const store = await openStore(f.db);
  try {
    const e = (await store.events()).find((x) => x.source?.name === 'Tavo Merlani');
    assert.equal(e?.source?.country, 'ALB');
  } finally {
    await store.close();
  }
});

test('list tells changed and missing files; remove unregisters; ANNALS_DICTIONARIES adds one-off ones', async (t) => {
  const f = fixtures(t);
  await importDictionaries(f.db, [f.actors, f.agents, f.user]);
  let list = await listDictionaries(f.db, { env: {} });
  assert.deepEqual(list.map((d) => [d.kind, d.state]), [['actors', 'ok'], ['agents', 'ok'], ['user', 'ok']]);
  appendFileSync(f.actors, 'NEW_NAME_ [ALB]\n');
  unlinkSync(f.user);
  const extra = f.w('extra.actors.txt', 'SOMEONE_ELSE_ [FRA]\n');
  const env = { ANNALS_DICTIONARIES: `actors:${extra}` };
  const run = await dictionaryOptionsFor(f.db, { env });
  assert.deepEqual(run.options, { actors: [resolve(f.actors), resolve(extra)], agents: [resolve(f.agents)] });
  assert.equal(run.warnings.length, 2, run.warnings.join('\n'));
  assert.match(run.warnings[0]!, /fiction\.actors\.txt changed since it was imported/);
  assert.match(run.warnings[1]!, /fiction\.json went missing since it was imported: not loaded/);
  list = await listDictionaries(f.db, { env });
  assert.deepEqual(list.map((d) => [d.kind, d.state, d.source]), [['actors', 'changed', 'store'], ['agents', 'ok', 'store'], ['user', 'missing', 'store'], ['actors', 'unchecked', 'env']]);
  // re-importing records the new bytes and keeps the order
  const again = await importDictionaries(f.db, [f.actors]);
  assert.equal(again[0]!.outcome, 'updated');
  assert.equal((await listDictionaries(f.db, { env: {} }))[0]!.state, 'ok');
  assert.equal(await removeDictionary(f.db, 'fiction.json'), resolve(f.user));
  assert.equal(await removeDictionary(f.db, f.agents), resolve(f.agents));
  assert.equal(await removeDictionary(f.db, 'not-there.txt'), null);
  assert.deepEqual((await listDictionaries(f.db, { env: {} })).map((d) => d.kind), ['actors']);
});

test('import refuses what would not load as asked, and registers nothing then', async (t) => {
  const f = fixtures(t);
  // the actor loader reads a PETRARCH file as agents only when its name says so
  const agentsNamedOtherwise = f.w('harbour.txt', AGENTS);
  await assert.rejects(importDictionaries(f.db, [agentsNamedOtherwise]), { code: 'E020', message: /rename it/ });
  await assert.rejects(importDictionaries(f.db, [f.w('empty-ish.actors.txt', '# nothing\n')], { kind: 'actors' }), { code: 'E030' });
  await assert.rejects(importDictionaries(f.db, [join(f.dir, 'absent.actors.txt')]), { code: 'E001' });
  await assert.rejects(importDictionaries(':memory:', [f.actors]), { code: 'E020' });
  const v1 = f.w('one.verbs.txt', '---  SHIP   [070]  ---\nSHIP\n- * AID [070]\n');
  const v2 = f.w('two.verbs.txt', '---  SAIL   [070]  ---\nSAIL\n- * AID [070]\n');
  await importDictionaries(f.db, [v1]);
  await assert.rejects(importDictionaries(f.db, [v2]), { code: 'E020', message: /one verb dictionary is loaded at a time/ });
  assert.deepEqual((await listDictionaries(f.db, { env: {} })).map((d) => d.path), [resolve(v1)]);
  const opts = await dictionaryOptionsFor(f.db, { env: {} });
  assert.deepEqual(opts.options, { verbs: resolve(v1) });
});

test('ANNALS_DICTIONARIES: kind:path items, comma-separated, relative to the working folder', () => {
  assert.deepEqual(parseDictionaryEnv('actors:a.txt, user:/x/me.json,plain.txt', '/w'), [
    { kind: 'actors', path: '/w/a.txt' },
    { kind: 'user', path: '/x/me.json' },
    { kind: null, path: '/w/plain.txt' },
  ]);
  assert.deepEqual(parseDictionaryEnv('', '/w'), []);
  assert.throws(() => parseDictionaryEnv('actros:a.txt', '/w'), { code: 'E020' });
});

const PHOENIX = resolve(import.meta.dirname, '../../../shared/data/petrarch');
const phoenixFiles = ['Phoenix.Countries.actors.txt', 'Phoenix.International.actors.txt', 'Phoenix.MilNonState.actors.txt', 'Phoenix.agents.txt'].map((f) => join(PHOENIX, f));

test('the Phoenix dictionaries: check counts them, import loads them', { skip: !existsSync(phoenixFiles[0]!) && 'needs ../shared' }, async (t) => {
  const checks = phoenixFiles.map((f) => checkDictionary(f));
  assert.deepEqual(checks.map((c) => c.kind), ['actors', 'actors', 'actors', 'agents']);
  const [countries, international, milNonState, agents] = checks;
  for (const c of checks) t.diagnostic(`${c.file.split('/').pop()}: ${c.kind}, ${c.entries} entries, ${c.names} names, ${c.datedRoles} dated roles, ${c.problems.length} malformed lines`);
  // the country file: thousands of actors, most of them people with dated roles
  assert.ok(countries!.entries > 10_000 && countries!.datedRoles > 10_000, `${countries!.entries} / ${countries!.datedRoles}`);
  assert.ok(international!.entries > 5_000);
  assert.ok(milNonState!.entries > 500);
  assert.ok(agents!.entries > 1_000 && agents!.names > agents!.entries);
  // a few lines of the real files are malformed, and each is named
  for (const c of checks) for (const p of c.problems) assert.match(formatProblem(p), /^\/.+\.txt:\d+: \S/);
  assert.ok(checks.every((c) => c.problems.length < c.entries / 100), 'at most a few malformed lines');

  const dir = mkdtempSync(join(tmpdir(), 'annals-phoenix-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'p.db');
  const t0 = performance.now();
  const res = await importDictionaries(db, phoenixFiles);
  t.diagnostic(`import of the four Phoenix files: ${Math.round(performance.now() - t0)} ms in all, of which loading the dictionaries ${res[0]!.loadMs} ms`);
  assert.deepEqual(res.map((r) => r.outcome), ['added', 'added', 'added', 'added']);
  const run = await dictionaryOptionsFor(db, { env: {} });
  assert.deepEqual(run.warnings, []);
  assert.equal(run.options.actors?.length, 3);
  assert.equal(run.options.agents?.length, 1);
});

const { pgSkipReason, freshSchemaName, TEST_PG_URL } = await import('../store/postgres/testing.js');
const pgSkip = await pgSkipReason();

test('PostgreSQL stores keep their dictionaries too', { skip: pgSkip ? `postgres: ${pgSkip}` : false }, async (t) => {
  const f = fixtures(t);
  const url = `${TEST_PG_URL}${TEST_PG_URL.includes('?') ? '&' : '?'}schema=${freshSchemaName('annals_dict')}`;
  t.after(async () => {
    const { createPostgresStore } = await import('../store/postgres/postgres-store.js');
    const s = createPostgresStore(url);
    await s.dropSchema();
    await s.close();
  });
  const res = await importDictionaries(url, [f.actors, f.agents]);
  assert.deepEqual(res.map((r) => r.outcome), ['added', 'added']);
  assert.equal((await importDictionaries(url, [f.actors]))[0]!.outcome, 'updated');
  const run = await dictionaryOptionsFor(url, { env: {} });
  assert.deepEqual(run.options, { actors: [resolve(f.actors)], agents: [resolve(f.agents)] });
  assert.deepEqual(run.warnings, []);
  assert.equal(await removeDictionary(url, f.agents), resolve(f.agents));
  assert.deepEqual((await listDictionaries(url, { env: {} })).map((d) => [d.kind, d.state]), [['actors', 'ok']]);
});
