import { residentIdCheckChar } from '@duijie/contracts';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t, { type Test } from 'tap';
import { intakeApp, registerEmployer } from './testing.ts';

// Input no person could have sent is a 400 naming the field, never a 500 (and never a
// database error in the log with the request's personal data in it).
const idOf = (first17: string) => `${first17}${residentIdCheckChar(first17)}`;
const TOO_BIG = 2_147_483_648; // one past PostgreSQL's integer

await withEachDatabase(t, async (t, db) => {
  const { app, logLines } = intakeApp(t, db);
  const admin = await staffAuth();
  const employerId = await registerEmployer(app, {
    name: '郧西某服装厂',
    creditStem: '91420322MA4P00077',
    regionCode: '420322',
  });
  const vacancy = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: admin,
    payload: { employerId, title: '缝纫工', regionCode: '420322', wage: { min: 3500, unit: 'month' }, headcount: 2 },
  });
  const vacancyId = vacancy.json().id as string;
  const person = {
    name: '张三',
    idNumber: idOf('42032219880808557'),
    phone: '13283450267',
    residenceRegionCode: '420322',
  };
  const seeker = await app.inject({ method: 'POST', url: '/v1/seekers', headers: admin, payload: person });
  const seekerId = seeker.json().id as string;

  const refused = (
    t: Test,
    res: {
      statusCode: number;
      headers: Record<string, unknown>;
      json(): { errors?: { field: string }[] };
      body: string;
    },
    field: RegExp | string,
  ) => {
    t.equal(res.statusCode, 400, res.body);
    t.match(res.headers['content-type'], /application\/problem\+json/);
    t.ok(
      (res.json().errors ?? []).some((e) => (typeof field === 'string' ? e.field === field : field.test(e.field))),
      `names ${field}`,
    );
  };

  t.test('a NUL in an anonymous registration is a 400 naming the field, and nothing is logged of it', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/seekers',
      payload: { ...person, name: '张\u00003', idNumber: idOf('43312219880808557') },
    });
    refused(t, res, 'name');
    const log = logLines().join('\n');
    t.notMatch(log, '433122198808085');
    t.notMatch(log, '13283450267');
  });

  t.test('a version past the integer column is a 400 on every versioned change', async (t) => {
    for (const [what, url, payload] of [
      ['close a vacancy', `/v1/vacancies/${vacancyId}/close`, { version: TOO_BIG }],
      ['change a vacancy', `/v1/vacancies/${vacancyId}`, { version: TOO_BIG, headcount: 3 }],
      ['change a seeker', `/v1/seekers/${seekerId}`, { version: TOO_BIG, monitored: true }],
      ['unblacklist', `/v1/employers/${employerId}/unblacklist`, { version: TOO_BIG, reason: '已结清欠薪' }],
    ] as const) {
      const method = url.endsWith('close') || url.endsWith('blacklist') ? 'POST' : 'PATCH';
      const res = await app.inject({ method, url, headers: admin, payload });
      t.test(what, async (t) => refused(t, res, 'version'));
    }
  });

  t.test('NUL bytes in a query or a key name are a 400 naming the field', async (t) => {
    refused(t, await app.inject('/v1/vacancies?skill=a%00b'), 'skill');
    refused(
      t,
      await app.inject({
        method: 'POST',
        url: `/v1/employers/${employerId}/api-keys`,
        headers: admin,
        payload: { name: '招聘\u0000系统' },
      }),
      'name',
    );
  });

  t.test('a report period outside 1900–2100 is a 400', async (t) => {
    refused(t, await app.inject({ url: '/v1/reports/summary?from=0000-01-01', headers: admin }), 'from');
    refused(t, await app.inject({ url: '/v1/reports/summary?to=9999-12-31', headers: admin }), 'to');
  });

  t.test('an ID number born in the future or before 1900 cannot be a person', async (t) => {
    for (const first17 of ['42032220990101001', '42032218000101001']) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/seekers',
        headers: admin,
        payload: { ...person, idNumber: idOf(first17) },
      });
      refused(t, res, 'idNumber');
    }
  });

  t.test('a piece rate whose month would not fit the wage column is a 400', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      headers: admin,
      payload: {
        employerId,
        title: '计件缝纫工',
        regionCode: '420322',
        wage: { min: 10_000_000, unit: 'piece', piecesPerMonth: 1_000_000 },
        headcount: 1,
      },
    });
    refused(t, res, /wage/);
  });
});
