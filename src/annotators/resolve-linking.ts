/**
 * Actor-linking accuracy against gold entities (gold/SCHEMA.md): for each gold
 * entity, every occurrence of each of its aliases in the text is looked up
 * among the predicted mentions (a mention overlapping the occurrence). The
 * entity's predicted entity is the one most of its occurrences map to.
 *
 * - entity resolved: some occurrence is mapped, and the predicted entity has the
 *   gold country (both null counts as right);
 * - alias mapped: some occurrence of the alias maps to the entity's predicted
 *   entity, and that entity is resolved.
 * Aliases that never occur in the text (a gold typo) are left out of the count.
 */
import type { ActorMention } from '../core/types.js';

export interface GoldEntity {
  id: string;
  name: string;
  kind?: string;
  country: string | null;
  aliases: string[];
}

export interface EntityLink {
  gold: string;
  country: string | null;
  predicted: string | null;
  predictedCountry: string | null;
  resolved: boolean;
  aliases: { alias: string; mapped: boolean; occurrences: number; got: string[] }[];
}

export interface LinkingReport {
  entities: number;
  resolved: number;
  aliases: number;
  mapped: number;
  links: EntityLink[];
}

function occurrences(text: string, alias: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (!alias) return out;
  const isWord = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);
  for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + 1)) {
    if (isWord(text[at - 1]) || isWord(text[at + alias.length])) continue;
    out.push({ start: at, end: at + alias.length });
  }
  return out;
}

export function measureLinking(text: string, mentions: ActorMention[], gold: GoldEntity[]): LinkingReport {
  const sorted = [...mentions].sort((a, b) => a.span.start - b.span.start);
  const at = (s: number, e: number): ActorMention[] => sorted.filter((m) => m.span.start < e && s < m.span.end);
  const links: EntityLink[] = [];
  let aliasesTotal = 0;
  let mappedTotal = 0;
  let resolvedTotal = 0;
  for (const g of gold) {
    const votes = new Map<string, { n: number; country: string | null }>();
    const per: { alias: string; hits: Set<string>; occurrences: number }[] = [];
    for (const alias of new Set(g.aliases)) {
      const occ = occurrences(text, alias);
      const hits = new Set<string>();
      for (const o of occ) {
        // the mention that covers most of the occurrence
        let best: ActorMention | null = null;
        let bestOv = 0;
        for (const m of at(o.start, o.end)) {
          const ov = Math.min(m.span.end, o.end) - Math.max(m.span.start, o.start);
          if (ov > bestOv) [best, bestOv] = [m, ov];
        }
        if (!best) continue;
        hits.add(best.entity.id);
        const v = votes.get(best.entity.id) ?? { n: 0, country: best.entity.country };
        v.n++;
        votes.set(best.entity.id, v);
      }
      per.push({ alias, hits, occurrences: occ.length });
    }
    // the predicted entity: most votes, ties broken towards the right country
    let predicted: string | null = null;
    let pc: string | null = null;
    let n = 0;
    for (const [id, v] of votes) {
      const better = v.n > n || (v.n === n && v.country === g.country && pc !== g.country);
      if (better) [predicted, pc, n] = [id, v.country, v.n];
    }
    const resolved = predicted !== null && (pc ?? null) === (g.country ?? null);
    if (resolved) resolvedTotal++;
    const aliases = per
      .filter((p) => p.occurrences > 0)
      .map((p) => ({ alias: p.alias, mapped: resolved && p.hits.has(predicted!), occurrences: p.occurrences, got: [...p.hits] }));
    aliasesTotal += aliases.length;
    mappedTotal += aliases.filter((a) => a.mapped).length;
    links.push({ gold: g.id, country: g.country, predicted, predictedCountry: pc, resolved, aliases });
  }
  return { entities: gold.length, resolved: resolvedTotal, aliases: aliasesTotal, mapped: mappedTotal, links };
}
