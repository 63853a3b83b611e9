/**
 * Words that attack, threaten or condemn without force (data/lexicon/rhetoric.json), through
 * the real coder on sentences of our own, with the fixture's actors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureDyads } from '../annotators/events-fixture.js';
import { loadLexicon } from './lexicon.js';

const lexicon = loadLexicon();
const dyads = (text: string): string[] => fixtureDyads(text, lexicon);

function has(text: string, want: string): void {
  const got = dyads(text);
  assert.ok(got.includes(want), `expected ${want} in ${JSON.stringify(got)} for: ${text}`);
}

function lacks(text: string, codePrefix: string): void {
  const got = dyads(text);
  assert.ok(!got.some((g) => g.startsWith(codePrefix)), `expected no ${codePrefix}… in ${JSON.stringify(got)} for: ${text}`);
}

test('an attack in words is criticism (111), an attack by arms stays 190', () => {
  has('In 1961 Albania bitterly attacked the Soviet Union.', '111 ALB>SUN');
  has('Tirana attacked Moscow as sharply as Beijing.', '111 ALB>SUN');
  has('In 1978 the Albanian press attacked China in a long editorial.', '111 ALB>CHN');
  lacks('In 1961 Albania bitterly attacked the Soviet Union.', '190');
  has('In 1979 Chinese troops attacked Vietnam.', '190 CHN>VNM');
});

test('a polemic or diatribe against an actor is criticism', () => {
  has('In 1977 Hoxha opened his polemic against the Chinese theory of the three worlds.', '111 ALB>CHN');
  has('Tito delivered a diatribe against Moscow.', '111 YUG>SUN');
});

test('threatening notes, religious rulings and ultimatums are threats', () => {
  has('In 1956 Moscow sent a threatening note to Paris.', '130 SUN>FRA');
  has('The Soviet Union issued an anathema against Yugoslavia.', '130 SUN>YUG');
  has('In 1914 Italy delivered an ultimatum to Albania.', '139 ITA>ALB');
});

test('the built-in lexicon has nothing the compiler doubts (strict load, no warnings)', () => {
  assert.deepEqual(loadLexicon({ strict: true }).warnings, []);
});

test('a call to disarm, disband or surrender is an appeal to yield (025)', () => {
  has('In 1997 Tirana called upon Rome to give up its arms.', '025 ALB>ITA');
  has('Washington urged Phnom Penh to lay down its weapons.', '025 USA>KHM');
});
