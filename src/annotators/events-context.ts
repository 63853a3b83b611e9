/**
 * Document-level context for the event coder, so that coding does not depend on
 * every sentence naming both sides of an act:
 *  - headings and titles state no events; they only supply context;
 *  - the document's parties: the pair named by its title ("Treaty of Peace between
 *    A and B", "A–B relations") or, in a treaty, by its preamble;
 *  - collective phrases ("the two countries", "both sides", "the High Contracting
 *    Parties") stand for their members;
 *  - acts that are always between two states ("broke off diplomatic relations",
 *    "recalled its ambassador", "Embassies reopened") take their missing side from the
 *    document's parties, else from the paragraph;
 *  - a treaty's signing line ("Done at Paris, this third day of September ...") is the
 *    signing between the parties, and dates the treaty's undertakings.
 * Pure: the rules come in as data (data/lexicon-context/context.json).
 */
import { createHash } from 'node:crypto';
import type { ActorMention, CodedEvent, Document, EntityRef, EventDate, Sentence, Span, TimeExpression } from '../core/types.js';
import type { Lexicon } from '../dictionaries/lexicon.js';
import type { ContextRules } from '../dictionaries/lexicon-context.js';
import type { SentenceView } from './events-roles.js';
import { requestCode, requestFrame, type PendingRequest } from './events-requests.js';
import { attachDates } from './dates.js';

export interface CollectiveMention {
  /** The synthetic mention standing for the phrase (entity id "collective:<start>"). */
  mention: ActorMention;
  members: ActorMention[];
  how: string;
}

export interface DocContext {
  rules: ContextRules;
  /** The document's parties (one mention per country, states preferred), or null. */
  parties: ActorMention[] | null;
  partiesHow: string;
  treaty: boolean;
  /** Mentions of the document in text order (pronouns excluded). */
  mentions: ActorMention[];
  /** The first state mention of each country. */
  stateOf: Map<string, ActorMention>;
  /** The states the document is most about (each with at least a fifth of its state mentions), most first. */
  focus: ActorMention[];
  /** Collective phrases by the id of their synthetic entity. */
  collectives: Map<string, CollectiveMention>;
  /** The paragraph holding the treaty's signing line, if any. */
  signing: { block: number; sentence: Sentence } | null;
  /** Requests found while coding ("X asked that Y ..."), emitted as appeals after coding. */
  requests: PendingRequest[];
}

const PRONOUN = /^(he|him|his|she|her|it|its|they|them|their|we|us|our|i|me|my)$/i;

/** True when the sentence belongs to a heading or title: it states no event. */
export function isHeadingSentence(doc: Document, block: number): boolean {
  return doc.blocks[block]?.kind === 'heading';
}

function within(m: ActorMention, s: Span): boolean {
  return m.span.start >= s.start && m.span.end <= s.end;
}

/** One mention per country, in order, preferring the state mention of that country. */
function distinctCountries(ms: ActorMention[], stateOf: Map<string, ActorMention>): ActorMention[] {
  const out: ActorMention[] = [];
  const seen = new Set<string>();
  for (const m of ms) {
    const c = m.entity.country;
    if (!c || c === 'IGO' || seen.has(c) || PRONOUN.test(m.text)) continue;
    if (m.entity.kind === 'place' && !stateOf.has(c)) continue;
    seen.add(c);
    out.push(m.entity.kind === 'state' ? m : (stateOf.get(c) ?? m));
  }
  return out;
}

/**
 * The pair a title names as such: two states joined by "and", a dash or a slash ("Treaty of Peace between
 * A and B", "A–B relations", "A and B"), not merely two states in it ("Telegram From the Embassy in A
 * to the Department of State").
 */
function titlePair(text: string, inTitle: ActorMention[], stateOf: Map<string, ActorMention>): ActorMention[] | null {
  for (let i = 0; i + 1 < inTitle.length; i++) {
    const a = inTitle[i]!;
    const b = inTitle[i + 1]!;
    if (!a.entity.country || !b.entity.country || a.entity.country === b.entity.country) continue;
    if (!/^\s*(and|&|[-–—/])\s*(the\s+)?$/i.test(text.slice(a.span.end, b.span.start))) continue;
    const pair = distinctCountries([a, b], stateOf);
    if (pair.length === 2) return pair;
  }
  return null;
}

function tokenWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Build the document's context once, before coding. */
export function documentContext(doc: Document, sentences: Sentence[], mentions: ActorMention[], rules: ContextRules): DocContext {
  const sorted = [...mentions].sort((a, b) => a.span.start - b.span.start);
  const stateOf = new Map<string, ActorMention>();
  for (const m of sorted) if (m.entity.kind === 'state' && m.entity.country && !stateOf.has(m.entity.country)) stateOf.set(m.entity.country, m);

  // The title: the headings before the first paragraph (or the document's title when it is not in the text).
  const titleBlocks: number[] = [];
  for (let b = 0; b < doc.blocks.length; b++) {
    const k = doc.blocks[b]!.kind;
    if (k === 'heading') titleBlocks.push(b);
    else if (k !== 'metadata') break;
  }
  const titleText = [doc.title ?? '', ...titleBlocks.map((b) => doc.text.slice(doc.blocks[b]!.span.start, doc.blocks[b]!.span.end))].join(' ');
  const treaty = tokenWords(titleText).some((w) => rules.treatyWords.has(w));

  let parties: ActorMention[] | null = null;
  let partiesHow = '';
  for (const b of titleBlocks) {
    const pair = titlePair(doc.text, sorted.filter((m) => within(m, doc.blocks[b]!.span)), stateOf);
    if (pair) {
      parties = pair;
      partiesHow = 'the parties named in the title';
      break;
    }
  }
  const firstPara = doc.blocks.findIndex((bl) => bl.kind === 'paragraph' && tokenWords(doc.text.slice(bl.span.start, bl.span.end)).length > 0);
  if (!parties && treaty) {
    // The preamble: the first paragraph naming two or more states ("His Britannic Majesty and the United States of America").
    for (let b = Math.max(0, firstPara); b >= 0 && b < doc.blocks.length && b < firstPara + 3; b++) {
      if (doc.blocks[b]!.kind !== 'paragraph') continue;
      const inPre = distinctCountries(sorted.filter((m) => within(m, doc.blocks[b]!.span)), stateOf);
      if (inPre.length >= 2) {
        parties = inPre.slice(0, 2);
        partiesHow = "the parties named in the treaty's preamble";
        break;
      }
    }
  }

  let signing: DocContext['signing'] = null;
  if (treaty) {
    for (let b = 0; b < doc.blocks.length && !signing; b++) {
      const bl = doc.blocks[b]!;
      if (bl.kind !== 'paragraph') continue;
      const head = doc.text.slice(bl.span.start, bl.span.end).trimStart();
      if (!rules.signingLines.some((re) => re.test(head))) continue;
      const s = sentences.find((x) => x.block === b);
      if (s) signing = { block: b, sentence: s };
    }
  }

  const ctx: DocContext = { rules, parties, partiesHow, treaty, mentions: sorted, stateOf, focus: focusStates(sorted, stateOf), collectives: new Map(), signing, requests: [] };
  sentences.forEach((s, i) => {
    if (isHeadingSentence(doc, s.block)) return;
    for (const c of findCollectives(doc, s, ctx, sentences[i - 1])) ctx.collectives.set(c.mention.entity.id, c);
  });
  return ctx;
}

/** States with at least a fifth of the document's state mentions (five or more), most mentioned first. */
function focusStates(ms: ActorMention[], stateOf: Map<string, ActorMention>): ActorMention[] {
  const counts = new Map<string, number>();
  let total = 0;
  for (const m of ms) {
    if (m.entity.kind !== 'state' || !m.entity.country || m.entity.country === 'IGO' || PRONOUN.test(m.text)) continue;
    total++;
    counts.set(m.entity.country, (counts.get(m.entity.country) ?? 0) + 1);
  }
  if (total < 5) return [];
  return [...counts].filter(([, n]) => n / total >= 0.2).sort((a, b) => b[1] - a[1]).map(([c]) => stateOf.get(c)!).filter(Boolean);
}

const FIRST = new WeakMap<ContextRules, Map<string, string[][]>>();

/** The collective phrases by their first word (built once per rule set). */
function firstWords(rules: ContextRules): Map<string, string[][]> {
  let m = FIRST.get(rules);
  if (!m) {
    m = new Map();
    for (const ph of rules.collectives) m.set(ph[0]!, [...(m.get(ph[0]!) ?? []), ph]);
    FIRST.set(rules, m);
  }
  return m;
}

const LAST = new WeakMap<ContextRules, RegExp>();

