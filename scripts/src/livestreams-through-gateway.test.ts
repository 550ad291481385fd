// The livestream acceptance run: a session of 湘西州's vacancies, its lineup for the host as
// the audience changes, viewers' own lists and intents, through the gateway on both databases.
import { creditCodeCheckChar } from '@duijie/contracts';
import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { gatewayClient } from './gateway-client.ts';
import { runServices } from './system.ts';

type LineupBody = {
  items: {
    position: number;
    vacancy: { id: string; title: string };
    pinned: boolean;
    presenting: boolean;
    reach: number;
  }[];
  nextCursor: string | null;
  presentingVacancyId: string | null;
  audience: { viewers: number; basis: string };
};

await withEachDatabase(t, async (t, db) => {
  const log = captureLogger('warn');
  const system = await runServices({
    db,
    staffTokens: testStaffTokens,
    logger: log.logger,
    gateway: { rateLimit: { max: 100_000, windowMs: 60_000 } },
    liveRefreshMs: 0,
  });
  t.teardown(() => system.close());
  const officer = await staffAuth({ staffId: 'live-desk', role: 'officer', regionCode: '433100' });
  const { call, ok } = gatewayClient(system.gatewayUrl, officer);

  const stem = '91433101MA4L00001';
  const employer = (
    await ok('POST', '/v1/employers', {
      name: '湘西劳务合作社',
      kind: 'labor_agency',
      creditCode: `${stem}${creditCodeCheckChar(stem)}`,
      regionCode: '433101',
    })
  ).id as string;
  // Six trades, three posts each, at the same pay: only the audience tells them apart.
  const trades = ['保洁', '缝纫', '快递', '保安', '厨师', '电焊'];
  const report = await ok('POST', '/v1/vacancies/bulk', {
    vacancies: trades.flatMap((skill, i) =>
      [0, 1, 2].map((n) => ({
        employerId: employer,
        title: `${skill}${['工', '员', '师傅'][n]}`,
        regionCode: ['433101', '433122', '433123'][n],
        headcount: 5,
        wage: { min: 5000 - i * 100, max: 5500 - i * 100, unit: 'month' },
        requiredSkills: [{ name: skill }],
      })),
    ),
  });
  const vacancyIds = report.vacancies.map((v: { id: string }) => v.id) as string[];
  const tradeOf = (id: string) => trades[Math.floor(vacancyIds.indexOf(id) / 3)];
  const live = await ok('POST', '/v1/livestreams', {
    title: '春风送岗 · 湘西专场直播带岗',
    host: '就业局小李',
    platform: '抖音',
    regionCode: '433100',
    startsAt: '2026-11-23T19:00:00+08:00',
    endsAt: '2026-11-23T21:00:00+08:00',
    targetRegions: ['433100'],
    vacancyIds,
  });
  const lineup = async (query = '') => (await ok('GET', `/v1/livestreams/${live.id}/lineup${query}`)) as LineupBody;
  const weldingRank = (body: LineupBody) => body.items.findIndex((i) => tradeOf(i.vacancy.id) === '电焊');

  await t.test('with no viewers yet the lineup is for the target profile, with diversity', async (t) => {
    const first = await lineup('?limit=6');
    t.equal(first.audience.basis, 'target');
    t.equal(first.items.length, 6);
    t.equal(
      new Set(first.items.map((i) => tradeOf(i.vacancy.id))).size,
      6,
      'six trades in the first six, not one trade thrice',
    );
    const next = await lineup(`?limit=6&cursor=${first.nextCursor}`);
    t.equal(next.items[0]?.position, 7, 'the cursor pages on');
    t.notOk(next.items.some((i) => first.items.some((f) => f.vacancy.id === i.vacancy.id)));
  });

  // Each viewer's client keeps the token its registration handed out.
  const weldingViewers: { id: string; viewerToken: string }[] = [];
  const asViewer = (viewer: { viewerToken: string }) => ({ 'x-viewer-token': viewer.viewerToken });

  await t.test('welders join → welding jobs rise', async (t) => {
    const before = weldingRank(await lineup('?limit=18'));
    for (let i = 0; i < 40; i++) {
      const res = await call('POST', `/v1/livestreams/${live.id}/viewers`, {
        platformUserId: `douyin-${i}`,
        regionCode: '433124',
        skills: ['电焊'],
        expectedMonthlyWage: 5000,
      });
      t.equal(res.status, 201);
      weldingViewers.push(res.body);
    }
    // New viewers reach the lineup within a second.
    let after = await lineup('?limit=18');
    for (let i = 0; i < 30 && after.audience.viewers < 40; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await lineup('?limit=18');
    }
    t.equal(after.audience.basis, 'viewers');
    t.equal(after.audience.viewers, 40);
    t.equal(weldingRank(after), 0, `a welding job leads (it was at ${before + 1})`);
    t.ok(before > 0, 'it did not before');
    const again = await call(
      'POST',
      `/v1/livestreams/${live.id}/viewers`,
      { platformUserId: 'douyin-0', regionCode: '433124' },
      asViewer(weldingViewers[0] as { viewerToken: string }),
    );
    t.equal(again.status, 200);
    t.match(again.body, { id: weldingViewers[0]?.id, existing: true }, 'registering twice is one viewer');
    const someoneElse = await call('POST', `/v1/livestreams/${live.id}/viewers`, {
      platformUserId: 'douyin-0',
      regionCode: '433124',
    });
    t.equal(someoneElse.status, 409, 'but only to the viewer’s own client');
  });

  await t.test('pinned jobs stay on top; the presenting pointer moves; ETags say when nothing changed', async (t) => {
    const session = await ok('GET', `/v1/livestreams/${live.id}`);
    const cleaning = vacancyIds.filter((id) => tradeOf(id) === '保洁');
    const pinned = await ok('PATCH', `/v1/livestreams/${live.id}/host`, {
      version: session.version,
      pinnedVacancyIds: [cleaning[2], cleaning[0]],
      presentingVacancyId: cleaning[2],
    });
    const body = await lineup('?limit=5');
    t.same(
      body.items.slice(0, 2).map((i) => i.vacancy.id),
      [cleaning[2], cleaning[0]],
    );
    t.same(
      body.items.map((i) => i.pinned),
      [true, true, false, false, false],
    );
    t.equal(body.items[0]?.presenting, true);
    t.equal(tradeOf(body.items[2]?.vacancy.id ?? ''), '电焊', 'then the audience’s trade');
    const first = await call('GET', `/v1/livestreams/${live.id}/lineup?limit=5`);
    const etag = first.headers.get('etag') ?? '';
    const same = await fetch(`${system.gatewayUrl}/v1/livestreams/${live.id}/lineup?limit=5`, {
      headers: { 'if-none-match': etag },
    });
    t.equal(same.status, 304);
    await ok('PATCH', `/v1/livestreams/${live.id}/host`, { version: pinned.version, presentingVacancyId: cleaning[0] });
    const moved = await fetch(`${system.gatewayUrl}/v1/livestreams/${live.id}/lineup?limit=5`, {
      headers: { 'if-none-match': etag },
    });
    t.equal(moved.status, 200, 'a moved pointer is a change');
    t.equal(((await moved.json()) as LineupBody).presentingVacancyId, cleaning[0]);
    const stale = await call('PATCH', `/v1/livestreams/${live.id}/host`, {
      version: pinned.version,
      presentingVacancyId: null,
    });
    t.equal(stale.status, 409);
    const outside = await call('PATCH', `/v1/livestreams/${live.id}/host`, {
      version: pinned.version + 1,
      pinnedVacancyIds: [`vac_${'0'.repeat(32)}`],
    });
    t.match(outside.body, { status: 422, errors: [{ field: 'pinnedVacancyIds.0' }] });
  });

  await t.test('a closed vacancy leaves the lineup', async (t) => {
    const top = (await lineup('?limit=18')).items.find((i) => !i.pinned);
    const closing = top?.vacancy.id ?? '';
    const current = await ok('GET', `/v1/vacancies/${closing}`);
    await ok('POST', `/v1/vacancies/${closing}/close`, { version: current.version }, await staffAuth());
    const after = await lineup('?limit=18');
    t.notOk(after.items.some((i) => i.vacancy.id === closing));
    t.equal(after.items.length, 17);
  });

  await t.test('viewers pull their own lists and record intents; statistics add up', async (t) => {
    const viewer = await ok('POST', `/v1/livestreams/${live.id}/viewers`, {
      platformUserId: 'kuaishou-cook',
      regionCode: '433101',
      skills: ['厨师'],
      expectedMonthlyWage: 4500,
    });
    const jobs = await ok(
      'GET',
      `/v1/livestreams/${live.id}/viewers/${viewer.id}/jobs?limit=3`,
      undefined,
      asViewer(viewer),
    );
    t.equal(tradeOf(jobs.items[0].vacancy.id), '厨师', 'a cook’s own list starts with cooking');
    t.match(jobs.items[0].match, { matchedSkills: ['厨师'], reason: { zh: String } });
    const cooking = jobs.items[0].vacancy.id;
    const intend = (body: object) => call('POST', `/v1/livestreams/${live.id}/intents`, body, asViewer(viewer));
    t.equal((await intend({ viewerId: viewer.id, vacancyId: cooking })).status, 201);
    t.equal((await intend({ viewerId: viewer.id, vacancyId: cooking })).status, 200);
    const welders = await ok('GET', `/v1/livestreams/${live.id}/lineup?limit=3`);
    const welding = welders.items.find((i: { pinned: boolean }) => !i.pinned).vacancy.id;
    for (const welder of weldingViewers.slice(0, 3))
      await ok(
        'POST',
        `/v1/livestreams/${live.id}/intents`,
        { viewerId: welder.id, vacancyId: welding },
        asViewer(welder),
      );
    const stats = await ok('GET', `/v1/livestreams/${live.id}/stats`);
    t.equal(stats.viewers, 41);
    t.equal(stats.intents, 4);
    t.same(stats.intentsByVacancy, [
      { vacancyId: welding, count: 3 },
      { vacancyId: cooking, count: 1 },
    ]);
    const notHere = await intend({ viewerId: viewer.id, vacancyId: `vac_${'1'.repeat(32)}` });
    t.match(notHere.body, { status: 422, errors: [{ field: 'vacancyId' }] });
    const unknown = await call('GET', `/v1/livestreams/liv_${'0'.repeat(32)}/lineup`);
    t.equal(unknown.status, 404);
    const badRegion = await call(
      'POST',
      `/v1/livestreams/${live.id}/viewers`,
      { platformUserId: 'x', regionCode: '999999' },
      {},
    );
    t.match(badRegion.body, { status: 422, errors: [{ field: 'regionCode' }] });
    const linking = await call(
      'POST',
      `/v1/livestreams/${live.id}/viewers`,
      { platformUserId: 'y', regionCode: '433101', seekerId: `skr_${'2'.repeat(32)}` },
      {},
    );
    t.equal(linking.status, 401, 'only staff link a viewer to the demand list');
  });
});
