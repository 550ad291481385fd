// A booth (phone size): the employer's API key pasted once; the checked-in seekers who fit its
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
});
