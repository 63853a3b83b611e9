/**
 * Finding the subject past a quoted title or a parenthesis, and through a text's author
 * ("an editorial in X said"): sentences of our own, through the real coder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureDyads } from './events-fixture.js';
import { loadLexicon } from '../dictionaries/lexicon.js';

const lexicon = loadLexicon();
const dyads = (text: string): string[] => fixtureDyads(text, lexicon);

test('an actor inside a quoted title or a parenthesis before the verb is not its subject', () => {
  const got = dyads('In 1978 Tirana, in “A Reply to Cambodia” (a pamphlet on Vietnam), praised Hanoi.');
  assert.ok(got.includes('051 ALB>VNM'), JSON.stringify(got));
  assert.ok(!got.some((d) => d.startsWith('051 KHM') || d.startsWith('051 VNM')), JSON.stringify(got));
});

test('the organ or author of an editorial, statement or letter is the subject of what the text does', () => {
  const got = dyads('In 1978 an editorial in the Albanian press “Peoples of Vietnam and Cambodia” (5 January 1978) praised Hanoi.');
  assert.ok(got.includes('051 ALB>VNM'), JSON.stringify(got));
  const letter = dyads('In 1978 a letter from Tirana condemned Beijing.');
  assert.ok(letter.includes('111 ALB>CHN'), JSON.stringify(letter));
});

test('a participle right after the actor it describes, with an actor as "by" agent, is passive', () => {
  const got = dyads('In 1999 the United States supported by France bombed Yugoslavia.');
  assert.ok(got.includes('051 FRA>USA'), JSON.stringify(got));
  assert.ok(!got.includes('051 USA>FRA'), JSON.stringify(got));
});
