/**
 * Attach dates to an event from the text around its evidence, nearest scope
 * first, each step with a rule id and a confidence:
 * 1. dates.clause-v1: a time in the event's own clause, the one nearest the
 *    trigger; a list of dates ("in 1972, 1974 and 1975") gives one date each.
 *    An open "until 1902" is closed by the paragraph's narrative time before it
 *    (dates.until-v1: "intervened in 1898 … occupied the island until 1902" → 1898/1902).
 * 1b. dates.relative-v1: in a relative clause, the time closing its antecedent
 *    ("the convention from 1948, which was adopted …").
 * 2. dates.sentence-v1: a time governing the sentence ("In 1976, …"), else
 *    another time of the sentence.
 * (dates.anterior-v1: an event stated as how things came to be as they are — "The
 *    refugees, driven from their villages by the army, are living in camps" —
 *    takes none of the times below, which are all times the sentence speaks from.)
 * 3. dates.diary-v1 / dates.cable-v1 / dates.source-v1 for the sentence that
 *    introduces a dated quotation ("In a telegram to Sihanouk, Hoxha
 *    commented,"): the source's date.
 * 4. dates.paragraph-v1: the narrative time of the paragraph (the last time in
 *    the sentences before, in the same paragraph).
 * 5. dates.diary-v1 / dates.cable-v1 / dates.source-v1: inside a quoted diary
 *    entry, telegram, speech or a cable body, the date of that source.
 * Nothing found gives [] — never the publication date by default.
 * carryDate (events.date-carried-v1) is the coder's last resort when [] comes
 * back: the narrative time of the blocks before, where it still holds.
 * Pure and deterministic.
 */
import type { Document, EventDate, Sentence, Span, TimeExpression } from '../core/types.js';
import { edtfBounds, edtfPrecision } from '../core/edtf.js';
import { analyzeTimes } from './time.js';
import type { SourceScope } from './time-anchor.js';

export interface AttachInput {
  doc: Document;
  sentences: Sentence[];
  times: TimeExpression[];
  /** The clause or sentence stating the event. */
  evidence: Span;
  /** The trigger word(s), when known. */
  trigger: Span | null;
  options?: AttachOptions;
}

export interface AttachOptions {
  /** Step 6: the narrative time of earlier paragraphs of the same section (default false: on the development set it dated more events wrongly than rightly). */
  narrative?: boolean;
  /** Step 6a: a paragraph's first sentence takes the time of its second (default true). */
  paragraphNext?: boolean;
  /** Step 2 also takes a time of another clause that does not open the sentence (default true). */
  sentenceOther?: boolean;
  /** How many paragraphs back step 6 may look (default 2). */
  narrativeReach?: number;
  /** Step 7: the year of publication, for documents about their own present (default true). */
  documentDate?: boolean;
}

export const CONFIDENCE = {
  clause: 0.85,
  clauseList: 0.8,
  relative: 0.75,
  sentenceGoverning: 0.7,
  sentenceOther: 0.55,
  intro: 0.65,
  paragraph: 0.5,
  source: 0.5,
  continued: 0.4,
  paragraphNext: 0.4,
  narrative: 0.35,
  document: 0.25,
} as const;

/** Where a clause ends inside a sentence: ";", ":", a dash between spaces, a parenthesis, or a comma before a subordinating or coordinating word. */
const CLAUSE_BREAK =
  /;|:(?!\d)|\s(?=and\s+(?:by|in|on|since|after|during|from|until|then)\s)|\s[–—-]\s|[()]|,\s+(?=(?:and|but|while|whereas|which|who|whom|when|where|although|though|as|after|before|since|until|because|so|yet|then|thus|following|having|informing|providing|expressing|arriving)\b)|\s(?=(?:and then|but|while|whereas|whereupon)\s)/g;

