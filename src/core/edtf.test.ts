import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  addMonths,
  bceToAstronomical,
  compareEdtf,
  edtfBounds,
  edtfCovers,
  edtfOverlaps,
  edtfPrecision,
  edtfSpanDays,
  formatEdtf,
  isEdtf,
  MAX_DATE,
  MIN_DATE,
  parseEdtf,
  yearSpread,
} from './edtf.js';
import { AnnalsError } from './errors.js';

test('days, months and years have calendar bounds', () => {
  assert.deepEqual(edtfBounds('1970-07-29'), { earliest: '1970-07-29', latest: '1970-07-29' });
  assert.deepEqual(edtfBounds('1976-10'), { earliest: '1976-10-01', latest: '1976-10-31' });
  assert.deepEqual(edtfBounds('1976-02'), { earliest: '1976-02-01', latest: '1976-02-29' });
  assert.deepEqual(edtfBounds('1900-02'), { earliest: '1900-02-01', latest: '1900-02-28' });
  assert.deepEqual(edtfBounds('1976'), { earliest: '1976-01-01', latest: '1976-12-31' });
});

test('dates before 1800 and BCE years (astronomical numbering)', () => {
  assert.deepEqual(edtfBounds('1648-10-24'), { earliest: '1648-10-24', latest: '1648-10-24' });
  assert.deepEqual(edtfBounds('0800-12-25'), { earliest: '0800-12-25', latest: '0800-12-25' });
  assert.equal(bceToAstronomical(44), -43);
  assert.deepEqual(edtfBounds('-0043-03-15'), { earliest: '-0043-03-15', latest: '-0043-03-15' });
  assert.deepEqual(edtfBounds('-0490'), { earliest: '-0490-01-01', latest: '-0490-12-31' });
  assert.equal(edtfPrecision('-0490'), 'year');
  assert.ok(compareEdtf('-0490', '-0043') < 0);
  assert.deepEqual(edtfBounds('-019X'), { earliest: '-0199-01-01', latest: '-0190-12-31' });
  // year 0 exists and is a leap year (1 BCE)
  assert.deepEqual(edtfBounds('0000-02'), { earliest: '0000-02-01', latest: '0000-02-29' });
});

test('seasons use meteorological bounds, winter runs into the next year', () => {
  assert.deepEqual(edtfBounds('1976-21'), { earliest: '1976-03-01', latest: '1976-05-31' });
  assert.deepEqual(edtfBounds('1978-22'), { earliest: '1978-06-01', latest: '1978-08-31' });
  assert.deepEqual(edtfBounds('1978-23'), { earliest: '1978-09-01', latest: '1978-11-30' });
  assert.deepEqual(edtfBounds('1979-24'), { earliest: '1979-12-01', latest: '1980-02-29' });
  assert.deepEqual(edtfBounds('1990-33'), { earliest: '1990-01-01', latest: '1990-03-31' });
  assert.deepEqual(edtfBounds('1990-41'), { earliest: '1990-07-01', latest: '1990-12-31' });
  assert.equal(edtfPrecision('1976-21'), 'season');
});

test('decades, centuries and unspecified months', () => {
  assert.deepEqual(edtfBounds('197X'), { earliest: '1970-01-01', latest: '1979-12-31' });
  assert.deepEqual(edtfBounds('19XX'), { earliest: '1900-01-01', latest: '1999-12-31' });
  assert.deepEqual(edtfBounds('1976-XX'), { earliest: '1976-01-01', latest: '1976-12-31' });
  assert.equal(edtfPrecision('197X'), 'decade');
  assert.equal(edtfPrecision('19XX'), 'century');
  assert.equal(formatEdtf(parseEdtf('197X')), '197X');
  assert.equal(formatEdtf(parseEdtf('19XX')), '19XX');
});

