import { summarize } from '../../app/queries.js';
import { displayLocation } from '../../app/open-store.js';
import type { CommandSpec } from '../context.js';
import { positiveInt } from '../filters.js';
import { formatTable } from '../table.js';

const summaryCommand: CommandSpec = {
  register(program, ctx) {
    program
      .command('summary')
      .description('what the store holds: documents, actors, events, the busiest dyads and codes')
      .option('--top <n>', 'how many dyads and codes to list', positiveInt('--top'), 10)
      .option('--json', 'JSON instead of text')
      .action(async (opts: { top: number; json?: boolean }, cmd) => {
        const { s, path } = await ctx.withStore(cmd, async (store, path) => ({ s: await summarize(store, opts.top), path }));
        if (opts.json) return ctx.out(JSON.stringify({ store: path, ...s }, null, 2) + '\n');
        const { counts, overview } = s;
        let text = `store ${displayLocation(path)}\n${counts.documents} documents, ${counts.actors} actors, ${counts.events} events, ${counts.mentions} actor mentions\n`;
        if (overview.dyads.length) {
          text +=
            '\nbusiest dyads\n' +
            formatTable(
              [{ header: 'source', max: 32 }, { header: 'target', max: 32 }, { header: 'events', align: 'right' }],
              overview.dyads.map((d) => [d.source.name, d.target.name, d.events]),
            );
        }
        if (overview.codes.length) {
          text += '\ncommonest codes\n' + formatTable([{ header: 'code' }, { header: 'events', align: 'right' }], overview.codes.map((c) => [c.code, c.events]));
        }
        await ctx.out(text);
      });
  },
};

export default summaryCommand;
