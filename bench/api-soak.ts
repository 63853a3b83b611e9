/**
 * Memory of the API server under sustained concurrent load: a 100,000-event
 * SQLite store served on loopback, ROUNDS rounds of the read endpoints under
 * 100 concurrent clients; heap and RSS printed after each round (after a
 * garbage collection). Figures only.
 *   node --expose-gc --import tsx bench/api-soak.ts [--rounds 8] [--events 100000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiLoad, apiPaths } from './api.ts';
import { loadSqlite } from './stores.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { mib } from './measure.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rounds = arg('rounds', 8);
const events = arg('events', 100_000);
const dir = mkdtempSync(join(tmpdir(), 'annals-soak-'));
try {
  const file = join(dir, 'soak.db');
  await loadSqlite(file, events, () => {});
  const store = await openSqliteStore(file);
  const gc = (globalThis as { gc?: () => void }).gc;
  try {
    for (let r = 1; r <= rounds; r++) {
      const reports = await apiLoad(store, apiPaths(), { concurrency: 100, requests: 3000 });
      gc?.();
      const m = process.memoryUsage();
      const errors = reports.reduce((a, x) => a + x.errors, 0);
      const rps = reports.map((x) => Math.round(x.perSecond)).join(' / ');
      console.log(`round ${r}: ${reports.reduce((a, x) => a + x.requests, 0)} requests, ${errors} errors, req/s ${rps}; heap ${mib(m.heapUsed)}, RSS ${mib(m.rss)}`);
    }
  } finally {
    await store.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
