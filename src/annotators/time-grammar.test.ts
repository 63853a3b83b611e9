import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanTimes } from './time-grammar.js';
import { resolveTemporal, type ResolveContext } from './time-resolve.js';

const NONE: ResolveContext = { deictic: null, previous: null, previousNear: false, sentenceDate: null };

/** [surface text, EDTF] of each expression found and resolved in `text`. */
function read(text: string, ctx: ResolveContext = NONE): Array<[string, string | null]> {
  return scanTimes(text).map((m) => [text.slice(m.start, m.end), resolveTemporal(m.node, ctx)?.value ?? null]);
}

function one(text: string, ctx: ResolveContext = NONE): [string, string | null] {
  const all = read(text, ctx);
  assert.equal(all.length, 1, `one expression in ${JSON.stringify(text)}: ${JSON.stringify(all)}`);
  return all[0];
}

test('days in the common written forms', () => {
  assert.deepEqual(one('The treaty was signed on March 3, 1918 at Brest.'), ['March 3, 1918', '1918-03-03']);
  assert.deepEqual(one('They met on 14 August 1941 off Newfoundland.'), ['14 August 1941', '1941-08-14']);
  assert.deepEqual(one('the envoy arrived on May 9th, 1955.'), ['May 9th, 1955', '1955-05-09']);
  assert.deepEqual(one('posted to Vienna September 21,1964 as counsellor'), ['September 21,1964', '1964-09-21']);
  assert.deepEqual(one('Wednesday – October 16, 1968'), ['Wednesday – October 16, 1968', '1968-10-16']);
  assert.deepEqual(one('Saturday June 2nd, 1962, notes'), ['Saturday June 2nd, 1962', '1962-06-02']);
  assert.deepEqual(one('on the 4th of July, 1776'), ['the 4th of July, 1776', '1776-07-04']);
  assert.deepEqual(one('an editorial (March 8th 1963) said'), ['March 8th 1963', '1963-03-08']);
  assert.deepEqual(one('Sept. 12, 1919'), ['Sept. 12, 1919', '1919-09-12']);
  assert.deepEqual(one('the note of 1961-12-03'), ['1961-12-03', '1961-12-03']);
});

test('numeric day forms only when the order is unambiguous', () => {
  assert.deepEqual(one('the cable of 8/23/1968'), ['8/23/1968', '1968-08-23']);
  assert.deepEqual(one('the cable of 23/8/1968'), ['23/8/1968', '1968-08-23']);
  assert.deepEqual(read('the cable of 3/4/1968'), [['3/4/1968', '1968']]);
  assert.deepEqual(one('signed 21.8.1968 in Prague'), ['21.8.1968', '1968-08-21']);
});

test('months, years and lists of years', () => {
  assert.deepEqual(one('During his visit in August 1964, he spoke.'), ['August 1964', '1964-08']);
  assert.deepEqual(one('in March of 1936'), ['March of 1936', '1936-03']);
  assert.deepEqual(one('the 1956 uprising'), ['1956', '1956']);
  assert.deepEqual(read('he went to Beijing in 1964, 1966, 1968 and 1971'), [
    ['1964', '1964'],
    ['1966', '1966'],
    ['1968', '1968'],
    ['1971', '1971'],
  ]);
});

test('seasons with their EDTF codes', () => {
  assert.deepEqual(one('in the spring of 1968'), ['the spring of 1968', '1968-21']);
  assert.deepEqual(one('Summer 1940 was hot'), ['Summer 1940', '1940-22']);
  assert.deepEqual(one('the autumn of 1956'), ['the autumn of 1956', '1956-23']);
  assert.deepEqual(one('in the winter of 1941'), ['the winter of 1941', '1941-24']);
});

test('decades, centuries and two-digit decades', () => {
  assert.deepEqual(one('in the 1950s'), ['the 1950s', '195X']);
  assert.deepEqual(one('by the 1980’s it had'), ['the 1980’s', '198X']);
  assert.deepEqual(one('in the 1800s'), ['the 1800s', '18XX']);
  assert.deepEqual(one('in the 18th century'), ['the 18th century', '17XX']);
  assert.deepEqual(one('the fifth century BC'), ['the fifth century BC', '-0499/-0400']);
  const ctx: ResolveContext = { ...NONE, deictic: { value: '2001-05-04', kind: 'document' } };
  assert.deepEqual(one('back in the sixties', ctx), ['the sixties', '196X']);
  assert.deepEqual(one('since the ’90s', ctx), ['since the ’90s', '199X/..']);
});

