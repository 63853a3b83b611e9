/**
 * Find lexicon matches in a sentence's tokens. A match is one rule variant
 * matched at one place; overlapping matches are reduced to the most specific
 * one (the longest), and a token read both as a verb and as a noun is read by
 * its context ("the attack" is a noun, "they attack" a verb).
 */
import type { CompiledRule, Lexicon, TokenSpec } from '../dictionaries/lexicon.js';
import type { Token } from './events-tokens.js';

export interface RuleMatch {
  rule: CompiledRule;
  /** Token range [start, end) of the whole match. */
  start: number;
  end: number;
  /** Other rules matching exactly the same words, tried in order when this one finds no actors. */
  alternatives?: RuleMatch[];
  /** Tokens read by word slots (not gaps): on the same words, the match naming more of them is more specific. */
  words?: number;
  /** How many forms the variant's word slots accept: on the same words, the narrower is more specific. */
  breadth?: number;
}

const MAX_GAP_SKIP = new Set([',', ';', ':', '.', '(', ')', '“', '”', '"']);

/**
 * The shortest match of `specs` starting at token `at`: its end (exclusive) and how many of its tokens
 * were read by word slots (the rest fell in gaps), or null. A slot of several-word alternatives
 * tries each alternative whole, longest first.
 */
export function matchAt(specs: TokenSpec[], tokens: Token[], at: number): { end: number; words: number } | null {
  let words = 0;
  const go = (s: number, i: number, w: number): number => {
    if (s === specs.length) {
      words = w;
      return i;
    }
    const spec = specs[s]!;
    if (spec.type === 'gap') {
      for (let k = 0; k <= spec.max && i + k <= tokens.length; k++) {
        if (k > 0 && MAX_GAP_SKIP.has(tokens[i + k - 1]!.norm)) break;
        const r = go(s + 1, i + k, w);
        if (r >= 0) return r;
      }
      return -1;
    }
    if (i < tokens.length && spec.forms.has(tokens[i]!.norm)) {
      if (spec.seqs) {
        for (const seq of spec.seqs) {
          if (i + seq.length > tokens.length) continue;
          let ok = true;
          for (let k = 0; k < seq.length && ok; k++) ok = tokens[i + k]!.norm === seq[k];
          if (!ok) continue;
          const r = go(s + 1, i + seq.length, w + seq.length);
          if (r >= 0) return r;
        }
      } else {
        const r = go(s + 1, i + 1, w + 1);
        if (r >= 0) return r;
      }
    }
    return spec.optional ? go(s + 1, i, w) : -1;
  };
  const end = go(0, at, 0);
  return end >= 0 ? { end, words } : null;
}

const DETERMINERS = new Set([
  'the', 'a', 'an', 'this', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my', 'your', "'s",
  'any', 'no', 'every', 'each', 'first', 'second', 'last', 'latest', 'further', 'new', 'official', 'state', 'return',
  'five', 'four', 'three', 'two', 'several', 'many', 'some', 'such', 'historic', 'mutual', 'joint', 'all-out', 'previous',
  'recent', 'frequent', 'numerous', 'repeated', 'continued', 'massive', 'significant', 'strong',
]);

