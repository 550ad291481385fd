// The seeker's phone page (375×667): the "详情" link of a job message opens the job — wage in
// yuan a month, place, employer, benefits — and "我有意向" records the seeker's interest, which
// staff then see; the opt-out link opens the page that asks, and only its POST opts out.
import { creditCodeCheckChar, residentIdCheckChar } from '@duijie/contracts';
import { notificationMessages } from '@duijie/db';
import { staffAuth } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { gatewayClient } from '../gateway-client.ts';
import { browserMissing, checkAccessibility, checkTouchTargets, screenshot, startScreens } from './browser.ts';

t.test('the page behind a job message’s link', { skip: browserMissing() }, async (t) => {
  const screens = await startScreens(t);
  const { ok } = gatewayClient(screens.url, await staffAuth({ staffId: 'jishou-officer', regionCode: '433100' }));
  const stem = '91433101MA4N00009';
  const employer = await ok('POST', '/v1/employers', {
    name: '吉首恒达焊接厂',
    kind: 'enterprise',
    creditCode: `${stem}${creditCodeCheckChar(stem)}`,
    regionCode: '433101',
  });
  const idStem = '43310119880101123';
  const seeker = await ok('POST', '/v1/seekers', {
    name: '向明',
    idNumber: `${idStem}${residentIdCheckChar(idStem)}`,
    phone: '13900001234',
    residenceRegionCode: '433101',
    skills: [{ name: '电焊', years: 5 }],
    certificates: ['cert.welding'],
    demand: { regionScope: 'county', expectedWage: { min: 4000, unit: 'month' } },
  });
  await ok('PUT', `/v1/subscriptions/${seeker.id}`, { channels: ['sink'], topics: ['jobs'] });
  const vacancy = await ok('POST', '/v1/vacancies', {
    employerId: employer.id,
    title: '电焊工',
    description: '钢结构焊接，长白班。',
    regionCode: '433101',
    headcount: 3,
    wage: { min: 5000, max: 6500, unit: 'month' },
    requiredSkills: [{ name: '电焊' }],
    housingProvided: true,
    mealsProvided: true,
    socialInsurance: true,
  });
  // The job alert plans the message when it reads the vacancy's event: its link's code.
  let code: string | undefined;
  for (let i = 0; i < 200 && !code; i++) {
    const [m] = await screens.system.db.db
      .select({ code: notificationMessages.linkCode })
      .from(notificationMessages)
      .where(eq(notificationMessages.reason, `vacancy:${vacancy.id}`));
    code = m?.code;
    if (!code) await new Promise((r) => setTimeout(r, 100));
  }
  t.ok(code, 'the seeker was sent the job');

  const hop = await fetch(`${screens.url}/v1/notifications/l/${code}`, {
    redirect: 'manual',
    headers: { accept: 'text/html' },
  });
  t.equal(hop.status, 302);
  t.match(hop.headers.get('location'), new RegExp(`/m/${code}$`), '详情 opens the phone page, not JSON');

  const { page } = await screens.open('phone');
  await page.goto(`${screens.url}/m/${code}`);
  await page.getByRole('heading', { name: '电焊工' }).waitFor();
  const text = (await page.locator('main').textContent()) ?? '';
  t.match(text, /5,000–6,500 元\/月/, 'the wage in yuan a month');
  t.match(text, /吉首市/, 'the place by name');
  t.notMatch(text, /null|undefined/, 'nothing left blank');
  t.match(text, /吉首恒达焊接厂/, 'the employer');
  t.match(text, /包住[\s\S]*包吃[\s\S]*缴纳社保/, 'the benefits');
  t.notMatch(text, /向明|13900001234/, 'nothing of the seeker on the page');
  await checkAccessibility(t, page, 'the phone page');
  await checkTouchTargets(t, page, 'the phone page');
  await screenshot(page, 'phone-job');

  await t.test('我有意向 records the interest, once, and staff see it', async (t) => {
    await page.getByRole('button', { name: '我有意向' }).click();
    await page.getByText('已记录您的意向').waitFor();
    t.ok(await page.getByRole('button', { name: '我有意向' }).isDisabled(), 'pressed: it cannot be pressed again');
    await screenshot(page, 'phone-job-interested');
    const log = await ok('GET', `/v1/notifications?seekerId=${seeker.id}`);
    const message = log.items.find((m: { reason: string }) => m.reason === `vacancy:${vacancy.id}`);
    t.ok(message?.interestedAt, 'the seeker’s messages show when they pressed it');
    await page.reload();
    await page.getByText('已记录您的意向').waitFor();
    t.pass('opened again, the page still says so');
  });

  await t.test('the opt-out link asks first; only its POST opts out', async (t) => {
    await page.getByRole('link', { name: /退订/ }).click();
    await page.waitForLoadState('load');
    t.match(page.url(), /\/v1\/subscriptions\/unsubscribe\//);
    t.match((await page.locator('body').textContent()) ?? '', /确认退订/);
    t.match(await ok('GET', `/v1/subscriptions/${seeker.id}`), { optedOut: false }, 'opening it changed nothing');
    await screenshot(page, 'phone-unsubscribe');
    await page.getByRole('button').first().click();
    await page.waitForLoadState('load');
    t.match(await ok('GET', `/v1/subscriptions/${seeker.id}`), { optedOut: true }, 'the button’s POST opted out');
  });

  await t.test('in English, and a link that is no one’s', async (t) => {
    const { page } = await screens.open('phone');
    await page.goto(`${screens.url}/m/${code}?lang=en`);
    await page.getByRole('button', { name: 'I’m interested' }).waitFor();
    t.match((await page.locator('main').textContent()) ?? '', /5,000–6,500 yuan a month/);
    await page.goto(`${screens.url}/m/0123456789abcdef`);
    await page.getByText('链接无效或已过期').waitFor();
    t.pass('an unknown code says the link is not valid');
  });
});
