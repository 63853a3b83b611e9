/**
 * The time-expression grammar: finds the words that state a time in a piece of
 * text and parses them into an unresolved `Temporal` (what the words say,
 * before any reference time is applied). Word lists live in data/time/; the
 * patterns below are compiled from them once. Pure and deterministic.
 *
 * Each pattern is a rule with an id ("time.day.mdy-v1") and a reason; the
 * resolver (time-resolve.ts) turns a Temporal into an EDTF value against the
 * reference times that fit the document (time.ts, time-anchor.ts).
 */
import lexicon from '../../data/time/lexicon.json' with { type: 'json' };
import periodData from '../../data/time/periods.json' with { type: 'json' };

export type Unit = 'day' | 'week' | 'fortnight' | 'month' | 'year' | 'decade' | 'century';
export type Part = 'early' | 'mid' | 'late' | 'first-half' | 'second-half';

/** What a time expression says, before resolution. */
export type Temporal =
  /** A calendar date; y null when the year must come from context; m may be a season code (21–24). */
  | { k: 'cal'; y: number | null; m: number | null; d: number | null; approx?: boolean; part?: Part }
  /** A decade: start year (1970), or only its digit (7 for "the seventies") when the century is left to context. */
  | { k: 'decade'; start: number | null; digit: number | null; approx?: boolean; part?: Part }
  /** A century: astronomical first and last years. */
  | { k: 'century'; first: number; last: number; approx?: boolean; part?: Part }
  /** Relative to the time of writing: "today", "last year", "two days ago". */
  | { k: 'deictic'; unit: Unit; offset: number; approx?: boolean; weak?: boolean }
  /** Relative to the narrative time: "the previous year", "a week later". */
  | { k: 'anaphoric'; unit: Unit; offset: number; approx?: boolean }
  /** A month relative to a year: "March this year", "March of the previous year". */
  | { k: 'month-rel'; m: number; rel: 'deictic' | 'anaphoric'; offset: number; d?: number; after?: 1 | -1 }
  /** An offset from an explicit date: "five months after March 1970". */
  | { k: 'offset'; base: Temporal; unit: Unit; offset: number; approx?: boolean }
  /** A span counted back from a reference: "75 years of …", "a 16-year-long blockade". */
  | { k: 'back'; unit: Unit; n: number; approx?: boolean }
  /** A span counted from the narrative or writing time: "the following two decades", "the past ten years". */
  | { k: 'span-rel'; unit: Unit; n: number; dir: 1 | -1; rel: 'deictic' | 'anaphoric' }
  /** A day of the month counted from the time of writing: "the 5th inst." (this month), "the 28th ult." (last month). */
  | { k: 'day-of-month'; d: number; monthOffset: number }
  /** A weekday counted from the time of writing: "on Monday" (the last one before), "next Friday". */
  | { k: 'weekday'; wd: number; dir: -1 | 0 | 1 }
  /** A two-digit year ("in ’78"), its century left to context. */
  | { k: 'short-year'; yy: number }
  /** An interval; null ends are open (".."). */
  | { k: 'interval'; a: Temporal | null; b: Temporal | null }
  /** A named period with known dates ("the Second World War"), as an EDTF value. */
  | { k: 'fixed'; value: string };

export interface TimeMatch {
  /** Offsets into the text given to `scanTimes`. */
  start: number;
  end: number;
  node: Temporal;
  ruleId: string;
  /** The number looks like part of a bibliographic reference (publisher, page, volume). */
  citation?: boolean;
}

// ---------------------------------------------------------------- lexicon

const L = lexicon as {
  months: Record<string, number>;
  weekdays: string[];
  seasons: Record<string, number>;
  numbers: Record<string, number>;
  ordinals: Record<string, number>;
  decadeWords: Record<string, number>;
  units: Record<string, Unit>;
  approximate: string[];
  parts: Record<string, Part>;
  eras: Record<string, 'bce' | 'ce'>;
  deictic: Record<string, { unit: Unit; offset: number; weak?: boolean; approximate?: boolean }>;
  anaphoric: Record<string, { unit: Unit; offset: number }>;
  deicticDirections: Record<string, number>;
  anaphoricDirections: Record<string, number>;
  notYearBefore: string[];
  notYearAfter: string[];
  citationBefore: string[];
};

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Alternation of words, longest first so that "Sept" wins over "Sep". */
function alt(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length).map(esc).join('|');
}

function lowerKeys<T>(r: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v]));
}

const MONTHS = new Map(Object.entries(L.months));
const SEASONS = lowerKeys(L.seasons);
const NUMBERS = lowerKeys(L.numbers);
const ORDINALS = lowerKeys(L.ordinals);
const DECADE_WORDS = lowerKeys(L.decadeWords);
const UNITS = lowerKeys(L.units);
const PARTS = lowerKeys(L.parts);
const ERAS = new Map(Object.entries(L.eras));
const DEICTIC = lowerKeys(L.deictic);
const ANAPHORIC = lowerKeys(L.anaphoric);
const DEICTIC_DIR = lowerKeys(L.deicticDirections);
const ANAPHORIC_DIR = lowerKeys(L.anaphoricDirections);

