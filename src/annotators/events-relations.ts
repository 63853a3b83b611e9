/**
 * Relations named once and changed twice: "China broke off relations with Vietnam in 1979 and restored
 * them in 1991", "Relations were broken off in 1979 and restored in 1991", "Diplomatic relations,
 * severed in 1979, were restored in 1991", "...; they were restored in 1991". The second verb has no
 * "relations" of its own, so no lexicon rule reads it; it changes the relations of the event coded just
 * before (in the same sentence, or in the sentence before when the verb's subject is "they"), between
 * the same two sides (rule events.relations.ellipsis-v1).
 * Pure: the caller gives the sentence's tokens, the events coded so far and a date for the verb.
 */
import type { CodedEvent, EntityRef, Span } from '../core/types.js';
import type { Token } from './events-tokens.js';

/** Verb forms that change relations when relations are their (elided) subject or object, with the code. */
const CHANGE: ReadonlyMap<string, string> = new Map([
  ['restored', '054'], ['re-established', '054'], ['reestablished', '054'], ['resumed', '054'], ['normalised', '054'],
  ['normalized', '054'], ['renewed', '054'], ['reopened', '054'],
  ['severed', '161'], ['broken', '161'], ['broke', '161'], ['cut', '161'], ['suspended', '161'], ['ruptured', '161'], ['downgraded', '161'],
]);
const RELATION_WORDS = new Set(['relations', 'ties']);
/** Words that may stand right before the verb when "relations" is elided or taken up by a pronoun. */
const LEAD = new Set(['and', 'were', 'was', 'been', 'be', ',', 'then', 'later', 'only', 'finally', 'eventually', 'fully']);
const RELATION_CODES = new Set(['054', '161', '050', '160', '164']);

export interface RelationEcho {
  /** Index of the verb token. */
  verb: number;
  code: string;
  /** The dyads, each way as the earlier event had them. */
  pairs: Array<{ source: EntityRef; target: EntityRef; sourceSpan: Span | null; targetSpan: Span | null }>;
  /** The event whose relations are meant. */
  anchor: CodedEvent;
}

function relationEvent(e: CodedEvent, text: string): boolean {
  if (!e.source || !e.target || !RELATION_CODES.has(e.code.slice(0, 3))) return false;
  if (!e.trigger) return false;
  return /\b(relations|ties)\b/i.test(text.slice(e.trigger.start, e.trigger.end)) || /\b(relations|ties)\b/i.test(e.evidenceText);
}

/**
 * The relation changes told by a verb with no "relations" of its own. `own` are the events coded in this
 * sentence, `before` those of the sentence before (same paragraph). `covered` says whether a token is
 * inside a trigger already coded.
 */
export function relationEchoes(tokens: Token[], text: string, own: CodedEvent[], before: CodedEvent[], covered: (i: number) => boolean): RelationEcho[] {
  const out: RelationEcho[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const code = CHANGE.get(tokens[i]!.norm);
    if (!code || covered(i)) continue;
    // "broken off", "cut off": the particle belongs to the verb.
    const next = tokens[i + 1]?.norm === 'off' ? i + 2 : i + 1;
    // The verb has relations of its own: a lexicon rule reads it (or chose not to).
    if (tokens.slice(next, next + 3).some((t) => RELATION_WORDS.has(t.norm))) continue;
    const pronoun = tokens[next]?.norm === 'them';
    const lead = LEAD.has(tokens[i - 1]!.norm) || pronoun;
    if (!lead) continue;
    // Relations named earlier in this sentence, with their event ...
    const anchorOwn = tokens.slice(0, i).some((t) => RELATION_WORDS.has(t.norm))
      ? [...own].reverse().find((e) => relationEvent(e, text) && e.trigger!.end <= tokens[i]!.start)
      : undefined;
    // ... or "they were restored" right after a sentence about them.
    const first = tokens.findIndex((t) => t.word);
    const theyOpens = first >= 0 && first < i && ['they', 'these', 'both'].includes(tokens[first]!.norm) && i - first <= 4;
    const anchorBefore = !anchorOwn && theyOpens ? [...before].reverse().find((e) => relationEvent(e, text)) : undefined;
    const anchor = anchorOwn ?? anchorBefore;
    if (!anchor || anchor.code.slice(0, 3) === code) continue;
    const evs = [...own, ...before].filter((e) => e.evidence.start === anchor.evidence.start && e.trigger?.start === anchor.trigger!.start && e.code === anchor.code);
    let pairs = evs.map((e) => ({ source: e.source!, target: e.target!, sourceSpan: e.sourceSpan, targetSpan: e.targetSpan }));
    // A break is done by the subject named before the first verb ("China established relations with
    // Vietnam in 1950 and broke them off in 1979"): its side only; with both sides as subjects, both.
    if (code === '161') {
      const named = pairs.filter((p) => p.sourceSpan && p.sourceSpan.start >= 0 && p.sourceSpan.end <= anchor.trigger!.start);
      if (named.length) pairs = named;
    }
    // Restored relations are mutual (054 both ways), as relations established are.
    if (code === '054' && pairs.length === 1) {
      const p = pairs[0]!;
      pairs.push({ source: p.target, target: p.source, sourceSpan: p.targetSpan, targetSpan: p.sourceSpan });
    }
    out.push({ verb: i, code, pairs, anchor });
  }
  return out;
}
