import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActorMention, CodedEvent, EntityRef } from '../core/types.js';
import { documentNames, withDocumentNames } from './document-names.js';

const GBR: EntityRef = { id: 'state:GBR', name: 'United Kingdom', kind: 'state', country: 'GBR' };
const USA: EntityRef = { id: 'state:USA', name: 'United States', kind: 'state', country: 'USA' };
const REBELS: EntityRef = { id: 'group:rebels', name: 'Rebel movement', kind: 'group', country: null };

let at = 0;
function mention(text: string, entity: EntityRef): ActorMention {
  at += 10;
  return { span: { start: at, end: at + text.length }, text, entity, ruleId: 'test', confidence: 1 };
}

test('an entity is named by the form the document uses most, never by a pronoun or a lower-case description', () => {
  const names = documentNames([
    mention('Great Britain', GBR),
    mention('His Britannic Majesty', GBR),
    mention('Great Britain', GBR),
    mention('he', GBR),
    mention('He', GBR),
    mention('He', GBR),
    mention('the rebels', REBELS),
    mention('The Rebels', REBELS),
  ]);
  assert.equal(names.get('state:GBR'), 'Great Britain');
  assert.equal(names.get('group:rebels'), 'The Rebels');
});

test('a tie goes to the entity\'s own name when it is among the most used, else to the form met first', () => {
  const names = documentNames([mention('the United States', USA), mention('Washington', USA), mention('United States', USA), mention('America', USA)]);
  assert.equal(names.get('state:USA'), 'United States');
  assert.equal(documentNames([mention('Washington', USA), mention('America', USA)]).get('state:USA'), 'Washington');
});

test('events keep their entity ids and take the document\'s names; an actor not named with a capital keeps its own', () => {
  const event = {
    id: 'e1', source: GBR, target: USA, claimant: null, code: '057',
  } as unknown as CodedEvent;
  const [e] = withDocumentNames([event], [mention('Great Britain', GBR), mention('it', USA), mention('the Americans', USA)]);
  assert.deepEqual(e.source, { ...GBR, name: 'Great Britain' });
  assert.equal(e.target, USA);
  assert.equal(event.source, GBR, 'the input event is left as it was');
});
