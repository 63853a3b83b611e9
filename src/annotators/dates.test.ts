import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anterior, attachDates, carryDate, clauses, type AttachOptions, type CarryInput } from './dates.js';
import { findTimes } from './time.js';
import { segment } from './segment.js';
import { testDocument, type Part } from './time-testing.js';
import type { Document, EventDate, Span } from '../core/types.js';

function spanOf(doc: Document, s: string, from = 0): Span {
  const i = doc.text.indexOf(s, from);
  assert.ok(i >= 0, `${JSON.stringify(s)} not in the text`);
  return { start: i, end: i + s.length };
}

/** Dates attached to the event whose trigger is `trigger` (or, without one, whose evidence is the sentence holding `evidence`). */
function datesOf(parts: Part[], opts: { trigger?: string; evidence: string; published?: string | null; options?: AttachOptions }): EventDate[] {
  const doc = testDocument(parts, opts.published ?? null);
  const sentences = segment(doc);
  const times = findTimes(doc, sentences);
  const evidence = spanOf(doc, opts.evidence);
  const trigger = opts.trigger ? spanOf(doc, opts.trigger, evidence.start) : null;
  return attachDates({ doc, sentences, times, evidence, trigger, options: opts.options });
}

function values(ds: EventDate[]): string[] {
  return ds.map((d) => d.value);
}

test('the date in the event’s own clause, nearest the trigger', () => {
  const s = 'In 1960 the minister, who had resigned in 1958, visited Rome.';
  const resigned = datesOf([s], { evidence: s, trigger: 'resigned' });
  assert.deepEqual(values(resigned), ['1958']);
  assert.equal(resigned[0].ruleId, 'dates.clause-v1');
  assert.ok(resigned[0].span);
  const visited = datesOf([s], { evidence: s, trigger: 'visited' });
  assert.deepEqual(values(visited), ['1960']);
  assert.equal(visited[0].ruleId, 'dates.sentence-v1');
});

test('a list of dates gives one date each', () => {
  const s = 'The prince visited Moscow in 1955, 1957, 1961 and 1964.';
  const ds = datesOf([s], { evidence: s, trigger: 'visited' });
  assert.deepEqual(values(ds), ['1955', '1957', '1961', '1964']);
  assert.ok(ds.every((d) => d.ruleId === 'dates.clause-v1' && d.precision === 'year'));
});

test('a finer date in the same clause refines a year', () => {
  const s = 'In 1976 a trade delegation went to Bucharest in October and signed a protocol.';
  assert.deepEqual(values(datesOf([s], { evidence: s, trigger: 'went' })), ['1976-10']);
});

test('an interval stated in the clause is kept whole', () => {
  const s = 'He served as ambassador in Cairo from May 3rd, 1956 to August 1959.';
  const ds = datesOf([s], { evidence: s, trigger: 'served' });
  assert.deepEqual(values(ds), ['1956-05-03/1959-08']);
  assert.equal(ds[0].precision, 'interval');
  assert.equal(ds[0].earliest, '1956-05-03');
  assert.equal(ds[0].latest, '1959-08-31');
});

test('the paragraph’s narrative time dates a sentence without its own', () => {
  const p = 'In March 1948 the talks opened in Belgrade. The delegates quarrelled over the border.';
  const ds = datesOf([p], { evidence: 'The delegates quarrelled over the border.', trigger: 'quarrelled' });
  assert.deepEqual(values(ds), ['1948-03']);
  assert.equal(ds[0].ruleId, 'dates.paragraph-v1');
});

test('a look back does not move the narrative time', () => {
  const p =
    'In November 1994 the pilots admitted flying arms in April 1994. The cargo included rifles captured in 1973. A company in London organised the flights.';
  const ds = datesOf([p], { evidence: 'A company in London organised the flights.', trigger: 'organised' });
  assert.deepEqual(values(ds), ['1994-04']);
});

test('“each” after a list of dates: one date per item', () => {
  const p = 'The king visited Paris in 1920, 1925 and 1931. Each reception was described as cordial.';
  const ds = datesOf([p], { evidence: 'Each reception was described as cordial.', trigger: 'reception' });
  assert.deepEqual(values(ds), ['1920', '1925', '1931']);
});

const DIARY: Part[] = [
  'The leader recorded the visit in his diary',
  'Last evening we gave a dinner for the prince. During the meal we continued the talks about the war.',
  'The guests left in good spirits.[i]',
  { kind: 'footnote', label: 'i', text: '[i] Reflections, Volume 2 1960 — 1972: Sunday – June 25, 1972: Extracts from the Political Diary. Tirana 1979' },
];

