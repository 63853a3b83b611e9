/**
 * Conflict and violence rules (data/lexicon/conflict.json, violence.json) through the real coder,
 * on sentences of our own with the fixture's actors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureDyads } from '../annotators/events-fixture.js';
import { loadLexicon } from './lexicon.js';

const lexicon = loadLexicon();
const dyads = (text: string): string[] => fixtureDyads(text, lexicon);

test('leaving an alliance or organisation is 160; leaving a legation or a city is not', () => {
  assert.ok(dyads('In 1968 Tirana left the UN.').includes('160 ALB>IGO'), JSON.stringify(dyads('In 1968 Tirana left the UN.')));
  assert.ok(dyads('In 1961 Albania withdrew from the UN.').includes('160 ALB>IGO'));
  const legation = dyads('In 1956 Albania recalled its minister from Israel and left the legation to a chargé of Egypt.');
  assert.ok(!legation.some((d) => d.startsWith('160')), JSON.stringify(legation));
});

test('killing or firing on protesters or a crowd is violent repression (175); soldiers after a quantity are the target', () => {
  const got = dyads('In 1989 Chinese troops fired on a crowd of Vietnamese in Beijing.');
  assert.ok(got.some((d) => d.startsWith('175 CHN>')), JSON.stringify(got));
  const war = dyads('In 1979 Chinese troops killed dozens of Vietnamese soldiers.');
  assert.ok(war.includes('190 CHN>VNM'), JSON.stringify(war));
});

test('aid said to have ended is the giver stopping it (162), not aid given', () => {
  for (const s of ["In 1978 China's aid to Albania ended.", 'Soviet economic assistance to Egypt ceased in 1972.', 'In 1961 Soviet assistance to Albania was suspended.']) {
    const got = dyads(s);
    assert.ok(got.some((d) => d.startsWith('162 ')), `${s} ${JSON.stringify(got)}`);
    assert.ok(!got.some((d) => d.startsWith('07')), `${s} ${JSON.stringify(got)}`);
  }
  assert.ok(dyads('In 1970 China sent aid to Albania.').some((d) => d.startsWith('07')));
});
