// PLACEHOLDER (scaffolding): replaced by the actor knowledge base loader.
import type { Entity } from '../core/types.js';

export interface ActorIndex {
  entities: Map<string, Entity>;
}

export function loadActorIndex(): ActorIndex {
  return { entities: new Map() };
}