/** Clause spans (absolute offsets) of a sentence. */
export function clauses(text: string, offset: number): Span[] {
  const out: Span[] = [];
  let start = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(text); m; m = CLAUSE_BREAK.exec(text)) {
    if (m.index > start) out.push({ start: offset + start, end: offset + m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start: offset + start, end: offset + text.length });
  // a comma-delimited relative or subordinate clause ends at its next comma:
  // "the minister, who had resigned in 1958, visited Rome"; "when it rained, they stopped"
  const split: Span[] = [];
  for (const c of out) {
    const t = text.slice(c.start - offset, c.end - offset);
    const lead = /^\s*(?:and\s+)?(?:who|whom|whose|which|when|while|although|though|after|before|since|until|because|if|as)\b/i.exec(t);
    const comma = lead ? t.indexOf(', ', lead[0].length) : -1;
    if (comma > 0) {
      split.push({ start: c.start, end: c.start + comma });
      split.push({ start: c.start + comma + 1, end: c.end });
    } else split.push(c);
  }
  return split;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function inside(inner: Span, outer: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function distance(a: Span, b: Span): number {
  if (overlaps(a, b)) return 0;
  return a.end <= b.start ? b.start - a.end : a.start - b.end;
}

function toDate(t: TimeExpression, ruleId: string, confidence: number): EventDate {
  return { value: t.value, earliest: t.earliest, latest: t.latest, precision: t.precision, span: t.span, ruleId, confidence };
}

function scopeDate(scope: SourceScope, confidence: number): EventDate {
  const rule = scope.kind === 'diary' ? 'dates.diary-v1' : scope.kind === 'cable' ? 'dates.cable-v1' : 'dates.source-v1';
  return { value: scope.value, ...boundsOf(scope.value), span: scope.evidence, ruleId: rule, confidence };
}

function boundsOf(value: string): Pick<EventDate, 'earliest' | 'latest' | 'precision'> {
  const { earliest, latest } = edtfBounds(value);
  return { earliest, latest, precision: edtfPrecision(value) };
}

const WEAK = /\.weak-/;


/** How far (UTF-16 units) from the event a time of its own clause may be (long run-on clauses). */
const CLAUSE_REACH = 160;

/** How far (UTF-16 units) from the event another clause's time may be and still date it. */
const SENTENCE_REACH = 200;

/** A paragraph that goes on reporting what a quoted source said. */
const CONTINUES = /\b(?:(?:in|from|of) the (?:editorial|article|speech|telegram|cable|letter|report|entry|diary|message|statement|memorandum|address)\b|further|went on|continued|added|also (?:wrote|noted|said)|(?:diary|journal) entry|the (?:entry|telegram|cable|letter|speech|message) (?:ends|closes|continues|goes on)|he (?:wrote|noted|opined|remarked)|she (?:wrote|noted|opined|remarked))\b/i;

/** Times that date an event only when nothing else does: "now" counted from the publication date, "before the First World War". */
function weak(t: TimeExpression): boolean {
  return (WEAK.test(t.ruleId) && t.anchor.kind === 'document') || /^time\.period\.(?:before|after)-/.test(t.ruleId);
}

/** Times that can carry the narrative to the next sentences: explicit or resolved points and spans, not open-ended ones or named periods. */
function narrativeTime(text: string, t: TimeExpression): boolean {
  return !weak(t) && !WEAK.test(t.ruleId) && !nounDate(text, t) && !t.value.endsWith('/..') && !t.value.startsWith('../') && !t.ruleId.startsWith('time.period.') && !t.ruleId.startsWith('time.duration-back');
}

function usable(t: TimeExpression): boolean {
  return !t.citation;
}

const preparedCache = new WeakMap<TimeExpression[], TimeExpression[]>();

/** The times that may date events (not references), in text order; computed once per list. */
function prepared(times: TimeExpression[]): TimeExpression[] {
  let p = preparedCache.get(times);
  if (!p) {
    p = times.filter(usable).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    preparedCache.set(times, p);
  }
  return p;
}

/** Times (sorted by start) lying wholly inside [lo, hi). */
function within(sorted: TimeExpression[], lo: number, hi: number): TimeExpression[] {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (sorted[m].span.start < lo) a = m + 1;
    else b = m;
  }
  const out: TimeExpression[] = [];
  for (let i = a; i < sorted.length && sorted[i].span.start < hi; i++) if (sorted[i].span.end <= hi) out.push(sorted[i]);
  return out;
}

/** The unit (sentence) holding an offset, by binary search over units in text order. */
function unitAt(units: Sentence[], at: number): Sentence | undefined {
  let a = 0;
  let b = units.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (units[m].span.end <= at) a = m + 1;
    else b = m;
  }
  const u = units[a];
  return u && u.span.start <= at && at < u.span.end ? u : undefined;
}

/** Spans of double-quoted passages (“…” or "…") inside a sentence. */
export function quoteSpans(text: string, sentence: Span): Span[] {
  const out: Span[] = [];
  const t = text.slice(sentence.start, sentence.end);
  const re = /“[^“”]*”|"[^"]*"/g;
  for (let m = re.exec(t); m; m = re.exec(t)) out.push({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length });
  return out;
}

