/**
 * An SVG chart of a dyad series, written as text (no browser, no library):
 * the Goldstein-weighted balance per period as bars above (cooperation) and
 * below (conflict) zero, and under it the weighted counts by quad class,
 * stacked. Change points are marked. Every text node is escaped.
 */
import type { DyadSeries } from './dyad.js';

export interface ChartOptions {
  width?: number;
  height?: number;
  title?: string;
  /** A second line under the title (what is counted, from where). */
  subtitle?: string;
}

const QUAD_COLOURS = ['#74add1', '#4575b4', '#f46d43', '#a50026'];
const QUAD_NAMES = ['verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function n(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}

function niceStep(range: number, ticks: number): number {
  const raw = range / Math.max(1, ticks);
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

export function seriesToSvg(series: DyadSeries, options: ChartOptions = {}): string {
  const W = options.width ?? 860;
  const H = options.height ?? 460;
  const title = options.title ?? `${series.a} – ${series.b}: cooperation and conflict per ${series.granularity}`;
  const left = 56;
  const right = 16;
  const top = 52;
  const gap = 34;
  const bottom = 58;
  const plotW = W - left - right;
  const h1 = Math.round((H - top - bottom - gap) * 0.6);
  const h2 = H - top - bottom - gap - h1;
  const pts = series.points;
  const bw = pts.length ? plotW / pts.length : plotW;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="11">`);
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${left}" y="20" font-size="15" font-weight="bold">${escapeXml(title)}</text>`);
  if (options.subtitle) out.push(`<text x="${left}" y="36" font-size="11" fill="#555">${escapeXml(options.subtitle)}</text>`);

  // Panel 1: balance.
  const gmax = Math.max(1, ...pts.map((p) => p.goldstein)) * 1.08;
  const gmin = Math.min(-1, ...pts.map((p) => p.goldstein)) * 1.08;
  const y1 = (v: number) => top + ((gmax - v) / (gmax - gmin)) * h1;
  const step1 = niceStep(gmax - gmin, 5);
  for (let v = Math.ceil(gmin / step1) * step1; v <= gmax + 1e-9; v += step1) {
    out.push(`<line x1="${left}" x2="${W - right}" y1="${n(y1(v))}" y2="${n(y1(v))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${left - 6}" y="${n(y1(v) + 4)}" text-anchor="end" fill="#555">${escapeXml(n(v))}</text>`);
  }
  out.push(`<line x1="${left}" x2="${W - right}" y1="${n(y1(0))}" y2="${n(y1(0))}" stroke="#333"/>`);
  out.push(`<text x="12" y="${n(top + h1 / 2)}" transform="rotate(-90 12 ${n(top + h1 / 2)})" text-anchor="middle" fill="#333">Goldstein-weighted sum</text>`);
  const changed = new Map(series.changePoints.map((c) => [c.period, c]));
  pts.forEach((p, i) => {
    const x = left + i * bw;
    const ya = y1(Math.max(0, p.goldstein));
    const yb = y1(Math.min(0, p.goldstein));
    const fill = p.goldstein >= 0 ? '#2c7fb8' : '#d7301f';
    const label = `${p.period}: sum ${n(p.goldstein)}, ${n(p.count)} events`;
    out.push(`<rect x="${n(x + bw * 0.12)}" y="${n(ya)}" width="${n(bw * 0.76)}" height="${n(Math.max(0, yb - ya))}" fill="${fill}"><title>${escapeXml(label)}</title></rect>`);
    const c = changed.get(p.period);
    if (c) {
      out.push(`<text x="${n(x + bw / 2)}" y="${n(top - 3)}" text-anchor="middle" fill="#333" font-size="10">${c.kind === 'rise' || c.kind === 'recovery' ? '▲' : '▼'}<title>${escapeXml(`${c.kind} from ${c.previous}: Δ ${n(c.delta)}`)}</title></text>`);
    }
  });

  // Panel 2: counts by quad class, stacked.
  const top2 = top + h1 + gap;
  const cmax = Math.max(1, ...pts.map((p) => p.count));
  const y2 = (v: number) => top2 + h2 - (v / cmax) * h2;
  const step2 = niceStep(cmax, 3);
  for (let v = 0; v <= cmax + 1e-9; v += step2) {
    out.push(`<line x1="${left}" x2="${W - right}" y1="${n(y2(v))}" y2="${n(y2(v))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${left - 6}" y="${n(y2(v) + 4)}" text-anchor="end" fill="#555">${escapeXml(n(v))}</text>`);
  }
  out.push(`<text x="12" y="${n(top2 + h2 / 2)}" transform="rotate(-90 12 ${n(top2 + h2 / 2)})" text-anchor="middle" fill="#333">events</text>`);
  pts.forEach((p, i) => {
    const x = left + i * bw;
    let acc = 0;
    p.quad.forEach((q, k) => {
      if (q <= 0) return;
      const ya = y2(acc + q);
      const yb = y2(acc);
      acc += q;
      out.push(`<rect x="${n(x + bw * 0.12)}" y="${n(ya)}" width="${n(bw * 0.76)}" height="${n(yb - ya)}" fill="${QUAD_COLOURS[k]}"><title>${escapeXml(`${p.period}: ${n(q)} ${QUAD_NAMES[k]}`)}</title></rect>`);
    });
  });
  out.push(`<line x1="${left}" x2="${W - right}" y1="${n(top2 + h2)}" y2="${n(top2 + h2)}" stroke="#333"/>`);

  // Period labels (thinned to fit).
  const every = Math.max(1, Math.ceil(pts.length / Math.floor(plotW / 38)));
  pts.forEach((p, i) => {
    if (i % every !== 0) return;
    const x = left + i * bw + bw / 2;
    out.push(`<text x="${n(x)}" y="${n(top2 + h2 + 14)}" text-anchor="middle" fill="#333">${escapeXml(p.period)}</text>`);
  });

  // Legend.
  let lx = left;
  const ly = H - 14;
  const legend: Array<[string, string]> = [
    ['#2c7fb8', 'net cooperation'],
    ['#d7301f', 'net conflict'],
    ...QUAD_NAMES.map((q, i) => [QUAD_COLOURS[i], q] as [string, string]),
  ];
  for (const [colour, name] of legend) {
    out.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${colour}"/>`);
    out.push(`<text x="${lx + 14}" y="${ly}" fill="#333">${escapeXml(name)}</text>`);
    lx += 24 + name.length * 6;
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
