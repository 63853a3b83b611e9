import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActorMention, Block, Document } from '../core/types.js';
import { loadActorIndex, resolveRole } from '../dictionaries/actors.js';
import { segment } from './segment.js';
import { findActors, type FindActorsOptions } from './actors.js';

const index = loadActorIndex();

/** A plain-text Document: paragraphs separated by blank lines. */
function docOf(text: string, published: string | null = null): Document {
  const blocks: Block[] = [];
  const re = /[^\n]+(?:\n[^\n]+)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) blocks.push({ kind: 'paragraph', span: { start: m.index, end: m.index + m[0].length } });
  return { id: 'test', uri: 'test.txt', name: 'test.txt', format: 'text', title: null, author: null, published, text, blocks, notes: [] };
}

function run(text: string, published: string | null = null, opts: FindActorsOptions = {}) {
  const doc = docOf(text, published);
  return findActors(doc, segment(doc), index, opts);
}

function at(ms: ActorMention[], surface: string): ActorMention {
  const m = ms.find((x) => x.text === surface);
  assert.ok(m, `no mention "${surface}" in ${JSON.stringify(ms.map((x) => x.text))}`);
  return m;
}

test('every mention has a span equal to its text, a rule id and a confidence', () => {
  const text = 'On 3 May 1972 the Albanian leadership received Prince Norodom Sihanouk in Tirana. He thanked the Albanian people.';
  const { mentions } = run(text);
  assert.ok(mentions.length >= 4);
  for (const m of mentions) {
    assert.equal(text.slice(m.span.start, m.span.end), m.text);
    assert.match(m.ruleId, /^actors\.[a-z-]+\.[a-z-]+-v\d+$/);
    assert.ok(m.confidence > 0 && m.confidence <= 1);
  }
});

test('exact and normalised names: case, diacritics, curly apostrophes, possessives, leading "the"', () => {
  const { mentions } = run('Albania’s position angered officials of the Soviet Union and read Zeri i Popullit beside the ICJ ruling. The PEOPLE’S REPUBLIC OF CHINA objected.');
  assert.equal(at(mentions, 'Albania').entity.id, 'state:ALB');
  assert.equal(at(mentions, 'officials of the Soviet Union').entity.id, 'state:SUN');
  assert.equal(at(mentions, 'Zeri i Popullit').entity.id, 'org:zeri-i-popullit');
  assert.equal(at(mentions, 'ICJ').entity.country, 'IGO');
  assert.equal(at(mentions, 'PEOPLE’S REPUBLIC OF CHINA').entity.id, 'state:CHN');
});

test('acronyms need capitals: "US" is the state, "us" is not', () => {
  const { mentions } = run('The US asked us to wait.');
  assert.equal(mentions.filter((m) => m.entity.id === 'state:USA').length, 1);
  assert.equal(at(mentions, 'US').entity.id, 'state:USA');
});

test('historical names and successions: Kampuchea, Burma, Peking, DRV', () => {
  const { mentions } = run('Democratic Kampuchea and Burma sent notes to Peking. The DRV replied.');
  assert.equal(at(mentions, 'Democratic Kampuchea').entity.id, 'state:KHM');
  assert.equal(at(mentions, 'Burma').entity.id, 'state:MMR');
  assert.equal(at(mentions, 'Peking').entity.id, 'state:CHN');
  assert.equal(at(mentions, 'DRV').entity.id, 'state:VNM');
});

test('fuzzy names: misspellings resolve with lower confidence', () => {
  const { mentions } = run('Talks between Kieu Samphan and Sale Berisha were reported by Zeri I Popiullit.');
  const k = at(mentions, 'Kieu Samphan');
  assert.equal(k.entity.id, 'person:khieu-samphan');
  assert.equal(k.ruleId, 'actors.name.fuzzy-v1');
  assert.ok(k.confidence < 0.9);
  assert.equal(at(mentions, 'Sale Berisha').entity.id, 'person:sali-berisha');
  assert.equal(at(mentions, 'Zeri I Popiullit').entity.id, 'org:zeri-i-popullit');
});

test('metonymy: capitals and seats of government, dated ("the Kremlin" in 1975 and in 2015)', () => {
  const a = run('In 1975 the Kremlin protested and Hanoi agreed with Washington.').mentions;
  assert.equal(at(a, 'the Kremlin').entity.id, 'state:SUN');
  assert.equal(at(a, 'the Kremlin').ruleId, 'actors.state.seat-v1');
  assert.equal(at(a, 'Hanoi').entity.id, 'state:VNM');
  assert.equal(at(a, 'Hanoi').ruleId, 'actors.state.capital-v1');
  assert.equal(at(a, 'Washington').entity.id, 'state:USA');
  const b = run('In 2015 the Kremlin protested.').mentions;
  assert.equal(at(b, 'the Kremlin').entity.id, 'state:RUS');
});