/** A time after the trigger across "that" lies in the clause the trigger governs ("repeated his charge that the junta had organized the coup of July 15"). */
function embeddedAfter(text: string, trigger: Span, t: TimeExpression): boolean {
  // the trigger may itself end with the "that" ("his charge that …")
  return t.span.start >= trigger.end && (/\bthat\b/i.test(text.slice(trigger.end, t.span.start)) || /\bthat$/i.test(text.slice(trigger.start, trigger.end)));
}

/** A time inside the that-clause of a reporting verb ("said that …", "complained that …"). */
const REPORTED_LEAD = /\b(?:said|says|told|complained|stated|reported|asked|added|noted|claimed|charged|repeated|confirmed|conceded|explained|insisted|warned|argued|announced|replied|informed|assured|believed|thought|learned|heard)\b[^.;]*\bthat\b/i;

function reported(text: string, units: Sentence[], t: TimeExpression): boolean {
  const u = unitAt(units, t.span.start);
  return !!u && REPORTED_LEAD.test(text.slice(u.span.start, t.span.start));
}

/** The run of times listed with t ("1972, 1974, 1975 and 1985"), in order. */
function listAround(text: string, times: TimeExpression[], t: TimeExpression): TimeExpression[] {
  const sorted = [...times].sort((a, b) => a.span.start - b.span.start);
  let i = sorted.indexOf(t);
  if (i < 0) return [t];
  const joins = (a: TimeExpression, b: TimeExpression) => /^\s*(?:,|,?\s*(?:and|or|&))\s*(?:in\s+|on\s+)?$/.test(text.slice(a.span.end, b.span.start));
  let lo = i;
  while (lo > 0 && joins(sorted[lo - 1], sorted[lo])) lo--;
  let hi = i;
  while (hi + 1 < sorted.length && joins(sorted[hi], sorted[hi + 1])) hi++;
  return sorted.slice(lo, hi + 1);
}

/** "the 1970 coup", "his 1975 visit", "a 2024 study": a year used as a modifier of the noun after it. */
function attributive(text: string, t: TimeExpression): boolean {
  const before = text.slice(Math.max(0, t.span.start - 8), t.span.start);
  const after = text.slice(t.span.end, t.span.end + 3);
  return /\b(?:a|an|the|his|her|its|their|our|this|that)\s+$/i.test(before) && /^\s+[\p{Ll}]/u.test(after) && t.precision === 'year';
}

/** "the Genocide Convention from 1948", "a ruling from 2004", "a report dated 17 October 1976": a date that belongs to a noun. */
function nounDate(text: string, t: TimeExpression): boolean {
  const before = text.slice(Math.max(0, t.span.start - 30), t.span.start);
  return /[\p{L}\d)]\s+(?:from|dated)\s+$/u.test(before) && !/\b(?:in|on|by|during|since|until)\s+\S+\s+(?:from|dated)\s+$/i.test(before) && /(?:\p{Lu}[\p{L}\d]*|\b(?:ruling|resolution|report|study|law|act|treaty|convention|declaration|decision|judgment|letter|note|article|editorial|speech|statement|survey|census|constitution|agreement|charter|document|memorandum|telegram|cable)|\d+)\s+(?:from|dated)\s+$/iu.test(before);
}

/**
 * The narrative time after a run of times: the last one, except that a time
 * lying years before the current narrative time is a look back ("grenades
 * captured in 1973" among events of 1994) and does not move it.
 */
function narrativeOf(ts: TimeExpression[]): TimeExpression {
  let cur = ts[0];
  for (const t of ts.slice(1)) {
    const back = Number(cur.earliest.slice(0, -6)) - Number(t.latest.slice(0, -6));
    if (back > 3) continue;
    cur = t;
  }
  return cur;
}

/** Among times of the same clause, a finer one inside the chosen one refines it ("In 1976 … in October" → 1976-10). */
function refine(t: TimeExpression, pool: TimeExpression[]): TimeExpression {
  let best = t;
  for (const x of pool) {
    if (x === t || x.value.includes('/') || t.value.includes('/')) continue;
    if (x.earliest >= best.earliest && x.latest <= best.latest && (x.earliest !== best.earliest || x.latest !== best.latest)) {
      if (!x.earliest.startsWith('-') && !best.earliest.startsWith('-')) best = x;
    }
  }
  return best;
}

