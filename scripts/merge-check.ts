/**
 * Merging on the development set, without a store:
 *   node --import tsx scripts/merge-check.ts [--json]
 * Runs the pipeline on ../shared/corpus/seeds, merges the events of the three
 * documents together, and prints raw mentions vs merged events per document,
 * the conflicts found, and the check against ../shared/gold/dev that no merged
 * event joins two different gold events.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mergeReport } from '../src/app/analysis-gold.js';

const shared = resolve(process.env.ANNALS_SHARED ?? join(import.meta.dirname, '..', '..', 'shared'));
if (!existsSync(join(shared, 'corpus', 'seeds'))) {
  console.log(`skip: ${join(shared, 'corpus', 'seeds')} not found`);
  process.exit(0);
}
const r = await mergeReport(join(shared, 'corpus', 'seeds'), join(shared, 'gold', 'dev'));
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(r, null, 2));
} else {
  console.log('document                      mentions  merged  restated');
  for (const d of r.perDocument) console.log(`${d.doc.padEnd(30)}${String(d.mentions).padStart(8)}${String(d.merged).padStart(8)}${String(d.restated).padStart(10)}`);
  console.log(`${'all three (merged together)'.padEnd(30)}${String(r.mentions).padStart(8)}${String(r.merged).padStart(8)}${String(r.restated).padStart(10)}`);
  console.log(`merged across documents: ${r.crossDocument}; conflicts: ${r.conflicts.length} (${Object.entries(r.conflictsByRule).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'})`);
  console.log(`gold check: ${r.gold.checked} merged events with two or more members matched to gold; ${r.gold.violations.length} join different gold events; ${r.gold.soft.length} join gold events alike in dyad, code and date`);
  for (const v of r.gold.violations) console.log(`  violation ${v.mergedId}: ${v.reason}`);
  const g = r.goldAsInput;
  console.log(`gold events as input: ${g.events} gold events → ${g.merged} merged events; ${g.joins} joins: ${g.violations.length} of different gold events, ${g.soft.length} of alike ones`);
  for (const v of g.violations) console.log(`  violation ${v.mergedId}: ${v.reason}`);
  for (const v of g.soft) console.log(`  alike ${v.mergedId}: ${v.members.map((m) => m.eventId).join(' + ')}`);
  console.log(`conflicts among the gold events: ${g.conflicts.length}`);
  for (const c of g.conflicts) console.log(`  ${c.kind} [${c.ruleId}] ${c.accounts.map((a) => `${a.value} (${a.evidence.map((e) => e.assertedBy).join(', ')}: ${a.eventIds.join(' ')})`).join(' vs ')}`);
}
