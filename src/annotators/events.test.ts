import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeEvents } from './events.js';
import { loadLexicon } from '../dictionaries/lexicon.js';
import { fixtureDocument } from './events-fixture.js';
import type { CodedEvent, Modality } from '../core/types.js';

const lexicon = loadLexicon();
const ALL: Modality[] = ['asserted', 'reported', 'negated', 'hypothetical', 'planned'];

function code(text: string, modalities?: Modality[]): CodedEvent[] {
  const f = fixtureDocument(text);
  return codeEvents(f.doc, f, lexicon, modalities ? { modalities } : {});
}

/** "code source>target" strings, sorted, for compact assertions. */
function dyads(events: CodedEvent[]): string[] {
  return events.map((e) => `${e.code} ${e.source?.country ?? e.source?.id}>${e.target?.country ?? e.target?.id ?? '-'}`).sort();
}

test('visit as a verb, active voice', () => {
  const ev = code('In 1972 Prince Sihanouk visited Albania.');
  assert.deepEqual(dyads(ev), ['042 KHM>ALB']);
  assert.equal(ev[0]!.ruleId, 'events.visit.active-v1');
  assert.match(ev[0]!.reason, /'visited' \(verb, active\).*source Prince Sihanouk \(subject\) → target Albania/);
  assert.equal(ev[0]!.root, '04');
  assert.equal(ev[0]!.quadClass, 1);
  assert.equal(ev[0]!.plover, 'CONSULT');
});

test('passive voice with an agent swaps the roles', () => {
  assert.deepEqual(dyads(code('Tirana was visited by Zhou Enlai in 1966.')), ['042 CHN>ALB']);
  assert.deepEqual(dyads(code('Egypt was attacked by Israel.')), ['190 ISR>EGY']);
});

test('passive voice without an agent codes nothing', () => {
  assert.deepEqual(code('Egypt was attacked in June.'), []);
});

test('host and receive give the host side and the visitor side', () => {
  assert.deepEqual(dyads(code('Enver Hoxha received Zhou Enlai in Tirana.')), ['042 CHN>ALB', '043 ALB>CHN']);
});

test('nominal events: possessor, adjective and "of" phrases', () => {
  assert.deepEqual(dyads(code("Albania's recognition of Israel surprised many.")), ['054 ALB>ISR']);
  assert.deepEqual(dyads(code('The Chinese attack on Vietnam began at dawn.')), ['190 CHN>VNM']);
  assert.deepEqual(dyads(code('The visit of Tito to Romania was short.')), ['042 YUG>ROU']);
});

test('coordinated targets give one event each', () => {
  const ev = code('Cambodia recalled its diplomats from the Soviet Union, Yugoslavia, Romania and Albania.');
  assert.deepEqual(dyads(ev), ['161 KHM>ALB', '161 KHM>ROU', '161 KHM>SUN', '161 KHM>YUG']);
});

test('coordinated subjects give one event each', () => {
  assert.deepEqual(dyads(code('Washington and France condemned Cambodia.')), ['111 FRA>KHM', '111 USA>KHM']);
});

test('a comma alone is apposition, not a list', () => {
  assert.deepEqual(dyads(code('Albania praised Cambodia, the ally of China.')), ['051 ALB>KHM']);
});

test('symmetric codes go both ways: agreements, talks, fighting between', () => {
  assert.deepEqual(dyads(code('Albania signed a trade agreement with Vietnam.')), ['057 ALB>VNM', '057 VNM>ALB']);
  assert.deepEqual(dyads(code('Egypt and Jordan signed a treaty.')), ['057 EGY>JOR', '057 JOR>EGY']);
  assert.deepEqual(dyads(code('Border clashes between Vietnam and Cambodia grew worse.')), ['190 KHM>VNM', '190 VNM>KHM']);
});

test('a war between several parties pairs the first with each of the others', () => {
  const ev = code('The war between Israel, Egypt, Jordan and the PLO went on for years.');
  assert.deepEqual(dyads(ev), ['190 EGY>ISR', '190 ISR>EGY', '190 ISR>JOR', '190 ISR>PSE', '190 JOR>ISR', '190 PSE>ISR']);
});

test('a dyad before the noun: "US–Soviet talks"', () => {
  assert.deepEqual(dyads(code('The US–Soviet talks opened in Geneva.')), ['046 SUN>USA', '046 USA>SUN']);
});

test('pronoun subjects are carried from the previous sentence', () => {
  const ev = code('Sadat spoke in Cairo. In 1977 he visited Israel.');
  assert.deepEqual(dyads(ev), ['042 EGY>ISR']);
  assert.match(ev[0]!.reason, /'he' = the subject of the previous sentence/);
});

test('a visit without a named host takes the host of the same visitor just before', () => {
  const ev = code('Sihanouk visited Albania in 1972. He made two more visits later.');
  assert.deepEqual(dyads(ev), ['042 KHM>ALB', '042 KHM>ALB']);
});

test('participial opener: the subject follows the comma', () => {
  assert.deepEqual(dyads(code('Having lost the vote, the PLO attacked Egypt.')), ['190 PSE>EGY']);
});

test('relative clause: the antecedent is the subject', () => {
  assert.deepEqual(dyads(code('It was China, which later condemned Vietnam, that spoke first.')), ['111 CHN>VNM']);
});

test('negated, hypothetical and planned events are flagged and dropped by default', () => {
  assert.deepEqual(code('Albania did not recognise Israel.'), []);
  assert.deepEqual(code('Israel would have attacked Egypt.'), []);
  assert.deepEqual(code('Tito is to visit Albania next year.'), []);
  assert.deepEqual(code('Albania urged Tito to visit Romania.').filter((e) => e.code === '042'), []);
  const all = code('Albania did not recognise Israel. Israel would have attacked Egypt. Tito is to visit Albania.', ALL);
  assert.deepEqual(all.map((e) => e.modality), ['negated', 'hypothetical', 'planned']);
});

test('"no diplomatic relations" is itself an event, not a negated one', () => {
  assert.deepEqual(dyads(code('Today Cambodia has no diplomatic relations with Albania.')), ['161 KHM>ALB']);
});

test('claimants: speech verbs, "according to", and a quoted block introduced by a speaker', () => {
  const a = code('Hoxha wrote that China had attacked Vietnam.');
  assert.deepEqual(dyads(a), ['190 CHN>VNM']);
  assert.equal(a[0]!.claimant?.id, 'person:hoxha');
  assert.equal(a[0]!.modality, 'reported');
  const b = code('According to Amnesty International, Israel supplied arms to Romania.');
  assert.equal(b[0]!.claimant?.id, 'org:amnesty');
  const c = code('In a telegram to Sihanouk, Hoxha commented,\n\n“Albania hails the victories of Cambodia.”');
  assert.deepEqual(dyads(c), ['051 ALB>KHM']);
  assert.equal(c[0]!.claimant?.id, 'person:hoxha');
});