/** A time that opens the sentence ("In 1976, …", "On 6 June 1977 …", "By late 1977, …"). */
function governing(text: string, sentence: Span, t: TimeExpression): boolean {
  const lead = text.slice(sentence.start, t.span.start);
  return /^[\s“"‘'(]*(?:(?:in|on|by|during|since|from|at|throughout|after|before|until|early|late|towards?|around|about)\s+(?:the\s+)?)?$/i.test(lead);
}

/** The gap between a time and the event's trigger is only a coordinating word (and an adverb or two). */
const COORDINATED_BEFORE = /^[\s,]*(?:and|but|then|and then|before|after which)\s+(?:\p{Ll}+ly\s+){0,2}$/u;

function pickNearest(cands: TimeExpression[], focus: Span | null, text: string): TimeExpression | null {
  const pool = cands.filter((t) => !weak(t));
  if (pool.length === 0) return null;
  if (!focus) {
    const plain = pool.filter((t) => !attributive(text, t));
    return (plain.length > 0 ? plain : pool)[0];
  }
  let best = pool[0];
  let bestD = Infinity;
  for (const t of pool) {
    let d = distance(t.span, focus);
    if (attributive(text, t) && d > 2) d += 40; // a year modifying another noun dates that noun
    // "recalled its ambassador in November 2023 and suspended all trade in May 2024": a time
    // closing the verb phrase coordinated before the event's own belongs to that phrase
    if (t.span.end <= focus.start && COORDINATED_BEFORE.test(text.slice(t.span.end, focus.start))) d += 60;
    if (d < bestD) {
      best = t;
      bestD = d;
    }
  }
  return best;
}

/** A past participle: regular ("expelled"), or one of the common irregular ones. */
const PARTICIPLE = /^(?:\p{L}+ed|\p{L}+(?:en|wn)|met|sent|made|held|led|fought|bought|brought|caught|taught|thought|sought|struck|hung|kept|left|lost|built|spent|sold|told|shot|put|set|cut|hit|won|begun|done|gone|run|come|become|overrun|undone|withdrawn)$/iu;

/**
 * dates.anterior-v1: the event is stated as prior to the time its sentence speaks from — a past
 * participle set off after its noun, with its agent, whose clause goes on in the present ("The Palestinians, expelled
 * from their land by the mandate power, are living in tents"): how things came to be as they are.
 * Such an event is not dated by the time of writing, the entry date or the narrative time. (A
 * pluperfect is not enough: "Ankara had consulted London" in a cable is mostly days before it.)
 */
export function anterior(text: string, trigger: Span | null): boolean {
  if (!trigger) return false;
  const word = /^[\p{L}'’-]+/u.exec(text.slice(trigger.start, trigger.end))?.[0] ?? '';
  if (!PARTICIPLE.test(word)) return false;
  const before = text.slice(Math.max(0, trigger.start - 40), trigger.start);
  if (!/[\p{L}\d)’”],\s+$/u.test(before)) return false;
  const rest = text.slice(trigger.end, trigger.end + 100);
  // with its agent, and the noun's own clause goes on in the present ("are living", not "are to be
  // restored"): the participle is how it came to be so
  return /^[^,;:.]*\bby\b[^,;:.]*,\s+(?:\p{Ll}+ly\s+)?(?:is|are|has|have|lives?|remains?|stays?)\b(?!\s+to\b)/iu.test(rest);
}

/**
 * dates.relative-v1: an event stated in a relative clause ("…, which was adopted …", "…, who
 * signed …") with no time of its own takes the time that closes its antecedent: "the Genocide
 * Convention from 1948, which …", "the treaty of 1648, which …", "the 1970 coup, which …".
 */
function antecedentTime(text: string, sentence: Span, focus: Span | null, times: TimeExpression[]): TimeExpression | null {
  if (!focus) return null;
  // the last relative pronoun at or before the start of the event (an evidence span may start with it)
  const head = text.slice(sentence.start, Math.min(sentence.end, focus.start + 6));
  let rel: RegExpExecArray | null = null;
  for (const m of head.matchAll(/,\s*(which|who|whom)\b/gi)) if (sentence.start + m.index! + m[0].length - m[1].length <= focus.start) rel = m as RegExpExecArray;
  if (!rel) return null;
  const comma = sentence.start + rel.index;
  const pronounEnd = comma + rel[0].length;
  // the event lies in that clause: nothing between the pronoun and the trigger opens another one
  const between = text.slice(Math.min(pronounEnd, focus.start), focus.start);
  if (between.length > 80 || /[;:()–—]|\b(?:and|but|while|when|after|before|because|that|which|who)\b/i.test(between)) return null;
  let best: TimeExpression | null = null;
  for (const t of times) {
    if (t.span.end > comma || weak(t)) continue;
    const gap = text.slice(t.span.end, comma);
    if (/^[\s”"’)\]]*$/.test(gap) || (attributive(text, t) && /^(?:\s+[\p{L}’'-]+){1,3}[\s”"’)\]]*$/u.test(gap))) best = t;
  }
  return best;
}

