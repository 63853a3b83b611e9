/**
 * Query-string parameters of the API, checked and turned into typed values.
 * The same filters as `annals events`: actor, dyad, code (or root), from, to,
 * doc, modality, knownAt; plus sort, dir, limit, offset.
 */
import { AnnalsError } from '../core/errors.js';
import type { Modality } from '../core/types.js';
import type { EventFilter } from '../store/store.js';
import { SORT_KEYS, type EventQuery, type SortKey } from '../app/corrections-query.js';

const MODALITIES: readonly Modality[] = ['asserted', 'reported', 'negated', 'hypothetical', 'planned'];
const DATE_RE = /^-?[0-9X]{4}(-[0-9X]{2}(-[0-9X]{2})?)?[~?%]?$/;
export const MAX_LIMIT = 5000;

type Get = (name: string) => string | undefined;

function text(get: Get, name: string, max = 200): string | undefined {
  const v = get(name);
  if (v === undefined || v === '') return undefined;
  if (v.length > max) throw new AnnalsError('E020', `${name} is too long (at most ${max} characters)`, name);
  return v;
}

function int(get: Get, name: string, dflt: number, min: number, max: number): number {
  const v = get(name);
  if (v === undefined || v === '') return dflt;
  if (!/^\d{1,9}$/.test(v)) throw new AnnalsError('E020', `${name} must be a whole number`, name);
  const n = Number(v);
  if (n < min || n > max) throw new AnnalsError('E020', `${name} must be between ${min} and ${max}`, name);
  return n;
}

export function dateParam(get: Get, name: string): string | undefined {
  const v = text(get, name, 40);
  if (v !== undefined && !DATE_RE.test(v)) throw new AnnalsError('E020', `${name} must be a date like 1975, 1975-12 or 1975-12-02`, name);
  return v;
}

export function eventFilter(get: Get): EventFilter {
  const f: EventFilter = {};
  const actor = text(get, 'actor');
  if (actor) f.actor = actor;
  const dyad = text(get, 'dyad', 401);
  if (dyad) {
    const parts = dyad.split(',').map((s) => s.trim());
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new AnnalsError('E020', 'dyad must be two actors separated by a comma, e.g. ALB,KHM', 'dyad');
    f.dyad = [parts[0], parts[1]];
  }
  const code = text(get, 'code', 4) ?? text(get, 'root', 2);
  if (code) {
    if (!/^\d{2,4}$/.test(code)) throw new AnnalsError('E020', 'code must be a CAMEO code or root of 2 to 4 digits', 'code');
    f.code = code;
  }
  const from = dateParam(get, 'from');
  if (from) f.from = from;
  const to = dateParam(get, 'to');
  if (to) f.to = to;
  const doc = text(get, 'doc', 300);
  if (doc) f.doc = doc;
  const modality = text(get, 'modality', 20);
  if (modality) {
    if (!MODALITIES.includes(modality as Modality)) throw new AnnalsError('E020', `modality must be one of ${MODALITIES.join(', ')}`, 'modality');
    f.modality = modality as Modality;
  }
  const knownAt = dateParam(get, 'knownAt');
  if (knownAt) f.knownAt = knownAt;
  return f;
}

export function eventQuery(get: Get): EventQuery {
  const sort = (text(get, 'sort', 20) ?? 'date') as SortKey;
  if (!SORT_KEYS.includes(sort)) throw new AnnalsError('E020', `sort must be one of ${SORT_KEYS.join(', ')}`, 'sort');
  const dir = text(get, 'dir', 4) ?? 'asc';
  if (dir !== 'asc' && dir !== 'desc') throw new AnnalsError('E020', 'dir must be asc or desc', 'dir');
  const include = text(get, 'include', 10) ?? 'visible';
  if (include !== 'visible' && include !== 'all' && include !== 'rejected') throw new AnnalsError('E020', 'include must be visible, all or rejected', 'include');
  return {
    filter: eventFilter(get),
    sort,
    dir,
    include,
    limit: int(get, 'limit', 100, 1, MAX_LIMIT),
    offset: int(get, 'offset', 0, 0, 100_000_000),
  };
}

export { int as intParam, text as textParam };