test('"we" inside a quoted diary is the diarist', () => {
  const ev = code('Enver Hoxha noted in his diary:\n\nYesterday we met Zhou Enlai in Tirana.');
  assert.deepEqual(dyads(ev), ['040 ALB>CHN']);
  assert.equal(ev[0]!.source?.id, 'person:hoxha');
  assert.deepEqual(dyads(code('In 1970 Albania gave a warm welcome to visiting delegations from Cambodia.')).filter((d) => d.startsWith('042')), []);
});

test('the author asserts what no one else claims', () => {
  const ev = code('China ended its aid to Albania.');
  assert.deepEqual(dyads(ev), ['162 CHN>ALB']);
  assert.equal(ev[0]!.claimant, null);
  assert.equal(ev[0]!.modality, 'asserted');
});

test('talk of violence is coded as a threat', () => {
  assert.deepEqual(dyads(code('Israel spoke of ethnically cleansing Egypt.')), ['138 ISR>EGY']);
  assert.deepEqual(dyads(code('Nixon mused about dropping nuclear bombs on Vietnam.')), ['1385 USA>VNM']);
});

test('aid, arms and fuel shipments', () => {
  assert.deepEqual(dyads(code('The Soviet Union supplied arms to Egypt.')), ['072 SUN>EGY']);
  assert.deepEqual(dyads(code('Albania furnished fuel shipments to Israel.')), ['061 ALB>ISR']);
  assert.deepEqual(dyads(code('China gave economic aid to Albania.')), ['070 CHN>ALB']);
});

test('relations: embassies opened, ambassadors recalled, ties broken, sanctions imposed', () => {
  assert.deepEqual(dyads(code('In 1970 the PLO opened a representative office in Tirana.')), ['054 PSE>ALB']);
  assert.deepEqual(dyads(code('Albania broke off relations with the Soviet Union.')), ['161 ALB>SUN']);
  assert.deepEqual(dyads(code('In 1992 the UN imposed sanctions on Yugoslavia.')), ['163 IGO>YUG']);
});

test('words that only look like events code nothing', () => {
  assert.deepEqual(code('Sihanouk is beginning to recognise what the Soviet Union really is.'), []);
  assert.deepEqual(code('Cambodia is a very poor state.'), []);
});

test('a list of dates gives one event per date', () => {
  const f = fixtureDocument('Sihanouk visited Albania in 1972, 1974 and 1975.');
  const text = f.doc.text;
  const times = ['1972', '1974', '1975'].map((y) => {
    const start = text.indexOf(y);
    return { span: { start, end: start + 4 }, text: y, value: y, earliest: `${y}-01-01`, latest: `${y}-12-31`, precision: 'year' as const, anchor: { kind: 'explicit' as const, value: null }, ruleId: 't' };
  });
  const ev = codeEvents(f.doc, { ...f, times }, lexicon);
  // attachDates reads the list: one event per year, each with its own id.
  assert.deepEqual(ev.map((e) => e.date?.value).sort(), ['1972', '1974', '1975']);
  assert.equal(new Set(ev.map((e) => e.id)).size, 3);
});

test('ids are deterministic and differ per dyad, code and date', () => {
  const a = code('Albania signed a treaty with Vietnam.');
  const b = code('Albania signed a treaty with Vietnam.');
  assert.deepEqual(a.map((e) => e.id), b.map((e) => e.id));
  assert.equal(new Set(a.map((e) => e.id)).size, a.length);
  assert.ok(a.every((e) => /^[0-9a-f]{20}$/.test(e.id) && e.extractor.startsWith('annals-events/')));
});

test('evidence is the sentence holding the trigger', () => {
  const ev = code('Nothing happened in May. In June Tito visited Romania. Then he left.');
  assert.equal(ev[0]!.evidenceText, 'In June Tito visited Romania.');
  assert.equal(ev[0]!.trigger && ev[0]!.evidenceText.includes('visited'), true);
});

test('an actor stating its own plan has expressed an intent (03x / 13x)', () => {
  const a = code('Nixon plans to visit China.');
  assert.deepEqual(dyads(a), ['036 USA>CHN']);
  assert.equal(a[0]!.modality, 'asserted');
  assert.match(a[0]!.reason, /'plans' states an intent: 042 becomes 036/);
  assert.deepEqual(dyads(code('Nixon declared he was going to withdraw troops from Vietnam.')), ['0356 USA>VNM']);
  assert.deepEqual(dyads(code('Israel declared it will attack Egypt.')), ['138 ISR>EGY']);
});

test('a future nobody is said to declare, or that another tells, is a prediction, not an intent', () => {
  // events.intent.told-future-v1
  assert.deepEqual(dyads(code('Israel will attack Egypt.')), []);
  assert.deepEqual(dyads(code('Hoxha said that China and Vietnam will meet in Hanoi.')), []);
  assert.deepEqual(dyads(code('China said it will meet Vietnam.')), ['036 CHN>VNM']);
  assert.deepEqual(dyads(code('Hoxha said that China and Vietnam will meet in Hanoi.', ['planned'])), ['040 CHN>VNM', '040 VNM>CHN']);
});

test('with no date of its own, an event carries the narrative time of the paragraphs just before', () => {
  const text = 'In 1975 the war ended.\n\nSoon Albania praised Cambodia.\n\nAfter the war\n\nVietnam praised Cambodia.';
  const f = fixtureDocument(text, ['paragraph', 'paragraph', 'heading', 'paragraph']);
  const start = text.indexOf('1975');
  const times = [{ span: { start, end: start + 4 }, text: '1975', value: '1975', earliest: '1975-01-01', latest: '1975-12-31', precision: 'year' as const, anchor: { kind: 'explicit' as const, value: null }, ruleId: 't' }];
  const ev = codeEvents(f.doc, { ...f, times }, lexicon);
  const alb = ev.find((e) => e.source?.country === 'ALB')!;
  assert.equal(alb.date?.value, '1975', 'the Albanian event is dated from the paragraph before');
  const vnm = ev.find((e) => e.source?.country === 'VNM')!;
  assert.ok(!vnm.date || vnm.date.ruleId !== 'events.date-carried-v1', 'never carried across a heading');
});

