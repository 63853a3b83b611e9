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
/** The same pattern for text whose letters and digits are all ASCII (much faster than Unicode classes). */
const WORD_ASCII = /[A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z0-9]+(?:['’][A-Za-z0-9]+)*/g;
/** Any character that could be a letter, mark or digit outside ASCII (typographic punctuation is fine). */
const NON_ASCII_WORDISH = /[^\x00-\x7f\u2010-\u2027\u00a0\u00ab\u00bb\u00b7]/;
const POSSESSIVE = /['’][sS]$/;
const SPACE_ONLY = /^[\s\u00a0]*$/;
const INITIAL_GAP = /^\.[ \u00a0]$/;
const HYPHEN_ONLY = /^[\s\u00a0]*[-‐‑–][\s\u00a0]*$/;

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

/** Cut `text` into tokens; offsets are `base + index in text`. */
export function tokenize(text: string, base = 0): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  const re = NON_ASCII_WORDISH.test(text) ? WORD : WORD_ASCII;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let raw = m[0];
    const at = m.index;
    let poss = false;
    const last = raw.charCodeAt(raw.length - 1);
    if (raw.length > 2 && (last === 115 || last === 83) && POSSESSIVE.test(raw)) {
      raw = raw.slice(0, -2);
      poss = true;
    }
    let hyphen = false;
    let brk = false;
    if (out.length > 0 && !(at === prevEnd + 1 && text.charCodeAt(prevEnd) === 32)) {
      const gap = text.slice(prevEnd, at);
      hyphen = HYPHEN_ONLY.test(gap) && !/\s/.test(gap);
      brk = !hyphen && !SPACE_ONLY.test(gap);
      // a middle initial ("Dwight D. Eisenhower"): the period after one capital letter is no break
      if (brk && INITIAL_GAP.test(gap)) {
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
      isUpperWord = cased && raw === up && (raw.length > 2 || /^\p{L}\p{L}$/u.test(raw));
      cap = raw.length > 0 && isUpper(raw[0]!);
      norm = foldWord(raw);
    }
    out.push({
      start: base + at,
      end: base + at + raw.length,
      raw,
      norm,
      cap,
      upper: isUpperWord,
      hyphen,
      brk,
      word: cased,
    });
    if (poss) {
      out.push({
        start: base + at + raw.length,
        end: base + at + raw.length + 2,
        raw: text.slice(at + raw.length, at + raw.length + 2),
        norm: "'s",
        cap: false,
        upper: false,
        hyphen: false,
        brk: false,
        word: false,
      });
    }
    prevEnd = at + m[0].length;
  }
  return out;
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
