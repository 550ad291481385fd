import { residentIdCheckChar } from '@duijie/contracts';
import { withEachDatabase } from '@duijie/db/testing';
import { checkInBothLanguages, staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp, registerEmployer } from './testing.ts';

// Every kind of bad input, as an officer reading Chinese gets it, and as a developer who asks
// for English (Accept-Language: en) gets it: the same code and fields, the words translated.
await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  const admin = await staffAuth();
  const employerId = await registerEmployer(app, {
    name: '郧西某服装厂',
    creditStem: '91420322MA4P00078',
    regionCode: '420322',
  });
  const vacancy = {
    employerId,
    title: '缝纫工',
    regionCode: '420322',
    wage: { min: 3500, unit: 'month' },
    headcount: 2,
  };
  const post =
    (url: string, payload: unknown, type = 'application/json') =>
    (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        headers: { ...admin, 'content-type': type, ...headers },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
  const get = (url: string) => (headers: Record<string, string>) =>
    app.inject({ url, headers: { ...admin, ...headers } });

  t.test('a body that is not JSON', async (t) => {
    await checkInBothLanguages(t, post('/v1/vacancies', '{"title":'), {
      code: 'fst-err-ctp-invalid-json-body',
      status: 400,
    });
  });

  t.test('a field of the wrong type', async (t) => {
    const { zh, en } = await checkInBothLanguages(t, post('/v1/vacancies', { ...vacancy, headcount: '两个' }), {
      code: 'validation-error',
      status: 400,
      fields: ['headcount'],
    });
    t.match(zh.errors, [{ field: 'headcount', message: /类型错误/ }]);
    t.match(en.errors, [{ field: 'headcount', message: /expected number, received string/ }]);
  });

  t.test('a required field left out', async (t) => {
    const { title: _, ...untitled } = vacancy;
    const { zh } = await checkInBothLanguages(t, post('/v1/vacancies', untitled), {
      code: 'validation-error',
      status: 400,
      fields: ['title'],
    });
    t.match(zh.errors, [{ field: 'title', message: /必填/ }]);
  });

  t.test('a value outside an enumeration', async (t) => {
    await checkInBothLanguages(t, post('/v1/vacancies', { ...vacancy, wage: { min: 3500, unit: 'fortnight' } }), {
      code: 'validation-error',
      status: 400,
      fields: ['wage.unit'],
    });
  });

  t.test('a rule of the schema: the top of a wage below its bottom', async (t) => {
    const { zh, en } = await checkInBothLanguages(
      t,
      post('/v1/vacancies', { ...vacancy, wage: { min: 3500, max: 3000, unit: 'month' } }),
      { code: 'validation-error', status: 400, fields: ['wage.max'] },
    );
    t.match(zh.errors, [{ field: 'wage.max', message: '最高值不得低于最低值' }]);
    t.match(en.errors, [{ field: 'wage.max', message: 'max must not be below min' }]);
  });

  t.test('a body over the limit', async (t) => {
    await checkInBothLanguages(t, post('/v1/vacancies', { ...vacancy, description: '岗'.repeat(400_000) }), {
      code: 'fst-err-ctp-body-too-large',
      status: 413,
    });
  });

  t.test('a body of a media type no route takes', async (t) => {
    await checkInBothLanguages(t, post('/v1/vacancies', '<title>缝纫工</title>', 'application/xml'), {
      code: 'fst-err-ctp-invalid-media-type',
      status: 415,
    });
  });

  t.test('a path parameter that is no id', async (t) => {
    await checkInBothLanguages(t, get('/v1/vacancies/not-an-id'), {
      code: 'validation-error',
      status: 400,
      fields: ['vacancyId'],
    });
  });

  t.test('a query parameter out of range, and a cursor no page gave out', async (t) => {
    await checkInBothLanguages(t, get('/v1/vacancies?limit=100000'), {
      code: 'validation-error',
      status: 400,
      fields: ['limit'],
    });
    await checkInBothLanguages(t, get('/v1/vacancies?cursor=bm90LWFuLWlk'), {
      code: 'bad-cursor',
      status: 400,
      fields: ['cursor'],
    });
  });

  t.test('a region code that names no county', async (t) => {
    const first17 = '42032219880808557';
    const person = {
      name: '张三',
      idNumber: `${first17}${residentIdCheckChar(first17)}`,
      residenceRegionCode: '429999',
    };
    const { zh, en } = await checkInBothLanguages(t, post('/v1/seekers', person), {
      code: 'unknown-region',
      status: 422,
      fields: ['residenceRegionCode'],
    });
    t.equal(zh.detail, '429999 不是已知的行政区划代码');
    t.equal(en.detail, '429999 is not a division code we know');
  });

  t.test('a record that is not there, and a route that is not there', async (t) => {
    const { zh } = await checkInBothLanguages(t, get('/v1/vacancies/vac_00000000000000000000000000000000'), {
      code: 'vacancy-not-found',
      status: 404,
    });
    t.match(zh, { title: '岗位不存在' });
    await checkInBothLanguages(t, get('/v1/nowhere'), { code: 'route-not-found', status: 404 });
  });

  t.test('no credentials where they are needed', async (t) => {
    await checkInBothLanguages(t, (headers) => app.inject({ url: '/v1/employers/x/api-keys', headers }), {
      code: 'staff-token-required',
      status: 401,
    });
  });
});
