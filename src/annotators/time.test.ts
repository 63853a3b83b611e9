import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeTimes, findTimes } from './time.js';
import { segment } from './segment.js';
import { testDocument } from './time-testing.js';
import { fromTei } from '../formats/tei.js';
import type { Document, TimeExpression } from '../core/types.js';

function times(doc: Document): TimeExpression[] {
  return findTimes(doc, segment(doc));
}

function byText(ts: TimeExpression[], text: string): TimeExpression {
  const t = ts.find((x) => x.text === text);
  assert.ok(t, `no time expression ${JSON.stringify(text)} in ${JSON.stringify(ts.map((x) => x.text))}`);
  return t;
}

test('a time expression has an exact span, EDTF value, bounds, precision and anchor', () => {
  const doc = testDocument(['On 21 August 1968 the troops of five states entered 𝔓rague.']);
  const [t] = times(doc);
  assert.equal(doc.text.slice(t.span.start, t.span.end), '21 August 1968');
  assert.equal(t.text, '21 August 1968');
  assert.equal(t.value, '1968-08-21');
  assert.equal(t.earliest, '1968-08-21');
  assert.equal(t.latest, '1968-08-21');
  assert.equal(t.precision, 'day');
  assert.deepEqual(t.anchor, { kind: 'explicit', value: null });
  assert.equal(t.ruleId, 'time.day.dmy-v1');
});

test('diary excerpt dated by its footnote: relative words count from the entry date', () => {
  const doc = testDocument([
    { kind: 'heading', text: 'The northern border' },
    'Two or three days ago the minister promised to withdraw. Now the columns are moving again.',
    'Last evening we received the envoy. He spoke at length.[i]',
    'The crisis ended in 1969.',
    { kind: 'footnote', label: 'i', text: '[i] Thursday August 22, 1968. Notes from the Political Diary, vol. 3. Tirana: State Publishing House 1980' },
  ]);
  const a = analyzeTimes(doc, segment(doc));
  assert.equal(a.scopes.length, 1);
  assert.equal(a.scopes[0].kind, 'diary');
  assert.equal(a.scopes[0].value, '1968-08-22');
  const ts = a.times;
  assert.equal(byText(ts, 'Two or three days ago').value, '1968-08-19~');
  assert.deepEqual(byText(ts, 'Two or three days ago').anchor, { kind: 'diary', value: '1968-08-22' });
  assert.equal(byText(ts, 'Now').value, '1968-08-22');
  assert.equal(byText(ts, 'Last evening').value, '1968-08-21');
  // the author's text after the quotation is outside the diary scope
  assert.deepEqual(byText(ts, '1969').anchor, { kind: 'explicit', value: null });
  // the publisher's year in the note is flagged as a reference
  assert.equal(byText(ts, '1980').citation, true);
});

test('diary excerpt dated by its introduction', () => {
  const doc = testDocument([
    'The minister wrote in his diary, Monday – March 2, 1953',
    'Yesterday the leader fell ill. Today nobody speaks of it.[ii]',
    { kind: 'footnote', label: 'ii', text: '[ii] Diaries, Volume II 1950-1955. Moscow 1990' },
  ]);
  const ts = times(doc);
  assert.equal(byText(ts, 'Yesterday').value, '1953-03-01');
  assert.equal(byText(ts, 'Today').value, '1953-03-02');
  assert.equal(byText(ts, 'Today').anchor.kind, 'diary');
});

test('telegram quoted after an introducing line takes the date of its footnote', () => {
  const doc = testDocument([
    'In a telegram to the premier, the president replied,',
    '“This week our forces have held the line. Next month we shall advance.”[iii]',
    { kind: 'footnote', label: 'iii', text: '[iii] Telegram April 14 1941 in Collected Papers #2 1950' },
  ]);
  const ts = times(doc);
  assert.equal(byText(ts, 'This week').value, '1941-04-14');
  assert.equal(byText(ts, 'This week').anchor.kind, 'cable');
  assert.equal(byText(ts, 'Next month').value, '1941-05');
});

