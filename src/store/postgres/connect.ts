/**
 * Connections to PostgreSQL: a postgres:// URL, with an optional `schema`
 * query parameter naming the schema the store lives in (default public), so
 * several stores (or tests) can share one database. Passwords never appear in
 * messages.
 */
import pg from 'pg';
import { AnnalsError } from '../../core/errors.js';

export interface PgLocation {
  /** The URL as given to the pg client (without our own parameters). */
  connectionString: string;
  schema: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*):[^@/]*@/, '$1:…@');
}

export function parsePgLocation(url: string, schema?: string): PgLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AnnalsError('E020', 'not a valid postgres:// URL', redactUrl(url));
  }
  const fromUrl = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const chosen = schema ?? fromUrl ?? 'public';
  if (!SCHEMA_NAME.test(chosen)) {
    throw new AnnalsError('E020', `schema name must be lower-case letters, digits and _ (got ${JSON.stringify(chosen)})`, redactUrl(url));
  }
  return { connectionString: parsed.toString(), schema: chosen };
}

/** Integers (count(*), BIGINT day keys) come back as numbers: every value the store keeps fits in 2^53. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 && format !== 'binary') return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export function createPool(location: PgLocation, max = 4): pg.Pool {
  const pool = new pg.Pool({
    connectionString: location.connectionString,
    max,
    // every connection works in the store's schema (public still reachable for unaccent);
    // no JIT compilation: the store's queries are short, and a plan whose estimated cost passes
    // jit_above_cost (a dyad timeline's generic plan at 10 M events: the planner cannot know how
    // few events an actor's ids will find) would spend ~100 ms compiling at every execution
    options: `-c search_path=${location.schema},public -c jit=off`,
    types,
    connectionTimeoutMillis: 10_000,
  });
  // an idle connection dropped by the server must not bring the process down
  pool.on('error', () => {});
  return pool;
}

/** A connection failure as AnnalsError E002 naming the (redacted) URL. */
export function connectionError(e: unknown, url: string): AnnalsError {
  return new AnnalsError('E002', `cannot open the store: ${(e as Error)?.message ?? String(e)}`, redactUrl(url));
}

/** Errors worth retrying a whole transaction for: deadlock, serialization failure. */
export function isRetryable(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === '40P01' || code === '40001';
}
