/**
 * The API under concurrent load on loopback: the server of src/server on
 * 127.0.0.1 (a free port), a bounded number of requests from a fixed number
 * of concurrent clients (fetch), bounded in time as well.
 */
import { startServer } from '../src/server/serve.ts';
import type { Store } from '../src/store/store.ts';
import { latencySummary } from './measure.ts';
import { createRandom } from '../src/core/random.ts';
import { ACTORS, actorCode, WORDS } from './stores.ts';

export interface ApiReport {
  path: string;
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

export async function apiLoad(
  store: Store,
  paths: Array<() => string>,
  options: { concurrency?: number; requests?: number; maxSeconds?: number } = {},
): Promise<ApiReport[]> {
  const server = await startServer({ store, port: 0, host: '127.0.0.1', corrections: null });
  const concurrency = options.concurrency ?? 16;
  const total = options.requests ?? 2000;
  const out: ApiReport[] = [];
  try {
    for (const path of paths) {
      // warm-up
      for (let i = 0; i < 10; i++) await (await fetch(new URL(path(), server.url))).arrayBuffer();
      const times: number[] = [];
      let errors = 0;
      let sent = 0;
      const t0 = performance.now();
      const deadline = t0 + (options.maxSeconds ?? 30) * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (sent < total && performance.now() < deadline) {
            sent++;
            const s = performance.now();
            try {
              const r = await fetch(new URL(path(), server.url));
              await r.arrayBuffer();
              if (!r.ok) errors++;
            } catch {
              errors++;
            }
            times.push(performance.now() - s);
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const l = latencySummary(times);
      out.push({ path: path(), requests: times.length, errors, seconds, perSecond: times.length / seconds, p50: l.p50, p95: l.p95, p99: l.p99 });
    }
  } finally {
    await server.close();
  }
  return out;
}

/** The read endpoints measured: health, a random dyad's timeline page, a one-word search. */
export function apiPaths(): Array<() => string> {
  const rnd = createRandom(11);
  const pick = (n: number) => Math.floor(rnd() * n);
  const pair = () => {
    const a = pick(ACTORS);
    return [actorCode(a), actorCode((a + 1 + pick(ACTORS - 1)) % ACTORS)];
  };
  return [
    () => '/api/health',
    () => {
      const [a, b] = pair();
      return `/api/events?dyad=${a},${b}&sort=date&limit=100&fields=brief`;
    },
    () => `/api/search?q=${encodeURIComponent(WORDS[pick(200)])}`,
  ];
}
