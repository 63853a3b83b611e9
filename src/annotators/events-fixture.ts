/**
 * Test support for the event coder: builds a Document, sentences and actor
 * mentions from plain sentences and a small table of names, so coder tests do
 * not depend on the segmenter or the actor finder.
 */
import type { ActorMention, Block, Document, EntityKind, Sentence, TimeExpression } from '../core/types.js';
import type { Lexicon } from '../dictionaries/lexicon.js';
import { codeEvents } from './events.js';

export interface FixtureActor {
  id: string;
  kind: EntityKind;
  country: string | null;
  names: string[];
}

export const ACTORS: FixtureActor[] = [
  { id: 'state:ALB', kind: 'state', country: 'ALB', names: ['Albania', 'Albanian', 'Albanians', 'Tirana'] },
  { id: 'state:KHM', kind: 'state', country: 'KHM', names: ['Cambodia', 'Cambodian', 'Phnom Penh', 'Kampuchea'] },
  { id: 'state:ISR', kind: 'state', country: 'ISR', names: ['Israel', 'Israeli'] },
  { id: 'state:EGY', kind: 'state', country: 'EGY', names: ['Egypt', 'Egyptian'] },
  { id: 'state:JOR', kind: 'state', country: 'JOR', names: ['Jordan'] },
  { id: 'state:CHN', kind: 'state', country: 'CHN', names: ['China', 'Chinese', 'Beijing'] },
  { id: 'state:VNM', kind: 'state', country: 'VNM', names: ['Vietnam', 'Vietnamese', 'Hanoi'] },
  { id: 'state:USA', kind: 'state', country: 'USA', names: ['the United States', 'US', 'American', 'Americans', 'Washington'] },
  { id: 'state:SUN', kind: 'state', country: 'SUN', names: ['the Soviet Union', 'Soviet', 'Moscow'] },
  { id: 'state:YUG', kind: 'state', country: 'YUG', names: ['Yugoslavia', 'Yugoslav'] },
  { id: 'state:ROU', kind: 'state', country: 'ROU', names: ['Romania', 'Romanian'] },
  { id: 'state:FRA', kind: 'state', country: 'FRA', names: ['France', 'French', 'Paris'] },
  { id: 'state:ITA', kind: 'state', country: 'ITA', names: ['Italy', 'Italian', 'Rome'] },
  { id: 'org:plo', kind: 'organization', country: 'PSE', names: ['the PLO', 'PLO'] },
  { id: 'org:un', kind: 'organization', country: 'IGO', names: ['the United Nations', 'UN'] },
  { id: 'org:amnesty', kind: 'organization', country: null, names: ['Amnesty International'] },
  { id: 'person:sihanouk', kind: 'person', country: 'KHM', names: ['Prince Sihanouk', 'Sihanouk'] },
  { id: 'person:hoxha', kind: 'person', country: 'ALB', names: ['Enver Hoxha', 'Hoxha'] },
  { id: 'person:zhou', kind: 'person', country: 'CHN', names: ['Zhou Enlai', 'Zhou'] },
  { id: 'person:tito', kind: 'person', country: 'YUG', names: ['Josip Broz Tito', 'Tito'] },
  { id: 'person:ceausescu', kind: 'person', country: 'ROU', names: ['Nicolae Ceaușescu', 'Ceaușescu'] },
  { id: 'person:nixon', kind: 'person', country: 'USA', names: ['Richard Nixon', 'Nixon'] },
  { id: 'person:sadat', kind: 'person', country: 'EGY', names: ['Anwar Sadat', 'Sadat'] },
  { id: 'person:begin', kind: 'person', country: 'ISR', names: ['Menachem Begin'] },
];

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function findFixtureMentions(text: string, actors: FixtureActor[] = ACTORS): ActorMention[] {
  const names = actors.flatMap((a) => a.names.map((n) => ({ n, a }))).sort((x, y) => y.n.length - x.n.length);
  const re = new RegExp(`(?<![\\p{L}])(${names.map((x) => escape(x.n)).join('|')})(?![\\p{L}])`, 'gu');
  const out: ActorMention[] = [];
  for (const m of text.matchAll(re)) {
    const hit = names.find((x) => x.n === m[1])!;
    out.push({
      span: { start: m.index!, end: m.index! + m[1]!.length },
      text: m[1]!,
      entity: { id: hit.a.id, name: hit.a.names[0]!, kind: hit.a.kind, country: hit.a.country },
      ruleId: 'fixture',
      confidence: 1,
    });
  }
  return out;
}

/** Paragraphs separated by blank lines; sentences split after . ! ? followed by a space and a capital. */
export function fixtureDocument(text: string, kinds: Block['kind'][] = []): { doc: Document; sentences: Sentence[]; mentions: ActorMention[]; times: TimeExpression[] } {
  const blocks: Block[] = [];
  const re = /[^\n]+(?:\n(?!\n)[^\n]+)*/g;
  for (const m of text.matchAll(re)) blocks.push({ kind: kinds[blocks.length] ?? 'paragraph', span: { start: m.index!, end: m.index! + m[0].length } });
  const sentences: Sentence[] = [];
  blocks.forEach((b, bi) => {
    let start = b.span.start;
    const chunk = text.slice(b.span.start, b.span.end);
    for (const m of chunk.matchAll(/[.!?]["”]?(?=\s+[“"A-Z])/g)) {
      const end = b.span.start + m.index! + m[0].length;
      sentences.push({ span: { start, end }, block: bi });
      start = end;
      while (text[start] === ' ') start++;
    }
    if (start < b.span.end) sentences.push({ span: { start, end: b.span.end }, block: bi });
  });
  const doc: Document = { id: 'fixture', uri: 'fixture.txt', name: 'fixture.txt', format: 'text', title: null, author: null, published: null, text, blocks, notes: [] };
  return { doc, sentences, mentions: findFixtureMentions(text), times: [] };
}

/** The events the coder finds in `text` with the fixture's actors, as sorted "code SRC>TGT" strings. */
export function fixtureDyads(text: string, lexicon: Lexicon): string[] {
  const f = fixtureDocument(text);
  return codeEvents(f.doc, f, lexicon, {}).map((e) => `${e.code} ${e.source?.country ?? '-'}>${e.target?.country ?? '-'}`).sort();
}
