import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeEvents } from './events.js';
import { loadLexicon } from '../dictionaries/lexicon.js';
import { loadContextRules, parseContextRules } from '../dictionaries/lexicon-context.js';
import { fixtureDocument } from './events-fixture.js';
import { documentContext } from './events-context.js';
import { readDocument } from '../formats/index.js';
import { annotate, loadResources } from '../pipeline/pipeline.js';
import type { Block, CodedEvent } from '../core/types.js';
import { AnnalsError } from '../core/errors.js';

const lexicon = loadLexicon();
const rules = loadContextRules();

function code(text: string, kinds: Block['kind'][] = []): CodedEvent[] {
  const f = fixtureDocument(text, kinds);
  return codeEvents(f.doc, f, lexicon);
}

function dyads(events: CodedEvent[]): string[] {
  return events.map((e) => `${e.code} ${e.source?.country ?? e.source?.id}>${e.target?.country ?? e.target?.id ?? '-'}`).sort();
}

test('a heading states no event, only context', () => {
  const ev = code('Treaty of Friendship between Italy and France\n\nThe weather was fine that year.', ['heading', 'paragraph']);
  assert.deepEqual(ev, []);
});

test('parties come from an "X and Y" title', () => {
  const f = fixtureDocument('Relations between Italy and France\n\nThe weather was fine.', ['heading', 'paragraph']);
  const ctx = documentContext(f.doc, f.sentences, f.mentions, rules);
  assert.deepEqual(ctx.parties?.map((p) => p.entity.country), ['ITA', 'FRA']);
  assert.equal(ctx.treaty, false);
});

test('two states in a title are its parties only when joined as a pair', () => {
  const cable = fixtureDocument('Telegram From the Embassy in Italy to the Department of State in Washington\n\nThe weather was fine.', ['heading', 'paragraph']);
  assert.equal(documentContext(cable.doc, cable.sentences, cable.mentions, rules).parties, null);
  const dash = fixtureDocument('Italy–France relations\n\nThe weather was fine.', ['heading', 'paragraph']);
  assert.deepEqual(documentContext(dash.doc, dash.sentences, dash.mentions, rules).parties?.map((p) => p.entity.country), ['ITA', 'FRA']);
});

test('a one-sided break of relations takes its counterpart from the title, one way, marked as context', () => {
  const ev = code('Romania and Yugoslavia\n\nIn the spring Romania broke off diplomatic relations.', ['heading', 'paragraph']);
  const breaks = ev.filter((e) => e.code === '161');
  assert.deepEqual(dyads(breaks), ['161 ROU>YUG']);
  assert.match(breaks[0]!.ruleId, /\.context-v1$/);
  assert.match(breaks[0]!.reason, /counterpart from document context/);
  assert.ok(breaks[0]!.confidence < 0.6);
});

test('without a title pair, the counterpart is the last other state named in the paragraph', () => {
  const ev = code('Italy protested the seizure of its ships by France. Italy recalled its ambassador the same day.');
  assert.ok(dyads(ev).includes('161 ITA>FRA'), dyads(ev).join(', '));
  assert.ok(!dyads(ev).includes('161 FRA>ITA'));
});

test('relations restored with neither side named: both ways between the document parties', () => {
  // The lexicon has no passive "relations were restored" rule yet; "the restoration of relations" names no side either.
  const ev = code('Egypt and Jordan\n\nIn December the restoration of diplomatic relations followed.', ['heading', 'paragraph']);
  const restored = dyads(ev.filter((e) => e.code === '054'));
  assert.deepEqual(restored, ['054 EGY>JOR', '054 JOR>EGY']);
});

test('a stated absence of relations or a relative clause takes no counterpart', () => {
  const ev = code('Romania and Yugoslavia\n\nHe met diplomats of countries with which Romania had diplomatic relations.', ['heading', 'paragraph']);
  assert.ok(!ev.some((e) => e.ruleId.endsWith('.context-v1')), dyads(ev).join(', '));
});

