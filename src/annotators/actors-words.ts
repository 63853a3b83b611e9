/**
 * A table of words (folded token forms) for the actor annotator's lookups at every token.
 *
 * The annotator asks, for each word of a document, what it can begin (a name of the index, a
 * title, a phrase). A JavaScript Map keyed by strings compares the word asked with the words of
 * its bucket, most of them far apart in memory and not in the processor's caches while the rest
 * of the pipeline runs. This table keeps, beside each word, a 32-bit hash of it in a typed
 * array: a word that is not in the table is told from the hashes alone, and only a word whose
 * hash matches is compared with the stored one. Results are those of a Map with the same keys.
 */

/** FNV-1a over the UTF-16 code units of `s`, as a signed 32-bit integer. */
export function wordHash(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

const FILTER_BITS = 15;
const FILTER_MASK = (1 << FILTER_BITS) - 1;

/** Words with a value each, read by word (and its hash); built once, not changed after. */
export class WordTable<T> {
  private readonly hashes: Int32Array;
  /** 0 for an empty slot, else 1 + the entry's position in `words` and `values`. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** One bit per value of the hash's low FILTER_BITS bits: set when some word of the table has it. */
  private readonly filter = new Int32Array(1 << (FILTER_BITS - 5));
  private readonly words: string[] = [];
  private readonly values: T[] = [];

  constructor(entries: Iterable<readonly [string, T]>) {
    const list = [...entries];
    let size = 16;
    while (size < list.length * 2) size <<= 1;
    this.hashes = new Int32Array(size);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (const [w, v] of list) this.set(w, v);
  }

  private set(word: string, value: T): void {
    const h = wordHash(word);
    let s = h & this.mask;
    for (let e = this.slots[s]!; e !== 0; s = (s + 1) & this.mask, e = this.slots[s]!) {
      if (this.hashes[s] === h && this.words[e - 1] === word) {
        this.values[e - 1] = value;
        return;
      }
    }
    this.filter[(h & FILTER_MASK) >>> 5]! |= 1 << (h & 31);
    this.words.push(word);
    this.values.push(value);
    this.hashes[s] = h;
    this.slots[s] = this.words.length;
  }

  /** The value of `word`, whose wordHash is `h`; undefined when the word is not in the table. */
  get(word: string, h: number): T | undefined {
    if ((this.filter[(h & FILTER_MASK) >>> 5]! & (1 << (h & 31))) === 0) return undefined;
    const mask = this.mask;
    for (let s = h & mask, e = this.slots[s]!; e !== 0; s = (s + 1) & mask, e = this.slots[s]!) {
      if (this.hashes[s] === h && this.words[e - 1] === word) return this.values[e - 1];
    }
    return undefined;
  }
}

/** A node of a tree of phrases by their words: the value of the phrase ending here, and the words that go on. */
export interface PhraseNode<T> {
  value: T | undefined;
  next: Map<string, PhraseNode<T>> | null;
}

/**
 * The phrases of `m` (words joined by one space) as a tree by their words, so that the longest
 * phrase at a token is found by following the tokens' words, without joining them into keys.
 */
export function phraseTree<T>(m: Map<string, T>): Map<string, PhraseNode<T>> {
  const root = new Map<string, PhraseNode<T>>();
  for (const [phrase, value] of m) {
    let level = root;
    let node: PhraseNode<T> | undefined;
    const words = phrase.split(' ');
    for (let k = 0; k < words.length; k++) {
      node = level.get(words[k]!);
      if (!node) level.set(words[k]!, (node = { value: undefined, next: null }));
      if (k < words.length - 1) level = node.next ??= new Map();
    }
    node!.value = value;
  }
  return root;
}
