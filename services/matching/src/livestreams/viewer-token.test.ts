// A viewer's own list and intents take the token their registration handed out: knowing a
// viewer's platform id (or viewer id) is not being them.
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { addEmployer, addSeeker, idNumberOf, matchingApp } from '../testing.ts';

await withEachDatabase(t, async (t, db) => {
  const { app } = matchingApp(t, db);
  const luxi = await staffAuth({ staffId: 'luxi-officer', role: 'officer', regionCode: '433122' });
  const send = (method: 'GET' | 'POST', url: string, headers: object, payload?: object) =>
    app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });
  const employer = await addEmployer(db, '433122');
  const seeker = await addSeeker(db, {
    name: '田秀英',
    idNumber: idNumberOf('433122', '19900315', 1),
    residenceRegionCode: '433122',
    priorityGroups: ['registered_poor'],
    demand: { regionScope: 'anywhere', expectedWage: { min: 4800, unit: 'month' } },
  });
  const created = await send('POST', '/v1/livestreams', luxi, {
    title: '泸溪县直播带岗',
    host: '就业局小田',
    platform: '抖音',
    regionCode: '433122',
    startsAt: '2026-11-23T19:00:00+08:00',
    endsAt: '2026-11-23T21:00:00+08:00',
    vacancyIds: [employer.vacancyId],
  });
  const live = created.json().id as string;
  const viewers = `/v1/livestreams/${live}/viewers`;
  const jobsOf = (viewerId: string, headers: object) => send('GET', `${viewers}/${viewerId}/jobs`, headers);
  const intend = (viewerId: string, headers: object) =>
    send('POST', `/v1/livestreams/${live}/intents`, headers, { viewerId, vacancyId: employer.vacancyId });
  const asViewer = (token: string) => ({ 'x-viewer-token': token });

  const linked = await send('POST', viewers, luxi, {
    platformUserId: 'douyin-7788',
    regionCode: '433122',
    seekerId: seeker.id,
  });
  const other = await send('POST', viewers, {}, { platformUserId: 'douyin-1234', regionCode: '433122' });

  t.test('registering hands out a viewer token, once', async (t) => {
    t.equal(linked.statusCode, 201, linked.body);
    t.match(linked.json(), { seekerId: seeker.id, existing: false, viewerToken: /^vwt_[\w-]{43}$/ });
    t.equal(other.statusCode, 201);
    t.not(other.json().viewerToken, linked.json().viewerToken);
  });

  t.test('anyone re-registering a known platform id is not handed that viewer', async (t) => {
    const res = await send('POST', viewers, {}, { platformUserId: 'douyin-7788', regionCode: '433122' });
    t.equal(res.statusCode, 409);
    t.match(res.json(), { type: /viewer-token-required$/ });
    for (const secret of [linked.json().id, seeker.id, linked.json().viewerToken]) {
      t.notOk(res.body.includes(secret), 'nothing of the viewer in the answer');
    }
    const withWrong = await send('POST', viewers, asViewer(other.json().viewerToken), {
      platformUserId: 'douyin-7788',
      regionCode: '433122',
    });
    t.equal(withWrong.statusCode, 409, 'nor to another viewer’s token');
    const back = await send('POST', viewers, asViewer(linked.json().viewerToken), {
      platformUserId: 'douyin-7788',
      regionCode: '433122',
    });
    t.equal(back.statusCode, 200, 'the viewer themselves, with their token, is the same viewer');
    t.match(back.json(), { id: linked.json().id, existing: true });
    t.notOk('viewerToken' in back.json(), 'and the token is not handed out again');
  });

  t.test('a viewer’s own list takes their token', async (t) => {
    const id = linked.json().id as string;
    t.equal((await jobsOf(id, {})).statusCode, 401, 'no token');
    t.equal((await jobsOf(id, asViewer(other.json().viewerToken))).statusCode, 401, 'another viewer’s token');
    t.equal((await jobsOf(id, asViewer(`vwt_${'A'.repeat(43)}`))).statusCode, 401, 'a made-up one');
    const own = await jobsOf(id, asViewer(linked.json().viewerToken));
    t.equal(own.statusCode, 200);
    t.match(own.json(), { viewerId: id, items: [{ match: { seekerId: seeker.id } }] });
  });

  t.test(
    'an intent in a viewer’s name takes their token (or the vacancy’s employer, or the session’s staff)',
    async (t) => {
      const id = linked.json().id as string;
      t.equal((await intend(id, {})).statusCode, 401);
      t.equal((await intend(id, asViewer(other.json().viewerToken))).statusCode, 401);
      const own = await intend(id, asViewer(linked.json().viewerToken));
      t.equal(own.statusCode, 201);
      t.equal(own.json().recordedBy, `viewer:${id}`);
      t.equal((await intend(other.json().id, employer.key)).statusCode, 201, 'the employer records one at the desk');
      const nanjing = await staffAuth({ staffId: 'elsewhere', role: 'officer', regionCode: '320100' });
      t.equal((await intend(other.json().id, nanjing)).statusCode, 403, 'staff of another region do not');
    },
  );
});
