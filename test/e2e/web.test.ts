/**
 * The web app in Debian's Chromium: ingest the example corpus, open the reader,
 * click an event, filter the table, open a dyad chart and drill down, reject an
 * event and see it gone from the export. Skips (with the reason shown) when
 * /usr/bin/chromium is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { EXAMPLES, serveInputs, type Served } from './harness.js';
import { openBrowser, waitReady, SKIP_NO_CHROMIUM, type Browser } from './browser.js';

const skip = SKIP_NO_CHROMIUM || (!existsSync(EXAMPLES) && 'needs the example corpus in examples/');

interface ApiEvent {
  id: string;
  docId: string;
  docName: string;
  code: string;
  ruleId: string;
  source: { id: string; name: string; country: string | null } | null;
  target: { id: string; name: string; country: string | null } | null;
  date: { value: string } | null;
}

async function api<T>(s: Served, path: string): Promise<T> {
  const r = await fetch(new URL(path, s.server.url));
  assert.equal(r.status, 200, path);
  return (await r.json()) as T;
}

test('web app end to end on the example corpus', { skip, timeout: 120_000 }, async (t) => {
  const served = await serveInputs([EXAMPLES]);
  let browser: Browser | null = null;
  try {
    browser = await openBrowser();
    const { page } = browser;
    const all = await api<{ total: number; events: ApiEvent[] }>(served, '/api/events?limit=5000');
    assert.ok(all.total > 0, 'the examples give events');

    await t.test('documents list and reader with highlighted evidence', async () => {
      await page.goto(served.writeUrl);
      await waitReady(page);
      assert.equal(await page.locator('#mode').textContent(), 'review mode');
      const withEvents = all.events[0];
      await page.goto(`${served.server.url}#/reader/${withEvents.docId}`);
      await waitReady(page);
      const evidence = page.locator('.doc-text .ev');
      assert.ok((await evidence.count()) > 0, 'evidence is highlighted');
      assert.ok((await page.locator('.doc-text .actor').count()) > 0, 'actors are highlighted');
      assert.ok((await page.locator('.doc-text .time').count()) > 0, 'dates are highlighted');
    });

    const chosen = all.events.find((e) => e.source && e.target && e.date) ?? all.events[0];

    await t.test('clicking evidence shows how the event was coded', async () => {
      await page.goto(`${served.server.url}#/reader/${chosen.docId}`);
      await waitReady(page);
      await page.locator(`.doc-text .ev[data-events~="${chosen.id}"]`).first().click();
      await page.locator('#event-panel .event-title').waitFor();
      const panel = (await page.locator('#event-panel').textContent()) ?? '';
      assert.match(panel, new RegExp(chosen.code));
      assert.ok(panel.includes(chosen.ruleId), 'the rule is shown');
      assert.match(panel, /Modality/);
      assert.match(panel, /Claimant/);
      assert.match(panel, /Merged event/);
    });

    await t.test('the events table filters and sorts like the API', async () => {
      const actor = chosen.source!.country ?? chosen.source!.id;
      await page.goto(`${served.server.url}#/events`);
      await waitReady(page);
      assert.equal(await page.locator('#event-total').textContent(), all.total.toLocaleString('en'));
      await page.fill('form.filters input[name=actor]', actor);
      await page.click('form.filters button[type=submit]');
      await page.waitForFunction((a) => location.hash.includes(`actor=${a}`), actor);
      await waitReady(page);
      const expected = await api<{ total: number }>(served, `/api/events?actor=${encodeURIComponent(actor)}`);
      assert.equal(await page.locator('#event-total').textContent(), expected.total.toLocaleString('en'));
      assert.ok(expected.total < all.total || all.events.every((e) => e.source?.country === actor || e.target?.country === actor));
      await page.click('button.sort[data-sort=code]');
      await page.waitForFunction(() => location.hash.includes('sort=code'));
      await waitReady(page);
      const codes = await page.locator('.events-table tbody tr td:nth-child(3) .quad').allTextContents();
      assert.deepEqual(codes, [...codes].sort());
      // A row leads to the reader with its event selected.
      await page.locator('.events-table tbody tr td.evidence a').first().click();
      await page.waitForFunction(() => location.hash.startsWith('#/reader/'));
      await waitReady(page);
      await page.locator('#event-panel .event-title').waitFor();
    });

    await t.test('the dyad chart drills down to events and sentences', async () => {
      const a = chosen.source!.country ?? chosen.source!.id;
      const b = chosen.target!.country ?? chosen.target!.id;
      await page.goto(`${served.server.url}#/relations?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);
      await waitReady(page);
      assert.ok((await page.locator('#dyad-chart canvas').count()) > 0, 'the chart is drawn');
      // Click the chart on the first period that has events.
      const point = await page.evaluate(() => {
        const { u, xs } = (window as unknown as { __annalsChart: { u: { valToPos(v: number, s: string): number; over: Element; data: number[][] }; xs: number[] } }).__annalsChart;
        const i = u.data[2].findIndex((v, k) => v > 0 || u.data[3][k] < 0);
        const box = u.over.getBoundingClientRect();
        return { x: box.left + u.valToPos(xs[i], 'x'), y: box.top + box.height / 2 };
      });
      await page.mouse.move(point.x, point.y);
      await page.mouse.click(point.x, point.y);
      await page.locator('#drill blockquote').first().waitFor();
      const sentences = await page.locator('#drill blockquote').allTextContents();
      assert.ok(sentences.length > 0);
      // The sentence links to the reader.
      await page.locator('#drill blockquote a').first().click();
      await page.waitForFunction(() => location.hash.startsWith('#/reader/'));
      await waitReady(page);
      await page.locator('#event-panel .event-title').waitFor();
    });

    await t.test('the other views render', async () => {
      for (const view of ['timeline', 'network', 'conflicts', 'review', 'search?q=treaty']) {
        await page.goto(`${served.server.url}#/${view}`);
        await waitReady(page);
        assert.equal(await page.locator('main .error').count(), 0, view);
      }
      await page.goto(`${served.server.url}#/timeline`);
      await waitReady(page);
      assert.ok((await page.locator('.vis-item').count()) > 0, 'timeline items');
      assert.ok((await page.locator('.vis-item.vis-range.vague').count()) > 0, 'vague dates drawn as ranges');
      await page.goto(`${served.server.url}#/network`);
      await waitReady(page);
      const net = await page.evaluate(() => (window as unknown as { __annalsNetwork: { nodes: number; edges: number } }).__annalsNetwork);
      assert.ok(net.nodes > 1 && net.edges > 0);
    });

    await t.test('a rejected event is struck out and gone from the export', async () => {
      const before = await (await fetch(new URL('/api/export?format=jsonl', served.server.url))).text();
      assert.ok(before.includes(`"id":"${chosen.id}"`));
      await page.goto(`${served.server.url}#/reader/${chosen.docId}?event=${chosen.id}`);
      await waitReady(page);
      await page.locator('#event-panel button.reject').click();
      await page.locator('#event-panel .correction-note.rejected').waitFor();
      await page.locator(`.doc-text .ev.rejected[data-events~="${chosen.id}"], .doc-text .ev.part-rejected[data-events~="${chosen.id}"]`).first().waitFor();
      const after = await (await fetch(new URL('/api/export?format=jsonl', served.server.url))).text();
      assert.ok(!after.includes(`"id":"${chosen.id}"`), 'gone from the export');
      assert.equal(after.trim().split('\n').length, before.trim().split('\n').length - 1);
      await page.goto(`${served.server.url}#/review`);
      await waitReady(page);
      assert.match((await page.locator('table.corrections').textContent()) ?? '', /reject/);
    });

    await t.test('an edit made in the reader shows as a correction in the table and the export', async () => {
      const other = all.events.find((e) => e.id !== chosen.id && e.code.slice(0, 2) !== '19')!;
      await page.goto(`${served.server.url}#/reader/${other.docId}?event=${other.id}`);
      await waitReady(page);
      const title = await page.locator(`.doc-text .ev[data-events~="${other.id}"]`).first().getAttribute('title');
      assert.ok(title && title.includes(other.code), 'hovering evidence tells its coding');
      await page.locator('#event-panel details summary').click();
      await page.fill('#event-panel .edit-form input[name=code]', '190');
      await page.click('#event-panel .edit-form button[type=submit]');
      await page
        .locator('#event-panel .correction-note.edited')
        .waitFor({ timeout: 10_000 })
        .catch(async (e) => {
          throw new Error(`${(e as Error).message}\ntoast: ${await page.locator('#toast').textContent()}\npanel: ${await page.locator('#event-panel').textContent()}`);
        });
      await page.goto(`${served.server.url}#/events?code=19`);
      await waitReady(page);
      const row = page.locator(`.events-table tr[data-event="${other.id}"]`);
      assert.equal(await row.count(), 1, 'the edited event is found by its new code');
      assert.match((await row.textContent()) ?? '', /edited/);
      const line = (await (await fetch(new URL('/api/export?format=jsonl', served.server.url))).text()).split('\n').find((l) => l.includes(`"id":"${other.id}"`))!;
      const rec = JSON.parse(line);
      assert.equal(rec.code, '190');
      assert.equal(rec.correction.original.code, other.code);
    });

    assert.deepEqual(browser.errors, [], 'no errors in the page');
    assert.deepEqual(browser.violations, [], 'no Content-Security-Policy violations');
  } finally {
    await browser?.close();
    await served.close();
  }
});
