import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActorMention, Block, Document } from '../core/types.js';
import { loadActorIndex } from '../dictionaries/actors.js';
import { compileGroups, loadGroupTable, type GroupsFile } from '../dictionaries/groups.js';
import { segment } from './segment.js';
import { findActors, takeSentenceTokens } from './actors.js';
import { tokenizeRange } from '../dictionaries/actors-text.js';
import { addGroupActors, triggerHits } from './actors-groups.js';

const index = loadActorIndex();
const table = loadGroupTable();

function docOf(text: string, published: string | null = null): Document {
  const blocks: Block[] = [];
  const re = /[^\n]+(?:\n[^\n]+)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) blocks.push({ kind: 'paragraph', span: { start: m.index, end: m.index + m[0].length } });
  return { id: 'test', uri: 'test.txt', name: 'test.txt', format: 'text', title: null, author: null, published, text, blocks, notes: [] };
}

function run(text: string, published: string | null = null) {
  const doc = docOf(text, published);
  const sentences = segment(doc);
  return addGroupActors(doc, sentences, findActors(doc, sentences, index), index, table);
}

function at(ms: ActorMention[], surface: string): ActorMention {
  const m = ms.find((x) => x.text === surface);
  assert.ok(m, `no mention "${surface}" in ${JSON.stringify(ms.map((x) => x.text))}`);
  return m;
}

test('armed forces and agencies after a demonym are the state', () => {
  const { mentions } = run(
    'In 1957 Egyptian commandos raided the port. Norwegian paratroopers landed at dawn. Peruvian fighter jets shot down a plane. ' +
      'Chilean warships shelled the coast. Austrian intelligence services arrested two men.',
  );
  assert.equal(at(mentions, 'Egyptian commandos').entity.id, 'state:EGY');
  assert.equal(at(mentions, 'Norwegian paratroopers').entity.id, 'state:NOR');
  assert.equal(at(mentions, 'Peruvian fighter jets').entity.id, 'state:PER');
  assert.equal(at(mentions, 'Chilean warships').entity.id, 'state:CHL');
  assert.equal(at(mentions, 'Austrian intelligence services').entity.id, 'state:AUT');
});

test('coordinated demonyms before one force noun name both states', () => {
  const { mentions } = run('In 1961 Belgian and French special forces left the province.');
  assert.equal(at(mentions, 'Belgian').entity.id, 'state:BEL');
  assert.equal(at(mentions, 'French special forces').entity.id, 'state:FRA');
});

test('a demonym and a group noun: a group of that country known by the noun', () => {
  const { mentions, entities } = run('In 1975 Chilean exiles met in Rome. Iranian protesters gathered outside the embassy.');
  const ex = at(mentions, 'Chilean exiles');
  assert.equal(ex.entity.kind, 'group');
  assert.equal(ex.entity.country, 'CHL');
  assert.equal(ex.entity.name, 'Chilean exiles');
  assert.equal(ex.ruleId, 'actors.group.named-v1');
  assert.equal(at(mentions, 'Iranian protesters').entity.country, 'IRN');
  assert.ok(entities.some((e) => e.id === ex.entity.id && e.aliases.includes('Chilean exiles')));
  // the people itself stays the people
  assert.match(run('The Chilean people rejected the decree in 1975.').mentions[0]!.entity.id, /people$/);
});

test('protesters without a country take the place named after them, else the document’s country', () => {
  const { mentions } = run('In 1999 protesters attacked the Danish embassy in Belgrade.');
  const p = at(mentions, 'protesters');
  assert.equal(p.entity.country, 'YUG');
  assert.equal(p.ruleId, 'actors.group.bare-v1');
  const r = run('Peru and Ecuador signed the treaty in 1998. In Lima, demonstrators burned flags. Later gunmen seized a bus.');
  assert.equal(at(r.mentions, 'gunmen').entity.kind, 'group');
  assert.ok(at(r.mentions, 'gunmen').entity.country);
  // nothing when the document names no state
  assert.equal(run('Protesters gathered in the square.').mentions.length, 0);
});

