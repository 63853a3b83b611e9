/**
 * The actors of a document's events named as the document names them.
 *
 * An event's source, target and claimant keep their entity id (which is what ties an actor
 * across documents, merges events and draws dyads); their `name` becomes the form this document
 * uses most for that entity: "Great Britain" in a treaty of 1783 rather than "United Kingdom",
 * "the insurgents" where the text only ever calls them so, "Kampuchea" in a text of 1977.
 * A reader checking an event against its sentence then sees the document's own words, and a
 * name taken from the text can be checked against it.
 *
 * Rule documents.actor-name-v1: the most frequent mention text of the entity in the document,
 * among mentions written with a capital letter (a name, not "he" or "the regime"); a tie goes to
 * the entity's own name when it is among the most frequent, else to the form met first.
 * Pronouns and first-person forms never name an actor. An entity never mentioned that way keeps
 * its name.
 */
import type { ActorMention, CodedEvent, EntityRef } from '../core/types.js';

const NOT_A_NAME = /^(?:he|she|it|they|him|her|them|his|hers|its|their|theirs|we|our|ours|us|i|me|my|mine|you|your)$/i;

/** The form each entity is called by most in these mentions (entity id → text). */
export function documentNames(mentions: readonly ActorMention[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const m of mentions) {
    const text = m.text.replace(/\s+/g, ' ').trim();
    if (!text || !/^\p{Lu}/u.test(text) || NOT_A_NAME.test(text)) continue;
    let forms = counts.get(m.entity.id);
    if (!forms) counts.set(m.entity.id, (forms = new Map()));
    forms.set(text, (forms.get(text) ?? 0) + 1);
  }
  const names = new Map<string, string>();
  const canonical = new Map(mentions.map((m) => [m.entity.id, m.entity.name]));
  for (const [id, forms] of counts) {
    let best = '';
    let n = 0;
    for (const [text, k] of forms) if (k > n) [best, n] = [text, k]; // first met wins a tie (Map keeps order)
    const own = canonical.get(id);
    if (own !== undefined && forms.get(own) === n) best = own;
    names.set(id, best);
  }
  return names;
}

function renamed(ref: EntityRef | null, names: Map<string, string>): EntityRef | null {
  if (!ref) return ref;
  const name = names.get(ref.id);
  return name && name !== ref.name ? { ...ref, name } : ref;
}

/** The events with their actors named as the document names them (documentNames). */
export function withDocumentNames(events: CodedEvent[], mentions: readonly ActorMention[]): CodedEvent[] {
  const names = documentNames(mentions);
  if (!names.size) return events;
  return events.map((e) => {
    const source = renamed(e.source, names);
    const target = renamed(e.target, names);
    const claimant = renamed(e.claimant, names);
    return source === e.source && target === e.target && claimant === e.claimant ? e : { ...e, source, target, claimant };
  });
}
