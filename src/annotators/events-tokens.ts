/**
 * Word tokens for the event coder: spans into Document.text, a normalised
 * lower-case form (curly apostrophes straightened), and which actor mention
 * (if any) each token belongs to.
 */
import type { ActorMention, Span } from '../core/types.js';

export interface Token {
  /** Normalised lower-case form ("’s" -> "'s", "n’t" -> "n't"). */
  norm: string;
  start: number;
  end: number;
  /** True for words and numbers, false for punctuation. */
  word: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?=n['’]t\b)|n['’]t\b|['’]s\b|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

const WORD_START = /[\p{L}\p{N}]/u;

export function tokenize(text: string, span: Span): Token[] {
  const out: Token[] = [];
  const slice = text.slice(span.start, span.end);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    const raw = m[0];
    const lower = raw.toLowerCase();
    const norm = lower.includes('’') ? lower.replace(/’/g, "'") : lower;
    const c = raw.charCodeAt(0);
    const word = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c > 127 && WORD_START.test(raw[0]!)) || norm === "'s" || norm === "n't";
    out.push({ norm, start: span.start + m.index, end: span.start + m.index + raw.length, word });
  }
  return mergeAbbreviations(out);
}

/** "U.S." and "U.K." come out as one token "u.s." so they read as one word. */
function mergeAbbreviations(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.word && t.norm.length === 1 && tokens[i + 1]?.norm === '.' && tokens[i + 2]?.word && tokens[i + 2]!.norm.length <= 2 && tokens[i + 2]!.start === tokens[i + 1]!.end) {
      let j = i;
      let norm = '';
      while (j + 1 < tokens.length && tokens[j]!.word && tokens[j]!.norm.length <= 2 && tokens[j + 1]!.norm === '.' && tokens[j + 1]!.start === tokens[j]!.end) {
        norm += tokens[j]!.norm + '.';
        j += 2;
      }
      if (j === i) {
        // "u .6": the period is not attached to the letter, so this is no abbreviation
        out.push(t);
        continue;
      }
      out.push({ norm, start: t.start, end: tokens[j - 1]!.end, word: true });
      i = j - 1;
      continue;
    }
    out.push(t);
  }
  return out;
}

/** For each token, the index of the mention covering it, or -1. */
export function mentionIndexOfTokens(tokens: Token[], mentions: ActorMention[]): Int32Array {
  const at = new Int32Array(tokens.length).fill(-1);
  let m = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    while (m < mentions.length && mentions[m]!.span.end <= t.start) m++;
    for (let k = m; k < mentions.length && mentions[k]!.span.start < t.end; k++) {
      if (mentions[k]!.span.end > t.start) {
        at[i] = k;
        break;
      }
    }
  }
  return at;
}
