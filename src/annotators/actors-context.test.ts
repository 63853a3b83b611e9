import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActorMention, Block, Document } from '../core/types.js';
import { loadActorIndex } from '../dictionaries/actors.js';
import { segment } from './segment.js';
import { findActors } from './actors.js';
import { documentContext } from './actors-context.js';

const index = loadActorIndex();

/** A Document from paragraphs (blank-line separated), with a title. */
function docOf(title: string | null, text: string, published: string | null = null): Document {
  const blocks: Block[] = [];
  const re = /[^\n]+(?:\n[^\n]+)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) blocks.push({ kind: 'paragraph', span: { start: m.index, end: m.index + m[0].length } });
  return { id: 'test', uri: 'test.xml', name: 'test.xml', format: 'tei', title, author: null, published, text, blocks, notes: [] };
}

function run(title: string | null, text: string, published: string | null = null) {
  const doc = docOf(title, text, published);
  return findActors(doc, segment(doc), index);
}

function all(ms: ActorMention[], surface: string): ActorMention[] {
  return ms.filter((x) => x.text === surface);
}

function at(ms: ActorMention[], surface: string): ActorMention {
  const m = ms.find((x) => x.text === surface);
  assert.ok(m, `no mention "${surface}" in ${JSON.stringify(ms.map((x) => x.text))}`);
  return m;
}

const CABLE = 'Telegram From the Embassy in Norway to the Department of State';
const BODY = [
  'Oslo, March 3, 1962, 6 p.m.',
  'The Foreign Minister received me this morning. I told him that we could not accept the proposal, and an Embassy officer left a note.',
  'He said the Government would reply once the Prime Minister returned. I said that the President had already written and that the Secretary shared his view. The Department has the text.',
  'He quoted his colleague: "I will not sign." My impression is that the Embassy should wait.',
  'Whitford',
].join('\n\n');

test('a cable from an embassy: sender, host and signer from the heading, dateline and signature', () => {
  const ctx = documentContext(docOf(CABLE, BODY), index);
  assert.equal(ctx.cable, true);
  assert.equal(ctx.sender, 'USA');
  assert.equal(ctx.host, 'NOR');
  assert.equal(ctx.signer?.name, 'Whitford');
  // no post in the heading: not a cable
  assert.equal(documentContext(docOf('Norway–Sweden relations', 'Norway and Sweden signed a treaty.'), index).cable, false);
  // the dateline names the host when the heading names the post by a city
  const c2 = documentContext(docOf('Airgram From the Embassy at Copenhagen to the Department of State', 'Copenhagen, May 2, 1950.\n\nThe Minister called.\n\nSmith'), index);
  assert.equal(c2.host, 'DNK');
});

test('first person in a cable is the signer, of the sending state; "we" and "the Embassy" the sending government', () => {
  const { mentions } = run(CABLE, BODY, '1962-03-03');
  const me = at(mentions, 'me');
  assert.equal(me.ruleId, 'actors.cable.first-person-v1');
  assert.equal(me.entity.kind, 'person');
  assert.equal(me.entity.country, 'USA');
  assert.equal(me.entity.name, 'Whitford');
  const i = all(mentions, 'I');
  assert.equal(i.length, 2, 'the "I" inside the quotation is the colleague, not the signer');
  for (const m of i) assert.equal(m.entity.id, me.entity.id);
  assert.equal(at(mentions, 'My').entity.id, me.entity.id);
  assert.equal(at(mentions, 'Whitford').ruleId, 'actors.cable.signer-v1');
  assert.equal(at(mentions, 'we').entity.id, 'state:USA');
  assert.equal(at(mentions, 'an Embassy officer').entity.id, 'state:USA');
  assert.equal(at(mentions, 'the Embassy').entity.id, 'state:USA');
  assert.equal(at(mentions, 'The Department').entity.id, 'state:USA');
});

