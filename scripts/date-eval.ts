/**
 * Measure date attachment on the development set without the event coder:
 *   node --import tsx scripts/date-eval.ts [--verbose] [--doc NAME] [--published-from-gold] [--no-carry]
 * For each gold event in ../shared/gold/dev, find its evidence in the seed's
 * text, ask attachDates for the dates of that span, and compare with the gold
 * date as the reference scorer does: right = a date that overlaps gold and is
 * at least as precise (its span no more than 3 days longer); wrong = dates
 * given, none overlapping gold; also counted: year overlap (what L1 asks).
 * When attachDates gives none, the coder's fallback carryDate is asked too (as
 * the pipeline does, without a trigger or actors); --no-carry leaves it out.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readDocument } from '../src/formats/index.js';
import { segment } from '../src/annotators/segment.js';
import { findTimes } from '../src/annotators/time.js';
import { attachDates, carryDate } from '../src/annotators/dates.js';
import { edtfBounds, edtfSpanDays, compareIso } from '../src/core/edtf.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.includes('--doc') ? args[args.indexOf('--doc') + 1] : undefined;
/** What if the reader knew each document's date: take it from the gold file (for comparison only). */
const goldPublished = args.includes('--published-from-gold');
const carry = !args.includes('--no-carry');
const shared = resolve(process.env.ANNALS_SHARED ?? join(import.meta.dirname, '..', '..', 'shared'));
const seeds = join(shared, 'corpus', 'seeds');
const goldDir = join(shared, 'gold', 'dev');
if (!existsSync(seeds) || !existsSync(goldDir)) {
  console.log(`skip: ${seeds} or ${goldDir} not found`);
  process.exit(0);
}

interface GoldEvent {
  id: string;
  evidence: string;
  date: string | null;
}

function overlap(a: string, b: string): boolean {
  const x = edtfBounds(a);
  const y = edtfBounds(b);
  return compareIso(x.earliest, y.latest) <= 0 && compareIso(y.earliest, x.latest) <= 0;
}

function yearOverlap(a: string, b: string): boolean {
  const x = edtfBounds(a);
  const y = edtfBounds(b);
  return Number(x.earliest.slice(0, -6)) <= Number(y.latest.slice(0, -6)) && Number(y.earliest.slice(0, -6)) <= Number(x.latest.slice(0, -6));
}

function asPrecise(pred: string, gold: string): boolean {
  return edtfSpanDays(pred) <= edtfSpanDays(gold) + 3;
}

const totals = { gold: 0, dated: 0, found: 0, right: 0, wrong: 0, none: 0, coarse: 0, yearOk: 0, undatedGoldGiven: 0 };
const byRule = new Map<string, { n: number; right: number; wrong: number }>();
for (const f of readdirSync(goldDir).sort()) {
  if (only && !f.startsWith(only)) continue;
  const gold = JSON.parse(readFileSync(join(goldDir, f), 'utf8')) as { doc: string; document_date: string | null; events: GoldEvent[] };
  const seed = readdirSync(seeds).find((s) => s.replace(/\.[^.]+$/, '') === gold.doc.replace(/\.[^.]+$/, ''));
  if (!seed) continue;
  const doc = await readDocument(readFileSync(join(seeds, seed)), join(seeds, seed));
  if (goldPublished && gold.document_date) doc.published = gold.document_date;
  const sentences = segment(doc);
  const times = findTimes(doc, sentences);
  for (const e of gold.events) {
    totals.gold++;
    const at = doc.text.indexOf(e.evidence);
    if (at < 0) {
      if (verbose) console.log(`  ? ${f} ${e.id} evidence not found`);
      continue;
    }
    totals.found++;
    const evidence = { start: at, end: at + e.evidence.length };
    const dates = attachDates({ doc, sentences, times, evidence, trigger: null });
    if (carry && dates.length === 0) {
      const sentence = sentences.find((x) => x.span.start <= at && at < x.span.end);
      const carried = sentence ? carryDate({ doc, sentences, times, sentence }) : null;
      if (carried) dates.push(carried);
    }
    if (!e.date) {
      if (dates.length > 0) totals.undatedGoldGiven++;
      continue;
    }
    totals.dated++;
    const values = dates.map((d) => d.value);
    const right = values.some((v) => overlap(v, e.date!) && asPrecise(v, e.date!));
    const anyOverlap = values.some((v) => overlap(v, e.date!));
    const yearOk = values.some((v) => yearOverlap(v, e.date!));
    if (right) totals.right++;
    else if (values.length === 0) totals.none++;
    else if (anyOverlap) totals.coarse++;
    else totals.wrong++;
    if (yearOk) totals.yearOk++;
    const rule = dates[0]?.ruleId ?? '(none)';
    const r = byRule.get(rule) ?? { n: 0, right: 0, wrong: 0 };
    r.n++;
    if (right) r.right++;
    if (values.length > 0 && !anyOverlap) r.wrong++;
    byRule.set(rule, r);
    if (verbose && !right) {
      const tag = values.length === 0 ? 'NONE ' : anyOverlap ? 'COARSE' : 'WRONG';
      console.log(`  ${tag} ${f.slice(0, 3)} ${e.id} gold=${e.date} pred=${values.join(',') || '-'} [${rule}] ${e.evidence.slice(0, 90)}`);
    }
  }
}
const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '0.0') + '%';
console.log(`gold events ${totals.gold}, evidence found ${totals.found}, gold-dated ${totals.dated}`);
console.log(`right (overlaps gold, at least as precise): ${totals.right}/${totals.dated} = ${pct(totals.right, totals.dated)}`);
console.log(`year overlap (L1 condition): ${totals.yearOk}/${totals.dated} = ${pct(totals.yearOk, totals.dated)}`);
console.log(`non-overlapping date given: ${totals.wrong}/${totals.dated} = ${pct(totals.wrong, totals.dated)}`);
console.log(`overlapping but coarser: ${totals.coarse}; no date: ${totals.none}; date given where gold has none: ${totals.undatedGoldGiven}`);
for (const [rule, r] of [...byRule.entries()].sort()) console.log(`  ${rule}: ${r.n} (right ${r.right}, non-overlapping ${r.wrong})`);
