// The filter form shared by the Events, Timeline and Relations views: the same
// filters as `annals events` (actor, dyad, code or root, dates, document, modality).
import { h, field, MODALITIES } from './dom.js';

export const FILTER_KEYS = ['actor', 'dyad', 'code', 'from', 'to', 'doc', 'modality', 'knownAt'];

export function filtersFrom(params) {
  const f = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f;
}

/** A form that calls onApply(filters) when submitted. */
export function filterForm(current, onApply, { keys = FILTER_KEYS } = {}) {
  const inputs = {
    actor: h('input', { name: 'actor', value: current.actor ?? '', placeholder: 'ALB, state:ALB or a name', size: 16 }),
    dyad: h('input', { name: 'dyad', value: current.dyad ?? '', placeholder: 'ALB,KHM', size: 12 }),
    code: h('input', { name: 'code', value: current.code ?? '', placeholder: '04 or 042', size: 6, maxlength: 4 }),
    from: h('input', { name: 'from', value: current.from ?? '', placeholder: '1970', size: 10 }),
    to: h('input', { name: 'to', value: current.to ?? '', placeholder: '1979-12', size: 10 }),
    doc: h('input', { name: 'doc', value: current.doc ?? '', placeholder: 'file name', size: 14 }),
    modality: h('select', { name: 'modality' }, h('option', { value: '' }, 'any'), MODALITIES.map((m) => h('option', { value: m, selected: current.modality === m }, m))),
    knownAt: h('input', { name: 'knownAt', value: current.knownAt ?? '', placeholder: 'as known at', size: 10 }),
  };
  const labels = { actor: 'Actor', dyad: 'Dyad', code: 'Code', from: 'From', to: 'To', doc: 'Document', modality: 'Modality', knownAt: 'Known at' };
  return h(
    'form',
    {
      class: 'filters',
      onsubmit: (ev) => {
        ev.preventDefault();
        const f = {};
        for (const k of keys) if (inputs[k].value.trim()) f[k] = inputs[k].value.trim();
        onApply(f);
      },
    },
    keys.map((k) => field(labels[k], inputs[k])),
    h('button', { type: 'submit' }, 'Apply'),
    h('button', { type: 'button', class: 'link', onclick: () => onApply({}) }, 'Clear'),
  );
}