test('"the two countries" stands for the two states named before it, both ways for a symmetric act', () => {
  const ev = code('After years of tension between Egypt and Jordan, the two countries restored diplomatic relations.');
  assert.deepEqual(dyads(ev.filter((e) => e.code === '054')), ['054 EGY>JOR', '054 JOR>EGY']);
});

test('"both sides" takes the title parties when the sentence names none', () => {
  const ev = code('China and Vietnam\n\nIn 1991 both sides signed an agreement.', ['heading', 'paragraph']);
  assert.deepEqual(dyads(ev.filter((e) => e.root === '05')), ['057 CHN>VNM', '057 VNM>CHN']);
});

test('a collective that includes the source is no target', () => {
  const ev = code('Talks between Egypt and Jordan ended. Egypt praised the two countries for their patience.');
  assert.ok(!ev.some((e) => e.code.startsWith('051') && e.source?.country === 'EGY' && e.target?.country === 'JOR'), dyads(ev).join(', '));
});

test('a non-symmetric act with an explicit target is coded one way only', () => {
  const ev = code('Italy recalled its ambassador from France.');
  assert.ok(!dyads(ev).some((d) => d.endsWith('FRA>ITA')), dyads(ev).join(', '));
});

const TREATY = `# Treaty of Amity between France and Italy

France and Italy, wishing to end the war between the two countries, have agreed as follows.

## Article 1

There shall be a firm and perpetual peace between France and Italy.

## Article 2

Italy shall withdraw its armies from the territory of France.

Done at Geneva, this fourth day of May, in the year one thousand eight hundred and twelve.

## Note

The treaty was ratified in 1813.
`;

test('a treaty: parties from the title, the signing line is the signing, undertakings dated at the signature', async () => {
  const doc = await readDocument(Buffer.from(TREATY), 'treaty-amity.md');
  const { annotations } = annotate(doc, loadResources());
  const ev = annotations.events;
  const signing = ev.filter((e) => e.ruleId === 'events.context.treaty-signing-v1');
  assert.deepEqual(dyads(signing), ['057 FRA>ITA', '057 ITA>FRA']);
  assert.equal(signing[0]!.date?.value, '1812-05-04');
  assert.match(signing[0]!.evidenceText, /^Done at Geneva/);
  // Nothing coded from the headings.
  const headings = doc.blocks.filter((b) => b.kind === 'heading');
  assert.ok(!ev.some((e) => headings.some((h) => e.evidence.start >= h.span.start && e.evidence.end <= h.span.end)));
  // An undertaking in an article, with no date of its own, is dated at the signature.
  const undertakings = ev.filter((e) => e.evidence.start < signing[0]!.evidence.start && e.date?.ruleId === 'events.context.treaty-undertaking-date-v1');
  for (const u of undertakings) assert.equal(u.date?.value, '1812-05-04');
});

test('bad context data is a clear error naming the file', () => {
  assert.throws(() => parseContextRules('{', 'x.json'), (e: unknown) => e instanceof AnnalsError && e.code === 'E030');
  assert.throws(() => parseContextRules('{"counterpartCodes": {"codes": 5}}', 'x.json'), AnnalsError);
});

test('a break of relations with a named target is one way; with both as the subject, both ways', () => {
  assert.deepEqual(dyads(code('Italy broke off diplomatic relations with Jordan.').filter((e) => e.code === '161')), ['161 ITA>JOR']);
  assert.deepEqual(dyads(code('Italy and Jordan broke off diplomatic relations.').filter((e) => e.code === '161')), ['161 ITA>JOR', '161 JOR>ITA']);
  // A mutual act keeps both directions whoever is the subject.
  assert.deepEqual(dyads(code('Italy signed an agreement with Jordan.').filter((e) => e.code === '057')), ['057 ITA>JOR', '057 JOR>ITA']);
});

function all(text: string): CodedEvent[] {
  const f = fixtureDocument(text);
  return codeEvents(f.doc, f, lexicon, { modalities: ['asserted', 'reported', 'negated', 'hypothetical', 'planned'] });
}