/** How many years back the narrative time may open an "until" interval. */
const UNTIL_REACH = 30;

/**
 * dates.until-v1: "until 1902" states only the end of the event; its start is the narrative time
 * of the paragraph when that lies before the end ("The United States intervened in 1898 …
 * American troops occupied the island until 1902" → 1898/1902). Without one the interval stays open.
 */
function closeUntil(text: string, t: TimeExpression, before: TimeExpression[]): EventDate | null {
  if (!t.value.startsWith('../')) return null;
  const end = t.value.slice(3);
  const earlier = before.filter((x) => narrativeTime(text, x) && !x.value.includes('/'));
  if (earlier.length === 0) return null;
  const start = narrativeOf(earlier);
  const endYear = Number(t.latest.slice(0, -6));
  const startYear = Number(start.earliest.slice(0, -6));
  if (!(start.latest < t.latest) || start.earliest.startsWith('-') || endYear - startYear > UNTIL_REACH) return null;
  const value = `${start.value}/${end}`;
  return { value, ...boundsOf(value), span: { start: Math.min(start.span.start, t.span.start), end: Math.max(start.span.end, t.span.end) }, ruleId: 'dates.until-v1', confidence: CONFIDENCE.paragraph };
}

/**
 * The dates of an event stated in `evidence`: usually one; several when the
 * clause lists dates ("in 1972, 1974 and 1975" → one per date); empty when the
 * text gives no way to date it (never the publication date by default).
 */
