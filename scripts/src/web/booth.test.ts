// A booth (phone size): the employer's API key pasted once (or a booth code typed, which names
// the fair); the checked-in seekers who fit its
// vacancies, masked, appearing as they check in; one tap records an intent.
import t from 'tap';
import { browserMissing, checkAccessibility, checkTouchTargets, screenshot, startScreens } from './browser.ts';
import { smallFair } from './fixtures.ts';

t.test('the booth', { skip: browserMissing() }, async (t) => {
  const screens = await startScreens(t);
  const fair = await smallFair(screens.url);
  const [welder] = fair.seekers;
  const { page } = await screens.open('phone');
  await page.goto(`${screens.url}/booth`);
  await page.getByLabel('用人单位 API 密钥').fill(fair.apiKey);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByLabel('招聘会编号').fill(fair.fair.id);
  await page.getByRole('button', { name: '打开' }).click();
  await page.getByText('暂无已签到的合适求职者').waitFor();

  await fair.ok('POST', `/v1/fairs/${fair.fair.id}/checkins`, { phone: welder?.phone });
  const row = page.locator('#candidates li', { hasText: '电焊工' }).first();
  await row.waitFor({ timeout: 5_000 });
  t.pass('a seeker who checks in appears at the booth');
  const text = (await page.textContent('#candidates')) ?? '';
  t.notMatch(text, welder?.name ?? '', 'the name is masked');
  t.match(text, /彭\*/, 'only the surname shows');
  await checkAccessibility(t, page, 'the booth');
  await checkTouchTargets(t, page, 'the booth');
  await row.getByRole('button', { name: '记录意向' }).click();
  await row.getByRole('button', { name: '已记录' }).waitFor();
  const stats = await fair.ok('GET', `/v1/fairs/${fair.fair.id}/stats`);
  t.equal(stats.intents, 1, 'one tap recorded the intent');
  await screenshot(page, 'booth');

  await t.test('a booth code signs the booth in at its fair', async (t) => {
    const { code } = await fair.ok('POST', `/v1/fairs/${fair.fair.id}/booths/${fair.employers.steel.id}/code`, {});
    const phone = await screens.open('phone');
    const seen: string[] = [];
    phone.page.on('request', (r) => seen.push(r.url()));
    await phone.page.goto(`${screens.url}/booth`);
    await phone.page.getByLabel('用人单位 API 密钥').fill(code.toLowerCase());
    await phone.page.getByRole('button', { name: '登录' }).click();
    await phone.page.locator('#candidates li', { hasText: '电焊工' }).first().waitFor();
    t.equal(await phone.page.inputValue('#booth-fair'), fair.fair.id, 'the fair is filled in from the code');
    const kept = await phone.page.evaluate(() =>
      (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem(
        'duijie.employerKey',
      ),
    );
    t.match(kept, /^dj_/, 'the tab keeps the booth’s key');
    t.notOk(
      seen.some((a) => a.toUpperCase().includes(code.replace('-', '')) || (kept && a.includes(kept))),
      'neither the code nor the key in any request’s address',
    );
    await checkAccessibility(t, phone.page, 'the booth signed in by code');
    await phone.context.close();
  });
});
