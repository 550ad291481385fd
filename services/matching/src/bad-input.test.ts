import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { buildApp } from './app.ts';

// Numbers past their columns and text no one types are a 400 naming the field, never a 500.
await withEachDatabase(t, async (t, db) => {
  const app = buildApp({ db, logger: captureLogger().logger, staffTokens: testStaffTokens, liveRefreshMs: 0 });
  t.teardown(() => app.close());
  const admin = await staffAuth();

  t.test('a minimum wage past any wage is a 400', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/matches/search?minWage=2435688736734',
      payload: { residenceRegionCode: '433101' },
    });
    t.equal(res.statusCode, 400, res.body);
    t.match(res.json().errors, [{ in: 'querystring', field: 'minWage' }]);
  });

  t.test('a host’s version past the integer column is a 400', async (t) => {
    const created = await app.inject({
      method: 'POST',
      url: '/v1/livestreams',
      headers: admin,
      payload: {
        title: '春风行动直播带岗',
        host: '小李',
        platform: '抖音',
        regionCode: '433101',
        startsAt: '2026-12-01T10:00:00+08:00',
        endsAt: '2026-12-01T12:00:00+08:00',
      },
    });
    t.equal(created.statusCode, 201, created.body);
    const res = await app.inject({
      method: 'PATCH',
      url: `/v1/livestreams/${created.json().id}/host`,
      headers: admin,
      payload: { version: 2_147_483_648, presentingVacancyId: null },
    });
    t.equal(res.statusCode, 400, res.body);
    t.match(res.json().errors, [{ in: 'body', field: 'version' }]);
  });

  t.test('a NUL in a livestream title is a 400 naming it', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/livestreams',
      headers: admin,
      payload: {
        title: '直播\u0000带岗',
        host: '小李',
        platform: '抖音',
        regionCode: '433101',
        startsAt: '2026-12-01T10:00:00+08:00',
        endsAt: '2026-12-01T12:00:00+08:00',
      },
    });
    t.equal(res.statusCode, 400, res.body);
    t.match(res.json().errors, [{ in: 'body', field: 'title', message: /NUL/ }]);
  });
});
