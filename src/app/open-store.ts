/**
 * Which store to use and opening it. The store is a SQLite file: the one named
 * by --db, else by the ANNALS_DB environment variable, else annals.db in the
 * current folder.
 */
import { resolve } from 'node:path';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';

export const DEFAULT_DB = 'annals.db';

export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const chosen = flag || env.ANNALS_DB || DEFAULT_DB;
  return chosen === ':memory:' ? chosen : resolve(cwd, chosen);
}

export interface OpenOptions {
  /** Refuse to create a missing store (for commands that only read). */
  mustExist?: boolean;
}

/** Open the store and bring its schema up to date (E010 when it is newer than this annals). */
export function openStore(path: string, options: OpenOptions = {}): Promise<Store> {
  return openSqliteStore(path, { mustExist: options.mustExist });
}