test('a return visit goes to the country of the earlier visitor', () => {
  const ev = code('In 2024 Tito visited Albania. Later Hoxha made a return visit.');
  assert.deepEqual(dyads(ev), ['042 ALB>YUG', '042 YUG>ALB']);
});

test('praise reaches the actor named inside a relative clause', () => {
  assert.deepEqual(dyads(code('We hail the victories which Vietnam has won.')).filter((d) => d.startsWith('051')).length, 0, 'no speaker, no source');
  assert.deepEqual(dyads(code('Albania hailed the victories which Vietnam has won.')), ['051 ALB>VNM']);
});

test('a passive keeps a prepositional target: seized by X from Y', () => {
  assert.deepEqual(dyads(code('Tanks were captured by Israel from Egypt in 1973.')), ['171 ISR>EGY']);
});

test('an agreement without a named partner takes the partner of talks in the same sentence', () => {
  const ev = code('A delegation led by Tito signed a joint declaration expressing “great joy and deep satisfaction at the fraternal friendship” following talks with Enver Hoxha.');
  assert.ok(dyads(ev).includes('057 YUG>ALB') && dyads(ev).includes('057 ALB>YUG'), dyads(ev).join(', '));
});

test('coordinated verbs: the second verb keeps the first subject and, with no object, the first object', () => {
  assert.deepEqual(dyads(code('In 1972 Nixon visited China and met Zhou Enlai.')), ['040 USA>CHN', '042 USA>CHN']);
  assert.deepEqual(dyads(code('Moscow withdrew its advisers from Albania and cut off economic aid.')), ['087 SUN>ALB', '162 SUN>ALB']);
});

test('leaving an alliance', () => {
  assert.deepEqual(dyads(code('In 1968 Albania left the UN.')), ['160 ALB>IGO']);
});

test('a sentence opening with a plural event noun: "Talks between A and B ..."', () => {
  assert.deepEqual(dyads(code('Talks between Yugoslavia and the Soviet Union ended with a declaration in Rome.')), ['046 SUN>YUG', '046 YUG>SUN']);
});

test('an agreement to act is an intent; insults are criticism', () => {
  assert.deepEqual(dyads(code('Under the treaty, Italy agreed to withdraw its troops from Albania.')), ['0356 ITA>ALB']);
  assert.deepEqual(dyads(code('Hoxha insulted the Soviet Union.')), ['111 ALB>SUN']);
});

test('older diplomatic idiom: calls, cessions, guarantees, blockades, mutual meetings and wars', () => {
  assert.deepEqual(dyads(code('In 1961 Tito called on Enver Hoxha in Tirana.')), ['042 YUG>ALB']);
  assert.deepEqual(dyads(code('In 1961 Tito called on Romania to settle the dispute.')), ['027 YUG>ROU']);
  assert.deepEqual(dyads(code('In 1947 Italy ceded the islands to Yugoslavia.')), ['080 ITA>YUG']);
  assert.deepEqual(dyads(code('France guaranteed the independence of Romania.')), ['0334 FRA>ROU']);
  assert.deepEqual(dyads(code('The Americans blockaded the ports of Vietnam.')), ['191 USA>VNM']);
  assert.deepEqual(dyads(code('Tito and Nixon met at the border.')), ['040 USA>YUG', '040 YUG>USA']);
  assert.deepEqual(dyads(code('Egypt and Israel fought a short war.')).filter((d) => d.startsWith('190')), ['190 EGY>ISR', '190 ISR>EGY']);
});

test('a co-agent is not the target of the act it shares', () => {
  const ev = code('Together with their ally, Romania, the Americans attacked and bombed Cambodia.');
  assert.ok(!dyads(ev).some((d) => d === '190 ROU>USA' || d === '190 USA>ROU'), dyads(ev).join(', '));
});

test('an embassy opened, in the passive: its state is the doer, the place the target', () => {
  assert.deepEqual(dyads(code('In 1989 an Israeli embassy was opened in Tirana.')), ['054 ISR>ALB']);
});

test('a quoted speaker calling an actor by a hostile name, across the sentences of the quotation', () => {
  const ev = code('Later Hoxha spoke at length, and as he has said elsewhere: “Tito is no friend. Tito is a traitor to the cause.”');
  const d = ev.find((e) => e.code === '111')!;
  assert.ok(d, 'a denunciation is coded');
  assert.equal(d.source?.id, 'person:hoxha');
  assert.equal(d.target?.id, 'person:tito');
  assert.equal(d.modality, 'reported');
});

test('a possessive pronoun is a subject only before a word for agents', () => {
  const ev = code('Tito spoke in Belgrade. Their ambassador still maintains close links with Romania.');
  assert.equal(ev.length, 0, 'no plural antecedent: no event');
  const ev2 = code('A delegation led by Tito, expressing “their special joy”, signed a joint declaration following talks with Enver Hoxha.');
  assert.ok(dyads(ev2).includes('057 YUG>ALB'), dyads(ev2).join(', '));
});

test('an object fronted before a pronoun subject; a diplomat assigned to a state', () => {
  const ev = code('Enver Hoxha noted in his diary:\n\nZhou Enlai we met in person several times.');
  assert.deepEqual(dyads(ev), ['040 ALB>CHN']);
  assert.deepEqual(dyads(code('In 1975 Tito was assigned to Albania.')), ['054 YUG>ALB']);
});

test('a list after a colon, with "and others comprising" and names in apposition', () => {
  const ev = code('In 1976 Tito met the leadership: Zhou Enlai, Sadat, and others comprising Nixon and his adviser Menachem Begin.');
  assert.deepEqual(dyads(ev), ['040 YUG>CHN', '040 YUG>EGY', '040 YUG>ISR', '040 YUG>USA']);
});

test('a visit with no host anywhere near goes to the state the document is about', () => {
  const text = 'Albania and Romania traded. Albania praised Romania. Albania criticised Yugoslavia. Tirana welcomed the news.\n\nIn his 1975 visit, Sadat spoke at length.';
  const ev = code(text);
  const visit = ev.find((e) => e.code === '042')!;
  assert.equal(visit.target?.country, 'ALB');
  assert.match(visit.reason, /the state the document is about/);
  assert.ok(visit.confidence < 0.5);
});

test('demands with a that-clause; expulsion from an organisation', () => {
  assert.deepEqual(dyads(code('In 1969 the Soviet Union demanded that China withdraw its troops from the island.')), ['100 SUN>CHN']);
  assert.deepEqual(dyads(code('In 1961 Albania was expelled from the UN.')), ['166 IGO>ALB']);
});

