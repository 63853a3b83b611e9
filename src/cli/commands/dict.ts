import { Option } from 'commander';
import { isAnnalsError } from '../../core/errors.js';
import type { DictionaryCheck, DictionaryKind } from '../../app/dictionaries.js';
import type { CliContext, CommandSpec } from '../context.js';
import { formatTable } from '../table.js';

const KINDS = ['actors', 'agents', 'verbs', 'user'];
const kindOption = () =>
  new Option('--kind <kind>', 'actors, agents or verbs (PETRARCH/Phoenix), or user (JSON actor file); found from the content and name when not given').choices(KINDS);

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

/** "actors (detected), 3 entries, 5 names, 2 dated roles" */
function describe(c: DictionaryCheck): string {
  const parts = [`${c.kind}${c.detected ? ' (detected)' : ''}`, plural(c.entries, c.kind === 'verbs' ? 'verb block' : 'entry', c.kind === 'verbs' ? 'verb blocks' : 'entries')];
  parts.push(plural(c.names, c.kind === 'verbs' ? 'verb' : 'name'));
  if (c.kind === 'verbs') parts.push(plural(c.patterns ?? 0, 'pattern'), plural(c.synsets ?? 0, 'synonym set'));
  else if (c.kind !== 'agents') parts.push(plural(c.datedRoles, 'dated role'));
  return parts.join(', ');
}

/** Run fn on each file; an error on one is reported as one line and the others still run. */
async function each<T>(ctx: CliContext, files: string[], fn: (f: string) => Promise<T> | T): Promise<T[]> {
  const out: T[] = [];
  for (const f of files) {
    try {
      out.push(await fn(f));
    } catch (e) {
      if (!isAnnalsError(e)) throw e;
      ctx.err(e.toLine());
      ctx.exitCode = 1;
    }
  }
  return out;
}

const dictCommand: CommandSpec = {
  register(program, ctx) {
    const dict = program
      .command('dict')
      .description('check dictionaries and register them with the store: PETRARCH/Phoenix actors, agents and verbs, and JSON actor files');

    dict
      .command('check')
      .description('validate dictionaries: what they hold, and every malformed line as file:line: message (exit 1 when any)')
      .argument('<files...>', 'dictionary files (a folder: its JSON actor files)')
      .addOption(kindOption())
      .option('--json', 'JSON instead of text')
      .action(async (files: string[], opts: { kind?: DictionaryKind; json?: boolean }) => {
        const { checkDictionary, formatProblem } = await import('../../app/dictionaries.js');
        const checks = await each(ctx, files, (f) => ({ shown: f, ...checkDictionary(f, { kind: opts.kind, cwd: ctx.io.cwd }) }));
        if (checks.some((c) => c.problems.length)) ctx.exitCode = 1;
        if (opts.json) return ctx.out(JSON.stringify(checks.map(({ shown: _, ...c }) => c), null, 2) + '\n');
        for (const c of checks) {
          const bad = c.problems.length ? plural(c.problems.length, 'malformed line') : 'no malformed lines';
          await ctx.out(`${c.shown}: ${describe(c)}; ${bad}\n`);
          for (const p of c.problems) await ctx.out(formatProblem(p) + '\n');
        }
      });

    dict
      .command('import')
      .description('register dictionaries with the store: every later ingest and worker into it loads them (the files stay where they are)')
      .argument('<files...>', 'dictionary files (a folder: its JSON actor files)')
      .addOption(kindOption())
      .action(async (files: string[], opts: { kind?: DictionaryKind }, cmd) => {
        const { importDictionaries } = await import('../../app/dictionaries.js');
        const location = ctx.dbPath(cmd);
        const results = await importDictionaries(location, files, { kind: opts.kind, cwd: ctx.io.cwd });
        for (const r of results) {
          const skipped = r.problems.length ? ` (${plural(r.problems.length, 'malformed line')} skipped: annals dict check lists them)` : '';
          await ctx.out(`${r.outcome === 'added' ? 'imported' : 're-imported'} ${r.file}: ${describe(r)}${skipped}\n`);
        }
        const documents = await ctx.withStore(cmd, async (store) => (await store.counts()).documents);
        await ctx.out(`the built-in dictionaries with every registered one load in ${((results[0]?.loadMs ?? 0) / 1000).toFixed(1)} s (once per run and thread)\n`);
        if (documents) {
          const keep = documents === 1 ? '1 document already stored keeps its events' : `${documents} documents already stored keep their events`;
          await ctx.out(`${keep}: annals ingest --replace <paths> codes ${documents === 1 ? 'it' : 'them'} again with these dictionaries\n`);
        }
      });

    dict
      .command('list')
      .description('the dictionaries a run into the store loads: those registered, then those of ANNALS_DICTIONARIES=kind:path,... (exit 1 when one changed or went missing since import)')
      .option('--json', 'JSON instead of text')
      .action(async (opts: { json?: boolean }, cmd) => {
        const { listDictionaries } = await import('../../app/dictionaries.js');
        const list = await listDictionaries(ctx.dbPath(cmd), { env: ctx.io.env, cwd: ctx.io.cwd });
        if (opts.json) return ctx.out(JSON.stringify(list, null, 2) + '\n');
        if (!list.length) return ctx.out('no dictionaries registered: the built-in ones only (annals dict import <file> adds one)\n');
        const state = { ok: 'ok', changed: 'CHANGED since import', missing: 'MISSING', unchecked: 'from ANNALS_DICTIONARIES' };
        await ctx.out(
          formatTable(
            [{ header: 'kind' }, { header: 'entries', align: 'right' }, { header: 'imported' }, { header: 'state' }, { header: 'path' }],
            list.map((d) => [d.kind, d.registered?.entries ?? '', d.registered?.importedAt.slice(0, 16).replace('T', ' ') ?? '', state[d.state], d.path]),
          ),
        );
        if (list.some((d) => d.state === 'changed' || d.state === 'missing')) ctx.exitCode = 1;
      });

    dict
      .command('remove')
      .description('unregister dictionaries (by path, or by file name when only one has it); documents already stored keep their events')
      .argument('<files...>', 'registered dictionaries')
      .action(async (files: string[], _opts, cmd) => {
        const { removeDictionary } = await import('../../app/dictionaries.js');
        const location = ctx.dbPath(cmd);
        for (const f of files) {
          const removed = await removeDictionary(location, f, { cwd: ctx.io.cwd });
          if (removed) await ctx.out(`removed ${removed}\n`);
          else {
            ctx.err(`E021 ${f}: not a registered dictionary (annals dict list shows them)`);
            ctx.exitCode = 1;
          }
        }
      });
  },
};

export default dictCommand;