// Month names are matched case-sensitively (capitalised), so "may", "march" stay verbs.
const MON = `(?:${alt(MONTHS.keys())})(?![\\p{L}])\\.?`;
const FULL_MON = `(?:${alt([...MONTHS.keys()].filter((k) => k.length > 4 || k === 'June' || k === 'July' || k === 'March' || k === 'April'))})(?![\\p{L}])`;
const WD = `(?:${alt(L.weekdays)})\\.?`;
const ERA = `(?:${alt(ERAS.keys())})(?![\\p{L}])`;
const NUM = `(?:\\d{1,3}|${alt(NUMBERS.keys())})`;
const NUM_RANGE = `${NUM}(?:\\s+or\\s+${NUM}|\\s*[-–]\\s*${NUM})?`;
const UNIT = `(?:${alt(UNITS.keys())})`;
const ORD = `(?:\\d{1,2}(?:st|nd|rd|th)|${alt(ORDINALS.keys())})`;
const DAYNUM = `(?:[012]?\\d|3[01])(?:st|nd|rd|th)?`;
const YEAR4 = `\\d{4}`;
/** A year: four digits, or fewer when an era follows. */
const YEAR = `(?:${YEAR4}|\\d{1,3}(?=\\s*${ERA}))`;
const DASH = `\\s*[-–—]\\s*`;

interface Rule {
  id: string;
  re: RegExp;
  /** Build the Temporal, or null to reject the match. */
  build: (m: RegExpExecArray, text: string) => Temporal | null;
}

function num(word: string): number {
  const w = word.toLowerCase().trim();
  if (/^\d+$/.test(w)) return Number(w);
  return NUMBERS.get(w) ?? NaN;
}

/** "two or three" → 3, "2-3" → 3: the larger of a range (the far end of "ago"). */
function numRange(s: string): { n: number; approx: boolean } {
  const parts = s.split(/\s+or\s+|\s*[-–]\s*/);
  const ns = parts.map(num).filter((n) => Number.isFinite(n));
  if (ns.length === 0) return { n: NaN, approx: false };
  const low = s.toLowerCase();
  return { n: Math.max(...ns), approx: ns.length > 1 || /^(a few|several|some|a couple of)$/.test(low) };
}

function yearOf(y: string, era: string | undefined): number {
  const n = Number(y);
  if (era && ERAS.get(era) === 'bce') return 1 - n;
  return n;
}

function validDay(y: number | null, m: number, d: number): boolean {
  if (d < 1 || d > 31) return false;
  const lengths = [31, y !== null && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : y === null ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= lengths[m - 1];
}

function cal(y: number | null, m: number | null, d: number | null): Temporal | null {
  if (m !== null && m <= 12 && d !== null && !validDay(y, m, d)) return null;
  return { k: 'cal', y, m, d };
}

function ordinalNumber(s: string): number {
  const m = /^(\d{1,2})/.exec(s);
  if (m) return Number(m[1]);
  return ORDINALS.get(s.toLowerCase()) ?? NaN;
}

const PERIODS = new Map<string, string>();
for (const p of (periodData as { periods: Array<{ names: string[]; value: string }> }).periods) for (const n of p.names) PERIODS.set(n, p.value);

const SMALL_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  seventy: 70, eighty: 80, ninety: 90,
};

/** "one thousand eight hundred and fourteen", "nineteen hundred and nineteen" → 1814, 1919; NaN otherwise. */
export function yearFromWords(words: string): number {
  let total = 0;
  let group = 0;
  for (const w of words.toLowerCase().split(/[\s-]+/)) {
    if (w === 'and' || w === '') continue;
    if (w === 'thousand') {
      total += (group || 1) * 1000;
      group = 0;
    } else if (w === 'hundred') group = (group || 1) * 100;
    else if (SMALL_NUMBERS[w] !== undefined) group += SMALL_NUMBERS[w];
    else return NaN;
  }
  return total + group;
}

/** "twenty-fourth", "tenth" → 24, 10. */
function dayFromWords(words: string): number {
  const parts = words.toLowerCase().split(/[\s-]+/);
  let n = 0;
  for (const w of parts) {
    if (ORDINALS.has(w)) n += ORDINALS.get(w)!;
    else if (SMALL_NUMBERS[w] !== undefined) n += SMALL_NUMBERS[w];
    else return NaN;
  }
  return n;
}

const NUMBER_WORD = `(?:${alt([...Object.keys(SMALL_NUMBERS), 'hundred', 'thousand'])})`;
const YEAR_WORDS = `${NUMBER_WORD}(?:[\\s-]+(?:and[\\s-]+)?${NUMBER_WORD})+`;
/** What may stand between a month and its year in formal dating: "in the year of our Lord", "A.D.", "Anno Domini". */
const YEAR_LEAD = `(?:(?:in\\s+)?the\\s+year\\s+(?:of\\s+our\\s+Lord\\s+)?|(?:A\\.\\s?D\\.|AD|Anno\\s+Domini)\\s+)?`;
const DAY_WORDS = `(?:(?:twenty|thirty)[\\s-])?(?:${alt(ORDINALS.keys())})`;

const FULL_WEEKDAYS = new Map(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map((d, i) => [d, i]));

