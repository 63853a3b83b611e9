/**
 * The `annals` command line: main(argv) builds the program from the command
 * registry, runs it and returns the exit code (0 ok, 1 something failed,
 * 2 the command line itself was wrong). Every error is one line with a code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { isAnnalsError } from '../core/errors.js';
import { DEFAULT_DB } from '../app/open-store.js';
import { CliContext, processIO, type CliIO } from './context.js';
import { COMMANDS } from './commands/index.js';

function version(): string {
  try {
    return JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

export async function createProgram(ctx: CliContext): Promise<Command> {
  const program = new Command('annals')
    .description('Source-cited, time-aware records of events between states, read from documents')
    .version(version())
    .option('--db <path>', `the store: a SQLite file or a postgres:// URL (default: $ANNALS_DB, else a postgres:// $DATABASE_URL, else ${DEFAULT_DB} in the current folder)`)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void ctx.io.stdout.write(s),
      writeErr: (s) => void ctx.io.stderr.write(s),
      outputError: (s, write) => write(`E020 ${s.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(run annals --help for usage)');
  for (const load of COMMANDS) (await load()).default.register(program, ctx);
  return program;
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const ctx = new CliContext(io);
  try {
    const program = await createProgram(ctx);
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (isAnnalsError(e)) {
      ctx.err(e.toLine());
      return 1;
    }
    ctx.err(`E099 internal error: ${(e as Error)?.stack ?? String(e)}`);
    return 1;
  }
}
