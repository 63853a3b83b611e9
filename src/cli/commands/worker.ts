import { InvalidArgumentError } from 'commander';
import type { CommandSpec } from '../context.js';

function count(what: string, min = 1) {
  return (v: string) => {
    if (!/^\d{1,4}$/.test(v) || Number(v) < min) throw new InvalidArgumentError(`${what}: a whole number, at least ${min}`);
    return Number(v);
  };
}

const workerCommand: CommandSpec = {
  register(program, ctx) {
    program
      .command('worker')
      .description('take files from the PostgreSQL job queue (annals enqueue), find their events and store them; run on any number of machines')
      .option('--threads <n>', 'jobs at once, each in a worker thread (default: 1 job at a time in this thread)', count('--threads'))
      .option('--until-empty', 'stop when no job is waiting, retrying or running')
      .option('--maintenance <seconds>', 'how often to look for jobs of dead workers (default 30)', count('--maintenance'))
      .option('--quiet', 'no line per job')
      .action(async (opts: { threads?: number; untilEmpty?: boolean; maintenance?: number; quiet?: boolean }, cmd) => {
        const { openQueue, runWorker, pendingJobs } = await import('../../app/queue.js');
        const { openStore } = await import('../../app/open-store.js');
        const url = ctx.dbPath(cmd);
        // dictionaries registered with the store (annals dict import) and in ANNALS_DICTIONARIES
        const dicts = await (await import('../../app/dictionaries.js')).dictionaryOptionsFor(url, { env: ctx.io.env, cwd: ctx.io.cwd });
        dicts.warnings.forEach((w) => ctx.err(w));
        // loaded before anything opens, so a dictionary that cannot load stops the worker at once
        const resources = opts.threads ? undefined : (await import('../../pipeline/pipeline.js')).loadResources(dicts.options);
        const queue = await openQueue(url, { maintenanceSeconds: opts.maintenance });
        let store;
        try {
          store = await openStore(url);
        } catch (e) {
          await queue.close();
          throw e;
        }
        const pool = opts.threads ? (await import('../../pipeline/pool.js')).createPipelinePool({ threads: opts.threads, resources: dicts.options }) : undefined;
        let failed = 0;
        const worker = await runWorker(queue, store, {
          concurrency: opts.threads ?? 1,
          pool,
          resources,
          onEvent: (e) => {
            if (e.phase === 'failed') {
              failed++;
              ctx.err(`job ${e.job} failed (to be retried unless out of tries): ${e.error}`);
            } else if (!opts.quiet) {
              void ctx.out(`job ${e.job} ${e.phase} ${e.uri}${e.events !== undefined ? ` ${e.events} events` : ''}\n`);
            }
          },
        });
        let stopping = false;
        const done = new Promise<void>((resolve) => {
          const stop = () => {
            if (!stopping) {
              stopping = true;
              resolve();
            }
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          if (opts.untilEmpty) {
            const timer = setInterval(async () => {
              try {
                if ((await pendingJobs(queue)) === 0) {
                  clearInterval(timer);
                  stop();
                }
              } catch (e) {
                ctx.err(`E002 queue: ${(e as Error).message}`);
              }
            }, 1000);
          }
        });
        await done;
        await worker.stop();
        await queue.close();
        await pool?.close();
        await store.close();
        if (!opts.quiet) await ctx.out(`worker stopped${failed ? ` (${failed} failed tries)` : ''}\n`);
      });
  },
};

export default workerCommand;
