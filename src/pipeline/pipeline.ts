/**
 * The one place that wires the annotators together. Annotators are pure
 * functions over a Document; resources (dictionaries, lexicons) are loaded once.
 */
import type { Annotations, Document, Entity } from '../core/types.js';
import { segment } from '../annotators/segment.js';
import { findActors } from '../annotators/actors.js';
import { findTimes } from '../annotators/time.js';
import { codeEvents } from '../annotators/events.js';
import { loadActorIndex, type ActorIndex } from '../dictionaries/actors.js';
import { loadLexicon, type Lexicon } from '../dictionaries/lexicon.js';

export interface Resources {
  actors: ActorIndex;
  lexicon: Lexicon;
}

export function loadResources(): Resources {
  return { actors: loadActorIndex(), lexicon: loadLexicon() };
}

export interface PipelineResult {
  annotations: Annotations;
  entities: Entity[];
}

export function annotate(doc: Document, res: Resources): PipelineResult {
  const sentences = segment(doc);
  const { mentions, entities } = findActors(doc, sentences, res.actors);
  const times = findTimes(doc, sentences);
  const events = codeEvents(doc, { sentences, mentions, times }, res.lexicon);
  return { annotations: { sentences, mentions, times, events }, entities };
}
