// Documents list and the Reader: a document's text with actors, dates and
// event evidence highlighted. Text is cut into segments at every span
// boundary and each segment is a text node inside a <span>: never HTML.
import { h, mount, toast } from './dom.js';
import { api, codeLabels } from './api.js';
import { renderEventPanel } from './event-panel.js';

export const readerHref = (docId, eventId) => `#/reader/${encodeURIComponent(docId)}${eventId ? `?event=${encodeURIComponent(eventId)}` : ''}`;

export async function renderDocuments(main) {
  const { documents } = await api.get('/api/documents');
  mount(
    main,
    h('h1', null, 'Documents'),
    documents.length === 0
      ? h('p', { class: 'muted' }, 'The store holds no documents yet: run "annals ingest <files>".')
      : h(
          'table',
          { class: 'grid' },
          h('thead', null, h('tr', null, ['Title', 'File', 'Published', 'Format', 'Characters', 'Events'].map((t) => h('th', null, t)))),
          h(
            'tbody',
            null,
            documents.map((d) =>
              h(
                'tr',
                null,
                h('td', null, h('a', { href: readerHref(d.id) }, d.title || d.name)),
                h('td', null, d.name),
                h('td', null, d.published ?? '—'),
                h('td', null, d.format),
                h('td', { class: 'num' }, d.chars.toLocaleString('en')),
                h('td', { class: 'num' }, String(d.events)),
              ),
            ),
          ),
        ),
  );
}

/** Cut [start, end) into segments at the boundaries of the given spans. */
export function segments(start, end, marks) {
  const cuts = new Set([start, end]);
  for (const m of marks) {
    if (m.end <= start || m.start >= end) continue;
    cuts.add(Math.max(start, m.start));
    cuts.add(Math.min(end, m.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i];
    const e = points[i + 1];
    out.push({ start: s, end: e, marks: marks.filter((m) => m.start <= s && m.end >= e) });
  }
  return out;
}

/** The marks overlapping each block (blocks in text order), found by binary search: long documents stay fast. */
export function marksByBlock(blocks, marks) {
  const out = blocks.map(() => []);
  const order = blocks.map((b, i) => i).sort((x, y) => blocks[x].span.start - blocks[y].span.start);
  for (const m of marks) {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blocks[order[mid]].span.end <= m.start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < order.length && blocks[order[k]].span.start < m.end; k++) if (blocks[order[k]].span.end > m.start) out[order[k]].push(m);
  }
  return out;
}

const BLOCK_TAG = { heading: 'h2', paragraph: 'p', quote: 'blockquote', footnote: 'aside', 'list-item': 'li', caption: 'figcaption', metadata: 'p' };