test("relations with no owner named are the document's state's relations", () => {
  const text = 'Albania and Romania traded. Albania praised Romania. Albania criticised Yugoslavia. Tirana welcomed the news.\n\nRelations with China had commenced in 1956, and relations with Egypt cooled down in 1972.';
  const ev = code(text).filter((e) => ['054', '160'].includes(e.code));
  assert.deepEqual(dyads(ev), ['054 ALB>CHN', '160 ALB>EGY']);
  assert.ok(ev.every((e) => /the state the document is about/.test(e.reason)));
});

test("a heading's own date dates the section's undated events", () => {
  const text = 'After 1975\n\nSoon Albania praised Cambodia.';
  const f = fixtureDocument(text, ['heading', 'paragraph']);
  const times = [{ span: { start: 6, end: 10 }, text: '1975', value: '1975', earliest: '1975-01-01', latest: '1975-12-31', precision: 'year' as const, anchor: { kind: 'explicit' as const, value: null }, ruleId: 't' }];
  const ev = codeEvents(f.doc, { ...f, times }, lexicon);
  assert.equal(ev[0]?.date?.value, '1975');
});

test('a visit with no host takes the other country named later in the sentence', () => {
  const ev = code('The report of a visit by Tito, who interviewed the Cambodian premier, appeared in 1978.');
  assert.ok(dyads(ev).includes('042 YUG>KHM'), dyads(ev).join(', '));
});

test('yielding, boycott threats and street protests need someone they are aimed at', () => {
  assert.deepEqual(code('In 1997 Albania backed down under pressure.'), []);
  assert.deepEqual(code('Albania threatened to boycott the elections.').filter((e) => e.target === null), []);
});

test('pressure from named actors on the clause subject', () => {
  assert.deepEqual(dyads(code('In 1997 the PLO backed down under US and Soviet pressure.')), ['100 SUN>PSE', '100 USA>PSE']);
});

test("a domestic protest with no target named is aimed at the protesters' own state", () => {
  const text = 'Albania held elections in 1997.\n\nIn March 1997 the Albanian people took to the streets.';
  const f = fixtureDocument(text);
  const people = { span: { start: text.indexOf('the Albanian people'), end: text.indexOf('the Albanian people') + 19 }, text: 'the Albanian people', entity: { id: 'group:albanians', name: 'Albanian people', kind: 'group' as const, country: 'ALB' }, ruleId: 'fixture', confidence: 1 };
  const mentions = [...f.mentions.filter((m) => m.span.start < people.span.start || m.span.start >= people.span.end), people].sort((a, b) => a.span.start - b.span.start);
  const ev = codeEvents(f.doc, { ...f, mentions }, lexicon);
  assert.deepEqual(ev.map((e) => `${e.code} ${e.source?.id}>${e.target?.id}`), ['141 group:albanians>state:ALB']);
  assert.match(ev[0]!.reason, /own state/);
});

test('lists stop at prepositional phrases and clause breaks; "had broken off" is not "had relations"', () => {
  assert.deepEqual(dyads(code('In 2008 Albania recognised Israel, on the same day as France and Romania.')), ['054 ALB>ISR']);
  assert.deepEqual(dyads(code('Hoxha objected to the opening towards Washington, and Albania criticised China.')), ['111 ALB>CHN']);
  assert.deepEqual(dyads(code('Yugoslavia had broken off diplomatic relations with France.')), ['161 YUG>FRA']);
  assert.deepEqual(dyads(code('Sadat and Menachem Begin signed two agreements at the White House, with Nixon as witness.')), ['057 EGY>ISR', '057 ISR>EGY']);
  assert.deepEqual(dyads(code('In 2010 Albania urged other states to follow the ruling of the UN and recognise Israel.')).filter((d) => d.startsWith('054')), []);
});

test('cable style: an ambassador named with his post, protests, and "according to" without an actor', () => {
  const f = fixtureDocument('In 1995 the Yugoslav foreign minister met the Albanian ambassador in Rome. According to embassy sources, Romania expelled three Albanian diplomats.');
  const text = f.doc.text;
  const amb = text.indexOf('Albanian ambassador');
  const mentions = f.mentions.filter((m) => !(m.span.start >= amb && m.span.start < amb + 19));
  mentions.push({ span: { start: amb, end: amb + 19 }, text: 'Albanian ambassador', entity: { id: 'person:alb-amb', name: 'Albanian ambassador', kind: 'person', country: 'ALB' }, ruleId: 'fixture', confidence: 1 });
  mentions.sort((a, b) => a.span.start - b.span.start);
  const ev = codeEvents(f.doc, { ...f, mentions }, lexicon);
  const posting = ev.find((e) => e.code === '054');
  assert.equal(posting?.source?.id, 'person:alb-amb');
  assert.equal(posting?.target?.country, 'ITA');
  const expel = ev.find((e) => e.code === '161')!;
  assert.equal(expel.claimant, null, 'embassy sources are not an actor');
});

test('a list of three or more subjects gives each its event', () => {
  assert.deepEqual(dyads(code('Albania, Romania and Yugoslavia condemned Cambodia.')), ['111 ALB>KHM', '111 ROU>KHM', '111 YUG>KHM']);
  assert.deepEqual(dyads(code('Albania, Romania, and Yugoslavia condemned Cambodia.')), ['111 ALB>KHM', '111 ROU>KHM', '111 YUG>KHM']);
  // a comma closing an opening phrase is no list
  assert.deepEqual(dyads(code('In May, Romania and Yugoslavia condemned Cambodia.')), ['111 ROU>KHM', '111 YUG>KHM']);
  assert.deepEqual(dyads(code('Tito wrote to Hoxha, Romania and Yugoslavia condemned Cambodia.')), ['111 ROU>KHM', '111 YUG>KHM']);
});

test('a passive after "and" shares the clause subject', () => {
  const ev = code('Tito visited Romania in 1957 and was received by Ceaușescu.');
  assert.deepEqual(dyads(ev), ['042 YUG>ROU', '042 YUG>ROU', '043 ROU>YUG']);
  assert.equal(ev.find((e) => e.code === '043')!.target!.id, 'person:tito');
});

