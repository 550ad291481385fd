// Where a seeker lives, written as an officer would say it: 凤凰县, 湘西州凤凰县, or the code.
import { residentIdCheckChar } from '@duijie/contracts';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp } from '../../testing.ts';

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  const xiangxi = await staffAuth({ regionCode: '433100' });
  const luxiOfficer = await staffAuth({ regionCode: '433122' });
  let n = 0;
  const idNumber = (county: string) => {
    const stem = `${county}19900101${String(300 + n++)}`;
    return `${stem}${residentIdCheckChar(stem)}`;
  };
  const send = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = xiangxi) => {
    const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() };
  };
  const register = (residence: Record<string, string>, headers = xiangxi) =>
    send('POST', '/v1/seekers', { name: '龙小妹', idNumber: idNumber('433123'), ...residence }, headers);

  t.test('registered by place name; codes still work', async (t) => {
    t.match(await register({ residence: '凤凰县' }), { status: 201, body: { residenceRegionCode: '433123' } });
    t.match(await register({ residence: '湘西州凤凰县' }), { status: 201, body: { residenceRegionCode: '433123' } });
    t.match(await register({ residenceRegionCode: '433123' }), {
      status: 201,
      body: { residenceRegionCode: '433123' },
    });
    t.match(await register({}), { status: 400, body: { errors: [{ field: 'residenceRegionCode' }] } });
  });

  t.test('ambiguous and unknown names: 422 naming the field, listing the candidates', async (t) => {
    const ambiguous = await register({ residence: '朝阳区' }, await staffAuth());
    t.match(ambiguous, {
      status: 422,
      body: {
        type: /ambiguous-place/,
        errors: [{ in: 'body', field: 'residence' }],
        candidates: [
          { code: '110105', name: '北京市市辖区朝阳区' },
          { code: '220104', name: '吉林省长春市朝阳区' },
        ],
      },
    });
    t.match(await register({ residence: '火星市' }), { status: 422, body: { errors: [{ field: 'residence' }] } });
    t.match(await register({ residenceRegionCode: '999999' }), {
      status: 422,
      body: { errors: [{ field: 'residenceRegionCode' }] },
    });
    t.match(await register({ residence: '凤凰县' }, luxiOfficer), { status: 403, body: { type: /out-of-scope/ } });
  });

  t.test(
    'accepted regions by name, as codes; changed by name; an unknown one named by its place in the list',
    async (t) => {
      const created = await send('POST', '/v1/seekers', {
        name: '龙小妹',
        idNumber: idNumber('433123'),
        residence: '凤凰县',
        demand: { regionScope: 'listed', acceptedRegions: ['深圳市', '广东省东莞市', '430100', '深圳'] },
      });
      t.match(created, { status: 201, body: { demand: { acceptedRegions: ['440300', '441900', '430100'] } } });
      const changed = await send('PATCH', `/v1/seekers/${created.body.id}`, {
        version: created.body.version,
        demand: { acceptedRegions: ['长沙市'] },
      });
      t.match(changed, { status: 200, body: { demand: { regionScope: 'listed', acceptedRegions: ['430100'] } } });
      const unknown = await send('PATCH', `/v1/seekers/${created.body.id}`, {
        version: changed.body.version,
        demand: { acceptedRegions: ['长沙市', '火星市'] },
      });
      t.match(unknown, {
        status: 422,
        body: { type: /unknown-place/, errors: [{ field: 'demand.acceptedRegions.1' }] },
      });
    },
  );

  t.test('moved, by name; listed by the name of the region', async (t) => {
    const created = (await register({ residence: '凤凰县' })).body;
    const moved = await send('PATCH', `/v1/seekers/${created.id}`, { version: created.version, residence: '泸溪县' });
    t.match(moved, { status: 200, body: { residenceRegionCode: '433122' } });
    const listed = await send('GET', '/v1/seekers?region=泸溪县');
    t.same(
      listed.body.items.map((s: { id: string }) => s.id),
      [created.id],
    );
    t.match(await send('GET', `/v1/seekers?region=${encodeURIComponent('朝阳区')}`), {
      status: 422,
      body: { errors: [{ in: 'querystring', field: 'region' }] },
    });
    t.match(await send('GET', '/v1/seekers?region=凤凰县', undefined, luxiOfficer), { status: 403 });
  });

  t.test('a sheet may name the place in the residence column', async (t) => {
    const csv = `姓名,身份证号,居住地区划代码\n向一,${idNumber('433123')},湘西州凤凰县\n向二,${idNumber('433123')},朝阳区\n`;
    const res = await app.inject({
      method: 'POST',
      url: '/v1/seekers/import',
      headers: { ...xiangxi, 'content-type': 'text/csv; charset=utf-8' },
      payload: Buffer.from(csv),
    });
    t.equal(res.statusCode, 201, 'the good row stored; the other refused in the report');
    t.match(res.json(), {
      created: 1,
      failed: [{ row: 3, errors: [{ field: '居住地区划代码', message: /北京市市辖区朝阳区 \(110105\)/ }] }],
    });
  });
});
