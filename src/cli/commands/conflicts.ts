import { Option } from 'commander';
import { conflicts, withCorrections } from '../../app/analysis.js';
import type { CommandSpec } from '../context.js';
import { addFilterOptions, filterFrom } from '../filters.js';

const conflictsCommand: CommandSpec = {
  register(program, ctx) {
    const cmd = program
      .command('conflicts')
      .description('conflicting accounts: where documents or claimants disagree on the date, actors or kind of an event, side by side')
      .addOption(new Option('--kind <kind>', 'only conflicts on this').choices(['date', 'actor', 'kind', 'modality']))
      .option('--json', 'JSON instead of text');
    addFilterOptions(cmd, 'date').action(async (opts: Record<string, unknown>, command) => {
      const { knownAt, ...filter } = filterFrom(opts);
      let list = await ctx.withStore(command, (store, path) => withCorrections(path, (c) => conflicts(store, c, { filter, knownAt })));
      if (opts.kind) list = list.filter((c) => c.kind === opts.kind);
      if (opts.json) return ctx.out(JSON.stringify(list, null, 2) + '\n');
      const lines: string[] = [];
      for (const c of list) {
        const dyad = `${c.source?.name ?? '—'} → ${c.target?.name ?? '—'}`;
        lines.push(`${c.id}  ${c.kind} conflict, ${dyad}, ${c.code}  [${c.ruleId}, score ${c.score}]`);
        lines.push(`  ${c.reason}`);
        c.accounts.forEach((a, i) => {
          lines.push(`  ${String.fromCharCode(65 + i)}. ${a.value}  (merged event ${a.mergedId})`);
          for (const e of a.evidence) {
            const text = e.evidence.text.replace(/\s+/g, ' ');
            lines.push(`     asserted by ${e.assertedBy}, ${e.docName ?? e.docId} @${e.evidence.start}: “${text.length > 160 ? text.slice(0, 159) + '…' : text}”`);
          }
        });
        lines.push('');
      }
      lines.push(`${list.length} conflict${list.length === 1 ? '' : 's'}`);
      await ctx.out(lines.join('\n') + '\n');
    });
  },
};

export default conflictsCommand;