const RULES: Rule[] = [
  {
    // treaty style: "this tenth day of February, 1947", "the 24th day of December, in the year of our Lord one thousand eight hundred and fourteen"
    id: 'time.day.treaty-v1',
    re: new RegExp(
      `(?:the|this)\\s+(\\d{1,2}(?:st|nd|rd|th)?|${DAY_WORDS})\\s+day\\s+of\\s+(${MON}),?\\s+${YEAR_LEAD}(${YEAR4}|${YEAR_WORDS})(?![\\p{L}\\d])`,
      'giu',
    ),
    build: (m) => {
      const d = /^\d/.test(m[1]) ? parseInt(m[1], 10) : dayFromWords(m[1]);
      const y = /^\d/.test(m[3]) ? Number(m[3]) : yearFromWords(m[3]);
      const mo = MONTHS.get(m[2].replace('.', '').replace(/^./, (c) => c.toUpperCase()));
      if (!Number.isFinite(d) || !Number.isFinite(y) || y < 1000 || y > 2199 || !mo) return null;
      return cal(y, mo, d);
    },
  },
  {
    // a day as an ordinal, with or without "day" and a year: "the fourteenth of January, 1784",
    // "the thirtieth day of November", "the twelfth of May following" (the next May after the
    // narrative time), "the 30th of November last" (the last one before the time of writing)
    id: 'time.day.ordinal-of-v1',
    re: new RegExp(
      `(?<![\\p{L}])[Tt]h(?:e|is)\\s+(${DAY_WORDS}|\\d{1,2}(?:st|nd|rd|th))\\s+(?:day\\s+)?of\\s+(${MON})(?:,?\\s+${YEAR_LEAD}(${YEAR4})(?!\\d)|\\s+(following|next|last|preceding|previous)(?![\\p{L}]))?`,
      'giu',
    ),
    build: (m) => {
      const d = /^\d/.test(m[1]) ? parseInt(m[1], 10) : dayFromWords(m[1]);
      const mo = MONTHS.get(m[2].replace('.', '').replace(/^./, (c) => c.toUpperCase()));
      if (!Number.isFinite(d) || !mo || !/^\p{Lu}/u.test(m[2])) return null;
      if (m[3]) return cal(Number(m[3]), mo, d);
      if (!validDay(null, mo, d)) return null;
      if (m[4]) {
        const w = m[4].toLowerCase();
        const rel = w === 'last' || w === 'next' ? 'deictic' : 'anaphoric';
        return { k: 'month-rel', m: mo, d, rel, offset: 0, after: w === 'following' || w === 'next' ? 1 : -1 };
      }
      return cal(null, mo, d);
    },
  },
  {
    // "in the year of our Lord one thousand seven hundred and eighty-three", "the year one thousand eight hundred"
    id: 'time.year.words-v1',
    re: new RegExp(`the\\s+year\\s+(?:of\\s+our\\s+Lord\\s+)?(${YEAR_WORDS})(?![\\p{L}])`, 'giu'),
    build: (m) => {
      const y = yearFromWords(m[1]);
      return Number.isFinite(y) && y >= 1000 && y <= 2199 ? cal(y, null, null) : null;
    },
  },
  {
    // "the Second World War", "during the Holocaust": named periods with known dates
    id: 'time.period.named-v1',
    re: new RegExp(`(?:the\\s+)?(${alt(PERIODS.keys())})(?![\\p{L}])`, 'gu'),
    build: (m) => ({ k: 'fixed', value: PERIODS.get(m[1])! }),
  },
  {
    // "July 29, 1970", "Thursday – December 8, 1977", "November 12,1975", "January 5th 1978"
    id: 'time.day.mdy-v1',
    re: new RegExp(`(?:${WD},?(?:${DASH}|\\s+))?(${MON})\\s+(${DAYNUM})(?:\\s*,\\s*|\\s+)(${YEAR})(?!\\d)(?:\\s*(${ERA}))?`, 'gu'),
    build: (m) => {
      const y = yearOf(m[3], m[4]);
      return cal(y, MONTHS.get(m[1].replace('.', ''))!, parseInt(m[2], 10));
    },
  },
  {
    // "29 July 1970", "the 3rd of October, 1974", "Friday, 1 May 1970"
    id: 'time.day.dmy-v1',
    re: new RegExp(`(?:${WD},?\\s+)?(?:the\\s+)?(${DAYNUM})\\s+(?:of\\s+)?(${MON}),?\\s+(${YEAR})(?!\\d)(?:\\s*(${ERA}))?`, 'gu'),
    build: (m) => cal(yearOf(m[3], m[4]), MONTHS.get(m[2].replace('.', ''))!, parseInt(m[1], 10)),
  },
  {
    // "October 7" (year from context)
    id: 'time.day.md-v1',
    re: new RegExp(`(?:${WD},?(?:${DASH}|\\s+))?(${MON})\\s+(${DAYNUM})(?![\\d\\p{L}])(?!\\s*,?\\s*\\d)`, 'gu'),
    build: (m) => cal(null, MONTHS.get(m[1].replace('.', ''))!, parseInt(m[2], 10)),
  },
  {
    // "the 29 June elections", "on 6 June" (year from context)
    id: 'time.day.dm-v1',
    re: new RegExp(`(?<![\\d.,])(${DAYNUM})\\s+(?:of\\s+)?(${MON})(?!\\s*,?\\s*\\d)`, 'gu'),
    build: (m) => cal(null, MONTHS.get(m[2].replace('.', ''))!, parseInt(m[1], 10)),
  },
  {
    // ISO "1970-07-29"
    id: 'time.day.iso-v1',
    re: /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])/g,
    build: (m) => {
      const mo = Number(m[2]);
      if (mo < 1 || mo > 12) return null;
      return cal(Number(m[1]), mo, Number(m[3]));
    },
  },
  {
    // "7/29/1970", "29/7/1970": only when the order is unambiguous (one part > 12)
    id: 'time.day.slash-v1',
    re: /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/g,
    build: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      const y = Number(m[3]);
      if (a > 12 && b >= 1 && b <= 12) return cal(y, b, a);
      if (b > 12 && a >= 1 && a <= 12) return cal(y, a, b);
      // "3/4/1968": day and month cannot be told apart; the year stands
      return y >= 1000 ? cal(y, null, null) : null;
    },
  },
  {
    // "29.7.1970" (day first)
    id: 'time.day.dotted-v1',
    re: /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d]|\.\d)/g,
    build: (m) => {
      const mo = Number(m[2]);
      if (mo < 1 || mo > 12) return null;
      return cal(Number(m[3]), mo, Number(m[1]));
    },
  },
  {
    // "your despatch of the 5th inst.", "the 28th ultimo": days counted from a letter's or cable's date
    id: 'time.day.instant-v1',
    re: /(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(inst(?:ant)?|ult(?:imo)?|prox(?:imo)?)\b\.?/giu,
    build: (m) => {
      const d = Number(m[1]);
      if (d < 1 || d > 31) return null;
      const w = m[2].toLowerCase();
      return { k: 'day-of-month', d, monthOffset: w.startsWith('inst') ? 0 : w.startsWith('ult') ? -1 : 1 };
    },
  },
  {
    // "on Monday", "last Friday", "next Tuesday" (a weekday without a date after it)
    id: 'time.weekday-v1',
    re: new RegExp(`(?:\\b(on|last|next|this|since|until|by)\\s+)(${alt(FULL_WEEKDAYS.keys())})(?!\\s*,?\\s*(?:[–—-]\\s*)?(?:\\d|${MON}|the\\s+\\d))`, 'giu'),
    build: (m) => {
      const w = m[1].toLowerCase();
      const name = m[2][0].toUpperCase() + m[2].slice(1).toLowerCase();
      return { k: 'weekday', wd: FULL_WEEKDAYS.get(name)!, dir: w === 'next' ? 1 : w === 'this' ? 0 : -1 };
    },
  },
  {
    // "in ’78", "the ’56 uprising"
    id: 'time.year.short-v1',
    re: /(?<=(?:^|\s)(?:in|of|since|until|by|the|from)\s+)['’‘](\d{2})(?![\d\p{L}'’])/giu,
    build: (m) => ({ k: 'short-year', yy: Number(m[1]) }),
  },
  {
    // "June 1973", "March of 1979", "Dec. 1941"
    id: 'time.month.my-v1',
    re: new RegExp(`(${MON}),?\\s+(?:of\\s+)?(${YEAR})(?!\\d)(?:\\s*(${ERA}))?`, 'gu'),
    build: (m) => cal(yearOf(m[2], m[3]), MONTHS.get(m[1].replace('.', ''))!, null),
  },
  {
    // "in October" (year from context); short or ambiguous names need a preposition
    id: 'time.month.bare-v1',
    re: new RegExp(
      `(?:(?<=\\b(?:[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Tt]ill|[Dd]uring|[Ff]rom|[Oo]f|[Tt]o|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]hrough|[Ll]ast|[Nn]ext|[Tt]his|[Tt]hat|[Bb]efore|[Aa]fter)\\s+)(${MON})|(?<!\\p{Lu}[\\p{L}.]*\\s)(${FULL_MON})(?!\\s+\\p{Lu}\\p{Ll}))(?!\\s*\\d)(?!\\s+(?:this|last|next|that)\\s+year)`,
      'gu',
    ),
    build: (m) => {
      const name = (m[1] ?? m[2]).replace('.', '');
      return cal(null, MONTHS.get(name)!, null);
    },
  },
  {
    // "March this year", "March of the previous year"
    id: 'time.month.relative-v1',
    re: new RegExp(`(${MON})\\s+(?:of\\s+)?(this|last|next|that|the same|the previous|the following|the next|the preceding)\\s+year\\b`, 'gu'),
    build: (m) => {
      const w = m[2];
      const mo = MONTHS.get(m[1].replace('.', ''))!;
      if (w === 'this') return { k: 'month-rel', m: mo, rel: 'deictic', offset: 0 };
      if (w === 'last') return { k: 'month-rel', m: mo, rel: 'deictic', offset: -1 };
      if (w === 'next') return { k: 'month-rel', m: mo, rel: 'deictic', offset: 1 };
      const offset = /previous|preceding/.test(w) ? -1 : /following|next/.test(w) ? 1 : 0;
      return { k: 'month-rel', m: mo, rel: 'anaphoric', offset };
    },
  },
  {
    // "spring of 1976", "the summer 1978"
    id: 'time.season.year-v1',
    re: new RegExp(`(?:the\\s+)?(${alt(SEASONS.keys())})\\s+(?:of\\s+)?(${YEAR4})(?!\\d)`, 'giu'),
    build: (m) => cal(Number(m[2]), SEASONS.get(m[1].toLowerCase())!, null),
  },
  {
    // "in the spring" (year from context); "fall" only here, after "in the"
    id: 'time.season.bare-v1',
    re: new RegExp(`(?<=\\b(?:[Ii]n|[Dd]uring|[Bb]y|[Ss]ince|[Uu]ntil)\\s+)the\\s+(?:(early|late)\\s+)?(${alt(SEASONS.keys())})\\b(?!\\s+(?:of\\s+)?\\d)`, 'gu'),
    build: (m) => cal(null, SEASONS.get(m[2].toLowerCase())!, null),
  },
  {
    // "the 1970s", "the 1990’s", "1940s", "the 1800s" (a century)
    id: 'time.decade.digits-v1',
    re: /(?:the\s+)?(?<![\d.,])(\d{2})(\d)0\s?['’]?s(?![\p{L}\d])/gu,
    build: (m) => {
      const hundreds = Number(m[1]);
      const tens = Number(m[2]);
      // "the 1800s" is a century; "the 2000s" is usually the decade
      if (tens === 0 && hundreds < 20) return { k: 'century', first: hundreds * 100, last: hundreds * 100 + 99 };
      return { k: 'decade', start: hundreds * 100 + tens * 10, digit: null };
    },
  },
  {
    // "the ’70s", "the seventies" (century from context)
    id: 'time.decade.short-v1',
    re: new RegExp(`the\\s+(?:['’‘](\\d)0s|(${alt(DECADE_WORDS.keys())}))(?![\\p{L}])`, 'giu'),
    build: (m) => ({ k: 'decade', start: null, digit: m[1] ? Number(m[1]) : DECADE_WORDS.get(m[2].toLowerCase())! }),
  },
  {
    // "the 19th century", "the fifth century BC", "19th-century"
    id: 'time.century-v1',
    re: new RegExp(`(?:the\\s+)?(${ORD})[\\s-]+century(?:\\s+(${ERA}))?`, 'giu'),
    build: (m) => {
      const n = ordinalNumber(m[1]);
      if (!Number.isFinite(n) || n < 1 || n > 22) return null;
      if (m[2] && ERAS.get(m[2]) === 'bce') {
        // the nth century BCE: years n*100 … (n-1)*100+1 BCE
        return { k: 'century', first: 1 - n * 100, last: 1 - ((n - 1) * 100 + 1) };
      }
      // conventional usage: the 19th century is the 1800s
      return { k: 'century', first: (n - 1) * 100, last: (n - 1) * 100 + 99 };
    },
  },
  {
    // "in the year 800", "AD 800", "44 BC", "1976"
    id: 'time.year-v1',
    re: new RegExp(
      `(?:(?:the\\s+year\\s+)(\\d{1,4})(?!\\d)(?:\\s*(${ERA}))?|(${ERA})\\s*(\\d{1,4})(?!\\d)|(?<![\\d.,/#$€£])(${YEAR})(?![\\d]|[.,]\\d|\\s*%)(?:\\s*(${ERA}))?)`,
      'gu',
    ),
    build: (m) => {
      if (m[1]) return cal(yearOf(m[1], m[2]), null, null);
      if (m[4]) return cal(yearOf(m[4], m[3]), null, null);
      const y = Number(m[5]);
      if (!m[6] && (y < 1000 || y > 2199)) return null;
      return cal(yearOf(m[5], m[6]), null, null);
    },
  },
  {
    // "1912–present", "from 1991 to the present day", "since 2004 until now": an interval open at the end
    id: 'time.interval.to-present-v1',
    re: new RegExp(`(?:(?:from|since)\\s+)?(${YEAR4})(?!\\d)\\s*(?:[-–—]|to|until|till)\\s*(?:the\\s+)?(?:present(?:\\s+day)?|today|now|date)(?![\\p{L}])`, 'giu'),
    build: (m) => ({ k: 'interval', a: { k: 'cal', y: Number(m[1]), m: null, d: null }, b: null }),
  },
  {
    // "1975–78", "1970-75": a compact range of years
    id: 'time.year.compact-range-v1',
    re: /(?<![\d.,/-])(\d{2})(\d{2})\s*[-–]\s*(\d{2})(?![\d\p{L}]|[-–/]\d)/gu,
    build: (m) => {
      const c = Number(m[1]);
      const a = Number(m[2]);
      const b = Number(m[3]);
      if (b <= 12 || b <= a) return null; // "1970-07" is a month, "1978-75" nothing
      const y = c * 100 + a;
      if (y < 1000 || y > 2199) return null;
      return { k: 'interval', a: { k: 'cal', y, m: null, d: null }, b: { k: 'cal', y: c * 100 + b, m: null, d: null } };
    },
  },
  {
    // "today", "last evening", "this year", "now"
    id: 'time.deictic-v1',
    re: new RegExp(`(?<![\\p{L}-])(${alt(DEICTIC.keys())})(?![\\p{L}-])`, 'giu'),
    build: (m, text) => {
      const w = m[1];
      // "Albania Today", "Radio Now": a capitalised word after a capitalised word is part of a name
      if (/^[A-Z]/.test(w) && /\p{Lu}[\p{L}.'’]*\s+$/u.test(text.slice(Math.max(0, m.index - 30), m.index))) return null;
      const e = DEICTIC.get(w.toLowerCase())!;
      return { k: 'deictic', unit: e.unit, offset: e.offset, approx: e.approximate, weak: e.weak };
    },
  },
  {
    // "the previous year", "the same year", "that day"
    id: 'time.anaphoric-v1',
    re: new RegExp(`(?<![\\p{L}-])(${alt(ANAPHORIC.keys())})(?![\\p{L}-])`, 'giu'),
    build: (m) => {
      const e = ANAPHORIC.get(m[1].toLowerCase())!;
      return { k: 'anaphoric', unit: e.unit, offset: e.offset };
    },
  },
  {
    // "two or three days ago", "a week later", "five months after …" (an explicit date must follow "after/before")
    id: 'time.offset-v1',
    re: new RegExp(
      `(?<![\\p{L}\\d-])(?:(?:some|about|around|roughly|nearly|almost)\\s+)?(${NUM_RANGE})\\s+(${UNIT})\\s+(${alt([...DEICTIC_DIR.keys(), ...ANAPHORIC_DIR.keys(), 'after', 'before'])})(?![\\p{L}])`,
      'giu',
    ),
    build: (m) => {
      const { n, approx } = numRange(m[1]);
      const unit = UNITS.get(m[2].toLowerCase())!;
      const dirWord = m[3].toLowerCase();
      if (!Number.isFinite(n)) return null;
      const hedge = /^(some|about|around|roughly|nearly|almost)\s/i.test(m[0]);
      if (dirWord === 'after' || dirWord === 'before') {
        // completed by the combiner when an explicit date follows; rejected otherwise
        return { k: 'offset', base: { k: 'cal', y: null, m: null, d: null }, unit, offset: dirWord === 'after' ? n : -n, approx: approx || hedge };
      }
      const dd = DEICTIC_DIR.get(dirWord);
      if (dd !== undefined) return { k: 'deictic', unit, offset: dd * n, approx: approx || hedge || unit === 'week' || unit === 'fortnight' };
      const ad = ANAPHORIC_DIR.get(dirWord)!;
      return { k: 'anaphoric', unit, offset: ad * n, approx: approx || hedge || unit === 'week' || unit === 'fortnight' };
    },
  },
  {
    // "the following two decades", "the past ten years", "the next five years"
    id: 'time.span-relative-v1',
    re: new RegExp(`the\\s+(following|next|subsequent|past|last|preceding|previous)\\s+(${NUM})\\s+(${UNIT})(?![\\p{L}])`, 'giu'),
    build: (m) => {
      const n = num(m[2]);
      const unit = UNITS.get(m[3].toLowerCase())!;
      if (!Number.isFinite(n) || n < 2) return null;
      const w = m[1].toLowerCase();
      if (w === 'past' || w === 'last') return { k: 'span-rel', unit, n, dir: -1, rel: 'deictic' };
      if (w === 'preceding' || w === 'previous') return { k: 'span-rel', unit, n, dir: -1, rel: 'anaphoric' };
      return { k: 'span-rel', unit, n, dir: 1, rel: 'anaphoric' };
    },
  },
  {
    // "75 years of apartheid", "a 16-year-long blockade", "after two decades of war"
    id: 'time.duration-back-v1',
    re: new RegExp(
      `(?<![\\p{L}\\d-])(?:(?:some|about|around|over|nearly|almost|more than)\\s+)?(?:(${NUM})\\s+(years|decades)\\s+of(?![\\p{L}])|(${NUM})-(year|decade)-long(?![\\p{L}]))`,
      'giu',
    ),
    build: (m, text) => {
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      if (/\b(first|last|past|next|the|those|these|his|her|its|their)\s+$/i.test(before) && m[1]) return null;
      const n = num(m[1] ?? m[3]);
      if (!Number.isFinite(n) || n < 1) return null;
      const unit: Unit = /decade/i.test(m[2] ?? m[4]) ? 'decade' : 'year';
      return { k: 'back', unit, n, approx: /^(some|about|around|over|nearly|almost|more than)\s/i.test(m[0]) };
    },
  },
];

// ---------------------------------------------------------------- context checks

const NOT_YEAR_BEFORE = new RegExp(`(?:^|[\\s(])(?:${alt(L.notYearBefore)})\\s*$`);
const NOT_YEAR_AFTER = new RegExp(`^\\s*(?:${alt(L.notYearAfter)})(?![\\p{L}])`, 'u');
const CITATION_BEFORE = new RegExp(`(?:${alt(L.citationBefore)})[^.;]{0,25}$`);

/** A bare number read as a year that the words around show is not one. */
function notAYear(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 14), start);
  const after = text.slice(end, end + 14);
  if (NOT_YEAR_BEFORE.test(before)) return true;
  if (NOT_YEAR_AFTER.test(after)) return true;
  if (/^-(?:strong|odd|plus|some|man|member|page|word|ton|year|day)/i.test(after)) return true;
  if (/^\s*(?:[×x*]|\/\d)/.test(after)) return true;
  // a time of day: "1400Z", "0500 hours", "2316 GMT", "at 0500 local time"
  if (/^(?:Z|\s*(?:hours|hrs|local\s+time|GMT|UTC|EST|EDT)|\s*[ap]\.?m\.?)(?![\p{L}])/u.test(after)) return true;
  return false;
}

