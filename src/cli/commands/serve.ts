import { randomBytes } from 'node:crypto';
import { AnnalsError } from '../../core/errors.js';
import { openStore } from '../../app/open-store.js';
import type { RunningServer } from '../../server/serve.js';
import type { CommandSpec } from '../context.js';

export interface ServeCliOptions {
  port?: string;
  host?: string;
  token?: string;
  writable?: boolean;
}

const TOKEN_RE = /^[A-Za-z0-9._~-]{16,200}$/;

/** The write token: --token, else ANNALS_TOKEN, else a fresh one with --writable, else none (read-only). */
export function chooseToken(opts: ServeCliOptions, env: NodeJS.ProcessEnv): string | null {
  const given = opts.token ?? env.ANNALS_TOKEN ?? null;
  if (given !== null) {
    if (!TOKEN_RE.test(given)) throw new AnnalsError('E020', 'the token must be 16 to 200 characters from A-Z a-z 0-9 . _ ~ -', '--token');
    return given;
  }
  return opts.writable ? randomBytes(24).toString('base64url') : null;
}

export function parsePort(v: string | undefined): number {
  if (v === undefined) return 8470;
  if (!/^\d{1,5}$/.test(v) || Number(v) > 65535) throw new AnnalsError('E020', 'the port must be a number from 0 to 65535', '--port');
  return Number(v);
}

const serveCommand: CommandSpec = {
  register(program, ctx) {
    program
      .command('serve')
      .description('start the web app and the JSON API on 127.0.0.1 (read-only unless a token is given)')
      .option('--port <n>', 'port to listen on (0: any free port)', '8470')
      .option('--host <address>', 'address to listen on; anything but loopback lets other machines read the store', '127.0.0.1')
      .option('--token <token>', 'allow corrections with this bearer token (or set ANNALS_TOKEN)')
      .option('--writable', 'allow corrections with a fresh random token, printed in the address')
      .action(async (opts: ServeCliOptions, cmd) => {
        const token = chooseToken(opts, ctx.io.env);
        const port = parsePort(opts.port);
        const host = opts.host ?? '127.0.0.1';
        const path = ctx.dbPath(cmd);
        // the server and its libraries load only for this command
        const { openCorrectionStore } = await import('../../app/corrections-open.js');
        const { startServer, exposureNote } = await import('../../server/serve.js');
        const store = await openStore(path, { mustExist: true });
        let corrections;
        try {
          corrections = await openCorrectionStore(path);
        } catch (e) {
          await store.close();
          throw e;
        }
        let server: RunningServer;
        try {
          server = await startServer({ store, corrections, token, host, port, version: program.version() ?? undefined });
        } catch (e) {
          await corrections.close();
          await store.close();
          throw new AnnalsError('E020', `cannot listen on ${host}:${port}: ${(e as Error).message}`, `${host}:${port}`);
        }
        const note = exposureNote(host, token);
        if (note) ctx.err(`warning: ${note}`);
        await ctx.out(`annals is serving ${path.replace(/(\/\/[^:/@]*):[^@/]*@/, '$1:…@')} at ${server.url}${token ? `#token=${token}` : ''}\n`);
        await ctx.out(token ? 'corrections are allowed with the token in that address (keep it private)\n' : 'read-only: start with --writable or --token to make corrections\n');
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
        await corrections.close();
        await store.close();
      });
  },
};

export default serveCommand;
