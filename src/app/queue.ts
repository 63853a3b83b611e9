/**
 * Ingestion spread over machines: a job queue kept in the PostgreSQL store's
 * database by pg-boss. `enqueue` puts one job per file (absolute paths, so the
 * files must be on a folder every worker machine sees at the same path);
 * `runWorker` takes jobs on any number of machines and saves what it finds in
 * the store.
 *
 * - A job that fails is retried (retryLimit, with a growing delay) and then
 *   stays in state "failed" with its error line, listed by queueStatus().
 * - A job whose worker died stays "active" until it expires (expireInSeconds)
 *   and is then retried by another worker: the maintenance that expires jobs
 *   runs in every worker (one at a time across the database).
 * - Re-running an ingested document adds nothing: a job first checks the
 *   document id (sha256 of the bytes) in the store; a document saved twice at
 *   once is stored once (the store locks it by id).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import PgBoss from 'pg-boss';
import { AnnalsError } from '../core/errors.js';
import { contentId, readDocument } from '../formats/index.js';
import { annotate, loadResources, type Resources } from '../pipeline/pipeline.js';
import type { PipelinePool } from '../pipeline/pool.js';
import { isPostgresUrl, parsePgLocation, redactUrl } from '../store/postgres/connect.js';
import type { Store } from '../store/store.js';
import { errorLine } from './ingest.js';
import { expandInputs } from './inputs.js';

export const INGEST_QUEUE = 'annals_ingest';

export interface IngestJob {
  /** Absolute path of the file on the shared folder. */
  path: string;
  /** What the document is stored as (the path as it was named). */
  uri: string;
}

export interface JobOutcome {
  status: 'added' | 'replaced' | 'skipped';
  docId: string;
  events: number;
}

export interface QueueOptions {
  /** pg-boss's schema (default: the store's schema + "_queue", or annals_queue). */
  schema?: string;
  /** How often this process runs queue maintenance, expiring the jobs of dead workers (default 30 s). */
  maintenanceSeconds?: number;
}

export interface EnqueueOptions {
  cwd?: string;
  /** Tries after the first failure (default 3). */
  retries?: number;
  /** Seconds before a first retry (doubling each time; default 10). */
  retryDelay?: number;
  /** Seconds a job may stay active before it counts as lost and is retried (default 900). */
  expireSeconds?: number;
  /** Re-read and replace documents already stored. */
  replace?: boolean;
}

export interface QueueStatus {
  created: number;
  retry: number;
  active: number;
  completed: number;
  failed: number;
  cancelled: number;
  /** Jobs that failed for good, with the last error (in the order they failed). */
  failures: Array<{ id: string; uri: string; error: string; tries: number }>;
}

export interface Queue {
  readonly boss: PgBoss;
  readonly schema: string;
  close(): Promise<void>;
}

/** The queue's schema for a store URL: beside the store's own schema. */
export function queueSchema(url: string, options: QueueOptions = {}): string {
  if (options.schema) return options.schema;
  const store = parsePgLocation(url).schema;
  return store === 'public' ? 'annals_queue' : `${store}_queue`;
}

/** Start pg-boss on the store's database (creating its tables on first use). */
export async function openQueue(url: string, options: QueueOptions = {}): Promise<Queue> {
  if (!isPostgresUrl(url)) {
    throw new AnnalsError('E020', 'the job queue needs a PostgreSQL store: --db postgres://user:password@host/database', url);
  }
  const schema = queueSchema(url, options);
  const boss = new PgBoss({
    connectionString: parsePgLocation(url).connectionString,
    schema,
    max: 4,
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceSeconds ?? 30,
  });
  // errors of the background loops (a connection dropped, maintenance failed) are retried by pg-boss itself
  boss.on('error', () => {});
  try {
    await boss.start();
  } catch (e) {
    await boss.stop({ graceful: false, wait: false }).catch(() => {});
    throw new AnnalsError('E002', `cannot open the job queue: ${(e as Error).message}`, redactUrl(url));
  }
  return {
    boss,
    schema,
    close: () => boss.stop({ graceful: true, wait: true, timeout: 5000 }),
  };
}

/** Create the queue, or update its retry and expiry settings. */
async function ensureQueue(boss: PgBoss, options: EnqueueOptions): Promise<void> {
  const settings = {
    retryLimit: options.retries ?? 3,
    retryDelay: options.retryDelay ?? 10,
    retryBackoff: true,
    expireInSeconds: options.expireSeconds ?? 900,
  };
  if (await boss.getQueue(INGEST_QUEUE)) await boss.updateQueue(INGEST_QUEUE, { name: INGEST_QUEUE, ...settings });
  else await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, ...settings });
}

/** One job per file named (files, folders, globs); returns the jobs added and the inputs that named nothing. */
export async function enqueue(queue: Queue, inputs: string[], options: EnqueueOptions = {}): Promise<{ jobs: number; errors: string[] }> {
  await ensureQueue(queue.boss, options);
  const cwd = options.cwd ?? process.cwd();
  const { files, errors } = await expandInputs(inputs, cwd);
  const jobs: PgBoss.JobInsert<IngestJob & { replace?: boolean }>[] = files.map((f) => ({
    name: INGEST_QUEUE,
    data: { path: resolve(cwd, f), uri: f, ...(options.replace ? { replace: true } : {}) },
  }));
  for (let i = 0; i < jobs.length; i += 1000) await queue.boss.insert(jobs.slice(i, i + 1000));
  return { jobs: jobs.length, errors: errors.map((e) => e.toLine()) };
}

