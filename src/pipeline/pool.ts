/**
 * Parallel pipeline on one machine: documents spread over worker threads
 * (piscina), results handed back to the caller, who writes the store from a
 * single writer. `threads: 1` still runs in a worker so behaviour is the same.
 */
import { Piscina } from 'piscina';
import type { TaskInput, TaskResult } from './worker-task.js';
import type { ResourceOptions } from './pipeline.js';

export interface PoolOptions {
  threads: number;
  /**
   * Tasks handed to each thread ahead of time (default 4): a thread keeps
   * working through its queue while the caller's thread is busy (writing the
   * store, say) instead of waiting for it to hand out the next file.
   */
  queuePerThread?: number;
  /** Dictionaries every task loads on top of the built-in ones (unless a task names its own). */
  resources?: ResourceOptions;
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
    concurrentTasksPerWorker: Math.max(1, options.queuePerThread ?? 4),
    idleTimeout: 60_000,
  });
  return {
    run: (input) => {
      const task: string | TaskInput = options.resources ? { resources: options.resources, ...(typeof input === 'string' ? { path: input } : input) } : input;
      return pool.run(task) as Promise<TaskResult>;
    },
    close: () => pool.destroy(),
  };
}
