import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCameoTable, quadClassOfRoot, validateCameoRows, type CameoEntry } from './cameo.js';

const tablePath = join(import.meta.dirname, '..', '..', 'data', 'cameo', 'codes.json');
const rows = JSON.parse(readFileSync(tablePath, 'utf8')) as CameoEntry[];
const shared = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');

test('the built-in CAMEO table is valid and covers all 20 roots', () => {
  assert.deepEqual(validateCameoRows(rows), []);
  const roots = new Set(rows.map((r) => r.root));
  assert.equal(roots.size, 20);
  const t = createCameoTable(rows);
  assert.equal(t.get('042')?.label, 'visits');
  assert.equal(t.get('0429')?.code, '042', 'unknown 4-digit codes fall back to their parent');
  assert.equal(t.rootLabel('19'), 'fighting');
  assert.equal(t.get('190')?.quadClass, 4);
  assert.equal(t.get('057')?.plover, 'SUPPORT');
});

test('validation names the problem', () => {
  assert.deepEqual(validateCameoRows({}), ['expected an array of CAMEO rows']);
  const bad = validateCameoRows([{ code: '42', root: '42', label: '', goldstein: 20, quadClass: 5, plover: 1 }]);
  assert.ok(bad.some((p) => /bad code/.test(p)));
  assert.ok(bad.some((p) => /missing label/.test(p)));
  assert.ok(bad.some((p) => /bad goldstein/.test(p)));
});

test('quad classes follow the root groups', () => {
  assert.deepEqual(['01', '05', '06', '09', '10', '14', '15', '20'].map(quadClassOfRoot), [1, 1, 2, 2, 3, 3, 4, 4]);
});

test('the table agrees with the reference CAMEO and PLOVER files', { skip: !existsSync(shared) && 'needs ../shared' }, () => {
  const lines = (p: string) => readFileSync(join(shared, p), 'latin1').split(/\r?\n/).slice(1).filter(Boolean);
  const codes = lines('cameo/CAMEO.eventcodes.txt').map((l) => l.split('\t')[0]!.trim()).filter((c) => /^\d{2,4}$/.test(c));
  assert.deepEqual(rows.map((r) => r.code).sort(), [...new Set(codes)].sort());
  const byCode = new Map(rows.map((r) => [r.code, r]));
  for (const l of lines('cameo/CAMEO.goldsteinscale.txt')) {
    const [c, g] = l.split('\t');
    if (c && /^\d{2,4}$/.test(c.trim())) assert.equal(byCode.get(c.trim())?.goldstein, Number(g), `Goldstein of ${c}`);
  }
  for (const l of readFileSync(join(shared, 'plover/CAMEO2PLOVER-2021.txt'), 'latin1').split(/\r?\n/)) {
    const m = /^(\d{2,4}):\s*([A-Z]+)/.exec(l);
    if (m && byCode.has(m[1]!)) assert.ok(byCode.get(m[1]!)!.plover !== null, `PLOVER of ${m[1]}`);
  }
});
