/**
 * Re-resolving a title by the event's own date. findActors() runs before time
 * anchoring and resolves "the Prime Minister" with the narrative year of its
 * sentence; the event coder knows the event's date better and can ask again:
 *
 *   const better = reresolveRole(index, mention, event.date.earliest);
 *   if (better) mention = { ...mention, entity: better };
 *
 * Only mentions found by the role rules (actors.role.dated-v1,
 * actors.role.unresolved-v1) are re-resolved; others come back null.
 */
import type { ActorMention, EntityRef } from '../core/types.js';
import { resolveRole, type ActorIndex } from '../dictionaries/actors.js';
import { tokenize } from '../dictionaries/actors-text.js';

export const ROLE_RULES = new Set(['actors.role.dated-v1', 'actors.role.unresolved-v1']);

/** The role key named in a mention's text ("the Albanian Defence Minister" → "defence-minister"). */
export function roleKeyInText(index: ActorIndex, text: string): string | null {
  const toks = tokenize(text);
  const roles = index.titles.roles;
  let best: string | null = null;
  for (let i = 0; i < toks.length; i++) {
    if (!index.titles.roleFirst.has(toks[i]!.norm)) continue;
    let key = '';
    for (let k = 0; k < index.titles.rolesMaxLen && i + k < toks.length; k++) {
      key = k === 0 ? toks[i]!.norm : `${key} ${toks[i + k]!.norm}`;
      const r = roles.get(key);
      if (r) best = r;
    }
    if (best) return best;
  }
  return best;
}

/** The holder of the mention's office at `isoDate`, or null when the mention is not a title or nobody is known. */
export function reresolveRole(index: ActorIndex, mention: ActorMention, isoDate: string | null): EntityRef | null {
  if (!ROLE_RULES.has(mention.ruleId) || !isoDate) return null;
  const key = roleKeyInText(index, mention.text);
  if (!key) return null;
  return resolveRole(index, key, mention.entity.country, isoDate);
}