test('approximate dates and parts of periods', () => {
  assert.deepEqual(one('around 1956'), ['around 1956', '1956~']);
  assert.deepEqual(one('circa 1820'), ['circa 1820', '1820~']);
  assert.deepEqual(one('by late 1961'), ['late 1961', '1961-10/1961-12']);
  assert.deepEqual(one('in early 1948'), ['early 1948', '1948-01/1948-03']);
  assert.deepEqual(one('in the early 1980s'), ['early 1980s', '1980/1983']);
  assert.deepEqual(one('the mid-1950s'), ['mid-1950s', '1954/1956']);
  assert.deepEqual(one('at the end of March 1939'), ['the end of March 1939', '1939-03-21/1939-03-31']);
  assert.deepEqual(one('in the early 19th century'), ['early 19th century', '1800/1832']);
});

test('intervals and open intervals', () => {
  assert.deepEqual(one('from March 5th, 1953 to June 1956'), ['from March 5th, 1953 to June 1956', '1953-03-05/1956-06']);
  assert.deepEqual(one('between 1945 and 1989'), ['between 1945 and 1989', '1945/1989']);
  assert.deepEqual(one('the years 1914–1918'), ['1914–1918', '1914/1918']);
  assert.deepEqual(one('the 1939-45 war'), ['1939-45', '1939/1945']);
  assert.deepEqual(one('from May to July 1940'), ['from May to July 1940', '1940-05/1940-07']);
  assert.deepEqual(one('since 1948 relations'), ['since 1948', '1948/..']);
  assert.deepEqual(one('until 1912 the region'), ['until 1912', '../1912']);
  assert.deepEqual(one('from 1990 onwards'), ['from 1990 onwards', '1990/..']);
});

test('BCE years and dates before 1800', () => {
  assert.deepEqual(one('Caesar died in 44 BC.'), ['44 BC', '-0043']);
  assert.deepEqual(one('Marathon, 490 BCE'), ['490 BCE', '-0489']);
  assert.deepEqual(one('crowned in AD 800'), ['AD 800', '0800']);
  assert.deepEqual(one('in the year 476 the empire'), ['the year 476', '0476']);
  assert.deepEqual(one('the Peace of Westphalia of October 24, 1648'), ['October 24, 1648', '1648-10-24']);
  assert.deepEqual(one('the treaty of 1784 was'), ['1784', '1784']);
});

test('named periods with known dates', () => {
  assert.deepEqual(one('during the Second World War'), ['the Second World War', '1939-09-01/1945-09-02']);
  assert.deepEqual(one('before the First World War'), ['before the First World War', '../1914-07-28']);
  assert.deepEqual(one('after the Cold War ended'), ['after the Cold War', '1991/..']);
});

test('deictic words count from the time of writing', () => {
  const diary: ResolveContext = { ...NONE, deictic: { value: '1968-08-22', kind: 'diary' } };
  assert.deepEqual(one('Two or three days ago they crossed the border.', diary), ['Two or three days ago', '1968-08-19~']);
  assert.deepEqual(one('Last evening the ambassador called.', diary), ['Last evening', '1968-08-21']);
  assert.deepEqual(one('Yesterday we met.', diary), ['Yesterday', '1968-08-21']);
  assert.deepEqual(one('Today the troops are in Prague.', diary), ['Today', '1968-08-22']);
  assert.deepEqual(one('This year the harvest failed.', diary), ['This year', '1968']);
  assert.deepEqual(one('last year the talks broke down', diary), ['last year', '1967']);
  assert.deepEqual(one('in March this year', diary), ['March this year', '1968-03']);
  assert.deepEqual(one('a fortnight ago', diary), ['a fortnight ago', '1968-08-08~']);
  const monthly: ResolveContext = { ...NONE, deictic: { value: '1997-07', kind: 'document' } };
  assert.deepEqual(one('today the country is calm', monthly), ['today', '1997-07']);
  assert.deepEqual(one('we met two days ago', monthly), ['two days ago', '1997-07~']);
});

