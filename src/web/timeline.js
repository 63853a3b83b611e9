// Timeline: the events of a filter on a zoomable timeline (vis-timeline).
// A day-precise date is a point; anything vaguer is drawn as a range from its
// earliest to its latest day, so "1977" and "the 1970s" show as bands.
import { h, mount, loadScript, loadStyle, actorName, toast } from './dom.js';
import { api } from './api.js';
import { filterForm, filtersFrom } from './filters.js';
import { renderEventPanel } from './event-panel.js';
import { readerHref } from './reader.js';

/** "1975-12-02" or "-0043-03-15" → Date (UTC), or null. */
export function isoToDate(iso, endOfDay = false) {
  const m = /^(-?\d{1,6})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return null;
  const d = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3]), endOfDay ? 23 : 0, endOfDay ? 59 : 0));
  d.setUTCFullYear(Number(m[1]));
  return d;
}

export const TIMELINE_LIMIT = 1000;

export function toItems(events) {
  const items = [];
  for (const e of events) {
    if (!e.date) continue;
    const start = isoToDate(e.date.earliest);
    const end = isoToDate(e.date.latest, true);
    if (!start || !end) continue;
    const content = document.createElement('span');
    content.textContent = `${actorName(e.source)} → ${actorName(e.target)} · ${e.code}`;
    const point = e.date.precision === 'day';
    items.push({
      id: e.id,
      content,
      start,
      end: point ? undefined : end,
      type: point ? 'point' : 'range',
      className: `q${e.quadClass}${point ? '' : ' vague'}${e.correction ? ' corrected' : ''}`,
      title: undefined,
    });
  }
  return items;
}

export async function renderTimeline(main, { params, isCurrent }) {
  const filters = filtersFrom(params);
  loadStyle('vis-timeline');
  const [page] = await Promise.all([api.get('/api/events', { ...filters, limit: Math.min(5000, Number(params.get('limit')) || TIMELINE_LIMIT), sort: 'date', fields: 'brief' }), loadScript('vis-timeline')]);
  if (!isCurrent()) return;
  const holder = h('div', { class: 'timeline', id: 'timeline' });
  const panel = h('div', { class: 'panel' }, h('p', { class: 'muted' }, 'Select an event on the timeline.'));
  const items = toItems(page.events);
  mount(
    main,
    h('h1', null, 'Timeline'),
    filterForm(filters, (f) => (location.hash = `#/timeline?${new URLSearchParams(f)}`)),
    h(
      'p',
      { class: 'muted' },
      `${items.length.toLocaleString('en')} dated events shown`,
      page.total > page.events.length ? ` (the first ${page.events.length.toLocaleString('en')} of ${page.total.toLocaleString('en')}: narrow the filter to see the rest)` : '',
      `. Bands are dates known only to the month, season, year or decade.`,
    ),
    h('div', { class: 'split' }, holder, panel),
  );
  if (items.length === 0) {
    holder.appendChild(h('p', { class: 'muted' }, 'No dated events for this filter.'));
    return;
  }
  const t0 = performance.now();
  const timeline = new window.vis.Timeline(holder, items, {
    stack: true,
    maxHeight: 560,
    zoomMin: 1000 * 60 * 60 * 24 * 7,
    selectable: true,
    showTooltips: false,
    xss: { disabled: true }, // item content is a DOM node built with textContent, never a string
    // Many events close together are drawn as one cluster (with their count) until zoomed in.
    cluster: items.length > 200 ? { maxItems: 3, showStipes: false, titleTemplate: '{count} events' } : false,
  });
  timeline.on('select', async ({ items: sel }) => {
    if (!sel.length) return;
    try {
      await renderEventPanel(panel, sel[0], { hrefFor: readerHref });
    } catch (e) {
      toast(e.message, 'error');
    }
  });
  await new Promise((resolve) => {
    timeline.once('changed', resolve);
    setTimeout(resolve, 3000);
  });
  document.body.dataset.timelineMs = String(Math.round(performance.now() - t0));
}
