// DOM helpers. Every piece of text goes in as a text node: nothing here (or
// anywhere in the UI) parses a string as HTML, so text from documents stays inert.

/**
 * h('p', {class: 'x', onclick: fn, dataset: {id: '1'}}, 'text', child, [more])
 * Attributes are set with setAttribute (no "on..." strings, no innerHTML).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'class') el.className = v;
      else if (k === 'value') el.value = v;
      else if (k.startsWith('on')) throw new Error('event handlers must be functions');
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function mount(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

export function actorName(a) {
  return a ? a.name : '—';
}

export function dateText(d) {
  if (!d) return 'undated';
  return d.value;
}

export function toast(message, kind = 'info') {
  const t = document.getElementById('toast');
  mount(t, h('div', { class: `toast ${kind}` }, message));
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => clear(t), 4000);
}

/** Load a library script from /vendor/ once (CSP allows scripts from this server only). */
const loading = new Map();
export function loadScript(name) {
  if (!loading.has(name)) {
    loading.set(
      name,
      new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = `/vendor/${name}.js`;
        s.onload = resolve;
        s.onerror = () => reject(new Error(`cannot load ${name}`));
        document.head.appendChild(s);
      }),
    );
  }
  return loading.get(name);
}

export function loadStyle(name) {
  if (document.querySelector(`link[data-vendor="${name}"]`)) return;
  document.head.appendChild(h('link', { rel: 'stylesheet', href: `/vendor/${name}.css`, dataset: { vendor: name } }));
}

/** A labelled field for filter forms. */
export function field(label, input) {
  return h('label', { class: 'field' }, h('span', null, label), input);
}

export const MODALITIES = ['asserted', 'reported', 'negated', 'hypothetical', 'planned'];
export const QUAD_NAMES = { 1: 'verbal cooperation', 2: 'material cooperation', 3: 'verbal conflict', 4: 'material conflict' };
