/**
 * Attacks against the real server on a loopback socket: raw paths that try to
 * leave the web folder, oversized bodies, foreign Host headers, writes without
 * or with a wrong token, SQL-looking filters, and the headers on every answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer } from './serve.js';
import { createFixtureStore } from '../app/corrections-fixture.js';
import { createMemoryCorrectionStore } from '../app/corrections.js';
import { CONTENT_SECURITY_POLICY } from './security.js';

const TOKEN = 'loopback-test-token-0123';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request: the path is sent exactly as given (no URL normalisation). */
function raw(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent: false, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

test('attacks against the server on loopback', async (t) => {
  const server = await startServer({ store: await createFixtureStore(), corrections: createMemoryCorrectionStore(), token: TOKEN, port: 0 });
  const port = server.port;
  try {
    await t.test('it listens on loopback only', () => {
      assert.equal(server.host, '127.0.0.1');
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    });

    await t.test('paths that try to leave the web folder find nothing', async () => {
      for (const p of [
        '/app/../../package.json',
        '/app/..%2f..%2fpackage.json',
        '/app/%2e%2e/%2e%2e/package.json',
        '/app/..\\..\\package.json',
        '/vendor/../../package.json',
        '/vendor/%2e%2e%2fpackage.json',
        '/../../../../etc/passwd',
        '/app/%00app.js',
        '/app/app.js%00.png',
        '/app//etc/passwd',
        '/vendor/cytoscape.js/../../../package.json',
      ]) {
        const r = await raw(port, 'GET', p);
        assert.ok(r.status === 404 || r.status === 400, `${p} → ${r.status}`);
        assert.doesNotMatch(r.body, /"name": "annals"|root:x:0/, p);
      }
      assert.equal((await raw(port, 'GET', '/app/app.js')).status, 200);
    });

    await t.test('an oversized body is refused', async () => {
      const big = JSON.stringify({ kind: 'reject', event: 'ev-praise', note: 'x'.repeat(1_000_000) });
      const r = await raw(port, 'POST', '/api/corrections', { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'content-length': String(Buffer.byteLength(big)) }, big);
      assert.equal(r.status, 413);
      assert.equal(JSON.parse(r.body).error.code, 'E041');
    });

    await t.test('a foreign Host header is refused (DNS rebinding)', async () => {
      const r = await raw(port, 'GET', '/api/health', { host: 'attacker.example' });
      assert.equal(r.status, 403);
      assert.equal(JSON.parse(r.body).error.code, 'E042');
    });

    await t.test('writes need the token', async () => {
      const body = JSON.stringify({ kind: 'reject', event: 'ev-praise' });
      const none = await raw(port, 'POST', '/api/corrections', { 'content-type': 'application/json' }, body);
      assert.equal(none.status, 401);
      const wrong = await raw(port, 'POST', '/api/corrections', { 'content-type': 'application/json', authorization: 'Bearer loopback-test-token-0124' }, body);
      assert.equal(wrong.status, 401);
      const del = await raw(port, 'DELETE', '/api/corrections/c000001');
      assert.equal(del.status, 401);
      const events = JSON.parse((await raw(port, 'GET', '/api/events')).body);
      assert.equal(events.total, 4, 'nothing was rejected');
    });

    await t.test('filters and searches that look like SQL stay data', async () => {
      for (const q of ["actor=x'%20OR%201=1--", 'doc=%27%3B%20DROP%20TABLE%20events%3B--', 'dyad=ALB,KHM%27%29%20OR%20%281=1']) {
        const r = await raw(port, 'GET', `/api/events?${q}`);
        assert.equal(r.status, 200, q);
        assert.equal(JSON.parse(r.body).total, 0, q);
      }
      const s = await raw(port, 'GET', `/api/search?q=${encodeURIComponent('praised" OR text MATCH "*')}`);
      assert.ok(s.status === 200 || s.status === 400);
      assert.equal(JSON.parse((await raw(port, 'GET', '/api/events')).body).total, 4);
    });

    await t.test('every answer carries the security headers', async () => {
      for (const p of ['/', '/app/app.js', '/vendor/uplot.js', '/api/health', '/api/nope', '/nope']) {
        const r = await raw(port, 'GET', p);
        assert.equal(r.headers['content-security-policy'], CONTENT_SECURITY_POLICY, p);
        assert.equal(r.headers['x-content-type-options'], 'nosniff', p);
        assert.equal(r.headers['x-frame-options'], 'DENY', p);
        assert.equal(r.headers['access-control-allow-origin'], undefined, p);
      }
    });

    await t.test('concurrent requests are all answered', async () => {
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => raw(port, 'GET', i % 2 ? '/api/events?limit=2' : '/api/documents')));
      assert.ok(answers.every((a) => a.status === 200));
    });
  } finally {
    await server.close();
  }
});
