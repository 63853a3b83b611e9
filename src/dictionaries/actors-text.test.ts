import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateNum, foldWord, overlap, phraseKey, slug, tokenize, tokenizeRange } from './actors-text.js';

test('folding: case, diacritics, curly apostrophes, initialism periods', () => {
  assert.equal(foldWord('Zëri'), 'zeri');
  assert.equal(foldWord('U.S.'), 'us');
  assert.equal(foldWord('D’Alema'), "d'alema");
  assert.equal(phraseKey('People’s Republic of Albania'), phraseKey("people's republic of albania"));
});

test('possessives become their own token; hyphens and punctuation are remembered', () => {
  const t = tokenize('Albania’s Ben-Gvir, then U.S. troops');
  assert.deepEqual(
    t.map((x) => x.norm),
    ['albania', "'s", 'ben', 'gvir', 'then', 'us', 'troops'],
  );
  assert.equal(t[3]!.hyphen, true);
  assert.equal(t[4]!.brk, true);
  assert.equal(t[5]!.raw, 'U.S.');
  assert.equal(t[0]!.cap, true);
  assert.equal(t[5]!.upper, true);
});

test('offsets are UTF-16 indices, also after astral characters', () => {
  const text = '𝔸 Hoxha met 😀 Sihanouk';
  const t = tokenize(text, 10);
  for (const x of t) assert.equal(text.slice(x.start - 10, x.end - 10), x.raw);
  assert.equal(t.find((x) => x.norm === 'sihanouk')!.start, 10 + text.indexOf('Sihanouk'));
});

test('slugs and dates', () => {
  assert.equal(slug('Zëri i Popullit'), 'zeri-i-popullit');
  assert.equal(slug('Gideon Sa’ar'), 'gideon-sa-ar');
  assert.equal(dateNum('1976', 'start'), 19760101);
  assert.equal(dateNum('1976-04', 'end'), 19760431);
  assert.equal(overlap('1976-04-14', '1979-01-07', 19770101, 19771231), 19771231 - 19770101 + 1);
  assert.equal(overlap('1980', null, 19770101, 19771231), 0);
});

test('words are cut as the word pattern cuts them (initialisms, apostrophes, marks, digits, astral letters)', () => {
  const WORD = /\p{L}(?:\.\p{L})+\.?|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
  const alphabet = ['a', 'B', 'e', 's', 'S', 'D', '0', '7', '.', '.', "'", '’', '-', '–', ' ', ' ', '\u00a0', '\n', ',', '(', 'é', 'Č', '\u0301', '٣', '𝔸', '😀', '\ud800', 'α'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % alphabet.length;
  for (let n = 0; n < 3000; n++) {
    let text = '';
    for (let k = 0, len = 1 + (n % 40); k < len; k++) text += alphabet[next()];
    const expected = [...text.matchAll(WORD)].map((m) => `${m.index! + 3}:${m[0]}`);
    // a possessive "’s" is a token of its own: join it back to its word
    const words: string[] = [];
    for (const t of tokenize(text, 3)) {
      if (/^['’]/.test(t.raw)) words[words.length - 1] += t.raw;
      else words.push(`${t.start}:${t.raw}`);
    }
    assert.deepEqual(words, expected, JSON.stringify(text));
    const from = n % 5;
    assert.deepEqual(tokenizeRange(text, from, text.length), tokenize(text.slice(from), from), JSON.stringify(text));
  }
  assert.deepEqual(
    tokenize('U.S.-led A.Bc don’t dogs’ X. Zëri 𝔸b').map((t) => t.raw),
    ['U.S.', 'led', 'A.B', 'c', 'don’t', 'dogs', 'X', 'Zëri', '𝔸b'],
  );
});
