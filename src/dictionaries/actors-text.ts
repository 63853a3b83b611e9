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

// Words are cut as /\p{L}(?:\.\p{L})+\.?|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu would cut them
// (an initialism "U.S." first, else letters, marks and digits with inner apostrophes), by
// wordEnd() character by character, without a regular expression (actors-text.test.ts holds
// the two to the same cuts).
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

const LETTER = 1;
const MARK = 2;
const DIGIT = 4;
const P_LETTER = /^\p{L}$/u;
const P_MARK = /^\p{M}$/u;
const P_DIGIT = /^\p{N}$/u;
const classes = new Map<number, number>();

/** What a code point is to the word pattern: LETTER (\p{L}), MARK (\p{M}), DIGIT (\p{N}) or 0. */
function classOf(cp: number): number {
  if (cp < 0x80) return isLetter(cp) ? LETTER : cp >= 48 && cp <= 57 ? DIGIT : 0;
  let c = classes.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    c = (P_LETTER.test(ch) ? LETTER : 0) | (P_MARK.test(ch) ? MARK : 0) | (P_DIGIT.test(ch) ? DIGIT : 0);
    if (classes.size > 10_000) classes.clear();
    classes.set(cp, c);
  }
  return c;
}

/** The code point at k (a pair of surrogates read as one when both lie before `to`), or -1 at or after `to`. */
function codePointAt(text: string, k: number, to: number): number {
  if (k >= to) return -1;
  const c = text.charCodeAt(k);
  if (c >= 0xd800 && c <= 0xdbff && k + 1 < to) {
    const d = text.charCodeAt(k + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

function width(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** The end of the word starting at `at` (before `to`): an initialism ("U.S."), else letters, marks and digits with inner apostrophes. */
function wordEnd(text: string, at: number, to: number): number {
  const c0 = codePointAt(text, at, to);
  let e = at + width(c0);
  if (classOf(c0) & LETTER && codePointAt(text, e, to) === 46) {
    const c1 = codePointAt(text, e + 1, to);
    if (classOf(c1) & LETTER) {
      e += 1 + width(c1);
      for (let c = codePointAt(text, e + 1, to); codePointAt(text, e, to) === 46 && classOf(c) & LETTER; c = codePointAt(text, e + 1, to)) e += 1 + width(c);
      if (codePointAt(text, e, to) === 46) e++;
      return e;
    }
  }
  for (let c = codePointAt(text, e, to); classOf(c) !== 0; c = codePointAt(text, e, to)) e += width(c);
  for (;;) {
    const q = codePointAt(text, e, to);
    if (q !== 39 && q !== 0x2019) return e;
    const c1 = codePointAt(text, e + 1, to);
    if (classOf(c1) === 0) return e;
    e += 1 + width(c1);
    for (let c = codePointAt(text, e, to); classOf(c) !== 0; c = codePointAt(text, e, to)) e += width(c);
  }
}

/** Cut `text` into tokens; offsets are `base + index in text`. */
export function tokenize(text: string, base = 0): Token[] {
  return tokenizeRange(text, 0, text.length, base);
}

/**
 * The tokens of text[from, to) with offsets `base + index in text - from` (by default the
 * offsets in `text`): tokenize(text.slice(from, to), base) without cutting the text first.
 * `lower`, when given, gathers the folded words of three letters or more written in lower case.
 */
export function tokenizeRange(text: string, from: number, to: number, base = from, lower?: Set<string>): Token[] {
  const out: Token[] = [];
  const shift = base - from;
  let prevEnd = from;
  let pos = from;
  for (;;) {
    // the next letter, mark or digit
    while (pos < to) {
      const c = codePointAt(text, pos, to);
      if (classOf(c) !== 0) break;
      pos += width(c);
    }
    if (pos >= to) break;
    const at = pos;
    pos = wordEnd(text, at, to);
    pushToken(out, text, at, text.slice(at, pos), prevEnd, shift);
    prevEnd = pos;
  }
  if (lower) {
    for (let k = 0; k < out.length; k++) {
      const t = out[k]!;
      if (!t.cap && t.norm.length > 2) lower.add(t.norm);
    }
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
