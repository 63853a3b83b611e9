// PLACEHOLDER (scaffolding): replaced by actor mention finding and resolution.
import type { ActorMention, Document, Entity, Sentence } from '../core/types.js';
import type { ActorIndex } from '../dictionaries/actors.js';

export interface ActorResult {
  mentions: ActorMention[];
  /** Entities referenced by the mentions, including ones discovered in this document. */
  entities: Entity[];
}

export function findActors(_doc: Document, _sentences: Sentence[], _index: ActorIndex): ActorResult {
  return { mentions: [], entities: [] };
}