test('demonyms and collective nouns: state, people (group) and bodies', () => {
  const { mentions } = run(
    'The Albanians and Albanian authorities praised the Albanian people. The Soviet revisionists and American imperialism were condemned by the Chinese leadership, while the U.S. aggressors bombed the people of Cambodia. An Italian-led force landed and a UK company flew arms.',
  );
  assert.equal(at(mentions, 'The Albanians').entity.id, 'state:ALB');
  assert.equal(at(mentions, 'Albanian authorities').entity.id, 'state:ALB');
  const people = at(mentions, 'the Albanian people');
  assert.equal(people.entity.id, 'group:alb-people');
  assert.equal(people.entity.kind, 'group');
  assert.equal(at(mentions, 'The Soviet revisionists').entity.id, 'state:SUN');
  assert.equal(at(mentions, 'American imperialism').entity.id, 'state:USA');
  assert.equal(at(mentions, 'the Chinese leadership').entity.id, 'state:CHN');
  assert.equal(at(mentions, 'the U.S. aggressors').entity.id, 'state:USA');
  assert.equal(at(mentions, 'the people of Cambodia').entity.id, 'group:khm-people');
  const force = at(mentions, 'An Italian-led force');
  assert.equal(force.entity.kind, 'organization');
  assert.equal(force.entity.country, 'ITA');
  assert.equal(at(mentions, 'a UK company').entity.country, 'GBR');
});

test('the Palestinians are a people; a demonym alone stands for the state', () => {
  const { mentions } = run('The Palestinians welcomed Greek support.');
  assert.equal(at(mentions, 'The Palestinians').entity.kind, 'group');
  assert.equal(at(mentions, 'The Palestinians').entity.country, 'PSE');
  const g = at(mentions, 'Greek');
  assert.equal(g.entity.id, 'state:GRC');
  assert.equal(g.ruleId, 'actors.state.demonym-v1');
});

test('titles with names: known holders, new people tied to the country of the title', () => {
  const { mentions, entities } = run(
    'Prime Minister Edi Rama met comrade Enver Hoxha’s successor. The Bulgarian Ambassador Petar Ivanov Dobrev called on Tirana. The talks were opened by then PLO chairman Ahmad Shuqayri.',
  );
  assert.equal(at(mentions, 'Prime Minister Edi Rama').entity.id, 'person:edi-rama');
  assert.equal(at(mentions, 'comrade Enver Hoxha').entity.id, 'person:enver-hoxha');
  const amb = at(mentions, 'The Bulgarian Ambassador Petar Ivanov Dobrev');
  assert.equal(amb.entity.id, 'person:petar-ivanov-dobrev');
  assert.equal(amb.entity.country, 'BGR');
  assert.ok(entities.some((e) => e.id === 'person:petar-ivanov-dobrev' && e.kind === 'person'));
  assert.equal(at(mentions, 'then PLO chairman Ahmad Shuqayri').entity.id, 'person:ahmad-shukeiri');
});

test('titles without names resolve to the holder at the date', () => {
  const a = run('In 1992 the Albanian Prime Minister visited Rome.').mentions;
  const pm = at(a, 'the Albanian Prime Minister');
  assert.equal(pm.entity.id, 'person:aleksander-meksi');
  assert.equal(pm.ruleId, 'actors.role.dated-v1');
  const b = run('In 2024 the Albanian Prime Minister visited Rome.').mentions;
  assert.equal(at(b, 'the Albanian Prime Minister').entity.id, 'person:edi-rama');
  const c = run('In 1970 the Albanian Defence Minister received the delegation.').mentions;
  assert.equal(at(c, 'the Albanian Defence Minister').entity.id, 'person:beqir-balluku');
});

test('narrative dates given per sentence override the years in the text', () => {
  const text = 'The Albanian Prime Minister spoke.';
  const a = run(text, null, { dates: ['1960-05-01'] }).mentions;
  assert.equal(at(a, 'The Albanian Prime Minister').entity.id, 'person:mehmet-shehu');
  const b = run(text, null, { dates: ['2020-05-01'] }).mentions;
  assert.equal(at(b, 'The Albanian Prime Minister').entity.id, 'person:edi-rama');
});