export function attachDates(input: AttachInput): EventDate[] {
  const { doc, evidence, trigger } = input;
  const text = doc.text;
  const analysis = analyzeTimes(doc, input.sentences);
  const units = analysis.units;
  const times = prepared(input.times);
  const opts = input.options ?? {};

  const anchorSpan = trigger ?? evidence;
  const sentence = unitAt(units, anchorSpan.start) ?? units.find((s) => overlaps(s.span, evidence));
  if (!sentence) return [];
  // a time quoted inside “…” dates what the quotation says, not the saying of it
  const quotes = quoteSpans(text, sentence.span);
  const sameVoice = (t: TimeExpression) => {
    const q = quotes.find((x) => inside(t.span, x));
    return !q || !(trigger ?? evidence) || overlaps(q, trigger ?? evidence) && (trigger ? inside(trigger, q) : true);
  };
  const inSentence = within(times, sentence.span.start, sentence.span.end).filter(sameVoice);

  // 1. the event's own clause
  const focus: Span | null = trigger ?? (evidence.start > sentence.span.start || evidence.end < sentence.span.end ? evidence : null);
  if (inSentence.length > 0) {
    let clauseSpan: Span = sentence.span;
    if (focus) {
      const cs = clauses(text.slice(sentence.span.start, sentence.span.end), sentence.span.start);
      const hit = cs.filter((c) => overlaps(c, focus));
      if (hit.length > 0) clauseSpan = { start: hit[0].start, end: hit[hit.length - 1].end };
      // an evidence span given as a clause counts as the clause
      if (!trigger) clauseSpan = { start: Math.min(clauseSpan.start, evidence.start), end: Math.max(clauseSpan.end, evidence.end) };
    }
    const inClause = inSentence.filter((t) => overlaps(t.span, clauseSpan) && (!focus || distance(t.span, focus) <= CLAUSE_REACH) && !(trigger && embeddedAfter(text, trigger, t)));
    const t = pickNearest(inClause, focus, text);
    if (t) {
      const list = listAround(text, inClause, t);
      if (list.length > 1) return list.map((x) => toDate(x, 'dates.clause-v1', CONFIDENCE.clauseList));
      const closed = closeUntil(text, t, within(times, doc.blocks[sentence.block]?.span.start ?? sentence.span.start, sentence.span.start));
      if (closed) return [closed];
      return [toDate(refine(t, inClause), 'dates.clause-v1', CONFIDENCE.clause)];
    }
    // 1b. a relative clause dated by its antecedent
    const ante = antecedentTime(text, sentence.span, focus, inSentence);
    if (ante) return [toDate(ante, 'dates.relative-v1', CONFIDENCE.relative)];
    // 2. a time governing the sentence, else another time of it
    const gov = inSentence.find((x) => governing(text, sentence.span, x) && !weak(x));
    if (gov) {
      const list = listAround(text, inSentence, gov);
      if (list.length === 1) return [toDate(refine(gov, inSentence), 'dates.sentence-v1', CONFIDENCE.sentenceGoverning)];
      return list.map((x) => toDate(x, 'dates.sentence-v1', CONFIDENCE.sentenceGoverning));
    }
    // another clause's time, unless it lies far from the event in a long sentence
    const near = inSentence.filter((x) => (!focus || distance(x.span, focus) <= SENTENCE_REACH) && !(trigger && embeddedAfter(text, trigger, x)));
    const other = (opts.sentenceOther ?? true) ? pickNearest(near, focus, text) : null;
    if (other) {
      const list = listAround(text, inSentence, other);
      return list.map((x) => toDate(x, 'dates.sentence-v1', CONFIDENCE.sentenceOther));
    }
  }

  // what happened before the time the sentence speaks from takes none of the times below
  if (anterior(text, trigger)) return [];

  // 3. the sentence introducing a dated quotation
  const intro = analysis.scopes.find((s) => s.introSentence && overlaps(s.introSentence, sentence.span));
  if (intro) return [scopeDate(intro, CONFIDENCE.intro)];

  // 4. the paragraph's narrative time: the last time of the sentences before, same paragraph
  const blockStart = doc.blocks[sentence.block]?.span.start ?? sentence.span.start;
  // inside a cable, diary entry or quoted source, a time reported in a that-clause ("Ghali complained
  // that Damascus radio yesterday denounced …") dates what was reported, not the conversation going on
  const inSource = analysis.scopes.some((s) => s.from <= sentence.block && sentence.block <= s.to);
  const earlier = within(times, blockStart, sentence.span.start).filter((t) => narrativeTime(text, t) && !(inSource && reported(text, units, t)));
  if (earlier.length > 0) {
    const last = narrativeOf(earlier);
    const sentenceText = text.slice(sentence.span.start, sentence.span.end);
    // "Each dinner reception …" after a list of dates: one per date
    const list = /\b(?:each|every)\b/i.test(sentenceText) ? listAround(text, earlier, last) : [last];
    return list.map((x) => toDate(x, 'dates.paragraph-v1', CONFIDENCE.paragraph));
  }

  // a weak time of the event's own sentence ("now", "before the First World War") when nothing else dates it
  const ownClause = focus ? clauses(text.slice(sentence.span.start, sentence.span.end), sentence.span.start).filter((c) => overlaps(c, focus)) : [];
  const weakOnes = inSentence.filter((t) => weak(t) && ownClause.some((c) => overlaps(c, t.span)));
  if (weakOnes.length > 0) {
    const t = weakOnes.reduce((a, b) => (distance(a.span, focus ?? evidence) <= distance(b.span, focus ?? evidence) ? a : b));
    return [toDate(t, 'dates.clause-v1', CONFIDENCE.sentenceOther)];
  }

  // 5. inside a dated diary entry, telegram, speech or cable body
  const scope = analysis.scopes.find((s) => s.from <= sentence.block && sentence.block <= s.to);
  if (scope) return [scopeDate(scope, CONFIDENCE.source)];

  // 5b. a paragraph right after a dated quotation that goes on about it ("He further opined …, his diary entry ends.")
  const before = analysis.scopes.find((s) => s.to === sentence.block - 1 && s.ruleId !== 'time.scope.dateline-v1');
  if (before && doc.blocks[sentence.block]?.kind === 'paragraph') {
    const para = text.slice(doc.blocks[sentence.block].span.start, doc.blocks[sentence.block].span.end);
    if (CONTINUES.test(para)) return [scopeDate(before, CONFIDENCE.continued)];
  }

  // 6a. a paragraph that opens without a date and gives it in the next sentence
  if (opts.paragraphNext ?? true) {
    const blockSpan = doc.blocks[sentence.block]?.span;
    const firstInBlock = blockSpan && !units.some((u) => u.block === sentence.block && u.span.start < sentence.span.start);
    if (blockSpan && firstInBlock) {
      const next = units.find((u) => u.block === sentence.block && u.span.start >= sentence.span.end);
      const later = next ? within(times, next.span.start, next.span.end).filter((t) => narrativeTime(text, t)) : [];
      const gov = later.find((t) => governing(text, next!.span, t)) ?? later[0];
      if (gov && !(analysis.scopes.some((s) => s.from <= sentence.block && sentence.block <= s.to))) {
        return [toDate(gov, 'dates.paragraph-next-v1', CONFIDENCE.paragraphNext)];
      }
    }
  }

  // 6. the narrative time of the section: the last time in the paragraphs before, up to the previous heading
  if (opts.narrative ?? false) {
    const reach = opts.narrativeReach ?? 2;
    let first = sentence.block;
    for (let b = sentence.block - 1; b >= 0 && sentence.block - b <= reach; b--) {
      const kind = doc.blocks[b].kind;
      if (kind === 'heading') break;
      if (kind === 'paragraph' || kind === 'quote' || kind === 'list-item') first = b;
    }
    if (first < sentence.block) {
      const lo = doc.blocks[first].span.start;
      const before = within(times, lo, sentence.span.start).filter((t) => narrativeTime(text, t));
      const last = before[before.length - 1];
      if (last) return [toDate(last, 'dates.narrative-v1', CONFIDENCE.narrative)];
    }
  }

  // 7. a document about its own present: the year it was published
  if ((opts.documentDate ?? true) && doc.published && contemporary(doc, input.times)) {
    const year = doc.published.slice(0, doc.published.startsWith('-') ? 5 : 4);
    if (/^-?\d{4}$/.test(year)) return [{ value: year, ...boundsOf(year), span: null, ruleId: 'dates.document-v1', confidence: CONFIDENCE.document }];
  }
  return [];
}

