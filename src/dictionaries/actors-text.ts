/**
 * Tokens and normal forms shared by the actor index (when it compiles names)
 * and the actor annotator (when it reads text), so that both sides cut and
 * fold words the same way:
 *
 * - case, diacritics ("Zëri" = "Zeri"), curly apostrophes and periods inside
 *   initialisms ("U.S." = "US") are folded;
 * - a possessive "’s" becomes its own token ("Albania’s" → "albania" "'s");
 * - hyphens split words ("Ben-Gvir" → "ben" "gvir"), remembered as `hyphen`;
 * - any other punctuation between two tokens is remembered as `brk`, and a
 *   multi-word name never matches across it; the period of a middle initial
 *   after a capitalised word ("Harry S. Truman") is not a break.
 */

export interface Token {
  /** UTF-16 offsets into the text the tokens were cut from (plus the base offset). */
  start: number;
  end: number;
  raw: string;
  norm: string;
  /** First letter is upper case. */
  cap: boolean;
  /** Every letter is upper case (two letters or more). */
  upper: boolean;
  /** Joined to the previous token by a hyphen. */
  hyphen: boolean;
  /** Punctuation other than a hyphen stands between this token and the previous one. */
  brk: boolean;
  /** A word of two letters or more (it has upper and lower case forms). */
  word: boolean;
}

const WORD = /\p{L}(?:\.\p{L})+\.?|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
// Text whose letters and digits are all ASCII (typographic punctuation and spaces aside) is
// cut by asciiWordEnd() instead, character by character, as
// /[A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z0-9]+(?:['’][A-Za-z0-9]+)*/g would cut it, without a
// regular expression (actors-text.test.ts holds the two to the same cuts).
const POSSESSIVE = /['’][sS]$/;

/** Fold one word: lower case, no diacritics, straight apostrophe, no periods. */
const PLAIN = /^[A-Za-z0-9]+$/;

const folded = new Map<string, string>();

export function foldWord(w: string): string {
  if (PLAIN.test(w)) return w.toLowerCase();
  const hit = folded.get(w);
  if (hit !== undefined) return hit;
  if (folded.size > 50_000) folded.clear();
  const f = foldSlow(w);
  folded.set(w, f);
  return f;
}

function foldSlow(w: string): string {
  return w
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/\./g, '')
    .toLowerCase();
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** An ASCII letter. */
function isLetter(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 122;
}

/** An ASCII letter or digit. */
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || isLetter(c);
}

/** A white-space character as `\s` reads it. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** A character outside ASCII that is punctuation or space, never part of a word. */
function isTypographic(c: number): boolean {
  return (c >= 0x2010 && c <= 0x2027) || c === 0xa0 || c === 0xab || c === 0xbb || c === 0xb7;
}

/**
 * The end of the word starting at `at` (before `to`) in text whose letters and digits are
 * ASCII, read as WORD_ASCII reads it (an initialism "U.S." first, else letters and digits
 * with inner apostrophes), without a regular expression.
 */
function asciiWordEnd(text: string, at: number, to: number): number {
  let e: number;
  if (isLetter(codeAt(text, at, to)) && codeAt(text, at + 1, to) === 46 && isLetter(codeAt(text, at + 2, to))) {
    e = at + 3;
    while (codeAt(text, e, to) === 46 && isLetter(codeAt(text, e + 1, to))) e += 2;
    if (codeAt(text, e, to) === 46) e++;
    return e;
  }
  e = at + 1;
  while (isAlnum(codeAt(text, e, to))) e++;
  for (let q = codeAt(text, e, to); (q === 39 || q === 0x2019) && isAlnum(codeAt(text, e + 1, to)); q = codeAt(text, e, to)) {
    e += 2;
    while (isAlnum(codeAt(text, e, to))) e++;
  }
  return e;
}

/** The character code at k, or -1 at or after `to`. */
function codeAt(text: string, k: number, to: number): number {
  return k < to ? text.charCodeAt(k) : -1;
}

/** Cut `text` into tokens; offsets are `base + index in text`. */
export function tokenize(text: string, base = 0): Token[] {
  return tokenizeRange(text, 0, text.length, base);
}

/**
 * The tokens of text[from, to) with offsets `base + index in text - from` (by default the
 * offsets in `text`): tokenize(text.slice(from, to), base) without cutting the text first.
 */
export function tokenizeRange(text: string, from: number, to: number, base = from): Token[] {
  return asciiTokens(text, from, to, base - from) ?? unicodeTokens(text.slice(from, to), base);
}

/** Tokens of a range whose letters and digits are all ASCII; null as soon as one is not. */
function asciiTokens(text: string, from: number, to: number, shift: number): Token[] | null {
  const out: Token[] = [];
  let prevEnd = from;
  let pos = from;
  for (;;) {
    for (; pos < to; pos++) {
      const c = text.charCodeAt(pos);
      if (isAlnum(c)) break;
      // a letter, mark or digit outside ASCII (or half of one): the Unicode pattern cuts this text
      if (c > 0x7f && !isTypographic(c)) return null;
    }
    if (pos >= to) return out;
    const at = pos;
    pos = asciiWordEnd(text, at, to);
    pushToken(out, text, at, text.slice(at, pos), prevEnd, shift);
    prevEnd = pos;
  }
}

