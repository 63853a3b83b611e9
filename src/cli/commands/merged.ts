import { mergedEvents, withCorrections } from '../../app/analysis.js';
import type { MergedEvent } from '../../analysis/merge.js';
import type { CommandSpec } from '../context.js';
import { addFilterOptions, filterFrom, positiveInt } from '../filters.js';
import { formatTable } from '../table.js';
import { AnnalsError } from '../../core/errors.js';

function describe(m: MergedEvent): string {
  const out: string[] = [];
  out.push(`${m.id}: ${who(m.source)} → ${who(m.target)}, ${m.code}, ${m.date?.value ?? 'undated'}${m.date ? ` (${m.date.earliest} … ${m.date.latest})` : ''}, ${m.modality}`);
  out.push(`  ${m.members.length} mention${m.members.length === 1 ? '' : 's'} in ${m.documents} document${m.documents === 1 ? '' : 's'}; weakest rule ${m.ruleId}, score ${m.score}${m.decided ? '; shaped by a reviewer decision' : ''}`);
  out.push('', 'members:');
  m.members.forEach((e, i) => {
    const l = m.links[i];
    out.push(`  ${e.id}  ${e.docName ?? e.docId} @${e.evidence.start}–${e.evidence.end}  ${e.code} ${e.date?.value ?? 'undated'}  asserted by ${e.claimant?.name ?? 'author'}${e.modality !== 'asserted' ? ` (${e.modality})` : ''}`);
    out.push(`    “${e.evidenceText.replace(/\s+/g, ' ')}”`);
    if (l) out.push(`    joined by ${l.ruleId}, score ${l.score}: ${l.reasons.join('; ')}`);
  });
  if (m.disagreements.length) {
    out.push('', 'members disagree on:');
    for (const d of m.disagreements) out.push(`  ${d.field}${d.contradictory ? ' (contradictory)' : ''}: ${d.values.map((v) => `${v.value} [${v.eventIds.length}]`).join(' | ')}`);
  }
  if (m.candidates.length) out.push('', `may also belong to: ${m.candidates.join(', ')} (annals merge … to join them)`);
  return out.join('\n') + '\n';
}

function who(a: MergedEvent['source']): string {
  return a ? `${a.name}${a.country ? ` (${a.country})` : ''}` : '—';
}

const mergedCommand: CommandSpec = {
  register(program, ctx) {
    const cmd = program
      .command('merged')
      .description('merged events: the mentions of one real-world event joined, with the rule and score that joined them')
      .option('--restated', 'only merged events told more than once')
      .option('--show <id>', 'one merged event in full (or the one holding this event id): every member, the rule, score and reasons that joined it, disagreements')
      .option('--limit <n>', 'at most n merged events', positiveInt('--limit'))
      .option('--json', 'JSON instead of a table');
    addFilterOptions(cmd, 'date').action(async (opts: Record<string, unknown>, command) => {
      const filter = filterFrom(opts);
      const { knownAt, ...rest } = filter;
      const r = await ctx.withStore(command, (store, path) => withCorrections(path, (c) => mergedEvents(store, c, { filter: rest, knownAt })));
      if (opts.show) {
        const id = String(opts.show);
        const m = r.merged.find((x) => x.id === id || x.id.startsWith(id) || x.members.some((e) => e.id === id || (id.length >= 4 && e.id.startsWith(id))));
        if (!m) throw new AnnalsError('E021', `no merged event ${id}`, id);
        if (opts.json) return ctx.out(JSON.stringify(m, null, 2) + '\n');
        return ctx.out(describe(m));
      }
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
