import { outboxEvents } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { intakeApp, registerEmployer } from '../../testing.ts';
import { expireDueVacancies } from './expire.ts';

const now = new Date('2026-11-22T09:00:00+08:00');

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db, { clock: () => now });
  const admin = await staffAuth();
  const events = (aggregateId: string) =>
    db.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, aggregateId));

  const employerId = await registerEmployer(app, {
    name: '湘西某电子厂',
    kind: 'enterprise',
    creditStem: '91433100MA4P00001',
    regionCode: '433101',
  });
  const post = (payload: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      headers: admin,
      url: '/v1/vacancies',
      payload: { employerId, headcount: 5, ...payload },
    });

  t.test('a vacancy is normalised at the door and stored with one event', async (t) => {
    const res = await post({
      title: '招聘電焊工（２名）',
      region: '湘西州',
      requiredSkills: [{ name: '電焊' }, { name: '会开挖掘机的优先' }],
      wage: { min: 200, unit: 'day' },
    });
    t.equal(res.statusCode, 201, res.body);
    const v = res.json();
    t.match(v, {
      id: /^vac_/,
      title: '招聘电焊工（2名）',
      regionCode: '433100',
      status: 'open',
      version: 1,
      wage: { min: 200, unit: 'day' },
      monthlyWage: { monthlyMin: 4350, monthlyMax: 4350 },
      location: { lat: 28.32, lng: 109.73 },
    });
    t.same(v.requiredSkills, [{ code: 'skill.welding', name: '电焊' }, { name: '会开挖掘机的优先' }]);
    t.same(v.unknownSkills, ['会开挖掘机的优先'], 'an unknown skill is kept as free text and reported');
    t.match(await events(v.id), [{ type: 'vacancy.published' }]);
    t.equal((await events(v.id)).length, 1);
  });

  t.test('a vacancy is served as schema.org JobPosting JSON-LD on request', async (t) => {
    const created = (
      await post({
        title: '叉车司机',
        regionCode: '433101',
        address: '乾州工业园',
        requiredSkills: [{ name: '叉车' }],
        minEducation: 'junior_middle',
        wage: { min: 5000, max: 6500, unit: 'month' },
      })
    ).json();
    const res = await app.inject({ url: `/v1/vacancies/${created.id}`, headers: { accept: 'application/ld+json' } });
    t.equal(res.statusCode, 200);
    t.match(res.headers['content-type'], /^application\/ld\+json/);
    t.match(res.json(), {
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      title: '叉车司机',
      identifier: { value: created.id },
      hiringOrganization: { '@type': 'Organization', name: '湘西某电子厂' },
      jobLocation: {
        address: {
          addressCountry: 'CN',
          addressRegion: '湖南省',
          addressLocality: '湘西土家族苗族自治州吉首市',
          streetAddress: '乾州工业园',
        },
      },
      baseSalary: { currency: 'CNY', value: { minValue: 5000, maxValue: 6500, unitText: 'MONTH' } },
      employmentType: 'FULL_TIME',
      skills: '叉车',
      totalJobOpenings: 5,
    });
    const plain = await app.inject(`/v1/vacancies/${created.id}`);
    t.match(plain.headers['content-type'], /^application\/json/);
  });

  t.test('a place name that fits several places is refused with the candidates', async (t) => {
    const res = await post({ title: '保安', region: '朝阳区', wage: { min: 4000, unit: 'month' } });
    t.equal(res.statusCode, 422);
    t.match(res.json(), {
      errors: [{ field: 'region' }],
      candidates: [
        { code: '110105', name: '北京市市辖区朝阳区' },
        { code: '220104', name: '吉林省长春市朝阳区' },
      ],
    });
    const unknown = await post({ title: '保安', region: '火星基地', wage: { min: 4000, unit: 'month' } });
    t.equal(unknown.statusCode, 422);
    t.match(unknown.json().errors, [{ field: 'region', message: /“火星基地”不是已知的地名/ }]);
  });

  t.test('bad input is a 400 naming the field; unknown fields are refused', async (t) => {
    const res = await post({ title: '普工', regionCode: '433101', wage: { min: 3000, unit: 'month' }, salary: 1 });
    t.equal(res.statusCode, 400);
    const piece = await post({ title: '计件缝纫工', regionCode: '433101', wage: { min: 2, unit: 'piece' } });
    t.equal(piece.statusCode, 422);
    t.match(piece.json().errors, [{ field: 'wage.piecesPerMonth' }]);
  });

  t.test('update with the version read; a stale version gets 409 and changes nothing', async (t) => {
    const created = (await post({ title: '缝纫工', regionCode: '433101', wage: { min: 3800, unit: 'month' } })).json();
    const updated = await app.inject({
      method: 'PATCH',
      url: `/v1/vacancies/${created.id}`,
      headers: admin,
      payload: { version: 1, wage: { min: 4200, max: 5000, unit: 'month' }, headcount: 8 },
    });
    t.equal(updated.statusCode, 200, updated.body);
    t.match(updated.json(), { version: 2, headcount: 8, monthlyWage: { monthlyMin: 4200, monthlyMax: 5000 } });
    const stale = await app.inject({
      method: 'PATCH',
      url: `/v1/vacancies/${created.id}`,
      headers: admin,
      payload: { version: 1, headcount: 1 },
    });
    t.equal(stale.statusCode, 409);
    t.match(stale.json(), { type: /stale-version$/ });
    const read = await app.inject(`/v1/vacancies/${created.id}`);
    t.match(read.json(), { version: 2, headcount: 8 });
    t.same(
      (await events(created.id)).map((e) => e.type),
      ['vacancy.published', 'vacancy.updated'],
    );
  });

  t.test('close, close again (409), reopen', async (t) => {
    const created = (await post({ title: '包装工', regionCode: '433101', wage: { min: 3500, unit: 'month' } })).json();
    const closed = await app.inject({
      method: 'POST',
      url: `/v1/vacancies/${created.id}/close`,
      headers: admin,
      payload: { version: 1 },
    });
    t.match(closed.json(), { status: 'closed', version: 2 });
    const again = await app.inject({
      method: 'POST',
      url: `/v1/vacancies/${created.id}/close`,
      headers: admin,
      payload: { version: 2 },
    });
    t.equal(again.statusCode, 409);
    const reopened = await app.inject({
      method: 'POST',
      url: `/v1/vacancies/${created.id}/reopen`,
      headers: admin,
      payload: { version: 2 },
    });
    t.match(reopened.json(), { status: 'open', version: 3 });
    t.same(
      (await events(created.id)).map((e) => e.type),
      ['vacancy.published', 'vacancy.closed', 'vacancy.reopened'],
    );
  });

  t.test('a vacancy expires at its validThrough, with its event', async (t) => {
    const created = (
      await post({
        title: '采茶工',
        regionCode: '433101',
        wage: { min: 150, unit: 'day' },
        validThrough: '2026-11-23T00:00:00+08:00',
      })
    ).json();
    t.equal(await expireDueVacancies(db.db, now), 0, 'not yet');
    t.equal(await expireDueVacancies(db.db, new Date('2026-11-24T00:00:00+08:00')), 1);
    t.match((await app.inject(`/v1/vacancies/${created.id}`)).json(), { status: 'expired', version: 2 });
    t.same(
      (await events(created.id)).map((e) => e.type),
      ['vacancy.published', 'vacancy.expired'],
    );
  });

  t.test('list with filters and cursor paging', async (t) => {
    const welding = await app.inject(`/v1/vacancies?skill=skill.welding&regionCode=430000`);
    t.same(
      welding.json().items.map((v: { title: string }) => v.title),
      ['招聘电焊工（2名）'],
    );
    const first = (await app.inject(`/v1/vacancies?employerId=${employerId}&limit=2`)).json();
    t.equal(first.items.length, 2);
    t.ok(first.nextCursor);
    const second = (
      await app.inject(`/v1/vacancies?employerId=${employerId}&limit=2&cursor=${first.nextCursor}`)
    ).json();
    const ids = [...first.items, ...second.items].map((v: { id: string }) => v.id);
    t.equal(new Set(ids).size, ids.length, 'no vacancy on two pages');
    const bad = await app.inject('/v1/vacancies?cursor=bm9wZQ');
    t.equal(bad.statusCode, 400);
  });

  t.test('filling the places: at the headcount the vacancy is filled, below it open again', async (t) => {
    const created = (
      await post({ title: '保洁', regionCode: '433101', headcount: 2, wage: { min: 2600, unit: 'month' } })
    ).json();
    const patch = (payload: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `/v1/vacancies/${created.id}`, headers: admin, payload });
    const over = await patch({ version: 1, filledCount: 3 });
    t.equal(over.statusCode, 422);
    t.match(over.json().errors, [{ field: 'filledCount' }]);
    t.match((await patch({ version: 1, filledCount: 2 })).json(), { status: 'filled', filledCount: 2, version: 2 });
    t.match((await patch({ version: 2, headcount: 4 })).json(), { status: 'open', filledCount: 2, version: 3 });
  });
});