test('a title whose holder is unknown becomes an entity for the office of that country', () => {
  const { mentions } = run('In 1976 the Albanian ambassador presented his credentials.');
  const m = at(mentions, 'the Albanian ambassador');
  assert.equal(m.entity.id, 'role:alb-ambassador');
  assert.equal(m.entity.country, 'ALB');
  assert.equal(m.ruleId, 'actors.role.unresolved-v1');
});

test('"the Prime Minister" alone uses the main country of the document', () => {
  const { mentions } = run('Albania joined NATO in 2009. Albania was pleased. In 2010 the Prime Minister thanked the allies.');
  assert.equal(at(mentions, 'the Prime Minister').entity.id, 'person:sali-berisha');
});

test('apposition: "X, the Albanian Defence Minister" and "the Cambodian Premier, Pol Pot"', () => {
  const { mentions } = run('Talks were held with Beqir Balluku, the Albanian Defence Minister. Tanjug interviewed the Cambodian Premier, Pol Pot.');
  assert.equal(at(mentions, 'the Albanian Defence Minister').entity.id, 'person:beqir-balluku');
  assert.equal(at(mentions, 'the Cambodian Premier').entity.id, 'person:pol-pot');
  assert.equal(at(mentions, 'Tanjug').entity.country, 'YUG');
});

test('factions named after their leader: clique, group, regime', () => {
  const { mentions } = run(
    'The Pol Pot clique fell in 1979. The quisling Lon Nol clique had fled. The Berisha regime collapsed in 1997. The puppet regime of Lon Nol was hated.',
  );
  assert.equal(at(mentions, 'The Pol Pot clique').entity.id, 'group:khmer-rouge');
  const ln = at(mentions, 'The quisling Lon Nol clique');
  assert.equal(ln.entity.kind, 'group');
  assert.equal(ln.entity.country, 'KHM');
  assert.equal(at(mentions, 'The puppet regime of Lon Nol').entity.id, ln.entity.id);
  assert.equal(at(mentions, 'The Berisha regime').entity.id, 'state:ALB');
});

test('unknown people by name pattern merge across the document ("X Y" … "Y")', () => {
  const { mentions } = run('Korab Dushku arrived on Monday.\n\nLater Dushku left for Vienna.');
  const full = at(mentions, 'Korab Dushku');
  assert.equal(full.entity.kind, 'person');
  assert.equal(full.ruleId, 'actors.person.pattern-v1');
  const short = at(mentions, 'Dushku');
  assert.equal(short.entity.id, full.entity.id);
  assert.equal(short.ruleId, 'actors.person.surname-v1');
});

test('organisations by pattern: a local body takes the main country, an "International" none', () => {
  const { mentions } = run('Albania was in turmoil. In Albania the Vlora Defence Committee took power, and Albania Watch International protested.');
  const c = at(mentions, 'Vlora Defence Committee');
  assert.equal(c.entity.kind, 'organization');
  assert.equal(c.entity.country, 'ALB');
  assert.equal(c.ruleId, 'actors.org.pattern-v1');
});

test('generic party names resolve only in a document about the party’s country', () => {
  const a = run('Albania voted in 1996. In Albania the Socialist Party boycotted the vote.').mentions;
  assert.equal(at(a, 'Socialist Party').entity.id, 'org:ps-albania');
  const b = run('France voted in 1981. In France the Socialist Party won.').mentions;
  assert.notEqual(b.find((m) => m.text === 'Socialist Party')?.entity.id, 'org:ps-albania');
});

test('coreference in a paragraph: pronouns and definite descriptions, with lower confidence', () => {
  const { mentions } = run(
    'Prince Norodom Sihanouk reached Tirana in 1972. He praised the PLO and the organization thanked him.\n\nHe left.',
  );
  const he = mentions.filter((m) => m.text === 'He');
  assert.equal(he.length, 1, 'no antecedent across a paragraph');
  assert.equal(he[0]!.entity.id, 'person:norodom-sihanouk');
  assert.equal(he[0]!.ruleId, 'actors.coref.pronoun-v1');
  assert.ok(he[0]!.confidence < 0.5);
  const org = at(mentions, 'the organization');
  assert.equal(org.entity.id, 'org:plo');
  assert.equal(org.ruleId, 'actors.coref.definite-v1');
  assert.equal(at(mentions, 'him').entity.id, 'person:norodom-sihanouk');
});

test('coreference can be switched off', () => {
  const { mentions } = run('Enver Hoxha spoke. He was angry.', null, { coref: false });
  assert.ok(!mentions.some((m) => m.ruleId.startsWith('actors.coref')));
});