test('diary excerpt: relative words and the entry date date the events', () => {
  const dinner = datesOf(DIARY, { evidence: 'Last evening we gave a dinner for the prince.', trigger: 'gave' });
  assert.deepEqual(values(dinner), ['1972-06-24']);
  assert.equal(dinner[0].ruleId, 'dates.clause-v1');
  const talks = datesOf(DIARY, { evidence: 'During the meal we continued the talks about the war.', trigger: 'talks' });
  assert.deepEqual(values(talks), ['1972-06-24']);
  assert.equal(talks[0].ruleId, 'dates.paragraph-v1');
  const left = datesOf(DIARY, { evidence: 'The guests left in good spirits.', trigger: 'left' });
  assert.deepEqual(values(left), ['1972-06-25']);
  assert.equal(left[0].ruleId, 'dates.diary-v1');
});

test('the sentence introducing a dated telegram takes the telegram’s date', () => {
  const parts: Part[] = [
    'In a telegram to the premier, the president commented,',
    '“Our people follow your struggle with admiration.”[ii]',
    { kind: 'footnote', label: 'ii', text: '[ii] Telegram March 22 1973 in Review #2 1973' },
  ];
  const intro = datesOf(parts, { evidence: 'In a telegram to the premier, the president commented,', trigger: 'commented' });
  assert.deepEqual(values(intro), ['1973-03-22']);
  assert.equal(intro[0].ruleId, 'dates.cable-v1');
  const body = datesOf(parts, { evidence: '“Our people follow your struggle with admiration.”', trigger: 'follow' });
  assert.deepEqual(values(body), ['1973-03-22']);
});

test('cable body: undated events take the date line', () => {
  const parts: Part[] = [
    { kind: 'heading', text: 'Telegram From the Embassy in Warsaw' },
    'Warsaw, October 20, 1956, 2200Z.',
    'Party leaders met Soviet delegation at airport. Soviet troops moved toward capital.',
  ];
  const ds = datesOf(parts, { evidence: 'Soviet troops moved toward capital.', trigger: 'moved' });
  assert.deepEqual(values(ds), ['1956-10-20']);
  assert.equal(ds[0].ruleId, 'dates.cable-v1');
});

test('nothing in scope gives no date, never the publication date of a historical essay', () => {
  const parts: Part[] = ['In 1912 the state declared independence.', 'The two neighbours have a long history of rivalry.'];
  assert.deepEqual(datesOf(parts, { evidence: 'The two neighbours have a long history of rivalry.', trigger: 'have', published: '2018-08-16' }), []);
  assert.deepEqual(datesOf(parts, { evidence: 'The two neighbours have a long history of rivalry.', trigger: 'have' }), []);
});

test('a document about its own present: the year of publication, marked as such', () => {
  const parts: Part[] = ['The uprising which began in March this year has spread.', 'The government closed the opposition newspapers.'];
  const ds = datesOf(parts, { evidence: 'The government closed the opposition newspapers.', trigger: 'closed', published: '1997-07' });
  assert.deepEqual(values(ds), ['1997']);
  assert.equal(ds[0].ruleId, 'dates.document-v1');
  assert.ok(ds[0].confidence < 0.5);
  assert.equal(ds[0].span, null);
  const off = datesOf(parts, { evidence: 'The government closed the opposition newspapers.', trigger: 'closed', published: '1997-07', options: { documentDate: false } });
  assert.deepEqual(off, []);
});

test('years in references do not date events', () => {
  const parts: Part[] = ['The ministers signed the accord.[iii]', { kind: 'footnote', label: 'iii', text: '[iii] Review #4 1975 p36' }];
  assert.deepEqual(datesOf(parts, { evidence: 'The ministers signed the accord.', trigger: 'signed' }), []);
});

test('clauses split at semicolons, dashes and subordinate clauses', () => {
  const text = 'The army advanced; the envoy left – quietly – and, when it rained, they stopped';
  const parts = clauses(text, 0).map((c) => text.slice(c.start, c.end).trim());
  assert.deepEqual(parts, ['The army advanced', 'the envoy left', 'quietly', 'and', 'when it rained', 'they stopped']);
});

test('a historical essay that mentions today once gets no publication date for its events', () => {
  const parts: Part[] = [
    'In 1975 the embassy opened. In 1978 relations cooled, and in 1979 the regime fell.',
    'The envoy was kept isolated.',
    'Today the two states have no relations.',
  ];
  assert.deepEqual(datesOf(parts, { evidence: 'The envoy was kept isolated.', trigger: 'kept', published: '2018-08-16' }), []);
});

