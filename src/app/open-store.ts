/**
 * Which store to use and opening it. The store is the one named by --db, else
 * by the ANNALS_DB environment variable, else by DATABASE_URL when that is a
 * postgres:// URL, else annals.db in the current folder. A postgres:// URL opens
 * the PostgreSQL driver (src/store/postgres/); anything else is a SQLite file.
 */
import { resolve } from 'node:path';
import { AnnalsError } from '../core/errors.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';

export const DEFAULT_DB = 'annals.db';

export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const fromUrl = env.DATABASE_URL && /^postgres(ql)?:\/\//i.test(env.DATABASE_URL) ? env.DATABASE_URL : undefined;
  const chosen = flag || env.ANNALS_DB || fromUrl || DEFAULT_DB;
  return chosen === ':memory:' || isUrl(chosen) ? chosen : resolve(cwd, chosen);
}

export function isUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}

/** The store's location as it may be shown: a URL's password replaced by "…". */
export function displayLocation(location: string): string {
  return isUrl(location) ? location.replace(/(\/\/[^:/@]*):[^@/]*@/, '$1:…@') : location;
}

export interface OpenOptions {
  /** Refuse to create a missing store (for commands that only read). */
  mustExist?: boolean;
  /** The command mostly writes (ingestion): a SQLite store is opened without a memory map. */
  bulkWrite?: boolean;
}

/** Open the store and bring its schema up to date (E010 when it is newer than this annals). */
export async function openStore(path: string, options: OpenOptions = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(path)) {
    const { openPostgresStore } = await import('../store/postgres/postgres-store.js');
    return openPostgresStore(path, { mustExist: options.mustExist });
  }
  if (isUrl(path)) {
    const scheme = path.slice(0, path.indexOf(':'));
    throw new AnnalsError('E020', `no store driver for "${scheme}" URLs in this version (a SQLite file path or a postgres:// URL works)`, path.replace(/\/\/[^@/]*@/, '//…@'));
  }
  return openSqliteStore(path, { mustExist: options.mustExist, ...(options.bulkWrite ? { mmapBytes: 0 } : {}) });
}
