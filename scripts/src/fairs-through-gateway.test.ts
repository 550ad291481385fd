// The job-fair acceptance run: a county's fair (12 employers, 72 vacancies, 120 seekers of
// 湘西州 from the real divisions and taxonomy, 20 walk-ins) checked in through the gateway, on real
// listening servers, on PGlite and on the PostgreSQL server.
import { residentIdCheckChar } from '@duijie/contracts';
import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { seedThroughIntake, sendInProcess } from '../seed/demo-data.ts';
import { gatewayClient } from './gateway-client.ts';
import { indexSettled, runServices } from './system.ts';

// Two whole systems (PGlite and the server), a fair of real size each: ≈ 100 s on a quiet
// machine, so the default 120 s fails it when the two cores are shared.
t.setTimeout(300_000);

// A fair of a county's size: enough arrivals that popular vacancies fill their share. The
// 8,000-seeker fair is bench:fair's; on both databases, this is a test of behaviour.
const SIZE = { employers: 12, vacancies: 72, seekers: 120, walkIns: 20 };
const ARRIVALS = SIZE.seekers + SIZE.walkIns;

type Recommendation = {
  booth: string;
  vacancy: { id: string; openPlaces: number };
  match: { score: number; reason: { zh: string } };
};
type CheckinBody = {
  seeker: { id: string; name: string };
  existing: boolean;
  registered: boolean;
  recommendations: Recommendation[];
};

