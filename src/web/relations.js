// Relations: the dyad trajectory chart (uPlot) with drill-down from any year to
// its events and sentences; and the actor network of a period (cytoscape),
// edges coloured by cooperation (green) and conflict (red).
import { h, mount, loadScript, loadStyle, actorName, dateText, field, toast } from './dom.js';
import { api } from './api.js';
import { readerHref } from './reader.js';

const num = (x) => String(Math.round(x * 100) / 100);

function actorList(actors) {
  return h('datalist', { id: 'actor-list' }, actors.slice(0, 500).map((a) => h('option', { value: a.country && a.kind === 'state' ? a.country : a.id }, a.name)));
}

function drillList(title, events, total) {
  return [
    h('h3', null, title),
    h('p', { class: 'muted' }, `${total} event${total === 1 ? '' : 's'}${total > events.length ? ` (first ${events.length} shown)` : ''}`),
    h(
      'ol',
      { class: 'drill' },
      events.map((e) =>
        h(
          'li',
          { class: `q${e.quadClass}` },
          h('span', { class: `quad q${e.quadClass}` }, e.code),
          ` ${dateText(e.date)} · ${actorName(e.source)} → ${actorName(e.target)} · `,
          h('a', { href: readerHref(e.docId, e.id) }, e.docName),
          h('blockquote', null, e.evidenceText),
        ),
      ),
    ),
  ];
}