test('ambiguous surnames choose the holder in office at the date', () => {
  const a = run('In 1990 Bush met Gorbachev.').mentions;
  assert.equal(at(a, 'Bush').entity.id, 'person:george-h-w-bush');
  const b = run('In 2003 Bush met Putin.').mentions;
  assert.equal(at(b, 'Bush').entity.id, 'person:george-w-bush');
});

test('entities come back with the surface forms seen in the document', () => {
  const { entities } = run('Albania and Tirana and the Albanian government agreed.');
  const alb = entities.find((e) => e.id === 'state:ALB');
  assert.ok(alb);
  assert.deepEqual(new Set(alb.aliases), new Set(['Albania', 'Tirana', 'the Albanian government']));
});

test('mentions never overlap and come in text order', () => {
  const { mentions } = run('The Albanian Ambassador Dhimiter Stamo met the Soviet foreign ministry and Prince Norodom Sihanouk.');
  for (let i = 1; i < mentions.length; i++) assert.ok(mentions[i - 1]!.span.end <= mentions[i]!.span.start);
});

test('an abbreviated honorific with a period still introduces a name', () => {
  const { mentions } = run('Mr. Hoxha received Dr. Kastriot Dervishi.');
  assert.equal(at(mentions, 'Mr. Hoxha').entity.id, 'person:enver-hoxha');
  assert.equal(at(mentions, 'Dr. Kastriot Dervishi').entity.kind, 'person');
});

test('place names are not taken for unknown people', () => {
  const { mentions } = run('Troops crossed the bridge near Shkodra Lake and reached Vlora Bay.');
  assert.ok(!mentions.some((m) => m.entity.kind === 'person'), JSON.stringify(mentions.map((m) => m.text)));
});

test('the parts of a treaty and its parties are not taken for unknown people', () => {
  const { mentions } = run('Article II. The High Contracting Parties agree to consult each other. Article XIV shall enter into force with Annex B.');
  assert.ok(!mentions.some((m) => m.entity.kind === 'person'), JSON.stringify(mentions.map((m) => m.text)));
});

test('sentences in capitals (telegrams) keep known names but invent no new ones', () => {
  const { mentions } = run('1. THE MINISTER SAID THAT ALBANIA WOULD RECEIVE PRIME MINISTER MEHMET SHEHU AND GENERAL STAFF OFFICERS.');
  assert.equal(at(mentions, 'ALBANIA').entity.id, 'state:ALB');
  assert.ok(mentions.some((m) => m.entity.id === 'person:mehmet-shehu'));
  assert.ok(!mentions.some((m) => m.ruleId === 'actors.person.pattern-v1' || m.ruleId === 'actors.org.pattern-v1'), JSON.stringify(mentions.map((m) => m.text)));
  assert.ok(!mentions.some((m) => m.entity.kind === 'person' && !m.entity.id.startsWith('person:mehmet')), JSON.stringify(mentions.map((m) => [m.text, m.entity.id])));
});

test('an ambiguous acronym follows the document: PLA in a text about Albania and in one about China', () => {
  const a = run('Albania was isolated in 1970. Albania and the PLA held firm.').mentions;
  assert.equal(at(a, 'PLA').entity.id, 'org:pla-albania');
  const b = run('China tested a missile in 1970. In China the PLA paraded.').mentions;
  assert.equal(at(b, 'PLA').entity.id, 'org:pla-china');
});

test('"New Mexico" is not Mexico', () => {
  const { mentions } = run('Troops trained in New Mexico before going to Mexico.');
  assert.equal(mentions.filter((m) => m.entity.id === 'state:MEX').length, 1);
});

test('members of an organisation and peoples of a region are groups without a country', () => {
  const { mentions } = run('Warsaw Pact countries protested while the peoples of Indochina fought on.');
  const w = at(mentions, 'Warsaw Pact countries');
  assert.equal(w.entity.kind, 'group');
  assert.equal(w.entity.country, null);
  const p = at(mentions, 'the peoples of Indochina');
  assert.equal(p.entity.kind, 'group');
  assert.equal(p.entity.country, null);
});

test('an indefinite title is the office, not the holder of the day', () => {
  const { mentions } = run('In 2023 an Israeli head of state visited Tirana for the first time.');
  const m = at(mentions, 'an Israeli head of state');
  assert.equal(m.entity.id, 'role:isr-head-of-state');
  assert.equal(m.entity.country, 'ISR');
});

