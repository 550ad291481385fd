// The officer's workspace (a laptop, 1280×800): the staff token pasted once and kept in the
// tab, never in an address; the region's seekers found by part of a name, masked; one seeker's
// jobs with each factor as a bar and the skills lacking; a seeker registered (a bad ID number
// named under its field, nothing stored); a sheet with a bad row and its row report; the
// month's summary and its XLSX saved. A fair desk's token is told plainly it cannot; an
// officer of another county sees none of this one's seekers.
import { readFileSync } from 'node:fs';
import { residentIdCheckChar } from '@duijie/contracts';
import { staffAuth } from '@duijie/service-kit/testing';
import type { Page } from 'playwright-core';
import t from 'tap';
import {
  browserMissing,
  checkAccessibility,
  checkTouchTargets,
  LIVE_WAIT,
  screenshot,
  startScreens,
} from './browser.ts';
import { smallFair } from './fixtures.ts';

const idOf = (stem: string) => `${stem}${residentIdCheckChar(stem)}`;
/** The same 17 digits with a check character that is not theirs. */
const badIdOf = (stem: string) => `${stem}${residentIdCheckChar(stem) === '1' ? '2' : '1'}`;
const officerToken = async (staffId: string, regionCode: string) =>
  (await staffAuth({ staffId, role: 'officer', regionCode })).authorization.replace(/^Bearer /, '');

/** The office, signed in by pasting `token` (the words in the page's language). */
async function signIn(page: Page, url: string, token: string, words = { token: '工作人员令牌', signIn: '登录' }) {
  await page.goto(url);
  await page.getByLabel(words.token).fill(token);
  await page.getByRole('button', { name: words.signIn }).click();
}

