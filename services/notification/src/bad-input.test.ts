import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { buildApp } from './app.ts';

await withEachDatabase(t, async (t, db) => {
  const app = buildApp({
    db,
    logger: captureLogger().logger,
    staffTokens: testStaffTokens,
    delivery: { run: false },
  });
  t.teardown(() => app.close());

  t.test('a NUL in a broadcast title is a 400 naming it, not a 500', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/broadcasts',
      headers: await staffAuth({ role: 'admin', regionCode: '433101' }),
      payload: { title: '春风\u0000行动', body: '本周六县人社局招聘会', segment: {} },
    });
    t.equal(res.statusCode, 400, res.body);
    t.match(res.json().errors, [{ in: 'body', field: 'title', message: /NUL/ }]);
  });
});
