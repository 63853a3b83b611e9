import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Document } from '../core/types.js';
import { loadActorIndex } from '../dictionaries/actors.js';
import { segment } from './segment.js';
import { findActors } from './actors.js';
import { reresolveRole, roleKeyInText } from './resolve-role.js';

const index = loadActorIndex();

function doc(text: string): Document {
  return { id: 'r', uri: 'r', name: 'r', format: 'text', title: null, author: null, published: null, text, blocks: [{ kind: 'paragraph', span: { start: 0, end: text.length } }], notes: [] };
}

test('role keys are read from a mention text', () => {
  assert.equal(roleKeyInText(index, 'the Albanian Defence Minister'), 'defence-minister');
  assert.equal(roleKeyInText(index, 'the Cambodian Foreign minister'), 'foreign-minister');
  assert.equal(roleKeyInText(index, 'Tirana'), null);
});

test('a title is resolved again with the event date', () => {
  const d = doc('In 1990 the Albanian Prime Minister, who had long been expected to resign, met envoys in Tirana.');
  const m = findActors(d, segment(d), index).mentions.find((x) => x.text === 'the Albanian Prime Minister')!;
  assert.equal(m.entity.id, 'person:adil-carcani');
  assert.equal(reresolveRole(index, m, '1991-03-01')?.id, 'person:fatos-nano');
  assert.equal(reresolveRole(index, m, null), null);
  const tirana = findActors(d, segment(d), index).mentions.find((x) => x.text === 'Tirana')!;
  assert.equal(tirana.entity.id, 'state:ALB');
  assert.equal(reresolveRole(index, tirana, '1991-03-01'), null, 'not a title');
});
