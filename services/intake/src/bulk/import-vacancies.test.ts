import { outboxEvents, vacancies } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp, registerEmployer } from '../testing.ts';

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  const admin = await staffAuth();
  const employerId = await registerEmployer(app, {
    name: '泸溪某纺织扶贫车间',
    kind: 'community_factory',
    creditStem: '91433122MA4R00003',
    regionCode: '433122',
  });
  const row = (i: number) => ({
    employerId,
    title: `纺织挡车工 ${i}`,
    region: '泸溪县',
    requiredSkills: [{ name: '紡織' }],
    headcount: 2,
    wage: { min: 120 + i, unit: 'day' },
  });

  t.test('three bad rows are reported by number; every good row is stored with its event', async (t) => {
    const rows: unknown[] = Array.from({ length: 40 }, (_, i) => row(i));
    rows[4] = { ...row(4), headcount: 0 }; // row 5
    rows[19] = { ...row(19), region: '朝阳区' }; // row 20: ambiguous place
    rows[32] = { ...row(32), employerId: 'emp_0192aaaaaaaaaaaaaaaaaaaaaaaaaaaa' }; // row 33
    const res = await app.inject({
      method: 'POST',
      headers: admin,
      url: '/v1/vacancies/bulk',
      payload: { vacancies: rows },
    });
    t.equal(res.statusCode, 201, res.body);
    const report = res.json();
    t.equal(report.stored, 37);
    t.same(
      report.failed.map((f: { row: number }) => f.row),
      [5, 20, 33],
    );
    t.match(report.failed, [
      { errors: [{ field: 'headcount' }] },
      { errors: [{ field: 'region' }] },
      { errors: [{ field: 'employerId' }] },
    ]);
    t.equal((await db.db.select().from(vacancies)).length, 37);
    t.equal((await db.db.select().from(outboxEvents)).filter((e) => e.type === 'vacancy.published').length, 37);
    const stored = await app.inject(`/v1/vacancies/${report.vacancies[0].id}`);
    t.match(stored.json(), {
      regionCode: '433122',
      requiredSkills: [{ code: 'skill.textile' }],
      monthlyWage: { monthlyMin: 2610 },
    });
  });

  t.test('when no row is good, nothing is stored and the answer is 422 with the report', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/vacancies/bulk',
      headers: admin,
      payload: { vacancies: [{ title: 'x' }, { ...row(1), wage: { min: 5, unit: 'piece' } }] },
    });
    t.equal(res.statusCode, 422);
    t.same(
      res.json().failed.map((f: { row: number }) => f.row),
      [1, 2],
    );
    t.equal((await db.db.select().from(vacancies)).length, 37);
  });

  t.test('an externalId used before, in the database or an earlier row, is refused on its row', async (t) => {
    const post = (rows: unknown[], language: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url: '/v1/vacancies/bulk',
        headers: { ...admin, ...language },
        payload: { vacancies: rows },
      });
    t.equal((await post([{ ...row(1), externalId: 'LX-1' }])).statusCode, 201);
    const res = await post([
      { ...row(2), externalId: 'LX-1' },
      { ...row(3), externalId: 'LX-2' },
      { ...row(4), externalId: 'LX-2' },
    ]);
    t.match(res.json(), {
      stored: 1,
      failed: [
        { row: 1, errors: [{ field: 'externalId', message: /^已被岗位 vac_\w+ 使用$/ }] },
        { row: 3, errors: [{ field: 'externalId', message: '已被第 2 行使用' }] },
      ],
    });
    const english = await post(
      [
        { ...row(5), externalId: 'LX-1' },
        { ...row(6), externalId: 'LX-3' },
        { ...row(7), externalId: 'LX-3' },
      ],
      { 'accept-language': 'en' },
    );
    t.match(english.json(), {
      stored: 1,
      failed: [
        { row: 1, errors: [{ field: 'externalId', message: /^already used by vacancy vac_/ }] },
        { row: 3, errors: [{ field: 'externalId', message: 'already used by row 2' }] },
      ],
    });
  });
});
