/**
 * A store in a temporary folder, filled with `annals ingest`'s use case and
 * served on a random loopback port with a write token: what the browser tests,
 * the screenshots and the UI benchmark start from.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest, openStore } from '../../src/app/index.js';
import { createSqliteCorrectionStore } from '../../src/app/corrections-sqlite.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import type { Store } from '../../src/store/store.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLES = path.join(REPO, 'examples');
export const TOKEN = 'e2e-token-0123456789abcdef';

export interface Served {
  dir: string;
  dbPath: string;
  store: Store;
  server: RunningServer;
  /** The address with the token in its fragment (review mode). */
  writeUrl: string;
  close(): Promise<void>;
}

/** Ingest `inputs` (files or folders) into a fresh store and serve it; `fill` may add rows first. */
export async function serveInputs(inputs: string[], fill?: (store: Store) => Promise<void>): Promise<Served> {
  const dir = mkdtempSync(path.join(tmpdir(), 'annals-e2e-'));
  const dbPath = path.join(dir, 'annals.db');
  const store = await openStore(dbPath);
  if (inputs.length) {
    const summary = await ingest(inputs, { store, cwd: REPO });
    if (summary.failed) throw new Error(`ingest failed: ${summary.errors.join('; ')}`);
  }
  if (fill) await fill(store);
  const corrections = createSqliteCorrectionStore(dbPath);
  const server = await startServer({ store, corrections, token: TOKEN, host: '127.0.0.1', port: 0 });
  return {
    dir,
    dbPath,
    store,
    server,
    writeUrl: `${server.url}#token=${TOKEN}`,
    async close() {
      await server.close();
      corrections.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