test('a time inside a quotation dates what is quoted, not the saying of it', () => {
  const p = 'Years later the minister wrote, “In 1945 we had nothing,” and he thanked the allies.';
  assert.deepEqual(datesOf([p], { evidence: p, trigger: 'thanked' }), []);
  const inside = datesOf([p], { evidence: p, trigger: 'had nothing' });
  assert.deepEqual(values(inside), ['1945']);
});

test('coordinated verb phrases each keep the date that closes them', () => {
  const s = 'Greece recalled its envoy in March 1964 and closed its consulate in Izmir in June 1965.';
  assert.deepEqual(values(datesOf([s], { evidence: s, trigger: 'closed' })), ['1965-06']);
  assert.deepEqual(values(datesOf([s], { evidence: s, trigger: 'recalled' })), ['1964-03']);
  // with no date of its own, the second verb still takes the one before it
  const t = 'Greece recalled its envoy in March 1964 and closed its consulate.';
  assert.deepEqual(values(datesOf([t], { evidence: t, trigger: 'closed' })), ['1964-03']);
});

test('a cable dates its events by its date line and its relative words', () => {
  const parts: Part[] = [
    { kind: 'heading', text: '12. Telegram From the Embassy in Greece to the Department of State' },
    'Athens, April 21, 1967, 0900Z.',
    '1. The army seized power last night. King Constantine received me this morning.',
  ];
  assert.deepEqual(values(datesOf(parts, { evidence: 'The army seized power last night.', trigger: 'seized' })), ['1967-04-20']);
  assert.deepEqual(values(datesOf(parts, { evidence: 'King Constantine received me this morning.', trigger: 'received' })), ['1967-04-21']);
});

test('a treaty undertaking without a date of its own takes the date of the closing formula', () => {
  const parts: Part[] = [
    { kind: 'heading', text: 'Treaty of Amity between Portugal and the United States' },
    'His Most Faithful Majesty shall withdraw his troops from the frontier.',
    'Done at Lisbon, the fourth day of May, 1791.',
    'JOHN SMITH',
  ];
  const ds = datesOf(parts, { evidence: 'His Most Faithful Majesty shall withdraw his troops from the frontier.', trigger: 'withdraw' });
  assert.deepEqual(values(ds), ['1791-05-04']);
  assert.equal(ds[0].ruleId, 'dates.source-v1');
});

test('a time in the that-clause after a speech act dates the reported event, not the speech act', () => {
  const parts: Part[] = [
    { kind: 'heading', text: '9. Telegram From the Embassy in Greece to the Department of State' },
    'Athens, March 4, 1964, 1100Z.',
    '2. Papandreou told me last night that Ankara was ready. He repeated his charge that the Turks had shelled the village on February 12.',
    '3. The Foreign Minister complained that Turkish jets yesterday overflew Rhodes. He asked that we urge restraint on Ankara.',
  ];
  const charge = datesOf(parts, { evidence: 'He repeated his charge that the Turks had shelled the village on February 12.', trigger: 'charge' });
  assert.deepEqual(values(charge), ['1964-03-03']);
  const shelled = datesOf(parts, { evidence: 'He repeated his charge that the Turks had shelled the village on February 12.', trigger: 'shelled' });
  assert.deepEqual(values(shelled), ['1964-02-12']);
  // the request is made in the conversation the cable reports, not at the time of the overflight
  const asked = datesOf(parts, { evidence: 'He asked that we urge restraint on Ankara.', trigger: 'asked' });
  assert.deepEqual(values(asked), ['1964-03-04']);
});

/** The carried date of the event whose trigger is `trigger`, its actors given as mentions "name=COUNTRY" found in the text. */
function carriedOf(parts: Part[], opts: { trigger: string; published?: string | null; actors?: string[]; named?: string[] }): EventDate | null {
  const doc = testDocument(parts, opts.published ?? null);
  const sentences = segment(doc);
  const times = findTimes(doc, sentences);
  const trigger = spanOf(doc, opts.trigger);
  const sentence = sentences.find((s) => s.span.start <= trigger.start && trigger.end <= s.span.end)!;
  const mention = (spec: string) => {
    const [name, country] = spec.split('=');
    const spans: CarryInput['mentions'] = [];
    for (let i = doc.text.indexOf(name); i >= 0; i = doc.text.indexOf(name, i + 1)) spans.push({ span: { start: i, end: i + name.length }, entity: { id: `state:${country}`, country } });
    return spans;
  };
  const mentions = (opts.named ?? []).flatMap(mention);
  const actors = (opts.actors ?? []).map((c) => ({ id: `state:${c}`, country: c }));
  return carryDate({ doc, sentences, times, sentence, trigger, actors, mentions });
}