test('legislatures without a country: the one of the state the document names, valid at the date', () => {
  const a = run('In 1920 the United States rejected the treaty. The Senate refused its consent in March 1920.');
  assert.equal(a.mentions.find((m) => m.text.endsWith('Senate'))?.entity.id, 'org:us-senate');
  const b = run('In 1786 the United States and Prussia signed a treaty. Congress ratified it in 1786.');
  assert.equal(at(b.mentions, 'Congress').entity.id, 'org:us-continental-congress');
  const c = run('In 1993 the United States lifted the ban. Congress approved it in 1993.');
  assert.equal(at(c.mentions, 'Congress').entity.id, 'org:us-congress');
  const d = run('The Congress of the Confederation ratified the treaty with Prussia in 1786.');
  assert.equal(at(d.mentions, 'The Congress of the Confederation').entity.country, 'USA');
  // "Parliament" is the document's own state's
  const e = run('In 1906 Canada protested. Canada wrote to Norway. Parliament voted in 1906.');
  assert.equal(at(e.mentions, 'Parliament').entity.country, 'CAN');
  // longer names and conferences are not legislatures
  const f = run('The Congress of Vienna met in 1815 while Austria and Prussia negotiated.');
  assert.ok(!f.mentions.some((m) => m.ruleId === 'actors.legislature.dated-v1'));
});

test('"the island" is the latest island state named before it', () => {
  const { mentions } = run('In 1974 Turkey landed troops in Cyprus. Greece protested, and Turkish forces held the island.');
  const m = at(mentions, 'the island');
  assert.equal(m.entity.id, 'state:CYP');
  assert.equal(m.ruleId, 'actors.state.island-v1');
});

test('"X-flagged" ships belong to the flag state', () => {
  const { mentions } = run('In 2003 Spain seized the Panamanian-flagged Casablanca off Aden.');
  const m = at(mentions, 'Panamanian-flagged Casablanca');
  assert.equal(m.entity.id, 'state:PAN');
  assert.equal(m.ruleId, 'actors.state.flagged-v1');
});

test('combining forms name a state before a hyphenated demonym', () => {
  const { mentions } = run('The Franco-Spanish talks of 1904 ended well.');
  const m = at(mentions, 'Franco');
  assert.equal(m.entity.id, 'state:FRA');
});

test('"the country" tied between two states goes to the state the document is about', () => {
  const text =
    'Peru held elections in 1990. Peru chose a new president. Peru was calm.\n\n' +
    'A force in Peru would equal a large army in a country with Brazil’s population. The rebels won control of a third of the country.';
  const { mentions } = run(text);
  const m = mentions.find((x) => x.text === 'the country');
  assert.ok(m);
  assert.equal(m.entity.country, 'PER');
});

test('mentions stay in order and keep spans equal to their text', () => {
  const text = 'In 2011 protesters stormed the Danish embassy in Damascus; Congress in 2011 and the Senate condemned Syria.';
  const doc = docOf(text);
  const sentences = segment(doc);
  const { mentions } = addGroupActors(doc, sentences, findActors(doc, sentences, index), index, table);
  for (let k = 1; k < mentions.length; k++) assert.ok(mentions[k - 1]!.span.start <= mentions[k]!.span.start);
  for (const m of mentions) assert.equal(text.slice(m.span.start, m.span.end), m.text);
});

test('a malformed groups file is a clear error', () => {
  assert.throws(() => compileGroups({ namedGroups: 'x' } as unknown as GroupsFile, 'bad.json'), /bad\.json|namedGroups/);
  assert.throws(() => loadGroupTable('/nonexistent/groups.json'), /groups file/);
});

test('"the population" read back to a committee is the people of its country', () => {
  const text = 'In 1997 Albania was in turmoil. The Salvation Committees took control of the south. The population in the south stayed armed.';
  const { mentions } = run(text);
  const m = at(mentions, 'The population');
  assert.equal(m.entity.kind, 'group');
  assert.equal(m.entity.country, 'ALB');
  assert.match(m.entity.id, /-people$/);
});

test('"His Majesty" after "His Britannic Majesty" is the same sovereign', () => {
  const text = 'His Britannic Majesty and the United States signed the treaty in 1814. His Majesty shall withdraw his forces.';
  const { mentions } = run(text);
  const first = mentions.find((m) => m.text === 'His Britannic Majesty');
  assert.ok(first);
  assert.equal(at(mentions, 'His Majesty').entity.id, first.entity.id);
});

