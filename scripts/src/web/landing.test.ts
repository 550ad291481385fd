// The landing page at `/`: what each screen is for and how to reach it, in Chinese and
// English, with the API and its docs still answering beside it.
import t from 'tap';
import { browserMissing, checkAccessibility, screenshot, startScreens } from './browser.ts';

const missing = browserMissing();
t.test('the landing page', { skip: missing }, async (t) => {
  const screens = await startScreens(t);
  const { page } = await screens.open('laptop');

  const res = await page.goto(`${screens.url}/`);
  t.equal(res?.status(), 200);
  t.match(res?.headers()['content-security-policy'], /default-src 'self'/, 'nothing from another origin may load');
  t.equal(await page.getAttribute('html', 'lang'), 'zh-CN', 'Chinese by default');
  for (const name of ['就业服务专员工作台', '签到台', '大厅大屏', '展位', '直播主控台', '求职者手机页']) {
    t.ok(await page.getByRole('heading', { name }).isVisible(), `a card for the ${name}`);
  }
  t.equal(await page.getAttribute('a[href="/desk"]', 'href'), '/desk', 'the desk is linked');
  t.equal(await page.getAttribute('a[href="/office"]', 'href'), '/office', 'the officer’s workspace is linked');
  await checkAccessibility(t, page, 'the landing page');
  await screenshot(page, 'landing');

  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForLoadState('load');
  t.ok(await page.getByRole('heading', { name: 'Check-in desk' }).isVisible(), 'English, after the switch');
  t.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.goto(`${screens.url}/desk`);
  t.ok(await page.getByRole('heading', { name: 'Job fair check-in desk' }).isVisible(), 'the choice is kept');

  await t.test('the gateway still answers the API and its docs', async (t) => {
    const api = await fetch(`${screens.url}/v1/vacancies`);
    t.equal(api.status, 200, '/v1 is proxied');
    t.match(api.headers.get('content-type'), /json/);
    t.equal((await fetch(`${screens.url}/docs/json`)).status, 200, '/docs/json');
    const missingPage = await fetch(`${screens.url}/no-such-page`);
    t.equal(missingPage.status, 404);
    const asset = await fetch(`${screens.url}/assets/common.js`, { headers: { 'accept-encoding': 'gzip' } });
    t.equal(asset.status, 200);
    t.match(asset.headers.get('content-type'), /javascript/);
    t.equal((await fetch(`${screens.url}/assets/..%2Fpackage.json`)).status, 404, 'only the assets are served');
    const desk = await (await fetch(`${screens.url}/desk`)).text();
    t.notMatch(desk, '/v1/staff/oidc/start', 'no identity platform’s sign-in offered where none is configured');
  });
});
