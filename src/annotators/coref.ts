/**
 * Coreference inside a paragraph, as extra actor mentions:
 * - actors.coref.pronoun-v1  "he", "him", "his", "she", "her" → the latest person
 *   mentioned before it in the same paragraph (confidence 0.4; 0.35 for possessives).
 * - actors.coref.definite-v1 "the regime", "the organisation", "this clique" →
 *   the latest actor of a fitting kind mentioned before it in the paragraph (0.45).
 * - actors.coref.population-v1 "the population", "the insurgents" with no antecedent in
 *   the paragraph → the people of the document's main country (0.35).
 * Nothing crosses a paragraph (block) boundary: the antecedent must be close.
 */

export interface CorefOptions {
  /** The people of the document's main country, for "the population" without antecedent. */
  focusPeople?: EntityRef | null;
}

/** Nouns for a population that, alone, mean the people the document is about. */
const POPULATION = new Set(['population', 'populace', 'masses', 'insurgents', 'demonstrators', 'protesters', 'protestors', 'people']);
/** Descriptions of a ruling faction: they never refer back to a whole population. */
const FACTION = new Set(['clique', 'gang', 'faction', 'junta']);
import type { ActorMention, Document, EntityKind, EntityRef, Sentence } from '../core/types.js';
import type { ActorIndex } from '../dictionaries/actors.js';
import type { Token } from '../dictionaries/actors-text.js';

const DEMONSTRATIVE = new Set(['the', 'this', 'that']);
const LETTERS = /^[a-z]+$/;
const POSSESSIVE_PRONOUNS = new Set(['his', 'her']);

export function corefMentions(
  doc: Document,
  sentences: Sentence[],
  toks: Token[][],
  mentions: ActorMention[],
  index: ActorIndex,
  opts: CorefOptions = {},
): ActorMention[] {
  const out: ActorMention[] = [];
  const sorted = [...mentions].sort((a, b) => a.span.start - b.span.start);
  const covered = (s: number, e: number) => {
    // binary search for the first mention ending after s
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.span.end <= s) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo]!.span.start < e;
  };
  let block = -1;
  let blockStart = 0;
  let prevBlockStart = 0;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    if (s.block !== block) {
      block = s.block;
      prevBlockStart = blockStart;
      blockStart = s.span.start;
    }
    const ts = toks[si]!;
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i]!;
      const pk = index.titles.pronouns.get(t.norm);
      if (pk) {
        if (covered(t.start, t.end)) continue;
        const ante = latest(sorted, blockStart, t.start, pk === 'person' ? PERSON : [pk]);
        if (ante) {
          out.push({
            span: { start: t.start, end: t.end },
            text: doc.text.slice(t.start, t.end),
            entity: ante.entity,
            ruleId: 'actors.coref.pronoun-v1',
            confidence: POSSESSIVE_PRONOUNS.has(t.norm) ? 0.35 : 0.4,
          });
        }
        continue;
      }
      if (!DEMONSTRATIVE.has(t.norm) || i + 1 >= ts.length) continue;
      let n = ts[i + 1]!;
      if (n.brk) continue;
      // one adjective between: "the communist regime", "this barbarous clique"
      if (!index.titles.definites.has(n.norm) && !POPULATION.has(n.norm) && i + 2 < ts.length && !n.cap && LETTERS.test(n.norm)) {
        const n2 = ts[i + 2]!;
        const k2 = index.titles.definites.get(n2.norm);
        if (!n2.brk && k2 && !k2.includes('person')) {
          n = n2;
          i++;
        }
      }
      const after = ts[i + 2];
      // "the regime of ...", "the government in ..." are not references back
      const qualified = !!after && !after.brk && (after.norm === 'of' || after.cap);
      if (t.norm === 'the' && POPULATION.has(n.norm) && opts.focusPeople && !qualified && !covered(t.start, n.end)) {
        // a population never refers back to a ruling faction
        const ante = FACTION.has(n.norm) ? null : latest(sorted, blockStart, t.start, GROUP, '-faction');
        out.push({
          span: { start: t.start, end: n.end },
          text: doc.text.slice(t.start, n.end),
          entity: ante?.entity ?? opts.focusPeople,
          ruleId: ante ? 'actors.coref.definite-v1' : 'actors.coref.population-v1',
          confidence: ante ? 0.45 : 0.35,
        });
        continue;
      }
      const kinds = index.titles.definites.get(n.norm);
      if (!kinds || kinds.includes('person')) continue;
      if (qualified) continue;
      if (covered(t.start, n.end)) continue;
      // a ruling faction is never a whole people
      const exclude = FACTION.has(n.norm) ? '-people' : null;
      // "that regime", "this clique" point back, possibly into the paragraph before
      const ante =
        latest(sorted, blockStart, t.start, kinds, exclude, 'salient') ??
        (t.norm !== 'the' ? latest(sorted, prevBlockStart, t.start, kinds, exclude, 'salient') : null);
      if (!ante) continue;
      out.push({
        span: { start: t.start, end: n.end },
        text: doc.text.slice(t.start, n.end),
        entity: ante.entity,
        ruleId: 'actors.coref.definite-v1',
        confidence: 0.45,
      });
    }
  }
  return out;
}

const PERSON: EntityKind[] = ['person'];
const GROUP: EntityKind[] = ['group'];

/**
 * The latest non-coreference mention of a fitting kind in [from, before): of one of `kinds`,
 * and not of an entity whose id ends with `exclude`.
 */
function latest(
  sorted: ActorMention[],
  from: number,
  before: number,
  kinds: EntityKind[],
  exclude: string | null = null,
  mode: 'latest' | 'salient' = 'latest',
): ActorMention | null {
  // walk back from the last mention before `before` to the paragraph start
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.span.start < before) lo = mid + 1;
    else hi = mid;
  }
  // latest: the nearest fitting actor; salient: the most mentioned fitting actor of the stretch, the nearest on a tie
  const count = new Map<string, number>();
  const nearest = new Map<string, ActorMention>();
  for (let k = lo - 1; k >= 0; k--) {
    const m = sorted[k]!;
    if (m.span.start < from) break;
    if (!kinds.includes(m.entity.kind) || (exclude !== null && m.entity.id.endsWith(exclude))) continue;
    if (mode === 'latest') return m;
    count.set(m.entity.id, (count.get(m.entity.id) ?? 0) + 1);
    if (!nearest.has(m.entity.id)) nearest.set(m.entity.id, m);
  }
  let best: ActorMention | null = null;
  let bestN = 0;
  for (const [id, m] of nearest) {
    const n = count.get(id)!;
    if (n > bestN) [best, bestN] = [m, n];
  }
  return best;
}