test('a reported complement ends where a clause with its own subject begins', () => {
  const ev = all('Sadat announced that Egypt would restore relations with Jordan, and Italy released the prisoners of France.');
  const release = ev.find((e) => e.code.startsWith('084'));
  assert.ok(release, dyads(ev).join(', '));
  assert.equal(release.claimant, null);
  assert.equal(release.modality, 'asserted');
  assert.ok(ev.filter((e) => e.code === '054').every((e) => e.claimant?.id === 'person:sadat' && e.modality === 'hypothetical'));
});

test('an act one actor asks another to do is hypothetical; the asking is an appeal by the asker', () => {
  const ev = all('Sadat asked that the United States help Jordan with oil.');
  const aid = ev.find((e) => e.root === '07');
  assert.equal(aid?.modality, 'hypothetical');
  const appeal = ev.filter((e) => e.root === '02');
  assert.deepEqual(dyads(appeal), ['023 EGY>USA']);
  assert.equal(appeal[0]!.ruleId, 'events.context.request-v1');
  assert.equal(appeal[0]!.source?.id, 'person:sadat');
  // Not exported as a fact by default.
  assert.ok(!code('Sadat asked that the United States help Jordan with oil.').some((e) => e.root === '07'));
});

test('"asked X to" an act: the appeal takes the sub-code of the act requested', () => {
  const ev = all('Sadat asked the United States to send arms to Jordan.');
  assert.ok(dyads(ev.filter((e) => e.root === '02')).includes('0232 EGY>USA'), dyads(ev).join(', '));
  assert.ok(ev.filter((e) => e.root === '07').every((e) => e.modality !== 'asserted' && e.modality !== 'reported'));
});

test('cable first person: mentions for "me" and "we" from the actor finder are used as source and target', () => {
  const text = 'Zhou received me at the Foreign Ministry this morning. We protested to China.';
  const f = fixtureDocument(text);
  const me = text.indexOf('me at');
  const we = text.indexOf('We');
  f.mentions.push(
    { span: { start: me, end: me + 2 }, text: 'me', entity: { id: 'person:us-ambassador', name: 'US Ambassador', kind: 'person', country: 'USA' }, ruleId: 'actors.cable.first-person-v1', confidence: 0.7 },
    { span: { start: we, end: we + 2 }, text: 'We', entity: { id: 'state:USA', name: 'United States', kind: 'state', country: 'USA' }, ruleId: 'actors.cable.we-v1', confidence: 0.5 },
  );
  f.mentions.sort((a, b) => a.span.start - b.span.start);
  const ev = codeEvents(f.doc, f, lexicon);
  assert.ok(dyads(ev).includes('043 CHN>USA'), dyads(ev).join(', '));
  assert.ok(dyads(ev).some((d) => /^11\d+ USA>CHN$/.test(d)), dyads(ev).join(', '));
});

test('"they" after a sentence naming a coordinated pair stands for the pair', () => {
  const ev = code('Israel and Egypt drew closer. In 1996 they signed an agreement.');
  assert.deepEqual(dyads(ev.filter((e) => e.code === '057')), ['057 EGY>ISR', '057 ISR>EGY']);
  assert.match(ev.find((e) => e.code === '057')!.reason, /the pair named in the sentence before/);
});

test('"the four powers" takes the last four states named in the paragraphs before', () => {
  const ev = code('Italy, France, the United States and the Soviet Union occupied Germany.\n\nIn 1949 the four powers announced an agreement.');
  const members = new Set(ev.filter((e) => e.code === '057').flatMap((e) => [e.source?.country, e.target?.country]));
  assert.deepEqual([...members].sort(), ['FRA', 'ITA', 'SUN', 'USA']);
});

test('a generic appeal takes the sub-code of the act requested', () => {
  const ev = all('Sadat urged Italy to release the prisoners of France.');
  assert.deepEqual(dyads(ev.filter((e) => e.root === '02')), ['0253 EGY>ITA']);
  assert.match(ev.find((e) => e.root === '02')!.reason, /makes it 0253/);
});