test('qualifiers keep nominal bounds and survive a round trip', () => {
  for (const s of ['1977~', '1970-04-28~', '1984?', '2004-06%', '1970~/1975-11']) {
    assert.equal(formatEdtf(parseEdtf(s)), s);
  }
  const v = parseEdtf('1977~');
  assert.equal(v.type === 'date' && v.approximate, true);
  assert.deepEqual(edtfBounds('1977~'), edtfBounds('1977'));
  const u = parseEdtf('2004-06%');
  assert.equal(u.type === 'date' && u.approximate && u.uncertain, true);
});

test('intervals, open and unknown ends', () => {
  assert.deepEqual(edtfBounds('1975-12-02/1978-07'), { earliest: '1975-12-02', latest: '1978-07-31' });
  assert.deepEqual(edtfBounds('1991/..'), { earliest: '1991-01-01', latest: MAX_DATE });
  assert.deepEqual(edtfBounds('../1939'), { earliest: MIN_DATE, latest: '1939-12-31' });
  assert.deepEqual(edtfBounds('/1939'), { earliest: MIN_DATE, latest: '1939-12-31' });
  assert.equal(formatEdtf(parseEdtf('1991/..')), '1991/..');
  assert.equal(formatEdtf(parseEdtf('/1939')), '/1939');
  assert.equal(edtfPrecision('1949/1991'), 'interval');
  assert.equal(edtfSpanDays('1991/..'), Infinity);
});

test('invalid values are refused with E020', () => {
  for (const s of ['', '1976-13', '1976-02-30', '19X6', '197X-05', '1978/1975', '../..', 'spring 1976', '1976-21-05']) {
    assert.equal(isEdtf(s), false, s);
    assert.throws(() => parseEdtf(s), (e: unknown) => e instanceof AnnalsError && e.code === 'E020');
  }
});

test('compare orders by earliest then latest bound', () => {
  const sorted = ['1977', '197X', '1976-10', '1976-10-17', '../1975', '1976-21'].sort(compareEdtf);
  assert.deepEqual(sorted, ['../1975', '197X', '1976-21', '1976-10', '1976-10-17', '1977']);
});

test('overlap and cover', () => {
  assert.ok(edtfOverlaps('1970-04-28~', '1970-04'));
  assert.ok(edtfOverlaps('197X', '1975-12-02/1978-07'));
  assert.ok(!edtfOverlaps('1980', '197X'));
  assert.ok(edtfOverlaps('1991/..', '2024'));
  assert.ok(edtfCovers('197X', '1976-21'));
  assert.ok(!edtfCovers('1976-21', '1976-06'));
});

test('yearSpread weighs each year by the days it holds', () => {
  const decade = yearSpread('197X');
  assert.equal(decade.length, 10);
  assert.equal(decade[0].year, 1970);
  assert.ok(Math.abs(decade.reduce((s, w) => s + w.weight, 0) - 1) < 1e-9);
  assert.ok(decade.every((w) => w.weight > 0.09 && w.weight < 0.11));
  assert.deepEqual(yearSpread('1976-10'), [{ year: 1976, weight: 1 }]);
  const winter = yearSpread('1979-24');
  assert.deepEqual(winter.map((w) => w.year), [1979, 1980]);
  assert.ok(winter[0].weight < winter[1].weight);
  assert.deepEqual(yearSpread('1991/..'), [{ year: 1991, weight: 1 }]);
});

test('calendar arithmetic crosses months, leap days and era boundaries', () => {
  assert.deepEqual(addDays({ y: 1970, m: 5, d: 1 }, -3), { y: 1970, m: 4, d: 28 });
  assert.deepEqual(addDays({ y: 1972, m: 3, d: 1 }, -1), { y: 1972, m: 2, d: 29 });
  assert.deepEqual(addDays({ y: 1, m: 1, d: 1 }, -1), { y: 0, m: 12, d: 31 });
  assert.deepEqual(addMonths({ y: 1978, m: 1, d: 31 }, 1), { y: 1978, m: 2, d: 28 });
  assert.deepEqual(addMonths({ y: 1978, m: 12, d: 5 }, 2), { y: 1979, m: 2, d: 5 });
});
