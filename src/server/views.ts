/**
 * Shapes the UI draws, computed from corrected events: the actor network of a
 * period and a dyad's yearly series. When src/analysis provides a richer
 * series (change points, merged events), the server uses it instead.
 */
import { yearSpread } from '../core/edtf.js';
import type { CodedEvent, EntityRef } from '../core/types.js';

export interface NetworkNode {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  events: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  events: number;
  /** Events of quad classes 1-2 and 3-4. */
  cooperation: number;
  conflict: number;
  /** Sum of Goldstein scores. */
  goldstein: number;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

/** Actors as nodes, directed dyads as edges (self-loops and one-sided events left out). */
export function toNetwork(events: CodedEvent[], maxNodes = 150): Network {
  const nodes = new Map<string, NetworkNode>();
  const edges = new Map<string, NetworkEdge>();
  const node = (r: EntityRef): NetworkNode => {
    let n = nodes.get(r.id);
    if (!n) nodes.set(r.id, (n = { id: r.id, name: r.name, kind: r.kind, country: r.country, events: 0 }));
    return n;
  };
  for (const e of events) {
    if (!e.source || !e.target || e.source.id === e.target.id) continue;
    node(e.source).events += 1;
    node(e.target).events += 1;
    const k = `${e.source.id}\u0000${e.target.id}`;
    let edge = edges.get(k);
    if (!edge) edges.set(k, (edge = { source: e.source.id, target: e.target.id, events: 0, cooperation: 0, conflict: 0, goldstein: 0 }));
    edge.events += 1;
    if (e.quadClass <= 2) edge.cooperation += 1;
    else edge.conflict += 1;
    edge.goldstein = Math.round((edge.goldstein + e.goldstein) * 100) / 100;
  }
  const kept = new Set([...nodes.values()].sort((a, b) => b.events - a.events || a.id.localeCompare(b.id)).slice(0, maxNodes).map((n) => n.id));
  return {
    nodes: [...nodes.values()].filter((n) => kept.has(n.id)),
    edges: [...edges.values()].filter((e) => kept.has(e.source) && kept.has(e.target)),
  };
}

export interface SeriesPoint {
  year: number;
  /** Events (weighted: an event dated "197X" adds 0.1 to each year of the decade). */
  events: number;
  goldstein: number;
  quad: [number, number, number, number];
  /** Ids of the events that contribute to this year. */
  eventIds: string[];
}

export interface DyadSeries {
  a: string;
  b: string;
  points: SeriesPoint[];
  undated: number;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Yearly Goldstein-weighted series of a dyad, uncertain dates spread over their years. */
export function toDyadSeries(events: CodedEvent[], a: string, b: string): DyadSeries {
  const years = new Map<number, SeriesPoint>();
  let undated = 0;
  for (const e of events) {
    const spread = e.date ? safeSpread(e.date.value) : [];
    if (spread.length === 0) {
      undated += 1;
      continue;
    }
    for (const { year, weight } of spread) {
      let p = years.get(year);
      if (!p) years.set(year, (p = { year, events: 0, goldstein: 0, quad: [0, 0, 0, 0], eventIds: [] }));
      p.events = round(p.events + weight);
      p.goldstein = round(p.goldstein + weight * e.goldstein);
      p.quad[e.quadClass - 1] = round(p.quad[e.quadClass - 1] + weight);
      p.eventIds.push(e.id);
    }
  }
  const points = [...years.values()].sort((x, y) => x.year - y.year);
  // Fill the gaps so a chart shows quiet years as zero, not as a straight line.
  const filled: SeriesPoint[] = [];
  for (let i = 0; i < points.length; i++) {
    filled.push(points[i]);
    const next = points[i + 1];
    if (next && next.year - points[i].year <= 200) {
      for (let y = points[i].year + 1; y < next.year; y++) filled.push({ year: y, events: 0, goldstein: 0, quad: [0, 0, 0, 0], eventIds: [] });
    }
  }
  return { a, b, points: filled, undated };
}

function safeSpread(value: string) {
  try {
    const s = yearSpread(value);
    return s.length > 60 ? [] : s; // open or vast ranges say nothing about a given year
  } catch {
    return [];
  }
}
