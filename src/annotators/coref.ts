/**
 * Coreference inside a paragraph, as extra actor mentions:
 * - actors.coref.pronoun-v1  "he", "him", "his", "she", "her" → the latest person
 *   mentioned before it in the same paragraph (confidence 0.4; 0.35 for possessives).
 * - actors.coref.definite-v1 "the regime", "the organisation", "this clique" →
 *   the latest actor of a fitting kind mentioned before it in the paragraph (0.45).
 * Nothing crosses a paragraph (block) boundary: the antecedent must be close.
 */
import type { ActorMention, Document, EntityKind, Sentence } from '../core/types.js';
import type { ActorIndex } from '../dictionaries/actors.js';
import type { Token } from '../dictionaries/actors-text.js';

const DEMONSTRATIVE = new Set(['the', 'this', 'that']);
const POSSESSIVE_PRONOUNS = new Set(['his', 'her']);

export function corefMentions(
  doc: Document,
  sentences: Sentence[],
  toks: Token[][],
  mentions: ActorMention[],
  index: ActorIndex,
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
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    if (s.block !== block) {
      block = s.block;
      blockStart = s.span.start;
    }
    const ts = toks[si]!;
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i]!;
      const pk = index.titles.pronouns.get(t.norm);
      if (pk) {
        if (covered(t.start, t.end)) continue;
        const ante = latest(sorted, out, blockStart, t.start, [pk]);
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
      const n = ts[i + 1]!;
      if (n.brk) continue;
      const kinds = index.titles.definites.get(n.norm);
      if (!kinds || kinds.includes('person')) continue;
      // "the regime of ...", "the government in ..." are not references back
      const after = ts[i + 2];
      if (after && !after.brk && (after.norm === 'of' || after.cap)) continue;
      if (covered(t.start, n.end)) continue;
      const ante = latest(sorted, out, blockStart, t.start, kinds);
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

/** The latest non-coreference mention of a fitting kind in [from, before). */
function latest(sorted: ActorMention[], extra: ActorMention[], from: number, before: number, kinds: EntityKind[]): ActorMention | null {
  let best: ActorMention | null = null;
  for (const m of sorted) {
    if (m.span.start >= before) break;
    if (m.span.start < from) continue;
    if (kinds.includes(m.entity.kind)) best = m;
  }
  void extra;
  return best;
}
