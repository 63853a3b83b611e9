// Conflicts: the conflicting accounts side by side, each with who asserts it
// and the evidence from its documents.
import { h, mount, actorName } from './dom.js';
import { api, codeLabels } from './api.js';
import { filterForm, filtersFrom } from './filters.js';
import { readerHref } from './reader.js';

/** Above this many events the view asks for a filter before looking. */
const LARGE_STORE = 20000;

const KIND_TEXT = { date: 'date', actor: 'actors', kind: 'kind of event', modality: 'whether it happened' };

export async function renderConflicts(main, { params }) {
  const filters = filtersFrom(params);
  const form = () => filterForm(filters, (f) => (location.hash = `#/conflicts?${new URLSearchParams(f)}`), { keys: ['actor', 'dyad', 'code', 'from', 'to'] });
  if (Object.keys(filters).length === 0) {
    // A large store merges slowly as a whole: ask for a filter first.
    const health = await api.get('/api/health');
    if (health.counts.events > LARGE_STORE) {
      mount(main, h('h1', null, 'Conflicting accounts'), form(), h('p', { class: 'muted' }, `The store holds ${health.counts.events.toLocaleString('en')} events: choose an actor, a dyad or a period to look for conflicts in.`));
      return;
    }
  }
  const [data, labels] = await Promise.all([api.get('/api/conflicts', { ...filters, limit: 200 }), codeLabels()]);
  mount(
    main,
    h('h1', null, 'Conflicting accounts'),
    form(),
    h('p', { class: 'muted' }, `${data.total} conflict${data.total === 1 ? '' : 's'}: accounts of one event that cannot all be true, kept side by side instead of picking one.`),
    data.conflicts.map((c) =>
      h(
        'section',
        { class: 'conflict', dataset: { conflict: c.id } },
        h('h2', null, `${actorName(c.source)} → ${actorName(c.target)} · ${c.code} ${labels.get(c.code) ?? ''}`, h('span', { class: 'muted' }, ` · they disagree on the ${KIND_TEXT[c.kind] ?? c.kind}`)),
        h('p', { class: 'muted small' }, c.reason, ' · ', h('code', null, c.ruleId), ` · score ${c.score}`),
        h(
          'div',
          { class: 'accounts' },
          c.accounts.map((acc) =>
            h(
              'article',
              { class: 'account' },
              h('p', { class: 'value' }, h('span', { class: 'muted' }, `${KIND_TEXT[c.kind] ?? c.kind}: `), h('strong', null, acc.value)),
              acc.evidence.map((ev) =>
                h(
                  'div',
                  { class: 'account-evidence' },
                  h('p', { class: 'muted small' }, 'According to ', ev.assertedBy === 'author' ? 'the document' : ev.assertedBy, ' in ', h('a', { href: readerHref(ev.docId, ev.eventId) }, ev.docName ?? ev.docId.slice(0, 12))),
                  h('blockquote', null, ev.evidence.text),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
