import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp, registerEmployer } from '../../testing.ts';

const now = new Date('2026-11-22T09:00:00+08:00');

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db, { clock: () => now });
  const admin = await staffAuth();
  const employerId = await registerEmployer(app, {
    name: '湘西某茶厂',
    creditStem: '91433100MA4P00061',
    regionCode: '433101',
  });
  const vacancy = { employerId, title: '采茶工', regionCode: '433101', headcount: 5, wage: { min: 150, unit: 'day' } };
  const post = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/v1/vacancies', headers: admin, payload: { ...vacancy, ...payload } });

  t.test('a new vacancy already past its validThrough is refused, not stored as open', async (t) => {
    const res = await post({ validThrough: '2026-11-21T18:00:00+08:00' });
    t.equal(res.statusCode, 422, res.body);
    t.match(res.json(), { errors: [{ field: 'validThrough', message: /已经过去/ }] });
    const bulk = await app.inject({
      method: 'POST',
      url: '/v1/vacancies/bulk',
      headers: admin,
      payload: { vacancies: [{ ...vacancy, validThrough: '2026-11-21' }, vacancy] },
    });
    t.equal(bulk.statusCode, 201, 'the good row is stored');
    t.match(bulk.json(), { stored: 1, failed: [{ row: 1, errors: [{ field: 'validThrough' }] }] });
  });

  t.test('a time without a zone is Beijing time; a date alone is the end of that day', async (t) => {
    const local = await post({ validThrough: '2026-12-31T18:00:00' });
    t.equal(local.statusCode, 201, local.body);
    t.equal(local.json().validThrough, '2026-12-31T10:00:00.000Z');
    const day = await post({ validThrough: '2026-12-31' });
    t.equal(day.json().validThrough, '2026-12-31T15:59:59.000Z');
  });

  t.test('a change may move validThrough to now or earlier: the vacancy closes at once', async (t) => {
    const created = (await post({ validThrough: '2026-12-31' })).json();
    const res = await app.inject({
      method: 'PATCH',
      url: `/v1/vacancies/${created.id}`,
      headers: admin,
      payload: { version: 1, validThrough: '2026-11-22T09:00:00' },
    });
    t.equal(res.statusCode, 200, res.body);
    t.match(res.json(), { status: 'expired', validThrough: '2026-11-22T01:00:00.000Z', version: 2 });
  });
});
