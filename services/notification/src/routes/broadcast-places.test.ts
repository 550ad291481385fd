// A broadcast's segment names its regions as an officer says them (凤凰县), or by code.
import { residentIdCheckChar } from '@duijie/contracts';
import { newId, seekers } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { buildApp } from '../app.ts';

await withEachDatabase(t, async (t, db) => {
  const app = buildApp({
    db,
    logger: captureLogger('warn').logger,
    staffTokens: testStaffTokens,
    config: { PUBLIC_URL: 'https://jiuye.jishou.gov.cn' },
    delivery: { run: false },
  });
  t.teardown(() => app.close());
  const xiangxi = await staffAuth({ regionCode: '433100' });
  const luxiOfficer = await staffAuth({ regionCode: '433122' });
  let people = 0;
  const seeker = async (residenceRegionCode: string) => {
    const stem = `${residenceRegionCode.slice(0, 6)}19880101${String(100 + people++)}`;
    const id = newId('skr');
    await db.db.insert(seekers).values({
      id,
      name: `求职者${people}`,
      idNumber: `${stem}${residentIdCheckChar(stem)}`,
      phone: `1360000${String(1000 + people)}`,
      residenceRegionCode,
    });
    const res = await app.inject({
      method: 'PUT',
      url: `/v1/subscriptions/${id}`,
      headers: xiangxi,
      payload: { channels: ['sms'], topics: ['policies'] },
    });
    if (res.statusCode !== 200) throw new Error(res.body);
  };
  await seeker('433123');
  await seeker('433123001001');
  await seeker('433122');
  const preview = async (segment: object, headers = xiangxi) => {
    const res = await app.inject({ method: 'POST', url: '/v1/broadcasts/preview', headers, payload: { segment } });
    return { status: res.statusCode, body: res.json() };
  };

  t.test('by name as by code; names and codes together', async (t) => {
    t.match(await preview({ regions: ['凤凰县'] }), { status: 200, body: { people: 2 } });
    t.match(await preview({ regions: ['湘西州凤凰县'] }), { status: 200, body: { people: 2 } });
    t.match(await preview({ regionCodes: ['433123'] }), { status: 200, body: { people: 2 } });
    t.match(await preview({ regions: ['泸溪县'], regionCodes: ['433123'] }), { status: 200, body: { people: 3 } });
    const res = await app.inject({
      method: 'POST',
      url: '/v1/broadcasts',
      headers: xiangxi,
      payload: { title: '技能补贴', body: '凤凰县技能培训补贴开始申领', segment: { regions: ['鳳凰縣'] } },
    });
    t.equal(res.statusCode, 201, res.body);
    t.match(res.json().segment, { regionCodes: ['433123'], regions: ['鳳凰縣'] });
  });

  t.test('a name that fits several places or none, or an unknown code: 422 naming it', async (t) => {
    t.match(await preview({ regions: ['凤凰县', '朝阳区'] }, await staffAuth()), {
      status: 422,
      body: {
        errors: [{ in: 'body', field: 'segment.regions.1' }],
        candidates: [{ code: '110105' }, { code: '220104' }],
      },
    });
    t.match(await preview({ regions: ['火星市'] }), {
      status: 422,
      body: { errors: [{ field: 'segment.regions.0' }] },
    });
    t.match(await preview({ regionCodes: ['999999'] }), {
      status: 422,
      body: { errors: [{ field: 'segment.regionCodes.0' }] },
    });
  });

  t.test('a region named outside yours is 403', async (t) => {
    t.match(await preview({ regions: ['凤凰县'] }, luxiOfficer), { status: 403, body: { type: /out-of-scope/ } });
    t.match(await preview({}, luxiOfficer), { status: 200, body: { people: 1 } });
  });
});
