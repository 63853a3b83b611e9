/**
 * GEXF 1.3 of an actor network (https://gexf.net/), the format Gephi reads
 * natively: declared node and edge attributes (their ids are their titles, so
 * every reader shows the same names), weighted directed edges, and edge
 * colours (viz module) blue for cooperation, red for conflict.
 */
import type { Network } from '../analysis/network.js';
import { EDGE_FIELDS, NODE_FIELDS, fieldValues, nodeIds, xmlRoot } from './network-xml.js';
import { xmlSafe } from './xml-text.js';

export const GEXF_NS = 'http://gexf.net/1.3';
export const GEXF_VIZ_NS = 'http://gexf.net/1.3/viz';

const COLOURS: Record<string, [number, number, number]> = {
  cooperation: [44, 127, 184],
  conflict: [215, 48, 31],
  neutral: [150, 150, 150],
};

export function toGexf(net: Network, options: { description?: string } = {}): string {
  const root = xmlRoot(GEXF_NS, 'gexf', 'http://gexf.net/1.3/gexf.xsd', { 'xmlns:viz': GEXF_VIZ_NS }, { version: '1.3' });
  const meta = root.ele('meta');
  meta.ele('creator').txt('annals');
  meta.ele('description').txt(
    xmlSafe(options.description ?? `Actor network${net.from || net.to ? ` ${net.from ?? '…'} to ${net.to ?? '…'}` : ''} (${net.level} level)`),
  );
  const graph = root.ele('graph', { defaultedgetype: 'directed', mode: 'static' });
  const na = graph.ele('attributes', { class: 'node', mode: 'static' });
  for (const { name, type } of NODE_FIELDS) na.ele('attribute', { id: name, title: name, type });
  const ea = graph.ele('attributes', { class: 'edge', mode: 'static' });
  for (const { name, type } of EDGE_FIELDS) ea.ele('attribute', { id: name, title: name, type });
  const nodes = graph.ele('nodes', { count: String(net.nodes.length) });
  const index = nodeIds(net);
  for (const n of net.nodes) {
    const av = nodes.ele('node', { id: index.get(n.id)!, label: xmlSafe(n.label) }).ele('attvalues');
    for (const [name, value] of fieldValues(NODE_FIELDS, n)) av.ele('attvalue', { for: name, value });
  }
  const edges = graph.ele('edges', { count: String(net.edges.length) });
  net.edges.forEach((e, k) => {
    const el = edges.ele('edge', { id: `e${k}`, source: index.get(e.source)!, target: index.get(e.target)!, weight: String(e.weight) });
    const av = el.ele('attvalues');
    for (const [name, value] of fieldValues(EDGE_FIELDS, e)) av.ele('attvalue', { for: name, value });
    const [r, g, b] = COLOURS[e.relation];
    el.ele(GEXF_VIZ_NS, 'viz:color', { r: String(r), g: String(g), b: String(b) });
  });
  return root.end({ prettyPrint: true }) + '\n';
}
