import { residentIdCheckChar } from '@duijie/contracts';
import { auditLog, outboxEvents, seekers } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import t from 'tap';
import { intakeApp } from '../testing.ts';
import { SEEKER_COLUMNS } from './seeker-sheet.ts';
import { XLSX } from './sheet-upload.ts';

const idOf = (first17: string) => `${first17}${residentIdCheckChar(first17)}`;
const HEADERS = [
  '姓名',
  '身份证号',
  '手机号',
  '居住地区划代码',
  '重点群体',
  '技能特长',
  '求职范围',
  '期望薪资',
  '期望薪资单位',
];

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('求职登记');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

await withEachDatabase(t, async (t, db) => {
  const { app, logLines } = intakeApp(t, db);
  const yunxi = await staffAuth({ staffId: 'yunxi-officer', role: 'officer', regionCode: '420322' });
  const zhushan = await staffAuth({ staffId: 'zhushan-officer', role: 'officer', regionCode: '420323' });
  const upload = (file: Buffer, headers: Record<string, string>, type = XLSX) =>
    app.inject({
      method: 'POST',
      url: '/v1/seekers/import',
      headers: { ...headers, 'content-type': type },
      payload: file,
    });

  // Already on the lists: one of 郧西's, one of 竹山's.
  const known = idOf('42032219800101011');
  const theirs = idOf('42032319800101012');
  const person = (idNumber: string, residenceRegionCode: string) => ({
    name: '已登记',
    idNumber,
    residenceRegionCode,
  });
  t.equal(
    (await app.inject({ method: 'POST', url: '/v1/seekers', headers: yunxi, payload: person(known, '420322') }))
      .statusCode,
    201,
  );
  t.equal(
    (await app.inject({ method: 'POST', url: '/v1/seekers', headers: zhushan, payload: person(theirs, '420323') }))
      .statusCode,
    201,
  );
  const wrongCheck = `${idOf('42032219900101013').slice(0, 17)}${residentIdCheckChar('42032219900101013') === '1' ? '2' : '1'}`;

  t.test('a sheet with bad rows stores the good ones and names each bad row, its column and why', async (t) => {
    const before = (await db.db.select().from(outboxEvents)).length;
    const file = await workbook([
      [
        '王一',
        idOf('42032219880415001'),
        '13972800101',
        '420322101201',
        '脱贫户、返乡农民工',
        '電焊、叉车',
        '本省',
        4500,
        '月',
      ],
      ['王二', wrongCheck, '', '420322101201', '', '', '', '', ''],
      ['王三', idOf('42032219880415002'), '', '420323100000', '', '', '', '', ''],
      ['王四', idOf('42032219880415001'), '', '420322101201', '', '', '', '', ''],
      ['已登记', known, '13972800105', '420322', '', '保洁', '本县', 150, '天'],
      ['竹山人', theirs, '', '420322', '', '', '', '', ''],
      ['王七', idOf('42032219880415003'), '', '420322', '退役军人', '', '不限', '', ''],
    ]);
    const res = await upload(file, yunxi);
    t.equal(res.statusCode, 201, res.body);
    const report = res.json();
    t.match(report, { stored: 3, created: 2, updated: 1 });
    t.match(report.failed, [
      // In Chinese, as the officer who uploaded it reads (English with Accept-Language: en).
      { row: 3, errors: [{ field: '身份证号 (idNumber)', message: '校验码不符' }] },
      {
        row: 4,
        errors: [{ field: '居住地区划代码 (residenceRegionCode)', message: '420323100000 不在您的管辖地区 420322 内' }],
      },
      { row: 5, errors: [{ field: '身份证号 (idNumber)', message: '与第 2 行是同一人' }] },
      { row: 7, errors: [{ field: '身份证号 (idNumber)', message: '此人已在其他地区的名单上' }] },
    ]);
    t.equal(report.failed.length, 4);
    t.same(
      report.seekers.map((s: { row: number; existing: boolean }) => [s.row, s.existing]),
      [
        [2, false],
        [6, true],
        [8, false],
      ],
    );
    for (const id of [idOf('42032219880415001'), known, theirs]) {
      t.notMatch(res.body, id, 'no ID number in the report');
      t.notMatch(logLines().join('\n'), id, 'nor in the logs');
    }
    const events = (await db.db.select().from(outboxEvents)).slice(before);
    t.same(events.map((e) => e.type).sort(), ['seeker.registered', 'seeker.registered', 'seeker.updated']);
    const refusals = await db.db.select().from(auditLog).where(eq(auditLog.action, 'seeker.registration.refused'));
    t.match(refusals, [{ actor: 'staff:yunxi-officer', subjectId: /^skr_/ }], 'the row of another region is audited');

    const first = await app.inject({ url: `/v1/seekers/${report.seekers[0].id}`, headers: yunxi });
    t.match(first.json(), {
      name: '王一',
      registeredBy: 'staff:yunxi-officer',
      priorityGroups: ['registered_poor', 'returned_migrant'],
      skills: [{ code: 'skill.welding', name: '电焊' }, { name: '叉车' }],
      demand: { regionScope: 'province', expectedWage: { min: 4500, unit: 'month' } },
      phone: '139****0101',
    });
    const updated = await app.inject({ url: `/v1/seekers/${report.seekers[1].id}`, headers: yunxi });
    t.match(updated.json(), { version: 2, demand: { regionScope: 'county', expectedWage: { min: 150, unit: 'day' } } });
  });

  t.test('when no row is good nothing is stored and the answer is 422; without a staff token, 401', async (t) => {
    const count = (await db.db.select().from(seekers)).length;
    const res = await upload(await workbook([['王二', wrongCheck, '', '420322', '', '', '', '', '']]), yunxi);
    t.equal(res.statusCode, 422);
    t.equal((await db.db.select().from(seekers)).length, count);
    const anonymous = await upload(await workbook([]), {});
    t.equal(anonymous.statusCode, 401);
  });

  t.test('a CSV with the same headers works, and the template carries every column', async (t) => {
    const csv = `\uFEFF${HEADERS.join(',')}\n王八,${idOf('42032219880415004')},,420322,,砌筑,,,\n`;
    const res = await upload(Buffer.from(csv), yunxi, 'text/csv; charset=utf-8');
    t.equal(res.statusCode, 201, res.body);
    t.match(res.json(), { created: 1 });
    const template = await app.inject('/v1/seekers/import/template');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    t.same(
      ((book.getWorksheet('求职登记')?.getRow(1).values ?? []) as string[]).slice(1),
      SEEKER_COLUMNS.map((c) => c.header),
    );
  });
  t.test('可接受地区 by name: stored as codes; an unknown place fails its row, named', async (t) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('求职登记');
    sheet.addRow(['姓名', '身份证号', '居住地区划代码', '求职范围', '可接受地区']);
    sheet.addRow(['王八', idOf('42032219880415008'), '420322', '指定地区', '深圳市、十堰市']);
    sheet.addRow(['王九', idOf('42032219880415009'), '420322', '指定地区', '深圳市、火星市']);
    const res = await upload(Buffer.from(await book.xlsx.writeBuffer()), yunxi);
    t.equal(res.statusCode, 201, res.body);
    t.match(res.json().failed, [{ row: 3, errors: [{ field: /acceptedRegions/, message: /火星市/ }] }]);
    const stored = await app.inject({ url: `/v1/seekers/${res.json().seekers[0].id}`, headers: yunxi });
    t.same(stored.json().demand.acceptedRegions, ['440300', '420300']);
  });
});
