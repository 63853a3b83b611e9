/**
 * Terminal sparklines. Values are scaled between min(0, lowest) and
 * max(0, highest), so the zero line stays where it is; a second line marks
 * each period as cooperative (+), conflictual (−) or empty (·).
 */
const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  if (hi === lo) return BARS[0].repeat(values.length);
  return values.map((v) => BARS[Math.min(BARS.length - 1, Math.floor(((v - lo) / (hi - lo)) * BARS.length))]).join('');
}

export function signLine(values: readonly number[], counts?: readonly number[]): string {
  return values
    .map((v, i) => (counts && counts[i] === 0 ? '·' : v > 0 ? '+' : v < 0 ? '−' : counts ? '0' : '·'))
    .join('');
}