test('anaphoric words count from the narrative time', () => {
  const ctx: ResolveContext = { ...NONE, previous: { value: '1961-06-06', kind: 'previous' }, previousNear: true };
  assert.deepEqual(one('a week later the delegation left', ctx), ['a week later', '1961-06-13~']);
  assert.deepEqual(one('The previous year, talks had failed', ctx), ['The previous year', '1960']);
  assert.deepEqual(one('the following year', ctx), ['the following year', '1962']);
  assert.deepEqual(one('Throughout the same year', ctx), ['the same year', '1961']);
  assert.deepEqual(one('three months later', ctx), ['three months later', '1961-09']);
  assert.deepEqual(one('the following two decades', ctx), ['the following two decades', '1961/1981']);
  assert.deepEqual(one('in October the envoy returned', ctx), ['October', '1961-10']);
  assert.deepEqual(one('five months after March 1970', ctx), ['five months after March 1970', '1970-08~']);
});

test('an offset from an event that is not a date gives nothing', () => {
  assert.deepEqual(read('five months after the embassy closed its doors'), []);
});

test('spans counted back from a reference', () => {
  const ctx: ResolveContext = { ...NONE, sentenceDate: { value: '2001-09-11', kind: 'previous' } };
  assert.deepEqual(read('After 40 years of rule and a 12-year-long embargo, on September 11, 2001', ctx), [
    ['40 years of', '1961/2001'],
    ['12-year-long', '1989/2001'],
    ['September 11, 2001', '2001-09-11'],
  ]);
});

test('numbers that are not years', () => {
  assert.deepEqual(read('he withdrew 1500 troops and 2000 tanks'), []);
  assert.deepEqual(read('The 5,000-strong force and 1,945 men'), []);
  assert.deepEqual(read('a 1200-strong battalion'), []);
  assert.deepEqual(read('see p. 1975 and No. 1948'), []);
  assert.deepEqual(read('Resolution 1244 of the Security Council'), []);
  assert.deepEqual(read('about 90 per cent and 1990 %'), []);
  assert.deepEqual(read('it may be that they march on'), []);
});

test('a capitalised word after a name is part of the name', () => {
  assert.deepEqual(read('as Albania Today reported', { ...NONE, deictic: { value: '1975', kind: 'document' } }), []);
  assert.deepEqual(read('Today the border is open', { ...NONE, deictic: { value: '1975', kind: 'document' } }), [['Today', '1975']]);
});

test('years in bibliographic references are flagged', () => {
  const flagged = (t: string) => scanTimes(t).map((m) => [t.slice(m.start, m.end), !!m.citation]);
  assert.deepEqual(flagged('Tirana: Naim Frashëri Publishing House 1982 p. 14'), [['1982', true]]);
  assert.deepEqual(flagged('Smith, John (2009) Border Wars'), [['2009', true]]);
  assert.deepEqual(flagged('Review #4 1966 p36'), [['1966', true]]);
  assert.deepEqual(flagged('In 1966 the review was founded'), [['1966', false]]);
});

test('days of the month counted from a letter’s date, two-digit years', () => {
  const letter: ResolveContext = { ...NONE, deictic: { value: '1854-03-12', kind: 'cable' } };
  assert.deepEqual(one('your despatch of the 5th inst. reached me', letter), ['the 5th inst.', '1854-03-05']);
  assert.deepEqual(one('my note of the 28th ultimo', letter), ['the 28th ultimo', '1854-02-28']);
  const doc: ResolveContext = { ...NONE, deictic: { value: '2018-08-16', kind: 'document' } };
  assert.deepEqual(one('the elections in ’78 were rigged', doc), ['’78', '1978']);
  assert.deepEqual(one('elected in ’12', doc), ['’12', '2012']);
  assert.deepEqual(one('the year before last', doc), ['the year before last', '2016']);
});

test('intervals running to the present are open at the end', () => {
  assert.deepEqual(one('the republic (1912–present)'), ['1912–present', '1912/..']);
  assert.deepEqual(one('from 1991 to the present day'), ['from 1991 to the present day', '1991/..']);
});

test('treaty-style dates with the year in words', () => {
  assert.deepEqual(one('Done at Paris, this tenth day of February, 1947.'), ['this tenth day of February, 1947', '1947-02-10']);
  assert.deepEqual(one('Done at Ghent the twenty fourth day of December one thousand eight hundred and fourteen.'), [
    'the twenty fourth day of December one thousand eight hundred and fourteen',
    '1814-12-24',
  ]);
  assert.deepEqual(one('signed the 3rd day of September, in the year of our Lord 1783'), ['the 3rd day of September, in the year of our Lord 1783', '1783-09-03']);
  assert.deepEqual(one('the first day of July nineteen hundred and sixty-eight'), ['the first day of July nineteen hundred and sixty-eight', '1968-07-01']);
});

