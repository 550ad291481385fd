// A fair's or a livestream's times without a zone are Beijing time (README, "One time zone
// rule"), as everywhere else: 09:00 typed at a county bureau is 09:00 in Beijing, not a 400.
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { matchingApp } from '../testing.ts';

await withEachDatabase(t, async (t, db) => {
  const { app } = matchingApp(t, db);
  const luxi = await staffAuth({ role: 'officer', regionCode: '433122' });
  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: luxi, payload });

  t.test('a fair from 09:00 to 13:00 without a zone is 01:00–05:00 UTC', async (t) => {
    const res = await post('/v1/fairs', {
      name: '泸溪县春风行动招聘会',
      kind: 'on_site',
      venueRegionCode: '433122',
      startsAt: '2026-11-23T09:00',
      endsAt: '2026-11-23T13:00:00',
    });
    t.equal(res.statusCode, 201, res.body);
    t.match(res.json(), { startsAt: '2026-11-23T01:00:00.000Z', endsAt: '2026-11-23T05:00:00.000Z' });
  });

  t.test('a livestream likewise; a zone given is read as written, and instants compared', async (t) => {
    const res = await post('/v1/livestreams', {
      title: '泸溪县直播带岗',
      host: '主播小向',
      platform: '抖音',
      regionCode: '433122',
      startsAt: '2026-11-23T19:00',
      endsAt: '2026-11-23T13:00:00Z',
    });
    t.equal(res.statusCode, 201, res.body);
    t.match(res.json(), { startsAt: '2026-11-23T11:00:00.000Z', endsAt: '2026-11-23T13:00:00.000Z' });
  });

  t.test('a date alone is the whole Beijing day; the end still comes after the start', async (t) => {
    const res = await post('/v1/fairs', {
      name: '泸溪县岗位超市',
      kind: 'job_supermarket',
      venueRegionCode: '433122',
      startsAt: '2026-11-23',
      endsAt: '2026-11-23',
    });
    t.equal(res.statusCode, 201, res.body);
    t.match(res.json(), { startsAt: '2026-11-22T16:00:00.000Z', endsAt: '2026-11-23T15:59:59.000Z' });
    const backwards = await post('/v1/fairs', {
      name: '泸溪县招聘会',
      kind: 'on_site',
      venueRegionCode: '433122',
      startsAt: '2026-11-23T17:00',
      endsAt: '2026-11-23T18:00:00+12:00',
    });
    t.equal(backwards.statusCode, 400, '18:00 in UTC+12 is 14:00 in Beijing: before the start');
    t.match(backwards.json(), { errors: [{ field: 'endsAt' }] });
  });
});