/**
 * Whether a document speaks of its own present: at least a third of the times
 * in its running text (explicit dates, and words such as "this year" counted
 * from its publication date) fall within the two years before publication.
 * A historical essay that says "today" once is not contemporary.
 */
const contemporaryCache = new WeakMap<TimeExpression[], boolean>();

export function contemporary(doc: Document, times: TimeExpression[]): boolean {
  const hit = contemporaryCache.get(times);
  if (hit !== undefined) return hit;
  const answer = isContemporary(doc, times);
  contemporaryCache.set(times, answer);
  return answer;
}

function isContemporary(doc: Document, times: TimeExpression[]): boolean {
  if (!doc.published) return false;
  const pub = Number(doc.published.slice(0, doc.published.startsWith('-') ? 5 : 4));
  if (!Number.isFinite(pub)) return false;
  let near = 0;
  let all = 0;
  for (const t of times) {
    if (t.citation || WEAK.test(t.ruleId) || t.value.includes('..')) continue;
    if (t.anchor.kind !== 'explicit' && t.anchor.kind !== 'document') continue;
    const block = doc.blocks.find((b) => b.span.start <= t.span.start && t.span.end <= b.span.end);
    if (!block || block.kind === 'footnote' || block.kind === 'metadata') continue;
    all++;
    const y = Number(t.latest.slice(0, t.latest.length - 6));
    if (y >= pub - 2 && y <= pub) near++;
  }
  return all > 0 && near * 3 >= all;
}

/** Where carrying a date to an undated event is decided: the sentence, its trigger, and the event's actors. */
export interface CarryInput {
  doc: Document;
  sentences: Sentence[];
  times: TimeExpression[];
  /** The event's sentence (span and block). */
  sentence: { span: Span; block: number };
  trigger?: Span | null;
  /** The event's actors; with `mentions`, carrying across paragraphs stops when the text on the way names only other actors. */
  actors?: Array<{ id: string; country: string | null }>;
  mentions?: Array<{ span: Span; entity: { id: string; country: string | null } }>;
}

/**
 * The sentence times its event against another event that the text does not date ("five months
 * after the Chinese ended its aid", "two years before the war", "shortly after his return"): a
 * time is stated, but not one that can be read; an earlier narrative time would be wrong.
 */
const UNRESOLVED_RELATIVE =
  /\b(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|some|many|\d+)\s+(?:days?|weeks?|months?|years?|decades?)|shortly|soon|long|just|immediately|weeks|months|years|decades)\s+(?:after|before)\s+(?:the|his|her|its|their|this|that|a|an)\b/i;

/** Words for the time of writing; when none of them was resolved (no publication date), the sentence's time is unknown. */
const PRESENT_OF_WRITING = /\b(?:today|nowadays|at present|presently|currently|these days|at the time of writing|to this day)\b/i;

