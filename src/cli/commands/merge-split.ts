import { decideMerge, listDecisions, withCorrections, withdrawDecision } from '../../app/analysis.js';
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
    program
      .command('decisions')
      .description('the merge and split decisions recorded, oldest first; --withdraw ID takes one back')
      .option('--withdraw <id>', 'withdraw this decision (the automatic merging applies again)')
      .option('--json', 'JSON instead of text')
      .action(async (opts: { withdraw?: string; json?: boolean }, command) => {
        const list = await ctx.withStore(command, (store, path) =>
          withCorrections(path, async (corr) => {
            if (!corr) return [];
            if (opts.withdraw) await withdrawDecision(corr, opts.withdraw);
            return listDecisions(store, corr);
          }),
        );
        if (opts.withdraw) ctx.err(`withdrawn ${opts.withdraw}`);
        if (opts.json) return ctx.out(JSON.stringify(list, null, 2) + '\n');
        const lines = list.map(
          (d) =>
            `${d.id}  ${d.createdAt}  ${d.kind} ${d.events.join(' ')}${d.note ? `  — ${d.note}` : ''}${d.missing.length ? `  (not in the store now: ${d.missing.join(' ')}; found again by fingerprint when re-coded)` : ''}`,
        );
        lines.push(`${list.length} decision${list.length === 1 ? '' : 's'}`);
        await ctx.out(lines.join('\n') + '\n');
      });
  },
};

export default mergeSplitCommands;
