import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseToken, parsePort } from './serve.js';
import { exposureNote } from '../../server/serve.js';

test('serve: the token comes from --token, then ANNALS_TOKEN, then --writable; none means read-only', () => {
  assert.equal(chooseToken({}, {}), null);
  assert.equal(chooseToken({ token: 'abcdefghijklmnop' }, { ANNALS_TOKEN: 'qrstuvwxyz012345' }), 'abcdefghijklmnop');
  assert.equal(chooseToken({}, { ANNALS_TOKEN: 'qrstuvwxyz012345' }), 'qrstuvwxyz012345');
  const fresh = chooseToken({ writable: true }, {});
  assert.match(fresh!, /^[A-Za-z0-9_-]{32}$/);
  assert.notEqual(fresh, chooseToken({ writable: true }, {}));
  assert.throws(() => chooseToken({ token: 'short' }, {}), /E020|16 to 200/);
  assert.throws(() => chooseToken({ token: 'has spaces in it, sixteen+' }, {}), /token/);
});

test('serve: ports are checked; beyond loopback a warning is printed', () => {
  assert.equal(parsePort(undefined), 8470);
  assert.equal(parsePort('0'), 0);
  assert.throws(() => parsePort('70000'), /port/);
  assert.throws(() => parsePort('80a'), /port/);
  assert.equal(exposureNote('127.0.0.1', null), null);
  assert.equal(exposureNote('::1', 'x'), null);
  assert.match(exposureNote('0.0.0.0', null)!, /read-only/);
});
