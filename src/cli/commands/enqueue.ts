import { InvalidArgumentError } from 'commander';
import type { CommandSpec } from '../context.js';

function seconds(what: string) {
  return (v: string) => {
    if (!/^\d{1,7}$/.test(v)) throw new InvalidArgumentError(`${what}: a whole number`);
    return Number(v);
  };
}

const enqueueCommand: CommandSpec = {
  register(program, ctx) {
    program
      .command('enqueue')
      .description('put files on the PostgreSQL job queue for `annals worker` on any machine (paths on a folder every worker sees)')
      .argument('[paths...]', 'files, folders (read recursively) or globs')
      .option('--retries <n>', 'tries after a failure before the job is reported failed (default 3)', seconds('--retries'))
      .option('--retry-delay <seconds>', 'wait before the first retry, doubling after (default 10)', seconds('--retry-delay'))
      .option('--expire <seconds>', 'a job running longer counts as lost (its worker died) and is retried (default 900)', seconds('--expire'))
      .option('--replace', 're-read and re-annotate files already stored')
      .option('--status', 'print the jobs by state and the ones that failed for good (exit code 1 when some did)')
      .action(async (paths: string[], opts: { retries?: number; retryDelay?: number; expire?: number; replace?: boolean; status?: boolean }, cmd) => {
        const { openQueue, enqueue, queueStatus } = await import('../../app/queue.js');
        const { redactUrl } = await import('../../store/postgres/connect.js');
        const url = ctx.dbPath(cmd);
        if (!paths.length && !opts.status) {
          ctx.err('E020 enqueue: name files or folders to queue, or ask for --status');
          ctx.exitCode = 2;
          return;
        }
        const queue = await openQueue(url);
        try {
          if (paths.length) {
            const r = await enqueue(queue, paths, {
              cwd: ctx.io.cwd,
              retries: opts.retries,
              retryDelay: opts.retryDelay,
              expireSeconds: opts.expire,
              replace: opts.replace,
            });
            for (const e of r.errors) ctx.err(e);
            await ctx.out(`queued ${r.jobs} file${r.jobs === 1 ? '' : 's'} on ${redactUrl(url)} (queue schema ${queue.schema})\n`);
            if (r.errors.length) ctx.exitCode = 1;
          }
          if (opts.status) {
            const s = await queueStatus(queue);
            await ctx.out(
              `jobs: ${s.created} waiting, ${s.retry} waiting to retry, ${s.active} running, ${s.completed} done, ${s.failed} failed\n`,
            );
            for (const f of s.failures) await ctx.out(`failed after ${f.tries} tr${f.tries === 1 ? 'y' : 'ies'}: ${f.error}\n`);
            if (s.failed > 0) ctx.exitCode = 1;
          }
        } finally {
          await queue.close();
        }
      });
  },
};

export default enqueueCommand;
