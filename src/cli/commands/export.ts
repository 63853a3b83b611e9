import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { Option } from 'commander';
import { AnnalsError } from '../../core/errors.js';
import { EXPORT_FORMATS, checkFormat, exportEvents } from '../../app/export.js';
import type { CommandSpec } from '../context.js';
import { addFilterOptions, filterFrom } from '../filters.js';
import { ANALYSIS_FORMATS, isAnalysisFormat } from '../../app/analysis-formats.js';

const exportCommand: CommandSpec = {
  register(program, ctx) {
    const cmd = program
      .command('export')
      .description('write events as JSON Lines (the scoring contract) or CSV, to stdout or a file')
      .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS, ...ANALYSIS_FORMATS]).default('jsonl'))
      .option('--out <file>', 'write to this file instead of stdout')
      .option('--level <level>', 'graphml/gexf: nodes are entities (default) or countries')
      .option('--corrected', 'jsonl/csv: apply reviewers\' corrections (rejected events left out, edits applied, each marked)');
    addFilterOptions(cmd, 'doc').action(async (opts: Record<string, unknown>, command) => {
      if (isAnalysisFormat(String(opts.format))) {
        const { runAnalysisExport } = await import('./export-analysis.js'); // the analysis modules load only when used
        return runAnalysisExport(ctx, command, String(opts.format) as never, opts);
      }
      const format = checkFormat(String(opts.format));
      const filter = filterFrom(opts);
      await ctx.withStore(command, async (store, dbPath) => {
        const { exportCorrectedEvents } = await import('../../app/corrections-eval.js');
        const chunks = () => (opts.corrected ? exportCorrectedEvents(store, dbPath, format, filter) : exportEvents(store, format, filter));
        if (!opts.out) {
          for await (const chunk of chunks()) await ctx.out(chunk);
          return;
        }
        const path = resolve(ctx.io.cwd, String(opts.out));
        const file = createWriteStream(path);
        const failed = once(file, 'error').then(([e]) => {
          throw new AnnalsError('E002', `cannot write: ${(e as Error).message}`, path);
        });
        const write = async () => {
          for await (const chunk of chunks()) {
            if (!file.write(chunk)) await once(file, 'drain');
          }
          file.end();
          await once(file, 'finish');
        };
        await Promise.race([write(), failed]);
      });
    });
  },
};

export default exportCommand;
