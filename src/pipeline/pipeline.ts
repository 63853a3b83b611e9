/**
 * The one place that wires the annotators together. Annotators are pure
 * functions over a Document; resources (dictionaries, lexicons) are loaded once.
 */
import type { ActorMention, Annotations, Document, Entity, Sentence } from '../core/types.js';
import { segment } from '../annotators/segment.js';
import { findActors } from '../annotators/actors.js';
import { addGroupActors } from '../annotators/actors-groups.js';
import { findTimes } from '../annotators/time.js';
import { codeEvents } from '../annotators/events.js';
import { configuredActorOptions, loadActorIndex, type ActorIndex } from '../dictionaries/actors.js';
import { loadLexicon, type Lexicon } from '../dictionaries/lexicon.js';
import { loadGroupTable } from '../dictionaries/groups.js';

export interface Resources {
  actors: ActorIndex;
  lexicon: Lexicon;
}

/** Dictionaries loaded on top of the built-in ones (absolute paths, in load order). */
export interface ResourceOptions {
  /** PETRARCH/Phoenix actor dictionaries. */
  actors?: string[];
  /** PETRARCH/Phoenix agent dictionaries (the loader tells them apart by "agents" in the file name). */
  agents?: string[];
  /** The user's own JSON actor files or folders (data/actors/README.md). */
  user?: string[];
  /** A PETRARCH verb dictionary (CAMEO.2.0.txt); its verbs come after the built-in rules. */
  verbs?: string;
}

const loaded = new Map<string, Resources>();

/**
 * The built-in dictionaries plus the configured ones (configuredActorOptions) plus `options`;
 * loaded once per distinct set of options and reused.
 */
export function loadResources(options: ResourceOptions = {}): Resources {
  const petrarch = [...(options.actors ?? []), ...(options.agents ?? [])];
  const user = options.user ?? [];
  const key = JSON.stringify([petrarch, user, options.verbs ?? null]);
  let res = loaded.get(key);
  if (res) return res;
  let actors: ActorIndex;
  if (petrarch.length || user.length) {
    const conf = configuredActorOptions();
    actors = loadActorIndex({ petrarch: [...(conf.petrarch ?? []), ...petrarch], user: [...(conf.user ?? []), ...user] });
  } else actors = loadActorIndex();
  res = { actors, lexicon: loadLexicon(options.verbs ? { petrarch: options.verbs } : {}) };
  loaded.set(key, res);
  return res;
}

export interface PipelineResult {
  annotations: Annotations;
  entities: Entity[];
}

/**
 * The whole actor stage: names, titles, demonyms and coreference (findActors), then actors named
 * without a proper name — groups, legislatures, "the island" (src/annotators/actors-groups.ts).
 */
export function resolveActors(doc: Document, sentences: Sentence[], res: Resources): { mentions: ActorMention[]; entities: Entity[] } {
  return addGroupActors(doc, sentences, findActors(doc, sentences, res.actors), res.actors, loadGroupTable());
}

export function annotate(doc: Document, res: Resources): PipelineResult {
  const sentences = segment(doc);
  const { mentions, entities } = resolveActors(doc, sentences, res);
  const times = findTimes(doc, sentences);
  const events = codeEvents(doc, { sentences, mentions, times }, res.lexicon);
  return { annotations: { sentences, mentions, times, events }, entities };
}