export async function renderRelations(main, { params, isCurrent }) {
  const a = params.get('a') ?? '';
  const b = params.get('b') ?? '';
  loadStyle('uplot');
  const [{ actors }] = await Promise.all([api.get('/api/actors'), loadScript('uplot')]);
  if (!isCurrent()) return;
  const ia = h('input', { name: 'a', value: a, list: 'actor-list', placeholder: 'ALB', size: 14 });
  const ib = h('input', { name: 'b', value: b, list: 'actor-list', placeholder: 'KHM', size: 14 });
  const form = h(
    'form',
    { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); location.hash = `#/relations?${new URLSearchParams({ a: ia.value.trim(), b: ib.value.trim() })}`; } },
    field('Actor A', ia),
    field('Actor B', ib),
    h('button', { type: 'submit' }, 'Show'),
  );
  const chart = h('div', { class: 'chart', id: 'dyad-chart' });
  const drill = h('div', { class: 'panel drill-panel', id: 'drill' }, h('p', { class: 'muted' }, 'Click a year on the chart (or below it) to see the events and sentences behind it.'));
  const years = h('div', { class: 'years' });
  mount(main, h('h1', null, 'Relations'), actorList(actors), form, h('div', { class: 'split' }, h('div', null, chart, years), drill));
  if (!a || !b) {
    const top = actors.filter((x) => x.kind === 'state').slice(0, 2);
    chart.appendChild(h('p', { class: 'muted' }, 'Choose two actors.', top.length === 2 ? [' For example ', h('a', { href: `#/relations?a=${encodeURIComponent(top[0].country ?? top[0].id)}&b=${encodeURIComponent(top[1].country ?? top[1].id)}` }, `${top[0].name} – ${top[1].name}`), '.'] : ''));
    return;
  }
  const series = await api.get('/api/dyad', { a, b, granularity: params.get('granularity') ?? 'year' });
  if (!isCurrent()) return;
  if (series.points.length === 0) {
    chart.appendChild(h('p', { class: 'muted' }, `No dated events between ${a} and ${b}.`));
    return;
  }
  const periodNumber = (p) => {
    const m = /^(-?\d+)(?:-(\d{2}))?$/.exec(p.period);
    return m ? Number(m[1]) + (m[2] ? (Number(m[2]) - 1) / 12 : 0) : NaN;
  };
  const xs = series.points.map(periodNumber);
  const gold = series.points.map((p) => p.goldstein);
  const coop = series.points.map((p) => p.quad[0] + p.quad[1]);
  const conf = series.points.map((p) => -(p.quad[2] + p.quad[3]));
  const changes = new Map(series.changePoints.map((c) => [c.period, c]));

  const showPoint = (point) => {
    const change = changes.get(point.period);
    mount(
      drill,
      h('h3', null, `${a} – ${b} in ${point.period}`),
      h('p', { class: 'muted' }, `Goldstein ${num(point.goldstein)} · ${num(point.count)} event${point.count === 1 ? '' : 's'} (weighted)`),
      change ? h('p', { class: `change ${change.kind}` }, `Change point: ${change.kind} (${change.delta > 0 ? '+' : ''}${num(change.delta)} since ${change.previous})`) : null,
      h(
        'ol',
        { class: 'drill' },
        point.events.map((ev) =>
          h(
            'li',
            { class: `q${ev.quadClass}` },
            h('span', { class: `quad q${ev.quadClass}` }, ev.code),
            ` ${ev.date ?? 'undated'} · ${ev.direction === 'ab' ? `${a} → ${b}` : `${b} → ${a}`} · weight ${num(ev.weight)} · contribution ${num(ev.contribution)}`,
            ev.evidence.map((x) => h('blockquote', null, h('a', { href: readerHref(x.docId, x.eventId) }, x.docName ?? 'document'), ': ', x.text)),
          ),
        ),
      ),
    );
    drill.dataset.period = point.period;
  };

  const width = Math.max(360, Math.min(900, main.clientWidth - 420));
  const u = new window.uPlot(
    {
      width,
      height: 320,
      scales: { x: { time: false } },
      axes: [{ label: series.granularity, incrs: [1, 2, 5, 10, 20, 25, 50, 100, 200, 500], values: (_u, vals) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')) }, { label: 'Goldstein (weighted)' }],
      series: [
        { label: 'year' },
        { label: 'Goldstein', stroke: '#28536b', width: 2, points: { show: true } },
        { label: 'cooperation (events)', stroke: '#2e8b57', fill: 'rgba(46,139,87,0.15)', paths: window.uPlot.paths.bars({ size: [0.5] }) },
        { label: 'conflict (events, below 0)', stroke: '#c0392b', fill: 'rgba(192,57,43,0.15)', paths: window.uPlot.paths.bars({ size: [0.5] }) },
      ],
    },
    [xs, gold, coop, conf],
    chart,
  );
  // Exposed for the browser tests and the benchmark (test/e2e, bench/ui.ts).
  window.__annalsChart = { u, xs };
  u.over.addEventListener('click', () => {
    const idx = u.cursor.idx;
    if (idx !== null && idx !== undefined) showPoint(series.points[idx]);
  });
  mount(
    years,
    h('span', { class: 'muted' }, 'Years: '),
    series.points.filter((p) => p.count > 0).map((p) => h('button', { type: 'button', class: `year ${p.goldstein < 0 ? 'neg' : 'pos'}${changes.has(p.period) ? ' change' : ''}`, dataset: { period: p.period }, title: `${num(p.count)} events, Goldstein ${num(p.goldstein)}`, onclick: () => showPoint(p) }, p.period)),
    series.undated || series.tooVague ? h('span', { class: 'muted' }, ` · not drawn: ${series.undated} undated, ${series.tooVague} too vague`) : '',
  );
}

/** Above this many events the network asks for a period before drawing. */
const LARGE_STORE = 20000;

const RELATION_COLOUR = { cooperation: '#2e8b57', conflict: '#c0392b', neutral: '#95a5a6' };

export async function renderNetwork(main, { params, isCurrent }) {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const ifrom = h('input', { name: 'from', value: from, placeholder: '1970', size: 10 });
  const ito = h('input', { name: 'to', value: to, placeholder: '1979', size: 10 });
  if (!from && !to) {
    // A large store merges slowly as a whole: ask for a period first.
    const health = await api.get('/api/health');
    if (health.counts.events > LARGE_STORE) {
      mount(
        main,
        h('h1', null, 'Network'),
        h('form', { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); location.hash = `#/network?${new URLSearchParams({ from: ifrom.value.trim(), to: ito.value.trim() })}`; } }, field('From', ifrom), field('To', ito), h('button', { type: 'submit' }, 'Show')),
        h('p', { class: 'muted' }, `The store holds ${health.counts.events.toLocaleString('en')} events: choose a period to draw its network.`),
      );
      return;
    }
  }
  const [net] = await Promise.all([api.get('/api/network', { from, to }), loadScript('cytoscape')]);
  if (!isCurrent()) return;
  const graph = h('div', { class: 'graph', id: 'network' });
  const drill = h('div', { class: 'panel drill-panel' }, h('p', { class: 'muted' }, 'Click an edge or an actor to list its events.'));
  mount(
    main,
    h('h1', null, 'Network'),
    h('form', { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); location.hash = `#/network?${new URLSearchParams({ from: ifrom.value.trim(), to: ito.value.trim() })}`; } }, field('From', ifrom), field('To', ito), h('button', { type: 'submit' }, 'Show')),
    h('p', { class: 'muted' }, `${net.nodes.length} actors, ${net.edges.length} directed relations`, from || to ? ` between ${from || 'the start'} and ${to || 'the end'}` : '', '. Green: cooperation on balance; red: conflict; grey: neutral; width: number of events.'),
    h('div', { class: 'split' }, graph, drill),
  );
  if (net.nodes.length === 0) {
    graph.appendChild(h('p', { class: 'muted' }, 'No events between two actors in this period.'));
    return;
  }
  const elements = [
    ...net.nodes.map((n) => ({ data: { id: n.id, label: n.label, weight: n.events } })),
    ...net.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, events: e.weight, relation: e.relation, colour: RELATION_COLOUR[e.relation], width: 1 + Math.log2(1 + e.weight) * 1.5 } })),
  ];
  const cy = window.cytoscape({
    container: graph,
    elements,
    layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000 },
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'background-color': '#28536b', color: '#1d2b36', width: 'mapData(weight, 1, 50, 14, 40)', height: 'mapData(weight, 1, 50, 14, 40)', 'text-valign': 'bottom', 'text-margin-y': 3 } },
      { selector: 'edge', style: { 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', width: 'data(width)', opacity: 0.85 } },
      { selector: ':selected', style: { 'overlay-opacity': 0.15, 'overlay-color': '#f1c40f' } },
    ],
  });
  const show = async (filter, title) => {
    const page = await api.get('/api/events', { ...filter, from, to, limit: 200 });
    mount(drill, ...drillList(title, page.events, page.total));
  };
  cy.on('tap', 'edge', (ev) => {
    const d = ev.target.data();
    show({ dyad: `${d.source},${d.target}` }, `${cy.getElementById(d.source).data('label')} – ${cy.getElementById(d.target).data('label')}`).catch((e) => toast(e.message, 'error'));
  });
  cy.on('tap', 'node', (ev) => {
    const d = ev.target.data();
    show({ actor: d.id }, d.label).catch((e) => toast(e.message, 'error'));
  });
  // Exposed for the browser tests (test/e2e).
  window.__annalsNetwork = { nodes: cy.nodes().length, edges: cy.edges().length };
}
