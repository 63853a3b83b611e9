/**
 * GEXF 1.3 of an actor network (https://gexf.net/), the format Gephi reads
 * natively: declared node and edge attributes (their ids are their titles, so
 * every reader shows the same names), weighted directed edges, and edge
 * colours (viz module) blue for cooperation, red for conflict.
 */
import { create } from 'xmlbuilder2';
import type { Network } from '../analysis/network.js';
import { xmlSafe } from './xml-text.js';

export const GEXF_NS = 'http://gexf.net/1.3';
export const GEXF_VIZ_NS = 'http://gexf.net/1.3/viz';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const NODE_ATTRS: Array<[string, string]> = [
  ['kind', 'string'],
  ['country', 'string'],
  ['events', 'double'],
];
const EDGE_ATTRS: Array<[string, string]> = [
  ['relation', 'string'],
  ['goldstein_sum', 'double'],
  ['goldstein_mean', 'double'],
  ['verbal_cooperation', 'double'],
  ['material_cooperation', 'double'],
  ['verbal_conflict', 'double'],
  ['material_conflict', 'double'],
  ['first', 'string'],
  ['last', 'string'],
];

const COLOURS: Record<string, [number, number, number]> = {
  cooperation: [44, 127, 184],
  conflict: [215, 48, 31],
  neutral: [150, 150, 150],
};

export function toGexf(net: Network, options: { description?: string } = {}): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(GEXF_NS, 'gexf', {
    'xmlns:viz': GEXF_VIZ_NS,
    'xmlns:xsi': XSI,
    'xsi:schemaLocation': `${GEXF_NS} http://gexf.net/1.3/gexf.xsd`,
    version: '1.3',
  });
  const meta = root.ele('meta');
  meta.ele('creator').txt('annals');
  meta.ele('description').txt(
    xmlSafe(options.description ?? `Actor network${net.from || net.to ? ` ${net.from ?? '…'} to ${net.to ?? '…'}` : ''} (${net.level} level)`),
  );
  const graph = root.ele('graph', { defaultedgetype: 'directed', mode: 'static' });
  const na = graph.ele('attributes', { class: 'node', mode: 'static' });
  NODE_ATTRS.forEach(([title, type]) => na.ele('attribute', { id: title, title, type }));
  const ea = graph.ele('attributes', { class: 'edge', mode: 'static' });
  EDGE_ATTRS.forEach(([title, type]) => ea.ele('attribute', { id: title, title, type }));
  const nodes = graph.ele('nodes', { count: String(net.nodes.length) });
  const index = new Map(net.nodes.map((n, i) => [n.id, `n${i}`]));
  for (const n of net.nodes) {
    const el = nodes.ele('node', { id: index.get(n.id)!, label: xmlSafe(n.label) });
    const av = el.ele('attvalues');
    const vals: Array<string | number | null> = [n.kind, n.country, n.events];
    vals.forEach((v, i) => {
      if (v !== null) av.ele('attvalue', { for: NODE_ATTRS[i][0], value: xmlSafe(String(v)) });
    });
  }
  const edges = graph.ele('edges', { count: String(net.edges.length) });
  net.edges.forEach((e, k) => {
    const el = edges.ele('edge', { id: `e${k}`, source: index.get(e.source)!, target: index.get(e.target)!, weight: String(e.weight) });
    const av = el.ele('attvalues');
    const vals: Array<string | number | null> = [e.relation, e.goldsteinSum, e.goldsteinMean, ...e.quad, e.first, e.last];
    vals.forEach((v, i) => {
      if (v !== null) av.ele('attvalue', { for: EDGE_ATTRS[i][0], value: xmlSafe(String(v)) });
    });
    const [r, g, b] = COLOURS[e.relation];
    el.ele(GEXF_VIZ_NS, 'viz:color', { r: String(r), g: String(g), b: String(b) });
  });
  return root.end({ prettyPrint: true }) + '\n';
}