test('"the city" after a capital is the state it stands for', () => {
  const { mentions } = run('In 1948 the blockade of Berlin began. In June American planes flew coal into the city.');
  assert.equal(at(mentions, 'the city').entity.country, 'DEU');
  // no capital named: nothing
  assert.ok(!run('In 1948 American planes flew coal into the city.').mentions.some((m) => m.text === 'the city'));
});

test('a demonym before a body found by its name gives the body its country', () => {
  const { mentions } = run('In 1978 an official of the Yugoslav Federal Secretariat told the embassy of Sweden the news.');
  const m = mentions.find((x) => x.ruleId === 'actors.org.demonym-v1');
  assert.ok(m, JSON.stringify(mentions.map((x) => [x.text, x.ruleId])));
  assert.equal(m.entity.country, 'YUG');
});

test('a sentence-initial group noun after a table cell or colon is still a group', () => {
  const { mentions } = run('Iran and Britain quarrelled in 2011.\n\n| 29 November 2011 | Protesters stormed the British embassy in Tehran |');
  assert.equal(at(mentions, 'Protesters').entity.country, 'IRN');
});

test('"the communist regime" tied between two states goes to the state the document is about, a faction is kept', () => {
  const text =
    'Peru and Chile argued in 1975. Peru rearmed. Peru protested.\n\n' +
    'Peru’s rapport with Chile changed. Even though the military regime had recognized it in 1975, it broke with Chile later.';
  const m = run(text).mentions.find((x) => x.text === 'the military regime');
  assert.ok(m);
  assert.equal(m.entity.country, 'PER');
});

test('"the Western ambassadors" are the Western powers named before; a demonym’s envoys are left to that state', () => {
  const { mentions } = run('In 1961 the Western powers protested. In August the Western ambassadors met Khrushchev. The Soviet diplomats left.');
  const powers = at(mentions, 'the Western powers');
  const envoys = at(mentions, 'the Western ambassadors');
  assert.equal(envoys.entity.id, powers.entity.id);
  assert.equal(envoys.entity.country, null);
  assert.equal(at(mentions, 'The Soviet diplomats').entity.id, 'state:SUN');
});

test('a state name and a force noun across a verb are split: the verb stays free', () => {
  const { mentions } = run('In 1950 Britain sent warships to Korea. In 1996 Cuba shot down aircraft. The US armed forces landed. The Italian-led force stayed.');
  assert.equal(at(mentions, 'Britain').ruleId, 'actors.state.verb-split-v1');
  assert.equal(at(mentions, 'Cuba').entity.id, 'state:CUB');
  assert.equal(at(mentions, 'The US armed forces').entity.id, 'state:USA');
  assert.ok(mentions.some((m) => m.text === 'The Italian-led force'));
});

test('Her Majesty’s Government is the British state', () => {
  const { mentions } = run('In 1853 Her Majesty’s Government protested to the Porte.');
  assert.equal(at(mentions, 'Her Majesty’s Government').entity.id, 'state:GBR');
});

test('"the regime" after a regime named by its leader is that regime, not a state of the paragraph', () => {
  const text =
    'In 1979 Albania condemned the fallen Pol Pot regime. Tirana wrote about the Albanian embassy in condemning the regime.\n\n' +
    'The line of that regime was clear.';
  const { mentions } = run(text);
  const named = at(mentions, 'the fallen Pol Pot regime');
  assert.equal(at(mentions, 'the regime').entity.id, named.entity.id);
  assert.equal(at(mentions, 'that regime').entity.id, named.entity.id);
});

test('"the exiles" after "Cuban exiles" are those exiles, not the document’s own people', () => {
  const { mentions } = run('In 1961 the United States backed Cuban exiles. Washington armed them. In April the exiles landed. The United States lost.');
  const later = mentions.filter((m) => m.text === 'exiles');
  assert.equal(later.length, 1);
  assert.equal(later[0]!.entity.id, 'group:cub-exiles');
});

