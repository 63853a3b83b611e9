/**
 * Which store to use and opening it. The store is a SQLite file: the one named
 * by --db, else by the ANNALS_DB environment variable, else annals.db in the
 * current folder. A URL (scheme://…) names a server database and is passed on
 * as it is.
 */
import { resolve } from 'node:path';
import { AnnalsError } from '../core/errors.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';

export const DEFAULT_DB = 'annals.db';

export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const chosen = flag || env.ANNALS_DB || DEFAULT_DB;
  return chosen === ':memory:' || isUrl(chosen) ? chosen : resolve(cwd, chosen);
}

export function isUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}

export interface OpenOptions {
  /** Refuse to create a missing store (for commands that only read). */
  mustExist?: boolean;
}

/** Open the store and bring its schema up to date (E010 when it is newer than this annals). */
export async function openStore(path: string, options: OpenOptions = {}): Promise<Store> {
  if (isUrl(path)) {
    const scheme = path.slice(0, path.indexOf(':'));
    throw new AnnalsError('E020', `no store driver for "${scheme}" URLs in this version (a SQLite file path works)`, path.replace(/\/\/[^@/]*@/, '//…@'));
  }
  return openSqliteStore(path, { mustExist: options.mustExist });
}
