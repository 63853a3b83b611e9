/**
 * What a document's heading says about who speaks in it, for the actor resolver:
 * - a cable, telegram, airgram, despatch or memorandum "From the Embassy in Greece
 *   to the Department of State" is written by the sending government (the United
 *   States when the Department of State is a party) from a post in the host state;
 * - its signer (a TEI <closer><signed>, read as a last short line of one to four
 *   capitalised words) is the "I" of the text;
 * - a dateline ("Ankara, July 20, 1974") names the host when the heading does not; a post or
 *   dateline at a place of the gazetteer that one state has always held ("Alexandria") names that state.
 * Pure: reads the document's title and blocks only.
 */
import type { Document } from '../core/types.js';
import { placeHolderAt, type ActorIndex } from '../dictionaries/actors.js';
import { phraseKey, stripThe } from '../dictionaries/actors-text.js';

export interface DocumentContext {
  /** A diplomatic message: first person is its signer, "we" its sending government. */
  cable: boolean;
  /** The sending government (CAMEO code), e.g. "USA" for a telegram to the Department of State. */
  sender: string | null;
  /** The state where the post is (the embassy's host), e.g. "GRC" for "the Embassy in Greece". */
  host: string | null;
  /** The signer's name as written, and where. */
  signer: { name: string; start: number; end: number } | null;
  /** The states of an "X–Y relations" title: generic bodies ("Congress") of either are meant. */
  related: string[];
}

