// The intake issue's acceptance run: everything through the gateway on real listening
// servers, on PGlite and on the PostgreSQL server.
import { creditCodeCheckChar, residentIdCheckChar } from '@duijie/contracts';
import { outboxEvents } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import ExcelJS from 'exceljs';
import t from 'tap';
import { runServices } from './system.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const idNumber = (() => {
  const stem = '42032219880415231';
  return `${stem}${residentIdCheckChar(stem)}`;
})();

await withEachDatabase(t, async (t, db) => {
  const log = captureLogger();
  const system = await runServices({ db, staffTokens: testStaffTokens, logger: log.logger });
  t.teardown(() => system.close());
  const bodies: string[] = [];
  const mutations: { requestId: string; what: string }[] = [];
  async function call(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const raw = Buffer.isBuffer(options.body);
    const res = await fetch(`${system.gatewayUrl}${path}`, {
      method,
      headers: { ...(options.body && !raw ? { 'content-type': 'application/json' } : {}), ...options.headers },
      ...(options.body ? { body: raw ? (options.body as Buffer) : JSON.stringify(options.body) } : {}),
    });
    const text = await res.text();
    if (!path.endsWith('/personal-data')) bodies.push(text);
    if (method !== 'GET' && res.ok && res.headers.get('idempotent-replayed') !== 'true') {
      mutations.push({ requestId: res.headers.get('x-request-id') ?? '', what: `${method} ${path}` });
    }
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
  }

  const admin = await staffAuth({ staffId: 'shiyan-admin', regionCode: '420300' });
  const yunxiOfficer = await staffAuth({ staffId: 'yunxi', role: 'officer', regionCode: '420322' });
  const zhushanOfficer = await staffAuth({ staffId: 'zhushan', role: 'officer', regionCode: '420323' });

  const stem = '91420322MA4G00009';
  const employer = await call('POST', '/v1/employers', {
    headers: admin,
    body: {
      name: '郧西县某服装厂',
      kind: 'enterprise',
      creditCode: `${stem}${creditCodeCheckChar(stem)}`,
      regionCode: '420322',
    },
  });
  const employerId = employer.json().id as string;
  const key = (
    await call('POST', `/v1/employers/${employerId}/api-keys`, { headers: admin, body: { name: 'HR' } })
  ).json().key as string;
  const asEmployer = { authorization: `Bearer ${key}` };

  t.test('an employer posts with its key, retries, updates with a stale version, closes', async (t) => {
    const vacancy = {
      employerId,
      title: '缝纫工',
      region: '郧西县',
      headcount: 10,
      wage: { min: 4200, unit: 'month' },
    };
    const headers = { ...asEmployer, 'idempotency-key': 'sew-1' };
    const first = await call('POST', '/v1/vacancies', { headers, body: vacancy });
    t.equal(first.status, 201, first.text);
    const retry = await call('POST', '/v1/vacancies', { headers, body: vacancy });
    t.equal(retry.headers.get('idempotent-replayed'), 'true');
    t.equal(retry.json().id, first.json().id, 'the retry is the first answer');
    const url = `/v1/vacancies/${first.json().id}`;
    // A merge patch says what it is; the gateway passes it on as it is.
    const mergePatch = { ...asEmployer, 'content-type': 'application/merge-patch+json' };
    t.equal((await call('PATCH', url, { headers: mergePatch, body: { version: 1, headcount: 12 } })).status, 200);
    const stale = await call('PATCH', url, { headers: asEmployer, body: { version: 1, headcount: 3 } });
    t.equal(stale.status, 409);
    t.match(stale.headers.get('content-type'), /problem\+json/);
    const closed = await call('POST', `${url}/close`, { headers: asEmployer, body: { version: 2 } });
    t.match(closed.json(), { status: 'closed', version: 3 });
    const unknownField = await call('POST', '/v1/vacancies', { headers: asEmployer, body: { ...vacancy, salary: 1 } });
    t.equal(unknownField.status, 400, 'unknown fields are refused');
  });

  t.test('a spreadsheet with three bad rows stores the rest and reports the three', async (t) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('岗位');
    sheet.addRow(['岗位名称', '工作地点', '招聘人数', '薪资下限', '薪资单位']);
    for (let i = 0; i < 10; i++) sheet.addRow([`裁床工${i}`, '郧西县', 2, 3800, '月']);
    sheet.getRow(4).getCell(3).value = 0;
    sheet.getRow(7).getCell(2).value = '火星';
    sheet.getRow(9).getCell(5).value = '季度';
    const res = await call('POST', '/v1/vacancies/import', {
      headers: { ...asEmployer, 'content-type': XLSX },
      body: Buffer.from(await book.xlsx.writeBuffer()),
    });
    t.equal(res.status, 201, res.text);
    t.match(res.json(), { stored: 7 });
    t.same(
      res.json().failed.map((f: { row: number }) => f.row),
      [4, 7, 9],
    );
  });

  t.test('a JobPosting is accepted and mapped', async (t) => {
    const res = await call('POST', `/v1/vacancies/job-postings?regionCode=420322`, {
      headers: { ...asEmployer, 'content-type': 'application/ld+json' },
      body: {
        '@context': 'https://schema.org/',
        '@type': 'JobPosting',
        title: 'Stone mason',
        physicalRequirement: 'Must be able to lift and carry loads of up to 50kg.',
        baseSalary: { '@type': 'MonetaryAmount', currency: 'CNY', value: { value: 260, unitText: 'DAY' } },
      },
    });
    t.equal(res.status, 201, res.text);
    t.match(res.json(), { title: 'Stone mason', wage: { min: 260, unit: 'day' }, description: /体能要求/ });
  });

  t.test('seekers: another county’s officer gets 404, never the data; no ID number leaks', async (t) => {
    const registered = await call('POST', '/v1/seekers', {
      headers: yunxiOfficer,
      body: { name: '王某', idNumber, phone: '13972800001', residenceRegionCode: '420322101201' },
    });
    t.equal(registered.status, 201, registered.text);
    const url = `/v1/seekers/${registered.json().id}`;
    const other = await call('GET', url, { headers: zhushanOfficer });
    t.equal(other.status, 404);
    t.notMatch(other.text, '王某');
    t.equal((await call('GET', url, { headers: yunxiOfficer })).status, 200);
    const unmasked = await call('GET', `${url}/personal-data`, { headers: yunxiOfficer });
    t.equal(unmasked.json().idNumber, idNumber, 'the audited read is the one place it is shown');
    for (const body of bodies) t.notMatch(body, idNumber);
    t.notMatch(log.lines().join('\n'), idNumber, 'no log line of any service has it');
    t.notMatch(log.lines().join('\n'), '13972800001');
  });

  t.test('every mutation left exactly one outbox event', async (t) => {
    const events = await db.db.select().from(outboxEvents);
    for (const m of mutations.filter((m) => !m.what.includes('/import'))) {
      const mine = events.filter((e) => e.requestId === m.requestId);
      t.equal(mine.length, 1, m.what);
    }
    const imported = mutations.find((m) => m.what.includes('/v1/vacancies/import'));
    t.equal(
      events.filter((e) => e.requestId === imported?.requestId).length,
      7,
      'the spreadsheet: one event per stored row',
    );
  });
});
