/**
 * The registry of CLI commands, in the order `annals --help` lists them.
 * Adding a command is one line here: a module whose default export is a CommandSpec.
 */
import type { CommandSpec } from '../context.js';

export const COMMANDS: Array<() => Promise<{ default: CommandSpec }>> = [
  () => import('./ingest.js'),
  () => import('./enqueue.js'),
  () => import('./worker.js'),
  () => import('./docs.js'),
  () => import('./events.js'),
  () => import('./show.js'),
  () => import('./search.js'),
  () => import('./export.js'),
  () => import('./merged.js'),
  () => import('./conflicts.js'),
  () => import('./dyad.js'),
  () => import('./merge-split.js'),
  () => import('./eval.js'),
  () => import('./summary.js'),
  () => import('./check.js'),
  () => import('./dict.js'),
  () => import('./serve.js'),
];
