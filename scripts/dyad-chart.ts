/**
 * The Albania–Cambodia chart of docs/, reproduced by one command:
 *   node --import tsx scripts/dyad-chart.ts [--out docs/dyad-alb-khm.svg]
 * Ingests ../shared/corpus/seeds/002_*.txt into a temporary store and runs
 * `annals dyad ALB KHM --by year --from 1970 --to 1985 --svg … --png …` on it
 * (the PNG beside the SVG), printing the numbers behind the chart (the table,
 * sparkline and change points).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../src/cli/main.js';

const repo = resolve(import.meta.dirname, '..');
const shared = resolve(process.env.ANNALS_SHARED ?? join(repo, '..', 'shared'));
const seeds = join(shared, 'corpus', 'seeds');
if (!existsSync(seeds)) {
  console.log(`skip: ${seeds} not found`);
  process.exit(0);
}
const seed = readdirSync(seeds).find((f) => f.startsWith('002_'));
if (!seed) throw new Error(`no 002_* document in ${seeds}`);
const args = process.argv.slice(2);
const out = resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : join(repo, 'docs', 'dyad-alb-khm.svg'));
const dir = mkdtempSync(join(tmpdir(), 'annals-chart-'));
const db = join(dir, 'seed.db');
const quiet = { stdout: { write: () => true }, stderr: process.stderr, env: process.env, cwd: repo };
try {
  if ((await main(['--db', db, 'ingest', join(seeds, seed)], quiet)) !== 0) process.exit(1);
  process.exitCode = await main(['--db', db, 'dyad', 'ALB', 'KHM', '--by', 'year', '--from', '1970', '--to', '1985', '--svg', out, '--png', out.replace(/\.svg$/, '') + '.png']);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