test('an undated event carries the narrative time of the paragraph before', () => {
  const d = carriedOf(['In March 1962 the two governments exchanged notes.', 'Yugoslavia then recalled its ambassador.'], {
    trigger: 'recalled', actors: ['YUG'], named: ['Yugoslavia=YUG'],
  });
  assert.equal(d?.value, '1962-03');
  assert.equal(d?.ruleId, 'events.date-carried-v1');
});

test('a date that belongs to a noun does not set the narrative time to carry', () => {
  const parts = ['On 4 May 1999 the envoy arrived in Belgrade.', 'The envoy cited a ruling from 1986 and Resolution 1160 from March 31, 1998.', 'Belgrade rejected the proposal.'];
  assert.equal(carriedOf(parts, { trigger: 'rejected' })?.value, '1999-05-04');
});

test('no date is carried into a sentence timed against an undated event', () => {
  const parts = ['By late 1960 the quarrel was open.', 'Two years after the split, Tirana sent greetings to Hanoi.'];
  assert.equal(carriedOf(parts, { trigger: 'sent' }), null);
  const soon = ['In 1921 the conference met.', 'Shortly after his return the delegate resigned.'];
  assert.equal(carriedOf(soon, { trigger: 'resigned' }), null);
});

test('what goes on at the time of writing takes the publication date, or nothing', () => {
  const parts = ['On 3 June 2019 the council met in Brussels.', 'The blockade of the port continues to strangle its trade.'];
  assert.equal(carriedOf(parts, { trigger: 'strangle' }), null, 'no publication date: no date rather than an earlier one');
  const d = carriedOf(parts, { trigger: 'strangle', published: '2021-02-10' });
  assert.equal(d?.value, '2021-02-10');
  assert.equal(d?.ruleId, 'dates.document-v1');
  const past = ['On 3 June 2019 the council met in Brussels.', 'The navy blockaded the port.'];
  assert.equal(carriedOf(past, { trigger: 'blockaded' })?.value, '2019-06-03', 'a past tense carries as before');
});

test('a date is not carried across paragraphs that change the topic', () => {
  const parts = ['In 1956 Egypt nationalised the canal and Britain protested.', 'Peru signed a fisheries accord with Chile.'];
  assert.equal(carriedOf(parts, { trigger: 'signed', actors: ['PER', 'CHL'], named: ['Egypt=EGY', 'Britain=GBR', 'Peru=PER', 'Chile=CHL'] }), null);
  const same = ['In 1956 Egypt nationalised the canal and Britain protested.', 'Egypt then closed the canal to shipping.'];
  assert.equal(carriedOf(same, { trigger: 'closed', actors: ['EGY'], named: ['Egypt=EGY', 'Britain=GBR'] })?.value, '1956');
});

test('a "now" inside a dated quotation carries that source\'s date; a footnote is never carried', () => {
  const parts: Part[] = [
    'In a telegram the premier wrote,',
    { kind: 'quote', text: '“Now the whole province is free.”[ii]' },
    'Tirana greeted the victory.',
    { kind: 'footnote', label: 'ii', text: '[ii] Telegram of March 22, 1973, in the party weekly, 1974.' },
  ];
  assert.equal(carriedOf(parts, { trigger: 'greeted' })?.value, '1973-03-22');
});

test('a relative clause with no time of its own takes the time closing its antecedent', () => {
  const s = 'On 12 March 1999 Poland joined the alliance under the Washington Treaty of 1949, which had been signed by twelve states.';
  const ds = datesOf([s], { evidence: s, trigger: 'signed' });
  assert.deepEqual(values(ds), ['1949']);
  assert.equal(ds[0].ruleId, 'dates.relative-v1');
  const attributive = 'In 1975 the envoy condemned the 1970 coup, which overthrew the prince.';
  assert.deepEqual(values(datesOf([attributive], { evidence: attributive, trigger: 'overthrew' })), ['1970']);
  const own = 'In 2001 the court cited the convention of 1948, which the state ratified in 1950.';
  assert.deepEqual(values(datesOf([own], { evidence: own, trigger: 'ratified' })), ['1950'], 'its own time first');
  const main = 'On 12 March 1999 Poland joined the alliance under the Washington Treaty of 1949, which had been signed by twelve states.';
  assert.deepEqual(values(datesOf([main], { evidence: main, trigger: 'joined' })), ['1999-03-12'], 'the main clause keeps its time');
});

