import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option } from 'commander';
import { dyad, withCorrections } from '../../app/analysis.js';
import { explainChange, type SeriesEventRef } from '../../analysis/dyad.js';
import { sparkline, signLine } from '../../analysis/sparkline.js';
import { seriesToSvg } from '../../analysis/svg-chart.js';
import { AnnalsError } from '../../core/errors.js';
import type { CommandSpec } from '../context.js';
import { formatTable } from '../table.js';

function fmt(x: number): string {
  return (Math.round(x * 100) / 100).toFixed(2);
}

function eventLine(e: SeriesEventRef, change?: number): string {
  const ev = e.evidence[0];
  const text = (ev?.text ?? '').replace(/\s+/g, ' ');
  const head = change !== undefined ? `${change >= 0 ? '+' : ''}${fmt(change)}` : fmt(e.contribution);
  return `    ${head.padStart(7)}  ${e.code} ${e.direction === 'ab' ? '→' : '←'} ${e.date ?? ''}  ${ev?.docName ?? ''}${e.evidence.length > 1 ? ` (+${e.evidence.length - 1} more)` : ''}: “${text.length > 110 ? text.slice(0, 109) + '…' : text}”`;
}

const dyadCommand: CommandSpec = {
  register(program, ctx) {
    program
      .command('dyad')
      .description('cooperation and conflict between two actors over time: a table, a sparkline, change points; --svg or --png write a chart')
      .argument('<a>', 'first actor: country code (ALB), entity id (person:enver-hoxha) or name')
      .argument('<b>', 'second actor')
      .addOption(new Option('--by <period>', 'period of the series').choices(['year', 'month', 'auto']).default('auto'))
      .option('--directed', 'only events from a to b')
      .option('--mentions', 'count every mention instead of merged events')
      .option('--from <date>', 'start of the series (EDTF)')
      .option('--to <date>', 'end of the series (EDTF)')
      .option('--known-at <date>', 'only documents published up to this date')
      .option('--between <periods...>', 'what changed between two periods: --between 1975 1979')
      .option('--svg <file>', 'write an SVG chart to this file')
      .option('--png <file>', 'write the chart as a PNG image to this file')
      .option('--json', 'JSON instead of text')
      .action(async (a: string, b: string, opts: Record<string, unknown>, command) => {
        const between = opts.between as string[] | undefined;
        if (between && between.length !== 2) throw new AnnalsError('E020', 'give two periods: --between T1 T2', '--between');
        const series = await ctx.withStore(command, (store, path) =>
          withCorrections(path, (c) =>
            dyad(store, c, {
              a,
              b,
              granularity: opts.by as 'year' | 'month' | 'auto',
              directed: !!opts.directed,
              unit: opts.mentions ? 'mentions' : 'merged',
              from: opts.from as string | undefined,
              to: opts.to as string | undefined,
              knownAt: opts.knownAt as string | undefined,
            }),
          ),
        );
        if (opts.svg || opts.png) {
          const dated = series.total - series.undated.length - series.tooVague.length;
          const subtitle = `${opts.mentions ? 'mentions' : 'merged events'}${opts.directed ? `, ${a} → ${b} only` : ', both directions'}: ${dated} dated${series.undated.length ? `, ${series.undated.length} undated (not drawn)` : ''}; an event dated to a range is spread over it`;
          const svg = seriesToSvg(series, { subtitle });
          const write = (option: unknown, data: string | Buffer) => {
            const file = resolve(ctx.io.cwd, String(option));
            try {
              writeFileSync(file, data);
            } catch (e) {
              throw new AnnalsError('E002', `cannot write: ${(e as Error).message}`, file);
            }
          };
          if (opts.svg) write(opts.svg, svg);
          if (opts.png) {
            const { svgToPng } = await import('../../app/analysis-png.js');
            write(opts.png, await svgToPng(svg));
          }
        }
        const change = between ? explainChange(series, between[0], between[1]) : null;
        if (opts.json) return ctx.out(JSON.stringify(change ? { series, change } : series, null, 2) + '\n');
        const out: string[] = [];
        const unit = opts.mentions ? 'mentions' : 'merged events';
        const dated = series.total - series.undated.length - series.tooVague.length;
        out.push(`${a} – ${b}, per ${series.granularity}, ${unit}: ${dated} dated${series.undated.length ? `, ${series.undated.length} undated` : ''}${series.tooVague.length ? `, ${series.tooVague.length} too vague to place` : ''}`);
        if (series.points.length === 0) {
          out.push('no dated events between them');
          return ctx.out(out.join('\n') + '\n');
        }
        out.push(
          formatTable(
            [
              { header: series.granularity },
              { header: 'goldstein', align: 'right' },
              { header: 'events', align: 'right' },
              { header: 'verb.coop', align: 'right' },
              { header: 'mat.coop', align: 'right' },
              { header: 'verb.conf', align: 'right' },
              { header: 'mat.conf', align: 'right' },
              { header: 'main event', max: 60 },
            ],
            series.points.map((p) => [
              p.period,
              fmt(p.goldstein),
              fmt(p.count),
              fmt(p.quad[0]),
              fmt(p.quad[1]),
              fmt(p.quad[2]),
              fmt(p.quad[3]),
              p.events[0] ? `${p.events[0].code} ${p.events[0].evidence[0]?.text ?? ''}` : '',
            ]),
          ).trimEnd(),
        );
        const values = series.points.map((p) => p.goldstein);
        out.push('');
        out.push(`${series.points[0].period} ${sparkline(values)} ${series.points.at(-1)!.period}`);
        out.push(`${' '.repeat(series.points[0].period.length)} ${signLine(values, series.points.map((p) => p.count))}`);
        if (series.changePoints.length) {
          out.push('', 'change points:');
          for (const c of series.changePoints) {
            out.push(`  ${c.period} ${c.kind} (${c.delta >= 0 ? '+' : ''}${fmt(c.delta)} from ${c.previous})`);
            for (const d of c.drivers.filter((x) => Math.abs(x.change) >= 0.01).slice(0, 3)) out.push(eventLine(d.event, d.change));
          }
        }
        if (change) {
          out.push('', `between ${change.t1.period} (${fmt(change.t1.goldstein)}) and ${change.t2.period} (${fmt(change.t2.goldstein)}): ${change.delta.goldstein >= 0 ? '+' : ''}${fmt(change.delta.goldstein)}`);
          if (change.added.length) out.push(`  in ${change.t2.period}:`, ...change.added.map((x) => eventLine(x.event, x.change)));
          if (change.removed.length) out.push(`  gone since ${change.t1.period}:`, ...change.removed.map((x) => eventLine(x.event, x.change)));
          if (change.between.length) out.push(`  in between:`, ...change.between.map((e) => eventLine(e)));
        }
        for (const f of [opts.svg, opts.png]) if (f) out.push(`chart written to ${String(f)}`);
        await ctx.out(out.join('\n') + '\n');
      });
  },
};

export default dyadCommand;
