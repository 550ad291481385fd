// The host's console reads the session, changes the controls with the version read, and
// reads again: each read shows the change just made, so the next change is not a 409.
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { addEmployer, matchingApp } from '../testing.ts';

await withEachDatabase(t, async (t, db) => {
  // The default refresh interval: live lists may lag by it, a read of the session may not.
  const { app } = matchingApp(t, db, { liveRefreshMs: 5_000 });
  const host = await staffAuth({ staffId: 'luxi-host', role: 'officer', regionCode: '433122' });
  const a = await addEmployer(db, '433122');
  const b = await addEmployer(db, '433122');
  const created = await app.inject({
    method: 'POST',
    url: '/v1/livestreams',
    headers: host,
    payload: {
      title: '泸溪县直播带岗',
      host: '就业局小田',
      platform: '视频号',
      regionCode: '433122',
      startsAt: '2026-11-23T19:00:00+08:00',
      endsAt: '2026-11-23T21:00:00+08:00',
      vacancyIds: [a.vacancyId, b.vacancyId],
    },
  });
  const url = `/v1/livestreams/${created.json().id}`;

  t.test('a read right after a change of the host’s controls shows it', async (t) => {
    for (const [i, presenting] of [a.vacancyId, b.vacancyId, a.vacancyId].entries()) {
      const read = (await app.inject({ method: 'GET', url })).json();
      t.equal(read.version, i + 1, `read ${i + 1} shows the version just written`);
      const changed = await app.inject({
        method: 'PATCH',
        url: `${url}/host`,
        headers: host,
        payload: { version: read.version, presentingVacancyId: presenting },
      });
      t.equal(changed.statusCode, 200, changed.body);
      const after = (await app.inject({ method: 'GET', url })).json();
      t.match(after, { version: changed.json().version, presentingVacancyId: presenting });
    }
  });

  t.test('so does a read right after the session’s vacancies change', async (t) => {
    await app.inject({ method: 'PUT', url: `${url}/vacancies`, headers: host, payload: { vacancyIds: [b.vacancyId] } });
    t.same((await app.inject({ method: 'GET', url })).json().vacancyIds, [b.vacancyId]);
  });

  t.test('and the lineup right after it shows the vacancies just set', async (t) => {
    const lineupIds = async () =>
      (await app.inject({ method: 'GET', url: `${url}/lineup` }))
        .json()
        .items.map((i: { vacancy: { id: string } }) => i.vacancy.id);
    t.same(await lineupIds(), [b.vacancyId]);
    const set = await app.inject({
      method: 'PUT',
      url: `${url}/vacancies`,
      headers: host,
      payload: { vacancyIds: [a.vacancyId, b.vacancyId] },
    });
    t.equal(set.statusCode, 200, set.body);
    t.same((await lineupIds()).sort(), [a.vacancyId, b.vacancyId].sort());
  });
});
