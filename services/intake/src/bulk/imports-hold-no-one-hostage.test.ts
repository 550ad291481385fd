import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJobs, newId, vacancies } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import t from 'tap';
import { intakeApp, registerEmployer } from '../testing.ts';
import { CSV, XLSX } from './sheet-upload.ts';

type App = ReturnType<typeof intakeApp>['app'];

/** Polls a job until it is no longer running. */
async function finished(app: App, location: string, headers: Record<string, string>) {
  for (let i = 0; i < 600; i++) {
    const job = (await app.inject({ url: location, headers })).json();
    if (job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${location} still running`);
}

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  const admin = await staffAuth();
  const other = await staffAuth({ staffId: 'someone-else' });
  const employerId = await registerEmployer(app, {
    name: '花垣某锰业公司',
    creditStem: '91433124MA4T00021',
    regionCode: '433124',
  });
  const count = async () => (await db.db.select().from(vacancies)).length;
  const csvOf = (rows: number, row: (i: number) => string) =>
    `单位编号,岗位名称,区划代码,招聘人数,薪资下限,薪资单位\n${Array.from({ length: rows }, (_, i) => row(i)).join('\n')}\n`;
  const good = (i: number) => `${employerId},选矿工${i},433124,1,${4000 + (i % 100)},月`;
  const upload = (payload: Buffer | string, type: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/v1/vacancies/import',
      headers: { ...admin, ...headers, 'content-type': type },
      payload,
    });

  t.test('a sheet over 10,000 rows is refused with 413 naming the cap, before it is read whole', async (t) => {
    // Written whole: the sheet says how many rows it has, and that alone refuses it.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('岗位');
    sheet.addRow(['岗位名称']);
    for (let i = 0; i < 30_000; i++) sheet.addRow([i]);
    const declared = await upload(Buffer.from(await book.xlsx.writeBuffer()), XLSX);
    t.equal(declared.statusCode, 413, declared.body);
    t.match(declared.json(), { detail: /超过 10,000 行/, maxRows: 10_000 });

    // Streamed out: no size at the top, so the rows are counted (a huge sheet's row tags while it
    // is unpacked; then the rows read), and the reading stops past the cap.
    for (const rows of [10_001, 25_000]) {
      const path = join(tmpdir(), `duijie-${process.pid}-${rows}.xlsx`);
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
      const streamed = writer.addWorksheet('岗位');
      streamed.addRow(['岗位名称']).commit();
      for (let i = 0; i < rows; i++) streamed.addRow([`普工${i}`]).commit();
      await streamed.commit();
      await writer.commit();
      const counted = await upload(await readFile(path), XLSX);
      await rm(path);
      t.equal(counted.statusCode, 413, `${rows} rows: ${counted.body}`);
    }

    const csv = await upload(csvOf(10_001, good), CSV);
    t.equal(csv.statusCode, 413, csv.body);
    t.match(csv.json().detail, /10,000/);
  });

  t.test('a report lists the first 1,000 failed rows and counts them all', async (t) => {
    const res = await upload(
      csvOf(1500, (i) => `${employerId},,433124,1,4000,月${i}`),
      CSV,
    );
    t.equal(res.statusCode, 422, res.body.slice(0, 500));
    const report = res.json();
    t.equal(report.failedCount, 1500);
    t.equal(report.failed.length, 1000);
    t.same([report.failed[0].row, report.failed[999].row], [2, 1001]);
  });

  t.test('with Prefer: respond-async an import is a job: 202, its Location shows the report once done', async (t) => {
    const before = await count();
    const sheet = csvOf(4, (i) => (i === 2 ? `${employerId},,433124,1,4000,月` : good(i)));
    const res = await upload(sheet, CSV, { prefer: 'respond-async' });
    t.equal(res.statusCode, 202, res.body);
    t.equal(res.headers['preference-applied'], 'respond-async');
    const location = res.headers.location as string;
    t.match(location, /^\/v1\/imports\/imp_[0-9a-f]{32}$/);
    t.match(res.json(), { kind: 'vacancies.import', rows: 4 });

    const job = await finished(app, location, admin);
    t.match(job, { status: 'done', stored: 3, failedCount: 1, error: null });
    t.match(job.report, { stored: 3, failed: [{ row: 4, errors: [{ field: '岗位名称 (title)' }] }] });
    t.equal(job.report.vacancies.length, 3);
    t.equal(await count(), before + 3);
    // The report is kept in both languages and shown in the reader's.
    const [zh, en] = await Promise.all(
      [{}, { 'accept-language': 'en' }].map(async (language) => {
        const read = await app.inject({ url: location, headers: { ...admin, ...language } });
        return read.json().report.failed[0].errors[0].message as string;
      }),
    );
    t.match(zh, /[\u4e00-\u9fff]/, `in Chinese: ${zh}`);
    t.notMatch(en, /[\u4e00-\u9fff]/, `in English: ${en}`);

    const again = await upload(sheet, CSV, { prefer: 'respond-async' });
    t.equal(again.statusCode, 202);
    t.equal(again.headers.location, location, 'the same upload sent again answers the same job');
    t.match(again.json(), { status: 'done', stored: 3 });
    t.equal(await count(), before + 3, 'and stores nothing twice');

    t.equal((await app.inject({ url: location, headers: other })).statusCode, 404, "another's job is not found");
    t.equal((await app.inject({ url: location })).statusCode, 401);
  });

  t.test('a bulk above 2,000 rows is a job without asking', async (t) => {
    const rows = Array.from({ length: 2001 }, (_, i) => ({ employerId, title: '', region: '花垣县', headcount: i }));
    const res = await app.inject({
      method: 'POST',
      url: '/v1/vacancies/bulk',
      headers: admin,
      payload: { vacancies: rows },
    });
    t.equal(res.statusCode, 202, res.body.slice(0, 300));
    const job = await finished(app, res.headers.location as string, admin);
    t.match(job, { status: 'done', kind: 'vacancies.bulk', stored: 0, failedCount: 2001 });
    t.equal(job.report.failed.length, 1000);
  });

  t.test('/health is answered while a maximal import runs', async (t) => {
    const before = await count();
    const res = await upload(csvOf(10_000, good), CSV);
    t.equal(res.statusCode, 202, res.body.slice(0, 300));
    const health = await app.inject('/health');
    t.equal(health.statusCode, 200);
    t.equal((await app.inject({ url: res.headers.location as string, headers: admin })).statusCode, 200);
    const job = await finished(app, res.headers.location as string, admin);
    t.match(job, { status: 'done', stored: 10_000 });
    t.equal(await count(), before + 10_000);
  });

  t.test('a job its process left running is failed when the service starts again, and said so', async (t) => {
    const id = newId('imp');
    const long = new Date(Date.now() - 10 * 60_000);
    await db.db.insert(importJobs).values({
      id,
      kind: 'vacancies.import',
      owner: 'staff:test-admin',
      requestHash: 'x',
      requestId: 'r',
      status: 'running',
      rows: 5000,
      createdAt: long,
      updatedAt: long,
    });
    const { app: restarted } = intakeApp(t, db);
    await restarted.ready();
    const [row] = await db.db.select().from(importJobs).where(eq(importJobs.id, id));
    t.equal(row?.status, 'failed', 'marked at start');
    const job = (await restarted.inject({ url: `/v1/imports/${id}`, headers: admin })).json();
    t.match(job, { status: 'failed', stored: 0, error: /服务停止.*没有任何内容入库/ });
    const english = await restarted.inject({
      url: `/v1/imports/${id}`,
      headers: { ...admin, 'accept-language': 'en' },
    });
    t.match(english.json(), { error: /stopped.*nothing of it was stored/ });
  });
});