/** Tokens of any text, by the Unicode pattern. */
function unicodeTokens(text: string, base: number): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  const re = WORD;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    pushToken(out, text, m.index, m[0], prevEnd, base);
    prevEnd = m.index + m[0].length;
  }
  return out;
}

const TWO_LETTERS = /^\p{L}\p{L}$/u;

/** Add the token(s) of the word `whole` found at `at` in text, the last word having ended at `prevEnd`. */
function pushToken(out: Token[], text: string, at: number, whole: string, prevEnd: number, shift: number): void {
  let raw = whole;
  let poss = false;
  const last = raw.charCodeAt(raw.length - 1);
  if (raw.length > 2 && (last === 115 || last === 83) && POSSESSIVE.test(raw)) {
    raw = raw.slice(0, -2);
    poss = true;
  }
  let hyphen = false;
  let brk = false;
  if (out.length > 0 && !(at === prevEnd + 1 && text.charCodeAt(prevEnd) === 32)) {
    // the gap: one hyphen joins; anything but white space breaks
    const g0 = text.charCodeAt(prevEnd);
    const gl = at - prevEnd;
    hyphen = gl === 1 && (g0 === 45 || g0 === 0x2010 || g0 === 0x2011 || g0 === 0x2013);
    if (!hyphen) {
      for (let q = prevEnd; q < at; q++) {
        if (!isSpace(text.charCodeAt(q))) {
          brk = true;
          break;
        }
      }
    }
    // a middle initial ("Dwight D. Eisenhower"): the period after one capital letter is no break
    if (brk && gl === 2 && g0 === 46 && (text.charCodeAt(prevEnd + 1) === 32 || text.charCodeAt(prevEnd + 1) === 0xa0)) {
      const prev = out[out.length - 1]!;
      if (prev.raw.length === 1 && prev.cap && isUpper(raw[0] ?? '') && out.length >= 2 && out[out.length - 2]!.cap) brk = false;
    }
  }
  let cased: boolean;
  let isUpperWord: boolean;
  let cap: boolean;
  let norm: string;
  // ASCII letters and digits: case and fold from character codes, without case-mapped copies
  let letters = 0;
  let uppers = 0;
  let plain = true;
  for (let c = 0; c < raw.length; c++) {
    const ch = raw.charCodeAt(c);
    if (ch >= 65 && ch <= 90) {
      letters++;
      uppers++;
    } else if (ch >= 97 && ch <= 122) letters++;
    else if (ch < 48 || ch > 57) {
      plain = false;
      break;
    }
  }
  if (plain) {
    norm = uppers ? raw.toLowerCase() : raw;
    cased = raw.length >= 2 && letters > 0;
    isUpperWord = cased && uppers === letters && (raw.length > 2 || letters === 2);
    const c0 = raw.charCodeAt(0);
    cap = c0 >= 65 && c0 <= 90;
  } else {
    const up = raw.toUpperCase();
    cased = raw.length >= 2 && up !== raw.toLowerCase();
    isUpperWord = cased && raw === up && (raw.length > 2 || TWO_LETTERS.test(raw));
    cap = raw.length > 0 && isUpper(raw[0]!);
    norm = foldWord(raw);
  }
  const start = shift + at;
  out.push({ start, end: start + raw.length, raw, norm, cap, upper: isUpperWord, hyphen, brk, word: cased });
  if (poss) {
    const p = start + raw.length;
    out.push({ start: p, end: p + 2, raw: whole.slice(raw.length), norm: "'s", cap: false, upper: false, hyphen: false, brk: false, word: false });
  }
}

/** The normal key of a phrase: its folded tokens joined by one space. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase)
    .map((t) => t.norm)
    .join(' ');
}

/** Drop a leading "the" from a key ("the kremlin" → "kremlin"). */
export function stripThe(key: string): string {
  return key.startsWith('the ') ? key.slice(4) : key;
}

/** A stable id part: "Enver Hoxha" → "enver-hoxha", "Zëri i Popullit" → "zeri-i-popullit". */
export function slug(s: string): string {
  return foldWord(s)
    .replace(/'s\b/g, 's')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Parse an EDTF-like bound ("1976", "1976-04", "1976-04-14", "-0044") into yyyymmdd. */
const dateNums = new Map<string, number | null>();

export function dateNum(d: string | null | undefined, side: 'start' | 'end'): number | null {
  if (!d) return null;
  // the same few bounds are asked for again and again: remember them
  const key = side === 'start' ? d : d + '|e';
  const hit = dateNums.get(key);
  if (hit !== undefined) return hit;
  if (dateNums.size > 100_000) dateNums.clear();
  const v = dateNumSlow(d, side);
  dateNums.set(key, v);
  return v;
}

function dateNumSlow(d: string, side: 'start' | 'end'): number | null {
  const m = /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(d.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : side === 'start' ? 1 : 12;
  const da = m[3] ? Number(m[3]) : side === 'start' ? 1 : 31;
  return y * 10000 + Math.min(mo, 12) * 100 + Math.min(da, 31);
}

/** How many days-ish (yyyymmdd arithmetic) of [qs, qe] fall inside [from, to]; 0 when none. */
export function overlap(from: string | null | undefined, to: string | null | undefined, qs: number, qe: number): number {
  const f = dateNum(from ?? null, 'start') ?? -99999999;
  const t = dateNum(to ?? null, 'end') ?? 99999999;
  const s = Math.max(f, qs);
  const e = Math.min(t, qe);
  return e >= s ? e - s + 1 : 0;
}
