// An officer types the place as people say it (凤凰县), wherever matching asks for a region:
// a livestream's bureau and audience, a fair walk-in's home, an ad-hoc search. And every
// refusal of a list of vacancies names each bad one, in Chinese first.
import { withEachDatabase } from '@duijie/db/testing';
import { checkInBothLanguages, staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { addEmployer, idNumberOf, matchingApp } from './testing.ts';

await withEachDatabase(t, async (t, db) => {
  const { app } = matchingApp(t, db);
  const xiangxi = await staffAuth({ staffId: 'xiangxi-officer', role: 'officer', regionCode: '433100' });
  const send =
    (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object, headers: object = xiangxi) =>
    (extra: Record<string, string> = {}) =>
      app.inject({
        method,
        url,
        headers: { ...(headers as Record<string, string>), ...extra },
        ...(payload ? { payload } : {}),
      });
  const fenghuang = await addEmployer(db, '433123');
  const luxi = await addEmployer(db, '433122');
  const session = {
    title: '湘西州直播带岗',
    host: '就业局小田',
    platform: '抖音',
    startsAt: '2026-12-23T19:00:00+08:00',
    endsAt: '2026-12-23T21:00:00+08:00',
  };

  t.test('a livestream’s bureau and audience by name are stored as codes', async (t) => {
    const created = await send('POST', '/v1/livestreams', {
      ...session,
      region: '湘西州',
      targetRegions: ['凤凰县', '湘西州泸溪县', '433130', '鳳凰縣'],
      vacancyIds: [fenghuang.vacancyId],
    })();
    t.equal(created.statusCode, 201, created.body);
    t.match(created.json(), { regionCode: '433100', targetRegions: ['433123', '433122', '433130'] });
  });

  t.test('an ambiguous or unknown audience place is refused naming its place in the list', async (t) => {
    const ambiguous = await send('POST', '/v1/livestreams', {
      ...session,
      region: '湘西州',
      targetRegions: ['凤凰县', '朝阳区'],
    })();
    t.equal(ambiguous.statusCode, 422);
    t.match(ambiguous.json(), {
      type: /ambiguous-place$/,
      errors: [{ in: 'body', field: 'targetRegions.1' }],
      candidates: [{ code: '110105' }, { code: '220104' }],
    });
    const { zh } = await checkInBothLanguages(
      t,
      send('POST', '/v1/livestreams', { ...session, region: '湘西州', targetRegions: ['Atlantis'] }),
      { code: 'unknown-place', status: 422, fields: ['targetRegions.0'] },
    );
    t.equal(zh.title, '未知的地名');
    const none = await send('POST', '/v1/livestreams', session)();
    t.equal(none.statusCode, 400);
    t.match(none.json(), { errors: [{ field: 'regionCode' }] });
  });

  t.test('a walk-in’s home by name: registered with its code, only in the staff’s region', async (t) => {
    const fair = await send('POST', '/v1/fairs', {
      name: '凤凰县春风行动',
      kind: 'job_supermarket',
      venueRegion: '凤凰县',
      startsAt: '2026-12-23T09:00:00+08:00',
      endsAt: '2026-12-23T13:00:00+08:00',
    })();
    t.equal(fair.statusCode, 201, fair.body);
    t.equal(fair.json().venueRegionCode, '433123');
    const checkins = `/v1/fairs/${fair.json().id}/checkins`;
    const walkIn = (residence: string, serial: number) => ({
      walkIn: {
        name: '龙阿妹',
        idNumber: idNumberOf('433123', '19950304', serial),
        residence,
        skills: [{ name: '缝纫' }],
      },
    });
    const arrived = await send('POST', checkins, walkIn('凤凰县', 41))();
    t.equal(arrived.statusCode, 201, arrived.body);
    const read = await send(
      'GET',
      `/v1/fairs/${fair.json().id}/checkins/${arrived.json().seekerId}/slip?format=json`,
    )();
    t.not(read.statusCode, 500);
    const elsewhere = await send('POST', checkins, walkIn('朝阳区', 42))();
    t.equal(elsewhere.statusCode, 422);
    t.match(elsewhere.json(), { type: /ambiguous-place$/, errors: [{ field: 'walkIn.residence' }] });
    const outside = await send('POST', checkins, walkIn('北京市朝阳区', 43))();
    t.equal(outside.statusCode, 403, 'a walk-in from outside the staff’s region is not registered here');
  });

  t.test('an ad-hoc search by place name ranks as the code does', async (t) => {
    const search = (residence: object) =>
      app.inject({
        method: 'POST',
        url: '/v1/matches/search',
        headers: xiangxi,
        payload: { ...residence, skills: [{ name: '缝纫' }] },
      });
    const byName = await search({ residence: '凤凰县' });
    const byCode = await search({ residenceRegionCode: '433123' });
    t.equal(byName.statusCode, 200, byName.body);
    t.same(
      byName.json().items.map((m: { vacancyId: string }) => m.vacancyId),
      byCode.json().items.map((m: { vacancyId: string }) => m.vacancyId),
    );
    t.equal((await search({ residence: '朝阳区' })).statusCode, 422);
  });

  t.test('lists of vacancies: each bad one named, in Chinese and in English', async (t) => {
    const created = await send('POST', '/v1/livestreams', {
      ...session,
      regionCode: '433100',
      vacancyIds: [luxi.vacancyId],
    })();
    const url = `/v1/livestreams/${created.json().id}`;
    const missing = `vac_${'0'.repeat(32)}`;
    const unknown = await checkInBothLanguages(
      t,
      send('PUT', `${url}/vacancies`, { vacancyIds: [luxi.vacancyId, missing] }),
      { code: 'unknown-vacancies', status: 422, fields: ['vacancyIds.1'] },
    );
    t.equal(unknown.zh.errors?.[0]?.message, '没有这个岗位');
    const pinned = await checkInBothLanguages(
      t,
      send('PATCH', `${url}/host`, {
        version: created.json().version,
        pinnedVacancyIds: [fenghuang.vacancyId],
        presentingVacancyId: fenghuang.vacancyId,
      }),
      { code: 'not-in-session', status: 422, fields: ['pinnedVacancyIds.0', 'presentingVacancyId'] },
    );
    t.equal(pinned.zh.detail, '只能展示本场直播的岗位');
    const fair = await send('POST', '/v1/fairs', {
      name: '泸溪县岗位超市',
      kind: 'job_supermarket',
      venueRegionCode: '433122',
      startsAt: '2026-12-23T09:00:00+08:00',
      endsAt: '2026-12-23T13:00:00+08:00',
    })();
    const fairUrl = `/v1/fairs/${fair.json().id}`;
    const booth = await checkInBothLanguages(
      t,
      send('PUT', `${fairUrl}/booths/${luxi.id}`, {
        booth: 'A1',
        vacancyIds: [luxi.vacancyId, fenghuang.vacancyId, missing],
      }),
      { code: 'booth-vacancies', status: 422, fields: ['vacancyIds.1', 'vacancyIds.2'] },
    );
    t.same(
      booth.zh.errors?.map((e) => e.message),
      ['其他用人单位的岗位', '没有这个岗位'],
    );
    await checkInBothLanguages(t, send('GET', `${fairUrl}/candidates`), {
      code: 'validation-error',
      status: 400,
      fields: ['employerId'],
    });
  });
});
