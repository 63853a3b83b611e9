/**
 * Modality of a trigger from the words before it in its clause:
 *   negated       "did not recognise", "never visited", "refused to meet"
 *   hypothetical  "would have been overthrown", "could attack", "if X invades"
 *   planned       "is to visit", "plans to open", "will sign", "hopes to establish"
 * Everything else is asserted (or reported, when a claimant is known).
 */
import type { Modality } from '../core/types.js';
import type { SpeechCues } from '../dictionaries/lexicon.js';
import type { Token } from './events-tokens.js';

export interface ModalityResult {
  modality: Exclude<Modality, 'reported'> | 'asserted';
  cue: string | null;
}

const BE = new Set(['is', 'are', 'was', 'were', 'be']);
const STOP = new Set([';', ':', '.', '“', '”', '"', '(', ')', 'but', 'while', 'whereas', 'which', 'who', 'that', 'when', 'after', 'before', 'although', 'because']);

/**
 * @param head index of the trigger's first token
 * @param fixed the rule's own words carry the negation ("no diplomatic relations")
 */
function isName(t: Token, text: string): boolean {
  const c = text[t.start];
  return !!c && t.word && c !== c.toLowerCase() && t.start > 0;
}

const PREP = new Set(['of', 'to', 'in', 'on', 'at', 'from', 'with', 'for', 'into', 'against', 'by', 'about', 'over', 'toward', 'towards']);

/**
 * @param nominal the trigger is a noun: a preposition between the cue and the noun puts the
 *   noun outside the cue's scope ("did not object to the jailing": the jailing happened)
 */
export function modalityOf(tokens: Token[], head: number, cues: SpeechCues, fixed = false, nominal = false, text = ''): ModalityResult {
  let sawTo = false;
  for (let i = head - 1, n = 0; i >= 0 && n < 11; i--) {
    const w = tokens[i]!.norm;
    // Names do not count toward the distance ("invited Prime Minister X Y to visit").
    if (!isName(tokens[i]!, text)) n++;
    if (nominal && PREP.has(w)) break;
    if (STOP.has(w) || w === ',') {
      // "If X invades, ..." is handled by the clause-initial check below.
      break;
    }
    if (w === 'to') sawTo = true;
    if (!fixed && (cues.negation.has(w) || w === "n't") && n <= 4) return { modality: 'negated', cue: w };
    if (!fixed && cues.negatingVerbs.has(w) && (sawTo || tokens[i + 1]?.norm === 'from') && n <= 5) return { modality: 'negated', cue: w };
    if (cues.hypothetical.has(w) && n <= 4) return { modality: 'hypothetical', cue: w };
    if ((w === 'will' || w === 'shall') && n <= 3) return { modality: 'planned', cue: w };
    if (sawTo && BE.has(w) && tokens[i + 1]?.norm === 'to') return { modality: 'planned', cue: `${w} to` };
    if (sawTo && cues.planned.has(w) && n <= 10) return { modality: 'planned', cue: w };
  }
  // Clause-initial "if"/"unless" anywhere before the trigger in the sentence part.
  for (let i = head - 1, n = 0; i >= 0 && n < 14; i--, n++) {
    const w = tokens[i]!.norm;
    if (STOP.has(w)) break;
    if (w === 'if' || w === 'unless') return { modality: 'hypothetical', cue: w };
  }
  return { modality: 'asserted', cue: null };
}