test('a participle telling how things came to be as they are is not dated by the entry date', () => {
  const parts: Part[] = [
    'The minister noted in his diary, Monday – March 3, 1969, the following:',
    { kind: 'quote', text: 'The refugees, driven from their villages by the army, are living in camps across the border. Today the army entered the capital.' },
  ];
  assert.deepEqual(values(datesOf(parts, { evidence: 'The refugees, driven', trigger: 'driven' })), []);
  assert.deepEqual(values(datesOf(parts, { evidence: 'The refugees, driven', trigger: 'living' })), ['1969-03-03'], 'the state described is the entry’s own time');
  assert.deepEqual(values(datesOf(parts, { evidence: 'Today the army', trigger: 'entered' })), ['1969-03-03']);
  const sameTime: Part[] = [
    'The minister noted in his diary, Monday – March 3, 1969, the following:',
    { kind: 'quote', text: 'The rebels, armed by the neighbours, attacked the garrison.' },
  ];
  assert.deepEqual(values(datesOf(sameTime, { evidence: 'The rebels', trigger: 'armed' })), ['1969-03-03'], 'a participle beside a past main verb is of the same time');
});

test('"today" in the author’s voice is the publication date; without one, nothing is carried into it', () => {
  const parts = ['In 1975 the embassy opened. In 1979 the regime fell.', 'Today Cambodia has no diplomatic relations with Albania.'];
  const known = datesOf(parts, { evidence: 'Today Cambodia', trigger: 'has no diplomatic relations', published: '2018-08-16' });
  assert.deepEqual(values(known), ['2018-08-16']);
  assert.equal(known[0].ruleId, 'dates.clause-v1');
  assert.deepEqual(datesOf(parts, { evidence: 'Today Cambodia', trigger: 'has no diplomatic relations' }), []);
  assert.equal(carriedOf(parts, { trigger: 'has no diplomatic relations' }), null, 'not the 1979 of the paragraph before');
  const diary: Part[] = ['The minister noted in his diary, Monday – March 3, 1969, the following:', { kind: 'quote', text: 'Today the ambassador called on me.' }];
  assert.deepEqual(values(datesOf(diary, { evidence: 'Today the ambassador', trigger: 'called on', published: '2018-08-16' })), ['1969-03-03'], 'inside a diary entry, the entry date');
});

test('agreeing to continue is not going on at the time of writing', () => {
  const parts = ['On 3 June 2019 the council met in Brussels.', 'The two sides agreed to continue the talks.'];
  assert.equal(carriedOf(parts, { trigger: 'agreed to continue' })?.value, '2019-06-03');
});

test('a participle of an obligation still to be met keeps the date of the text', () => {
  const parts: Part[] = [
    'Article III. The prisoners, taken by either party, are to be restored without ransom.',
    'Done at Ghent, the twenty-fourth day of December, one thousand eight hundred and fourteen.',
  ];
  const doc = testDocument(parts);
  assert.equal(anterior(doc.text, spanOf(doc, 'taken')), false, 'not how things came to be');
  assert.deepEqual(values(datesOf(parts, { evidence: 'The prisoners, taken', trigger: 'taken' })), ['1814-12-24'], 'the closing formula dates it');
});

test('a trigger that ends with its "that" does not take the time of the clause it introduces', () => {
  const parts: Part[] = [
    'Ankara, August 2, 1958, 0900Z.',
    '2. The Foreign Minister told me yesterday that Baghdad was quiet. He renewed the accusation that Cairo had armed the rebels on July 14.',
  ];
  const evidence = 'He renewed the accusation that Cairo had armed the rebels on July 14.';
  assert.deepEqual(values(datesOf(parts, { evidence, trigger: 'accusation that' })), ['1958-08-01']);
  assert.deepEqual(values(datesOf(parts, { evidence, trigger: 'armed' })), ['1958-07-14']);
});

test('"until" takes its start from the narrative time of the paragraph', () => {
  const p = 'France occupied the Ruhr in January 1923 to enforce reparations. French troops stayed in the valley until 1925, and the mark recovered.';
  const ds = datesOf([p], { evidence: p, trigger: 'stayed' });
  assert.deepEqual(values(ds), ['1923-01/1925']);
  assert.equal(ds[0].ruleId, 'dates.until-v1');
  assert.equal(ds[0].earliest, '1923-01-01');
  assert.equal(ds[0].latest, '1925-12-31');
  const alone = 'French troops stayed in the valley until 1925.';
  assert.deepEqual(values(datesOf([alone], { evidence: alone, trigger: 'stayed' })), ['../1925'], 'nothing before: the interval stays open');
  const far = 'The British took the island in 1704. British troops have held it until 1985.';
  assert.deepEqual(values(datesOf([far], { evidence: far, trigger: 'held' })), ['../1985'], 'too far back to be its start');
});