/** A quick test for a sentence that may hold a collective: the last word of a phrase, or "they". */
function lastWords(rules: ContextRules): RegExp {
  let re = LAST.get(rules);
  if (!re) {
    const last = new Set(rules.collectives.map((ph) => ph.at(-1)!));
    last.add('they');
    re = new RegExp(`\\b(${[...last].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'i');
    LAST.set(rules, re);
  }
  return re;
}

/** Mentions lying wholly inside [start, end), by binary search over the sorted mentions. */
function mentionsIn(ctx: DocContext, start: number, end: number): ActorMention[] {
  const ms = ctx.mentions;
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms[mid]!.span.start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: ActorMention[] = [];
  for (let i = lo; i < ms.length && ms[i]!.span.start < end; i++) if (ms[i]!.span.end <= end) out.push(ms[i]!);
  return out;
}

/**
 * Runs of mentions joined only by commas, "and" or "&" ("Britain, France and Israel", "the United
 * States and China"), each as its distinct countries (states preferred); lists of one are left out.
 */
export function coordinatedLists(text: string, ms: ActorMention[], stateOf: Map<string, ActorMention>): ActorMention[][] {
  const out: ActorMention[][] = [];
  let run: ActorMention[] = [];
  const flush = () => {
    const d = distinctCountries(run, stateOf);
    if (d.length >= 2 && d.length === run.length) out.push(d);
    run = [];
  };
  for (const m of ms) {
    if (PRONOUN.test(m.text) || m.entity.id.startsWith('collective:') || !m.entity.country || m.entity.country === 'IGO') {
      flush();
      continue;
    }
    const last = run.at(-1);
    if (last && !/^\s*(,\s*(and\s+)?|and\s+|&\s*)(the\s+)?$/i.test(text.slice(last.span.end, m.span.start))) flush();
    run.push(m);
  }
  flush();
  return out;
}

const NUMBERS: Record<string, number> = { two: 2, both: 2, three: 3, four: 4, five: 5, six: 6 };

/** Collective phrases in a sentence, each with the members it stands for. */
export function findCollectives(doc: Document, s: Sentence, ctx: DocContext, previous?: Sentence): CollectiveMention[] {
  const text = doc.text;
  const words: Array<{ norm: string; start: number; end: number }> = [];
  const re = /[A-Za-z0-9]+/g; // the phrases are plain ASCII words
  const slice = text.slice(s.span.start, s.span.end);
  if (!lastWords(ctx.rules).test(slice)) return [];
  for (let m = re.exec(slice); m; m = re.exec(slice)) words.push({ norm: m[0].toLowerCase(), start: s.span.start + m.index, end: s.span.start + m.index + m[0].length });
  const out: CollectiveMention[] = [];
  const own = mentionsIn(ctx, s.span.start, s.span.end);
  // A group of no country that the actor finder read in the same words ("Both governments", "the four
  // powers") does not block the phrase: the phrase names states the context can tell.
  const loose = (m: ActorMention) => (m.entity.kind === 'group' || m.entity.kind === 'person') && !m.entity.country;
  const taken = (a: number, b: number, phrase = false) => own.some((m) => m.span.start < b && m.span.end > a && !(phrase && loose(m) && m.span.start >= a - 4 && m.span.end <= b));
  for (let i = 0; i < words.length; i++) {
    // "Israel and Egypt drew closer. In 1996 they signed ...": a plural pronoun after a sentence of the
    // same paragraph naming a coordinated pair or list, with no state named before it, stands for them.
    if (words[i]!.norm === 'they' && previous && previous.block === s.block) {
      const before = own.some((m) => m.span.end <= words[i]!.start && m.entity.country);
      // The first list of the sentence before ("Albania, Romania and Yugoslavia condemned X. They ..."), not one after a preposition.
      const prevMs = before ? [] : mentionsIn(ctx, previous.span.start, previous.span.end);
      // ... or for the members of a collective phrase there ("The two countries signed a treaty. They ...").
      const prevCollective = before ? undefined : [...ctx.collectives.values()].find((c) => c.mention.span.start >= previous.span.start && c.mention.span.end <= previous.span.end);
      const pair = before ? null : (actingLists(text, prevMs, ctx.stateOf)[0] ?? titlePair(text, prevMs, ctx.stateOf) ?? prevCollective?.members ?? null);
      if (pair && !taken(words[i]!.start, words[i]!.end)) {
        const span = { start: words[i]!.start, end: words[i]!.end };
        const mention: ActorMention = {
          span, text: text.slice(span.start, span.end),
          entity: { id: `collective:${span.start}`, name: pair.map((m) => m.entity.name).join(' and '), kind: 'group', country: null },
          ruleId: 'events.context.collective-v1', confidence: 0.5,
        };
        out.push({ mention, members: pair, how: `'${mention.text}' = ${pair.map((m) => m.entity.name).join(', ')} (the pair named in the sentence before)` });
      }
      continue;
    }
    const p = firstWords(ctx.rules).get(words[i]!.norm)?.find((ph) => ph.every((w, k) => words[i + k]?.norm === w));
    if (!p) continue;
    const span = { start: words[i]!.start, end: words[i + p.length - 1]!.end };
    i += p.length - 1;
    if (taken(span.start, span.end, true)) continue;
    // Read by the actor finder as a group of its own: only a list of exactly its number names its members.
    const readAsGroup = taken(span.start, span.end);
    const want = p.map((w) => NUMBERS[w]).find((n) => n !== undefined) ?? 2;
    const sentenceStates = distinctCountries(own.filter((m) => m.span.end <= span.start), ctx.stateOf);
    let members: ActorMention[] = [];
    let how = '';
    // events.context.collective-list-v1: a list of exactly as many states, joined by commas and "and",
    // is what the phrase counts: before it in the sentence ("Britain and France signed an agreement on
    // Egypt; the two powers ..."), right after it ("The four powers – the United States, Britain, France
    // and the Soviet Union – met"), else in the sentences of the paragraph before it.
    const block = doc.blocks[s.block]!.span;
    const listBefore = coordinatedLists(text, own.filter((m) => m.span.end <= span.start), ctx.stateOf).filter((g) => g.length === want).at(-1);
    const listAfter = coordinatedLists(text, own.filter((m) => m.span.start >= span.end), ctx.stateOf).filter((g) => g.length === want)[0];
    const listInPara = actingLists(text, mentionsIn(ctx, block.start, s.span.start), ctx.stateOf).filter((g) => g.length === want).at(-1);
    if (listBefore) {
      members = listBefore;
      how = 'the states listed before it in the sentence';
    } else if (listAfter) {
      members = listAfter;
      how = 'the states listed after it in the sentence';
    } else if (listInPara && sentenceStates.length < 2) {
      members = listInPara;
      how = 'the states listed before it in the paragraph';
    } else if (readAsGroup) {
      // no list: left to the actor finder's reading
    } else if (sentenceStates.length >= 2 && sentenceStates.length <= Math.max(want, 2) + 1) {
      members = sentenceStates.slice(-want);
      how = 'the states named before it in the sentence';
    } else if (ctx.parties && ctx.parties.length >= want) {
      members = ctx.parties.slice(0, want);
      how = ctx.partiesHow;
    } else {
      const inPara = distinctCountries(mentionsIn(ctx, block.start, span.start).reverse(), ctx.stateOf);
      if (inPara.length >= want) {
        members = inPara.slice(0, want).reverse();
        how = 'the last states named in the paragraph';
      } else if (want > 2) {
        // "the four powers": a number names a set that may have been introduced a few paragraphs earlier.
        let from = s.block;
        for (let b = s.block - 1, n = 0; b >= 0 && n < 3; b--) {
          if (doc.blocks[b]!.kind === 'heading') continue;
          from = b;
          n++;
        }
        const lo = doc.blocks[from]!.span.start;
        const earlier = distinctCountries(mentionsIn(ctx, lo, span.start).filter((m) => m.entity.kind === 'state').reverse(), ctx.stateOf);
        if (earlier.length >= want) {
          members = earlier.slice(0, want).reverse();
          how = 'the last states named in the paragraphs before';
        }
      }
    }
    if (members.length < 2) continue;
    const phrase = text.slice(span.start, span.end);
    const mention: ActorMention = {
      span,
      text: phrase,
      entity: { id: `collective:${span.start}`, name: members.map((m) => m.entity.name).join(' and '), kind: 'group', country: null },
      ruleId: 'events.context.collective-v1',
      confidence: 0.6,
    };
    out.push({ mention, members, how: `'${phrase}' = ${members.map((m) => m.entity.name).join(', ')} (${how})` });
  }
  return out;
}

/** The synthetic mentions for the collective phrases, to add to the coder's mentions. */
export function collectiveMentions(ctx: DocContext): ActorMention[] {
  return [...ctx.collectives.values()].map((c) => c.mention);
}

function addMention(v: SentenceView, m: ActorMention): number {
  v.mentions.push(m);
  v.ranges.push([-1, -1]);
  return v.mentions.length - 1;
}

function memberAt(m: ActorMention, span: Span): ActorMention {
  return { span: { ...span }, text: m.entity.name, entity: m.entity, ruleId: 'events.context.collective-member-v1', confidence: m.confidence };
}

export interface SlotLike {
  mentions: number[];
  how: string;
}

/**
 * Replace each collective mention of a slot with its members (a collective never reaches an event).
 * A target standing for a group that includes the source ("X praised the two countries", X one of
 * them) is no target at all.
 */
export function expandCollectives(ctx: DocContext, v: SentenceView, slot: SlotLike, other?: SlotLike): SlotLike {
  if (!slot.mentions.some((k) => ctx.collectives.has(v.mentions[k]!.entity.id))) return slot;
  const others = new Set((other?.mentions ?? []).map((k) => v.mentions[k]!.entity.country ?? v.mentions[k]!.entity.id));
  for (const k of slot.mentions) {
    const c = ctx.collectives.get(v.mentions[k]!.entity.id);
    if (c && c.members.some((m) => others.has(m.entity.country ?? m.entity.id))) return { mentions: slot.mentions.filter((x) => x !== k), how: slot.how };
  }
  const out: number[] = [];
  const notes: string[] = [];
  for (const k of slot.mentions) {
    const c = ctx.collectives.get(v.mentions[k]!.entity.id);
    if (!c) {
      out.push(k);
      continue;
    }
    notes.push(c.how);
    for (const mem of c.members) {
      if (out.some((o) => v.mentions[o]!.entity.id === mem.entity.id)) continue;
      out.push(addMention(v, memberAt(mem, v.mentions[k]!.span)));
    }
  }
  return { mentions: out, how: `${slot.how}; ${notes.join('; ')}` };
}

/**
 * May an act with this code, whose subject names `sources` actors, also be coded the other way?
 * Mutual acts (meetings, negotiations, agreements ...) always; others only with both sides as the
 * subject ("A and B broke off relations"), never for "A broke off relations with B".
 */
export function reverseAllowed(ctx: DocContext, code: string, sources: number, trigger = '', targetHow = ''): boolean {
  if (sources >= 2) return true;
  if (targetHow === 'object' && tokenWords(trigger).some((w) => ctx.rules.directionalWithObject.has(w))) return false;
  return ctx.rules.symmetricCodes.has(code) || ctx.rules.symmetricCodes.has(code.slice(0, 3));
}

/** Does this code name an act that is always between two states? */
export function needsCounterpart(ctx: DocContext, code: string, trigger: string): boolean {
  if (!ctx.rules.counterpartCodes.has(code) && !ctx.rules.counterpartCodes.has(code.slice(0, 3))) return false;
  return tokenWords(trigger).some((w) => ctx.rules.counterpartWords.has(w));
}

/** The other side for an actor: the other party of the document, else the last other state named in the paragraph before `at`. */
export function counterpartOf(doc: Document, ctx: DocContext, actor: EntityRef, at: number, block: number, useFocus = false): { mention: ActorMention; how: string } | null {
  const own = actor.country ?? actor.id;
  if (ctx.parties && ctx.parties.some((p) => p.entity.country === own)) {
    const other = ctx.parties.find((p) => p.entity.country !== own);
    if (other) return { mention: other, how: `counterpart from document context: ${ctx.partiesHow}` };
  }
  const bl = doc.blocks[block];
  if (!bl) return null;
  const before = mentionsIn(ctx, bl.span.start, at).filter((m) => m.entity.country && m.entity.country !== own && !PRONOUN.test(m.text) && !m.entity.id.startsWith('collective:'));
  const last = distinctCountries(before.reverse(), ctx.stateOf)[0];
  if (last) return { mention: last, how: 'counterpart from document context: the last other state named in the paragraph' };
  // events.context.focus-counterpart-v1: else, when asked, the state the document is about ("The American
  // Legation in X was established" in a history of one country's relations with the United States).
  const focus = useFocus ? ctx.focus.find((m) => m.entity.country !== own) : undefined;
  if (focus) return { mention: focus, how: 'counterpart from document context: the state the document is most about' };
  return null;
}

export interface CounterpartFill {
  src: SlotLike;
  tgt: SlotLike;
  /** Set when a side was filled from context. */
  filled: string | null;
  /** The act was done by the one side named: code it one way only, whatever the rule's symmetry. */
  oneWay: boolean;
}

/**
 * One-sided relation acts ("the President broke off diplomatic relations", "Embassies reopened"):
 * fill the missing side(s) from the document's parties or the paragraph.
 */
export function fillCounterpart(
  doc: Document, ctx: DocContext, v: SentenceView, code: string, symmetric: boolean, src: SlotLike, tgt: SlotLike, trigger: Span, block: number,
): CounterpartFill {
  const at = trigger.start;
  const triggerText = doc.text.slice(trigger.start, trigger.end);
  const none = { src, tgt, filled: null, oneWay: false };
  if (!needsCounterpart(ctx, code, triggerText) || (src.mentions.length && tgt.mentions.length)) return none;
  // "no diplomatic relations" states an absence, not an act; "countries with which X had relations":
  // the other side is the relative clause's antecedent, not something the context supplies.
  if (tokenWords(triggerText).some((w) => ctx.rules.counterpartBlockers.has(w))) return none;
  if (/\b(with|to|from|in) (which|whom)\b[^.;]*$/i.test(doc.text.slice(Math.max(0, at - 60), at))) return none;
  // "Israel and Turkey restored relations", "the two countries restored relations": both sides are named.
  if (symmetric && src.mentions.length >= 2) return none;
  if (src.mentions.length && !tgt.mentions.length) {
    const actor = v.mentions[src.mentions[0]!]!.entity;
    if (!actor.country) return none;
    // Only an embassy or legation said to be opened, with its owner as the passive subject, falls back on
    // the document's focus (events.context.focus-counterpart-v1).
    const c = counterpartOf(doc, ctx, actor, at, block, src.how === 'modifier of the passive subject');
    if (!c) return none;
    return { src, tgt: { mentions: [addMention(v, c.mention)], how: c.how }, filled: c.how, oneWay: true };
  }
  if (!src.mentions.length && tgt.mentions.length) {
    const actor = v.mentions[tgt.mentions[0]!]!.entity;
    const c = counterpartOf(doc, ctx, actor, at, block);
    if (!c) return none;
    return { src: { mentions: [addMention(v, c.mention)], how: c.how }, tgt, filled: c.how, oneWay: true };
  }
  // Neither side named ("relations were restored"): only a symmetric act, between the document's
  // parties or the last two states named in the paragraph.
  if (!symmetric) return none;
  // events.context.paragraph-pair-v1: with no parties to the document, a pair listed earlier in the
  // paragraph as doers ("Chile and Peru broke off relations in 1879. Ambassadors returned in 1884.")
  // comes before the last two states named.
  const parties = ctx.parties && ctx.parties.length === 2 ? ctx.parties : null;
  const listed = parties ? null : paragraphPair(doc, ctx, block, at);
  let pair: ActorMention[] | null = parties ?? listed;
  let how = parties ? `both sides from document context: ${ctx.partiesHow}` : 'both sides from document context: the pair listed before it in the paragraph';
  if (!pair) {
    const bl = doc.blocks[block];
    if (!bl) return none;
    const before = mentionsIn(ctx, bl.span.start, at).filter((m) => !PRONOUN.test(m.text) && !m.entity.id.startsWith('collective:'));
    const two = distinctCountries(before.reverse(), ctx.stateOf).slice(0, 2);
    if (two.length < 2) return none;
    pair = two.reverse();
    how = 'both sides from document context: the last two states named in the paragraph';
  }
  return { src: { mentions: pair.map((p) => addMention(v, p)), how }, tgt: { mentions: [], how: '' }, filled: how, oneWay: false };
}

/** The last pair of states listed ("A and B") in paragraph `block` before offset `at`, or null. */
export function paragraphPair(doc: Document, ctx: DocContext, block: number, at: number): ActorMention[] | null {
  const para = doc.blocks[block];
  if (!para) return null;
  return actingLists(doc.text, mentionsIn(ctx, para.span.start, at), ctx.stateOf).filter((g) => g.length === 2).at(-1) ?? null;
}

const GOVERNING = /\b(to|from|in|into|at|on|by|for|against|with|of|toward|towards|via|over|through|after|before|under|among|including)\s+(the\s+)?$/i;

/**
 * The lists that name a pair as the doers or the parties of a relation: not the object of a preposition
 * ("heading to Romania and Yugoslavia", "a coup by the United States and Britain"), except "between".
 */
export function actingLists(text: string, ms: ActorMention[], stateOf: Map<string, ActorMention>): ActorMention[][] {
  return coordinatedLists(text, ms, stateOf).filter((g) => {
    const first = ms.find((m) => m.entity.country === g[0]!.entity.country);
    return !first || !GOVERNING.test(text.slice(Math.max(0, first.span.start - 20), first.span.start));
  });
}

function hashId(parts: Array<string | number | null>): string {
  return createHash('sha1').update(parts.map((p) => (p === null ? '' : String(p))).join('\u0001')).digest('hex').slice(0, 20);
}

function ref(e: EntityRef): EntityRef {
  return { id: e.id, name: e.name, kind: e.kind, country: e.country };
}

function signingDate(doc: Document, ctx: DocContext, times: TimeExpression[]): EventDate | null {
  if (!ctx.signing) return null;
  const bl = doc.blocks[ctx.signing.block]!.span;
  const t = times.find((x) => !x.citation && x.span.start >= bl.start && x.span.end <= bl.end && (x.precision === 'day' || x.precision === 'month' || x.precision === 'year'));
  if (!t) return null;
  return { value: t.value, earliest: t.earliest, latest: t.latest, precision: t.precision, span: { ...t.span }, ruleId: 'events.context.treaty-signing-date-v1', confidence: 0.8 };
}

/**
 * A treaty's context applied to the coded events: the signing line becomes the signing (057) between
 * the parties, both ways, dated by the line; the treaty's undertakings with no date of their own
 * (none, or only one carried from an earlier paragraph) are dated at the signature.
 */
export function treatyEvents(doc: Document, ctx: DocContext, times: TimeExpression[], events: CodedEvent[], lexicon: Lexicon, extractor: string): CodedEvent[] {
  if (!ctx.treaty || !ctx.signing || !ctx.parties || ctx.parties.length < 2) return events;
  const date = signingDate(doc, ctx, times);
  const signBlock = doc.blocks[ctx.signing.block]!.span;
  const out = events.map((e) => {
    if (e.evidence.start >= signBlock.start || !date) return e;
    if (e.date && e.date.ruleId !== 'events.date-carried-v1') return e;
    const d = { ...date, ruleId: 'events.context.treaty-undertaking-date-v1', confidence: 0.6 };
    return {
      ...e,
      id: hashId([doc.id, e.evidence.start, e.evidence.end, e.code, e.source?.id ?? null, e.target?.id ?? null, d.value]),
      date: d,
      reason: `${e.reason.replace(/; (no date|date [^;]*)$/, '')}; date ${d.value} (a treaty's undertaking is dated at its signature)`,
    };
  });
  const entry = lexicon.cameo.get('057');
  if (!entry) return out;
  const s = ctx.signing.sentence;
  const [a, b] = ctx.parties;
  const line = doc.text.slice(s.span.start, s.span.end);
  for (const [x, y] of [[a!, b!], [b!, a!]] as const) {
    if (out.some((e) => e.code.startsWith('057') && e.source?.country === x.entity.country && e.target?.country === y.entity.country && e.evidence.start === s.span.start)) continue;
    out.push({
      id: hashId([doc.id, s.span.start, s.span.end, '057', x.entity.id, y.entity.id, date?.value ?? null]),
      docId: doc.id,
      evidence: { ...s.span },
      evidenceText: line,
      sentence: { ...s.span },
      source: ref(x.entity),
      target: ref(y.entity),
      sourceSpan: { ...x.span },
      targetSpan: { ...y.span },
      trigger: { start: s.span.start, end: Math.min(s.span.end, s.span.start + (line.search(/[,;]/) > 0 ? line.search(/[,;]/) : line.length)) },
      code: '057',
      root: entry.root,
      goldstein: entry.goldstein,
      quadClass: entry.quadClass,
      plover: entry.plover,
      date,
      claimant: null,
      modality: 'asserted',
      confidence: 0.6,
      ruleId: 'events.context.treaty-signing-v1',
      reason: `the treaty's signing line ('${line.slice(0, 40)}…') records its signing by the parties (${ctx.partiesHow}); ${x.entity.name} → ${y.entity.name}` +
        (date ? `; date ${date.value} (the signing line)` : '; no date'),
      extractor,
    });
  }
  return out;
}

