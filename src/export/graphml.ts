/**
 * GraphML of an actor network (http://graphml.graphdrawing.org/): typed
 * <key> declarations for every node and edge attribute, then one directed
 * <graph> with <node> and <edge> elements. Gephi, yEd, Cytoscape and networkx
 * read it.
 */
import type { Network, NetworkEdge, NetworkNode } from '../analysis/network.js';
import { EDGE_FIELDS, NODE_FIELDS, fieldValues, nodeIds, xmlRoot, type Field } from './network-xml.js';
import { xmlSafe } from './xml-text.js';

export const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';

/** GraphML has no node label of its own: it is a key like the others; an empty country is left out. */
const NODE_KEYS: Array<Field<NetworkNode>> = [
  { name: 'label', type: 'string', get: (n) => n.label },
  ...NODE_FIELDS.map((f) => (f.name === 'country' ? { ...f, get: (n: NetworkNode) => n.country || null } : f)),
];
/** Edge weights are a key too, and the events of each edge are listed. */
const EDGE_KEYS: Array<Field<NetworkEdge>> = [
  { name: 'weight', type: 'double', get: (e) => e.weight },
  ...EDGE_FIELDS,
  { name: 'events', type: 'string', get: (e) => e.eventIds.join(' ') },
];

export function toGraphml(net: Network, options: { description?: string } = {}): string {
  const root = xmlRoot(GRAPHML_NS, 'graphml', 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd');
  for (const { name, type } of NODE_KEYS) root.ele('key', { id: `n_${name}`, for: 'node', 'attr.name': name, 'attr.type': type });
  for (const { name, type } of EDGE_KEYS) root.ele('key', { id: `e_${name}`, for: 'edge', 'attr.name': name, 'attr.type': type });
  const graph = root.ele('graph', { id: 'actors', edgedefault: 'directed' });
  if (options.description) graph.ele('desc').txt(xmlSafe(options.description));
  const index = nodeIds(net);
  for (const n of net.nodes) {
    const el = graph.ele('node', { id: index.get(n.id)! });
    for (const [name, value] of fieldValues(NODE_KEYS, n)) el.ele('data', { key: `n_${name}` }).txt(value);
  }
  net.edges.forEach((e, i) => {
    const el = graph.ele('edge', { id: `e${i}`, source: index.get(e.source)!, target: index.get(e.target)! });
    for (const [name, value] of fieldValues(EDGE_KEYS, e)) el.ele('data', { key: `e_${name}` }).txt(value);
  });
  return root.end({ prettyPrint: true }) + '\n';
}
