import { residentIdCheckChar } from '@duijie/contracts';
import { seekers } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import ExcelJS from 'exceljs';
import t from 'tap';
import { intakeApp, registerEmployer } from '../testing.ts';
import { CSV, XLSX } from './sheet-upload.ts';

const idOf = (first17: string) => `${first17}${residentIdCheckChar(first17)}`;

async function xlsx(rows: unknown[][], touch?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('表');
  for (const row of rows) sheet.addRow(row);
  touch?.(sheet);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A form upload as `curl -F file=@name` sends it. */
async function form(file: Buffer, name: string, type: string) {
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(file)], { type }), name);
  const request = new Request('http://localhost/', { method: 'POST', body: data });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') as string,
  };
}

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  const admin = await staffAuth();
  const yunxi = await staffAuth({ staffId: 'yunxi-officer', role: 'officer', regionCode: '420322' });
  const employerId = await registerEmployer(app, {
    name: '吉首某电子厂',
    creditStem: '91433101MA4T00011',
    regionCode: '433101',
  });
  const post = (url: string, headers: Record<string, string>, payload: Buffer | string, type = XLSX) =>
    app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': type }, payload });

  t.test(
    'an ID number or a phone in a number cell is a row error that says to format the column as text',
    async (t) => {
      const typed = idOf('43312220010720153');
      const file = await xlsx([
        ['姓名', '身份证号', '手机号', '居住地区划代码'],
        // What Excel keeps of 433122200107201535 typed into a number cell: 15 significant digits.
        ['数字身份证', Number(typed), '', '420322'],
        ['数字手机', idOf('42032219900202021'), 13972800101, '420322'],
        ['文本', idOf('42032219900202022'), '13972800102', '420322'],
      ]);
      const before = (await db.db.select().from(seekers)).length;
      const res = await post('/v1/seekers/import', yunxi, file);
      t.equal(res.statusCode, 201, res.body);
      const report = res.json();
      t.match(report, { stored: 1, failedCount: 2 });
      t.match(report.failed, [
        { row: 2, errors: [{ field: '身份证号 (idNumber)', message: /数字.*文本格式/ }] },
        { row: 3, errors: [{ field: '手机号 (phone)', message: /文本格式/ }] },
      ]);
      t.equal((await db.db.select().from(seekers)).length, before + 1, 'only the row typed as text is stored');
    },
  );

  t.test(
    'a date typed as an Excel date or as 2030/12/31, 2030年12月31日, 2030-12-31 is the end of that Beijing day',
    async (t) => {
      const header = ['单位编号', '岗位名称', '区划代码', '招聘人数', '薪资下限', '薪资单位', '有效期至'];
      const row = (title: string, validThrough: unknown) => [employerId, title, '433101', 2, 4000, '月', validThrough];
      const file = await xlsx(
        [
          header,
          row('日期单元格', new Date(Date.UTC(2030, 11, 31))),
          row('斜杠', '2030/12/31'),
          row('中文', '2030年12月31日'),
          row('横杠', '2030-12-31'),
          row('不是日期', '2030/02/30'),
        ],
        (sheet) => {
          sheet.getCell('G2').numFmt = 'yyyy/m/d';
        },
      );
      const res = await post(`/v1/vacancies/import`, admin, file);
      t.equal(res.statusCode, 201, res.body);
      const report = res.json();
      t.equal(report.stored, 4);
      t.match(report.failed, [{ row: 6, errors: [{ field: '有效期至 (validThrough)', message: /不是日期/ }] }]);
      for (const { id } of report.vacancies) {
        const vacancy = (await app.inject(`/v1/vacancies/${id}`)).json();
        t.equal(new Date(vacancy.validThrough).toISOString(), '2030-12-31T15:59:59.000Z', vacancy.title);
      }
    },
  );

  t.test("the templates' own example rows are skipped, not reported as failed", async (t) => {
    for (const [template, url, headers, row] of [
      [
        '/v1/vacancies/import/template',
        `/v1/vacancies/import?employerId=${employerId}`,
        admin,
        { 岗位名称: '普工', 区划代码: '433101', 招聘人数: 3, 薪资下限: 3800, 薪资单位: '月', 单位编号: employerId },
      ],
      [
        '/v1/seekers/import/template',
        '/v1/seekers/import',
        yunxi,
        { 姓名: '李四', 身份证号: idOf('42032219900303031'), 居住地区划代码: '420322' },
      ],
    ] as const) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await app.inject(template)).rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0] as ExcelJS.Worksheet;
      const headerRow = (sheet.getRow(1).values as string[]).slice(1);
      sheet.addRow(headerRow.map((h) => (row as Record<string, unknown>)[h] ?? null));
      const res = await post(url, headers, Buffer.from(await book.xlsx.writeBuffer()));
      t.equal(res.statusCode, 201, `${url}: ${res.body}`);
      t.match(res.json(), { stored: 1, failed: [], failedCount: 0 }, url);
    }
  });

  t.test('a form upload (curl -F file=@…) is read like a raw body, as XLSX or CSV', async (t) => {
    const file = await xlsx([
      ['单位编号', '岗位名称', '区划代码', '招聘人数', '薪资下限', '薪资单位'],
      [employerId, '表单上传', '433101', 1, 4200, '月'],
    ]);
    const upload = await form(file, '岗位.xlsx', XLSX);
    const res = await post('/v1/vacancies/import', admin, upload.payload, upload.contentType);
    t.equal(res.statusCode, 201, res.body);
    t.match(res.json(), { stored: 1 });

    const csv = await form(
      Buffer.from(`\uFEFF姓名,身份证号,居住地区划代码\n王五,${idOf('42032219900404041')},420322\n`),
      '求职登记.csv',
      CSV,
    );
    const seekers = await post('/v1/seekers/import', yunxi, csv.payload, csv.contentType);
    t.equal(seekers.statusCode, 201, seekers.body);

    const fieldsOnly = new FormData();
    fieldsOnly.append('note', '忘了附文件');
    const request = new Request('http://localhost/', { method: 'POST', body: fieldsOnly });
    const missing = await post(
      '/v1/vacancies/import',
      admin,
      Buffer.from(await request.arrayBuffer()),
      request.headers.get('content-type') as string,
    );
    t.equal(missing.statusCode, 400, missing.body);
    t.match(missing.json().detail, /字段 `file`/);

    const json = await app.inject({ method: 'POST', url: '/v1/vacancies/import', headers: admin, payload: {} });
    t.equal(json.statusCode, 415);
    t.match(json.json().detail, /multipart\/form-data/, 'the 415 says how to upload');
  });

  t.test('a form that is not one (no boundary, cut short) is a 400 saying how to upload, not a 500', async (t) => {
    for (const contentType of ['multipart/form-data', 'multipart/form-data; boundary=abc']) {
      for (const path of ['/v1/vacancies/import', '/v1/seekers/import']) {
        const res = await post(path, admin, Buffer.from('{"file":"泸溪县"}'), contentType);
        t.equal(res.statusCode, 400, `${path} as ${contentType}: ${res.body}`);
        t.match(res.json(), { type: /unreadable-form$/, detail: /字段 `file`/ });
      }
    }
  });

  t.test('the OpenAPI shows the import routes taking a file, raw or as a form', async (t) => {
    const paths = (await app.inject('/openapi.json')).json().paths;
    for (const path of ['/v1/vacancies/import', '/v1/seekers/import']) {
      const content = paths[path].post.requestBody?.content ?? {};
      t.match(
        content,
        {
          'multipart/form-data': { schema: { properties: { file: { type: 'string', format: 'binary' } } } },
          [XLSX]: { schema: { format: 'binary' } },
          [CSV]: { schema: { format: 'binary' } },
        },
        path,
      );
      t.match(paths[path].post.description, /10,000 data rows/, `${path} states the row cap`);
    }
  });
});
