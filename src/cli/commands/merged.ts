import { mergedEvents, withCorrections } from '../../app/analysis.js';
import type { MergedEvent } from '../../analysis/merge.js';
import type { CommandSpec } from '../context.js';
import { addFilterOptions, filterFrom, positiveInt } from '../filters.js';
import { formatTable } from '../table.js';

function who(a: MergedEvent['source']): string {
  return a ? `${a.name}${a.country ? ` (${a.country})` : ''}` : '—';
}

const mergedCommand: CommandSpec = {
  register(program, ctx) {
    const cmd = program
      .command('merged')
      .description('merged events: the mentions of one real-world event joined, with the rule and score that joined them')
      .option('--restated', 'only merged events told more than once')
      .option('--limit <n>', 'at most n merged events', positiveInt('--limit'))
      .option('--json', 'JSON instead of a table');
    addFilterOptions(cmd, 'date').action(async (opts: Record<string, unknown>, command) => {
      const filter = filterFrom(opts);
      const { knownAt, ...rest } = filter;
      const r = await ctx.withStore(command, (store, path) => withCorrections(path, (c) => mergedEvents(store, c, { filter: rest, knownAt })));
      let list = r.merged;
      if (opts.restated) list = list.filter((m) => m.members.length > 1);
      if (opts.limit !== undefined) list = list.slice(0, opts.limit as number);
      if (opts.json) return ctx.out(JSON.stringify({ mentions: r.mentions, merged: list, unresolvedDecisions: r.unresolvedDecisions }, null, 2) + '\n');
      if (list.length) {
        await ctx.out(
          formatTable(
            [
              { header: 'id', max: 15 },
              { header: 'date', max: 22 },
              { header: 'code' },
              { header: 'source', max: 26 },
              { header: 'target', max: 26 },
              { header: 'mentions', align: 'right' },
              { header: 'docs', align: 'right' },
              { header: 'rule', max: 30 },
              { header: 'score', align: 'right' },
              { header: 'evidence', max: 50 },
            ],
            list.map((m) => [m.id, m.date?.value ?? '', m.code, who(m.source), who(m.target), m.members.length, m.documents, m.ruleId, m.score, m.members[0].evidenceText]),
          ),
        );
      }
      await ctx.out(`${r.mentions} mention${r.mentions === 1 ? '' : 's'} → ${r.merged.length} merged event${r.merged.length === 1 ? '' : 's'}${list.length !== r.merged.length ? ` (${list.length} shown)` : ''}\n`);
      if (r.unresolvedDecisions.length) ctx.err(`${r.unresolvedDecisions.length} merge/split decision(s) name events no longer in the store`);
    });
  },
};

export default mergedCommand;