test('a title before a known surname finds the person; a name that starts with a title is matched whole', () => {
  const { mentions } = run('In 1977 Chancellor Schmidt met King Hussein. In 1985 President Herzog visited Bonn.');
  assert.equal(at(mentions, 'Chancellor Schmidt').entity.id, 'person:helmut-schmidt');
  assert.equal(at(mentions, 'President Herzog').entity.id, 'person:chaim-herzog');
  assert.equal(at(mentions, 'King Hussein').entity.id, 'person:hussein-of-jordan');
});

test('the opposition of the document’s country; "that regime" may point into the paragraph before', () => {
  const { mentions } = run('Albania held elections in 1996. Albania was tense and the main opposition party walked out, as did opposition media.\n\nThe protests against that regime grew.');
  const o = at(mentions, 'the main opposition party');
  assert.equal(o.entity.country, 'ALB');
  assert.equal(o.ruleId, 'actors.org.opposition-v1');
  assert.equal(at(mentions, 'opposition media').entity.country, 'ALB');
  assert.notEqual(at(mentions, 'opposition media').entity.id, o.entity.id);
  const r = at(mentions, 'that regime');
  assert.equal(r.entity.id, 'state:ALB');
  assert.equal(r.ruleId, 'actors.coref.definite-v1');
});

test('random compositions of tricky words never give bad or overlapping spans', () => {
  const pieces = ['the', 'The', 'Albanian', 'Prime', 'Minister', 'of', 'Albania', '’s', ',', '.', '-', 'led', 'clique', 'Pol', 'Pot', 'he', 'regime', 'people', 'US', 'us', 'New', 'Mexico', 'comrade', 'Mr.', 'Zeri', 'I', 'Popiullit', '😀', '\u00a0', '\n\n', 'opposition', 'an', 'President', 'Moscow', '1975', '(2017)', 'Warsaw', 'Pact', 'countries', 'peoples', 'Indochina', 'that', 'ALBANIA', 'SAID'];
  let seed = 11;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let k = 0; k < 300; k++) {
    let text = '';
    const n = Math.floor(rnd() * 40);
    for (let i = 0; i < n; i++) text += pieces[Math.floor(rnd() * pieces.length)]! + (rnd() < 0.8 ? ' ' : '');
    const { mentions } = run(text, rnd() < 0.5 ? '2020' : null);
    for (const m of mentions) {
      assert.ok(m.span.start < m.span.end);
      assert.equal(text.slice(m.span.start, m.span.end), m.text);
    }
    for (let i = 1; i < mentions.length; i++) assert.ok(mentions[i - 1]!.span.end <= mentions[i]!.span.start, JSON.stringify(text));
  }
});

test('older documents: monarchs by office and date, sovereigns as states', () => {
  const { mentions } = run('In 1815 Castlereagh and Metternich waited on the Emperor of Russia, while His Britannic Majesty consulted Prussia.');
  assert.equal(at(mentions, 'Castlereagh').entity.country, 'GBR');
  assert.equal(at(mentions, 'Metternich').entity.country, 'AUT');
  assert.equal(at(mentions, 'the Emperor of Russia').entity.id, 'person:alexander-i');
  assert.equal(at(mentions, 'His Britannic Majesty').entity.id, 'state:GBR');
  assert.equal(at(mentions, 'Prussia').entity.id, 'state:DEU');
});

test('modifiers that begin a title are part of it: a deputy is not the holder', () => {
  const { mentions } = run('In 1992 the Albanian Deputy Prime Minister and the Albanian Vice President met the former Prime Minister of Albania.');
  assert.notEqual(at(mentions, 'the Albanian Deputy Prime Minister').entity.id, 'person:aleksander-meksi');
  assert.notEqual(at(mentions, 'the Albanian Vice President').entity.id, 'person:sali-berisha');
  assert.equal(at(mentions, 'the Albanian Vice President').entity.id, 'role:alb-deputy-head-of-state');
});

test('hyphenated pairs of states: "the Sino-Soviet split", "Soviet-Albanian relations"', () => {
  const { mentions } = run('After the Sino-Soviet split, Soviet-Albanian relations were broken off in 1961.');
  const ids = mentions.map((m) => m.entity.id);
  assert.deepEqual(ids.slice(0, 4), ['state:CHN', 'state:SUN', 'state:SUN', 'state:ALB']);
});

