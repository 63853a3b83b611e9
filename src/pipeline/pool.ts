/**
 * Parallel pipeline on one machine: documents spread over worker threads
 * (piscina), results handed back to the caller, who writes the store from a
 * single writer. `threads: 1` still runs in a worker so behaviour is the same.
 */
import { Piscina } from 'piscina';
import type { TaskInput, TaskResult } from './worker-task.js';

export interface PoolOptions {
  threads: number;
}

export interface PipelinePool {
  run(input: string | TaskInput): Promise<TaskResult>;
  close(): Promise<void>;
}

export function createPipelinePool(options: PoolOptions): PipelinePool {
  const pool = new Piscina({
    filename: new URL('./worker-entry.js', import.meta.url).href,
    minThreads: options.threads,
    maxThreads: options.threads,
    idleTimeout: 60_000,
  });
  return {
    run: (input) => pool.run(input) as Promise<TaskResult>,
    close: () => pool.destroy(),
  };
}