const MESSAGE = /\b(?:telegram|cable|airgram|despatch|dispatch|memorandum|letter|message|note|report)\b/i;
const POST = /\b(?:Embassy|Legation|Mission|Consulate(?:\s+General)?|Delegation|High Commission)\s+(?:in|at|to)\s+((?:the\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}'’.-]*){0,4})/u;
/** Parties that say which government sends or receives the message. */
const HOME: Array<[RegExp, string]> = [
  [/\bDepartment of State\b|\bState Department\b|\bSecretary of State\b|\bWhite House\b/, 'USA'],
  [/\bForeign Office\b|\bForeign and Commonwealth Office\b|\bWhitehall\b/, 'GBR'],
  [/\bQuai d['’]Orsay\b/, 'FRA'],
];
const DATELINE = /^(\p{Lu}[\p{L}'’. -]{1,40}?),\s+(?:\p{Lu}\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{Lu}\p{L}+\.?\s+\d{4})/u;
const RELATIONS = /^\s*(?:#\s*)?(.+?)\s*[–—-]\s*(.+?)\s+relations\b/i;
const SIGNATURE = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}$/u;

/** The state a place name stands for (a country's name, or its capital), or null. */
function stateOfPlace(index: ActorIndex, place: string): string | null {
  const key = stripThe(phraseKey(place));
  const ts = index.names.get(key);
  if (!ts) return null;
  for (const t of ts) {
    const e = index.entities.get(t.entityId);
    if (e?.kind === 'state' && (t.rule === 'name' || t.rule === 'capital')) return e.country;
  }
  // a place of the gazetteer that one state has always held ("the Consulate at Alexandria", "Port Said, November 6")
  for (const t of ts) {
    const held = index.info.get(t.entityId)?.held;
    if (held) return placeHolderAt(held, null);
  }
  return null;
}

/** Shorten "the United Kingdom to the Department" to its longest known place prefix. */
function placeOf(index: ActorIndex, words: string): string | null {
  const ws = words.split(/\s+/);
  for (let n = ws.length; n >= 1; n--) {
    const c = stateOfPlace(index, ws.slice(0, n).join(' '));
    if (c) return c;
  }
  return null;
}

export function documentContext(doc: Document, index: ActorIndex): DocumentContext {
  const firstBlock = doc.blocks[0] ? doc.text.slice(doc.blocks[0].span.start, doc.blocks[0].span.end) : '';
  const heading = [doc.title ?? '', firstBlock].join('\n');
  const out: DocumentContext = { cable: false, sender: null, host: null, signer: null, related: [] };
  const rel = RELATIONS.exec(doc.title ?? firstBlock);
  if (rel) for (const c of [placeOf(index, rel[1]!), placeOf(index, rel[2]!)]) if (c) out.related.push(c);
  const post = POST.exec(heading);
  if (!post || !MESSAGE.test(heading)) return out;
  out.cable = true;
  out.host = placeOf(index, post[1]!);
  for (const [re, code] of HOME) if (re.test(heading)) out.sender ??= code;
  // a dateline in the first few blocks names the host when the heading does not
  if (!out.host) {
    for (const b of doc.blocks.slice(0, 4)) {
      const m = DATELINE.exec(doc.text.slice(b.span.start, b.span.end));
      const c = m ? placeOf(index, m[1]!) : null;
      if (c) {
        out.host = c;
        break;
      }
    }
  }
  // the signer: the last short line of capitalised words, before the notes
  for (let i = doc.blocks.length - 1; i >= Math.max(1, doc.blocks.length - 6); i--) {
    const b = doc.blocks[i]!;
    const raw = doc.text.slice(b.span.start, b.span.end);
    const t = raw.trim();
    if (!t || /^\[?\d+\]?\s/.test(t) || b.kind === 'heading') continue;
    if (SIGNATURE.test(t) && !MESSAGE.test(t) && !stateOfPlace(index, t)) {
      const at = b.span.start + raw.indexOf(t);
      out.signer = { name: t, start: at, end: at + t.length };
      break;
    }
    // a paragraph of prose: the signature, if any, came after it
    if (/[.;:!?]\s*$/.test(t) && t.split(/\s+/).length > 6) break;
  }
  return out;
}

/** What a first-person or house word of a cable stands for. */
export type CableReferent = 'signer' | 'sender' | 'host' | 'secretary' | 'ambassador';

export interface CableMention {
  start: number;
  end: number;
  referent: CableReferent;
  ruleId: string;
  confidence: number;
}

interface Tok {
  start: number;
  end: number;
  raw: string;
  norm: string;
  brk: boolean;
}

const SINGULAR = new Set(['i', 'me', 'my', 'myself', 'mine']);
const PLURAL = new Set(['we', 'us', 'our', 'ours', 'ourselves']);
const QUOTES = /["“”«»]/g;

/** Is offset `at` inside a quotation of the sentence that starts at `from`? (an odd number of quote marks before it) */
function quoted(text: string, from: number, at: number): boolean {
  const before = text.slice(from, at).match(QUOTES);
  return !!before && before.length % 2 === 1;
}

/**
 * First person and house words of a cable (pure):
 * - actors.cable.first-person-v1   "I", "me", "my" → the signer (0.7)
 * - actors.cable.we-v1             "we", "us", "our" → the sending government (0.5)
 * - actors.cable.embassy-v1        "the Embassy", "an Embassy officer", "Embassy officers" → the sending government (0.6)
 * - actors.cable.department-v1     "the Department" → the sending government (0.6)
 * - actors.cable.secretary-v1      "the Secretary" → the sending government's foreign minister (0.6)
 * - actors.cable.government-v1     "the Government" → the host government (0.55)
 * - actors.cable.ambassador-v1     "the Ambassador" → the sending government's ambassador at the post (0.5), unless
 *                                  the document has named another country's ambassador before (then he may be meant)
 * Words inside quotation marks belong to someone else and are left alone.
 */
export function cableMentions(text: string, sentenceStart: number, toks: Tok[], ctx: DocumentContext): CableMention[] {
  if (!ctx.cable) return [];
  const out: CableMention[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const next = toks[i + 1];
    const prev = i > 0 ? toks[i - 1]! : null;
    const regnal = t.raw === 'I' && prev && !t.brk && i > 1 && /^\p{Lu}/u.test(prev.raw); // "World War I", "Alexander I"
    if (ctx.signer && ((t.raw === 'I' && !regnal) || (SINGULAR.has(t.norm) && t.norm !== 'i' && (t.raw === t.norm || i === 0)))) {
      if (!quoted(text, sentenceStart, t.start)) out.push({ start: t.start, end: t.end, referent: 'signer', ruleId: 'actors.cable.first-person-v1', confidence: 0.7 });
      continue;
    }
    if (ctx.sender && PLURAL.has(t.norm) && (t.raw === t.norm || (i === 0 && t.raw !== 'US'))) {
      if (!quoted(text, sentenceStart, t.start)) out.push({ start: t.start, end: t.end, referent: 'sender', ruleId: 'actors.cable.we-v1', confidence: 0.5 });
      continue;
    }
    // house words: capitalised, after a determiner, not "the Embassy of X" or "the Secretary General"
    const det = prev && !t.brk && ['the', 'this', 'an', 'a', 'our'].includes(prev.norm) ? prev : null;
    const of = next && !next.brk && (next.norm === 'of' || next.norm === 'general' || next.norm === 'in' || next.norm === 'at');
    if (t.raw === 'Embassy' && ctx.sender && !of) {
      let end = t.end;
      if (next && !next.brk && /^(officers?|officials?|staff)$/.test(next.norm)) end = next.end;
      if (det || end !== t.end) out.push({ start: det ? det.start : t.start, end, referent: 'sender', ruleId: 'actors.cable.embassy-v1', confidence: 0.6 });
      continue;
    }
    if (!det || det.norm !== 'the' || of) continue;
    if (t.raw === 'Department' && ctx.sender) out.push({ start: det.start, end: t.end, referent: 'sender', ruleId: 'actors.cable.department-v1', confidence: 0.6 });
    else if (t.raw === 'Secretary' && ctx.sender && !(next && !next.brk && /^[A-Z]/.test(next.raw)))
      out.push({ start: det.start, end: t.end, referent: 'secretary', ruleId: 'actors.cable.secretary-v1', confidence: 0.6 });
    else if (t.raw === 'Government' && ctx.host) out.push({ start: det.start, end: t.end, referent: 'host', ruleId: 'actors.cable.government-v1', confidence: 0.55 });
    else if (t.raw === 'Ambassador' && ctx.sender && ctx.host && !(next && !next.brk && (/^[A-Z]/.test(next.raw) || next.norm === 'to')))
      out.push({ start: det.start, end: t.end, referent: 'ambassador', ruleId: 'actors.cable.ambassador-v1', confidence: 0.5 });
  }
  return out;
}