test('names with middle initials run past the initial ("Dwight D. Eisenhower", an unknown "Lucius D. Clay")', () => {
  const { mentions } = run('In 1959 President Dwight D. Eisenhower met Harry S. Truman. General Lucius D. Clay flew to Bonn.');
  assert.equal(at(mentions, 'President Dwight D. Eisenhower').entity.id, 'person:dwight-d-eisenhower');
  assert.equal(at(mentions, 'Harry S. Truman').entity.id, 'person:harry-s-truman');
  assert.equal(at(mentions, 'General Lucius D. Clay').entity.kind, 'person');
  assert.ok(!mentions.some((m) => m.text === 'Dwight D' || m.entity.id === 'person:dwight-d'));
});

test('a monarch never fills "President"; a king is a monarch reigning at the date, never a surname', () => {
  // Britain has no president: "the President of Britain" is an office, not the Queen
  const { mentions } = run('In 1956 the British President was criticised by the Queen of Britain.');
  const pres = mentions.find((m) => /President/.test(m.text));
  assert.ok(pres && pres.entity.id !== 'person:elizabeth-ii', JSON.stringify(pres));
  const q = mentions.find((m) => /Queen/.test(m.text));
  assert.equal(q?.entity.id, 'person:elizabeth-ii');
  // "King George" in 1814 is George III, even after Lloyd George is named
  const r = run('David Lloyd George wrote a history. In 1814 King George ratified the treaty. George the Third was ill.');
  assert.equal(at(r.mentions, 'King George').entity.id, 'person:george-iii');
  assert.equal(at(r.mentions, 'George the Third').entity.id, 'person:george-iii');
  assert.ok(!r.mentions.some((m) => m.text === 'George' && m.entity.id === 'person:david-lloyd-george'));
});

test('places inside a state are not countries: "Rhode Island" is not Iceland, "Georgia" among US states is not GEO', () => {
  const { mentions } = run('Delegates from Rhode Island, Georgia and Virginia met in 1787. Georgia and Armenia signed a treaty in 2001.');
  assert.ok(!mentions.some((m) => m.entity.id === 'state:ISL'), JSON.stringify(mentions.map((m) => [m.text, m.entity.id])));
  const geo = mentions.filter((m) => m.text === 'Georgia');
  assert.equal(geo.length, 1, 'only the second Georgia is an actor');
  assert.equal(geo[0]!.entity.id, 'state:GEO');
});

test('a person takes the country of a demonym before a common noun, or of an office named in apposition', () => {
  const { mentions } = run('In 2009 the Canadian engineer Paul Whitcombe was arrested. The Soviet delegate at the League of Nations, Ivan Petrenko, objected.');
  const a = at(mentions, 'the Canadian engineer Paul Whitcombe');
  assert.equal(a.entity.country, 'CAN');
  assert.equal(a.ruleId, 'actors.person.demonym-noun-v1');
  assert.equal(at(mentions, 'Ivan Petrenko').entity.country, 'SUN');
});

test('a person speaks for the body whose office they hold at the date (UN Secretary-General), else for their state', () => {
  const { mentions } = run('In 1978 Boutros Ghali flew to Jerusalem. In 1994 Boutros Ghali visited Kigali.');
  const bg = mentions.filter((m) => m.text === 'Boutros Ghali');
  assert.equal(bg.length, 2);
  assert.equal(bg[0]!.entity.country, 'EGY');
  assert.equal(bg[1]!.entity.country, 'IGO');
});

test('common English names for states, plural demonyms, multinational bodies', () => {
  assert.equal(index.entities.get('state:TUR')?.name, 'Turkey');
  assert.equal(index.entities.get('state:CZE')?.name, 'Czech Republic');
  const { mentions } = run('In 1978 the Saudis and the Jordanians stayed away. The Allied Control Council met in Berlin. Türkiye objected.');
  assert.equal(at(mentions, 'the Saudis').entity.id, 'state:SAU');
  assert.equal(at(mentions, 'the Jordanians').entity.id, 'state:JOR');
  assert.equal(at(mentions, 'Allied Control Council').entity.country, 'IGO');
  assert.equal(at(mentions, 'Türkiye').entity.name, 'Turkey');
});

test('no fuzzy match for short or common words', () => {
  const { mentions } = run('The island of Rhodes was quiet. Ireland Island is small. The Council of Europa met.');
  assert.ok(!mentions.some((m) => m.ruleId === 'actors.name.fuzzy-v1'), JSON.stringify(mentions.map((m) => [m.text, m.entity.id, m.ruleId])));
});

