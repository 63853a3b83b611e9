/**
 * GraphML of an actor network (http://graphml.graphdrawing.org/): typed
 * <key> declarations for every node and edge attribute, then one directed
 * <graph> with <node> and <edge> elements. Gephi, yEd, Cytoscape and networkx
 * read it.
 */
import { create } from 'xmlbuilder2';
import type { Network } from '../analysis/network.js';
import { xmlSafe } from './xml-text.js';

export const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

type KeyType = 'string' | 'double' | 'int';

const NODE_KEYS: Array<[string, KeyType]> = [
  ['label', 'string'],
  ['kind', 'string'],
  ['country', 'string'],
  ['events', 'double'],
];
const EDGE_KEYS: Array<[string, KeyType]> = [
  ['weight', 'double'],
  ['relation', 'string'],
  ['goldstein_sum', 'double'],
  ['goldstein_mean', 'double'],
  ['verbal_cooperation', 'double'],
  ['material_cooperation', 'double'],
  ['verbal_conflict', 'double'],
  ['material_conflict', 'double'],
  ['first', 'string'],
  ['last', 'string'],
  ['events', 'string'],
];

export function toGraphml(net: Network, options: { description?: string } = {}): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(GRAPHML_NS, 'graphml', {
    'xmlns:xsi': XSI,
    'xsi:schemaLocation': `${GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd`,
  });
  for (const [name, type] of NODE_KEYS) root.ele('key', { id: `n_${name}`, for: 'node', 'attr.name': name, 'attr.type': type });
  for (const [name, type] of EDGE_KEYS) root.ele('key', { id: `e_${name}`, for: 'edge', 'attr.name': name, 'attr.type': type });
  const graph = root.ele('graph', { id: 'actors', edgedefault: 'directed' });
  if (options.description) graph.ele('desc').txt(xmlSafe(options.description));
  const index = new Map(net.nodes.map((n, i) => [n.id, `n${i}`]));
  net.nodes.forEach((n) => {
    const el = graph.ele('node', { id: index.get(n.id)! });
    el.ele('data', { key: 'n_label' }).txt(xmlSafe(n.label));
    el.ele('data', { key: 'n_kind' }).txt(n.kind);
    if (n.country) el.ele('data', { key: 'n_country' }).txt(xmlSafe(n.country));
    el.ele('data', { key: 'n_events' }).txt(String(n.events));
  });
  net.edges.forEach((e, i) => {
    const el = graph.ele('edge', { id: `e${i}`, source: index.get(e.source)!, target: index.get(e.target)! });
    const values: Record<string, string | number | null> = {
      weight: e.weight,
      relation: e.relation,
      goldstein_sum: e.goldsteinSum,
      goldstein_mean: e.goldsteinMean,
      verbal_cooperation: e.quad[0],
      material_cooperation: e.quad[1],
      verbal_conflict: e.quad[2],
      material_conflict: e.quad[3],
      first: e.first,
      last: e.last,
      events: e.eventIds.join(' '),
    };
    for (const [name] of EDGE_KEYS) {
      const v = values[name];
      if (v === null || v === undefined) continue;
      el.ele('data', { key: `e_${name}` }).txt(xmlSafe(String(v)));
    }
  });
  return root.end({ prettyPrint: true }) + '\n';
}
