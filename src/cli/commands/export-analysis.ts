/**
 * The analysis formats of `annals export` (merged-jsonl, merged-csv, gdelt,
 * graphml, gexf, timeline): built in memory from merged events, written to
 * stdout or --out. Called by export.ts for those formats.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { exportAnalysis, withCorrections, type AnalysisFormat } from '../../app/analysis.js';
import { AnnalsError } from '../../core/errors.js';
import type { NetworkLevel } from '../../analysis/network.js';
import type { CliContext } from '../context.js';
import { filterFrom } from '../filters.js';

export async function runAnalysisExport(ctx: CliContext, command: Command, format: AnalysisFormat, opts: Record<string, unknown>): Promise<void> {
  const { knownAt, ...filter } = filterFrom(opts);
  const level = (opts.level as NetworkLevel | undefined) ?? 'entity';
  if (level !== 'entity' && level !== 'country') throw new AnnalsError('E020', '--level is entity or country', '--level');
  const text = await ctx.withStore(command, (store, path) =>
    withCorrections(path, (c) =>
      exportAnalysis(store, c, { format, filter, knownAt, from: filter.from, to: filter.to, level, dyad: filter.dyad, doc: filter.doc }),
    ),
  );
  if (!opts.out) return ctx.out(text);
  const file = resolve(ctx.io.cwd, String(opts.out));
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new AnnalsError('E002', `cannot write: ${(e as Error).message}`, file);
  }
}