export async function renderReader(main, { args, params }) {
  const id = args[0];
  if (!id) return renderDocuments(main);
  const data = await api.get(`/api/documents/${encodeURIComponent(id)}`);
  const doc = data.document;
  const text = doc.text;
  const marks = [];
  for (const m of data.mentions) marks.push({ start: m.span.start, end: m.span.end, kind: 'actor', title: `${m.entity.name} · ${m.entity.id} · ${m.ruleId}` });
  for (const t of data.times) marks.push({ start: t.span.start, end: t.span.end, kind: 'time', title: `${t.value} (${t.earliest} – ${t.latest}) · ${t.ruleId}` });
  const labels = await codeLabels();
  for (const e of data.events) {
    const who = `${e.source ? e.source.name : '?'} → ${e.target ? e.target.name : '?'}`;
    const title = `${e.code} ${labels.get(e.code) ?? ''} · ${who} · ${e.date ? e.date.value : 'undated'} · ${e.modality}${e.claimant ? ` (according to ${e.claimant.name})` : ''}${e.correction ? ` · corrected: ${e.correction.status}` : ''}`;
    marks.push({ start: e.evidence.start, end: e.evidence.end, kind: 'event', event: e, title });
  }
  doc.notes.forEach((n) => marks.push({ start: n.marker.start, end: n.marker.end, kind: 'note', note: n }));

  const panel = h('div', { class: 'panel', id: 'event-panel' }, h('p', { class: 'muted' }, 'Select highlighted evidence to see how the event was coded.'));
  const textEl = h('article', { class: 'doc-text', lang: 'und' });
  const blockEls = [];

  const select = async (eventId) => {
    for (const el of textEl.querySelectorAll('.ev.selected')) el.classList.remove('selected');
    for (const el of textEl.querySelectorAll('.ev')) if (el.dataset.events.split(' ').includes(eventId)) el.classList.add('selected');
    const first = textEl.querySelector('.ev.selected');
    if (first && params.get('event') === eventId) first.scrollIntoView({ block: 'center' });
    try {
      await renderEventPanel(panel, eventId, { onChange: () => renderReader(main, { args, params }), hrefFor: readerHref });
    } catch (e) {
      toast(e.message, 'error');
    }
  };

  const blocks = doc.blocks.length ? doc.blocks : [{ kind: 'paragraph', span: { start: 0, end: text.length } }];
  const perBlock = marksByBlock(blocks, marks);
  blocks.forEach((b, bi) => {
    const tag = BLOCK_TAG[b.kind] ?? 'p';
    const el = h(tag, { class: `block ${b.kind}`, id: `block-${bi}`, dataset: { start: b.span.start } });
    if (b.kind === 'footnote') {
      const back = doc.notes.find((n) => n.noteBlock === bi);
      if (back) el.appendChild(h('a', { href: '#', class: 'note-back', title: 'Back to the marker', onclick: (ev) => { ev.preventDefault(); document.getElementById(`marker-${back.marker.start}`)?.scrollIntoView({ block: 'center' }); } }, '↩'));
    }
    for (const seg of segments(b.span.start, b.span.end, perBlock[bi])) {
      const piece = text.slice(seg.start, seg.end);
      if (seg.marks.length === 0) {
        el.appendChild(document.createTextNode(piece));
        continue;
      }
      const note = seg.marks.find((m) => m.kind === 'note');
      const events = seg.marks.filter((m) => m.kind === 'event').map((m) => m.event);
      const classes = [...new Set(seg.marks.map((m) => (m.kind === 'event' ? 'ev' : m.kind)))];
      const rejectedCount = events.filter((e) => e.correction?.status === 'rejected').length;
      if (rejectedCount && rejectedCount === events.length) classes.push('rejected');
      else if (rejectedCount) classes.push('part-rejected');
      if (events.some((e) => e.correction && e.correction.status !== 'rejected')) classes.push('corrected');
      const attrs = { class: classes.join(' ') };
      const titles = seg.marks.filter((m) => m.title).map((m) => m.title);
      if (titles.length) attrs.title = titles.join('\n');
      if (events.length) {
        attrs.dataset = { events: events.map((e) => e.id).join(' ') };
        attrs.tabindex = '0';
        attrs.role = 'button';
        attrs.class += ` q${events[0].quadClass}`;
      }
      let span;
      if (note) {
        span = h('a', { ...attrs, href: '#', id: seg.start === note.start ? `marker-${note.start}` : undefined, class: `${attrs.class} note-marker`, title: `Footnote ${note.note.label}` }, piece);
        span.addEventListener('click', (ev) => {
          ev.preventDefault();
          ev.stopPropagation();
          const target = document.getElementById(`block-${note.note.noteBlock}`);
          target?.scrollIntoView({ block: 'center' });
          target?.classList.add('flash');
          setTimeout(() => target?.classList.remove('flash'), 1200);
        });
      } else span = h('span', attrs, piece);
      if (events.length) {
        const pick = () => select(events[events.length - 1].id);
        span.addEventListener('click', pick);
        span.addEventListener('keydown', (ev) => {
          if (ev.key === 'Enter' || ev.key === ' ') {
            ev.preventDefault();
            pick();
          }
        });
      }
      el.appendChild(span);
    }
    blockEls.push(el);
  });

  mount(
    main,
    h(
      'div',
      { class: 'reader' },
      h(
        'div',
        { class: 'reader-text' },
        h('h1', null, doc.title || doc.name),
        h('p', { class: 'muted' }, `${doc.name} · ${doc.format}${doc.published ? ` · published ${doc.published}` : ''} · ${data.events.length} events`),
        h('p', { class: 'legend' }, h('span', { class: 'actor' }, 'actor'), ' ', h('span', { class: 'time' }, 'date'), ' ', h('span', { class: 'ev q1' }, 'event evidence'), ' ', h('span', { class: 'ev rejected' }, 'rejected')),
        textEl,
      ),
      panel,
    ),
  );
  for (const el of blockEls) textEl.appendChild(el);
  const wanted = params.get('event');
  if (wanted) await select(wanted);
}