test('weekdays count from a time of writing known to the day', () => {
  // 22 August 1968 was a Thursday
  const diary: ResolveContext = { ...NONE, deictic: { value: '1968-08-22', kind: 'diary' } };
  assert.deepEqual(one('On Monday the ambassador called.', diary), ['On Monday', '1968-08-19']);
  assert.deepEqual(one('last Thursday they met', diary), ['last Thursday', '1968-08-15']);
  assert.deepEqual(one('we leave next Friday', diary), ['next Friday', '1968-08-23']);
  assert.deepEqual(read('on Monday', { ...NONE, deictic: { value: '1968-08', kind: 'document' } }), [['on Monday', null]]);
  assert.deepEqual(one('on Monday, August 19, 1968'), ['Monday, August 19, 1968', '1968-08-19']);
});

test('month names that are first names are not months', () => {
  assert.deepEqual(read('Ambassador April Glaspie met the president on July 25, 1990.'), [['July 25, 1990', '1990-07-25']]);
  assert.deepEqual(read('August Bebel spoke in March', { ...NONE, previous: { value: '1891', kind: 'previous' }, previousNear: true }), [['March', '1891-03']]);
});

test('days written as ordinal words, with or without "day" and a year', () => {
  assert.deepEqual(one('the preliminary articles of the thirtieth day of November, 1761'), ['the thirtieth day of November, 1761', '1761-11-30']);
  assert.deepEqual(one('ratified on the fourteenth of January, 1790'), ['the fourteenth of January, 1790', '1790-01-14']);
  assert.deepEqual(one('given this second day of June, in the year of our Lord one thousand seven hundred and ninety-one'), [
    'this second day of June, in the year of our Lord one thousand seven hundred and ninety-one',
    '1791-06-02',
  ]);
  const ctx: ResolveContext = { ...NONE, previous: { value: '1790-09-03', kind: 'narrative' }, previousNear: true };
  // "the twelfth of May following": the first such day after the narrative time, in the next year here
  assert.deepEqual(one('to be exchanged by the twelfth of May following', ctx), ['the twelfth of May following', '1791-05-12']);
  assert.deepEqual(one('to be exchanged by the twelfth of October following', ctx), ['the twelfth of October following', '1790-10-12']);
  assert.deepEqual(one('signed on the twenty-first of March', ctx), ['the twenty-first of March', '1790-03-21']);
  assert.deepEqual(one('in 1066 Anno Domini'), ['1066 Anno Domini', '1066']);
  // a lower-case month word is no month
  assert.deepEqual(read('the third of may be enough'), []);
});

test('a four-digit time of day is not a year', () => {
  assert.deepEqual(read('Rome, May 4, 1961, 1900Z'), [['May 4, 1961', '1961-05-04']]);
  assert.deepEqual(read('he called me in at 1130 hours'), []);
  assert.deepEqual(read('landed at 1545 GMT'), []);
});

test('"until" after a negated verb marks when it happened', () => {
  assert.deepEqual(one('Spain did not recognise the republic until 1839.'), ['until 1839', '1839']);
  assert.deepEqual(one('Not until 1952 did the two states exchange envoys.'), ['until 1952', '1952']);
  assert.deepEqual(one('The ban was never lifted until March 1960.'), ['until March 1960', '1960-03']);
  assert.deepEqual(one('The mission stayed in Lisbon until 1952.'), ['until 1952', '../1952']);
  // a negation in an earlier clause does not count
  assert.deepEqual(one('No treaty was signed; the truce held until 1952.'), ['until 1952', '../1952']);
});

test('formal dating: era words between month and year, years in words, "last" and "next" after a day', () => {
  assert.deepEqual(one('Done the 4th day of July, A.D. 1790.'), ['the 4th day of July, A.D. 1790', '1790-07-04']);
  assert.deepEqual(one('signed the eighth day of May, Anno Domini 1795'), ['the eighth day of May, Anno Domini 1795', '1795-05-08']);
  assert.deepEqual(one('in the Year One thousand eight hundred and nine'), ['the Year One thousand eight hundred and nine', '1809']);
  const writing: ResolveContext = { ...NONE, deictic: { value: '1805-03-02', kind: 'cable' } };
  assert.deepEqual(one('your despatch of the 30th of November last', writing), ['the 30th of November last', '1804-11-30']);
  assert.deepEqual(one('to be delivered on the 1st of June next', writing), ['the 1st of June next', '1805-06-01']);
});
