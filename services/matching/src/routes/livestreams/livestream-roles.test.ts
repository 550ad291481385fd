// One session as each of its people would try it: the host (staff of the county that runs
// it), a viewer (with the token their registration handed out), an employer with a job in it,
// and an officer of another county. Each may do their part and nothing of anyone else's.
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { addEmployer, livestreamTonight, matchingApp } from '../../testing.ts';

await withEachDatabase(t, async (t, db) => {
  const { app } = matchingApp(t, db, { liveRefreshMs: 0 });
  const host = await staffAuth({ staffId: 'luxi-host', role: 'officer', regionCode: '433122' });
  const yunxi = await staffAuth({ staffId: 'yunxi-desk', role: 'officer', regionCode: '420322' });
  const sewing = await addEmployer(db, '433122', '缝纫工');
  const welding = await addEmployer(db, '433122', '电焊工');
  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: object, payload?: object) =>
    app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });
  const session = livestreamTonight([sewing.vacancyId]);

  t.test('create: the host schedules in their county; others cannot', async (t) => {
    t.equal((await send('POST', '/v1/livestreams', {}, session)).statusCode, 401, 'a viewer (anyone)');
    t.equal((await send('POST', '/v1/livestreams', sewing.key, session)).statusCode, 401, 'an employer');
    const elsewhere = await send('POST', '/v1/livestreams', yunxi, session);
    t.equal(elsewhere.statusCode, 403);
    t.match(elsewhere.json(), { type: /out-of-scope$/ });
    const unknown = await send('POST', '/v1/livestreams', host, { ...session, vacancyIds: [`vac_${'0'.repeat(32)}`] });
    t.equal(unknown.statusCode, 422);
    t.match(unknown.json(), {
      type: /unknown-vacancies$/,
      errors: [{ field: 'vacancyIds.0', message: '没有这个岗位' }],
    });
  });

  const created = await send('POST', '/v1/livestreams', host, session);
  t.equal(created.statusCode, 201, created.body);
  const url = `/v1/livestreams/${created.json().id}`;
  const viewer = await send(
    'POST',
    `${url}/viewers`,
    {},
    { platformUserId: 'dy-1', region: '泸溪县', skills: ['电焊'] },
  );
  const token = { 'x-viewer-token': viewer.json().viewerToken as string };
  const viewerId = viewer.json().id as string;

  t.test('lineup: the vacancies the host sets, pinned and presenting as the host says', async (t) => {
    for (const who of [yunxi, sewing.key, token]) {
      const res = await send('PUT', `${url}/vacancies`, who, { vacancyIds: [welding.vacancyId] });
      t.ok([401, 403].includes(res.statusCode), `${res.statusCode}: only the host sets the vacancies`);
    }
    const set = await send('PUT', `${url}/vacancies`, host, { vacancyIds: [sewing.vacancyId, welding.vacancyId] });
    t.equal(set.statusCode, 200, set.body);
    t.same(set.json().vacancyIds, [sewing.vacancyId, welding.vacancyId]);
    const lineup = await send('GET', `${url}/lineup`, {});
    t.equal(lineup.statusCode, 200, 'anyone reads the lineup');
    t.same(
      lineup
        .json()
        .items.map((i: { vacancy: { id: string } }) => i.vacancy.id)
        .sort(),
      [sewing.vacancyId, welding.vacancyId].sort(),
    );
    const again = await send('GET', `${url}/lineup`, { 'if-none-match': lineup.headers.etag as string });
    t.equal(again.statusCode, 304, 'unchanged: 304 with the ETag');
  });

  t.test('host controls (merge patch): the host only; a stale version is 409', async (t) => {
    const version = (await send('GET', url, {})).json().version as number;
    const change = { version, pinnedVacancyIds: [welding.vacancyId], presentingVacancyId: sewing.vacancyId };
    for (const who of [yunxi, sewing.key, token, {}]) {
      const res = await send('PATCH', `${url}/host`, who, change);
      t.ok([401, 403].includes(res.statusCode), `${res.statusCode}: not the host`);
    }
    const changed = await send('PATCH', `${url}/host`, host, change);
    t.equal(changed.statusCode, 200, changed.body);
    t.match(changed.json(), { pinnedVacancyIds: [welding.vacancyId], presentingVacancyId: sewing.vacancyId });
    const lineup = (await send('GET', `${url}/lineup`, {})).json();
    t.match(lineup.items[0], { vacancy: { id: welding.vacancyId }, pinned: true, position: 1 });
    t.equal(lineup.presentingVacancyId, sewing.vacancyId);
    const stale = await send('PATCH', `${url}/host`, host, { version, presentingVacancyId: null });
    t.equal(stale.statusCode, 409);
    const kept = await send('PATCH', `${url}/host`, host, {
      version: changed.json().version,
      presentingVacancyId: null,
    });
    t.match(kept.json(), { pinnedVacancyIds: [welding.vacancyId], presentingVacancyId: null }, 'left out: kept');
  });

  t.test('viewer registration hands out a token; the viewer’s own jobs take it', async (t) => {
    t.equal(viewer.statusCode, 201, viewer.body);
    t.match(viewer.json(), { regionCode: '433122', skillCodes: ['skill.welding'], viewerToken: /^vwt_/ });
    const jobs = `${url}/viewers/${viewerId}/jobs`;
    const own = await send('GET', jobs, token);
    t.equal(own.statusCode, 200, own.body);
    t.equal(own.json().items[0].vacancy.id, welding.vacancyId, 'the welder sees the welding job first');
    for (const who of [host, yunxi, sewing.key, {}]) {
      t.equal((await send('GET', jobs, who)).statusCode, 401, 'nobody else reads the viewer’s list');
    }
  });

  t.test('intents: the viewer, the vacancy’s employer, the host; not another employer or county', async (t) => {
    const intend = (who: object, vacancyId: string) => send('POST', `${url}/intents`, who, { viewerId, vacancyId });
    const byViewer = await intend(token, welding.vacancyId);
    t.equal(byViewer.statusCode, 201, byViewer.body);
    t.equal(byViewer.json().recordedBy, `viewer:${viewerId}`);
    t.equal((await intend(token, welding.vacancyId)).statusCode, 200, 'once per viewer and vacancy');
    t.equal((await intend(welding.key, sewing.vacancyId)).statusCode, 403, 'another employer’s vacancy');
    t.equal((await intend(sewing.key, sewing.vacancyId)).statusCode, 201, 'the employer at the desk');
    t.equal((await intend(yunxi, sewing.vacancyId)).statusCode, 403, 'an officer of another county');
    t.equal((await intend({}, sewing.vacancyId)).statusCode, 401, 'anyone without the token');
    t.equal((await intend(host, sewing.vacancyId)).statusCode, 200, 'the host: recorded already');
  });

  t.test('stats count what happened, for anyone to read', async (t) => {
    const stats = await send('GET', `${url}/stats`, yunxi);
    t.equal(stats.statusCode, 200);
    t.match(stats.json(), { viewers: 1, registrations: 0, intents: 2 });
    t.same(stats.json().intentsByVacancy.length, 2);
    t.equal((await send('GET', `/v1/livestreams/liv_${'0'.repeat(32)}/stats`, {})).statusCode, 404);
  });
});
