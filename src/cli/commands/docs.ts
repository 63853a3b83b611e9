import { listDocuments } from '../../app/queries.js';
import type { CommandSpec } from '../context.js';
import { formatTable } from '../table.js';

const docsCommand: CommandSpec = {
  register(program, ctx) {
    program
      .command('docs')
      .description('list the stored documents')
      .option('--json', 'JSON instead of a table')
      .action(async (opts: { json?: boolean }, cmd) => {
        const docs = await ctx.withStore(cmd, (store) => listDocuments(store));
        if (opts.json) return ctx.out(JSON.stringify(docs, null, 2) + '\n');
        if (!docs.length) return ctx.out('no documents\n');
        await ctx.out(
          formatTable(
            [{ header: 'id', max: 12 }, { header: 'name', max: 40 }, { header: 'format' }, { header: 'published' }, { header: 'events', align: 'right' }, { header: 'title', max: 50 }],
            docs.map((d) => [d.id.slice(0, 12), d.name, d.format, d.published ?? '', d.events, d.title ?? '']),
          ),
        );
      });
  },
};

export default docsCommand;
