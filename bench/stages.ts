/**
 * Time of each pipeline stage on a set of documents (by default the
 * development seeds in ../shared, else the examples), so the cost of actor
 * resolution can be read against the rest of the pipeline. Prints figures,
 * asserts nothing.  node --import tsx bench/stages.ts [--runs N] [DIR]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readDocument } from '../src/formats/index.ts';
import { segment } from '../src/annotators/segment.ts';
import { findTimes } from '../src/annotators/time.ts';
import { codeEvents } from '../src/annotators/events.ts';
import { loadResources, resolveActors } from '../src/pipeline/pipeline.ts';
import type { Document } from '../src/core/types.ts';

type Stages = { read: number; segment: number; actors: number; times: number; events: number };

export interface StageTimes {
  words: number;
  /** Wall-clock milliseconds per stage. */
  ms: Stages;
  /** CPU milliseconds (user + system, process.cpuUsage) per stage: steadier than wall time on a loaded machine. */
  cpu?: Stages;
}

const now = () => performance.now();
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Run every stage over the files `runs` times (after one warm-up run); total milliseconds per stage. */
export async function timeStages(files: string[], runs: number): Promise<StageTimes> {
  const res = loadResources();
  const ms = { read: 0, segment: 0, actors: 0, times: 0, events: 0 };
  const cpu = { read: 0, segment: 0, actors: 0, times: 0, events: 0 };
  let words = 0;
  for (let r = 0; r <= runs; r++) {
    const warm = r === 0;
    for (const f of files) {
      const bytes = readFileSync(f);
      let t = now();
      let c = cpuNow();
      const doc: Document = await readDocument(bytes, f);
      const tRead = now() - t;
      const cRead = cpuNow() - c;
      t = now();
      c = cpuNow();
      const sentences = segment(doc);
      const tSeg = now() - t;
      const cSeg = cpuNow() - c;
      t = now();
      c = cpuNow();
      // the actor stage as the pipeline runs it: names, titles, coreference, then groups
      const { mentions } = resolveActors(doc, sentences, res);
      const tAct = now() - t;
      const cAct = cpuNow() - c;
      t = now();
      c = cpuNow();
      const times = findTimes(doc, sentences);
      const tTime = now() - t;
      const cTime = cpuNow() - c;
      t = now();
      c = cpuNow();
      codeEvents(doc, { sentences, mentions, times }, res.lexicon);
      const tEv = now() - t;
      const cEv = cpuNow() - c;
      if (warm) continue;
      ms.read += tRead;
      ms.segment += tSeg;
      ms.actors += tAct;
      ms.times += tTime;
      ms.events += tEv;
      cpu.read += cRead;
      cpu.segment += cSeg;
      cpu.actors += cAct;
      cpu.times += cTime;
      cpu.events += cEv;
      words += doc.text.split(/\s+/).filter(Boolean).length;
    }
  }
  return { words, ms, cpu };
}

export function describeStages(s: StageTimes): string[] {
  const sum = (x: Stages): number => Object.values(x).reduce((a, b) => a + b, 0);
  const total = sum(s.ms);
  const rest = total - s.ms.actors;
  const cpuTotal = s.cpu ? sum(s.cpu) : 0;
  const lines = [`  stage        wall (ms)       ${s.cpu ? '   cpu (ms)' : ''}`];
  for (const k of Object.keys(s.ms) as Array<keyof Stages>) {
    const w = `${s.ms[k].toFixed(1).padStart(9)} ms  ${((100 * s.ms[k]) / total).toFixed(1).padStart(5)} %`;
    const c = s.cpu ? `  ${s.cpu[k].toFixed(1).padStart(9)} ms  ${((100 * s.cpu[k]) / cpuTotal).toFixed(1).padStart(5)} %` : '';
    lines.push(`  ${k.padEnd(8)} ${w}${c}`);
  }
  lines.push(`  total    ${total.toFixed(1).padStart(9)} ms${s.cpu ? `  ${' '.repeat(8)}${cpuTotal.toFixed(1).padStart(9)} ms` : ''}  (${Math.round(s.words / (total / 1000)).toLocaleString('en-US')} words/s wall)`);
  lines.push(`  actor resolution adds ${((100 * s.ms.actors) / rest).toFixed(1)} % to the rest of the pipeline (wall time)`);
  if (s.cpu) lines.push(`  actor resolution adds ${((100 * s.cpu.actors) / (cpuTotal - s.cpu.actors)).toFixed(1)} % to the rest of the pipeline (CPU time)`);
  return lines;
}

/** The documents to time: DIR, else the development seeds in ../shared, else examples/. */
export function stageFiles(dirArg?: string): { dir: string; files: string[] } {
  const seeds = resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'seeds');
  const dir = dirArg ?? (existsSync(seeds) ? seeds : resolve(import.meta.dirname, '..', 'examples'));
  return { dir, files: readdirSync(dir).filter((f) => !/^readme/i.test(f)).map((f) => join(dir, f)) };
}

if (process.argv[1]?.endsWith('stages.ts')) {
  const args = process.argv.slice(2);
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 20;
  const { dir, files } = stageFiles(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs'));
  const s = await timeStages(files, runs);
  console.log(`pipeline stages on ${dir} (${files.length} files, ${runs} runs):`);
  for (const l of describeStages(s)) console.log(l);
}