test('office holders of many states across 1784-2025 resolve by title and date', () => {
  const cases: Array<[string, string, string, string]> = [
    ['Prime Minister', 'JPN', '1960-06-01', 'person:nobusuke-kishi'],
    ['President', 'MEX', '1938-03-18', 'person:lazaro-cardenas'],
    ['Foreign Minister', 'IRN', '1985-01-01', 'person:ali-akbar-velayati'],
    ['Secretary of State', 'USA', '1823-12-02', 'person:john-quincy-adams'],
    ['Prime Minister', 'GBR', '1814-12-24', 'person:lord-liverpool'],
    ['President', 'CYP', '1974-07-18', 'person:nikos-sampson'],
    ['King', 'ESP', '1820-01-01', 'person:ferdinand-vii'],
    ['Prime Minister', 'CAN', '1950-01-01', 'person:louis-st-laurent'],
  ];
  for (const [title, c, d, id] of cases) {
    assert.equal(resolveRole(index, title, c, d)?.id, id, `${title} of ${c} at ${d}`);
  }
});

test('a person received or named "as its/Peru\'s minister" takes that country', () => {
  const { mentions } = run('In 1824 Chile wrote to Washington, and Monroe received Tomas Ibarra as its envoy. In 1825 Adams received Juan Ruiz Soto as Peru\'s minister.');
  assert.equal(at(mentions, 'Tomas Ibarra').entity.country, 'CHL');
  assert.equal(at(mentions, 'Juan Ruiz Soto').entity.country, 'PER');
});

test('several states together are a group without a country, not the state of the demonym', () => {
  const { mentions } = run('In 1826 the American states met at Panama; the European powers and twelve nations watched. The United States declined.');
  for (const s of ['the American states', 'the European powers', 'twelve nations']) {
    const m = at(mentions, s);
    assert.equal(m.entity.kind, 'group');
    assert.equal(m.entity.country, null);
  }
  assert.equal(at(mentions, 'United States').entity.id, 'state:USA');
});

test('a demonym of a state that did not exist yet names no state ("Indians" in 1814, India in 1962)', () => {
  const { mentions } = run('In 1814 the British promised peace to all the tribes or nations of Indians.\n\nIn 1962 Indian troops crossed the line and the Indians withdrew.');
  assert.ok(!mentions.some((m) => m.text === 'Indians' && m.entity.id === 'state:IND'));
  assert.equal(at(mentions, 'the Indians').entity.id, 'state:IND');
});

test('a person named by title and name takes the country of "of Y" after the name, and none for an unknown Y', () => {
  const { mentions } = run('Ambassador Dmitri Volkonsky of the Soviet Union met Foreign Minister Aran Teodor of Zembla. Albania protested.', '1958-02-01');
  const v = at(mentions, 'Ambassador Dmitri Volkonsky of the Soviet Union');
  assert.equal(v.entity.country, 'SUN');
  assert.equal(v.ruleId, 'actors.person.title-name-v1');
  // "of Zembla" places him in a country the index does not know: not the document's main country
  assert.equal(at(mentions, 'Foreign Minister Aran Teodor').entity.country, null);
});

test('a surname before an appositive title learns the country: "Halloran, the American delegate"', () => {
  const { mentions } = run('Ambassador Peter Halloran spoke first. Halloran, the American delegate, then asked for a vote.', '1951-01-01');
  assert.equal(at(mentions, 'Ambassador Peter Halloran').entity.country, 'USA');
  const app = at(mentions, 'the American delegate');
  assert.equal(app.ruleId, 'actors.person.apposition-v1');
  assert.equal(app.entity.id, at(mentions, 'Ambassador Peter Halloran').entity.id);
  // a title alone with no evidence gets no country
  const { mentions: m2 } = run('Ambassador Peter Halloran spoke first.', '1951-01-01');
  assert.equal(at(m2, 'Ambassador Peter Halloran').entity.country, null);
});

test('"Korea" alone is the one Korean state only at a date known to be before 15 August 1948', () => {
  const early = run('In 1905 Japan made Korea a protectorate.').mentions;
  assert.equal(at(early, 'Korea').entity.id, 'state:KOR');
  assert.equal(run('In 1962 Korea held talks.').mentions.filter((m) => m.text === 'Korea').length, 0);
  assert.equal(run('Korea held talks.').mentions.filter((m) => m.text === 'Korea').length, 0, 'no date: no reading');
  assert.equal(at(run('In 1962 North Korea held talks.').mentions, 'North Korea').entity.id, 'state:PRK');
});