test('cable date line anchors the body up to the next heading', () => {
  const doc = testDocument(
    [
      { kind: 'heading', text: '112. Telegram From the Embassy in Belgrade to the Department of State' },
      'Belgrade, June 29, 1948, 4 p.m.',
      'The Cominform resolution was published yesterday. Tito replied today that he would not yield.',
      { kind: 'heading', text: '113. Memorandum of Conversation' },
      'Today the ambassador called on the Secretary.',
    ],
    '1974',
  );
  const a = analyzeTimes(doc, segment(doc));
  assert.equal(a.scopes.length, 1);
  assert.equal(a.scopes[0].kind, 'cable');
  assert.equal(byText(a.times, 'yesterday').value, '1948-06-28');
  assert.deepEqual(byText(a.times, 'today').anchor, { kind: 'cable', value: '1948-06-29' });
  // after the next heading the publication date is the reference again
  assert.deepEqual(byText(a.times, 'Today').anchor, { kind: 'document', value: '1974' });
});

test('essay: narrative time carries anaphora and year-less dates, resets at headings', () => {
  const doc = testDocument([
    { kind: 'heading', text: 'Relations with Belgrade' },
    'In 1955 the two states resumed talks. In June a delegation went to Belgrade, and a week later an agreement was signed.',
    'The following year, relations cooled again.',
    { kind: 'heading', text: 'A later chapter' },
    'The same year brought a new crisis.',
  ]);
  const ts = times(doc);
  assert.equal(byText(ts, 'June').value, '1955-06');
  assert.equal(byText(ts, 'June').anchor.kind, 'previous');
  assert.equal(byText(ts, 'a week later').value, '1955-06~');
  assert.equal(byText(ts, 'The following year').value, '1956');
  assert.equal(byText(ts, 'The following year').anchor.kind, 'narrative');
  // no date in scope after the heading: "the same year" stays unresolved
  assert.equal(ts.some((t) => t.text === 'The same year'), false);
});

test('news: "this year" and "today" count from the publication date', () => {
  const doc = testDocument(['The uprising which began in March this year has ended. Today the capital is calm.'], '1997-07');
  const ts = times(doc);
  assert.equal(byText(ts, 'March this year').value, '1997-03');
  assert.deepEqual(byText(ts, 'March this year').anchor, { kind: 'document', value: '1997-07' });
  assert.equal(byText(ts, 'Today').value, '1997-07');
});

test('relative words with no reference time give no value', () => {
  const doc = testDocument(['Two days ago the envoy left. Later that year he returned.']);
  assert.deepEqual(times(doc), []);
});

test('spans counted back from a date in the same sentence', () => {
  const doc = testDocument(['After 30 years of occupation and a 10-year-long siege, the city fell on May 29, 1453.']);
  const ts = times(doc);
  assert.equal(byText(ts, '30 years of').value, '1423/1453');
  assert.equal(byText(ts, '10-year-long').value, '1443/1453');
});

test('diary kept as entries under date headings', () => {
  const doc = testDocument([
    { kind: 'heading', text: 'Monday, 22 October 1956' },
    'Yesterday the plenum ended. Today the delegation flew home.',
    { kind: 'heading', text: 'Tuesday, 23 October 1956' },
    'This morning the students marched.',
  ]);
  const a = analyzeTimes(doc, segment(doc));
  assert.deepEqual(a.scopes.map((s) => [s.kind, s.value, s.from, s.to]), [
    ['diary', '1956-10-22', 1, 1],
    ['diary', '1956-10-23', 3, 3],
  ]);
  assert.equal(byText(a.times, 'Yesterday').value, '1956-10-21');
  assert.equal(byText(a.times, 'This morning').value, '1956-10-23');
});

test('quoted blocks introduced by a dated line take its date (Markdown block quotes)', () => {
  const doc = testDocument(
    [
      'On 5 May 1945 the general wrote to his wife:',
      { kind: 'quote', text: 'Yesterday the guns fell silent.' },
      { kind: 'quote', text: 'Tomorrow we march home.' },
      'Two weeks later he was dead.',
    ],
    '2001-03-01',
  );
  const a = analyzeTimes(doc, segment(doc));
  assert.deepEqual(a.scopes.map((s) => [s.kind, s.value, s.from, s.to]), [['source', '1945-05-05', 1, 2]]);
  assert.equal(byText(a.times, 'Yesterday').value, '1945-05-04');
  assert.equal(byText(a.times, 'Tomorrow').value, '1945-05-06');
  // back in the author's narrative, the narrative time is the date of the introducing line
  assert.equal(byText(a.times, 'Two weeks later').value, '1945-05-19~');
});

