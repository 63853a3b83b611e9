// The details of one event: coding, claimant, modality, rule and reason,
// merged siblings, corrections; and the review actions when writes are allowed.
import { h, mount, actorName, toast, QUAD_NAMES, MODALITIES, field } from './dom.js';
import { api, codeLabels, token } from './api.js';

function row(label, ...value) {
  return h('div', { class: 'kv' }, h('dt', null, label), h('dd', null, ...value));
}

function actorLink(a) {
  return a ? h('span', { class: 'actor-ref', title: a.id }, a.name, a.country ? ` (${a.country})` : '') : '—';
}

function dateBlock(d) {
  if (!d) return 'undated';
  return [h('strong', null, d.value), ` ${d.earliest} – ${d.latest}`, h('span', { class: 'muted' }, ` · ${d.precision} · ${d.ruleId}`)];
}

function correctionNote(c) {
  if (!c) return null;
  const changed = Object.entries(c.original ?? {}).map(([k, v]) => `${k} was ${v === null ? 'empty' : typeof v === 'object' ? (v.name ?? v.value ?? JSON.stringify(v)) : v}`);
  return h('div', { class: `correction-note ${c.status}` }, h('strong', null, `Corrected: ${c.status}`), changed.length ? ` — ${changed.join('; ')}` : '', c.reanchored ? ' (found again after re-coding)' : '');
}

/**
 * Render the panel for an event id into `el`. `onChange` is called after a
 * correction so the caller can refresh its view.
 */
export async function renderEventPanel(el, id, { onChange, hrefFor } = {}) {
  mount(el, h('p', { class: 'muted' }, 'Loading event…'));
  const [detail, labels] = await Promise.all([api.get(`/api/events/${encodeURIComponent(id)}`), codeLabels()]);
  const e = detail.event;
  const label = labels.get(e.code) ?? '';
  const siblings = (detail.merged?.members ?? []).filter((m) => m.id !== e.id);
  mount(
    el,
    h('h3', { class: 'event-title' }, h('span', { class: `quad q${e.quadClass}` }, e.code), ' ', label || 'event'),
    correctionNote(e.correction),
    h(
      'dl',
      { class: 'event-details' },
      row('Source', actorLink(e.source)),
      row('Target', actorLink(e.target)),
      row('Date', dateBlock(e.date)),
      row('Claimant', e.claimant ? actorLink(e.claimant) : 'the document'),
      row('Modality', e.modality),
      row('Class', `${QUAD_NAMES[e.quadClass]} · Goldstein ${e.goldstein}`, e.plover ? ` · PLOVER ${e.plover}` : ''),
      row('Rule', h('code', null, e.ruleId)),
      row('Why', e.reason),
      row('Confidence', String(e.confidence)),
      row('Evidence', h('q', null, e.evidenceText)),
      row('Document', detail.document ? (hrefFor ? h('a', { href: hrefFor(e.docId, e.id) }, detail.document.title || detail.document.name) : detail.document.name) : '—'),
    ),
    detail.merged
      ? h(
          'section',
          { class: 'merged' },
          h('h4', null, `Merged event · ${detail.merged.documents} document${detail.merged.documents === 1 ? '' : 's'} · ${detail.merged.ruleId}`),
          siblings.length === 0
            ? h('p', { class: 'muted' }, 'No other mention of this event.')
            : h(
                'ul',
                { class: 'siblings' },
                siblings.map((m) =>
                  h('li', null, hrefFor ? h('a', { href: hrefFor(m.docId, m.id) }, m.docName) : m.docName, ` · ${m.code} · ${m.date ? m.date.value : 'undated'} — `, h('q', null, m.evidenceText)),
                ),
              ),
          (detail.merged.disagreements ?? []).length
            ? h('p', { class: 'disagree' }, 'Accounts differ on: ', detail.merged.disagreements.map((d) => d.field + (d.contradictory ? ' (contradictory)' : '')).join(', '))
            : null,
        )
      : null,
    reviewActions(e, onChange, el),
  );
}

function reviewActions(e, onChange, el) {
  if (!token()) return h('p', { class: 'muted small' }, 'Read-only: start the server with a token to correct events.');
  const send = async (body, message) => {
    try {
      await api.post('/api/corrections', { event: e.id, ...body });
      toast(message);
      await renderEventPanel(el, e.id, { onChange });
      onChange?.();
    } catch (err) {
      toast(err.message, 'error');
    }
  };
  const code = h('input', { name: 'code', value: e.code, size: 5, maxlength: 4, pattern: '[0-9]{2,4}' });
  const source = h('input', { name: 'source', value: e.source?.id ?? '', size: 14 });
  const target = h('input', { name: 'target', value: e.target?.id ?? '', size: 14 });
  const date = h('input', { name: 'date', value: e.date?.value ?? '', size: 12 });
  const modality = h('select', { name: 'modality' }, MODALITIES.map((m) => h('option', { value: m, selected: m === e.modality }, m)));
  const form = h(
    'form',
    {
      class: 'edit-form',
      onsubmit: (ev) => {
        ev.preventDefault();
        const edit = {};
        if (code.value !== e.code) edit.code = code.value;
        if (source.value !== (e.source?.id ?? '')) edit.source = source.value || null;
        if (target.value !== (e.target?.id ?? '')) edit.target = target.value || null;
        if (date.value !== (e.date?.value ?? '')) edit.date = date.value || null;
        if (modality.value !== e.modality) edit.modality = modality.value;
        send({ kind: 'edit', edit }, 'Edit saved');
      },
    },
    field('Code', code),
    field('Source', source),
    field('Target', target),
    field('Date', date),
    field('Modality', modality),
    h('button', { type: 'submit' }, 'Save edit'),
  );
  return h(
    'section',
    { class: 'review-actions' },
    h('h4', null, 'Review'),
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'button', class: 'accept', onclick: () => send({ kind: 'accept' }, 'Accepted') }, 'Accept'),
      h('button', { type: 'button', class: 'reject', onclick: () => send({ kind: 'reject' }, 'Rejected') }, 'Reject'),
      h('button', { type: 'button', onclick: () => send({ kind: 'split-event' }, 'Split from its merged event') }, 'Split from merged'),
    ),
    h('details', null, h('summary', null, 'Edit code, actors, date'), form),
  );
}
