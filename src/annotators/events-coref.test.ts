import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActorMention, EntityRef } from '../core/types.js';
import { tokenize } from './events-tokens.js';
import { resolvePronouns } from './events-coref.js';
import { codeEvents } from './events.js';
import { fixtureDocument } from './events-fixture.js';
import { loadLexicon } from '../dictionaries/lexicon.js';

const lexicon = loadLexicon();

/** Code `body` under the heading `title`, with "the Department of State" read as the United States. */
function codeTitled(title: string, body: string): string[] {
  const f = fixtureDocument(`${title}\n\n${body}`, ['heading', 'paragraph']);
  const dept = f.doc.text.indexOf('the Department of State');
  const mentions = dept < 0 ? f.mentions : [...f.mentions, { span: { start: dept, end: dept + 23 }, text: 'the Department of State', entity: { id: 'state:USA', name: 'United States', kind: 'state' as const, country: 'USA' }, ruleId: 'test', confidence: 1 }];
  return codeEvents(f.doc, { ...f, mentions }, lexicon).map((e) => `${e.code} ${e.source?.country}>${e.target?.country}`).sort();
}

const KR: EntityRef = { id: 'group:khmer-rouge', name: 'Khmer Rouge', kind: 'group', country: 'KHM' };
const VN: EntityRef = { id: 'state:VNM', name: 'Vietnam', kind: 'state', country: 'VNM' };
const CN: EntityRef = { id: 'state:CHN', name: 'China', kind: 'state', country: 'CHN' };

function mention(text: string, surface: string, entity: EntityRef, from = 0): ActorMention {
  const start = text.indexOf(surface, from);
  assert.ok(start >= 0, surface);
  return { span: { start, end: start + surface.length }, text: surface, entity, ruleId: 'test', confidence: 1 };
}

function resolve(text: string, ms: ActorMention[]) {
  const toks = tokenize(text, { start: 0, end: text.length });
  return resolvePronouns(toks, ms, { recent: [], previousSubject: null, claimant: null });
}

test('a possessive in a by-phrase points to the sentence subject, not the passive subject of its clause', () => {
  const text = 'The Khmer Rouge, incited by China, announced that Vietnamese were being killed by its army.';
  const ms = [mention(text, 'Khmer Rouge', KR), mention(text, 'China', CN), mention(text, 'Vietnamese', VN)];
  const r = resolve(text, ms);
  const its = r.find((x) => x.mention.text === 'its');
  assert.ok(its);
  assert.equal(its.mention.entity.id, KR.id);
});

test('a possessive elsewhere keeps the nearest actor', () => {
  const text = 'The Khmer Rouge attacked Vietnam and its army retreated.';
  const ms = [mention(text, 'Khmer Rouge', KR), mention(text, 'Vietnam', VN)];
  const its = resolve(text, ms).find((x) => x.mention.text === 'its');
  assert.ok(its);
  assert.equal(its.mention.entity.id, VN.id);
});

const AL: EntityRef = { id: 'state:ALB', name: 'Albania', kind: 'state', country: 'ALB' };
const IL: EntityRef = { id: 'state:ISR', name: 'Israel', kind: 'state', country: 'ISR' };

test('an object pronoun does not stand for the subject of its own clause', () => {
  const prev = 'Albania’s rapport with Israel changed.';
  const text = 'Even though the regime had recognized it in 1949, it came to consider Israel a puppet.';
  const recent = [mention(prev, 'Albania', AL), mention(prev, 'Israel', IL)];
  const ms = [mention(text, 'the regime', AL)];
  const toks = tokenize(text, { start: 0, end: text.length });
  const r = resolvePronouns(toks, ms, { recent, previousSubject: recent[0]!, claimant: null });
  const first = r.find((x) => x.mention.span.start === text.indexOf('it in'));
  assert.ok(first);
  assert.equal(first.mention.entity.id, IL.id);
  // "it came to consider": a subject, the clause's own actor
  const second = r.find((x) => x.mention.span.start === text.indexOf('it came'));
  assert.ok(second);
  assert.equal(second.mention.entity.id, AL.id);
});

test('in a telegram, "I" and "me" are the mission of the state it is written for; "we" its state', () => {
  // events.coref.writer-v1
  const ev = codeTitled('Telegram From the Embassy in Romania to the Department of State', 'Ceaușescu received me yesterday. I protested to Ceaușescu about the decision.');
  assert.deepEqual(ev, ['042 USA>ROU', '043 ROU>USA', '114 USA>ROU']);
  // elsewhere "I" is nobody's
  assert.deepEqual(codeTitled('Notes on Romania', 'Ceaușescu received me yesterday.'), []);
  // "World War I" is no pronoun
  assert.deepEqual(codeTitled('Telegram From the Embassy in Romania to the Department of State', 'After World War I protested nothing.'), []);
});
