// The hall's big screen (1920×1080, no token): the fair's figures from the live feed, and an
// intent made through the API on the screen live — with the employer's name and the job's
// title, and no one's name; a dropped connection is taken up again by itself.
import t from 'tap';
import { browserMissing, checkAccessibility, LIVE_WAIT, screenshot, startScreens } from './browser.ts';
import { smallFair } from './fixtures.ts';

t.test('the hall’s big screen', { skip: browserMissing() }, async (t) => {
  const screens = await startScreens(t);
  const fair = await smallFair(screens.url);
  const [welder, cook, fitter] = fair.seekers;
  for (const s of fair.seekers) await fair.ok('POST', `/v1/fairs/${fair.fair.id}/checkins`, { phone: s.phone });
  await fair.ok('POST', `/v1/fairs/${fair.fair.id}/intents`, {
    seekerId: cook?.id,
    vacancyId: fair.vacancies.cook.id,
  });

  const { page } = await screens.open('hall');
  await page.goto(`${screens.url}/hall/${fair.fair.id}`);
  await page.getByRole('heading', { name: '2026年吉首市春风行动招聘会' }).waitFor();
  await page.locator('#fig-checkedIn', { hasText: '3' }).waitFor();
  t.equal(await page.textContent('#fig-intents'), '1', 'the intent so far');
  t.equal(await page.textContent('#fig-employers'), '2');
  await page.locator('#fig-posts', { hasText: '12' }).waitFor();
  t.pass('open places: 3 vacancies × 4');
  await page.locator('#latest li', { hasText: '湘西边城大酒店 · 中餐厨师' }).waitFor();
  t.match(
    await page.textContent('#latest'),
    /展位 B02湘西边城大酒店 · 中餐厨师/,
    'the latest intent: booth, employer, job',
  );

  const started = Date.now();
  await fair.ok('POST', `/v1/fairs/${fair.fair.id}/intents`, {
    seekerId: welder?.id,
    vacancyId: fair.vacancies.welder.id,
  });
  // Live, on the page already open; bench:web measures how fast (≤ 2 s is DESIGN's target).
  await page.locator('#latest li', { hasText: '吉首恒达钢构有限公司 · 电焊工' }).waitFor({ timeout: LIVE_WAIT });
  t.pass(`an intent made through the API is on the screen without a reload (${Date.now() - started} ms)`);
  t.equal(await page.textContent('#fig-intents'), '2', 'and counted');
  t.match(await page.textContent('#sought'), /电焊工/, 'among the most sought jobs');
  const text = (await page.textContent('main')) ?? '';
  for (const s of fair.seekers) t.notMatch(text, s.name, 'no one’s name on the screen');
  const size = await page
    .locator('.figure .value')
    .first()
    .evaluate((el) => {
      const view = (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle;
      return view(el).fontSize;
    });
  t.ok(Number.parseFloat(size) >= 100, `the figures are ${size} high: read from across the hall`);
  await checkAccessibility(t, page, 'the big screen');
  await screenshot(page, 'hall');

  await t.test('the connection drops: the screen reconnects by itself and shows what it missed', async (t) => {
    const reconnects: string[] = [];
    page.on('request', async (r) => {
      if (!r.url().includes(`/v1/feeds/fairs/${fair.fair.id}`)) return;
      // The browser's own reconnection sends Last-Event-ID; the page's, after a refusal, `?after=`.
      const last = (await r.allHeaders())['last-event-id'] ?? new URL(r.url()).searchParams.get('after');
      if (last) reconnects.push(last);
    });
    // As a hall's Wi-Fi would: every connection to the gateway cut at once (it goes on listening).
    screens.system.services.gateway.server.closeAllConnections();
    const intent = { seekerId: fitter?.id, vacancyId: fair.vacancies.fitter.id };
    // This client's own kept-alive socket was cut too: the first try may meet it closed.
    await fair
      .ok('POST', `/v1/fairs/${fair.fair.id}/intents`, intent)
      .catch(() => fair.ok('POST', `/v1/fairs/${fair.fair.id}/intents`, intent));
    await page.locator('#latest li', { hasText: '吉首恒达钢构有限公司 · 钢筋工' }).waitFor({ timeout: LIVE_WAIT });
    t.ok(reconnects.length > 0, `the feed was opened again after the last event seen (${reconnects[0]})`);
    await page.locator('#fig-intents', { hasText: '3' }).waitFor();
    t.match(await page.textContent('#conn'), /实时/, 'and says it is live again');
  });
});