test('mutual acts with coordinated subjects and no object: both ways; one subject alone, none', () => {
  assert.deepEqual(dyads(code('In 1969 China and Vietnam clashed along the river.')), ['190 CHN>VNM', '190 VNM>CHN']);
  assert.deepEqual(dyads(code('In 1965 Egypt and Israel went to war.')), ['190 EGY>ISR', '190 ISR>EGY']);
  assert.deepEqual(dyads(code('Israel went to war in 1967.')), []);
  assert.deepEqual(dyads(code('China and Vietnam formed an alliance in 1950.')), ['050 CHN>VNM', '050 VNM>CHN']);
  assert.deepEqual(dyads(code('China and Vietnam cooperated closely.')), ['050 CHN>VNM', '050 VNM>CHN']);
  assert.deepEqual(dyads(code('China cooperated.')), []);
});

test('a third party acting "between" two others acts on each; the parties do not act on each other', () => {
  // events.between.third-party-v1
  assert.deepEqual(dyads(code('Romania mediated between China and Vietnam in 1979.')), ['045 ROU>CHN', '045 ROU>VNM']);
});

test('an envoy "was summoned to" a ministry or "by" a minister: the summoner hosts, the envoy calls', () => {
  assert.deepEqual(dyads(code('The Chinese ambassador was summoned by Hoxha.')), ['042 CHN>ALB', '043 ALB>CHN']);
});

test('a participle after "and" shares the passive auxiliary before it, unless a "by" agent closed that passive', () => {
  // events.passive.coordinated-v1: the envoy was handed the protest; he did not hand it
  const ev = dyads(code('China was summoned to Tirana and handed a protest.'));
  assert.ok(!ev.some((d) => d.startsWith('114 CHN')), ev.join(', '));
  assert.deepEqual(dyads(code('China was praised by Albania and attacked Vietnam.')), ['051 ALB>CHN', '190 CHN>VNM']);
});

test('a decision taken to recognise or to restore relations is the diplomatic act; to send aid, an intent', () => {
  // events.intent.decided-diplomatic-v1
  assert.deepEqual(dyads(code('In 1950 China and Vietnam agreed to restore diplomatic relations.')), ['054 CHN>VNM', '054 VNM>CHN']);
  assert.deepEqual(dyads(code('China decided to recognise Vietnam in 1950.')), ['054 CHN>VNM']);
  assert.deepEqual(dyads(code('China planned to recognise Vietnam.')), ['032 CHN>VNM']);
  assert.deepEqual(dyads(code('China agreed to send aid to Vietnam.')), ['033 CHN>VNM']);
});

test('the month May is no modal verb', () => {
  // events.modality.month-may-v1
  assert.deepEqual(dyads(code('In May 1950 China recognised Vietnam.')), ['054 CHN>VNM']);
  assert.deepEqual(dyads(code('On 4 May 1949 China recognised Vietnam.')), ['054 CHN>VNM']);
  assert.deepEqual(dyads(code('China may recognise Vietnam.')), []);
});

test('relations entered into, broken with, or had by coordinated subjects', () => {
  assert.deepEqual(dyads(code('China entered into diplomatic relations with Vietnam in 1950.')), ['054 CHN>VNM', '054 VNM>CHN']);
  assert.deepEqual(dyads(code('Albania broke with China in 1978.')), ['161 ALB>CHN']);
  assert.deepEqual(dyads(code('China broke with tradition in 1978.')), []);
  assert.deepEqual(dyads(code('China and Vietnam have had diplomatic relations since 1950.')), ['054 CHN>VNM', '054 VNM>CHN']);
  assert.deepEqual(dyads(code('China has had diplomatic relations with Vietnam since 1950.')), ['054 CHN>VNM']);
});

test('a part of a country after "of" stands for the country under the preposition of the part', () => {
  // events.roles.place-of-v1
  assert.deepEqual(dyads(code('Chinese forces landed on the north coast of Vietnam in 1979.')), ['190 CHN>VNM']);
  assert.deepEqual(dyads(code('China landed troops in the south of Vietnam.')), ['190 CHN>VNM']);
});

test('"asked X to" with an actor before "to" is an appeal to X', () => {
  assert.deepEqual(dyads(code('Albania asked China to intervene.')), ['020 ALB>CHN']);
  assert.deepEqual(dyads(code('Albania asked to join the talks.')), []);
});

test('"each other" after coordinated subjects: each acts on the other', () => {
  // events.reciprocal-v1
  assert.deepEqual(dyads(code('China and Vietnam accused each other of aggression.')), ['112 CHN>VNM', '112 VNM>CHN']);
  assert.deepEqual(dyads(code("China and Vietnam expelled each other's diplomats in 1978.")), ['161 CHN>VNM', '161 VNM>CHN']);
  assert.deepEqual(dyads(code('China and Vietnam recognised one another in 1950.')), ['054 CHN>VNM', '054 VNM>CHN']);
});

test('co-agents are one side of a mutual act with a named partner; "as well as" joins subjects', () => {
  assert.deepEqual(dyads(code('Romania, together with Yugoslavia, signed an agreement with China.')), ['057 CHN>ROU', '057 CHN>YUG', '057 ROU>CHN', '057 YUG>CHN']);
  assert.deepEqual(dyads(code('Romania as well as Yugoslavia condemned Cambodia.')), ['111 ROU>KHM', '111 YUG>KHM']);
});

test('"A (abbreviation) and of B" as subject: both', () => {
  assert.deepEqual(dyads(code('Albania (PRA) and of Vietnam had maintained normal relations since 1950.')), ['050 ALB>VNM', '050 VNM>ALB']);
  assert.deepEqual(dyads(code('The envoys of Romania and of Yugoslavia met in Paris.')), ['040 ROU>YUG', '040 YUG>ROU']);
});

test('an agreement "was signed by" two actors: each signs with the other', () => {
  assert.deepEqual(dyads(code('The agreement was signed by China and Vietnam in 1991.')), ['057 CHN>VNM', '057 VNM>CHN']);
  assert.deepEqual(dyads(code('The agreement was signed by China in 1991.')), []);
});

test('withdrawals as nouns and recognition received', () => {
  assert.deepEqual(dyads(code('The withdrawal of Chinese troops from Vietnam was completed in March 1979.')), ['087 CHN>VNM']);
  assert.deepEqual(dyads(code('The Chinese withdrawal from Vietnam was completed in 1979.')), ['087 CHN>VNM']);
  assert.deepEqual(dyads(code("Greece's withdrawal from the United Nations shocked Albania.")), []);
  assert.deepEqual(dyads(code('Vietnam received recognition from China in 1950.')), ['054 CHN>VNM']);
});