test('a coordinated clause with its own subject is neither a second target nor a second subject', () => {
  const ev = all('Hoxha said that Italy had attacked Jordan, and France condemned Italy.');
  const d = dyads(ev);
  assert.ok(d.includes('190 ITA>JOR') && d.some((x) => /^11\d+ FRA>ITA$/.test(x)), d.join(', '));
  assert.ok(!d.includes('190 ITA>FRA') && !d.some((x) => /^11\d+ JOR>ITA$/.test(x)), d.join(', '));
  // A plain list of targets stays a list.
  assert.deepEqual(dyads(code('Italy attacked Jordan, Egypt and France.')), ['190 ITA>EGY', '190 ITA>FRA', '190 ITA>JOR']);
});

test('"consulted X" is one way; "consulted with X" stays mutual', () => {
  assert.deepEqual(dyads(code('Italy consulted France.')), ['040 ITA>FRA']);
  assert.deepEqual(dyads(code('Italy consulted with France.')), ['040 FRA>ITA', '040 ITA>FRA']);
});

test('an act aimed at an earlier act named by a definite noun takes its target from that act', () => {
  // Another's act: the doer is the target ("condemned the execution").
  const a = code('In 1961 Albania executed an Italian officer. Rome condemned the execution.');
  assert.ok(dyads(a).includes('111 ITA>ALB'), JSON.stringify(dyads(a)));
  const why = a.find((e) => e.code === '111')!;
  assert.match(why.reason, /refers to an earlier event/);
  // The actor's own act: its target ("lifted the blockade").
  const b = code('In 1962 the United States imposed a blockade on Egypt. In 1963 Washington lifted the blockade.');
  // A blockade lifted is CAMEO 0872 (ease military blockade).
  assert.ok(dyads(b).includes('0872 USA>EGY'), JSON.stringify(dyads(b)));
});

test('a definite noun with participants of its own, or no earlier act of its kind, points nowhere', () => {
  // Nothing earlier to refer to.
  const a = code('In 1963 Washington lifted the blockade.');
  assert.deepEqual(dyads(a).filter((d) => d.startsWith('085')), []);
  // The earlier act is too far back (three paragraphs before).
  const b = code('In 1961 Albania executed an Italian officer.\n\nThe weather was fine.\n\nThe harvest was good.\n\nRome condemned the execution.', ['paragraph', 'paragraph', 'paragraph', 'paragraph']);
  assert.deepEqual(dyads(b).filter((d) => d.startsWith('111')), []);
  // A relative clause gives the act its own participants: no reference back.
  const c = code('In 1961 Albania executed an Italian officer. Rome condemned the execution that Tirana ordered.');
  assert.equal(c.filter((e) => /refers to an earlier/.test(e.reason)).length, 0);
});

test('a collective phrase stands for the pair listed just before it in the paragraph, before the title pair', () => {
  // events.context.collective-list-v1
  const ev = code('Relations between Italy and France\n\nIn 1961 Albania and Romania signed a treaty. The two countries exchanged ratifications in 1962.', ['heading', 'paragraph']);
  const ratif = ev.filter((e) => e.evidenceText.startsWith('The two countries'));
  assert.deepEqual(dyads(ratif), ['057 ALB>ROU', '057 ROU>ALB']);
  assert.match(ratif[0]!.reason, /the states listed before it in the paragraph/);
});

test('a numbered collective takes a list of exactly its number, before or after it in the sentence', () => {
  // "the three powers" = the three states listed, not the object of the sentence before
  const ev = code('Albania, Romania and Yugoslavia condemned Egypt. The three powers met in Hanoi.');
  assert.deepEqual(dyads(ev.filter((e) => e.code === '040')), ['040 ALB>ROU', '040 ALB>YUG', '040 ROU>ALB', '040 YUG>ALB']);
  const after = code('The three powers – Albania, Romania and Yugoslavia – met in May.');
  assert.deepEqual(dyads(after.filter((e) => e.code === '040')), ['040 ALB>ROU', '040 ALB>YUG', '040 ROU>ALB', '040 YUG>ALB']);
});

