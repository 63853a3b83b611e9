/**
 * Pronouns as actors, for the event coder only: "he", "his", "they", "its"...
 * resolved to the most salient compatible actor: the subject of the current
 * sentence (for possessives), then the subject of the previous sentence, then
 * the latest compatible mention in the two previous sentences. "We", "our" and
 * "us" inside a claim region resolve to the claimant.
 */
import type { ActorMention, EntityRef } from '../core/types.js';
import type { Token } from './events-tokens.js';

const PREPOSITIONS = new Set(['of', 'to', 'in', 'on', 'at', 'from', 'with', 'for', 'into', 'against', 'by', 'about', 'over', 'toward', 'towards', 'during', 'after', 'before', 'under']);
const PERSON = new Set(['he', 'him', 'his', 'she', 'her']);
const PLURAL = new Set(['they', 'them', 'their']);
const NEUTER = new Set(['it', 'its']);
const FIRST = new Set(['we', 'us', 'our']);
/** The writer's own pronouns, in a telegram or despatch: the signing envoy, for the state the mission serves. */
const SELF = new Set(['i', 'me', 'my']);
/** Words before a capital "I" that make it a numeral ("World War I", "Article I", "Phase I"). */
const NUMERAL_BEFORE = new Set(['war', 'article', 'part', 'phase', 'chapter', 'section', 'title', 'annex', 'volume', 'book', 'act', 'schedule', 'stage', 'class', 'type']);

export interface CorefContext {
  /** Mentions of the previous two sentences, oldest first. */
  recent: ActorMention[];
  /** Subject mention of the previous sentence, if any. */
  previousSubject: ActorMention | null;
  /** The claimant of the region the sentence lies in. */
  claimant: EntityRef | null;
  /** The writer of a telegram or despatch (its mission's state), for "I", "me", "my", and "we" outside quotations. */
  writer?: EntityRef | null;
}

function fits(pron: string, e: EntityRef): boolean {
  if (PERSON.has(pron)) return e.kind === 'person';
  if (NEUTER.has(pron)) return e.kind === 'state' || e.kind === 'organization' || e.kind === 'group';
  if (PLURAL.has(pron)) return e.kind === 'state' || e.kind === 'organization' || e.kind === 'group';
  return false;
}

export interface ResolvedPronoun {
  mention: ActorMention;
  /** How the antecedent was chosen. */
  how: string;
}

