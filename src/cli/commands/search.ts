import { searchDocuments } from '../../app/queries.js';
import type { CommandSpec } from '../context.js';
import { positiveInt } from '../filters.js';
import { formatTable } from '../table.js';

const searchCommand: CommandSpec = {
  register(program, ctx) {
    program
      .command('search')
      .description('documents whose title or text hold all the given words (accents ignored: "zeri" finds "Zëri")')
      .argument('<words...>', 'words to look for')
      .option('--limit <n>', 'at most n documents', positiveInt('--limit'), 20)
      .option('--json', 'JSON instead of a table')
      .action(async (words: string[], opts: { limit: number; json?: boolean }, cmd) => {
        const hits = await ctx.withStore(cmd, (store) => searchDocuments(store, words.join(' '), opts.limit));
        if (opts.json) return ctx.out(JSON.stringify(hits, null, 2) + '\n');
        if (!hits.length) return ctx.out('no documents\n');
        await ctx.out(
          formatTable(
            [{ header: 'id', max: 12 }, { header: 'name', max: 36 }, { header: 'excerpt', max: 90 }],
            hits.map((h) => [h.docId.slice(0, 12), h.docName, h.snippet]),
          ),
        );
      });
  },
};

export default searchCommand;