test('a collective the actor finder read as a group of no country is still read as its members', () => {
  const text = 'China and Vietnam signed a treaty. Both governments exchanged ratifications.';
  const f = fixtureDocument(text);
  const at = text.indexOf('Both governments');
  const group = { span: { start: at, end: at + 'Both governments'.length }, text: 'Both governments', entity: { id: 'group:both-governments', name: 'Both governments', kind: 'group' as const, country: null }, ruleId: 'actors.collective.states-v1', confidence: 0.5 };
  const ev = codeEvents(f.doc, { ...f, mentions: [...f.mentions, group] }, lexicon);
  assert.deepEqual(dyads(ev.filter((e) => e.evidenceText.startsWith('Both'))), ['057 CHN>VNM', '057 VNM>CHN']);
});

test('with no parties to the document, an act with neither side named takes the pair listed as doers in the paragraph', () => {
  // events.context.paragraph-pair-v1: not the states after "to" named later
  const ev = code('Notes\n\nRomania and Yugoslavia broke off relations in 1950, after talks with China and Vietnam. Ambassadors returned to their posts in 1955.', ['heading', 'paragraph']);
  const back = ev.filter((e) => e.evidenceText.startsWith('Ambassadors'));
  assert.deepEqual(dyads(back), ['054 ROU>YUG', '054 YUG>ROU']);
});

test('the two leaders or delegations stand for the states they act for', () => {
  const ev = code('China and Vietnam resumed talks in 1990. The two leaders met in Hanoi in 1991.');
  assert.deepEqual(dyads(ev.filter((e) => e.evidenceText.startsWith('The two leaders'))), ['040 CHN>VNM', '040 VNM>CHN']);
});

test('"each party ... to the other": a distributive collective acts on the other party', () => {
  const ev = code('Treaty between China and Vietnam\n\nEach party shall restore to the other all vessels seized during the war.', ['heading', 'paragraph']);
  assert.deepEqual(dyads(ev), ['0353 CHN>VNM', '0353 VNM>CHN']);
});

test('"they" after a sentence opening with a list of three stands for all three', () => {
  const ev = code('Albania, Romania and Yugoslavia condemned Cambodia. They also recalled their ambassadors from Cambodia.');
  assert.deepEqual(dyads(ev.filter((e) => e.code === '161')), ['161 ALB>KHM', '161 ROU>KHM', '161 YUG>KHM']);
});

test('"they" after a sentence whose subject is a collective phrase stands for its members', () => {
  const ev = code('China and Vietnam were allies. The two countries signed a treaty in 1950. They exchanged ambassadors in 1951.');
  assert.deepEqual(dyads(ev.filter((e) => e.code === '054')), ['054 CHN>VNM', '054 VNM>CHN']);
});

test('a legation of one state said to be established, with no place known: the other side is the state the document is about', () => {
  // events.passive.owner-v1, events.context.focus-counterpart-v1
  const text = 'History of relations\n\nChina recognised Vietnam in 1950. Vietnam thanked China. China praised Vietnam. Vietnam praised China.\n\nThe Chinese legation in Nowhereville was established in 1951. The legation was elevated to embassy status in 1955.';
  const ev = code(text, ['heading', 'paragraph', 'paragraph']);
  assert.deepEqual(dyads(ev.filter((e) => e.evidenceText.startsWith('The Chinese legation'))), ['054 CHN>VNM']);
  assert.deepEqual(dyads(ev.filter((e) => e.evidenceText.startsWith('The legation'))), ['054 CHN>VNM', '054 VNM>CHN']);
});

test('in a treaty, "will" is the parties\' own undertaking (an intent)', () => {
  const ev = code('Treaty of Friendship between China and Vietnam\n\nThe two parties will exchange ambassadors.', ['heading', 'paragraph']);
  assert.deepEqual(dyads(ev), ['032 CHN>VNM', '032 VNM>CHN']);
});