const ADJECTIVES = new Set([
  'great', 'greater', 'greatest', 'good', 'big', 'large', 'small', 'new', 'old', 'warm', 'warmest', 'strong', 'close',
  'full', 'deep', 'vital', 'huge', 'high', 'highest', 'heavy', 'direct', 'foreign', 'joint', 'mutual', 'moral',
  'unwavering', 'further', 'own', 'real', 'open', 'secret', 'brief', 'long', 'short', 'major', 'main', 'total',
  'sincere', 'deepest', 'complete', 'free', 'armed', 'military', 'economic', 'political', 'diplomatic', 'public',
  'international', 'bilateral', 'official', 'formal', 'fresh', 'renewed', 'repeated', 'previous', 'latest', 'lasting',
  'private', 'informal', 'preliminary', 'exploratory', 'separate', 'trilateral', 'multilateral', 'lengthy', 'intensive',
  'extensive', 'confidential', 'frank', 'cordial', 'friendly', 'fruitful', 'detailed', 'prolonged', 'protracted', 'secret',
  'high-level', 'top-level', 'ministerial', 'quadripartite', 'tripartite', 'bipartite', 'indirect', 'difficult', 'tough',
]);
const ARTICLES = new Set(['the', 'a', 'an', 'this', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my', 'your']);
const NOMINAL_AFTER = new Set(['for', 'of', 'in', 'after', 'before', 'during', 'following', 'with', 'about', 'on', 'into', 'from', 'by', 'at', 'without', 'through']);

/** Is the token at `i` used as a noun, judged from its left neighbour? */
export function nominalContext(tokens: Token[], i: number, isMention: (k: number) => boolean): boolean {
  // Opening quotation marks do not count: 'the “fighting friendship”' is still a noun phrase.
  while (i > 0 && ['“', '"', '‘'].includes(tokens[i - 1]!.norm)) i--;
  const prev = tokens[i - 1];
  if (!prev) return false;
  if (DETERMINERS.has(prev.norm)) return true;
  if (/^\d/.test(prev.norm)) return true;
  if (ADJECTIVES.has(prev.norm)) return true;
  // After a preposition or an adjective-looking word: "for talks", "political talks", "military aid".
  if (NOMINAL_AFTER.has(prev.norm)) return true;
  if (!isMention(i - 1) && /^[a-z]{3,}(al|ic|ive|ful|ous|ary|ent|ant|ese|ian|ish)$/.test(prev.norm)) return true;
  // A hyphenated adjective: "an all-out attack".
  if (prev.word && tokens[i - 2]?.norm === '-' && tokens[i - 3]?.word) return true;
  // "the Chinese attack", "Israeli aggression": an actor adjective right before the word.
  if (isMention(i - 1)) {
    const before = tokens[i - 2];
    return !!before && (DETERMINERS.has(before.norm) || NOMINAL_AFTER.has(before.norm) || ['-', '–', 'and', 'under'].includes(before.norm));
  }
  return false;
}

export function findMatches(tokens: Token[], lexicon: Lexicon, isMention: (k: number) => boolean, reject?: (m: RuleMatch) => boolean): RuleMatch[] {
  const found: RuleMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const cands = lexicon.index.get(tokens[i]!.norm);
    if (!cands) continue;
    for (const { rule, specs, breadth } of cands) {
      const r = matchAt(specs, tokens, i);
      if (r && r.end > i && !reject?.({ rule, start: i, end: r.end })) found.push({ rule, start: i, end: r.end, words: r.words, breadth });
    }
  }
  if (found.length < 2) return filterKinds(found, tokens, isMention).preferred;
  // Longest first; among equals, keep lexicon order (more specific rules are listed first per file).
  // Built-in rules first (longest first); rules imported from other dictionaries only fill gaps.
  // On exactly the same words, the more specific rule first (more words named, fewer forms accepted),
  // whichever file it comes from; lexicon order only among equals.
  found.sort((a, b) => Number(a.rule.file === 'petrarch') - Number(b.rule.file === 'petrarch') || b.end - b.start - (a.end - a.start) || a.start - b.start ||
    (b.words ?? 0) - (a.words ?? 0) || (a.breadth ?? 0) - (b.breadth ?? 0));
  const kept: RuleMatch[] = [];
  const { preferred, demoted } = filterKinds(found, tokens, isMention);
  // The other reading of the same words (noun for verb or verb for noun) stays as a last alternative.
  for (const m of [...preferred, ...demoted]) {
    const twin = kept.find((k) => k.start === m.start && k.end === m.end);
    if (twin) {
      (twin.alternatives ??= []).push(m);
      continue;
    }
    if (kept.some((k) => k.start < m.end && m.start < k.end)) continue;
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Prefer the noun reading in nominal context and the verb reading elsewhere; a demoted reading that
 * has a preferred rival over the same words is only tried when the preferred one finds no actors.
 */
function filterKinds(ms: RuleMatch[], tokens: Token[], isMention: (k: number) => boolean): { preferred: RuleMatch[]; demoted: RuleMatch[] } {
  const preferred: RuleMatch[] = [];
  const demoted: RuleMatch[] = [];
  for (const m of ms) (keepReading(m, ms, tokens, isMention) ? preferred : demoted).push(m);
  // A demoted reading survives only beside a preferred reading of exactly the same words.
  // Demoted readings are dropped: trying them when the preferred reading finds no actors added more
  // wrong events than right ones on the development set.
  void demoted;
  return { preferred, demoted: [] };
}

function keepReading(m: RuleMatch, ms: RuleMatch[], tokens: Token[], isMention: (k: number) => boolean): boolean {
    const rival = ms.find((o) => o !== m && o.start === m.start && o.rule.kind !== m.rule.kind);
    const nominal = nominalContext(tokens, m.start, isMention);
    // In nominal context a verb reading survives only in a past form ("the PLO attacked"),
    // not as "the Albanian Charge" or "the exiled army" (a participle used as an adjective).
    const head = tokens[m.start]!.norm;
    const prev = tokens[m.start - 1]?.norm ?? '';
    // Only a match that starts with a verb can be misread as a verb ("a dinner in honour of" starts with a noun).
    const startsWithVerb = m.rule.verbForms.has(head);
    const gerundAfterPrep = m.rule.gerunds.has(head) && NOMINAL_AFTER.has(prev);
    // "a statement condemning X", "the government protesting Y": a gerund after a noun in -ment modifies
    // that noun; it is still a verb (the -ment noun only looks like an adjective).
    const gerundAfterNoun = m.rule.gerunds.has(head) && /ment$/.test(prev);
    // "Egypt and Israel agree to ...": after coordinated actors, a word with no noun reading is a verb.
    const afterCoordinated = !rival && isMention(m.start - 1) && tokens[m.start - 2]?.norm === 'and';
    if (m.rule.kind === 'verb' && startsWithVerb && nominal && !afterCoordinated && (rival || ARTICLES.has(prev) || (!m.rule.participles.has(head) && !gerundAfterPrep && !gerundAfterNoun))) return false;
    // "a warm welcome to visiting envoys": a gerund between a preposition or article and a plain noun is an adjective.
    const next = tokens[m.start + 1];
    if (m.rule.kind === 'verb' && m.end - m.start === 1 && m.rule.gerunds.has(head) && (NOMINAL_AFTER.has(prev) || ARTICLES.has(prev)) && next?.word && !isMention(m.start + 1) && /s$/.test(next.norm)) return false;
    // At the start of a sentence a plural noun is likelier than a bare verb ("Talks between A and B ...").
    if (m.rule.kind === 'noun' && rival && !nominal && m.start > 0) return false;
    if (m.rule.kind === 'verb' && rival && m.start === 0) return false;
    return true;
}