/**
 * Is the act at token `head` something one actor asks another to do? If so, record the appeal by the
 * asker to each actor asked (the act's sources), to be emitted after coding, and return the cue.
 */
export function noteRequest(ctx: DocContext, v: SentenceView, head: number, text: string, sources: number[], code: string, sentence: Span, trigger: Span): string | null {
  const f = requestFrame(v, head, text, ctx.rules);
  if (!f) return null;
  const t = v.tokens[f.verb]!;
  for (const k of new Set(sources)) {
    ctx.requests.push({
      asker: v.mentions[f.asker]!, asked: v.mentions[k]!, code: requestCode(ctx.rules, code), trigger: { start: t.start, end: t.end },
      sentence: { ...sentence }, cue: f.cue, act: `'${text.slice(trigger.start, trigger.end)}'`,
    });
  }
  return f.cue;
}

/** The appeals (02x) recorded while coding: the asker asks the actor asked, dated like the sentence. */
export function requestEvents(doc: Document, ctx: DocContext, sentences: Sentence[], times: TimeExpression[], events: CodedEvent[], lexicon: Lexicon, extractor: string): CodedEvent[] {
  const out: CodedEvent[] = [];
  const seen = new Set<string>();
  for (const r of ctx.requests) {
    if (r.asker.entity.id === r.asked.entity.id || (r.asker.entity.country && r.asker.entity.country === r.asked.entity.country && r.asker.entity.kind === r.asked.entity.kind)) continue;
    const key = `${r.sentence.start}|${r.asker.entity.id}|${r.asked.entity.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = lexicon.cameo.get(r.code) ?? lexicon.cameo.get(r.code.slice(0, 3));
    if (!entry) continue;
    const code = lexicon.cameo.get(r.code) ? r.code : r.code.slice(0, 3);
    // An appeal the lexicon already coded from the asking verb ("urged X to") is not coded twice; a
    // generic one (020) takes the sub-code of the act requested.
    const existing = events.findIndex((e) => e.root === '02' && e.evidence.start === r.sentence.start && e.source?.id === r.asker.entity.id && e.target?.id === r.asked.entity.id);
    if (existing >= 0) {
      const e = events[existing]!;
      if (e.code === '020' && code !== '020') {
        events[existing] = {
          ...e, code, root: entry.root, goldstein: entry.goldstein, quadClass: entry.quadClass, plover: entry.plover,
          id: hashId([doc.id, e.evidence.start, e.evidence.end, code, e.source?.id ?? null, e.target?.id ?? null, e.date?.value ?? null]),
          reason: `${e.reason}; the act requested (${r.act}) makes it ${code} (events.context.request-v1)`,
        };
      }
      continue;
    }
    const date = attachDates({ doc, sentences, times, evidence: r.sentence, trigger: r.trigger })[0] ?? null;
    out.push({
      id: hashId([doc.id, r.sentence.start, r.sentence.end, code, r.asker.entity.id, r.asked.entity.id, date?.value ?? null]),
      docId: doc.id,
      evidence: { ...r.sentence },
      evidenceText: doc.text.slice(r.sentence.start, r.sentence.end),
      sentence: { ...r.sentence },
      source: ref(r.asker.entity),
      target: ref(r.asked.entity),
      sourceSpan: r.asker.span.start >= 0 ? { ...r.asker.span } : null,
      targetSpan: r.asked.span.start >= 0 ? { ...r.asked.span } : null,
      trigger: { ...r.trigger },
      code,
      root: entry.root,
      goldstein: entry.goldstein,
      quadClass: entry.quadClass,
      plover: entry.plover,
      date,
      claimant: null,
      modality: 'asserted',
      confidence: 0.55,
      ruleId: 'events.context.request-v1',
      reason: `'${doc.text.slice(r.trigger.start, r.trigger.end)}' frames ${r.act} as a request: the act has not happened (hypothetical); the asking is an appeal by ${r.asker.entity.name} to ${r.asked.entity.name}` +
        (date ? `; date ${date.value} (${date.ruleId})` : '; no date'),
      extractor,
    });
  }
  return [...events, ...out];
}

/** Every event the document context adds or changes after coding (treaty signing and dating, appeals). */
export function contextEvents(doc: Document, ctx: DocContext, sentences: Sentence[], times: TimeExpression[], events: CodedEvent[], lexicon: Lexicon, extractor: string): CodedEvent[] {
  return requestEvents(doc, ctx, sentences, times, treatyEvents(doc, ctx, times, events, lexicon, extractor), lexicon, extractor);
}

/** Words after an act's noun that introduce its own participants, so it does not point back. */
const OWN_COMPLEMENT = new Set(['that', 'which', 'who', 'whom', 'whose', 'of', 'against', 'on', 'upon', 'by']);

/** Letters two words share at their start. */
function sharedStart(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * An act aimed at an earlier act named by a definite noun ("London condemned the execution",
 * "the Soviet Union lifted the blockade"): the target comes from the most recent earlier event of
 * that kind in the same or the two paragraphs before — its target when the same actor acts again on
 * its own act, else its doer. `tokens` are the sentence's tokens, the noun is looked for right after
 * the trigger (`from`), behind a definite determiner. Returns null when nothing fits.
 */
export function eventAnaphor(
  doc: Document, ctx: DocContext, tokens: Array<{ norm: string; word: boolean }>, from: number, to: number,
  actor: EntityRef, sentenceStart: number, block: number, earlier: readonly CodedEvent[], mentions: readonly ActorMention[],
): { mention: ActorMention; how: string } | null {
  const nouns = ctx.rules.anaphoraNouns;
  let noun: string | null = null;
  for (let i = from; i < Math.min(tokens.length, to + 4) && noun === null; i++) {
    if (!ctx.rules.anaphoraDeterminers.has(tokens[i]!.norm)) continue;
    for (let j = i + 1; j <= i + 3 && j < tokens.length; j++) {
      const t = tokens[j]!;
      if (!t.word) break;
      if (nouns.has(t.norm)) {
        // "the coup that overthrew him", "the blockade of Cuba": the noun names its own participants.
        if (!OWN_COMPLEMENT.has(tokens[j + 1]?.norm ?? '')) noun = t.norm;
        break;
      }
    }
  }
  if (noun === null) return null;
  const prefix = nouns.get(noun)!;
  const since = doc.blocks[Math.max(0, block - 2)]?.span.start ?? 0;
  const fits = (e: CodedEvent): boolean => {
    if (e.evidence.start >= sentenceStart || e.evidence.start < since || !e.target || !e.source) return false;
    if (e.modality !== 'asserted' && e.modality !== 'reported') return false;
    if (prefix && e.code.startsWith(prefix)) return true;
    if (noun!.length < 6 || !e.trigger) return false;
    return tokenWords(doc.text.slice(e.trigger.start, e.trigger.end)).some((w) => sharedStart(w, noun!) >= 6);
  };
  let prior: CodedEvent | undefined;
  for (let k = earlier.length - 1; k >= 0; k--) {
    if (fits(earlier[k]!)) {
      prior = earlier[k];
      break;
    }
  }
  if (!prior) return null;
  const same = prior.source!.id === actor.id || (!!actor.country && prior.source!.country === actor.country);
  const ref = same ? prior.target! : prior.source!;
  const span = same ? prior.targetSpan : prior.sourceSpan;
  if (ref.id === actor.id || (actor.country && ref.country === actor.country)) return null;
  const found = span ? mentions.find((m) => m.span.start === span.start && m.span.end === span.end) : undefined;
  const mention: ActorMention = found ?? { span: { start: -1, end: -1 }, text: ref.name, entity: ref, ruleId: 'events.context.event-anaphor-v1', confidence: 0.6 };
  return { mention, how: `'the ${noun}' refers to an earlier event (${prior.code}, ${prior.source!.name} → ${prior.target!.name}): its ${same ? 'target' : 'doer'}` };
}
