/** Plain-text tables for the terminal: columns padded, long cells cut with "…". */

export interface Column {
  header: string;
  /** Cut cells longer than this. */
  max?: number;
  align?: 'left' | 'right';
}

function cut(s: string, max: number | undefined): string {
  const flat = s.replace(/\s+/g, ' ');
  return max !== undefined && flat.length > max ? flat.slice(0, Math.max(0, max - 1)) + '…' : flat;
}

export function formatTable(columns: Column[], rows: Array<Array<string | number | null | undefined>>): string {
  const cells = rows.map((r) => r.map((c, i) => cut(c === null || c === undefined ? '' : String(c), columns[i].max)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (columns[i].align === 'right' ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}
