import { vacancies } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import ExcelJS from 'exceljs';
import t from 'tap';
import { intakeApp, registerEmployer } from '../testing.ts';
import { COLUMNS } from './vacancy-sheet.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  const admin = await staffAuth();
  const employerId = await registerEmployer(app, {
    name: '凤凰县某服装厂',
    kind: 'enterprise',
    creditStem: '91433123MA4T00004',
    regionCode: '433123',
  });

  t.test('the template has the Chinese headers and an example row', async (t) => {
    const res = await app.inject('/v1/vacancies/import/template');
    t.equal(res.statusCode, 200);
    t.match(res.headers['content-type'], XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = ((workbook.getWorksheet('岗位')?.getRow(1).values ?? []) as string[]).slice(1);
    t.same(
      headers,
      COLUMNS.map((c) => c.header),
    );
    t.ok(workbook.getWorksheet('填写说明'), 'with a sheet of notes');
  });

  t.test('an XLSX with three bad rows stores the rest and reports the three by sheet row', async (t) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('岗位');
    sheet.addRow([
      '岗位名称',
      '工作地点',
      '招聘人数',
      '薪资下限',
      '薪资上限',
      '薪资单位',
      '技能要求',
      '包住',
      '学历要求',
    ]);
    for (let i = 0; i < 12; i++)
      sheet.addRow([`缝纫工${i}`, '凤凰县', 3, 3800, 5200, '月', '缝纫、質檢', '是', '初中']);
    sheet.getRow(4).getCell(6).value = '季'; // sheet row 4: not a wage unit
    sheet.getRow(8).getCell(2).value = '朝阳区'; // sheet row 8: ambiguous
    sheet.getRow(11).getCell(3).value = '很多'; // sheet row 11: not a number
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await app.inject({
      method: 'POST',
      url: `/v1/vacancies/import?employerId=${employerId}`,
      headers: { ...admin, 'content-type': XLSX },
      payload: file,
    });
    t.equal(res.statusCode, 201, res.body);
    const report = res.json();
    t.equal(report.stored, 9);
    t.same(
      report.failed.map((f: { row: number }) => f.row),
      [4, 8, 11],
    );
    t.match(report.failed[0].errors, [{ field: '薪资单位 (wage.unit)' }]);
    t.match(report.failed[1].errors, [{ field: '工作地点 (region)' }]);
    t.match(report.failed[2].errors, [{ field: '招聘人数 (headcount)' }]);
    const stored = (await app.inject(`/v1/vacancies/${report.vacancies[0].id}`)).json();
    t.match(stored, {
      regionCode: '433123',
      housingProvided: true,
      minEducation: 'junior_middle',
      requiredSkills: [{ code: 'skill.sewing' }, { code: 'skill.quality-inspection', name: '质检' }],
    });
  });

  t.test('a CSV with the same headers works too', async (t) => {
    const before = (await db.db.select().from(vacancies)).length;
    const csv = `\uFEFF单位编号,岗位名称,区划代码,招聘人数,薪资下限,薪资单位\n${employerId},采茶工,433123,10,150,日\n${employerId},采茶工,433123,10,,日\n`;
    const res = await app.inject({
      method: 'POST',
      url: '/v1/vacancies/import',
      headers: { ...admin, 'content-type': 'text/csv; charset=utf-8' },
      payload: csv,
    });
    t.equal(res.statusCode, 201, res.body);
    t.match(res.json(), { stored: 1, failed: [{ row: 3, errors: [{ field: '薪资下限 (wage.min)' }] }] });
    t.equal((await db.db.select().from(vacancies)).length, before + 1);
  });

  t.test('a column the template does not have is refused, naming it', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/vacancies/import',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: '岗位名称,工资\n普工,4000\n',
    });
    t.equal(res.statusCode, 400);
    t.match(res.json().detail, /工资/);
  });
});
