/**
 * Documents full of script and event-handler payloads, ingested and shown in
 * every view: none of the payloads may run. The payloads that survive text
 * extraction (escaped markup, text files) must be visible as text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveInputs } from './harness.js';
import { openBrowser, waitReady, SKIP_NO_CHROMIUM } from './browser.js';

const PAYLOADS = [
  '<script>window.__pwned = (window.__pwned || 0) + 1</script>',
  '<img src=x onerror="window.__pwned = (window.__pwned || 0) + 1">',
  '<svg onload="window.__pwned = (window.__pwned || 0) + 1"></svg>',
  '<a href="javascript:window.__pwned=1" id="jslink">click</a>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<body onpageshow="window.__pwned=1">',
  '"><script>window.__pwned=1</script>',
  "'-alert(1)-'",
  '<details open ontoggle="window.__pwned=1">',
  '<style>@import "javascript:alert(1)"</style>',
];

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function hostileHtml(): string {
  const live = PAYLOADS.join('\n');
  const shown = PAYLOADS.map((p) => `<p>On 3 May 1975 Albania signed a trade agreement with China ${escapeHtml(p)} in Tirana.</p>`).join('\n');
  return `<!doctype html><html><head><title>${escapeHtml('<script>window.__pwned=1</script> Hostile page')}</title>
<script>window.__pwned = 1</script></head>
<body onload="window.__pwned=1"><article><h1>Albania and China <img src=x onerror="window.__pwned=1"></h1>
${live}
${shown}
<p>The Chinese premier visited Albania in June 1966 <b onmouseover="window.__pwned=1">and praised</b> its leadership.</p>
</article></body></html>`;
}

function hostileText(): string {
  return `Hostile notes\n\nIn 1975 Albania praised China ${PAYLOADS[0]} and ${PAYLOADS[1]}.\n\nChina criticised the Soviet Union in 1969 ${PAYLOADS[2]}.\n`;
}

test('script and event-handler payloads in documents never run', { skip: SKIP_NO_CHROMIUM, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'annals-hostile-'));
  writeFileSync(path.join(dir, 'hostile.html'), hostileHtml());
  writeFileSync(path.join(dir, 'hostile.txt'), hostileText());
  const served = await serveInputs([dir]);
  const browser = await openBrowser();
  const { page } = browser;
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    const docs = ((await (await fetch(new URL('/api/documents', served.server.url))).json()) as { documents: Array<{ id: string; name: string }> }).documents;
    assert.equal(docs.length, 2, 'both hostile documents are stored');
    await page.goto(served.writeUrl);
    await waitReady(page);
    const views = [
      '#/documents',
      ...docs.map((d) => `#/reader/${d.id}`),
      '#/events',
      '#/timeline',
      '#/network',
      '#/conflicts',
      '#/review',
      '#/search?q=script',
      '#/search?q=onerror',
    ];
    for (const v of views) {
      await page.goto(`${served.server.url}${v}`);
      await waitReady(page);
      // Hover and click over everything a payload could hide in.
      for (const el of await page.locator('.doc-text .ev, .doc-text b, main a').all()) await el.hover({ timeout: 2000 }).catch(() => {});
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, `nothing ran in ${v}`);
    }
    // The text reader keeps the markup as text: it must be visible, not interpreted.
    const txt = docs.find((d) => d.name === 'hostile.txt')!;
    await page.goto(`${served.server.url}#/reader/${txt.id}`);
    await waitReady(page);
    const shown = (await page.locator('.doc-text').textContent()) ?? '';
    assert.ok(shown.includes(PAYLOADS[0]), 'the <script> payload is shown as text');
    assert.ok(shown.includes(PAYLOADS[1]), 'the onerror payload is shown as text');
    assert.equal(await page.locator('.doc-text script, .doc-text img, .doc-text svg, .doc-text iframe').count(), 0, 'no element was made from document text');
    const html = docs.find((d) => d.name === 'hostile.html')!;
    await page.goto(`${served.server.url}#/reader/${html.id}`);
    await waitReady(page);
    assert.equal(await page.locator('.doc-text script, .doc-text img, .doc-text svg, .doc-text iframe, .doc-text details').count(), 0);
    assert.match((await page.locator('.doc-text').textContent()) ?? '', /onerror=/, 'escaped markup in the page is shown as text');
    assert.deepEqual(dialogs, [], 'no dialog was opened');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