/** Reads server-sent events until `until` says stop (or the time is up). */
async function readFeed(
  url: string,
  headers: Record<string, string>,
  until: (events: { id: number; event: string; data: Record<string, unknown> }[]) => boolean,
) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 20_000);
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const events: { id: number; event: string; data: Record<string, unknown> }[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((l) => l && !l.startsWith(':'))
            .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
        );
        if (fields.id && fields.event)
          events.push({ id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data ?? '{}') });
        end = buffer.indexOf('\n\n');
      }
      if (until(events)) break;
    }
  } catch (err) {
    if (!controller.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { status: res.status, type: res.headers.get('content-type'), events };
}

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
  const seeded = await seedThroughIntake(await sendInProcess(system), { ...SIZE, seed: 11 });
  const officer = await staffAuth({ staffId: 'fair-desk', role: 'officer', regionCode: '433100' });
  const { call, ok } = gatewayClient(system.gatewayUrl, officer);

  const fair = await ok('POST', '/v1/fairs', {
    name: '2026年湘西州春风行动专场招聘会',
    kind: 'on_site',
    venueRegionCode: '433101',
    startsAt: '2026-11-23T09:00:00+08:00',
    endsAt: '2026-11-23T13:00:00+08:00',
    targetGroups: ['registered_poor', 'returned_migrant'],
  });
  // The seeding gives vacancy j to employer j mod employers: each brings all of its own.
  const employerOf = (j: number) => seeded.employerIds[j % SIZE.employers] as string;
  for (const [i, employerId] of seeded.employerIds.entries()) {
    await ok('PUT', `/v1/fairs/${fair.id}/booths/${employerId}`, {
      booth: `A${String(i + 1).padStart(2, '0')}`,
      vacancyIds: seeded.vacancyIds.filter((_, j) => employerOf(j) === employerId),
    });
  }
  const checkins: CheckinBody[] = [];
  await t.test(
    'every seeker checks in — by ID number, phone, QR code, or as a walk-in — and gets a list',
    async (t) => {
      for (const [i, s] of seeded.seekers.entries()) {
        const how =
          i % 3 === 0
            ? { idNumber: s.idNumber }
            : i % 3 === 1
              ? { phone: s.phone }
              : { qr: await ok('GET', `/v1/fairs/${fair.id}/seekers/${s.id}/qr?format=text`) };
        const res = await call('POST', `/v1/fairs/${fair.id}/checkins`, how);
        if (res.status !== 201) t.fail(`check-in ${i}: ${res.status} ${JSON.stringify(res.body)}`);
        checkins.push(res.body);
      }
      for (let i = 0; i < SIZE.walkIns; i++) {
        const stem = `43312319950${String(101 + i).slice(-3)}${String(600 + i).padStart(3, '0')}`;
        const walkIn = {
          name: `现场求职者${i + 1}`,
          idNumber: `${stem}${residentIdCheckChar(stem)}`,
          residenceRegionCode: '433123',
          priorityGroups: i % 2 === 0 ? ['returned_migrant'] : [],
          skills: [{ name: i % 2 === 0 ? '电焊' : '缝纫' }],
          demand: { regionScope: 'prefecture', expectedWage: { min: 3500, unit: 'month' } },
        };
        const res = await call('POST', `/v1/fairs/${fair.id}/checkins`, { walkIn });
        t.equal(res.status, 201, `walk-in ${i} registered and checked in`);
        t.equal(res.body.registered, true);
        checkins.push(res.body);
      }
      const withList = checkins.filter((c) => c.recommendations.length > 0);
      t.equal(checkins.length, ARRIVALS);
      t.ok(
        withList.length >= SIZE.seekers,
        `${withList.length} of ${ARRIVALS} got recommendations (the rest fit nothing here)`,
      );
      for (const c of withList) {
        const scores = c.recommendations.map((r) => r.match.score);
        t.same(
          scores,
          [...scores].sort((a, b) => b - a),
          'best first',
        );
        t.match(c.recommendations[0], { booth: /^A\d\d$/, match: { reason: { zh: String } } });
      }
      const answers = JSON.stringify(checkins);
      t.notOk(
        seeded.seekers.some((s) => answers.includes(s.idNumber) || answers.includes(s.phone)),
        'no ID number or phone in any answer',
      );
    },
  );

  await t.test('no vacancy is recommended on arrival past its share of the places', async (t) => {
    const sent = new Map<string, { count: number; open: number }>();
    for (const c of checkins) {
      for (const r of c.recommendations) {
        const held = sent.get(r.vacancy.id) ?? { count: 0, open: r.vacancy.openPlaces };
        held.count++;
        sent.set(r.vacancy.id, held);
      }
    }
    const over = [...sent.entries()].filter(([, v]) => v.count > v.open * 3);
    t.same(over, [], 'at most 3 seekers per open place');
    t.ok(
      [...sent.values()].some((v) => v.count === v.open * 3),
      'and popular vacancies reach their share',
    );
  });

  await t.test('the whole-fair assignment keeps every vacancy within its capacity', async (t) => {
    const assignment = await ok('GET', `/v1/fairs/${fair.id}/assignment?perSeeker=3&perPost=2`);
    t.equal(assignment.seekers, ARRIVALS);
    const headcounts = new Map<string, number>();
    for (const v of assignment.vacancies as {
      vacancyId: string;
      openPlaces: number;
      capacity: number;
      seekers: unknown[];
    }[]) {
      if (!headcounts.has(v.vacancyId)) {
        const stored = await ok('GET', `/v1/vacancies/${v.vacancyId}`);
        headcounts.set(v.vacancyId, stored.headcount - stored.filledCount);
      }
      t.equal(v.openPlaces, headcounts.get(v.vacancyId), 'open places as intake has them');
      t.ok(v.seekers.length <= v.openPlaces * 2, `${v.vacancyId}: ${v.seekers.length} ≤ ${v.openPlaces * 2}`);
    }
  });

  await t.test('checking in again is idempotent; bad input is a clear problem', async (t) => {
    const first = seeded.seekers[0] as { id: string; idNumber: string };
    const again = await call('POST', `/v1/fairs/${fair.id}/checkins`, { idNumber: first.idNumber });
    t.equal(again.status, 200);
    t.equal(again.body.existing, true);
    t.same(
      again.body.recommendations.map((r: Recommendation) => r.vacancy.id),
      checkins[0]?.recommendations.map((r) => r.vacancy.id),
      'the same recommendations as the first time',
    );
    const unknown = await call('POST', `/v1/fairs/fai_${'0'.repeat(32)}/checkins`, { idNumber: first.idNumber });
    t.equal(unknown.status, 404);
    t.match(unknown.type, 'application/problem+json');
    const other = await ok('POST', '/v1/fairs', {
      name: '吉首市岗位超市',
      kind: 'job_supermarket',
      venueRegionCode: '433101',
      startsAt: '2026-11-24T09:00:00+08:00',
      endsAt: '2026-11-24T17:00:00+08:00',
    });
    // The index knows which vacancies each fair offers: a walk-in can search just this one.
    const brought = seeded.vacancyIds.filter((_, j) => j % SIZE.employers === 0).slice(0, 3);
    await ok('PUT', `/v1/fairs/${other.id}/booths/${employerOf(0)}`, { booth: '1号', vacancyIds: brought });
    await indexSettled(system);
    const found = await ok('POST', `/v1/matches/search?fairId=${other.id}`, {
      residenceRegionCode: '433101',
      demand: { regionScope: 'anywhere' },
    });
    t.ok(found.items.length > 0, 'the fair’s vacancies are found');
    t.ok(
      found.items.every((i: { vacancy: { id: string } }) => brought.includes(i.vacancy.id)),
      'and only they',
    );
    const otherQr = await ok('GET', `/v1/fairs/${other.id}/seekers/${first.id}/qr?format=text`);
    const wrongFair = await call('POST', `/v1/fairs/${fair.id}/checkins`, { qr: otherQr });
    t.equal(wrongFair.status, 422);
    t.match(wrongFair.body, { type: /qr-other-fair/, errors: [{ field: 'qr' }] });
    const forged = await call('POST', `/v1/fairs/${fair.id}/checkins`, { qr: `${otherQr.slice(0, -3)}AAA` });
    t.match(forged.body, { status: 422, errors: [{ field: 'qr' }] });
    const both = await call('POST', `/v1/fairs/${fair.id}/checkins`, {
      idNumber: first.idNumber,
      phone: '13900000000',
    });
    t.equal(both.status, 400);
    t.match(both.body, { errors: [{ field: 'idNumber' }] });
    const png = await fetch(`${system.gatewayUrl}/v1/fairs/${fair.id}/seekers/${first.id}/qr?format=png`, {
      headers: officer,
    });
    t.equal(png.headers.get('content-type'), 'image/png');
    t.same([...new Uint8Array(await png.arrayBuffer()).slice(1, 4)], [0x50, 0x4e, 0x47], 'a PNG');
    const slip = await call('GET', `/v1/fairs/${fair.id}/checkins/${first.id}/slip`);
    t.match(slip.type, 'text/html');
    t.match(slip.body, '春风行动');
    t.match(slip.body, checkins[0]?.recommendations[0]?.booth ?? 'no booth');
    t.match(slip.body, '<svg');
  });

  await t.test('intents and statistics add up; the employer’s live list is its own', async (t) => {
    const employerId = seeded.employerIds[0] as string;
    const key = (await ok('POST', `/v1/employers/${employerId}/api-keys`, { name: '招聘会' }, await staffAuth())).key;
    const bearer = { authorization: `Bearer ${key}` };
    const live = await ok('GET', `/v1/fairs/${fair.id}/candidates`, undefined, bearer);
    t.ok(live.items.length > 0, 'checked-in seekers ranked for its vacancies');
    t.match(live.items[0], { seeker: { name: /^\S\*+$/ }, match: { score: Number } });
    t.equal(
      (await call('GET', `/v1/fairs/${fair.id}/candidates?employerId=${seeded.employerIds[1]}`, undefined, bearer))
        .status,
      403,
    );
    // Intents: by the employer for its top three, by staff for other pairs, one repeated.
    const recorded = new Set<string>();
    for (const item of live.items.slice(0, 3)) {
      const res = await call(
        'POST',
        `/v1/fairs/${fair.id}/intents`,
        { seekerId: item.seeker.id, vacancyId: item.vacancyId },
        bearer,
      );
      t.equal(res.status, 201);
      recorded.add(`${item.seeker.id}|${item.vacancyId}`);
    }
    for (const c of checkins.slice(0, 30)) {
      const r = c.recommendations[0];
      if (!r) continue;
      const res = await call('POST', `/v1/fairs/${fair.id}/intents`, {
        seekerId: c.seeker.id,
        vacancyId: r.vacancy.id,
      });
      t.equal(res.status, recorded.has(`${c.seeker.id}|${r.vacancy.id}`) ? 200 : 201);
      recorded.add(`${c.seeker.id}|${r.vacancy.id}`);
    }
    const repeat = await call(
      'POST',
      `/v1/fairs/${fair.id}/intents`,
      { seekerId: live.items[0].seeker.id, vacancyId: live.items[0].vacancyId },
      bearer,
    );
    t.equal(repeat.status, 200, 'the same intent again is the same intent');
    const notHere = await call('POST', `/v1/fairs/${fair.id}/intents`, {
      seekerId: `skr_${'1'.repeat(32)}`,
      vacancyId: live.items[0].vacancyId,
    });
    t.match(notHere.body, { status: 422, errors: [{ field: 'seekerId' }] });

    const stats = await ok('GET', `/v1/fairs/${fair.id}/stats`);
    t.equal(stats.employers, SIZE.employers);
    t.equal(stats.vacancies, SIZE.vacancies);
    t.equal(stats.seekersCheckedIn, ARRIVALS);
    t.equal(stats.seekersRegistered, SIZE.walkIns);
    t.equal(stats.intents, recorded.size);
    const byRegion = stats.byOriginRegion.reduce((s: number, c: { count: number }) => s + c.count, 0);
    t.equal(byRegion, ARRIVALS, 'every checked-in seeker counted under one home prefecture');
    const groups = await ok(
      'GET',
      '/v1/seekers?limit=100&priorityGroup=returned_migrant',
      undefined,
      await staffAuth(),
    );
    t.ok(
      stats.byPriorityGroup.some(
        (c: { key: string; count: number }) => c.key === 'returned_migrant' && c.count >= groups.items.length,
      ),
    );
    let posts = 0;
    for (const id of seeded.vacancyIds) {
      const v = await ok('GET', `/v1/vacancies/${id}`);
      if (v.status === 'open') posts += v.headcount - v.filledCount;
    }
    t.equal(stats.posts, posts, 'posts are the open places of the fair’s vacancies');

    const feedUrl = `${system.gatewayUrl}/v1/feeds/fairs/${fair.id}`;
    const { events, type } = await readFeed(
      feedUrl,
      {},
      (e) => e.filter((x) => x.event === 'fair.intent_recorded').length >= recorded.size,
    );
    t.match(type, 'text/event-stream');
    const ids = events.map((e) => e.id);
    t.same(
      ids,
      [...ids].sort((a, b) => a - b),
      'in feed order',
    );
    t.equal(new Set(ids).size, ids.length, 'each once');
    t.equal(events.filter((e) => e.event === 'fair.checked_in').length, ARRIVALS);
    t.equal(events.filter((e) => e.event === 'fair.intent_recorded').length, recorded.size);
    t.ok(
      events.findIndex((e) => e.event === 'fair.intent_recorded') >
        events.findLastIndex((e) => e.event === 'fair.checked_in'),
      'check-ins, then the intents recorded after them',
    );
    t.notMatch(JSON.stringify(events), /skr_/, 'no seeker ids on the hall’s screen');
    // Reconnecting after the 100th event gets exactly what came after it.
    const resumed = await readFeed(
      `${system.gatewayUrl}/v1/feeds/fairs/${fair.id}`,
      { 'last-event-id': String(ids[99]) },
      (e) => e.length >= ids.length - 100,
    );
    t.same(
      resumed.events.map((e) => e.id),
      ids.slice(100),
    );
    // A screen connected now sees a new intent as it happens.
    const listening = readFeed(feedUrl, { 'last-event-id': String(ids.at(-1)) }, (e) => e.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    const late = checkins.find(
      (c) => c.recommendations.length > 1 && !recorded.has(`${c.seeker.id}|${c.recommendations[1]?.vacancy.id}`),
    );
    await ok('POST', `/v1/fairs/${fair.id}/intents`, {
      seekerId: late?.seeker.id,
      vacancyId: late?.recommendations[1]?.vacancy.id,
    });
    const live2 = await listening;
    t.match(live2.events, [{ id: (ids.at(-1) ?? 0) + 1, event: 'fair.intent_recorded' }]);
  });
});
