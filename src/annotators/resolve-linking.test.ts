import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ActorMention, EntityRef } from '../core/types.js';
import { measureLinking, type GoldEntity } from './resolve-linking.js';
import { readDocument } from '../formats/index.js';
import { segment } from './segment.js';
import { findActors } from './actors.js';
import { loadActorIndex } from '../dictionaries/actors.js';

const ALB: EntityRef = { id: 'state:ALB', name: 'Albania', kind: 'state', country: 'ALB' };
const HOX: EntityRef = { id: 'person:enver-hoxha', name: 'Enver Hoxha', kind: 'person', country: 'ALB' };

function mention(text: string, surface: string, entity: EntityRef, from = 0): ActorMention {
  const start = text.indexOf(surface, from);
  return { span: { start, end: start + surface.length }, text: surface, entity, ruleId: 'test', confidence: 1 };
}

test('linking: an entity resolves when its aliases map to one entity of the right country', () => {
  const text = 'Enver Hoxha ruled Albania. Tirana agreed. Hoxha spoke. The Albanian people cheered.';
  const mentions = [mention(text, 'Enver Hoxha', HOX), mention(text, 'Albania', ALB), mention(text, 'Tirana', ALB), mention(text, 'Hoxha', HOX, 30)];
  const gold: GoldEntity[] = [
    { id: 'hoxha', name: 'Enver Hoxha', country: 'ALB', aliases: ['Enver Hoxha', 'Hoxha'] },
    { id: 'albania', name: 'Albania', country: 'ALB', aliases: ['Albania', 'Tirana', 'Shqipëria'] },
    { id: 'people', name: 'the Albanian people', country: 'ALB', aliases: ['The Albanian people'] },
  ];
  const r = measureLinking(text, mentions, gold);
  assert.equal(r.entities, 3);
  assert.equal(r.resolved, 2);
  // "Shqipëria" never occurs: not counted; "The Albanian people" occurs but is not mapped
  assert.equal(r.aliases, 5);
  assert.equal(r.mapped, 4);
  assert.equal(r.links.find((l) => l.gold === 'people')!.resolved, false);
});

test('linking: the wrong country is not resolved', () => {
  const text = 'Moscow protested.';
  const rus: EntityRef = { id: 'state:RUS', name: 'Russia', kind: 'state', country: 'RUS' };
  const r = measureLinking(text, [mention(text, 'Moscow', rus)], [{ id: 'sun', name: 'Soviet Union', country: 'SUN', aliases: ['Moscow'] }]);
  assert.equal(r.resolved, 0);
  assert.equal(r.mapped, 0);
});

const shared = resolve(import.meta.dirname, '..', '..', '..', 'shared');
const goldDir = join(shared, 'gold', 'dev');
const seeds = join(shared, 'corpus', 'seeds');

test('actor linking on the development set meets its targets (≥ 90 % entities, ≥ 85 % aliases)', { skip: !existsSync(goldDir) && 'needs ../shared' }, async () => {
  const index = loadActorIndex();
  let E = 0;
  let R = 0;
  let A = 0;
  let M = 0;
  for (const f of readdirSync(goldDir).filter((x) => x.endsWith('.json'))) {
    const gold = JSON.parse(readFileSync(join(goldDir, f), 'utf8')) as { doc: string; entities: GoldEntity[] };
    const path = join(seeds, gold.doc);
    const doc = await readDocument(readFileSync(path), path);
    const r = measureLinking(doc.text, findActors(doc, segment(doc), index).mentions, gold.entities);
    E += r.entities;
    R += r.resolved;
    A += r.aliases;
    M += r.mapped;
  }
  assert.ok(R / E >= 0.9, `entities resolved ${R}/${E}`);
  assert.ok(M / A >= 0.85, `aliases mapped ${M}/${A}`);
});