/** Whether the expression sits in a bibliographic reference. */
export function looksLikeCitation(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 12);
  if (CITATION_BEFORE.test(before)) return true;
  if (/\b(?:edition|ed\.|published|Publishing)\s*$/i.test(before) || /^\s*(?:edition|ed\.)\b/i.test(after)) return true;
  // "(2017)", "(2021): 53–66", "1987 p. 419", "1973 p57"
  if (/\(\s*$/.test(before) && /^\s*\)/.test(after) && /[\p{L}.,]\s*\(\s*$/u.test(before)) return true;
  if (/^\s*(?:p\.?\s?\d|pp\.?\s?\d|\)\s*:\s*\d)/.test(after)) return true;
  return false;
}

// ---------------------------------------------------------------- scanning

/** A cheap test run before the rules: text with no digit and none of these words holds no time expression. */
const MAY_HOLD_TIME = new RegExp(
  `\\d|\\b(?:${alt(
    new Set(
      [
        ...MONTHS.keys(),
        ...SEASONS.keys(),
        ...DECADE_WORDS.keys(),
        ...UNITS.keys(),
        ...[...DEICTIC.keys(), ...ANAPHORIC.keys()].flatMap((k) => k.split(' ')).filter((w) => !['the', 'a', 'this', 'that', 'last', 'next', 'same', 'at', 'these', 'before', 'after'].includes(w)),
        ...[...PERIODS.keys()].map((k) => k.split(/[\s-]/)[0]),
        ...ORDINALS.keys(),
        ...FULL_WEEKDAYS.keys(),
        'fortnight',
      ].map((w) => w.toLowerCase()),
    ),
  )})`,
  'i',
);

