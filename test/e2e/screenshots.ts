/**
 * `npm run screenshots`: a picture of each view of the web app, written to
 * docs/screenshots/. Ingests the example corpus (and the development seeds
 * when ../shared is there), makes two corrections so the review marks show,
 * and drives Debian's Chromium through the views.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLES, REPO, TOKEN, serveInputs } from './harness.js';
import { HAVE_CHROMIUM, CHROMIUM, openBrowser, waitReady } from './browser.js';

const OUT = path.join(REPO, 'docs', 'screenshots');
const SEEDS = path.join(REPO, '..', 'shared', 'corpus', 'seeds');

interface ApiEvent {
  id: string;
  docId: string;
  docName: string;
  source: { country: string | null; id: string } | null;
  target: { country: string | null; id: string } | null;
  evidenceText: string;
}

async function main(): Promise<void> {
  if (!HAVE_CHROMIUM) {
    console.error(`screenshots need Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  const inputs = [EXAMPLES, ...(existsSync(SEEDS) ? [SEEDS] : [])];
  const served = await serveInputs(inputs);
  const base = served.server.url;
  const post = (body: unknown) =>
    fetch(new URL('/api/corrections', base), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
  const browser = await openBrowser({ width: 1400, height: 900 });
  const { page } = browser;
  try {
    const { events } = (await (await fetch(new URL('/api/events?limit=5000', base))).json()) as { events: ApiEvent[] };
    const hasSeeds = events.some((e) => e.docName.startsWith('002_'));
    const [a, b] = hasSeeds ? ['ALB', 'KHM'] : [events[0].source?.country ?? 'ALB', events[0].target?.country ?? 'CHN'];
    const dyadEvents = events.filter((e) => e.source && e.target && [e.source.country, e.target.country].includes(a) && [e.source.country, e.target.country].includes(b));
    const focus = dyadEvents.find((e) => /ambassador/i.test(e.evidenceText)) ?? dyadEvents[0] ?? events[0];
    // Two corrections, so the review marks show.
    const rejected = events.find((e) => e.docId === focus.docId && e.id !== focus.id);
    if (rejected) await post({ kind: 'reject', event: rejected.id, note: 'not an event between states' });
    const edited = dyadEvents.find((e) => e.id !== focus.id && e.id !== rejected?.id);
    if (edited) await post({ kind: 'edit', event: edited.id, edit: { modality: 'reported' }, note: 'the author reports it' });

    await page.goto(served.writeUrl);
    await waitReady(page);
    const shots: Array<[string, string, (() => Promise<void>)?]> = [
      ['documents', '#/documents'],
      ['reader', `#/reader/${focus.docId}?event=${focus.id}`],
      ['events', `#/events?dyad=${a},${b}&include=all`],
      ['timeline', `#/timeline?dyad=${a},${b}`],
      [
        'relations',
        `#/relations?a=${a}&b=${b}`,
        async () => {
          const buttons = page.locator('.years button.change');
          const target = (await buttons.count()) ? buttons.first() : page.locator('.years button').first();
          await target.click();
          await page.locator('#drill blockquote').first().waitFor();
        },
      ],
      ['network', '#/network?from=1960&to=2010'],
      ['conflicts', '#/conflicts'],
      ['review', '#/review'],
    ];
    for (const [name, hash, then] of shots) {
      await page.goto(`${base}${hash}`);
      await waitReady(page);
      if (then) await then();
      await page.waitForTimeout(400);
      const file = path.join(OUT, `${name}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${path.relative(REPO, file)}`);
    }
    if (browser.errors.length || browser.violations.length) {
      console.error('page errors:', browser.errors, 'CSP violations:', browser.violations);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await served.close();
  }
}

await main();
