import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadActorIndex, placeHolderAt, resolveRole, roleKeyOf, validAt } from './actors.js';
import { isAnnalsError } from '../core/errors.js';
import { phraseKey } from './actors-text.js';

const index = loadActorIndex();

test('the country table covers present-day and historical states with CAMEO codes', () => {
  for (const code of ['ALB', 'KHM', 'VNM', 'CHN', 'USA', 'GBR', 'ISR', 'PSE', 'SUN', 'YUG', 'CSK', 'DDR', 'RVN', 'KSV']) {
    assert.ok(index.stateOf.has(code), code);
    assert.equal(index.entities.get(`state:${code}`)?.kind, 'state');
  }
  assert.ok(index.entities.size > 600);
  assert.equal(index.entities.get('state:SUN')?.name, 'Soviet Union');
  assert.equal(index.info.get('state:SUN')?.successor, 'RUS');
});

test('names map to their entity: historical names, acronyms and capitals', () => {
  const first = (s: string) => index.names.get(phraseKey(s))?.map((t) => t.entityId);
  assert.ok(first('Kampuchea')?.includes('state:KHM'));
  assert.ok(first('Democratic Republic of Vietnam')?.includes('state:VNM'));
  assert.ok(first('Burma')?.includes('state:MMR'));
  assert.ok(first('USSR')?.includes('state:SUN'));
  assert.ok(first('Tirana')?.includes('state:ALB'));
  assert.ok(first('Warsaw Pact')?.includes('org:warsaw-pact'));
  // two-letter ISO codes are not names in prose
  assert.equal(index.names.get('al'), undefined);
});

test('dated names: Moscow is the Soviet capital until 1991 and the Russian one after', () => {
  const moscow = index.names.get('moscow')!;
  const sun = moscow.find((t) => t.entityId === 'state:SUN')!;
  const rus = moscow.find((t) => t.entityId === 'state:RUS' && t.from)!;
  assert.ok(validAt(sun, '1975') && !validAt(sun, '2010'));
  assert.ok(validAt(rus, '2010') && !validAt(rus, '1975'));
});

test('office holders carry dated roles and resolveRole answers by date', () => {
  const hoxha = index.entities.get('person:enver-hoxha')!;
  assert.equal(hoxha.country, 'ALB');
  assert.ok(hoxha.roles!.some((r) => r.title === 'party-leader' && r.from === '1941-11-08'));
  assert.equal(resolveRole(index, 'Prime Minister', 'ALB', '1992-05-01')?.id, 'person:aleksander-meksi');
  assert.equal(resolveRole(index, 'the Prime Minister', 'ALB', '2024-03-01')?.id, 'person:edi-rama');
  assert.equal(resolveRole(index, 'Foreign minister', 'KHM', '1971')?.id, 'person:sarin-chhak');
  assert.equal(resolveRole(index, 'Defence Minister', 'ISR', '2025-01-10')?.id, 'person:israel-katz');
  assert.equal(resolveRole(index, 'Secretary of State', 'USA', '1975-06-01')?.id, 'person:henry-kissinger');
  // no head of government in a presidential system: the head of state
  assert.equal(resolveRole(index, 'head-of-government', 'USA', '1972-01-01')?.id, 'person:richard-nixon');
  // in a coarse year, the longest holder of the period
  assert.equal(resolveRole(index, 'Premier', 'KHM', '1977')?.id, 'person:pol-pot');
  // an office of another country than the person's own
  assert.equal(resolveRole(index, 'Prime Minister', 'SRB', '2006-01-01')?.id, 'person:vojislav-kostunica');
  assert.equal(resolveRole(index, 'Prime Minister', 'ALB', null), null);
  assert.equal(resolveRole(index, 'Prime Minister', 'ALB', '1750'), null);
});

test('titles are read to role keys, with modifiers dropped', () => {
  assert.equal(roleKeyOf(index, 'former Prime Minister'), 'head-of-government');
  assert.equal(roleKeyOf(index, 'Minister of Foreign Affairs'), 'foreign-minister');
  assert.equal(roleKeyOf(index, 'defence-minister'), 'defence-minister');
  assert.equal(roleKeyOf(index, 'gardener'), null);
});

test('a user file adds entities, people with roles and aliases to existing entities', () => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-actors-'));
  const file = join(dir, 'mine.json');
  writeFileSync(
    file,
    JSON.stringify({
      entities: [{ id: 'org:vlora-committee', name: 'Vlora Salvation Committee', kind: 'group', country: 'ALB', aliases: ['VSC'] }],
      people: [{ name: 'Arta Kodra', country: 'ALB', aliases: ['Kodra'], roles: [['foreign-minister', '2031-01-01', null]] }],
      aliases: { 'state:ALB': ['the Land of Eagles'] },
    }),
  );
  const idx = loadActorIndex({ user: [dir] });
  assert.equal(idx.entities.get('org:vlora-committee')?.country, 'ALB');
  assert.ok(idx.names.get('vsc')?.some((t) => t.entityId === 'org:vlora-committee'));
  assert.ok(idx.names.get('land of eagles')?.some((t) => t.entityId === 'state:ALB'));
  assert.equal(resolveRole(idx, 'Foreign Minister', 'ALB', '2032-06-01')?.name, 'Arta Kodra');
  // the built-in index is not changed by a user's load
  assert.equal(index.entities.get('org:vlora-committee'), undefined);
});

