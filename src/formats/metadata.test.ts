import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorFromLine, parseDateToEdtf, publishedFromLine } from './metadata.js';

test('dates as documents state them become EDTF', () => {
  const cases: Array<[string, string | null]> = [
    ['2018-08-16', '2018-08-16'],
    ['2018-08-16T10:00:00Z', '2018-08-16'],
    ['2018-08-16T10:00:00+02:00', '2018-08-16'],
    ['2018-08', '2018-08'],
    ['1997', '1997'],
    ['July 1997', '1997-07'],
    ['16 August 2018', '2018-08-16'],
    ['16th of August, 2018', '2018-08-16'],
    ['August 16, 2018', '2018-08-16'],
    ['Aug. 16th 2018', '2018-08-16'],
    ['spring 1976', '1976-21'],
    ['the summer of 1978', '1978-22'],
    ['16/08/2018', '2018-08-16'],
    ['05/06/2018', null], // day and month order unknown
    ['30 February 2018', null],
    ['2018-13-01', null],
    ['next week', null],
    ['', null],
  ];
  for (const [input, want] of cases) assert.equal(parseDateToEdtf(input), want, input);
});

test('publication lines', () => {
  assert.equal(publishedFromLine('First published: July 1997'), '1997-07');
  assert.equal(publishedFromLine('Posted on August 16, 2018 by admin'), '2018-08-16');
  assert.equal(publishedFromLine('Published 3 March 2026'), '2026-03-03');
  assert.equal(publishedFromLine('Date: 1975-08-01'), '1975-08-01');
  assert.equal(publishedFromLine('Published in July 1997 was a book about the war that many people read.'), null);
  assert.equal(publishedFromLine('The treaty was published in 1978.'), null);
});

test('author lines', () => {
  assert.equal(authorFromLine('By Jane Roe'), 'Jane Roe');
  assert.equal(authorFromLine('Author: Klaus von Berg'), 'Klaus von Berg');
  assert.equal(authorFromLine('by the way, the talks failed'), null);
  assert.equal(authorFromLine('By 1978 relations had cooled on both sides'), null);
});
