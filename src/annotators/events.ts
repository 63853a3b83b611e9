// PLACEHOLDER (scaffolding): replaced by the CAMEO event coder.
import type { ActorMention, CodedEvent, Document, Sentence, TimeExpression } from '../core/types.js';
import type { Lexicon } from '../dictionaries/lexicon.js';

export interface EventInput {
  sentences: Sentence[];
  mentions: ActorMention[];
  times: TimeExpression[];
}

export function codeEvents(_doc: Document, _input: EventInput, _lexicon: Lexicon): CodedEvent[] {
  return [];
}
