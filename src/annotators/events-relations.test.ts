import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLexicon } from '../dictionaries/lexicon.js';
import { fixtureDyads } from './events-fixture.js';

const lexicon = loadLexicon();
const dyads = (text: string) => fixtureDyads(text, lexicon);

test('relations restored by a verb with no "relations" of its own: the same two sides, both ways', () => {
  // events.relations.ellipsis-v1
  assert.deepEqual(dyads('China broke off relations with Vietnam in 1979 and restored them in 1991.'), ['054 CHN>VNM', '054 VNM>CHN', '161 CHN>VNM']);
  assert.deepEqual(dyads('China severed relations with Vietnam in 1979; they were restored in 1991.'), ['054 CHN>VNM', '054 VNM>CHN', '161 CHN>VNM']);
  assert.deepEqual(dyads('China severed relations with Vietnam in 1979. They were restored in 1991.'), ['054 CHN>VNM', '054 VNM>CHN', '161 CHN>VNM']);
});

test('a break after relations established is the subject\'s, one way', () => {
  assert.deepEqual(dyads('China established relations with Vietnam in 1950 and broke them off in 1979.'), ['054 CHN>VNM', '054 VNM>CHN', '161 CHN>VNM']);
});

test('no echo without relations before it, nor for other things restored', () => {
  assert.deepEqual(dyads('China restored order in 1980 and cut taxes.'), []);
  assert.deepEqual(dyads('China praised Vietnam. They were restored in 1991.'), ['051 CHN>VNM']);
  assert.deepEqual(dyads('China signed a treaty with Vietnam, and trade was restored in 1980.'), ['057 CHN>VNM', '057 VNM>CHN']);
});
