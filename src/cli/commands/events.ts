import { queryEvents } from '../../app/queries.js';
import type { StoredEvent } from '../../store/store.js';
import type { CommandSpec } from '../context.js';
import { addFilterOptions, filterFrom, positiveInt } from '../filters.js';
import { formatTable } from '../table.js';

function actor(a: StoredEvent['source']): string {
  return a ? `${a.name}${a.country ? ` (${a.country})` : ''}` : '—';
}

const eventsCommand: CommandSpec = {
  register(program, ctx) {
    const cmd = program
      .command('events')
      .description('list events, filtered by actor, dyad, code, dates, document or modality')
      .option('--limit <n>', 'at most n events', positiveInt('--limit'))
      .option('--offset <n>', 'skip the first n events', positiveInt('--offset'))
      .option('--json', 'JSON (one array of full events) instead of a table');
    addFilterOptions(cmd, 'date').action(async (opts: Record<string, unknown>, command) => {
      const filter = { ...filterFrom(opts), limit: opts.limit as number | undefined, offset: opts.offset as number | undefined };
      const events = await ctx.withStore(command, (store) => queryEvents(store, filter));
      if (opts.json) return ctx.out(JSON.stringify(events, null, 2) + '\n');
      if (!events.length) return ctx.out('no events\n');
      await ctx.out(
        formatTable(
          [
            { header: 'id', max: 10 },
            { header: 'date', max: 22 },
            { header: 'code' },
            { header: 'source', max: 28 },
            { header: 'target', max: 28 },
            { header: 'modality' },
            { header: 'doc', max: 24 },
            { header: 'evidence', max: 60 },
          ],
          events.map((e) => [e.id.slice(0, 10), e.date?.value ?? '', e.code, actor(e.source), actor(e.target), e.modality, e.docName, e.evidenceText]),
        ) + `${events.length} event${events.length === 1 ? '' : 's'}\n`,
      );
    });
  },
};

export default eventsCommand;
