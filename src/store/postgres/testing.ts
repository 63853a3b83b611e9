/**
 * Test helpers for the PostgreSQL driver: the test server comes from
 * ANNALS_TEST_PG (e.g. postgres://annals:annals@127.0.0.1:5432/annals_test);
 * tests skip with a visible reason when it is unset or unreachable. Each test
 * store lives in a fresh schema of its own, dropped when it is closed, so test
 * files can run in parallel against one database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPostgresStore, type PostgresStore } from './postgres-store.js';
import { redactUrl } from './connect.js';

export const TEST_PG_URL = process.env.ANNALS_TEST_PG ?? '';

/** Why the PostgreSQL tests cannot run here, or false when they can. */
export async function pgSkipReason(url = TEST_PG_URL): Promise<string | false> {
  if (!url) return 'needs a PostgreSQL server: set ANNALS_TEST_PG=postgres://user:password@host:port/database';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return false;
  } catch (e) {
    return `PostgreSQL at ${redactUrl(url)} unreachable (${(e as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

export function freshSchemaName(prefix = 'annals_test'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** A store in a schema of its own; close() drops the schema. */
export function createTestPgStore(url = TEST_PG_URL): PostgresStore {
  const store = createPostgresStore(url, { schema: freshSchemaName() });
  const close = store.close.bind(store);
  store.close = async () => {
    try {
      await store.dropSchema();
    } finally {
      await close();
    }
  };
  return store;
}
