import { outboxEvents, vacancies } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp, registerEmployer } from '../../testing.ts';

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  const admin = await staffAuth();
  const employerId = await registerEmployer(app, {
    name: '吉首某物业公司',
    kind: 'enterprise',
    creditStem: '91433101MA4Q00002',
    regionCode: '433101',
  });
  const vacancy = {
    employerId,
    title: '保洁员',
    regionCode: '433101',
    headcount: 3,
    wage: { min: 2800, unit: 'month' },
  };
  const post = (key: string, payload: Record<string, unknown>, authorization?: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      payload,
      headers: { 'idempotency-key': key, authorization: authorization ?? admin.authorization },
    });

  t.test('a retry with the same key returns the first result and stores nothing more', async (t) => {
    const first = await post('k-1', vacancy);
    t.equal(first.statusCode, 201);
    const again = await post('k-1', vacancy);
    t.equal(again.statusCode, 201);
    t.equal(again.headers['idempotent-replayed'], 'true');
    t.same(again.json(), first.json());
    t.equal((await db.db.select().from(vacancies)).length, 1, 'one vacancy');
    const published = (await db.db.select().from(outboxEvents)).filter((e) => e.type === 'vacancy.published');
    t.equal(published.length, 1, 'one event');
  });

  t.test('the same key with a different body is 422', async (t) => {
    const res = await post('k-1', { ...vacancy, headcount: 4 });
    t.equal(res.statusCode, 422);
    t.match(res.json(), { type: /idempotency-key-reused$/ });
  });

  t.test('keys are per caller, and a refused request is replayed as refused', async (t) => {
    // A second caller: the employer's own system, with its API key.
    const created = await app.inject({
      method: 'POST',
      url: `/v1/employers/${employerId}/api-keys`,
      headers: admin,
      payload: { name: '招聘系统' },
    });
    const other = await post('k-1', vacancy, `Bearer ${created.json().key}`);
    t.equal(other.statusCode, 201, 'another caller’s k-1 is its own');
    const bad = await post('k-2', { ...vacancy, regionCode: '999999' });
    t.equal(bad.statusCode, 422);
    const badAgain = await post('k-2', { ...vacancy, regionCode: '999999' });
    t.equal(badAgain.statusCode, 422);
    t.equal(badAgain.headers['idempotent-replayed'], 'true');
    t.match(badAgain.headers['content-type'], /problem\+json/);
  });

  t.test('a malformed key is refused, naming the header', async (t) => {
    const res = await post('bad key with spaces', vacancy);
    t.equal(res.statusCode, 400);
    t.match(res.json().errors, [{ in: 'headers', field: 'idempotency-key' }]);
  });
});
