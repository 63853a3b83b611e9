/** The event filter options shared by `events` and `export`. */
import { Option, type Command } from 'commander';
import { AnnalsError } from '../core/errors.js';
import type { Modality } from '../core/types.js';
import type { EventFilter } from '../store/store.js';

const MODALITIES: Modality[] = ['asserted', 'reported', 'negated', 'hypothetical', 'planned'];

export function addFilterOptions(cmd: Command, defaultOrder: NonNullable<EventFilter['order']>): Command {
  return cmd
    .option('--actor <actor>', 'events where this actor is source or target (entity id, country code or name)')
    .option('--dyad <actors...>', 'events between two actors, either direction: "--dyad ALB CHN" or "--dyad ALB-CHN"')
    .option('--code <code>', 'CAMEO code or prefix (e.g. 04, 042, 0421)')
    .option('--root <root>', 'CAMEO root (two digits), same as --code with a root')
    .option('--from <date>', 'events whose date may fall on or after this date (EDTF or ISO)')
    .option('--to <date>', 'events whose date may fall on or before this date (EDTF or ISO)')
    .option('--doc <doc>', 'one document: id, id prefix or file name')
    .addOption(new Option('--modality <modality>', 'asserted, reported, negated, hypothetical or planned').choices(MODALITIES))
    .option('--known-at <date>', 'only documents published up to this date')
    .option('--rule <ruleId>', 'only events coded by this rule')
    .addOption(new Option('--order <order>', 'sort order').choices(['date', 'doc', 'code']).default(defaultOrder));
}

/** "ALB CHN" (two values) or "ALB-CHN" (one value with a single hyphen). */
export function parseDyad(values: string[]): [string, string] {
  if (values.length === 2) return [values[0], values[1]];
  if (values.length === 1) {
    const parts = values[0].split('-');
    if (parts.length === 2 && parts[0].trim() && parts[1].trim()) return [parts[0].trim(), parts[1].trim()];
  }
  throw new AnnalsError('E020', 'give two actors: --dyad A B, or --dyad A-B', '--dyad');
}

export function filterFrom(opts: Record<string, unknown>): EventFilter {
  const f: EventFilter = {};
  if (opts.actor) f.actor = String(opts.actor);
  if (opts.dyad) f.dyad = parseDyad(opts.dyad as string[]);
  if (opts.code && opts.root) throw new AnnalsError('E020', 'give --code or --root, not both', '--root');
  if (opts.root && !/^\d{2}$/.test(String(opts.root))) throw new AnnalsError('E020', 'a CAMEO root is two digits', '--root');
  if (opts.code || opts.root) f.code = String(opts.code ?? opts.root);
  if (opts.from) f.from = String(opts.from);
  if (opts.to) f.to = String(opts.to);
  if (opts.doc) f.doc = String(opts.doc);
  if (opts.modality) f.modality = opts.modality as Modality;
  if (opts.knownAt) f.knownAt = String(opts.knownAt);
  if (opts.rule) f.ruleId = String(opts.rule);
  if (opts.order) f.order = opts.order as EventFilter['order'];
  return f;
}

export function positiveInt(name: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v)) throw new AnnalsError('E020', 'expected a whole number', name);
    return Number(v);
  };
}
