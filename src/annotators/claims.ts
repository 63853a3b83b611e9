/**
 * Who asserts what. A claim region is a stretch of text whose events are
 * stated by someone other than the author:
 *   - the rest of a sentence after "X said/wrote/noted (that)" -> X
 *   - a sentence with "according to X" -> X
 *   - the paragraph after an introduction such as "In a telegram to Y, X commented,"
 *     or "X noted in his diary:" (and, when it opens a quotation, every paragraph
 *     up to the closing quotation mark) -> X
 */
import type { ActorMention, Block, Document, Span } from '../core/types.js';
import type { SpeechCues } from '../dictionaries/lexicon.js';
import type { Token } from './events-tokens.js';

export interface ClaimRegion {
  span: Span;
  claimant: ActorMention;
  ruleId: string;
  cue: string;
}

export interface SentenceInfo {
  span: Span;
  block: number;
  tokens: Token[];
  /** Real mentions in the sentence, in order. */
  mentions: ActorMention[];
}

const INTRO_END = /[:,]\s*$|[^.!?”"’)\]]\s*$/;
const POSSESSIVE = new Set(['his', 'her', 'their', 'its']);

/** The nearest actor before token `i` not governed by a preposition (a light subject finder). */
function speakerBefore(s: SentenceInfo, i: number): ActorMention | null {
  const limit = s.tokens[i]!.start;
  for (let k = s.mentions.length - 1; k >= 0; k--) {
    const m = s.mentions[k]!;
    if (m.span.end > limit) continue;
    const before = s.tokens.filter((t) => t.end <= m.span.start).at(-1)?.norm;
    if (before && ['to', 'in', 'on', 'of', 'with', 'from', 'at', 'into', 'against', 'by', 'for'].includes(before)) continue;
    return m;
  }
  return null;
}

const INTRODUCING = new Set(['that', ':', ',', '“', '"', 'in', 'to', 'the', 'how', 'about', 'by', 'them', 'him', 'her', 'us', 'up']);

/**
 * A speech verb that introduces what is said: an inflected form ("wrote", "stated", not the
 * noun "state") followed by "that", a colon, a comma, a quotation mark or the end of the sentence.
 */
function isSpeechVerb(t: Token[], i: number, cues: SpeechCues): boolean {
  const w = t[i]!.norm;
  if (!cues.speechVerbs.has(w) || !/(ed|s|id|ote|old|ld|en|ing)$/.test(w)) return false;
  let k = i + 1;
  // "said elsewhere:", "stated publicly that": step over one adverb.
  if (t[k] && (/ly$/.test(t[k]!.norm) || ['elsewhere', 'also', 'later', 'once', 'again', 'then', 'too'].includes(t[k]!.norm))) k++;
  const next = t[k]?.norm;
  return next === undefined || INTRODUCING.has(next) || (t[k]!.word && t[k + 1]?.norm === 'that');
}

export function sentenceClaims(s: SentenceInfo, cues: SpeechCues): ClaimRegion[] {
  const out: ClaimRegion[] = [];
  const t = s.tokens;
  for (let i = 0; i < t.length; i++) {
    // "according to X"
    for (const phrase of cues.sourcePhrases) {
      if (phrase.every((w, k) => t[i + k]?.norm === w)) {
        const after = t[i + phrase.length];
        // The source is the phrase up to the next comma ("according to embassy sources, Greece ..." names no actor).
        const comma = t.slice(i + phrase.length).find((x) => x.norm === ',');
        const stop = comma ? comma.start : s.span.end;
        const m = after && s.mentions.find((x) => x.span.start >= after.start && x.span.start <= after.start + 40 && x.span.start < stop);
        if (m) out.push({ span: { ...s.span }, claimant: m, ruleId: 'claims.according-to-v1', cue: phrase.join(' ') });
      }
    }
    if (isSpeechVerb(t, i, cues)) {
      let speaker = speakerBefore(s, i);
      // The speaker stands close to the verb ("Hoxha wrote that"); a far actor is not its subject
      // ("Tirana ... abuses widely reported in the media") unless a pronoun stands in for it ("as he has said").
      let gap = speaker ? t.filter((x) => x.start >= speaker!.span.end && x.end <= t[i]!.start).length : 99;
      if (gap > 6) {
        const pron = t.slice(Math.max(0, i - 3), i).find((x) => x.norm === 'he' || x.norm === 'she');
        const person = pron ? [...s.mentions].reverse().find((m) => m.span.end <= pron.start && m.entity.kind === 'person') : undefined;
        if (person) {
          speaker = person;
          gap = 0;
        }
      }
      if (speaker && gap <= 6) out.push({ span: { start: t[i]!.end, end: s.span.end }, claimant: speaker, ruleId: 'claims.speech-verb-v1', cue: t[i]!.norm });
    }
  }
  return out;
}

/** Does this sentence introduce a quotation or excerpt in the next block? */
function introducer(s: SentenceInfo, text: string, cues: SpeechCues): { speaker: ActorMention; cue: string } | null {
  // A footnote marker after the full stop ("terrorism.2", "ally.[iv]") does not make an open ending.
  const raw = text.slice(s.span.start, s.span.end).replace(/([.!?”"’])\s*(\d{1,3}|\[[^\]]{1,8}\])\s*$/u, '$1');
  if (!INTRO_END.test(raw)) return null;
  let cue: string | null = null;
  let at = -1;
  s.tokens.forEach((tok, i) => {
    if (cue) return;
    if (isSpeechVerb(s.tokens, i, cues)) {
      cue = tok.norm;
      at = i;
    } else if (cues.quoteNouns.has(tok.norm) && (POSSESSIVE.has(s.tokens[i - 1]?.norm ?? '') || s.tokens[i - 1]?.norm === 'a' || s.tokens[i - 1]?.norm === 'the')) {
      cue = tok.norm;
      at = i;
    }
  });
  if (!cue) return null;
  // "... was acknowledged by X in his visit when he:" -> X.
  const agent = s.tokens[at + 1]?.norm === 'by' ? speakerAfter(s, at + 1) : null;
  const speaker = agent ?? speakerBefore(s, at) ?? speakerAfter(s, at);
  return speaker ? { speaker, cue } : null;
}

/** "In a telegram to Y, X commented": the speaker follows the cue noun. */
function speakerAfter(s: SentenceInfo, i: number): ActorMention | null {
  const from = s.tokens[i]!.end;
  // A title with a nationality ("the Cambodian Foreign minister Sarin Chak"): the person.
  const free = (m: ActorMention) => {
    const before = s.tokens.filter((t) => t.end <= m.span.start).at(-1)?.norm;
    return !(before && ['to', 'in', 'on', 'of', 'with', 'from', 'at'].includes(before));
  };
  const person = s.mentions.find((m) => m.span.start >= from && m.span.start - from < 60 && m.entity.kind === 'person' && free(m));
  if (person) return person;
  for (const m of s.mentions) {
    if (m.span.start < from) continue;
    const before = s.tokens.filter((t) => t.end <= m.span.start).at(-1)?.norm;
    if (before && ['to', 'in', 'on', 'of', 'with', 'from', 'at'].includes(before)) continue;
    return m;
  }
  return null;
}

export function blockClaims(doc: Document, sentences: SentenceInfo[], cues: SpeechCues): ClaimRegion[] {
  const out: ClaimRegion[] = [];
  const blocks: Block[] = doc.blocks;
  const lastOfBlock = new Map<number, SentenceInfo>();
  for (const s of sentences) lastOfBlock.set(s.block, s);
  for (const [b, s] of lastOfBlock) {
    const intro = introducer(s, doc.text, cues);
    if (!intro) continue;
    // The next non-empty block after the introducing sentence.
    let nb = b + 1;
    while (nb < blocks.length && doc.text.slice(blocks[nb]!.span.start, blocks[nb]!.span.end).trim() === '') nb++;
    const first = blocks[nb];
    if (!first || first.kind === 'heading' || first.kind === 'footnote') continue;
    let end = first.span.end;
    const firstText = doc.text.slice(first.span.start, first.span.end).trimStart();
    if (/^[“"]/.test(firstText) && !/[”"]/.test(firstText.slice(1))) {
      for (let k = nb + 1; k < blocks.length && k < nb + 6; k++) {
        end = blocks[k]!.span.end;
        if (/[”"]/.test(doc.text.slice(blocks[k]!.span.start, blocks[k]!.span.end))) break;
      }
    }
    out.push({ span: { start: first.span.start, end }, claimant: intro.speaker, ruleId: 'claims.block-quote-v1', cue: intro.cue });
    // Blocks the reader marked as quotations that follow directly belong to the same speaker.
    for (let k = nb + 1; k < blocks.length && blocks[k]!.kind === 'quote'; k++) {
      out.push({ span: { ...blocks[k]!.span }, claimant: intro.speaker, ruleId: 'claims.block-quote-v1', cue: intro.cue });
    }
  }
  return out;
}

/**
 * A quotation opened after a speech verb ("as he has said elsewhere: “Hamas is … Nazis …”") belongs
 * to the speaker up to its closing mark, across sentences.
 */
export function quotationClaims(doc: Document, sentences: SentenceInfo[], cues: SpeechCues): ClaimRegion[] {
  const out: ClaimRegion[] = [];
  for (const s of sentences) {
    for (const r of sentenceClaims(s, cues)) {
      if (r.ruleId !== 'claims.speech-verb-v1') continue;
      const open = doc.text.indexOf('“', r.span.start);
      if (open < 0 || open >= s.span.end || open - r.span.start > 40) continue;
      const close = doc.text.indexOf('”', open + 1);
      if (close < 0 || close - open > 3000 || close <= s.span.end) continue;
      out.push({ span: { start: open, end: close + 1 }, claimant: r.claimant, ruleId: 'claims.quotation-v1', cue: r.cue });
    }
  }
  return out;
}

/** The innermost claim region holding `at`, if any. */
export function claimAt(regions: ClaimRegion[], at: number): ClaimRegion | null {
  let best: ClaimRegion | null = null;
  for (const r of regions) {
    if (r.span.start <= at && at < r.span.end && (!best || r.span.end - r.span.start < best.span.end - best.span.start)) best = r;
  }
  return best;
}
