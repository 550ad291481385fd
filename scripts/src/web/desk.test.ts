// The check-in desk (a tablet, 1024×768): the staff token pasted once (or a desk code typed,
// exchanged for one) and kept in the tab, never in an address; a seeker checked in by typing their phone sees their best jobs here
// with booth and employer name; a walk-in registers with the short form; the slip prints.
import { residentIdCheckChar } from '@duijie/contracts';
import t from 'tap';
import { browserMissing, checkAccessibility, checkTouchTargets, screenshot, startScreens } from './browser.ts';
import { smallFair } from './fixtures.ts';

t.test('the check-in desk', { skip: browserMissing() }, async (t) => {
  const screens = await startScreens(t);
  const fair = await smallFair(screens.url);
  const [welder] = fair.seekers;
  const { context, page } = await screens.open('tablet');
  const addresses: string[] = [];
  page.on('request', (r) => addresses.push(r.url()));

  await page.goto(`${screens.url}/desk`);
  await checkAccessibility(t, page, 'the desk before signing in');
  await page.getByLabel('工作人员令牌').fill(fair.deskToken);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#fair option', { hasText: '2026年吉首市春风行动招聘会' }).waitFor({ state: 'attached' });
  t.equal(await page.inputValue('#fair'), fair.fair.id, 'the fair of the officer’s region is chosen');

  await page
    .getByRole('textbox', { name: '手机号' })
    .first()
    .fill(welder?.phone ?? '');
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await page.locator('#results li', { hasText: '吉首恒达钢构有限公司' }).first().waitFor();
  const list = (await page.textContent('#results')) ?? '';
  t.match(list, /展位 A01/, 'the booth');
  t.match(list, /吉首恒达钢构有限公司/, 'the employer’s name');
  t.match(list, /电焊工/, 'the job');
  t.match(list, /5,500–7,000 元\/月/, 'the wage in yuan a month');
  t.match(await page.textContent('#result-status'), /已签到/);
  await checkAccessibility(t, page, 'the desk with a seeker’s list');
  await checkTouchTargets(t, page, 'the desk');
  await screenshot(page, 'desk');

  await t.test('the token stays in the tab: in no address, gone with the tab', async (t) => {
    t.notOk(
      addresses.some((a) => a.includes(fair.deskToken)),
      'no request carried the token in its address',
    );
    const kept = await page.evaluate(() =>
      (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem(
        'duijie.staffToken',
      ),
    );
    t.equal(kept, fair.deskToken, 'kept in the tab’s sessionStorage');
    await page.reload();
    await page.locator('#desk').waitFor();
    t.ok(await page.locator('#signin').isHidden(), 'a reload keeps the tab signed in');
    const other = await context.browser()?.newContext();
    const fresh = await other?.newPage();
    await fresh?.goto(`${screens.url}/desk`);
    t.ok(await fresh?.locator('#signin').isVisible(), 'another tab (context) is not signed in');
    await other?.close();
  });

  await t.test('the slip opens to print', async (t) => {
    await page
      .getByRole('textbox', { name: '手机号' })
      .first()
      .fill(welder?.phone ?? '');
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await page.getByText('已签到过').waitFor();
    const [slip] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: '打印小票' }).click(),
    ]);
    await slip.waitForLoadState('load');
    t.match((await slip.textContent('body')) ?? '', /A01/, 'the slip lists the booths');
    await slip.close();
  });

  await t.test('a desk code from the fair’s staff signs the tablet in, for that fair', async (t) => {
    const { code } = await fair.ok('POST', `/v1/fairs/${fair.fair.id}/desk-codes`, {});
    const tablet = await screens.open('tablet');
    const seen: string[] = [];
    tablet.page.on('request', (r) => seen.push(r.url()));
    await tablet.page.goto(`${screens.url}/desk`);
    await tablet.page.getByLabel('工作人员令牌').fill('AAAAA-AAAAA');
    await tablet.page.getByRole('button', { name: '登录' }).click();
    await tablet.page.getByText('此码不正确').waitFor();
    t.ok(await tablet.page.locator('#signin').isVisible(), 'a wrong code: still signing in, saying why');
    await tablet.page.getByLabel('工作人员令牌').fill(code.toLowerCase().replace('-', ' '));
    await tablet.page.getByRole('button', { name: '登录' }).click();
    await tablet.page.locator('#fair option', { hasText: '2026年吉首市春风行动招聘会' }).waitFor({ state: 'attached' });
    t.equal(await tablet.page.inputValue('#fair'), fair.fair.id, 'the code’s fair is chosen');
    const second = fair.seekers[1];
    await tablet.page
      .getByRole('textbox', { name: '手机号' })
      .first()
      .fill(second?.phone ?? '');
    await tablet.page.getByRole('button', { name: '签到', exact: true }).click();
    await tablet.page.locator('#result-status', { hasText: '已签到' }).waitFor();
    t.pass('the desk’s token checks a seeker in');
    const kept = await tablet.page.evaluate(() =>
      (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem(
        'duijie.staffToken',
      ),
    );
    t.match(kept, /^ey/, 'the tab keeps the token the code was exchanged for');
    const bare = code.replace('-', '');
    t.notOk(
      seen.some((a) => a.toUpperCase().includes(bare) || a.includes(code) || (kept && a.includes(kept))),
      'neither the code nor the token in any request’s address',
    );
    await screenshot(tablet.page, 'desk-code');
    await tablet.context.close();
  });

  await t.test('a walk-in registers with the short form and gets a list', async (t) => {
    await page.getByText('现场登记').click();
    const stem = '43310119950315123';
    await page.getByLabel('姓名').fill('龙春花');
    await page.locator('#w-id').fill(`${stem}${residentIdCheckChar(stem)}`);
    await page.getByLabel('户籍/居住地').fill('吉首市');
    await page.getByLabel('工种/技能').fill('中式烹调');
    await page.getByLabel('期望月薪（元）').fill('4000');
    await page.getByRole('button', { name: '登记并签到' }).click();
    await page.locator('#results li', { hasText: '湘西边城大酒店' }).first().waitFor();
    t.match(await page.textContent('#results'), /展位 B02[\s\S]*中餐厨师/);
    await screenshot(page, 'desk-walk-in');
  });

  await t.test('the walk-in form suggests places and trades as one types', async (t) => {
    // Still open from the walk-in before (a second tap would close it).
    if ((await page.locator('#walkin-box').getAttribute('open')) === null) await page.getByText('现场登记').click();
    await page.getByLabel('户籍/居住地').fill('泸溪');
    await page.locator('#w-places option[value*="泸溪县"]').first().waitFor({ state: 'attached' });
    t.pass('泸溪 → 泸溪县 offered');
    await page.getByLabel('工种/技能').fill('电焊');
    await page.locator('#w-trades option[value="电焊"]').waitFor({ state: 'attached' });
    t.pass('电焊 → the trade offered');
    t.ok(await page.locator('#scan').isHidden(), 'no 扫码 button where the browser cannot read QR codes');
  });

  await t.test('扫码: the camera reads the seeker’s QR code where the browser can', async (t) => {
    const [, cook] = fair.seekers;
    const qr = await fetch(`${screens.url}/v1/fairs/${fair.fair.id}/seekers/${cook?.id}/qr?format=text`, {
      headers: { authorization: `Bearer ${fair.token}` },
    });
    const code = await qr.text();
    const tablet = await screens.open('tablet');
    await tablet.context.grantPermissions(['camera']);
    // Chromium reads QR codes itself on Android, ChromeOS and macOS, not on Linux: here a
    // BarcodeDetector stands in that sees this code once the camera (Chromium's test pattern)
    // is playing. What is tested is the page's way: the button, the camera, the check-in.
    await tablet.context.addInitScript((text: string) => {
      const w = globalThis as unknown as Record<string, unknown>;
      w.BarcodeDetector = class {
        async detect(video: { readyState: number; videoWidth: number }) {
          return video.readyState >= 2 && video.videoWidth > 0 ? [{ rawValue: text, format: 'qr_code' }] : [];
        }
      };
    }, code);
    await tablet.page.goto(`${screens.url}/desk`);
    await tablet.page.getByLabel('工作人员令牌').fill(fair.deskToken);
    await tablet.page.getByRole('button', { name: '登录' }).click();
    await tablet.page.locator('#fair option', { hasText: '2026年吉首市春风行动招聘会' }).waitFor({ state: 'attached' });
    const sent = tablet.page.waitForRequest((r) => r.url().endsWith('/checkins') && r.method() === 'POST');
    await tablet.page.getByRole('button', { name: '扫码' }).click();
    t.same(JSON.parse((await sent).postData() ?? '{}'), { qr: code }, 'the code the camera read is sent');
    await tablet.page.locator('#results li', { hasText: '湘西边城大酒店' }).first().waitFor();
    t.match(await tablet.page.textContent('#result-status'), /向秀英/, 'the cook is checked in');
    t.ok(await tablet.page.locator('#camera').isHidden(), 'the camera closes after the read');
    await tablet.context.close();
  });
});
