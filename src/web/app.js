// The web UI: a hash router over the views. Plain ES modules, no build step.
import { h, mount, toast } from './dom.js';
import { api, takeTokenFromUrl, token } from './api.js';
import { renderDocuments, renderReader } from './reader.js';
import { renderEvents } from './events.js';
import { renderTimeline } from './timeline.js';
import { renderRelations, renderNetwork } from './relations.js';
import { renderConflicts } from './conflicts.js';
import { renderReview } from './review.js';
import { renderSearch } from './search.js';

const VIEWS = {
  documents: renderDocuments,
  reader: renderReader,
  events: renderEvents,
  timeline: renderTimeline,
  relations: renderRelations,
  network: renderNetwork,
  conflicts: renderConflicts,
  review: renderReview,
  search: renderSearch,
};

export function parseRoute(hash) {
  const raw = hash.replace(/^#\/?/, '');
  const [pathPart, queryPart = ''] = raw.split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  return { view: parts[0] || 'documents', args: parts.slice(1), params: new URLSearchParams(queryPart) };
}

/** A hash link for a view with parameters. */
export function href(view, args = [], params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return `#/${[view, ...args.map(encodeURIComponent)].join('/')}${qs ? `?${qs}` : ''}`;
}

let generation = 0;

async function route() {
  const { view, args, params } = parseRoute(location.hash);
  const render = VIEWS[view] ?? renderDocuments;
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.view === view || (view === 'reader' && a.dataset.view === 'documents'));
  const main = document.getElementById('main');
  const mine = ++generation;
  document.body.dataset.view = view;
  document.body.dataset.ready = 'false';
  window.scrollTo(0, 0); // a new view starts at its top (the reader then scrolls to a chosen event)
  try {
    await render(main, { args, params, isCurrent: () => mine === generation });
  } catch (e) {
    if (mine !== generation) return;
    mount(main, h('div', { class: 'error' }, h('h2', null, 'Something went wrong'), h('p', null, e.message)));
  }
  if (mine === generation) document.body.dataset.ready = 'true';
}

async function showMode() {
  try {
    const health = await api.get('/api/health');
    const el = document.getElementById('mode');
    const canWrite = health.writable && token();
    el.textContent = canWrite ? 'review mode' : 'read-only';
    el.className = `mode ${canWrite ? 'write' : 'read'}`;
    el.title = canWrite ? 'Corrections are saved with your token' : 'Open the address printed by "annals serve --token …" to make corrections';
  } catch (e) {
    toast(e.message, 'error');
  }
}

takeTokenFromUrl();
window.addEventListener('hashchange', route);
document.getElementById('search').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = new FormData(ev.target).get('q');
  if (q) location.hash = href('search', [], { q });
});
showMode();
route();
