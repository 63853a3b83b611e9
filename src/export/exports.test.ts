import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { mergeEvents } from '../analysis/merge.js';
import { itemFromMerged } from '../analysis/dyad.js';
import { actorNetwork } from '../analysis/network.js';
import { ev } from '../analysis/testing.js';
import { MERGED_CSV_COLUMNS, toMergedCsv, toMergedJsonl } from './merged.js';
import { GDELT_COLUMNS, toGdeltTsv } from './gdelt.js';
import { GRAPHML_NS, toGraphml } from './graphml.js';
import { GEXF_NS, GEXF_VIZ_NS, toGexf } from './gexf.js';
import { checkTimelineShape, timelineDates, toTimeline } from './timeline.js';

function sample() {
  return mergeEvents([
    ev({ doc: 'A', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1972', text: 'Sihanouk visited Albania in 1972, "a triumph", he said.' }),
    ev({ doc: 'B', src: 'sihanouk', tgt: 'ALB', code: '042', date: '1972-06', text: 'In June 1972,\nthe Prince arrived in Tirana\t(by air).' }),
    ev({ doc: 'A', src: 'ALB', tgt: 'KHM', code: '070', date: '1974', text: 'Albania sent aid <script>alert(1)</script> & more.' }),
    ev({ doc: 'A', src: 'KHM', tgt: 'ALB', code: '161', date: '1977' }),
    ev({ doc: 'A', src: 'ALB', tgt: 'CHN', code: '111', date: '1977-07-07', text: 'An editorial attacked \u0001 Beijing.' }),
    ev({ doc: 'A', src: 'ALB', tgt: 'KHM', code: '051', date: '1975-12-02/1978-07', precision: 'interval' }),
  ]).merged;
}

interface El {
  name: string;
  uri: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** Parse with a namespace-aware XML parser into a small tree; any well-formedness error fails. */
function parseXml(xml: string): El {
  const parser = new SaxesParser({ xmlns: true });
  const stack: El[] = [];
  let root: El | null = null;
  parser.on('opentag', (t: SaxesTagNS) => {
    const el: El = { name: t.local, uri: t.uri, attrs: Object.fromEntries(Object.values(t.attributes).map((a) => [a.name, a.value])), children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (s) => {
    if (stack.length) stack[stack.length - 1].text += s;
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  assert.ok(root);
  return root;
}

const kids = (e: El, name: string) => e.children.filter((c) => c.name === name);

test('merged events as JSON Lines: one record a line with members, rule, score and corroboration', () => {
  const merged = sample();
  const lines = toMergedJsonl(merged).trimEnd().split('\n');
  assert.equal(lines.length, merged.length);
  const recs = lines.map((l) => JSON.parse(l));
  const visit = recs.find((r) => r.code === '042');
  assert.equal(visit.mentions, 2);
  assert.equal(visit.documents, 2);
  assert.equal(visit.members[1].ruleId, 'merge.same-event-v1');
  assert.equal(visit.members[0].evidence.unit, 'utf16');
});

test('merged events as CSV parse back with a standard CSV parser, quotes and newlines intact', () => {
  const merged = sample();
  const rows = parse(toMergedCsv(merged), { columns: true }) as Array<Record<string, string>>;
  assert.equal(rows.length, merged.length);
  assert.deepEqual(Object.keys(rows[0]), [...MERGED_CSV_COLUMNS]);
  const visit = rows.find((r) => r.code === '042')!;
  assert.equal(visit.mentions, '2');
  assert.equal(visit.evidence, 'In June 1972,\nthe Prince arrived in Tirana\t(by air).', 'the most precise member comes first');
  assert.equal(visit.docs, 'B.txt | A.txt');
  assert.equal(visit.date_earliest, '1972-06-01');
});

test('GDELT-style TSV: a header and rows of equal width, dates and codes in GDELT form', () => {
  const merged = sample();
  const tsv = toGdeltTsv(merged, { sourceOf: (id) => `file:///corpus/${id}.txt` });
  const lines = tsv.trimEnd().split('\n');
  assert.equal(lines.length, merged.length + 1);
  assert.deepEqual(lines[0].split('\t'), [...GDELT_COLUMNS]);
  const rows = lines.slice(1).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [GDELT_COLUMNS[i], v])));
  for (const l of lines) assert.equal(l.split('\t').length, GDELT_COLUMNS.length);
  const visit = rows.find((r) => r.EventCode === '042')!;
  assert.equal(visit.SQLDATE, '19720601');
  assert.equal(visit.MonthYear, '197206');
  assert.equal(visit.Year, '1972');
  assert.equal(visit.EventRootCode, '04');
  assert.equal(visit.EventBaseCode, '042');
  assert.equal(visit.Actor1CountryCode, 'KHM');
  assert.equal(visit.Actor2Code, 'ALB');
  assert.equal(visit.NumMentions, '2');
  assert.equal(visit.NumArticles, '2');
  assert.equal(visit.IsRootEvent, '1');
  assert.match(visit.SOURCEURL, /^file:\/\/\/corpus\//);
  assert.match(visit.GLOBALEVENTID, /^\d+$/);
  assert.ok(!visit.Evidence.includes('\t'));
  const gold = rows.find((r) => r.EventCode === '161')!;
  assert.equal(gold.QuadClass, '4');
  assert.ok(Number(gold.GoldsteinScale) < 0);
});

test('GraphML parses and follows the GraphML structure: namespace, typed keys, directed graph, edges between declared nodes', () => {
  const net = actorNetwork(sample().map(itemFromMerged), { from: '1970-01-01', to: '1979-12-31' });
  const root = parseXml(toGraphml(net, { description: 'test <network> & co' }));
  assert.equal(root.name, 'graphml');
  assert.equal(root.uri, GRAPHML_NS);
  const keys = kids(root, 'key');
  assert.ok(keys.length > 0);
  for (const k of keys) {
    assert.ok(k.attrs.id && ['node', 'edge', 'graph', 'all'].includes(k.attrs.for), JSON.stringify(k.attrs));
    assert.ok(['string', 'double', 'int', 'long', 'float', 'boolean'].includes(k.attrs['attr.type']));
    assert.equal(k.uri, GRAPHML_NS);
  }
  const keyFor = new Map(keys.map((k) => [k.attrs.id, k.attrs.for]));
  const graphs = kids(root, 'graph');
  assert.equal(graphs.length, 1);
  assert.equal(graphs[0].attrs.edgedefault, 'directed');
  const nodes = kids(graphs[0], 'node');
  const ids = new Set(nodes.map((n) => n.attrs.id));
  assert.equal(ids.size, net.nodes.length);
  const edges = kids(graphs[0], 'edge');
  assert.equal(edges.length, net.edges.length);
  for (const e of edges) assert.ok(ids.has(e.attrs.source) && ids.has(e.attrs.target));
  for (const el of [...nodes, ...edges]) {
    for (const d of kids(el, 'data')) assert.equal(keyFor.get(d.attrs.key), el.name, `data key ${d.attrs.key} declared for ${el.name}`);
  }
  const khm = edges.find((e) => kids(e, 'data').some((d) => d.attrs.key === 'e_relation' && d.text === 'conflict'));
  assert.ok(khm, 'a conflictual edge is marked');
  assert.equal(kids(graphs[0], 'desc')[0].text, 'test <network> & co');
});

test('GEXF parses and follows the GEXF 1.3 structure: version, declared attributes, weighted edges, viz colours', () => {
  const net = actorNetwork(sample().map(itemFromMerged), { level: 'country' });
  const root = parseXml(toGexf(net));
  assert.equal(root.name, 'gexf');
  assert.equal(root.uri, GEXF_NS);
  assert.equal(root.attrs.version, '1.3');
  const graph = kids(root, 'graph')[0];
  assert.equal(graph.attrs.defaultedgetype, 'directed');
  const declared = new Map<string, Set<string>>();
  for (const a of kids(graph, 'attributes')) declared.set(a.attrs.class, new Set(kids(a, 'attribute').map((x) => x.attrs.id)));
  const nodes = kids(kids(graph, 'nodes')[0], 'node');
  assert.deepEqual(nodes.map((n) => n.attrs.label).sort(), ['ALB', 'CHN', 'KHM']);
  const ids = new Set(nodes.map((n) => n.attrs.id));
  for (const n of nodes) for (const v of kids(kids(n, 'attvalues')[0], 'attvalue')) assert.ok(declared.get('node')!.has(v.attrs.for));
  const edges = kids(kids(graph, 'edges')[0], 'edge');
  assert.equal(edges.length, net.edges.length);
  for (const e of edges) {
    assert.ok(ids.has(e.attrs.source) && ids.has(e.attrs.target));
    assert.ok(Number(e.attrs.weight) > 0);
    for (const v of kids(kids(e, 'attvalues')[0], 'attvalue')) assert.ok(declared.get('edge')!.has(v.attrs.for));
    const colour = e.children.find((c) => c.name === 'color');
    assert.equal(colour?.uri, GEXF_VIZ_NS);
  }
});

test('TimelineJS JSON matches the documented shape, with dates as precise as their bounds and escaped text', () => {
  const t = toTimeline(sample().map(itemFromMerged), { title: 'Albania & Cambodia' });
  assert.deepEqual(checkTimelineShape(t), []);
  assert.equal(t.title?.text.headline, 'Albania &amp; Cambodia');
  const aid = t.events.find((e) => e.unique_id && e.text.text.includes('sent aid'))!;
  assert.ok(aid.text.text.includes('&lt;script&gt;'), 'document text is escaped');
  assert.ok(!aid.text.text.includes('<script>'));
  assert.deepEqual(timelineDates('1972-01-01', '1972-12-31', '1972'), { start_date: { year: 1972, display_date: '1972' } });
  assert.deepEqual(timelineDates('1972-06-01', '1972-06-30'), { start_date: { year: 1972, month: 6 } });
  assert.deepEqual(timelineDates('1975-12-02', '1978-07-31'), { start_date: { year: 1975, month: 12, day: 2 }, end_date: { year: 1978, month: 7, day: 31 } });
  assert.deepEqual(timelineDates('-0044-03-15', '-0044-03-15'), { start_date: { year: -44, month: 3, day: 15 } });
  assert.deepEqual(checkTimelineShape({ events: [{ start_date: { year: 'x' }, text: {} }] }).length, 2);
});

test('GraphML and GEXF read back by an independent reader (graphology, the graph library behind Sigma.js) with the same nodes, edges and attributes', async () => {
  const { default: Graph } = await import('graphology');
  const gexf = await import('graphology-gexf');
  const graphml = await import('graphology-graphml');
  const net = actorNetwork(sample().map(itemFromMerged), { from: '1970-01-01', to: '1979-12-31' });
  const g1 = gexf.parse(Graph as never, toGexf(net));
  const g2 = graphml.parse(Graph as never, toGraphml(net));
  for (const g of [g1, g2]) {
    assert.equal(g.order, net.nodes.length);
    assert.equal(g.size, net.edges.length);
    assert.equal(g.type, 'directed');
  }
  const labels = g1.mapNodes((_, a) => a.label as string).sort();
  assert.deepEqual(labels, net.nodes.map((n) => n.label).sort());
  const conflict = net.edges.find((e) => e.relation === 'conflict')!;
  const e1 = g1.findEdge((_, a) => a.relation === 'conflict');
  assert.ok(e1, 'GEXF edge attributes are read');
  assert.equal(Number(g1.getEdgeAttribute(e1, 'weight')), conflict.weight);
  const e2 = g2.findEdge((_, a) => a.relation === 'conflict');
  assert.ok(e2, 'GraphML edge attributes are read');
  assert.equal(Number(g2.getEdgeAttribute(e2, 'goldstein_sum')), conflict.goldsteinSum);
});