export function resolvePronouns(tokens: Token[], mentions: ActorMention[], ctx: CorefContext): ResolvedPronoun[] {
  const out: ResolvedPronoun[] = [];
  // For each mention, whether a preposition stands right before it (computed once per sentence).
  let afterPrep: boolean[] | null = null;
  const prepBefore = (): boolean[] => {
    if (afterPrep) return afterPrep;
    afterPrep = mentions.map((m) => {
      let k = 0;
      while (k < tokens.length && tokens[k]!.start < m.span.start) k++;
      return k > 0 && PREPOSITIONS.has(tokens[k - 1]!.norm);
    });
    return afterPrep;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const p = t.norm;
    if (!PERSON.has(p) && !PLURAL.has(p) && !NEUTER.has(p) && !FIRST.has(p) && !(SELF.has(p) && ctx.writer)) continue;
    if (mentions.some((m) => m.span.start <= t.start && t.end <= m.span.end)) continue;
    let entity: EntityRef | null = null;
    let how = '';
    if (SELF.has(p)) {
      // events.coref.writer-v1: "I told the Foreign Minister", "he received me" in a telegram: the writer.
      const numeral = p === 'i' && (NUMERAL_BEFORE.has(tokens[i - 1]?.norm ?? '') || ['.', ')'].includes(tokens[i + 1]?.norm ?? '') || !tokens[i + 1]?.word);
      if (ctx.claimant && !numeral) {
        entity = ctx.claimant;
        how = 'the claimant of the quoted text';
      } else if (ctx.writer && !numeral) {
        // The envoy who signs acts for the mission: an organization of the writer's state.
        entity = { id: `writer:${ctx.writer.country ?? ctx.writer.id}`, name: `${ctx.writer.name} mission`, kind: 'organization', country: ctx.writer.country };
        how = "the writer of the telegram (the mission of its state)";
      }
    } else if (FIRST.has(p)) {
      if (ctx.claimant) {
        entity = ctx.claimant;
        how = 'the claimant of the quoted text';
      } else if (ctx.writer) {
        entity = ctx.writer;
        how = "the writer of the telegram (its mission's state)";
      }
    } else {
      const before = mentions.filter((m) => m.span.end <= t.start);
      // The subject: the first actor of the sentence not inside a prepositional phrase.
      const flags = prepBefore();
      const subj = before.find((m) => !flags[mentions.indexOf(m)]);
      const nearest = [...before].reverse().find((m) => fits(p, m.entity));
      const nearestPerson = (p === 'he' || p === 'she') ? [...before].reverse().find((m) => m.entity.kind === 'person') : undefined;
      // "Vietnamese were being killed by its army": after "by", a possessive does not point at the
      // passive subject of its own clause; it points back to the sentence's subject.
      const agentOwner = (p === 'their' || p === 'its') && i > 0 && tokens[i - 1]!.norm === 'by' && nearest && subj && subj !== nearest && fits(p, subj.entity) && subj.entity.id !== nearest.entity.id && sameClause(tokens, nearest.span.end, t.start);
      // "the regime had recognized it in 1949": an object pronoun never stands for the subject of its own
      // clause (that would be "itself"); it points back past it.
      const objectOf = (p === 'it' || p === 'them') && subj && isObjectPosition(tokens, i) && sameClause(tokens, subj.span.end, t.start) ? subj : null;
      const pastSubject = objectOf
        ? [...ctx.recent, ...before].reverse().find((m) => m !== objectOf && m.entity.id !== objectOf.entity.id && fits(p, m.entity))
        : undefined;
      if (nearestPerson) {
        entity = nearestPerson.entity;
        how = 'the nearest person before it';
      } else if (pastSubject) {
        entity = pastSubject.entity;
        how = 'the latest compatible actor other than the subject of its clause (an object pronoun)';
      } else if (agentOwner) {
        entity = subj.entity;
        how = 'the subject of the sentence (a possessive in a by-phrase does not point at its own clause)';
      } else if ((p === 'their' || p === 'its') && nearest) {
        entity = nearest.entity;
        how = 'the nearest actor before it';
      } else if (subj && fits(p, subj.entity) && (p === 'his' || p === 'her' || p === 'it' || p === 'they')) {
        entity = subj.entity;
        how = 'the subject of this sentence';
      } else if (ctx.previousSubject && fits(p, ctx.previousSubject.entity)) {
        entity = ctx.previousSubject.entity;
        how = 'the subject of the previous sentence';
      } else {
        const pool = [...ctx.recent, ...before];
        for (let k = pool.length - 1; k >= 0; k--) {
          if (fits(p, pool[k]!.entity)) {
            entity = pool[k]!.entity;
            how = 'the latest compatible actor';
            break;
          }
        }
      }
    }
    // "In his 1975 visit, Sadat spoke": a possessive opening the sentence may point forward.
    if (!entity && (p === 'his' || p === 'her')) {
      const after = mentions.find((m) => m.span.start > t.end && m.entity.kind === 'person');
      if (after) {
        entity = after.entity;
        how = 'the person named after it in the sentence';
      }
    }
    if (!entity) continue;
    out.push({
      mention: { span: { start: t.start, end: t.end }, text: p, entity, ruleId: 'events.coref.pronoun-v1', confidence: 0.6 },
      how,
    });
  }
  return out;
}

const CLAUSE_OPENERS = new Set(['that', 'which', 'who', 'whom', 'whose', 'where', 'when', 'while', ';', ',', ':', '(']);

/** No clause opener or punctuation between `from` and `to`. */
function sameClause(tokens: Token[], from: number, to: number): boolean {
  for (const t of tokens) if (t.start >= from && t.end <= to && CLAUSE_OPENERS.has(t.norm)) return false;
  return true;
}

/** Words after which "it"/"them" ends its verb phrase: the pronoun is an object ("recognized it in 1949"). */
const AFTER_OBJECT = new Set(['in', 'on', 'at', 'to', 'as', 'for', 'from', 'with', 'by', 'and', 'but', 'or', 'after', 'before', 'during', 'until', 'since', 'into', 'over', 'because', '.', ',', ';', ':', ')']);
/** Words before "it"/"them" that make it a subject ("that it", "when they"). */
const BEFORE_SUBJECT = new Set(['that', 'which', 'when', 'while', 'because', 'if', 'as', 'and', 'but', 'although', 'though', 'since', 'until', 'after', 'before', ',', ';']);

function isObjectPosition(tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (!prev || BEFORE_SUBJECT.has(prev.norm) || PREPOSITIONS.has(prev.norm)) return false;
  return !next || AFTER_OBJECT.has(next.norm);
}
