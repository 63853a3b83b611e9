/**
 * A synthetic corpus generator of our own for the benchmark: plain-text
 * documents with dated events between many actors, mixed with background
 * prose, written file by file (streaming: never the whole corpus in memory).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom } from '../src/core/random.ts';

export { createRandom };

const STATES = [
  'Albania', 'Greece', 'Italy', 'France', 'Germany', 'Austria', 'Hungary', 'Romania', 'Bulgaria',
  'Yugoslavia', 'Turkey', 'Egypt', 'Israel', 'Jordan', 'Syria', 'Iraq', 'Iran', 'India', 'Pakistan',
  'China', 'Japan', 'Vietnam', 'Cambodia', 'Laos', 'Thailand', 'Indonesia', 'Australia', 'Canada',
  'Mexico', 'Brazil', 'Argentina', 'Chile', 'Cuba', 'Nigeria', 'Kenya', 'Ethiopia', 'Algeria',
  'Morocco', 'Poland', 'Sweden', 'Norway', 'Finland', 'Spain', 'Portugal', 'the Soviet Union',
  'the United States', 'the United Kingdom', 'North Korea', 'South Korea', 'Mongolia',
];
const TITLES = ['President', 'Prime Minister', 'Foreign Minister', 'Defence Minister'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

type Pick = <T>(xs: readonly T[]) => T;

function dateText(rnd: () => number, pick: Pick): string {
  const y = 1946 + Math.floor(rnd() * 75);
  const m = pick(MONTHS);
  const d = 1 + Math.floor(rnd() * 28);
  switch (Math.floor(rnd() * 5)) {
    case 0: return `on ${m} ${d}, ${y}`;
    case 1: return `on ${d} ${m} ${y}`;
    case 2: return `in ${m} ${y}`;
    case 3: return `in ${y}`;
    default: return `in the spring of ${y}`;
  }
}

const EVENT_TEMPLATES: Array<(a: string, b: string, when: string, t: string) => string> = [
  (a, b, w) => `The ${'President'} of ${a} visited ${b} ${w}.`,
  (a, b, w) => `${cap(w)}, ${a} and ${b} signed a treaty of friendship and cooperation.`,
  (a, b, w) => `${cap(a)} recognised ${b} ${w}.`,
  (a, b, w) => `${cap(w)}, ${a} broke off diplomatic relations with ${b}.`,
  (a, b, w, t) => `The ${t} of ${a} condemned ${b} ${w} for its policy in the region.`,
  (a, b, w) => `${cap(a)} sent military aid to ${b} ${w}.`,
  (a, b, w) => `${cap(w)}, ${a} imposed an embargo on ${b}.`,
  (a, b, w) => `Talks between ${a} and ${b} were held ${w}.`,
  (a, b, w) => `${cap(a)} accused ${b} of interference ${w}.`,
  (a, b, w) => `${cap(w)}, the government of ${a} hosted a delegation from ${b}.`,
];
const FILLER = [
  'The economy of the region grew slowly during these years, and most families lived from farming.',
  'Historians still disagree about how much of this was planned and how much was improvised.',
  'The archives of the period remain only partly open to researchers.',
  'Newspapers of the time published long articles on questions of culture and education.',
  'Many of the documents quoted here were translated from the original language.',
  'The population of the capital doubled within two decades.',
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One synthetic document of about `words` words. */
export function syntheticDocument(rnd: () => number, words: number): string {
  const pick: Pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const paras: string[] = [];
  let count = 0;
  while (count < words) {
    const sentences: string[] = [];
    const n = 3 + Math.floor(rnd() * 4);
    for (let i = 0; i < n; i++) {
      let s: string;
      if (rnd() < 0.45) {
        const a = pick(STATES);
        let b = pick(STATES);
        while (b === a) b = pick(STATES);
        s = pick(EVENT_TEMPLATES)(a, b, dateText(rnd, pick), pick(TITLES));
      } else {
        s = pick(FILLER);
      }
      sentences.push(s);
      count += s.split(/\s+/).length;
    }
    paras.push(sentences.join(' '));
  }
  return `Relations in the region, part ${Math.floor(rnd() * 1000)}\n\n${paras.join('\n\n')}\n`;
}

export interface GeneratedCorpus {
  files: string[];
  bytes: number;
  words: number;
}

/** Write documents of ~docWords words into dir until about `totalBytes` are written. */
export function generateCorpus(dir: string, totalBytes: number, seed = 1, docWords = 2000): GeneratedCorpus {
  mkdirSync(dir, { recursive: true });
  const rnd = createRandom(seed);
  const files: string[] = [];
  let bytes = 0;
  let words = 0;
  while (bytes < totalBytes) {
    const text = syntheticDocument(rnd, docWords);
    const file = join(dir, `synthetic-${String(files.length + 1).padStart(6, '0')}.txt`);
    writeFileSync(file, text);
    files.push(file);
    bytes += Buffer.byteLength(text);
    words += text.split(/\s+/).filter(Boolean).length;
  }
  return { files, bytes, words };
}