t.test('the officer’s workspace', { skip: browserMissing() }, async (t) => {
  const screens = await startScreens(t);
  const fair = await smallFair(screens.url);
  // A job asking for two trades: the welder has one, and lacks the other.
  await fair.ok('POST', '/v1/vacancies', {
    employerId: fair.employers.steel.id,
    title: '钢结构焊工',
    regionCode: '433101',
    headcount: 2,
    wage: { min: 6000, max: 8000, unit: 'month' },
    requiredSkills: [{ name: '电焊' }, { name: '钢筋' }],
  });
  // Someone of 泸溪县, in the same prefecture but another county.
  await fair.ok('POST', '/v1/seekers', {
    name: '张泸生',
    idNumber: idOf('43312219880601123'),
    residenceRegionCode: '433122',
    skills: [{ name: '中式烹调' }],
  });

  const { page } = await screens.open('laptop');
  const addresses: string[] = [];
  page.on('request', (r) => addresses.push(r.url()));

  await page.goto(`${screens.url}/office`);
  await checkAccessibility(t, page, 'the office before signing in');
  await signIn(page, `${screens.url}/office`, fair.token);
  await page.locator('#seekers li', { hasText: '张泸生' }).waitFor();

  await t.test('the list: found by part of a name, ID numbers and phones masked', async (t) => {
    await page.getByLabel('姓名（部分亦可）').fill('志强');
    await page.getByRole('button', { name: '查找' }).click();
    await page.locator('#seekers li', { hasText: '彭志强' }).waitFor();
    await page.locator('#seekers li', { hasText: '张泸生' }).waitFor({ state: 'detached' });
    const list = (await page.textContent('#seekers')) ?? '';
    t.match(list, /彭志强/, 'the seeker found by 志强');
    t.notMatch(list, /向秀英|田大勇/, 'only those whose name has it');
    t.match(list, /4331\*+\d{3}[\dX]/, 'the ID number masked');
    t.match(list, /139\*{4}0001/, 'the phone masked');
    t.notMatch(list, new RegExp(fair.seekers[0]?.idNumber ?? 'none'), 'the whole ID number nowhere');
  });

  await t.test('one seeker: the record and the ranked jobs, each factor a bar, the skills lacking', async (t) => {
    await page.locator('#seekers button', { hasText: '彭志强' }).click();
    await page.locator('#matches li', { hasText: '钢结构焊工' }).waitFor({ timeout: LIVE_WAIT });
    t.equal(await page.textContent('#seeker-name'), '彭志强');
    const record = (await page.textContent('#record')) ?? '';
    t.match(record, /吉首市/, 'the home place by name');
    t.match(record, /电焊/, 'the skills');
    t.match(record, /失业/, 'the employment status in words');
    const welder = page.locator('#matches li.match', { hasText: '电焊工' }).first();
    t.match(await welder.textContent(), /吉首恒达钢构有限公司/, 'the employer’s name');
    const bars = page.locator('#matches li.match').first().locator('meter');
    t.ok((await bars.count()) >= 3, 'a bar for each factor');
    const skillsBar = page.getByRole('meter', { name: /^技能 \d+%$/ }).first();
    t.ok(await skillsBar.isVisible(), 'the skills bar, named with its value');
    t.match(await page.locator('#matches .factor-value').first().textContent(), /^\d+%$/, 'the value as text too');
    const gapped = page.locator('#matches li.match', { hasText: '钢结构焊工' });
    t.match(await gapped.locator('.gaps').textContent(), /缺少的技能.*钢筋/, 'the skill lacking for the two-trade job');
    await checkAccessibility(t, page, 'the office with a seeker’s jobs');
    await checkTouchTargets(t, page, 'the office');
    await screenshot(page, 'office');
  });

  await t.test('a bad ID number is named under its field and nothing is stored', async (t) => {
    const stem = '43310119920707123';
    await page.locator('#r-name').fill('龙春燕');
    await page.locator('#r-id').fill(badIdOf(stem));
    await page.locator('#r-region').fill('吉首市');
    await page.locator('#r-trade').fill('电焊');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.locator('#r-id-error').waitFor();
    t.match(await page.textContent('#r-id-error'), /校验码/, 'why, under the field');
    t.equal(await page.getAttribute('#r-id', 'aria-invalid'), 'true', 'the field marked invalid');
    t.match(await page.textContent('#register-status'), /身份证号/, 'the status names the field');
    const found = await fair.ok('GET', '/v1/seekers?name=龙春燕');
    t.same(found.items, [], 'nothing stored');

    await page.locator('#r-id').fill(idOf(stem));
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByText('已登记: 龙春燕').waitFor();
    t.ok(await page.locator('#r-id-error').isHidden(), 'the field’s error gone');
    await page.locator('#seeker-name', { hasText: '龙春燕' }).waitFor();
    t.equal((await fair.ok('GET', '/v1/seekers?name=龙春燕')).items.length, 1, 'stored once');
  });

  await t.test('a sheet with a bad row: the good row stored, the bad one named by row and column', async (t) => {
    const csv =
      '\uFEFF姓名,身份证号,手机号,居住地区划代码,技能特长\n' +
      `石表格,${idOf('43310119850505123')},13907430021,433101,电焊\n` +
      `麻坏行,${badIdOf('43310119850505124')},13907430022,433101,钢筋\n`;
    await page
      .locator('#sheet')
      .setInputFiles({ name: '求职登记.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '上传' }).click();
    await page.locator('#import-report tr', { hasText: '身份证号' }).waitFor({ timeout: LIVE_WAIT });
    t.match(await page.textContent('#import-status'), /已入库: 1 行.*未入库: 1 行/, 'one stored, one refused');
    const row = (await page.locator('#import-report tbody tr').first().textContent()) ?? '';
    t.match(row, /^3身份证号/, 'row 3 (as in the sheet), the ID number column');
    t.equal((await fair.ok('GET', '/v1/seekers?name=石表格')).items.length, 1, 'the good row stored');
    t.same((await fair.ok('GET', '/v1/seekers?name=麻坏行')).items, [], 'the bad row not');
    await checkAccessibility(t, page, 'the office with a row report');
  });

  await t.test('the month’s summary shows, and its XLSX downloads', async (t) => {
    await page.locator('#report th', { hasText: '登记求职人数' }).waitFor();
    // Three of the fair's, one of 泸溪, one typed in and one from the sheet: this month's, by county.
    const registered = page.locator('#report tr', { hasText: '登记求职人数' });
    await registered.locator('td', { hasText: /^6$/ }).last().waitFor();
    t.match(await registered.textContent(), /登记求职人数5\s*1\s*6/, 'registered: 吉首市 5, 泸溪县 1, total 6');
    t.match(await page.textContent('#report thead'), /合计/, 'with the total');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 XLSX' }).click(),
    ]);
    t.match(download.suggestedFilename(), /^就业服务统计_433100_.*\.xlsx$/, 'named as the API names it');
    const file = await download.path();
    t.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'an XLSX (a zip)');
    t.ok(download.url().startsWith('blob:'), 'saved through a blob: URL');
    await page.locator('#upload').evaluate((el: { scrollIntoView(): void }) => el.scrollIntoView());
    await screenshot(page, 'office-sheet-and-summary');
  });

  await t.test('the token stays in the tab: in no address', async (t) => {
    t.ok(addresses.length > 10, 'the page made its calls');
    t.notOk(
      addresses.some((a) => a.includes(fair.token)),
      'no request carried the token in its address',
    );
  });

  await t.test('a fair desk’s token is told plainly it cannot use the page', async (t) => {
    const { page } = await screens.open('laptop');
    await signIn(page, `${screens.url}/office`, fair.deskToken);
    await page.getByRole('alert').filter({ hasText: '不能使用专员工作台' }).waitFor();
    t.ok(await page.locator('#signin').isVisible(), 'the sign-in form again');
    t.ok(await page.locator('#office').isHidden(), 'nothing of the workspace');
    await page.context().close();
  });

  await t.test('an officer of another county sees none of this county’s seekers', async (t) => {
    const { page } = await screens.open('laptop');
    await signIn(page, `${screens.url}/office`, await officerToken('luxi-officer', '433122'));
    await page.locator('#seekers li', { hasText: '张泸生' }).waitFor();
    t.notMatch(await page.textContent('#seekers'), /彭志强|向秀英|田大勇|龙春燕/, '吉首’s seekers are not listed');
    await page.getByLabel('姓名（部分亦可）').fill('志强');
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByText('没有找到求职者。').waitFor();
    await page.context().close();
  });

  await t.test('in English', async (t) => {
    const { page } = await screens.open('laptop');
    await signIn(page, `${screens.url}/office?lang=en`, fair.token, { token: 'Staff token', signIn: 'Sign in' });
    t.ok(await page.getByRole('heading', { name: 'Employment officer’s workspace' }).isVisible());
    await page.locator('#seekers button', { hasText: '彭志强' }).click();
    await page
      .getByRole('meter', { name: /^Skills \d+%$/ })
      .first()
      .waitFor({ timeout: LIVE_WAIT });
    await page.locator('#report th', { hasText: 'Seekers registered' }).waitFor();
    t.match(await page.textContent('#report thead'), /Figure/, 'the summary’s words too');
    await page.context().close();
  });
});
