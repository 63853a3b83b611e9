/**
 * The actor network of a period: nodes are actors (entities, or their
 * countries), directed edges are dyads with the weight of their events, counts
 * by quad class, summed and mean Goldstein score, and whether the relation was
 * on balance one of cooperation or of conflict. An event dated to a range
 * counts in a period for the share of its range inside the period.
 */
import type { EntityKind, EntityRef } from '../core/types.js';
import { dayNumber, dayRange } from './bounds.js';
import type { SeriesItem } from './dyad.js';

export type NetworkLevel = 'entity' | 'country';

export interface NetworkNode {
  id: string;
  label: string;
  kind: EntityKind | 'country';
  country: string | null;
  /** Weighted number of events the actor takes part in. */
  events: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  /** Weighted number of events from source to target. */
  weight: number;
  quad: [number, number, number, number];
  goldsteinSum: number;
  goldsteinMean: number;
  relation: 'cooperation' | 'conflict' | 'neutral';
  first: string | null;
  last: string | null;
  eventIds: string[];
}

export interface Network {
  from: string | null;
  to: string | null;
  level: NetworkLevel;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface NetworkOptions {
  /** ISO date bounds of the period (either may be missing). */
  from?: string;
  to?: string;
  level?: NetworkLevel;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function nodeOf(r: EntityRef, level: NetworkLevel): { id: string; label: string; kind: NetworkNode['kind']; country: string | null } {
  if (level === 'country' && r.country) return { id: `country:${r.country}`, label: r.country, kind: 'country', country: r.country };
  return { id: r.id, label: r.name, kind: r.kind, country: r.country };
}

export function actorNetwork(items: readonly SeriesItem[], options: NetworkOptions = {}): Network {
  const level = options.level ?? 'entity';
  const lo = options.from ? dayNumber(options.from) : -Infinity;
  const hi = options.to ? dayNumber(options.to) : Infinity;
  const limited = options.from !== undefined || options.to !== undefined;
  const nodes = new Map<string, NetworkNode>();
  const edges = new Map<string, NetworkEdge>();
  for (const it of items) {
    if (!it.source || !it.target) continue;
    let weight = 1;
    if (limited) {
      if (!it.date) continue;
      const [a, z] = dayRange(it.date);
      const inA = Math.max(a, lo);
      const inZ = Math.min(z, hi);
      if (inA > inZ) continue;
      weight = (inZ - inA + 1) / (z - a + 1);
    }
    const s = nodeOf(it.source, level);
    const t = nodeOf(it.target, level);
    if (s.id === t.id) continue;
    for (const n of [s, t]) {
      const node = nodes.get(n.id);
      if (node) node.events += weight;
      else nodes.set(n.id, { ...n, events: weight });
    }
    const key = `${s.id}\u0000${t.id}`;
    let e = edges.get(key);
    if (!e) {
      e = { source: s.id, target: t.id, weight: 0, quad: [0, 0, 0, 0], goldsteinSum: 0, goldsteinMean: 0, relation: 'neutral', first: null, last: null, eventIds: [] };
      edges.set(key, e);
    }
    e.weight += weight;
    e.quad[it.quadClass - 1] += weight;
    e.goldsteinSum += it.goldstein * weight;
    e.eventIds.push(it.id);
    if (it.date) {
      if (!e.first || it.date.earliest < e.first) e.first = it.date.earliest;
      if (!e.last || it.date.latest > e.last) e.last = it.date.latest;
    }
  }
  for (const e of edges.values()) {
    e.weight = round(e.weight);
    e.quad = e.quad.map(round) as NetworkEdge['quad'];
    e.goldsteinSum = round(e.goldsteinSum);
    e.goldsteinMean = e.weight ? round(e.goldsteinSum / e.weight) : 0;
    e.relation = e.goldsteinSum > 0 ? 'cooperation' : e.goldsteinSum < 0 ? 'conflict' : 'neutral';
  }
  for (const n of nodes.values()) n.events = round(n.events);
  return {
    from: options.from ?? null,
    to: options.to ?? null,
    level,
    nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...edges.values()].sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target)),
  };
}
