import { creditCodeCheckChar } from '@duijie/contracts';
import { employers, newId, vacancies } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, patchChangesExactly, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { buildApp } from '../app.ts';

await withEachDatabase(t, async (t, db) => {
  const app = buildApp({ db, logger: captureLogger().logger, staffTokens: testStaffTokens, liveRefreshMs: 0 });
  t.teardown(() => app.close());
  const officer = await staffAuth({ staffId: 'live-desk', role: 'officer', regionCode: '433100' });
  const now = new Date();
  const employerId = newId('emp');
  const stem = '91433101MA4L00071';
  await db.db.insert(employers).values({
    id: employerId,
    name: '湘西劳务合作社',
    kind: 'labor_agency',
    creditCode: `${stem}${creditCodeCheckChar(stem)}`,
    regionCode: '433101',
  });
  const ids = ['保洁员', '缝纫工', '电焊工'].map(() => newId('vac'));
  await db.db.insert(vacancies).values(
    ids.map((id, i) => ({
      id,
      employerId,
      title: ['保洁员', '缝纫工', '电焊工'][i] as string,
      regionCode: '433101',
      wageMin: 4000,
      wageUnit: 'month' as const,
      monthlyWageMin: 4000,
      monthlyWageMax: 4000,
      headcount: 5,
      datePosted: now,
    })),
  );
  const [a, b, c] = ids as [string, string, string];
  const created = await app.inject({
    method: 'POST',
    url: '/v1/livestreams',
    headers: officer,
    payload: {
      title: '湘西专场直播带岗',
      host: '就业局小李',
      platform: '抖音',
      regionCode: '433100',
      startsAt: '2026-11-23T19:00:00+08:00',
      endsAt: '2026-11-23T21:00:00+08:00',
      targetRegions: ['433100'],
      vacancyIds: ids,
    },
  });
  t.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  const read = async () => (await app.inject({ url: `/v1/livestreams/${id}`, headers: officer })).json();
  const patch = (body: unknown, contentType = 'application/json') =>
    app.inject({
      method: 'PATCH',
      url: `/v1/livestreams/${id}/host`,
      headers: { ...officer, 'content-type': contentType },
      payload: JSON.stringify(body),
    });

  t.test('moving the pointer leaves the pins; null unpins all', async (t) => {
    const first = await patch({ version: (await read()).version, pinnedVacancyIds: [a, b] });
    t.equal(first.statusCode, 200, first.body);
    const moved = await patch(
      { version: first.json().version, presentingVacancyId: c },
      'application/merge-patch+json',
    );
    t.equal(moved.statusCode, 200, moved.body);
    t.match(await read(), { pinnedVacancyIds: [a, b], presentingVacancyId: c });
    const cleared = await patch({ version: moved.json().version, pinnedVacancyIds: null });
    t.equal(cleared.statusCode, 200, cleared.body);
    t.match(await read(), { pinnedVacancyIds: [], presentingVacancyId: c });
  });

  t.test('a change to any subset of the controls changes exactly those', async (t) => {
    const FIELDS: [string, unknown[]][] = [
      ['pinnedVacancyIds', [[a], [b, a], [], null]],
      ['presentingVacancyId', [a, b, null]],
    ];
    await patchChangesExactly({
      fields: FIELDS,
      read,
      patch: (before, changes) => patch({ version: before.version, ...Object.fromEntries(changes) }),
      // The version moves with every change.
      derived: ['version'],
      defaults: { pinnedVacancyIds: [] },
      numRuns: 25,
    });
    t.pass('every subset changed only what it named');
  });
});
