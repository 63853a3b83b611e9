/**
 * The committed quality baseline (quality/baseline.json): the development-set
 * F1 figures the test suite must not fall below. Raised by
 * `npm run ratchet`, never lowered by it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvalReport } from '../../src/app/eval/score.js';

export const BASELINE_PATH = join(import.meta.dirname, '..', '..', 'quality', 'baseline.json');

export interface Baseline {
  /** L1 and L2 F1 on ../shared/gold/dev, to 4 decimals, rounded down. */
  L1F1: number;
  L2F1: number;
  note?: string;
}

export function readBaseline(): Baseline {
  return JSON.parse(readFileSync(BASELINE_PATH, 'utf8'));
}

export function writeBaseline(b: Baseline): void {
  writeFileSync(BASELINE_PATH, JSON.stringify(b, null, 2) + '\n');
}

const down4 = (x: number) => Math.floor(x * 1e4) / 1e4;

export function figures(r: EvalReport): Baseline {
  return { L1F1: down4(r.summary.L1.f1), L2F1: down4(r.summary.L2.f1) };
}

/** The baseline raised to whatever rose; nothing lowered. */
export function raise(base: Baseline, now: Baseline): Baseline {
  return { ...base, L1F1: Math.max(base.L1F1, now.L1F1), L2F1: Math.max(base.L2F1, now.L2F1) };
}