test('bad user files give a clear error naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-actors-'));
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{ "entities": [ { "name": ');
  assert.throws(
    () => loadActorIndex({ user: [broken] }),
    (e: unknown) => isAnnalsError(e) && e.code === 'E030' && e.subject === broken,
  );
  const wrongKind = join(dir, 'kind.json');
  writeFileSync(wrongKind, JSON.stringify({ entities: [{ name: 'X', kind: 'planet' }] }));
  assert.throws(() => loadActorIndex({ user: [wrongKind] }), (e: unknown) => isAnnalsError(e) && /planet/.test(e.message));
  const unknownId = join(dir, 'alias.json');
  writeFileSync(unknownId, JSON.stringify({ aliases: { 'state:XYZ': ['Nowhere'] } }));
  assert.throws(() => loadActorIndex({ user: [unknownId] }), (e: unknown) => isAnnalsError(e) && e.code === 'E030');
  assert.throws(() => loadActorIndex({ user: [join(dir, 'missing.json')] }), (e: unknown) => isAnnalsError(e) && e.code === 'E001');
});

test('every built-in person has a country and well-formed dated roles', () => {
  const date = /^-?\d{4}(-\d{2}(-\d{2})?)?$/;
  const keys = new Set(index.titles.roles.values());
  for (const e of index.entities.values()) {
    if (e.kind !== 'person') continue;
    assert.ok(e.country, `${e.id} has no country`);
    for (const r of e.roles ?? []) {
      assert.ok(keys.has(r.title) || r.title === 'paramount-leader', `${e.id}: unknown role ${r.title}`);
      if (r.from) assert.match(r.from, date, e.id);
      if (r.to) assert.match(r.to, date, e.id);
      if (r.from && r.to) assert.ok(r.from <= r.to, `${e.id}: ${r.from} > ${r.to}`);
    }
  }
});

test('configured actor sources: ANNALS_PETRARCH and ANNALS_ACTORS lists, else annals.config.json', async () => {
  const { configuredActorOptions } = await import('./actors.js');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join, delimiter } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'annals-cfg-'));
  assert.deepEqual(configuredActorOptions({}, dir), {});
  assert.deepEqual(configuredActorOptions({ ANNALS_PETRARCH: `a.actors.txt${delimiter}b.agents.txt` }, dir), { petrarch: ['a.actors.txt', 'b.agents.txt'] });
  writeFileSync(join(dir, 'annals.config.json'), JSON.stringify({ actors: { user: ['mine.json'], petrarch: ['p/Phoenix.agents.txt'] } }));
  assert.deepEqual(configuredActorOptions({}, dir), { petrarch: [join(dir, 'p/Phoenix.agents.txt')], user: [join(dir, 'mine.json')] });
  writeFileSync(join(dir, 'annals.config.json'), JSON.stringify({ actors: { user: 'mine.json' } }));
  assert.throws(() => configuredActorOptions({}, dir), /actors\.user/);
});

test('the gazetteer of places: dated holders, the start of a date decides, unknown states are refused', () => {
  const held = index.info.get('place:sinai')?.held;
  assert.ok(held, 'Sinai is in data/actors/places.json');
  assert.equal(placeHolderAt(held, '1956-10-29'), 'EGY');
  assert.equal(placeHolderAt(held, '1967'), 'EGY', 'a year is read from its start: the invasion year is still Egyptian');
  assert.equal(placeHolderAt(held, '1973-10-06'), 'ISR');
  assert.equal(placeHolderAt(held, '1990'), 'EGY');
  assert.equal(placeHolderAt(held, null), null, 'several holders and no date: none');
  assert.equal(held.find((h) => h.country === 'ISR')?.sovereign, 'EGY', 'held by occupation: Egyptian territory');
  assert.equal(placeHolderAt([{ country: 'EGY', from: null, to: null }], null), 'EGY');
  assert.equal(placeHolderAt([{ country: 'UGA', from: '1962-10-09', to: null }], '1950'), null);
  // names of the gazetteer never shadow a country's or a capital's name
  for (const [, ts] of index.names) {
    const places = ts.filter((t) => index.info.get(t.entityId)?.held);
    if (places.length) assert.equal(places.length, ts.length, `${ts[0]!.raw}: a place and something else`);
  }
  // a holder that is no state of the table is refused, naming the file
  const dir = mkdtempSync(join(tmpdir(), 'annals-places-'));
  cpSync(join(import.meta.dirname, '..', '..', 'data', 'actors'), dir, { recursive: true });
  writeFileSync(join(dir, 'places.json'), JSON.stringify({ places: [{ name: 'Atlantis', held: [['ATL', null, null]] }] }));
  assert.throws(() => loadActorIndex({ dataDir: dir }), (e: unknown) => isAnnalsError(e) && /unknown state/.test((e as Error).message) && /places\.json$/.test((e as { subject?: string }).subject ?? ''));
});
