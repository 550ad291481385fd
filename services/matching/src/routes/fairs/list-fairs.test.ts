// Finding fairs: an officer sees the fairs their region runs, filtered by time, place and kind,
// a page at a time; places by code or by name wherever a fair takes a region.
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { addEmployer, matchingApp } from '../../testing.ts';

type Page = { items: { id: string; name: string; venueRegionCode: string }[]; nextCursor: string | null };

await withEachDatabase(t, async (t, db) => {
  const { app } = matchingApp(t, db);
  const admin = await staffAuth();
  const xiangxi = await staffAuth({ staffId: 'xiangxi', role: 'officer', regionCode: '433100' });
  const luxi = await staffAuth({ staffId: 'luxi', role: 'officer', regionCode: '433122' });
  const fenghuang = await staffAuth({ staffId: 'fenghuang', role: 'officer', regionCode: '433123' });
  const yunxi = await staffAuth({ staffId: 'yunxi', role: 'officer', regionCode: '420322' });
  const employer = await addEmployer(db, '433122');
  const schedule = (headers: object, body: object) =>
    app.inject({ method: 'POST', url: '/v1/fairs', headers: headers as Record<string, string>, payload: body });
  const created = async (headers: object, body: object) => {
    const res = await schedule(headers, body);
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json() as { id: string; venueRegionCode: string; originRegionCode: string | null };
  };
  const list = (headers: object, query = '') =>
    app.inject({ method: 'GET', url: `/v1/fairs${query}`, headers: headers as Record<string, string> });
  const names = async (headers: object, query = '') => {
    const res = await list(headers, query);
    if (res.statusCode !== 200) throw new Error(res.body);
    return (res.json() as Page).items.map((f) => f.name);
  };

  const luxiFair = await created(luxi, {
    name: '泸溪县春风行动',
    kind: 'on_site',
    venueRegion: '泸溪县',
    startsAt: '2026-12-01T09:00',
    endsAt: '2026-12-01T13:00',
  });
  const fenghuangFair = await created(fenghuang, {
    name: '凤凰县岗位超市',
    kind: 'job_supermarket',
    venueRegion: '湘西州凤凰县',
    startsAt: '2026-12-05T09:00',
    endsAt: '2026-12-05T17:00',
  });
  const coop = await created(yunxi, {
    name: '郧西—泸溪劳务协作',
    kind: 'labor_cooperation',
    venueRegionCode: '420322',
    originRegion: '泸溪县',
    startsAt: '2026-12-10',
    endsAt: '2026-12-11',
  });
  await created(yunxi, {
    name: '郧西县专场',
    kind: 'on_site',
    venueRegionCode: '420322',
    startsAt: '2026-12-01T09:00',
    endsAt: '2026-12-01T12:00',
  });

  t.test('place names are read as a vacancy’s region is', async (t) => {
    t.equal(luxiFair.venueRegionCode, '433122');
    t.equal(fenghuangFair.venueRegionCode, '433123', '湘西州凤凰县');
    t.equal(coop.originRegionCode, '433122', 'the origin of a 劳务协作 fair too');
    const several = await schedule(admin, {
      name: '朝阳区招聘会',
      kind: 'on_site',
      venueRegion: '朝阳区',
      startsAt: '2026-12-01',
      endsAt: '2026-12-01',
    });
    t.equal(several.statusCode, 422);
    t.match(several.json(), {
      type: /ambiguous-place$/,
      errors: [{ in: 'body', field: 'venueRegion' }],
      candidates: [
        { code: '110105', name: '北京市市辖区朝阳区' },
        { code: '220104', name: '吉林省长春市朝阳区' },
      ],
    });
    const unknown = await schedule(admin, {
      name: '招聘会',
      kind: 'labor_cooperation',
      venueRegionCode: '433122',
      originRegion: '火星基地',
      startsAt: '2026-12-01',
      endsAt: '2026-12-01',
    });
    t.equal(unknown.statusCode, 422);
    t.match(unknown.json(), { type: /unknown-place$/, errors: [{ field: 'originRegion', message: '不是已知的地名' }] });
    const badCode = await schedule(admin, {
      name: '招聘会',
      kind: 'on_site',
      venueRegionCode: '999999',
      startsAt: '2026-12-01',
      endsAt: '2026-12-01',
    });
    t.match(badCode.json(), { status: 422, errors: [{ field: 'venueRegionCode' }] });
    const nowhere = await schedule(admin, {
      name: '招聘会',
      kind: 'on_site',
      startsAt: '2026-12-01',
      endsAt: '2026-12-01',
    });
    t.match(nowhere.json(), { status: 400, errors: [{ field: 'venueRegionCode' }] });
    const away = await schedule(luxi, {
      name: '凤凰县专场',
      kind: 'on_site',
      venueRegion: '凤凰县',
      startsAt: '2026-12-01',
      endsAt: '2026-12-01',
    });
    t.equal(away.statusCode, 403, 'a name is held to the same scope as a code');
    t.match(away.json(), { type: /out-of-scope$/ });
  });

  t.test('an officer finds the fairs their region runs, newest first, and no others', async (t) => {
    t.same(await names(luxi), ['郧西—泸溪劳务协作', '泸溪县春风行动'], 'a 劳务协作 fair for its workers too');
    t.same(await names(fenghuang), ['凤凰县岗位超市']);
    t.same(await names(yunxi), ['郧西县专场', '郧西—泸溪劳务协作']);
    t.same(
      await names(xiangxi),
      ['郧西—泸溪劳务协作', '凤凰县岗位超市', '泸溪县春风行动'],
      'the prefecture: its counties',
    );
    t.equal((await names(admin)).length, 4, 'nationwide: all');
  });

  t.test('filters: a window the fair overlaps, a region by code or name, a kind', async (t) => {
    t.same(await names(xiangxi, '?from=2026-12-02&to=2026-12-06'), ['凤凰县岗位超市']);
    t.same(await names(xiangxi, '?from=2026-12-01&to=2026-12-01'), ['泸溪县春风行动'], 'a date alone is the whole day');
    t.same(await names(xiangxi, '?from=2026-12-01T12:00&to=2026-12-01T18:00'), ['泸溪县春风行动'], 'still running');
    t.same(await names(xiangxi, '?from=2026-12-01T13:30&to=2026-12-04'), [], 'over by then');
    t.same(await names(xiangxi, '?from=2026-12-11T12:00'), ['郧西—泸溪劳务协作'], 'its last day, as a date');
    t.same(await names(xiangxi, `?region=${encodeURIComponent('凤凰县')}`), ['凤凰县岗位超市']);
    t.same(await names(xiangxi, `?region=${encodeURIComponent('鳳凰縣')}`), ['凤凰县岗位超市'], 'traditional too');
    t.same(await names(xiangxi, '?regionCode=433122'), ['郧西—泸溪劳务协作', '泸溪县春风行动']);
    t.same(await names(xiangxi, '?kind=job_supermarket'), ['凤凰县岗位超市']);
    t.same(await names(admin, '?kind=on_site&regionCode=420322'), ['郧西县专场']);
    const backwards = await list(xiangxi, '?from=2026-12-05&to=2026-12-01');
    t.match(backwards.json(), { status: 400, errors: [{ field: 'to' }] });
  });

  t.test('a region outside your own is 403; a name that fits several places lists them', async (t) => {
    const other = await list(luxi, '?regionCode=433123');
    t.equal(other.statusCode, 403);
    t.match(other.json(), { type: /out-of-scope$/ });
    t.equal((await list(luxi, `?region=${encodeURIComponent('湘西州')}`)).statusCode, 403, 'nor the prefecture');
    // As every list's region filter answers (intake's too): 422, the field, the candidates.
    const several = await list(admin, `?region=${encodeURIComponent('朝阳区')}`);
    t.equal(several.statusCode, 422);
    t.match(several.json(), {
      type: /ambiguous-place$/,
      errors: [{ in: 'querystring', field: 'region' }],
      candidates: [{ code: '110105' }, {}],
    });
    const unknown = await list(admin, `?region=${encodeURIComponent('火星基地')}`);
    t.match(unknown.json(), { status: 422, type: /unknown-place$/, errors: [{ field: 'region' }] });
    const inPart = await list(admin, `?region=${encodeURIComponent('凤凰县火星')}`);
    t.match(inPart.json(), {
      status: 422,
      detail: /无法识别“火星”/,
      errors: [{ field: 'region' }],
      candidates: [{ code: '433123', name: '湖南省湘西土家族苗族自治州凤凰县' }],
    });
  });

  t.test('staff only: an employer’s key or no one is 401', async (t) => {
    t.equal((await list(employer.key)).statusCode, 401);
    t.equal((await list({})).statusCode, 401);
  });

  t.test('pages follow one another without repeats; a made-up cursor is 400', async (t) => {
    const first = (await list(xiangxi, '?limit=2')).json() as Page;
    t.equal(first.items.length, 2);
    t.type(first.nextCursor, 'string');
    const second = (await list(xiangxi, `?limit=2&cursor=${first.nextCursor}`)).json() as Page;
    t.same(
      second.items.map((f) => f.name),
      ['泸溪县春风行动'],
    );
    t.equal(second.nextCursor, null);
    const other = (await list(luxi, `?limit=2&cursor=${first.nextCursor}`)).json() as Page;
    t.same(
      other.items.map((f) => f.name),
      ['泸溪县春风行动'],
      'a cursor is a place in the list, not a key to other regions',
    );
    const bad = await list(xiangxi, '?cursor=bm90LWFuLWlk');
    t.equal(bad.statusCode, 400);
    t.match(bad.json(), { type: /bad-cursor$/, errors: [{ field: 'cursor' }] });
  });
});
