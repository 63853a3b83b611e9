import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phraseTree, WordTable, wordHash } from './actors-words.js';

test('the word table answers as a Map with the same keys', () => {
  const words = ['the', 'albania', 'prime', 'minister', 'zeri', "'s", '1978', 'é', 'ſ', 'a', '', 'people'];
  const entries = words.map((w, k): [string, number] => [w, k]);
  // a key given twice keeps its last value, as Map.set does
  entries.push(['albania', 99]);
  const map = new Map(entries);
  const table = new WordTable(entries);
  for (const w of [...words, 'Albania', 'albanian', 'alban', 'th', 'thee', 'minister ', 'peoples', 'x', '\u{1f600}']) {
    assert.equal(table.get(w, wordHash(w)), map.get(w), w);
  }
  // many words, so that hashes share slots and bits of the filter
  const many = Array.from({ length: 5000 }, (_, k) => `w${k.toString(36)}`);
  const big = new WordTable(many.map((w, k): [string, number] => [w, k]));
  for (let k = 0; k < 5000; k++) assert.equal(big.get(many[k]!, wordHash(many[k]!)), k);
  for (let k = 5000; k < 10000; k++) assert.equal(big.get(`w${k.toString(36)}`, wordHash(`w${k.toString(36)}`)), undefined);
});

test('wordHash is a 32-bit integer that depends on every character', () => {
  assert.equal(wordHash('albania'), wordHash('albania'));
  assert.notEqual(wordHash('albania'), wordHash('albanib'));
  assert.notEqual(wordHash('ab'), wordHash('ba'));
  assert.equal(wordHash('x') | 0, wordHash('x'));
});

test('the phrase tree holds every phrase by its words, and the phrases along the way', () => {
  const t = phraseTree(new Map([['prime minister', 'head-of-government'], ['minister', 'minister'], ['minister of foreign affairs', 'foreign-minister']]));
  assert.equal(t.get('prime')!.value, undefined);
  assert.equal(t.get('prime')!.next!.get('minister')!.value, 'head-of-government');
  const m = t.get('minister')!;
  assert.equal(m.value, 'minister');
  assert.equal(m.next!.get('of')!.value, undefined);
  assert.equal(m.next!.get('of')!.next!.get('foreign')!.next!.get('affairs')!.value, 'foreign-minister');
  assert.equal(t.get('foreign'), undefined);
});
