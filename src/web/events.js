// Events: a filterable, sortable, paged table with counts, linked to the reader.
import { h, mount, actorName, dateText, QUAD_NAMES } from './dom.js';
import { api, codeLabels } from './api.js';
import { filterForm, filtersFrom } from './filters.js';
import { readerHref } from './reader.js';

// [sort key or null, label]: the table sorts by the orders the store pages by itself.
const COLUMNS = [
  ['date', 'Date'],
  [null, 'Source'],
  ['code', 'Code'],
  [null, 'Target'],
  [null, 'Modality'],
  ['doc', 'Document'],
  [null, 'Conf.'],
];

export async function renderEvents(main, { params }) {
  const filters = filtersFrom(params);
  const sort = params.get('sort') ?? 'date';
  const dir = params.get('dir') ?? 'asc';
  const limit = Number(params.get('limit') ?? 100);
  const offset = Number(params.get('offset') ?? 0);
  const include = params.get('include') ?? 'visible';
  const go = (over) => {
    const q = new URLSearchParams({ ...filters, sort, dir, limit, offset, include, ...over });
    for (const [k, v] of [...q]) if (v === '' || v === 'undefined') q.delete(k);
    location.hash = `#/events?${q}`;
  };
  const [page, labels] = await Promise.all([api.get('/api/events', { ...filters, sort, dir, limit, offset, include }), codeLabels()]);

  const head = h(
    'tr',
    null,
    COLUMNS.map(([key, label]) =>
      key === null ? h('th', null, label) : h(
        'th',
        { 'aria-sort': sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined },
        h('button', { type: 'button', class: 'sort', dataset: { sort: key }, onclick: () => go({ sort: key, dir: sort === key && dir === 'asc' ? 'desc' : 'asc', offset: 0 }) }, label, sort === key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''),
      ),
    ),
    h('th', null, 'Evidence'),
  );
  const rows = page.events.map((e) =>
    h(
      'tr',
      { class: e.correction ? `corrected ${e.correction.status}` : undefined, dataset: { event: e.id } },
      h('td', { class: 'nowrap' }, dateText(e.date)),
      h('td', null, actorName(e.source)),
      h('td', { title: labels.get(e.code) ?? '' }, h('span', { class: `quad q${e.quadClass}` }, e.code), ' ', labels.get(e.code) ?? ''),
      h('td', null, actorName(e.target)),
      h('td', null, e.modality),
      h('td', null, e.docName),
      h('td', { class: 'num' }, e.confidence.toFixed(2)),
      h('td', { class: 'evidence' }, h('a', { href: readerHref(e.docId, e.id) }, e.evidenceText.length > 160 ? `${e.evidenceText.slice(0, 157)}…` : e.evidenceText), e.correction ? h('span', { class: `badge ${e.correction.status}` }, e.correction.status) : null),
    ),
  );
  const roots = Object.entries(page.counts.byRoot).sort((a, b) => b[1] - a[1]);
  const maxRoot = Math.max(1, ...roots.map(([, n]) => n));
  const last = Math.min(page.total, offset + page.events.length);

  mount(
    main,
    h('h1', null, 'Events'),
    filterForm(filters, (f) => {
      const q = new URLSearchParams({ ...f, sort, dir, limit, include });
      location.hash = `#/events?${q}`;
    }),
    h(
      'div',
      { class: 'counts' },
      h('p', { class: 'total' }, h('strong', { id: 'event-total' }, page.total.toLocaleString('en')), ' events', page.counts.corrected ? ` · ${page.counts.corrected} corrected` : '', ' · ', h('label', null, h('input', { type: 'checkbox', checked: include === 'all', onchange: (ev) => go({ include: ev.target.checked ? 'all' : 'visible', offset: 0 }) }), ' show rejected')),
      h('p', { class: 'quads' }, Object.entries(page.counts.byQuadClass).map(([q, n]) => h('span', { class: `quad q${q}` }, `${QUAD_NAMES[q]}: ${n}`))),
      h('div', { class: 'root-bars' }, roots.slice(0, 20).map(([root, n]) => h('a', { class: 'root-bar', href: '#', onclick: (ev) => { ev.preventDefault(); go({ code: root, offset: 0 }); }, title: `${labels.get(root) ?? root}: ${n}` }, h('span', { class: 'bar', style: undefined, dataset: { w: String(Math.round((100 * n) / maxRoot)) } }), `${root} ${labels.get(root) ?? ''} (${n})`))),
    ),
    h('table', { class: 'grid events-table' }, h('thead', null, head), h('tbody', null, rows)),
    h(
      'nav',
      { class: 'pager' },
      h('button', { type: 'button', disabled: offset === 0, onclick: () => go({ offset: Math.max(0, offset - limit) }) }, '← Previous'),
      h('span', null, page.total ? ` ${offset + 1}–${last} of ${page.total.toLocaleString('en')} ` : ' none '),
      h('button', { type: 'button', disabled: last >= page.total, onclick: () => go({ offset: offset + limit }) }, 'Next →'),
      ' ',
      h('a', { href: `/api/export?${new URLSearchParams({ ...filters, format: 'csv' })}`, download: 'events.csv' }, 'Export CSV'),
      ' · ',
      h('a', { href: `/api/export?${new URLSearchParams({ ...filters, format: 'jsonl' })}`, download: 'events.jsonl' }, 'Export JSONL'),
    ),
  );
  // Bar widths through the CSSOM (allowed by the CSP, unlike style attributes).
  for (const bar of main.querySelectorAll('.root-bar .bar')) bar.style.width = `${bar.dataset.w}%`;
}