test('a short date line inside an essay (not under a heading) is not a cable header', () => {
  const doc = testDocument(
    [
      { kind: 'heading', text: 'The talks' },
      'The delegations met twice in 1961.',
      'The first meeting was cordial.',
      'Tirana, 12 May 1961.',
      'Yesterday the talks resumed.',
    ],
    '2019-05-05',
  );
  const a = analyzeTimes(doc, segment(doc));
  assert.deepEqual(a.scopes, []);
  assert.equal(byText(a.times, 'Yesterday').anchor.kind, 'document');
});

test('an author’s paragraph citing a dated source is not a quotation of it', () => {
  const doc = testDocument([
    { kind: 'heading', text: 'Cooling' },
    'Relations were still warm.',
    'In 1978 the two parties quarrelled openly.[i]',
    { kind: 'footnote', label: 'i', text: '[i] 5 May 1978 cable from the embassy, Political Diary of events' },
  ]);
  const a = analyzeTimes(doc, segment(doc));
  assert.deepEqual(a.scopes, []);
});

const volume = (divs: string) =>
  `<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Volume</title></titleStmt></fileDesc></teiHeader><text><body>${divs}</body></text></TEI>`;

test('TEI cables: the date line of each division (with a time of day) anchors its own relative words', () => {
  const doc = fromTei(
    volume(
      '<div type="document" n="7" frus:doc-dateTime-min="1961-04-17T20:00:00-05:00"><head>7. Telegram From the Embassy in Mexico to the Department of State<note n="1" type="source">Source: Central Files. Secret.</note></head>' +
        '<opener><dateline><placeName>Mexico City</placeName>, <date when="1961-04-17T20:00:00-05:00">April 17, 1961—8 p.m.</date></dateline></opener>' +
        '<p>The Foreign Minister called me in this evening. He said the President had spoken with the Cuban envoy last night.</p><closer><signed>Hill</signed></closer></div>' +
        '<div type="document" n="8"><head>8. Telegram From the Embassy in Brazil to the Department of State</head>' +
        '<opener><dateline><placeName>Rio de Janeiro</placeName>, <date when="1961-04-19">April 19, 1961, 1400Z</date></dateline></opener>' +
        '<p>Quadros received me yesterday.</p></div>',
    ),
    { id: 'v', uri: 'v.xml', name: 'v.xml' },
  );
  assert.equal(doc.published, null, 'a volume of many documents has no one date');
  const a = analyzeTimes(doc, segment(doc));
  assert.equal(byText(a.times, 'this evening').value, '1961-04-17');
  assert.equal(byText(a.times, 'last night').value, '1961-04-16');
  assert.deepEqual(byText(a.times, 'yesterday').anchor, { kind: 'cable', value: '1961-04-19' });
  assert.equal(byText(a.times, 'yesterday').value, '1961-04-18');
  assert.ok(!a.times.some((t) => t.text === '1400'), 'a time of day is no year');
});

test('a single TEI cable is published on the date of its date line and anchors its words to it', () => {
  const doc = fromTei(
    volume('<div type="document" n="3"><head>3. Telegram</head><opener><dateline><placeName>Paris</placeName>, <date when="1962-10-23">October 23, 1962, 2316Z</date></dateline></opener><p>De Gaulle told me this morning that France stood with us.</p></div>'),
    { id: 'c', uri: 'c.xml', name: 'c.xml' },
  );
  assert.equal(doc.published, '1962-10-23');
  const a = analyzeTimes(doc, segment(doc));
  assert.deepEqual(byText(a.times, 'this morning').anchor, { kind: 'cable', value: '1962-10-23' });
});

