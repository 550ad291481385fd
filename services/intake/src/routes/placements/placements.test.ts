import { residentIdCheckChar } from '@duijie/contracts';
import { queryRows, sql } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp, registerEmployer } from '../../testing.ts';

await withEachDatabase(t, async (t, db) => {
  // 10:00 in Beijing, 1 December 2026; the clock moves as the test says.
  let now = new Date('2026-12-01T02:00:00Z');
  const { app } = intakeApp(t, db, { clock: () => now });
  const admin = await staffAuth({ regionCode: '433100' });
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers = admin) => {
    const res = await app.inject({ method, url, headers, ...(payload ? { payload: payload as object } : {}) });
    return {
      status: res.statusCode,
      body: String(res.headers['content-type']).includes('json') ? res.json() : res.rawPayload,
    };
  };
  const employer = await registerEmployer(app, {
    name: '吉首制衣厂',
    creditStem: '91433101MA4P00001',
    regionCode: '433101',
  });
  const vacancy = (
    await call('POST', '/v1/vacancies', {
      employerId: employer,
      title: '缝纫工',
      regionCode: '433101',
      headcount: 2,
      wage: { min: 4000, unit: 'month' },
      requiredSkills: [{ name: '缝纫' }],
    })
  ).body.id as string;
  let n = 0;
  const seeker = async (regionCode: string, extra: Record<string, unknown> = {}) => {
    const stem = `${regionCode.slice(0, 6)}19900101${String(100 + n++)}`;
    return (
      await call('POST', '/v1/seekers', {
        name: `求职者${n}`,
        idNumber: `${stem}${residentIdCheckChar(stem)}`,
        residenceRegionCode: regionCode,
        skills: [{ name: '缝纫' }],
        ...extra,
      })
    ).body.id as string;
  };
  const jishou = await seeker('433101001001', { priorityGroups: ['registered_poor'], monitored: true });
  const luxi = await seeker('433122');
  const fenghuang = await seeker('433123');
  const place = (seekerId: string, startDate = '2026-12-01') =>
    call('POST', '/v1/placements', {
      seekerId,
      vacancyId: vacancy,
      startDate,
      monthlyWage: 4200,
      contractSigned: true,
      socialInsurance: true,
    });

  await t.test('a placement moves the filled count; a full vacancy takes no more', async (t) => {
    const first = await place(jishou);
    t.equal(first.status, 201);
    t.same(
      first.body.followUps.map((f: { kind: string; dueAt: string }) => [f.kind, f.dueAt]),
      [
        ['72h', '2026-12-03T16:00:00.000Z'],
        ['30d', '2026-12-30T16:00:00.000Z'],
        ['90d', '2027-02-28T16:00:00.000Z'],
      ],
      'due 72 hours, 30 and 90 days after the start (Beijing midnight)',
    );
    t.equal((await place(jishou)).status, 409, 'the same placement twice');
    t.equal((await place(luxi)).status, 201);
    const v = (await call('GET', `/v1/vacancies/${vacancy}`)).body;
    t.match(v, { filledCount: 2, status: 'filled' });
    const third = await place(fenghuang);
    t.match(third, { status: 422, body: { errors: [{ field: 'vacancyId' }] } });
    t.match((await call('GET', `/v1/seekers/${jishou}`)).body, {
      employmentStatus: 'employed',
      outcome: { status: 'placed' },
    });
    const events = await queryRows<{ type: string }>(
      db.db,
      sql`select type from outbox_events where aggregate_id = ${vacancy} order by seq`,
    );
    t.same(
      events.map((e) => e.type),
      ['vacancy.published', 'vacancy.updated', 'vacancy.updated'],
      'matching learns of each, so a full vacancy stops matching',
    );
  });

  await t.test('follow-ups appear on schedule, overdue when missed, and feed back', async (t) => {
    const overdue = async () =>
      (await call('GET', '/v1/follow-ups?overdue=true')).body.items as { id: string; kind: string; seekerId: string }[];
    t.same(await overdue(), [], 'nothing is due on the first day');
    now = new Date('2026-12-04T02:00:00Z');
    t.same(
      (await overdue()).map((f) => f.kind),
      ['72h', '72h'],
    );
    now = new Date('2027-03-02T02:00:00Z');
    const due = await overdue();
    t.equal(due.length, 6, 'all three for both by March');
    const ninety = due.filter((f) => f.kind === '90d');
    const stayed = await call('POST', `/v1/follow-ups/${ninety.find((f) => f.seekerId === jishou)?.id}`, {
      outcome: 'still_employed',
      wagePaid: 4200,
    });
    t.match(stayed, { status: 200, body: { status: 'done', outcome: 'still_employed' } });
    const left = await call('POST', `/v1/follow-ups/${ninety.find((f) => f.seekerId === luxi)?.id}`, {
      outcome: 'left',
    });
    t.match(left.body, { status: 400, errors: [{ field: 'leftReason' }] });
    t.equal(
      (
        await call('POST', `/v1/follow-ups/${ninety.find((f) => f.seekerId === luxi)?.id}`, {
          outcome: 'left',
          leftReason: 'wage_arrears',
        })
      ).status,
      200,
    );
    const [record] = await queryRows<{ retention_90: number; followed_up_90: number }>(
      db.db,
      sql`select retention_90, followed_up_90 from employers where id = ${employer}`,
    );
    t.same(
      record,
      { retention_90: 0.5, followed_up_90: 2 },
      'one of two stayed 90 days: the employer record the ranking uses',
    );
    const next = (await call('GET', '/v1/follow-ups')).body.items as {
      kind: string;
      seekerId: string;
      dueAt: string;
    }[];
    t.ok(
      next.some((f) => f.kind === 'monthly' && f.seekerId === jishou && f.dueAt === '2027-03-30T16:00:00.000Z'),
      'the next, a month on',
    );
    t.match((await call('GET', `/v1/seekers/${luxi}`)).body, { employmentStatus: 'unemployed' });
  });

  await t.test('zero-out, monitoring and the summary add up, within the caller’s region', async (t) => {
    const zero = (await call('GET', '/v1/reports/zero-out')).body;
    t.same(
      zero.items.map((i: { seekerId: string }) => i.seekerId).sort(),
      [luxi, fenghuang].sort(),
      'the one who left and the one never placed',
    );
    t.equal(zero.items[0].daysSinceRegistration, 91);
    const monitored = (await call('GET', '/v1/reports/monitored')).body.items;
    t.match(monitored, [
      {
        seekerId: jishou,
        employmentStatus: 'employed',
        placements: 1,
        lastFollowUp: { kind: '90d', outcome: 'still_employed' },
      },
    ]);
    const report = (await call('GET', '/v1/reports/summary?regionCode=433100&from=2026-12-01&to=2027-04-01')).body;
    const row = (code: string) => report.rows.find((r: { regionCode: string }) => r.regionCode === code);
    t.match(row('433101'), {
      name: '吉首市',
      registered: 1,
      placements: 1,
      stable90: 1,
      followUpsDone: 1,
      vacanciesOffered: 1,
      postsOffered: 2,
    });
    t.match(row('433122'), { name: '泸溪县', registered: 1, placements: 1, stable90: 0, followUpsDone: 1 });
    t.match(report.total, { registered: 3, placements: 2, stable90: 1, followUpsDue: 7, followUpsDone: 2 });
    const [{ count } = { count: -1 }] = await queryRows<{ count: number }>(
      db.db,
      sql`select count(*)::int as count from follow_ups`,
    );
    t.equal(report.total.followUpsDue, count, 'every follow-up due in the period, counted from the rows');
    const poor = (
      await call(
        'GET',
        '/v1/reports/summary?regionCode=433100&from=2026-12-01&to=2027-04-01&priorityGroup=registered_poor',
      )
    ).body;
    t.match(poor.total, { registered: 1, placements: 1 });
    const county = await staffAuth({ role: 'officer', regionCode: '433122' });
    const own = (await call('GET', '/v1/reports/summary?from=2026-12-01&to=2027-04-01', undefined, county)).body;
    t.ok(
      own.rows.every((r: { regionCode: string }) => r.regionCode.startsWith('433122')),
      'a county officer’s report has only the county',
    );
    t.equal(own.total.placements, 1);
    t.equal((await call('GET', '/v1/reports/summary?regionCode=433101', undefined, county)).status, 403);
    t.same(
      (await call('GET', '/v1/reports/zero-out', undefined, county)).body.items.map(
        (i: { seekerId: string }) => i.seekerId,
      ),
      [luxi],
    );
    const xlsx = await call('GET', '/v1/reports/summary?regionCode=433100&from=2026-12-01&to=2027-04-01&format=xlsx');
    t.equal(xlsx.status, 200);
    t.same([...(xlsx.body as Buffer).subarray(0, 2)], [0x50, 0x4b], 'an XLSX (a zip)');
  });

  await t.test('a monitored seeker’s status over time: registered, placed, left, unmonitored', async (t) => {
    const history = async () =>
      (await call('GET', '/v1/reports/monitored')).body.items.find((i: { seekerId: string }) => i.seekerId === jishou)
        ?.history as { employmentStatus: string; monitored: boolean; at: string }[] | undefined;
    t.same(
      await history(),
      [
        { employmentStatus: 'unemployed', monitored: true, at: '2026-12-01T02:00:00.000Z' },
        { employmentStatus: 'employed', monitored: true, at: '2026-12-01T02:00:00.000Z' },
      ],
      'registered out of work, placed the same morning; the 90-day follow-up changed nothing',
    );
    now = new Date('2027-04-02T02:00:00Z');
    const monthly = (
      (await call('GET', '/v1/follow-ups?overdue=true')).body.items as { id: string; seekerId: string }[]
    )
      .filter((f) => f.seekerId === jishou)
      .at(0);
    t.equal(
      (await call('POST', `/v1/follow-ups/${monthly?.id}`, { outcome: 'left', leftReason: 'family' })).status,
      200,
    );
    t.same((await history())?.at(-1), {
      employmentStatus: 'unemployed',
      monitored: true,
      at: '2027-04-02T02:00:00.000Z',
    });
    const record = (await call('GET', `/v1/seekers/${jishou}`)).body;
    t.equal((await call('PATCH', `/v1/seekers/${jishou}`, { monitored: false, version: record.version })).status, 200);
    t.notOk(await history(), 'no longer on the monitored list');
    const rows = await queryRows<{ employment_status: string; monitored: boolean }>(
      db.db,
      sql`select employment_status, monitored from seeker_status_history where seeker_id = ${jishou} order by seq`,
    );
    t.same(
      rows.map((r) => `${r.employment_status}/${r.monitored}`),
      ['unemployed/true', 'employed/true', 'unemployed/true', 'unemployed/false'],
      'each change once, the unchanged updates not at all',
    );
  });
});
