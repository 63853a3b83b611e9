import { resolve } from 'node:path';
import type { CommandSpec } from '../context.js';

const evalCommand: CommandSpec = {
  register(program, ctx) {
    program
      .command('eval')
      .description('score the stored events against gold annotations (the reference scorer\'s L1/L2 figures, per root and per document)')
      .requiredOption('--gold <dir>', 'folder of gold annotation files (<doc>.json)')
      .option('--pred <file>', 'score this JSON Lines file instead of the store')
      .option('--corpus <dir>', 'read and annotate the files of this folder in memory and score them instead of the store')
      .option('--doc <name>', 'score one document only')
      .option('--json', 'the whole report as JSON (then the summary line)')
      .option('--corrected', 'score the stored events as corrected by reviewers (rejected ones dropped, edits applied)')
      .action(async (opts: { gold: string; pred?: string; corpus?: string; doc?: string; json?: boolean; corrected?: boolean }, cmd) => {
        const { evaluateCorpus, evaluateFile, evaluateStore } = await import('../../app/evaluate.js');
        const { formatReport } = await import('../../app/eval/report.js');
        const options = { goldDir: resolve(ctx.io.cwd, opts.gold), doc: opts.doc };
        const report = opts.pred
          ? evaluateFile(resolve(ctx.io.cwd, opts.pred), options)
          : opts.corpus
            ? await evaluateCorpus(resolve(ctx.io.cwd, opts.corpus), options)
            : opts.corrected
              ? await ctx.withStore(cmd, async (store, path) => (await import('../../app/corrections-eval.js')).evaluateCorrectedStore(store, path, options))
              : await ctx.withStore(cmd, (store) => evaluateStore(store, options));
        if (opts.json) {
          const text = formatReport(report).trimEnd().split('\n');
          await ctx.out(JSON.stringify(report, null, 2) + '\n' + text[text.length - 1] + '\n');
        } else {
          await ctx.out(formatReport(report));
        }
      });
  },
};

export default evalCommand;
