/**
 * The evaluation report as text: the reference scorer's table and summary
 * lines (same layout, same rounding), the breakdowns only annals prints, and
 * last the summary line `L1 P=… R=… F1=… | L2 P=… R=… F1=…`.
 */
import type { EvalReport } from './score.js';

/**
 * Fixed-point formatting that rounds exact ties to even, as printf in the
 * reference scorer does (0.125 → "0.12"), where Number#toFixed rounds them up.
 */
export function pyFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const exact = Math.abs(x).toFixed(100); // exact decimal expansion of the double (for |x| < 1e21)
  const [int, frac] = exact.split('.');
  const kept = frac.slice(0, digits);
  const rest = frac.slice(digits);
  let up: boolean;
  if (rest[0] > '5') up = true;
  else if (rest[0] < '5') up = false;
  else if (/[1-9]/.test(rest.slice(1))) up = true;
  else up = Number((kept || int).slice(-1)) % 2 === 1;
  let n = BigInt(int + kept);
  if (up) n += 1n;
  const s = n.toString().padStart(digits + 1, '0');
  const body = digits ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
  return sign + body;
}

function padEnd(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function padStart(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

const f2 = (x: number) => pyFixed(x, 2);
const f3 = (x: number) => pyFixed(x, 3);

/** The last line: the figure scripts and the ratchet read. */
export function summaryLine(r: EvalReport): string {
  const { L1: a, L2: b } = r.summary;
  return `L1 P=${f3(a.p)} R=${f3(a.r)} F1=${f3(a.f1)} | L2 P=${f3(b.p)} R=${f3(b.r)} F1=${f3(b.f1)}`;
}

/** The reference scorer's text output, then annals' breakdowns, then the summary line. */
export function formatReport(r: EvalReport): string {
  const out: string[] = [];
  out.push(`${padEnd('doc', 28)} ${padStart('gold', 5)} ${padStart('pred', 5)} | ${padEnd('L1 P/R/F1', 22)} | ${padEnd('L2 P/R/F1', 22)}`);
  for (const d of r.docs) {
    out.push(
      `${padEnd(d.doc.slice(0, 28), 28)} ${padStart(String(d.gold), 5)} ${padStart(String(d.pred), 5)} | ` +
        `${f2(d.L1.p)}/${f2(d.L1.r)}/${f2(d.L1.f1)}         | ${f2(d.L2.p)}/${f2(d.L2.r)}/${f2(d.L2.f1)}`,
    );
  }
  if (r.unparsed_lines) out.push(`unparsed prediction lines: ${r.unparsed_lines}`);
  if (r.docs_without_gold.length) out.push(`predictions for documents without gold: ${r.docs_without_gold.slice(0, 10).join(', ')}`);
  const { L1: s1, L2: s2, dates: d, entities: e } = r.summary;
  out.push(`redundant (repeats of matched events): L1 ${s1.redundant}, L2 ${s2.redundant}`);
  out.push(
    `dates: ${d.right}/${d.matched_dated} right (${f3(d.accuracy)}) among gold-dated events matched on dyad+root, ${d.wrong} non-overlapping`,
  );
  out.push(`entities: ${e.found}/${e.gold} gold actors named with the right country (${f3(e.coverage)})`);

  out.push('');
  out.push(`${padEnd('root', 6)} ${padStart('gold', 5)} ${padStart('pred', 5)} ${padStart('match', 5)} ${padStart('red.', 5)} | P/R/F1 (L1)`);
  for (const x of r.roots) {
    out.push(
      `${padEnd(x.root, 6)} ${padStart(String(x.gold), 5)} ${padStart(String(x.pred), 5)} ${padStart(String(x.matched), 5)} ` +
        `${padStart(String(x.redundant), 5)} | ${f2(x.p)}/${f2(x.r)}/${f2(x.f1)}`,
    );
  }
  if (r.confusions.length) {
    out.push(`root confusions (gold→predicted, same dyad, date and evidence): ${r.confusions.slice(0, 10).map((c) => `${c.gold}→${c.pred} ×${c.count}`).join(', ')}`);
  }
  const l = r.actorLinking;
  const share = (n: number) => (l.pairs ? f3(n / l.pairs) : f3(0));
  out.push(
    `actor linking among ${l.pairs} L1 matches: source entity right ${l.source} (${share(l.source)}), ` +
      `target ${l.target} (${share(l.target)}), both ${l.both} (${share(l.both)})`,
  );
  const res = r.resolution;
  if (res) {
    const pc = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '0.0');
    out.push(
      `actor resolution: entities ${res.resolved}/${res.entities} (${pc(res.resolved, res.entities)} %) resolved with the right country; ` +
        `aliases ${res.mapped}/${res.aliases} (${pc(res.mapped, res.aliases)} %) mapped`,
    );
  }
  out.push(summaryLine(r));
  return out.join('\n') + '\n';
}
