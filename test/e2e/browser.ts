/**
 * Debian's Chromium driven by playwright-core, for the end-to-end tests, the
 * screenshots and the UI benchmark. Tests skip with a visible message when
 * /usr/bin/chromium is absent (install it with `apt-get install -y chromium`).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.ANNALS_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const SKIP_NO_CHROMIUM = HAVE_CHROMIUM ? false : `needs Chromium at ${CHROMIUM} (apt-get install -y chromium)`;

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Messages the page logged as errors, and CSP violations it reported. */
  errors: string[];
  violations: string[];
  close(): Promise<void>;
}

export async function openBrowser(options: { width?: number; height?: number } = {}): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'annals-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    viewport: { width: options.width ?? 1400, height: options.height ?? 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const violations: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.exposeFunction('__annalsCspViolation', (s: string) => violations.push(s));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __annalsCspViolation(s: string): void }).__annalsCspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return {
    context,
    page,
    errors,
    violations,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Wait until the current view says it has rendered. */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 15_000 });
}