test("an actor's forces named as subject withdrew from or left a state", () => {
  assert.deepEqual(dyads(code('Chinese troops left Vietnam in March 1979.')), ['087 CHN>VNM']);
  assert.deepEqual(dyads(code('Chinese troops pulled out of Vietnam in 1979.')), ['087 CHN>VNM']);
  assert.deepEqual(dyads(code('Chinese troops withdrew.')), []);
});

test('a statement or note "condemning/protesting" X is its author\'s act; an object pronoun is never a subject', () => {
  assert.deepEqual(dyads(code('Albania issued a statement condemning Vietnam.')), ['111 ALB>VNM']);
  assert.deepEqual(dyads(code('Hoxha sent Tito a letter condemning Cambodia.')), ['111 ALB>KHM']);
  assert.deepEqual(dyads(code('Hoxha handed him a note protesting the Chinese overflights.')), ['114 ALB>CHN']);
});

test('a state after "at <Place>," stands under the place\'s preposition', () => {
  // events.roles.place-comma-country-v1
  assert.deepEqual(dyads(code('Chinese troops landed at Haiphong, Vietnam.')), ['190 CHN>VNM']);
});

test('envoys recalled or expelled, in the passive', () => {
  assert.deepEqual(dyads(code('Chinese diplomats were expelled from Vietnam in 1978.')), ['161 VNM>CHN']);
  assert.deepEqual(dyads(code('The Chinese ambassador was recalled from Vietnam in 1978.')), ['161 CHN>VNM']);
});

test('British spellings the verb forms miss, and restrictions eased', () => {
  assert.deepEqual(dyads(code('China kidnapped Vietnamese diplomats in 1978.')), ['181 CHN>VNM']);
  assert.deepEqual(dyads(code('China cancelled its aid to Vietnam.')), ['162 CHN>VNM']);
  assert.deepEqual(dyads(code('China eased restrictions on Vietnam.')), ['081 CHN>VNM']);
  assert.deepEqual(dyads(code('China eased trade restrictions on Vietnam.')), ['085 CHN>VNM']);
});

test('goods and arms provided "with" (the receiver before "with"), projects financed, investment', () => {
  assert.deepEqual(dyads(code('In 1961 the Soviet Union provided Egypt with wheat and fertilisers.')), ['061 SUN>EGY']);
  assert.deepEqual(dyads(code('In 1967 the Soviet Union supplied Egypt with tanks and aircraft.')), ['072 SUN>EGY']);
  assert.deepEqual(dyads(code('In 1990 France financed the construction of a railway in Vietnam.')), ['071 FRA>VNM']);
  assert.deepEqual(dyads(code('In 1936 Italy invested heavily in Albania.')), ['061 ITA>ALB']);
  assert.deepEqual(dyads(code('In 1962 France shipped flour and sugar to Albania.')), ['061 FRA>ALB']);
  // Information is no goods; the receiver's own soldiers are no other actor.
  assert.deepEqual(dyads(code('In 1956 the United States supplied Egypt with information about the canal.')), []);
});

test('support voiced or reaffirmed, criticism as "lashed out at" or "berated", economic cooperation as a noun', () => {
  assert.deepEqual(dyads(code('In 1965 Tito voiced support for Egypt.')), ['051 YUG>EGY']);
  assert.deepEqual(dyads(code('In 1962 Romania reaffirmed its solidarity with Vietnam.')), ['051 ROU>VNM']);
  assert.deepEqual(dyads(code('In 1978 Hoxha lashed out at China in a long speech.')), ['111 ALB>CHN']);
  assert.deepEqual(dyads(code('In 1961 the Soviet Union railed against Albania.')), ['111 SUN>ALB']);
  assert.deepEqual(dyads(code('In 1968 Hoxha berated the Soviet Union.')), ['111 ALB>SUN']);
  assert.deepEqual(dyads(code('In 1970 France and Romania expanded technical cooperation.')), ['061 FRA>ROU', '061 ROU>FRA']);
  // events.noun.agreement-topic-v1: the cooperation an agreement is about is no act of its own.
  assert.deepEqual(dyads(code('In 1959 France signed an agreement on technical cooperation with Romania.')), ['057 FRA>ROU', '057 ROU>FRA']);
});

test('a delegation or mission received is a visit; interference in internal affairs said by someone is an accusation', () => {
  assert.deepEqual(dyads(code('In 1957 Egypt received a delegation from Yugoslavia.')), ['042 YUG>EGY', '043 EGY>YUG']);
  assert.deepEqual(dyads(code('In 1971 Hoxha received a Chinese trade mission.')), ['042 CHN>ALB', '043 ALB>CHN']);
  const said = code('In 1960 Hoxha said that the Soviet Union had meddled in the internal affairs of Albania.');
  assert.deepEqual(dyads(said), ['112 ALB>SUN']);
  assert.equal(said[0]!.ruleId, 'events.interference-claimed.active-v1');
  // Told by the author, with no speaker, it is no accusation by anyone.
  assert.deepEqual(dyads(code('China interfered in the internal affairs of Vietnam in 1979.')), []);
});

test('arms or goods bought from a seller, arms airlifted, trade resumed; a pattern word modifying the next noun', () => {
  assert.deepEqual(dyads(code('In 1956 Egypt purchased arms from Yugoslavia.')), ['072 YUG>EGY']);
  assert.deepEqual(dyads(code('In 1960 the Soviet Union bought sugar from Vietnam.')), ['061 VNM>SUN']);
  assert.deepEqual(dyads(code('In 1973 the United States airlifted arms to Israel.')), ['072 USA>ISR']);
  assert.deepEqual(dyads(code('In 1970 Albania and Italy resumed trade.')), ['061 ALB>ITA', '061 ITA>ALB']);
  // events.compound-modifier-v1: "trade talks" are talks, not trade.
  assert.ok(!dyads(code('In 1970 Albania and Italy resumed trade talks.')).some((d) => d.startsWith('061')));
});

test('aid asked of an actor named before "for"', () => {
  assert.deepEqual(dyads(code('In 1962 Egypt asked France and Italy for arms.')), ['023 EGY>FRA', '023 EGY>ITA']);
  assert.deepEqual(dyads(code('In 1972 Hanoi asked the Soviet Union for more weapons.')), ['023 VNM>SUN']);
});

