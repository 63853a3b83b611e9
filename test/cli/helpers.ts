/**
 * Helpers for tests that run the `annals` binary or read ../shared.
 * ../shared is found beside the repository, or where ANNALS_SHARED points.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const sharedDir = resolve(process.env.ANNALS_SHARED ?? join(repoRoot, '..', 'shared'));
export const seedsDir = join(sharedDir, 'corpus', 'seeds');
export const devGoldDir = join(sharedDir, 'gold', 'dev');
export const scorer = join(sharedDir, 'tools', 'score-events');

/** A test option: skip with a visible reason when ../shared (or one path in it) is absent. */
export function needsShared(...paths: string[]): { skip: false | string } {
  const missing = [sharedDir, ...paths].find((p) => !existsSync(p));
  return { skip: missing ? `needs ../shared (${missing} not found)` : false };
}

export function hasPython(): boolean {
  return spawnSync('python3', ['--version']).status === 0;
}

export function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'annals-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `node bin/annals.js ARGS` from `cwd` (default: the repository). */
export function annals(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): RunResult {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'annals.js'), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ANNALS_DB: '', ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Run the CLI in this process (same code as the binary, without the process start-up): for tests that call it many times. */
export async function annalsInProcess(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: false },
    env: { ...process.env, ANNALS_DB: '', ...options.env },
    cwd: options.cwd ?? repoRoot,
  });
  return { code, stdout, stderr };
}