test('in a cable, "the President" and "the Secretary" are the sending state\'s; "the Government" and other titles the host\'s', () => {
  const { mentions } = run(CABLE, BODY, '1962-03-03');
  assert.equal(at(mentions, 'the President').entity.id, 'person:john-f-kennedy');
  assert.equal(at(mentions, 'the Secretary').entity.id, 'person:dean-rusk');
  assert.equal(at(mentions, 'the Government').entity.id, 'state:NOR');
  assert.equal(at(mentions, 'the Prime Minister').entity.country, 'NOR');
  assert.equal(at(mentions, 'The Foreign Minister').entity.country, 'NOR');
});

test('a title without a country names a person of the document\'s country; a KB holder wins when there is one', () => {
  const body = 'Ankara, July 21, 1974.\n\nPrime Minister Ecevit received me. Foreign Minister Karaca was present.\n\nJones';
  const { mentions } = run('Telegram From the Embassy in Turkey to the Department of State', body, '1974-07-21');
  assert.equal(at(mentions, 'Prime Minister Ecevit').entity.id, 'person:bulent-ecevit');
  const fm = at(mentions, 'Foreign Minister Karaca');
  assert.equal(fm.entity.country, 'TUR');
});

test('"the Government" with a capital in prose is the document\'s own government, not the last state named', () => {
  const text = 'Denmark protested to Sweden in 1960. The next week the Government recalled its minister from Stockholm. Denmark and Norway agreed.';
  const { mentions } = run(null, text);
  assert.equal(at(mentions, 'the Government').entity.id, 'state:DNK');
});

test('the signer named in the text by title and surname is of the sending state; another ambassador is not', () => {
  const body = [
    'Bergen, April 4, 1961.',
    'Ambassador Halvorsen called on the Minister. Ambassador Kettering also attended. Halvorsen said the note was ready.',
    'Clement Kettering',
  ].join('\n\n');
  const { mentions } = run('Telegram From the Consulate in Norway to the Department of State', body, '1961-04-04');
  const k = at(mentions, 'Ambassador Kettering');
  assert.equal(k.entity.country, 'USA');
  assert.equal(at(mentions, 'Clement Kettering').entity.country, 'USA');
  // no evidence for the other ambassador's country: none is given
  assert.equal(at(mentions, 'Ambassador Halvorsen').entity.country, null);
});

test('"the Ambassador" in a cable is the sending state\'s, unless another country\'s ambassador was named before', () => {
  const body = ['Bergen, April 4, 1961.', 'The Ambassador called on the Minister this morning.', 'Kettering'].join('\n\n');
  const { mentions } = run('Telegram From the Consulate in Norway to the Department of State', body, '1961-04-04');
  const a = at(mentions, 'The Ambassador');
  assert.equal(a.ruleId, 'actors.cable.ambassador-v1');
  assert.equal(a.entity.country, 'USA');
  const body2 = ['Bergen, April 4, 1961.', 'The Swedish Ambassador called this morning. The Ambassador said that his Government would wait.', 'Kettering'].join('\n\n');
  const m2 = run('Telegram From the Consulate in Norway to the Department of State', body2, '1961-04-04').mentions;
  assert.ok(!m2.some((m) => m.ruleId === 'actors.cable.ambassador-v1'), JSON.stringify(m2.map((m) => [m.text, m.ruleId])));
  // "the Ambassador to Norway", "the Ambassador Lodge": not the house word
  const m3 = run('Telegram From the Consulate in Norway to the Department of State', 'Bergen, April 4, 1961.\n\nThe Ambassador to Sweden arrived.\n\nKettering', '1961-04-04').mentions;
  assert.ok(!m3.some((m) => m.ruleId === 'actors.cable.ambassador-v1'));
});

test('a post or dateline at a place of the gazetteer held by one state names the host', () => {
  assert.equal(documentContext(docOf('Telegram From the Consulate General at Alexandria to the Department of State', 'Alexandria, May 2, 1950.\n\nThe Governor called.\n\nSmith'), index).host, 'EGY');
  assert.equal(documentContext(docOf('Telegram From the Consulate to the Department of State', 'Port Said, November 6, 1956.\n\nThe Governor called.\n\nSmith'), index).host, 'EGY', 'the dateline names the host');
  // a place that changed hands says nothing without a date
  assert.equal(documentContext(docOf('Telegram From the Consulate at Sevastopol to the Department of State', 'The Governor called.\n\nSmith'), index).host, null);
});
