import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, checkInBothLanguages, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { buildApp } from './app.ts';

// Every kind of bad input to matching, in Chinese by default and in English on request.
await withEachDatabase(t, async (t, db) => {
  const app = buildApp({ db, logger: captureLogger().logger, staffTokens: testStaffTokens, liveRefreshMs: 0 });
  t.teardown(() => app.close());
  const admin = await staffAuth();
  const search =
    (payload: unknown, query = '') =>
    (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/v1/matches/search${query}`,
        headers: { 'content-type': 'application/json', ...headers },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
  const get = (url: string) => (headers: Record<string, string>) =>
    app.inject({ url, headers: { ...admin, ...headers } });

  t.test('a body that is not JSON', async (t) => {
    await checkInBothLanguages(t, search('{"residenceRegionCode":'), {
      code: 'fst-err-ctp-invalid-json-body',
      status: 400,
    });
  });

  t.test('wrong type, missing field, unknown value and unknown member, each named', async (t) => {
    for (const [payload, field] of [
      [{ residenceRegionCode: 433101 }, 'residenceRegionCode'],
      [{}, 'residenceRegionCode'],
      [{ residenceRegionCode: '433101', education: 'phd_of_everything' }, 'education'],
      [{ residenceRegionCode: '433101', salary: 5000 }, '(root)'],
    ] as const) {
      await checkInBothLanguages(t, search(payload), { code: 'validation-error', status: 400, fields: [field] });
    }
  });

  t.test('a query parameter that is no number', async (t) => {
    await checkInBothLanguages(t, search({ residenceRegionCode: '433101' }, '?minWage=lots'), {
      code: 'validation-error',
      status: 400,
      fields: ['minWage'],
    });
  });

  t.test('a body over the limit', async (t) => {
    await checkInBothLanguages(t, search({ residenceRegionCode: '433101', skills: ['缝'.repeat(600_000)] }), {
      code: 'fst-err-ctp-body-too-large',
      status: 413,
    });
  });

  t.test('a region code that names no county', async (t) => {
    const { zh } = await checkInBothLanguages(t, search({ residenceRegionCode: '439999' }), {
      code: 'unknown-region',
      status: 422,
      fields: ['residenceRegionCode'],
    });
    t.equal(zh.title, '未知的行政区划');
  });

  t.test('a path parameter that is no id, and a vacancy that is not there', async (t) => {
    await checkInBothLanguages(t, get('/v1/seekers/not-an-id/matches'), {
      code: 'validation-error',
      status: 400,
      fields: ['seekerId'],
    });
    await checkInBothLanguages(t, get('/v1/vacancies/vac_00000000000000000000000000000000/candidates'), {
      code: 'vacancy-not-found',
      status: 404,
    });
  });

  t.test('a fair, a livestream and its lineup page that are not there', async (t) => {
    await checkInBothLanguages(t, get('/v1/fairs/fai_00000000000000000000000000000000'), {
      code: 'fair-not-found',
      status: 404,
    });
    await checkInBothLanguages(t, get('/v1/livestreams/liv_00000000000000000000000000000000'), {
      code: 'livestream-not-found',
      status: 404,
    });
    await checkInBothLanguages(t, get('/v1/livestreams/liv_00000000000000000000000000000000/lineup?cursor=bm9wZQ'), {
      code: 'livestream-not-found',
      status: 404,
    });
  });

  t.test('no credentials where they are needed', async (t) => {
    await checkInBothLanguages(t, (headers) => app.inject({ url: '/v1/seekers/x/matches', headers }), {
      code: 'staff-token-required',
      status: 401,
    });
  });
});