interface Candidate extends TimeMatch {
  order: number;
}

/** Longest first, then rule order: keep the candidates that overlap none kept before (linear in text length). */
function selectNonOverlapping(cands: Candidate[], length: number): Candidate[] {
  const byLength = [...cands].sort((a, b) => b.end - b.start - (a.end - a.start) || a.order - b.order || a.start - b.start);
  const taken = new Uint8Array(length);
  const chosen: Candidate[] = [];
  for (const c of byLength) {
    let free = true;
    for (let i = c.start; i < c.end; i++) {
      if (taken[i]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

const APPROX_BEFORE = new RegExp(`(?:^|[^\\p{L}])(${alt(L.approximate)})\\s+$`, 'iu');
const PART_BEFORE = /(?:^|[^\p{L}])(early|mid|late|the beginning of|the start of|the middle of|the end of|the close of|the first half of|the second half of|the early part of|the latter part of)(?:\s+|-)(?:the\s+)?$/iu;
const OPEN_START_BEFORE = /(?:^|[^\p{L}])(since|from|after|starting in|beginning in)\s+(?:the\s+)?$/iu;
const OPEN_END_BEFORE = /(?:^|[^\p{L}])(until|till|up to|up until|through|before|prior to)\s+(?:the\s+)?$/iu;
const FROM_BEFORE = /(?:^|[^\p{L}])(from|between)\s+(?:the\s+)?$/iu;

const NEGATION = /(?:^|[^\p{L}])(?:not|never|no|n[’']t|nor)(?![\p{L}])/iu;

/** Whether the clause before `at` (back to the last clause break) is negated. */
function negatedBefore(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 120), at);
  const clause = before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf(':'), before.search(/[.!?]\s[^.!?]*$/)) + 1);
  return NEGATION.test(clause);
}

function canTakePart(n: Temporal): boolean {
  return (n.k === 'cal' && n.d === null && (n.m === null || n.m <= 12)) || n.k === 'decade' || n.k === 'century';
}

function canBeIntervalEnd(n: Temporal): boolean {
  return n.k === 'cal' || n.k === 'decade' || n.k === 'century' || n.k === 'month-rel';
}

/**
 * Find the time expressions in `text` (a sentence or block). Offsets are into
 * `text`. Expressions that need a reference time are returned unresolved.
 */
export function scanTimes(text: string): TimeMatch[] {
  if (!MAY_HOLD_TIME.test(text)) return [];
  const cands: Candidate[] = [];
  RULES.forEach((rule, order) => {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const node = rule.build(m, text);
      if (!node) continue;
      // trim a leading "the " off spans that start with it only for decades ("the 1970s" keeps it)
      const start = m.index;
      const end = m.index + m[0].length;
      if (rule.id === 'time.year-v1' && !m[1] && !m[3] && !m[6] && notAYear(text, start, end)) continue;
      const ruleId = node.k === 'deictic' && node.weak ? 'time.deictic.weak-v1' : rule.id;
      cands.push({ start, end, node, ruleId, order });
    }
  });
  const atoms = selectNonOverlapping(cands, text.length);
  return combine(text, atoms);
}

/** Combine adjacent atoms: qualifiers before them, intervals, offsets from a date. */
function combine(text: string, atoms: Candidate[]): TimeMatch[] {
  const out: TimeMatch[] = [];
  for (let i = 0; i < atoms.length; i++) {
    let cur: TimeMatch = { start: atoms[i].start, end: atoms[i].end, node: atoms[i].node, ruleId: atoms[i].ruleId };
    const next = atoms[i + 1];

    // "five months after March 1970"
    if (cur.node.k === 'offset') {
      const gap = next ? text.slice(cur.end, next.start) : null;
      if (next && gap !== null && /^\s*(?:the\s+)?$/.test(gap) && next.node.k === 'cal' && next.node.y !== null) {
        cur = { start: cur.start, end: next.end, node: { ...cur.node, base: next.node }, ruleId: 'time.offset.explicit-v1' };
        i++;
        out.push(cur);
        continue;
      }
      // "two days before." counts from the narrative time; "five months after the
      // Chinese ended its aid" counts from an event, which gives no date
      if (/^\s*(?:[,.;:)]|$)/.test(text.slice(cur.end))) {
        const n = cur.node;
        out.push({ ...cur, node: { k: 'anaphoric', unit: n.unit, offset: n.offset, approx: n.approx || n.unit === 'week' || n.unit === 'fortnight' } });
      }
      continue;
    }

    // part and approximation qualifiers before the expression
    const before = text.slice(Math.max(0, cur.start - 40), cur.start);
    const part = PART_BEFORE.exec(before);
    if (part && canTakePart(cur.node)) {
      const p = PARTS.get(part[1].toLowerCase()) ?? (part[1].toLowerCase() as Part);
      cur = { ...cur, start: cur.start - part[0].length + (part[0].length - part[0].trimStart().length), node: { ...cur.node, part: p } as Temporal, ruleId: cur.ruleId.replace(/-v1$/, '.part-v1') };
    }
    const before2 = text.slice(Math.max(0, cur.start - 40), cur.start);
    const approx = APPROX_BEFORE.exec(before2);
    if (approx && (cur.node.k === 'cal' || cur.node.k === 'decade' || cur.node.k === 'century')) {
      const lead = approx[0].length - approx[0].trimStart().length;
      cur = { ...cur, start: cur.start - approx[0].length + lead, node: { ...cur.node, approx: true } as Temporal, ruleId: cur.ruleId.replace(/-v1$/, '.approx-v1') };
    }

    // intervals: "from A to B", "between A and B", "A–B"
    if (next && canBeIntervalEnd(cur.node) && canBeIntervalEnd(next.node)) {
      const gap = text.slice(cur.end, next.end > cur.end ? next.start : cur.end);
      const pre = FROM_BEFORE.exec(text.slice(Math.max(0, cur.start - 20), cur.start));
      const isBetween = pre && pre[1].toLowerCase() === 'between';
      const joins = isBetween ? /^\s*and\s+(?:the\s+)?$/i.test(gap) : pre ? /^\s*(?:to|until|till|through|[-–—])\s*(?:the\s+)?$/i.test(gap) : /^\s*[-–—]\s*$/.test(gap);
      if (joins) {
        let b = next.node;
        let a = cur.node;
        // "from March to July 1978": the first end borrows the year of the second
        if (a.k === 'cal' && a.y === null && b.k === 'cal' && b.y !== null) a = { ...a, y: b.y };
        const start = pre ? cur.start - pre[0].length + (pre[0].length - pre[0].trimStart().length) : cur.start;
        out.push({ start, end: next.end, node: { k: 'interval', a, b }, ruleId: 'time.interval-v1' });
        i++;
        continue;
      }
    }

    // "before the First World War", "after the Cold War": open intervals from a named period's ends
    if (cur.node.k === 'fixed' && cur.node.value.includes('/')) {
      const b4 = text.slice(Math.max(0, cur.start - 20), cur.start);
      const os = /(?:^|[^\p{L}])(since|after|following)\s+$/iu.exec(b4);
      const oe = /(?:^|[^\p{L}])(until|till|before|prior to)\s+$/iu.exec(b4);
      const [a, b] = cur.node.value.split('/');
      if (os) {
        const lead = os[0].length - os[0].trimStart().length;
        cur = { start: cur.start - os[0].length + lead, end: cur.end, node: { k: 'fixed', value: `${b}/..` }, ruleId: 'time.period.after-v1' };
      } else if (oe) {
        const lead = oe[0].length - oe[0].trimStart().length;
        cur = { start: cur.start - oe[0].length + lead, end: cur.end, node: { k: 'fixed', value: `../${a}` }, ruleId: 'time.period.before-v1' };
      }
    }

    // open intervals: "since 1991", "until 1939"
    if (cur.node.k === 'cal' || cur.node.k === 'decade' || cur.node.k === 'century') {
      const b3 = text.slice(Math.max(0, cur.start - 20), cur.start);
      const os = OPEN_START_BEFORE.exec(b3);
      const oe = OPEN_END_BEFORE.exec(b3);
      const afterText = text.slice(cur.end, cur.end + 12);
      if (os && (os[1].toLowerCase() !== 'from' || /^\s*(?:on(?:wards?)?|forward)\b/i.test(afterText))) {
        const lead = os[0].length - os[0].trimStart().length;
        const onwards = /^\s*(?:on(?:wards?)?|forward)\b/i.exec(afterText);
        cur = { start: cur.start - os[0].length + lead, end: onwards ? cur.end + onwards[0].length : cur.end, node: { k: 'interval', a: cur.node, b: null }, ruleId: 'time.interval.open-end-v1' };
      } else if (oe) {
        const lead = oe[0].length - oe[0].trimStart().length;
        const start = cur.start - oe[0].length + lead;
        // "did not recognise … until 1836", "not until 1979": the thing happened then, it did not last until then
        if (/^(?:until|till|up until)$/i.test(oe[1]) && negatedBefore(text, start)) cur = { ...cur, start, ruleId: 'time.until.negated-v1' };
        else cur = { start, end: cur.end, node: { k: 'interval', a: null, b: cur.node }, ruleId: 'time.interval.open-start-v1' };
      }
    }
    out.push(cur);
  }
  for (const t of out) {
    if (looksLikeCitation(text, t.start, t.end)) t.citation = true;
  }
  return out;
}