/** A verb of continuing in the present tense ("continues to build", "remains", "still holds"): the state of affairs at the time of writing. */
const ONGOING = /\b(?:continues|remains|persists|(?:is|are) still|still\s+(?!was\b)\p{Ll}+s)\b/iu;

/** The words of the event's own clause, from the clause start to the end of the trigger. */
function clauseHead(text: string, sentence: Span, trigger: Span): string {
  const cs = clauses(text.slice(sentence.start, sentence.end), sentence.start);
  const c = cs.find((x) => x.start <= trigger.start && trigger.start < x.end) ?? sentence;
  return text.slice(c.start, Math.min(c.end, trigger.end));
}

/**
 * events.date-carried-v1 — the fallback for an event that attachDates left undated: the narrative
 * time carried over from the last dated sentence of the two blocks before (a heading's own date
 * counts, nothing before a heading, never from a footnote, never a citation or the publication date).
 * Not carried:
 * - a date that belongs to a noun ("a ruling from 2004", "Resolution 2334 from December 23, 2016"),
 *   an open interval, or a vague "now" of the author's (a "now" inside a dated source is that
 *   source's date and is carried);
 * - into a sentence that times itself against an undated event ("five months after …"), or speaks
 *   of the time of writing ("Today …") when there is no publication date to read it from;
 * - into a clause about what goes on at the time of writing ("it continues to build …"): that is
 *   the publication date when known, else nothing;
 * - across a paragraph boundary when the text between the date and the event names actors, none
 *   of them the event's (the paragraph has changed topic).
 * Low confidence, its own rule id, so it can be filtered.
 */
export function carryDate(input: CarryInput): EventDate | null {
  const { doc, sentence } = input;
  const text = doc.text;
  const sentenceText = text.slice(sentence.span.start, sentence.span.end);
  if (UNRESOLVED_RELATIVE.test(sentenceText)) return null;
  // "Today the two states have no relations" with no publication date to read "today" from
  if (PRESENT_OF_WRITING.test(sentenceText) && !within(prepared(input.times), sentence.span.start, sentence.span.end).some((t) => PRESENT_OF_WRITING.test(t.text))) return null;
  if (anterior(text, input.trigger ?? null)) return null;
  if (input.trigger && ONGOING.test(clauseHead(text, sentence.span, input.trigger))) {
    if (!doc.published) return null;
    const value = doc.published;
    return { value, ...boundsOf(value), span: null, ruleId: 'dates.document-v1', confidence: CONFIDENCE.document };
  }
  const block = sentence.block;
  let from = block;
  for (let b = block - 1; b >= 0 && b >= block - 2; b--) {
    if (doc.blocks[b]?.kind === 'footnote') continue;
    from = b;
    // A heading closes the search, but its own date ("After 1975") is the section's time.
    if (doc.blocks[b]?.kind === 'heading') break;
  }
  const lo = doc.blocks[from]?.span.start ?? sentence.span.start;
  let best: TimeExpression | null = null;
  for (const t of prepared(input.times)) {
    if (t.span.start < lo) continue;
    if (t.span.end > sentence.span.start) break;
    const b = doc.blocks.findIndex((x) => x.span.start <= t.span.start && t.span.start < x.span.end);
    if (doc.blocks[b]?.kind === 'footnote') continue;
    if (weak(t) || nounDate(text, t) || t.value.endsWith('/..') || t.value.startsWith('../')) continue;
    best = t;
  }
  if (!best) return null;
  const bestBlock = doc.blocks.findIndex((x) => x.span.start <= best!.span.start && best!.span.start < x.span.end);
  if (bestBlock >= 0 && bestBlock < block && doc.blocks[bestBlock]?.kind !== 'heading' && input.actors?.length && input.mentions) {
    const ids = new Set(input.actors.map((a) => a.id));
    const countries = new Set(input.actors.map((a) => a.country).filter((c): c is string => !!c));
    const units = analyzeTimes(doc, input.sentences).units;
    const from = unitAt(units, best.span.start)?.span.start ?? best.span.start;
    const between = input.mentions.filter((m) => m.span.start >= from && m.span.end <= sentence.span.start);
    const ours = between.some((m) => ids.has(m.entity.id) || (!!m.entity.country && countries.has(m.entity.country)));
    if (between.length > 0 && !ours) return null;
  }
  return { value: best.value, earliest: best.earliest, latest: best.latest, precision: best.precision, span: { ...best.span }, ruleId: 'events.date-carried-v1', confidence: 0.3 };
}
