/**
 * Actor-linking accuracy on the development set:
 *   node --import tsx scripts/actor-linking.ts [--verbose] [--doc NAME]
 * For each gold entity of ../shared/gold/dev (with its aliases), runs the actor
 * stage of the pipeline (resolveActors) over the seed text and reports how many entities resolve to one
 * entity with the right country and how many aliases map to it.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readDocument } from '../src/formats/index.js';
import { segment } from '../src/annotators/segment.js';
import { loadResources, resolveActors } from '../src/pipeline/pipeline.js';
import { measureLinking, type GoldEntity } from '../src/annotators/resolve-linking.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.includes('--doc') ? args[args.indexOf('--doc') + 1] : undefined;
const shared = resolve(process.env.ANNALS_SHARED ?? join(import.meta.dirname, '..', '..', 'shared'));
const seeds = join(shared, 'corpus', 'seeds');
const goldDir = join(shared, 'gold', 'dev');
if (!existsSync(seeds) || !existsSync(goldDir)) {
  console.log(`skip: ${seeds} or ${goldDir} not found`);
  process.exit(0);
}
const res = loadResources();
let E = 0, R = 0, A = 0, M = 0;
for (const f of readdirSync(goldDir).filter((x) => x.endsWith('.json')).sort()) {
  const gold = JSON.parse(readFileSync(join(goldDir, f), 'utf8')) as { doc: string; entities: GoldEntity[] };
  if (only && !gold.doc.startsWith(only)) continue;
  const path = join(seeds, gold.doc);
  const doc = await readDocument(readFileSync(path), path);
  const { mentions } = resolveActors(doc, segment(doc), res);
  const r = measureLinking(doc.text, mentions, gold.entities);
  E += r.entities; R += r.resolved; A += r.aliases; M += r.mapped;
  console.log(`${gold.doc}: entities ${r.resolved}/${r.entities}, aliases ${r.mapped}/${r.aliases}`);
  if (verbose) {
    for (const l of r.links) {
      const miss = l.aliases.filter((a) => !a.mapped);
      if (l.resolved && !miss.length) continue;
      console.log(`  ${l.resolved ? 'ok ' : 'BAD'} ${l.gold} (${l.country}) → ${l.predicted} (${l.predictedCountry})`);
      for (const a of miss) console.log(`      alias ${JSON.stringify(a.alias)} ×${a.occurrences} → ${a.got.join(', ') || '-'}`);
    }
  }
}
const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '0.0');
console.log(`actor linking: entities ${R}/${E} (${pct(R, E)} %) resolved with the right country; aliases ${M}/${A} (${pct(M, A)} %) mapped`);
