import { showEvent, type EventExplanation } from '../../app/queries.js';
import type { EntityRef } from '../../core/types.js';
import type { CommandSpec } from '../context.js';
import { positiveInt } from '../filters.js';

function who(a: EntityRef | null, said: string | null): string {
  if (!a) return '—';
  const base = `${a.name} [${a.id}] ${a.kind}${a.country ? `, ${a.country}` : ''}`;
  return said && said !== a.name ? `${base} — written "${said}"` : base;
}

/** The evidence inside its sentence, marked with » «. */
function marked(x: EventExplanation): string {
  const { sentence, event } = x;
  const s = sentence.span.start;
  const a = Math.max(0, event.evidence.start - s);
  const b = Math.min(sentence.text.length, event.evidence.end - s);
  if (a >= b || event.evidence.start < s) return `»${event.evidenceText}«`;
  return `${sentence.text.slice(0, a)}»${sentence.text.slice(a, b)}«${sentence.text.slice(b)}`;
}

export function formatExplanation(x: EventExplanation): string {
  const e = x.event;
  const lines = [
    `event     ${e.id}`,
    `document  ${x.document.name}${x.document.title ? ` — ${x.document.title}` : ''} [${x.document.id.slice(0, 12)}]`,
    `code      ${e.code} (root ${e.root}, quad class ${e.quadClass}, Goldstein ${e.goldstein}${e.plover ? `, PLOVER ${e.plover}` : ''})`,
    `source    ${who(e.source, x.sourceText)}`,
    `target    ${who(e.target, x.targetText)}`,
  ];
  if (e.claimant) lines.push(`claimant  ${who(e.claimant, null)}`);
  lines.push(`modality  ${e.modality}    confidence ${e.confidence}`);
  if (e.date) {
    const from = x.dateSource ? ` from "${x.dateSource.text}" (${x.dateSource.ruleId}, anchored ${x.dateSource.anchor.kind}${x.dateSource.anchor.value ? ' ' + x.dateSource.anchor.value : ''})` : '';
    lines.push(`date      ${e.date.value} = ${e.date.earliest} … ${e.date.latest}, ${e.date.precision}; rule ${e.date.ruleId}${from}`);
  } else {
    lines.push('date      none (the text gives no date for it)');
  }
  lines.push(`rule      ${e.ruleId}${x.triggerText ? ` — trigger "${x.triggerText}"` : ''}`);
  lines.push(`why       ${e.reason}`);
  lines.push(`extractor ${e.extractor}`);
  lines.push(`evidence  [${e.evidence.start}, ${e.evidence.end}) in UTF-16 units of the document text`);
  lines.push('');
  for (const s of x.before) lines.push(`    ${s}`);
  lines.push(`  > ${marked(x)}`);
  for (const s of x.after) lines.push(`    ${s}`);
  return lines.join('\n').replace(/[ \t]+$/gm, '') + '\n';
}

const showCommand: CommandSpec = {
  register(program, ctx) {
    program
      .command('show')
      .description('one event explained: the evidence in its context, the rule that fired and why, where its date comes from')
      .argument('<event-id>', 'event id, or a unique prefix of at least 6 characters')
      .option('--context <n>', 'sentences shown before and after', positiveInt('--context'), 1)
      .option('--json', 'JSON instead of text')
      .action(async (id: string, opts: { context: number; json?: boolean }, cmd) => {
        const x = await ctx.withStore(cmd, (store) => showEvent(store, id, opts.context));
        await ctx.out(opts.json ? JSON.stringify(x, null, 2) + '\n' : formatExplanation(x));
      });
  },
};

export default showCommand;
