import { decideMerge, withCorrections } from '../../app/analysis.js';
import { AnnalsError } from '../../core/errors.js';
import type { CommandSpec } from '../context.js';

const mergeSplitCommands: CommandSpec = {
  register(program, ctx) {
    program
      .command('merge')
      .description('record that two or more events report one real-world event (kept across re-ingestion)')
      .argument('<events...>', 'event ids (or unique prefixes)')
      .option('--note <text>', 'why')
      .action(async (ids: string[], opts: { note?: string }, command) => {
        const c = await ctx.withStore(command, (store, path) =>
          withCorrections(path, async (corr) => {
            if (!corr) throw new AnnalsError('E011', 'the store has no corrections table', path);
            return decideMerge(store, corr, 'merge', ids, opts.note);
          }),
        );
        await ctx.out(`recorded ${c.id}: merge ${ids.join(' ')}\n`);
      });
    program
      .command('split')
      .description('record that an event is not the same as the others of its merged event (kept across re-ingestion)')
      .argument('<event>', 'event id (or unique prefix)')
      .option('--note <text>', 'why')
      .action(async (id: string, opts: { note?: string }, command) => {
        const c = await ctx.withStore(command, (store, path) =>
          withCorrections(path, async (corr) => {
            if (!corr) throw new AnnalsError('E011', 'the store has no corrections table', path);
            return decideMerge(store, corr, 'split', [id], opts.note);
          }),
        );
        await ctx.out(`recorded ${c.id}: split ${id}\n`);
      });
  },
};

export default mergeSplitCommands;
