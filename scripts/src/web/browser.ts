// The screens' test harness: the real system on PGlite (all four services, the gateway on a
// free port), headless Chromium from Debian's package driven by playwright-core, axe-core run
// in each page, and screenshots written where the README says (test-output/screens).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@duijie/db';
import { captureLogger, testStaffTokens } from '@duijie/service-kit/testing';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { Test } from 'tap';
import { type RunningSystem, runServices } from '../system.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** Where each page test leaves its screenshots, at the page's target size. */
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? join(root, 'test-output', 'screens');
/** Debian's chromium (`apt-get install chromium`; .ci/run installs it when missing). */
/**
 * How long a test waits for a live screen to show what the API just did. Generous: the suite
 * shares two cores; the speed itself is bench:web's to measure.
 */
export const LIVE_WAIT = 20_000;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const SIZES = {
  phone: { width: 375, height: 667 },
  tablet: { width: 1024, height: 768 },
  hall: { width: 1920, height: 1080 },
  laptop: { width: 1280, height: 800 },
} as const;

/**
 * Skips the file when there is no Chromium (a developer's machine without it), unless
 * REQUIRE_BROWSER=1 (.ci/run sets it): then its absence fails the run.
 */
export function browserMissing(): string | false {
  if (existsSync(CHROMIUM)) return false;
  const why = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but ${why}`);
  return why;
}

export type Screens = {
  system: RunningSystem;
  url: string;
  browser: Browser;
  /** A fresh browser context (its own sessionStorage and cookies) with one page at `size`. */
  open(size: keyof typeof SIZES, options?: { transparent?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
};

/** The whole system on a fresh PGlite and a browser, both closed when `t` ends. */
export async function startScreens(t: Test): Promise<Screens> {
  const db = await openDatabase({});
  const log = captureLogger('warn');
  const system = await runServices({
    db,
    staffTokens: testStaffTokens,
    logger: log.logger,
    gateway: { rateLimit: { max: 100_000, windowMs: 60_000 } },
    liveRefreshMs: 0,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Root in CI's container: Chromium's sandbox needs a user namespace it may not have.
    // A camera that shows a test pattern, granted without asking (the desk's 扫码).
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
  t.teardown(async () => {
    await browser.close();
    await system.close();
    await db.close();
  });
  const url = system.gatewayUrl;
  const origin = new URL(url).origin;
  return {
    system,
    url,
    browser,
    async open(size) {
      const context = await browser.newContext({ viewport: SIZES[size], locale: 'zh-CN' });
      const page = await context.newPage();
      // No request leaves the system: anything for another origin fails the test.
      page.on('request', (request) => {
        const to = request.url();
        if (!to.startsWith(origin) && !to.startsWith('data:') && !to.startsWith('blob:')) {
          t.fail(`a request to another host: ${to}`);
        }
      });
      page.on('pageerror', (err) => t.fail(`a script error on the page: ${err.message}`));
      return { context, page };
    },
  };
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** axe-core in the page as it is now: no serious or critical violation. */
export async function checkAccessibility(t: Test, page: Page, what: string) {
  // Evaluated through the DevTools protocol, so the page's CSP (scripts from itself only) holds.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  t.same(
    bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`),
    [],
    `${what}: no serious or critical accessibility violation (axe-core)`,
  );
}

/** Every visible button, link and form control at least 44 × 44 px (touch screens). */
export async function checkTouchTargets(t: Test, page: Page, what: string) {
  const small = await page.evaluate(() => {
    type Box = { width: number; height: number };
    type El = { tagName: string; textContent: string | null; type?: string; getBoundingClientRect(): Box };
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<El> } }).document;
    return Array.from(doc.querySelectorAll('button, a, input:not([type=hidden]), select, textarea, summary'))
      .filter((el) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return false;
        // A radio button or checkbox counts with its label, which is the target.
        if (el.type === 'radio' || el.type === 'checkbox') return false;
        return box.height < 44 || box.width < 44;
      })
      .map((el) => {
        const box = el.getBoundingClientRect();
        return `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`;
      });
  });
  t.same(small, [], `${what}: every touch target is at least 44 px`);
}

/** The page as it looks now, at its size, for a reviewer: test-output/screens/<name>.png. */
export async function screenshot(page: Page, name: string, options: { omitBackground?: boolean } = {}) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), ...options });
}