test('criticism spoken or felt (spoke harshly of, expressed indignation at), attacks on a theory or policy, friendly messages sent', () => {
  assert.deepEqual(dyads(code('In 1961 the Soviet Union spoke harshly of Albania.')), ['111 SUN>ALB']);
  assert.deepEqual(dyads(code('In 1973 Albania expressed its indignation at the Israeli aggression.')), ['111 ALB>ISR']);
  const verbal = code('In 1977 Albania attacked the Chinese theory of three worlds.');
  assert.deepEqual(dyads(verbal), ['111 ALB>CHN']);
  assert.equal(verbal[0]!.ruleId, 'events.attack-abstract.active-v1');
  assert.deepEqual(dyads(code('In 1974 Hoxha sent a congratulatory message to Sihanouk.')), ['051 ALB>KHM']);
  assert.deepEqual(dyads(code('In 1970 Hoxha sent a message of solidarity to Cambodia.')), ['051 ALB>KHM']);
  // An attack on a state or its forces stays an attack.
  assert.deepEqual(dyads(code('In 1979 China attacked Vietnam.')), ['190 CHN>VNM']);
});

test('arms or goods supplied in the passive with the goods first; a country toured', () => {
  assert.deepEqual(dyads(code('In 1956 arms were supplied to Egypt by Yugoslavia.')), ['072 YUG>EGY']);
  assert.deepEqual(dyads(code('In 1970 Chinese weapons were sent to Cambodia.')), ['072 CHN>KHM']);
  assert.deepEqual(dyads(code('In 1977 tractors and machinery were delivered to Cambodia by Albania.')), ['061 ALB>KHM']);
  assert.deepEqual(dyads(code('In 1959 Tito toured Egypt.')), ['042 YUG>EGY']);
  assert.deepEqual(dyads(code('In 1980 the oil was sold at a high price.')), []);
});

test('a participle after a noun that names no actor describes that noun; the one warned stands before "against"', () => {
  // events.passive.reduced-relative-noun-v1
  assert.deepEqual(dyads(code('In 1961 Egypt repelled an invasion backed by the United States.')), []);
  assert.deepEqual(dyads(code('In 1961 Egypt was backed by the United States.')), ['051 USA>EGY']);
  assert.deepEqual(dyads(code('In 1962 the United States warned the Soviet Union against deploying missiles in Egypt.')), ['130 USA>SUN']);
  assert.deepEqual(dyads(code('In 1956 the United States warned against Soviet intervention in Egypt.')), ['130 USA>SUN']);
});

test('a court finds the actor named before the verdict responsible, or rules against it; allied with', () => {
  assert.deepEqual(dyads(code('In 1949 the United Nations found Albania responsible for the explosions.')), ['116 IGO>ALB']);
  assert.deepEqual(dyads(code('In 1949 the United Nations ruled against Albania.')), ['116 IGO>ALB']);
  assert.deepEqual(dyads(code('In 1902 France allied with Italy.')), ['050 FRA>ITA']);
});

test('an airlift owned by the actor before it; an airlift or shipments of arms are military aid', () => {
  assert.deepEqual(dyads(code('The Soviet airlift to Egypt began on 10 October 1973.')), ['073 SUN>EGY']);
  assert.deepEqual(dyads(code('On 10 October 1973 the Soviet Union began an airlift of arms to Egypt.')), ['072 SUN>EGY']);
  assert.deepEqual(dyads(code('In 1973 the airlift of American weapons to Israel began.')), ['072 USA>ISR']);
});

test('a third party that brokered an agreement between two others, or shuttled between them, mediates with each', () => {
  assert.deepEqual(dyads(code('In 1978 the United States brokered an agreement between Egypt and Israel.')), ['045 USA>EGY', '045 USA>ISR']);
  assert.deepEqual(dyads(code('In 1949 the United Nations arranged an armistice between Israel and Jordan.')), ['045 IGO>ISR', '045 IGO>JOR']);
  assert.deepEqual(dyads(code('In 1973 Nixon shuttled between Egypt and Israel.')), ['045 USA>EGY', '045 USA>ISR']);
});

test('a refused cooperative act is a rejection (12x) by the one who refused, aimed at the same actor', () => {
  const paid = code('In 1946 Albania refused to pay compensation to Italy.');
  assert.deepEqual(dyads(paid), ['122 ALB>ITA']);
  assert.match(paid[0]!.reason, /'refused' is a refusal: 070 becomes 122/);
  assert.deepEqual(dyads(code('In 1961 Hoxha refused to meet Tito.')), ['125 ALB>YUG']);
  assert.deepEqual(dyads(code('In 1961 Albania declined to withdraw its troops from Yugoslavia.')), ['124 ALB>YUG']);
  // Only the refuser acts, even for a mutual act; coordinated refusers are never each other's target.
  assert.deepEqual(dyads(code('In 1950 Egypt refused to sign an agreement with Israel.')), ['120 EGY>ISR']);
  assert.deepEqual(dyads(code('In 1950 Egypt and Jordan refused to sign an agreement with Israel.')).filter((d) => /EGY>JOR|JOR>EGY/.test(d)), []);
  // A refused attack is no event; a plain negation stays dropped.
  assert.deepEqual(dyads(code('In 1968 China refused to attack Vietnam.')), []);
  assert.deepEqual(dyads(code('In 1950 Egypt did not sign an agreement with Israel.')), []);
});

test("an actor's trade with another, and its protest against another, as nouns", () => {
  assert.deepEqual(dyads(code("China's trade with Albania expanded in 1965.")), ['061 CHN>ALB']);
  assert.deepEqual(dyads(code("Egypt's protest against Israel in 1956 was ignored.")), ['114 EGY>ISR']);
  assert.deepEqual(dyads(code('The trade with Albania was small in 1965.')), []);
});

test('hostile descriptions (aggressive, expansionist), betrayal said by a speaker, homage paid', () => {
  assert.deepEqual(dyads(code('In 1978 Hoxha described Chinese policy as aggressive.')), ['111 ALB>CHN']);
  assert.deepEqual(dyads(code('Hoxha stated in 1961 that the Soviet Union had betrayed Albania.')), ['112 ALB>SUN']);
  assert.deepEqual(dyads(code('In 1961 the Soviet Union betrayed Albania.')), []);
  assert.deepEqual(dyads(code('Tito paid homage to Sadat in 1970.')), ['051 YUG>EGY']);
});

test('a plant or railway built in or for another state is aid in kind; a concession granted is economic cooperation', () => {
  assert.deepEqual(dyads(code('In 1966 Chinese engineers built a hydroelectric plant in Albania.')), ['070 CHN>ALB']);
  assert.deepEqual(dyads(code('In 1975 China constructed a steel plant for Albania.')), ['070 CHN>ALB']);
  assert.deepEqual(dyads(code('In 1970 Albania built a new factory in Albania.')), []);
  assert.deepEqual(dyads(code('In 1925 Albania granted an oil concession to Italy.')), ['061 ALB>ITA']);
  assert.deepEqual(dyads(code('In 1925 Albania granted Italy mining concessions.')), ['061 ALB>ITA']);
});

