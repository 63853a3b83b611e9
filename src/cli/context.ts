/**
 * What every command gets: the output streams, the environment, the store
 * chosen by --db / ANNALS_DB / annals.db, and the exit code to return.
 */
import type { Command } from 'commander';
import { openStore, resolveDbPath } from '../app/open-store.js';
import type { Store } from '../store/store.js';

export interface OutStream {
  write(chunk: string): boolean | void;
  once?(event: 'drain', fn: () => void): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIO(): CliIO {
  // A reader that stops early (`annals export | head`) closes the pipe: stop quietly, as Unix tools do.
  process.stdout.once('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

export class CliContext {
  /** The exit code main() returns: 0 unless a command says otherwise. */
  exitCode = 0;

  constructor(readonly io: CliIO) {}

  /** Write to stdout, waiting when the reader is slower (large exports). */
  async out(chunk: string): Promise<void> {
    if (this.io.stdout.write(chunk) === false && this.io.stdout.once) {
      await new Promise<void>((resolve) => this.io.stdout.once!('drain', resolve));
    }
  }

  /** One line to stderr. */
  err(line: string): void {
    this.io.stderr.write(line + '\n');
  }

  dbPath(cmd: Command): string {
    return resolveDbPath(cmd.optsWithGlobals().db as string | undefined, this.io.env, this.io.cwd);
  }

  /** Open the store for a command, run `fn`, close it. Reading commands refuse a store that does not exist. */
  async withStore<T>(cmd: Command, fn: (store: Store, path: string) => Promise<T>, options: { create?: boolean; bulkWrite?: boolean } = {}): Promise<T> {
    const path = this.dbPath(cmd);
    const store = await openStore(path, { mustExist: !options.create, bulkWrite: options.bulkWrite });
    try {
      return await fn(store, path);
    } finally {
      await store.close();
    }
  }
}

/** A command of the CLI: defines itself (arguments, options, action) on the program. */
export interface CommandSpec {
  register(program: Command, ctx: CliContext): void;
}