export async function queueStatus(queue: Queue, failuresLimit = 50): Promise<QueueStatus> {
  const db = queue.boss.getDb();
  const counts = await db.executeSql(
    `SELECT state::text AS state, count(*)::int AS n FROM (
       SELECT state FROM ${queue.schema}.job WHERE name = $1
       UNION ALL SELECT state FROM ${queue.schema}.archive WHERE name = $1) j GROUP BY state`,
    [INGEST_QUEUE],
  );
  const status: QueueStatus = { created: 0, retry: 0, active: 0, completed: 0, failed: 0, cancelled: 0, failures: [] };
  for (const r of counts.rows) (status as unknown as Record<string, number>)[r.state] = r.n;
  const failed = await db.executeSql(
    `SELECT id::text, data, output, retry_count FROM (
       SELECT id, data, output, retry_count, completed_on FROM ${queue.schema}.job WHERE name = $1 AND state = 'failed'
       UNION ALL SELECT id, data, output, retry_count, completed_on FROM ${queue.schema}.archive WHERE name = $1 AND state = 'failed') f
     ORDER BY completed_on LIMIT $2`,
    [INGEST_QUEUE, failuresLimit],
  );
  status.failures = failed.rows.map((r) => ({
    id: r.id,
    uri: r.data?.uri ?? r.data?.path ?? '?',
    error: String(r.output?.message ?? r.output?.value?.message ?? JSON.stringify(r.output)),
    tries: Number(r.retry_count) + 1,
  }));
  return status;
}

/** Jobs not finished yet (waiting, waiting to retry, or running). */
export async function pendingJobs(queue: Queue): Promise<number> {
  return queue.boss.getQueueSize(INGEST_QUEUE, { before: 'completed' });
}

export interface WorkerEvent {
  job: string;
  uri: string;
  phase: 'start' | 'added' | 'replaced' | 'skipped' | 'failed';
  events?: number;
  error?: string;
}

export interface WorkerOptions {
  /** Jobs worked on at once (default 1); with a pool, each in a worker thread. */
  concurrency?: number;
  pool?: PipelinePool;
  resources?: Resources;
  onEvent?: (e: WorkerEvent) => void;
  /** Seconds between looks for new jobs (default 1). */
  pollSeconds?: number;
}

/** Read, annotate and save one job's file; throws (so the job is retried) when anything goes wrong. */
async function runJob(store: Store, job: IngestJob & { replace?: boolean }, options: WorkerOptions, res: () => Resources): Promise<JobOutcome> {
  let bytes: Buffer;
  try {
    bytes = await readFile(job.path);
  } catch (e) {
    throw new Error(errorLine(e, job.uri));
  }
  const id = contentId(bytes);
  if (!job.replace && (await store.hasDocument(id))) return { status: 'skipped', docId: id, events: 0 };
  let doc, found;
  if (options.pool) {
    const out = await options.pool.run({ path: job.path, uri: job.uri });
    if (!out.ok || !out.doc || !out.result) throw new Error(out.error?.line ?? errorLine(new Error('no result'), job.uri));
    doc = out.doc;
    found = out.result;
  } else {
    try {
      doc = await readDocument(bytes, job.uri);
      found = annotate(doc, res());
    } catch (e) {
      throw new Error(errorLine(e, job.uri));
    }
  }
  const status = await store.saveDocument(doc, found.annotations, found.entities, { replace: job.replace });
  return { status, docId: doc.id, events: status === 'skipped' ? 0 : found.annotations.events.length };
}

/** Take jobs until stop() is called; each finished job is completed with its outcome, a failed one retried. */
export async function runWorker(queue: Queue, store: Store, options: WorkerOptions = {}): Promise<{ stop(): Promise<void> }> {
  let resources = options.resources;
  const res = () => (resources ??= loadResources());
  const ids: string[] = [];
  for (let i = 0; i < Math.max(1, options.concurrency ?? 1); i++) {
    ids.push(
      await queue.boss.work<IngestJob & { replace?: boolean }>(
        INGEST_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: options.pollSeconds ?? 1 },
        async ([job]) => {
          options.onEvent?.({ job: job.id, uri: job.data.uri, phase: 'start' });
          try {
            const out = await runJob(store, job.data, options, res);
            options.onEvent?.({ job: job.id, uri: job.data.uri, phase: out.status, events: out.events });
            return out;
          } catch (e) {
            const error = (e as Error).message;
            options.onEvent?.({ job: job.id, uri: job.data.uri, phase: 'failed', error });
            throw e;
          }
        },
      ),
    );
  }
  return {
    async stop() {
      for (const id of ids) await queue.boss.offWork({ id }).catch(() => {});
    },
  };
}
