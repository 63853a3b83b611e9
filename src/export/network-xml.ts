/**
 * What GraphML and GEXF write of an actor network alike: the attributes of
 * nodes and edges (name, type, how to read each from the network), the
 * element ids of nodes, and the root element with its schema location.
 */
import { create } from 'xmlbuilder2';
import type { Network, NetworkEdge, NetworkNode } from '../analysis/network.js';
import { xmlSafe } from './xml-text.js';

type XMLBuilder = ReturnType<typeof create>;

export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export type FieldType = 'string' | 'double';

export interface Field<T> {
  name: string;
  type: FieldType;
  get: (x: T) => string | number | null;
}

export const NODE_FIELDS: Array<Field<NetworkNode>> = [
  { name: 'kind', type: 'string', get: (n) => n.kind },
  { name: 'country', type: 'string', get: (n) => n.country },
  { name: 'events', type: 'double', get: (n) => n.events },
];

export const EDGE_FIELDS: Array<Field<NetworkEdge>> = [
  { name: 'relation', type: 'string', get: (e) => e.relation },
  { name: 'goldstein_sum', type: 'double', get: (e) => e.goldsteinSum },
  { name: 'goldstein_mean', type: 'double', get: (e) => e.goldsteinMean },
  { name: 'verbal_cooperation', type: 'double', get: (e) => e.quad[0] },
  { name: 'material_cooperation', type: 'double', get: (e) => e.quad[1] },
  { name: 'verbal_conflict', type: 'double', get: (e) => e.quad[2] },
  { name: 'material_conflict', type: 'double', get: (e) => e.quad[3] },
  { name: 'first', type: 'string', get: (e) => e.first },
  { name: 'last', type: 'string', get: (e) => e.last },
];

/** The values `fields` give for `x`, as XML-safe text, leaving out the missing ones. */
export function fieldValues<T>(fields: ReadonlyArray<Field<T>>, x: T): Array<[name: string, value: string]> {
  const out: Array<[string, string]> = [];
  for (const f of fields) {
    const v = f.get(x);
    if (v === null || v === undefined) continue;
    out.push([f.name, xmlSafe(String(v))]);
  }
  return out;
}

/** Element ids of the nodes ("n0", "n1", … in the network's order), by actor id. */
export function nodeIds(net: Network): Map<string, string> {
  return new Map(net.nodes.map((n, i) => [n.id, `n${i}`]));
}

/** The root element of an XML document in namespace `ns`, with xsi:schemaLocation pointing at `schema` (after `before`, before `after`). */
export function xmlRoot(ns: string, name: string, schema: string, before: Record<string, string> = {}, after: Record<string, string> = {}): XMLBuilder {
  return create({ version: '1.0', encoding: 'UTF-8' }).ele(ns, name, { ...before, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${ns} ${schema}`, ...after });
}
