import { InvalidArgumentError } from 'commander';
import type { IngestProgress } from '../../app/ingest.js';
import { displayLocation } from '../../app/open-store.js';
import type { CommandSpec } from '../context.js';

const ingestCommand: CommandSpec = {
  register(program, ctx) {
    program
      .command('ingest')
      .description('read files, folders or globs, find their events and store them (already stored files are skipped)')
      .argument('<paths...>', 'files, folders (read recursively) or globs such as "corpus/**/*.xml"')
      .option('--replace', 're-read and re-annotate files already stored')
      .option('--quiet', 'no progress line, no summary')
      .option('--workers <n>', 'read and annotate in n worker threads (one writer, batched transactions)', (v) => {
        if (!/^[1-9]\d{0,2}$/.test(v)) throw new InvalidArgumentError('a number of threads, 1 to 999');
        return Number(v);
      })
      .option('--defer-indexes', 'set the query indexes aside while loading and build them at the end (default: for 1,000 files or more, when at least as many as are stored)')
      .option('--no-defer-indexes', 'keep every index up to date as documents are saved')
      .action(async (paths: string[], opts: { replace?: boolean; quiet?: boolean; workers?: number; deferIndexes?: boolean }, cmd) => {
        const tty = ctx.io.stderr.isTTY === true && !opts.quiet;
        const clear = () => tty && ctx.io.stderr.write('\r\x1b[2K');
        const onProgress = (p: IngestProgress) => {
          if (p.phase === 'start') {
            if (tty) {
              clear();
              const width = Math.max(20, (ctx.io.stderr.columns ?? 80) - 12);
              const name = p.path.length > width ? '…' + p.path.slice(-(width - 1)) : p.path;
              ctx.io.stderr.write(`[${p.index}/${p.total}] ${name}`);
            }
          } else if (p.error) {
            clear();
            ctx.err(p.error);
          }
        };
        // loaded here: the readers and the pipeline are only needed to ingest
        const { ingest } = await import('../../app/ingest.js');
        const { dictionaryOptionsFor } = await import('../../app/dictionaries.js');
        const summary = await ctx.withStore(
          cmd,
          async (store, path) => {
            // dictionaries registered with the store (annals dict import) and in ANNALS_DICTIONARIES
            const dicts = await dictionaryOptionsFor(path, { env: ctx.io.env, cwd: ctx.io.cwd });
            dicts.warnings.forEach((w) => ctx.err(w));
            const s = await ingest(paths, { store, onProgress, replace: opts.replace, cwd: ctx.io.cwd, workers: opts.workers, dictionaries: dicts.options,
              deferIndexes: opts.deferIndexes,
              onNote: (line) => {
                if (opts.quiet) return;
                clear();
                ctx.err(line);
              },
            });
            const counts = await store.counts();
            clear();
            if (!opts.quiet) {
              const replaced = s.replaced ? `, ${s.replaced} replaced` : '';
              await ctx.out(
                `ingested ${s.added} document${s.added === 1 ? '' : 's'}${replaced}, skipped ${s.skipped} already stored, ${s.failed} failed\n` +
                  `found ${s.events} events and ${s.actors} actors in them\n` +
                  `store ${displayLocation(path)}: ${counts.documents} documents, ${counts.events} events, ${counts.actors} actors\n`,
              );
            }
            return s;
          },
          { create: true, bulkWrite: true },
        );
        if (summary.failed > 0) ctx.exitCode = 1;
      });
  },
};

export default ingestCommand;