test('a well-known place that is the object of a verb or preposition stands for the state holding it at the date', () => {
  const m1 = run('In 1956 Israel invaded the Sinai. In 1973 Egyptian forces crossed into the Sinai. In 1990 tourists flew to the Sinai.').mentions;
  const sinai = m1.filter((m) => m.text === 'Sinai');
  assert.deepEqual(sinai.map((m) => m.entity.id), ['state:EGY', 'state:ISR', 'state:EGY'], 'Egyptian, Israeli-held 1967–1982, Egyptian again');
  for (const m of sinai) assert.equal(m.ruleId, 'actors.place.held-v1');
  const m2 = run('On 15 September 1950 marines landed at Inchon and moved toward Wonsan. In 1905 the fleet shelled Port Arthur.').mentions;
  assert.equal(at(m2, 'Inchon').entity.id, 'state:KOR');
  assert.equal(at(m2, 'Wonsan').entity.id, 'state:PRK');
  assert.equal(at(m2, 'Port Arthur').entity.id, 'state:RUS');
  assert.equal(at(run('In 2022 drones struck Sevastopol; in 2010 the fleet sailed from Sevastopol.').mentions, 'Sevastopol').entity.id, 'state:RUS');
});

test('a place is never the head of a clause, part of a longer name, or a place of no state at the date', () => {
  const ms = run('In 1956 Port Said Radio called for calm. Crimea protested in 1995. The city of Herat rose in 1850. In 1850 the army marched on Herat. In 1960 the Suez-Sinai front was quiet.').mentions;
  for (const t of ['Port Said', 'Crimea', 'Herat', 'Sinai']) assert.ok(!ms.some((m) => m.text === t), `no mention of ${t}: ${JSON.stringify(ms.map((m) => m.text))}`);
  // no date known and several holders over time: no state
  assert.ok(!run('The army marched into Crimea.').mentions.some((m) => m.text === 'Crimea'));
  // a place of one holder at all times needs no date
  assert.equal(at(run('Paratroops landed at Port Said.').mentions, 'Port Said').entity.id, 'state:EGY');
});

test('a place joined by "and" to a state or place in object position is in object position too', () => {
  const ms = run('In 1972 aircraft bombed Hanoi and Haiphong. In 1980 Israel and Sinai were quiet. In 1968 troops patrolled the occupied Sinai.').mentions;
  assert.equal(at(ms, 'Haiphong').entity.id, 'state:VNM');
  const sinai = ms.filter((m) => m.text === 'Sinai');
  assert.equal(sinai.length, 1, 'the subject "Israel and Sinai" names no place');
  assert.equal(sinai[0]!.entity.id, 'state:ISR');
});

test('a person found by title and surname alone is known by the surname later, and learns a country from an appositive', () => {
  const { mentions } = run('Ambassador Malenko said the plan was sound. Malenko, the Soviet delegate, then left. Later Malenko returned.', '1950-01-01');
  const first = at(mentions, 'Ambassador Malenko');
  assert.equal(first.entity.country, 'SUN');
  const bare = mentions.filter((m) => m.text === 'Malenko');
  assert.equal(bare.length, 2);
  for (const m of bare) {
    assert.equal(m.entity.id, first.entity.id);
    assert.equal(m.ruleId, 'actors.person.surname-v1');
  }
  // a known person's surname is the index's business, not this rule's: no new entity is made for it
  const m2 = run('President Nixon spoke. Nixon left.', '1970-01-01').mentions;
  assert.equal(new Set(m2.filter((m) => /Nixon/.test(m.text)).map((m) => m.entity.id)).size, 1);
});

test('a surname that is also a place of the gazetteer is a person after a title', () => {
  const ms = run('Ambassador Metz met Mr. Salerno in 1960. Troops later entered Metz.', '1960-01-01').mentions;
  assert.equal(at(ms, 'Ambassador Metz').entity.kind, 'person');
  assert.equal(at(ms, 'Mr. Salerno').entity.kind, 'person');
});

test('an occupied place is the other side to its occupier: the sovereign when the sentence names the occupier first', () => {
  const ms = run('In 1978 Israel agreed to withdraw from the Sinai. In 1973 Egypt attacked Israeli positions in the Sinai. In 1973 Syrian guns shelled the Golan Heights. In 1981 Israel annexed the Golan Heights. In 1979 Egypt signed and Israel promised to leave the Sinai.').mentions;
  assert.deepEqual(ms.filter((m) => m.ruleId === 'actors.place.held-v1').map((m) => m.entity.id), ['state:EGY', 'state:ISR', 'state:ISR', 'state:SYR', 'state:EGY']);
});