test('a bare "Congress" is not lent by a state the document mentions only in passing', () => {
  const { mentions } = run('In 1946 India sought independence. India and Britain talked. India protested. India grew. The United States watched. Congress won the elections in India in 1946.');
  assert.ok(!mentions.some((m) => m.text === 'Congress' && m.entity.country === 'USA'));
});

test('pilots or students without a demonym are a group of no country', () => {
  const { mentions } = run('Peru bought arms in 1994. In November 1994 four pilots employed by a Dutch company admitted flying arms to Peru.');
  const m = at(mentions, 'pilots');
  assert.equal(m.entity.kind, 'group');
  assert.equal(m.entity.country, null);
  assert.equal(m.ruleId, 'actors.group.unplaced-v1');
  // with a demonym they are that country's
  assert.equal(at(run('In 1994 Dutch pilots flew arms to Peru.').mentions, 'Dutch pilots').entity.country, 'NLD');
});

test('the trigger scan finds the same matches as the trigger pattern searched everywhere', () => {
  // pieces that start, end, join or spoil matches: trigger words in any case, letters outside ASCII that match
  // ASCII ones without regard to case (Kelvin sign, long s), letters and digits before and after, pairs of surrogates
  const pieces = [
    'the', 'The', 'THE', 'island', 'city', 'Majesty', 'majesty', 'flagged', 'flag', 'Sino', 'anglo', 'protesters', 'Protestors',
    'population', 'masses', 'crowd', 'mob', 'arms', 'dealers', 'Congress', 'congress', 'of', 'Confederation', 'Senate', 'House',
    'Representatives', 'Commons', "People's", 'People\u2019s', 'Assembly', 'Verkhovna', 'Rada', 'Parliament', 'Duma', 'State',
    'Western', 'U.S.', 'ambassadors', 'envoys', 'leaders', 'capitals', 'students', 'exiles', 'rebels', 'Kn\u00e9sset',
    '\u212anesset', 'Sej\u212a', 'Fol\u212aeting', 'Ri\u212a\u017fdag', 'Bunde\u017ftag', 'Protester\u017f', 'Senate\u017f', '\u017fino', 'mi\u017f', 'x', 'é', 'Zëri', '7', '1978', '\u{1d400}', '\u{1f600}',
    ' ', ' ', ' ', '  ', '-', '--', "'", '\u2019', '.', ',', ';', '\n', '\n\n', '\u00a0', '(', '"', '_',
  ];
  let seed = 7;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let d = 0; d < 300; d++) {
    let text = '';
    const len = 5 + rand(60);
    for (let k = 0; k < len; k++) text += pieces[rand(pieces.length)]!;
    assert.deepEqual(triggerHits(text, table), triggerHits(text, table, false), JSON.stringify(text));
  }
  const some = 'In 1978 the island, the Western ambassadors and Sino-Albanian protesters met; the People’s Assembly sat.';
  assert.deepEqual(triggerHits(some, table), triggerHits(some, table, false));
  assert.ok(triggerHits(some, table).length >= 5);
});

test('the group rules read the tokens findActors cut, once, and only for the same sentences', () => {
  const doc = docOf('In 1975 Chilean exiles met in Rome.\n\nProtesters gathered outside the embassy in Tehran.');
  const sentences = segment(doc);
  findActors(doc, sentences, index);
  const toks = takeSentenceTokens(doc.text, sentences);
  assert.ok(toks);
  assert.deepEqual(
    toks,
    sentences.map((s) => tokenizeRange(doc.text, s.span.start, s.span.end)),
  );
  // taken once; another array of sentences or another text is not served
  assert.equal(takeSentenceTokens(doc.text, sentences), null);
  findActors(doc, sentences, index);
  assert.equal(takeSentenceTokens(doc.text, sentences.slice()), null);
  findActors(doc, sentences, index);
  assert.equal(takeSentenceTokens(doc.text.replace('Rome', 'Pisa'), sentences), null);
  // the same result with the tokens shared or cut again
  const shared = addGroupActors(doc, sentences, findActors(doc, sentences, index), index, table);
  const found = findActors(doc, sentences, index);
  takeSentenceTokens('', []);
  assert.deepEqual(addGroupActors(doc, sentences, found, index, table), shared);
});
