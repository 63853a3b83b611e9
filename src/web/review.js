// Review: the corrections made so far (withdrawable), actor merges and splits,
// merged-event decisions, and the write token.
import { h, mount, toast, field } from './dom.js';
import { api, token, setToken } from './api.js';

function describe(c) {
  const p = c.payload;
  switch (p.kind) {
    case 'edit':
      return `edit ${Object.entries(p.edit).map(([k, v]) => `${k} → ${v ?? 'none'}`).join(', ')}`;
    case 'merge-actors':
      return `merge actor ${p.actor} into ${p.into}`;
    case 'split-actor':
      return `in ${p.events.length} event(s), ${p.actor} is ${p.as.name} (${p.as.id})`;
    case 'merge-events':
      return `merge events ${p.events.join(', ')}`;
    default:
      return p.kind;
  }
}

export async function renderReview(main) {
  const [{ corrections, orphaned }, { actors }] = await Promise.all([api.get('/api/corrections'), api.get('/api/actors')]);
  const orphan = new Set(orphaned);
  const tokenInput = h('input', { type: 'password', name: 'token', value: token() ?? '', size: 30, autocomplete: 'off' });
  const post = async (body, msg) => {
    try {
      await api.post('/api/corrections', body);
      toast(msg);
      await renderReview(main);
    } catch (e) {
      toast(e.message, 'error');
    }
  };
  const mFrom = h('input', { name: 'actor', list: 'actor-ids', placeholder: 'person:x', size: 22 });
  const mInto = h('input', { name: 'into', list: 'actor-ids', placeholder: 'person:y', size: 22 });
  const eA = h('input', { name: 'events', placeholder: 'event ids, separated by spaces', size: 40 });
  const sActor = h('input', { name: 'actor', list: 'actor-ids', placeholder: 'state:KHM', size: 18 });
  const sId = h('input', { name: 'id', placeholder: 'group:khmer-rouge', size: 18 });
  const sName = h('input', { name: 'name', placeholder: 'Khmer Rouge', size: 16 });
  const sKind = h('select', { name: 'kind' }, ['state', 'person', 'organization', 'group', 'place'].map((k) => h('option', { value: k }, k)));
  const sCountry = h('input', { name: 'country', placeholder: 'KHM', size: 4, maxlength: 3 });
  const sEvents = h('input', { name: 'events', placeholder: 'event ids, separated by spaces', size: 30 });
  mount(
    main,
    h('h1', null, 'Review and corrections'),
    h('datalist', { id: 'actor-ids' }, actors.slice(0, 1000).map((a) => h('option', { value: a.id }, a.name))),
    h(
      'form',
      { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); setToken(tokenInput.value.trim()); toast('Token saved for this tab'); location.reload(); } },
      field('Write token', tokenInput),
      h('button', { type: 'submit' }, 'Use token'),
      h('span', { class: 'muted small' }, ' Corrections need the token the server was started with. Events are accepted, rejected or edited from the reader, the timeline or the relations views.'),
    ),
    h('h2', null, `Corrections (${corrections.length})`),
    corrections.length === 0
      ? h('p', { class: 'muted' }, 'No corrections yet.')
      : h(
          'table',
          { class: 'grid corrections' },
          h('thead', null, h('tr', null, ['When', 'Kind', 'What', 'Event', 'Note', ''].map((t) => h('th', null, t)))),
          h(
            'tbody',
            null,
            corrections.map((c) =>
              h(
                'tr',
                { class: orphan.has(c.id) ? 'orphaned' : undefined },
                h('td', { class: 'nowrap' }, c.createdAt.replace('T', ' ').slice(0, 19)),
                h('td', null, h('span', { class: `badge ${c.kind}` }, c.kind)),
                h('td', null, describe(c)),
                h('td', null, c.anchor ? h('a', { href: `#/reader/${encodeURIComponent(c.anchor.docId)}?event=${encodeURIComponent(c.anchor.eventId)}` }, c.anchor.evidenceText.slice(0, 80)) : '—', orphan.has(c.id) ? h('span', { class: 'badge rejected' }, 'event not found') : null),
                h('td', null, c.note ?? ''),
                h('td', null, token() ? h('button', { type: 'button', onclick: async () => { try { await api.del(`/api/corrections/${encodeURIComponent(c.id)}`); toast('Correction withdrawn'); await renderReview(main); } catch (e) { toast(e.message, 'error'); } } }, 'Withdraw') : null),
              ),
            ),
          ),
        ),
    h('h2', null, 'Actors'),
    h('form', { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); post({ kind: 'merge-actors', actor: mFrom.value.trim(), into: mInto.value.trim() }, 'Actors merged'); } }, field('Merge actor', mFrom), field('into', mInto), h('button', { type: 'submit', disabled: !token() }, 'Merge')),
    h(
      'form',
      {
        class: 'filters',
        onsubmit: (ev) => {
          ev.preventDefault();
          post(
            { kind: 'split-actor', actor: sActor.value.trim(), as: { id: sId.value.trim(), name: sName.value.trim(), kind: sKind.value, country: sCountry.value.trim() || null }, events: sEvents.value.trim().split(/\s+/).filter(Boolean) },
            'Actor split',
          );
        },
      },
      field('Split actor', sActor),
      field('in events', sEvents),
      field('is rather: id', sId),
      field('name', sName),
      field('kind', sKind),
      field('country', sCountry),
      h('button', { type: 'submit', disabled: !token() }, 'Split'),
    ),
    h('h2', null, 'Merged events'),
    h('form', { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); post({ kind: 'merge-events', events: eA.value.trim().split(/\s+/) }, 'Events merged'); } }, field('Same event', eA), h('button', { type: 'submit', disabled: !token() }, 'Merge')),
  );
}
