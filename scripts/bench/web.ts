// bench:web — the screens' figures: the compressed JavaScript each page loads (target under
// 150 KB), the time from an intent's API call to its line on the hall's big screen (target
// 1 s), and from the host's change to the overlay showing the job (target 2 s), each next to
// the API call's own time in the same run, on the embedded default (PGlite in its thread), in
// headless Chromium.
//   npx -y pnpm@10.34.9 bench:web [intents]
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { openDatabase } from '@duijie/db';
import { createLogger } from '@duijie/service-kit';
import { testStaffTokens } from '@duijie/service-kit/testing';
import { chromium } from 'playwright-core';
import { runServices } from '../src/system.ts';
import { CHROMIUM } from '../src/web/browser.ts';
import { smallFair } from '../src/web/fixtures.ts';
import { percentile } from './bench-data.ts';

/** A latency's median, p95 and max next to the API call's own median in the same run, and its target. */
function report(what: string, times: number[], calls: number[], targetMs: number) {
  times.sort((a, b) => a - b);
  calls.sort((a, b) => a - b);
  const median = percentile(times, 0.5);
  const call = percentile(calls, 0.5);
  console.log(
    `${what}, ${times.length} times: median ${median.toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms, ` +
      `max ${(times.at(-1) ?? 0).toFixed(0)} ms (target ${targetMs} ms: ${(times.at(-1) ?? 0) < targetMs ? 'met' : 'NOT met'}); ` +
      `the API call alone: median ${call.toFixed(0)} ms (screen/call ×${(median / call).toFixed(1)})`,
  );
}

const assets = new URL('../../services/web/assets/', import.meta.url);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; PGlite (embedded default)`,
);

// Each page's script and the modules it imports, gzipped as the gateway serves them.
const read = (name: string) => readFileSync(new URL(name, assets));
const closure = (name: string, seen = new Set<string>()): Set<string> => {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const m of read(name)
    .toString()
    .matchAll(/from '\.\/([\w-]+\.js)'/g))
    closure(m[1] as string, seen);
  return seen;
};
const pages: Record<string, string> = { landing: 'common.js' };
for (const file of readdirSync(assets))
  if (file.endsWith('.js') && file !== 'common.js') pages[file.slice(0, -3)] = file;
const css = gzipSync(read('style.css'), { level: 9 }).length;
console.log('\ncompressed JavaScript per page (gzip -9, as served), target < 150 KB:');
for (const [page, entry] of Object.entries(pages)) {
  const files = [...closure(entry)];
  const bytes = files.reduce((sum, f) => sum + gzipSync(read(f), { level: 9 }).length, 0);
  console.log(
    `  ${page.padEnd(8)} ${(bytes / 1024).toFixed(1).padStart(5)} KB  (${files.join(' + ')})${bytes < 150 * 1024 ? '' : '  OVER'}`,
  );
}
console.log(`  stylesheet (every page) ${(css / 1024).toFixed(1)} KB`);

// The big screen: an intent through the API, then its line on the screen.
const db = await openDatabase({});
const system = await runServices({
  db,
  staffTokens: testStaffTokens,
  logger: createLogger({ level: 'silent' }),
  gateway: { rateLimit: { max: 1_000_000, windowMs: 60_000 } },
});
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  const fair = await smallFair(system.gatewayUrl);
  for (const s of fair.seekers) await fair.ok('POST', `/v1/fairs/${fair.fair.id}/checkins`, { phone: s.phone });
  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  const loadStarted = Date.now();
  await page.goto(`${system.gatewayUrl}/hall/${fair.fair.id}`);
  await page.locator('#conn', { hasText: '实时' }).waitFor();
  console.log(`\nbig screen: loaded and live in ${Date.now() - loadStarted} ms`);
  const times: number[] = [];
  const calls: number[] = [];
  const pairs = fair.seekers.flatMap((s) =>
    Object.values(fair.vacancies).map((v) => ({ seekerId: s.id, vacancyId: v.id })),
  );
  for (const [i, pair] of pairs.entries()) {
    const counted = page.locator('#fig-intents', { hasText: new RegExp(`^${i + 1}$`) });
    const started = performance.now();
    await fair.ok('POST', `/v1/fairs/${fair.fair.id}/intents`, pair);
    calls.push(performance.now() - started);
    await counted.waitFor({ timeout: 10_000 });
    times.push(performance.now() - started);
  }
  report('intent API call → on the big screen', times, calls, 1000);

  // The overlay: the host presents a job (the API call a console makes), then the card shows it.
  const live = await fair.livestream();
  const overlay = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await overlay.goto(`${system.gatewayUrl}/overlay/${live.id}`);
  await overlay.waitForLoadState('networkidle');
  const shown: number[] = [];
  const patches: number[] = [];
  let version = live.version as number;
  const jobs = Object.values(fair.vacancies) as { id: string; title: string }[];
  for (let i = 0; i < 12; i++) {
    const job = jobs[i % jobs.length] as { id: string; title: string };
    const card = overlay.locator('#o-title', { hasText: job.title });
    const started = performance.now();
    version = (await fair.ok('PATCH', `/v1/livestreams/${live.id}/host`, { presentingVacancyId: job.id, version }))
      .version;
    patches.push(performance.now() - started);
    await card.waitFor({ timeout: 10_000 });
    shown.push(performance.now() - started);
  }
  report('host presents a job → on the overlay', shown, patches, 2000);
} finally {
  await browser.close();
  await system.close();
  await db.close();
}