test('arms, goods, aid or loans named before a relative clause whose subject supplied them', () => {
  assert.deepEqual(dyads(code('The weapons that China supplied to Albania in 1965 were old.')), ['072 CHN>ALB']);
  assert.deepEqual(dyads(code('The aid which the Soviet Union gave to Egypt in 1956 was large.')), ['070 SUN>EGY']);
  assert.deepEqual(dyads(code('The wheat that France shipped to Egypt in 1962 arrived late.')), ['061 FRA>EGY']);
  assert.deepEqual(dyads(code('The weapons that were supplied to Albania in 1965 were old.')), []);
});

test('a visit named before a relative clause whose subject paid it', () => {
  assert.deepEqual(dyads(code('The visit that Sihanouk paid to Albania in 1972 was warm.')), ['042 KHM>ALB']);
});

test('envoys or a delegation sent to an actor visit it; a military mission sent stays military aid; rights granted', () => {
  assert.deepEqual(dyads(code('In 1798 the United States sent envoys to France.')), ['042 USA>FRA']);
  assert.deepEqual(dyads(code('In 1960 Albania sent a trade mission to China.')), ['042 ALB>CHN']);
  assert.deepEqual(dyads(code('In 1970 Albania sent a military mission to Cambodia.')), ['072 ALB>KHM']);
  assert.deepEqual(dyads(code('In 1795 France granted the United States navigation rights.')), ['061 FRA>USA']);
});

test("an actor's troops or tanks entering, reaching or capturing a country or its capital; tanks rolling into it", () => {
  assert.deepEqual(dyads(code('In 1970 American troops entered Cambodia.')), ['192 USA>KHM']);
  assert.deepEqual(dyads(code('In 1979 Vietnamese forces captured Phnom Penh.')), ['192 VNM>KHM']);
  assert.deepEqual(dyads(code('In 1968 Soviet tanks rolled into Romania.')), ['192 SUN>ROU']);
  // Joining an organisation is no incursion.
  assert.deepEqual(dyads(code('In 1955 Albania entered the United Nations.')), []);
});

test('targets, bases or towns struck or bombed in a country, or those of an actor named with them', () => {
  assert.deepEqual(dyads(code('In 1986 the United States bombed military installations in Egypt.')), ['195 USA>EGY']);
  assert.deepEqual(dyads(code('In 1970 American planes hit bases inside Cambodia.')), ['190 USA>KHM']);
  assert.deepEqual(dyads(code('In 1982 Israel attacked PLO positions in Jordan.')), ['190 ISR>PSE']);
});

test('an invitation accepted, talks proposed or requested (036); a telephone conversation with an actor (041)', () => {
  assert.deepEqual(dyads(code('In 1974 Sihanouk accepted an invitation to visit Albania.')), ['036 KHM>ALB']);
  assert.deepEqual(dyads(code('In 1976 Cambodia requested a meeting with Albania.')), ['036 KHM>ALB']);
  assert.deepEqual(dyads(code('In 1978 Egypt proposed talks to Israel.')), ['036 EGY>ISR']);
  assert.deepEqual(dyads(code('In 1972 Nixon spoke by telephone with Zhou Enlai.')), ['041 USA>CHN']);
});

test('recognition withdrawn (161); membership suspended or exclusion from a body (166); standing by an actor (051)', () => {
  assert.deepEqual(dyads(code('In 1949 France withdrew recognition from China.')), ['161 FRA>CHN']);
  assert.deepEqual(dyads(code("In 1979 the United Nations suspended Egypt's membership.")), ['166 IGO>EGY']);
  assert.deepEqual(dyads(code('In 1961 the Soviet Union excluded Albania from the meetings.')), ['166 SUN>ALB']);
  assert.deepEqual(dyads(code('In 1960 Albania stood by China.')), ['051 ALB>CHN']);
});

test('a stated intent is its subject\'s alone; threats to use force or to do what would be cooperation are threats', () => {
  // events.intent.one-sided-v1
  assert.deepEqual(dyads(code('In 1973 Egypt expressed its willingness to negotiate with Israel.')), ['036 EGY>ISR']);
  assert.deepEqual(dyads(code('In 1956 France said it was prepared to negotiate with Egypt.')), ['036 FRA>EGY']);
  assert.deepEqual(dyads(code('In 1962 the United States pledged support for Egypt.')), ['030 USA>EGY']);
  // events.intent.threat-v1
  assert.deepEqual(dyads(code('In 1956 France threatened to invade Egypt.')), ['138 FRA>EGY']);
  assert.deepEqual(dyads(code('In 1956 France threatened to withdraw its troops from Egypt.')), ['130 FRA>EGY']);
});

test('a pair before an attack noun attacks the state after "on"; hostile words of law and aggression; disapproval and ridicule', () => {
  // events.roles.pair-kinds-v1
  assert.deepEqual(dyads(code('In 1956 the French-Italian attack on Egypt began.')), ['190 FRA>EGY', '190 ITA>EGY']);
  assert.deepEqual(dyads(code('In 1956 Yugoslavia described the French action as aggression.')), ['111 YUG>FRA']);
  assert.deepEqual(dyads(code('In 1956 Yugoslavia disapproved of the Soviet intervention in Romania.')).filter((d) => d.startsWith('111')), ['111 YUG>SUN']);
  assert.deepEqual(dyads(code('In 1980 Albania ridiculed the Soviet claims.')), ['111 ALB>SUN']);
  assert.deepEqual(dyads(code('In 1956 Hoxha said that the French landing was a crime.')), ['111 ALB>FRA']);
});

test('an envoy or consul appointed "in" another state', () => {
  assert.deepEqual(dyads(code('In 1832 the United States appointed a consul in Egypt.')), ['054 USA>EGY']);
  assert.deepEqual(dyads(code('In 1970 Albania appointed a new ambassador in Albania.')), []);
});

test('access or routes to a place blocked (191); an actor\'s forces or fleet destroyed (190)', () => {
  assert.deepEqual(dyads(code('In 1948 the Soviet Union blocked all road and rail access to Albania.')), ['191 SUN>ALB']);
  assert.deepEqual(dyads(code('In 1967 Israeli aircraft destroyed the Egyptian air force on the ground.')), ['190 ISR>EGY']);
  assert.deepEqual(dyads(code('In 1990 Albania destroyed its old weapons.')), []);
});