test('a historical document gives year-less dates the narrative year, not the year of publication', () => {
  const doc = testDocument(
    [
      { kind: 'heading', text: 'The crisis' },
      'Talks failed in 1935. In 1936 the two states broke off relations.',
      'After long talks, the envoys met on 7 May in Geneva.',
      { kind: 'heading', text: 'Aftermath' },
      'On 24 March the treaty was ratified.',
    ],
    '2019-04-02',
  );
  const a = analyzeTimes(doc, segment(doc));
  assert.equal(byText(a.times, '7 May').value, '1936-05-07');
  assert.equal(byText(a.times, '24 March').value, '1936-03-24');
  // news about its own present keeps the publication year
  const news = testDocument(['On 7 May the ministers met in Geneva, their first meeting since 2018.'], '2019-06-02');
  assert.equal(byText(analyzeTimes(news, segment(news)).times, '7 May').value, '2019-05-07');
});

test('date lines with a span of hours or a dash before the time open a cable or memorandum', () => {
  for (const line of ['Washington, October 16, 1962, 11:50 a.m.–1 p.m.', 'Moscow, May 5, 1972—noon.', 'Nicosia, July 22, 1974, 1400Z', 'Ankara, July 20, 1974,']) {
    const doc = testDocument([{ kind: 'heading', text: '5. Memorandum of Conversation' }, line, 'The Ambassador called on the Minister this morning.'], '2000');
    const a = analyzeTimes(doc, segment(doc));
    assert.equal(a.scopes.length, 1, line);
    assert.equal(byText(a.times, 'this morning').anchor.kind, 'cable', line);
  }
});

test('the closing formula of a treaty dates the text above it', () => {
  const doc = testDocument([
    { kind: 'heading', text: 'Treaty of Friendship between Spain and the United States' },
    'There shall be a firm and inviolable peace between His Catholic Majesty and the United States.',
    { kind: 'heading', text: 'Article 2' },
    'The garrisons shall be withdrawn within six months after the ratification.',
    'Done at San Lorenzo el Real, the twenty-seventh day of October, one thousand seven hundred and ninety-five.',
    'THOMAS PINCKNEY',
    'EL PRINCIPE DE LA PAZ',
  ]);
  const a = analyzeTimes(doc, segment(doc));
  const closing = a.scopes.find((s) => s.ruleId === 'time.scope.closing-v1');
  assert.ok(closing);
  assert.equal(closing.value, '1795-10-27');
  assert.equal(closing.from, 1);
  assert.equal(closing.to, 3);
  // a narrative that mentions a signing in its running text has no closing formula
  const essay = testDocument(['Signed at Paris on 3 September 1783, the treaty ended the war. '.repeat(8), 'It was a long war.']);
  assert.ok(!analyzeTimes(essay, segment(essay)).scopes.some((s) => s.ruleId === 'time.scope.closing-v1'));
});

test('FRUS-style volume: a list head does not end the date line; a note is read at its cable date; a day without a year is the nearest one', () => {
  const doc = fromTei(
    volume(
      '<div type="document" n="2"><head>2. Memorandum of Conversation<note n="1" type="source">Source: Central Files.</note></head>' +
        '<opener><dateline><placeName>Washington</placeName>, <date when="1958-01-10">January 10, 1958, 11 a.m.–12:15 p.m.</date></dateline></opener>' +
        '<list type="participants"><head>PARTICIPANTS</head><item>Ambassador Arroyo</item></list>' +
        '<p>The Ambassador called this morning.<note n="2">Telegram 400 from Havana, December 31.</note></p></div>' +
        '<div type="document" n="3"><head>3. Telegram</head><opener><dateline><date when="1958-01-12">January 12, 1958, 1400Z</date></dateline></opener><p>Castro spoke yesterday.</p></div>',
    ),
    { id: 'v', uri: 'v.xml', name: 'v.xml' },
  );
  assert.ok(doc.blocks.some((b) => b.kind === 'caption' && doc.text.slice(b.span.start, b.span.end) === 'PARTICIPANTS'));
  const a = analyzeTimes(doc, segment(doc));
  assert.deepEqual(byText(a.times, 'this morning').anchor, { kind: 'cable', value: '1958-01-10' });
  assert.equal(byText(a.times, 'December 31').value, '1957-12-31');
  assert.equal(byText(a.times, 'yesterday').value, '1958-01-11');
});
