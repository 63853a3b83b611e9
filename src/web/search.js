// Full-text search over the documents (the store's own index).
import { h, mount } from './dom.js';
import { api } from './api.js';
import { readerHref } from './reader.js';

/** The store marks matched words as [word]: show them as <mark>, as text. */
export function snippetNodes(snippet) {
  const out = [];
  const re = /\[([^\]]*)\]/g;
  let last = 0;
  let m;
  while ((m = re.exec(snippet))) {
    if (m.index > last) out.push(snippet.slice(last, m.index));
    out.push(h('mark', null, m[1]));
    last = m.index + m[0].length;
  }
  if (last < snippet.length) out.push(snippet.slice(last));
  return out;
}

export async function renderSearch(main, { params }) {
  const q = params.get('q') ?? '';
  document.querySelector('#search input').value = q;
  const data = q ? await api.get('/api/search', { q, limit: 50 }) : { hits: [] };
  mount(
    main,
    h('h1', null, 'Search'),
    h('p', { class: 'muted' }, q ? `${data.hits.length} document${data.hits.length === 1 ? '' : 's'} for “${q}”` : 'Type words in the search box.'),
    h('ol', { class: 'hits' }, data.hits.map((hit) => h('li', null, h('a', { href: readerHref(hit.docId) }, hit.title || hit.docName), h('p', { class: 'snippet' }, snippetNodes(hit.snippet))))),
  );
}
