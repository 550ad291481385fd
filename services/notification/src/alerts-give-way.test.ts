// Job alerts give way: on a busy day a seeker gets their cap of the day's best alerts and the
// rest expire (none trickles out tomorrow); an alert whose vacancy closed or filled before it
// went is dropped; a policy broadcast over the cap waits for the next day instead. Counted in
// the metrics. On PGlite and on the PostgreSQL server.
import { residentIdCheckChar } from '@duijie/contracts';
import {
  employers,
  newId,
  notificationMessages,
  publishEvent,
  queryRows,
  type SeekerRow,
  seekers,
  sql,
  type VacancyRow,
  vacancies,
} from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { RankingEngine } from '@duijie/ranking';
import { seekerProfile, vacancyProfile } from '@duijie/ranking/rows';
import { RegionDirectory } from '@duijie/regions';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import { Taxonomy } from '@duijie/taxonomy';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { buildApp } from './app.ts';
import { DeliveryWorker } from './delivery.ts';

const regions = RegionDirectory.load();
const taxonomy = Taxonomy.load();

await withEachDatabase(t, async (t, db) => {
  // 10:00 in Beijing on Monday 23 November.
  let now = new Date('2026-11-23T02:00:00Z');
  const nextDay = () => {
    now = new Date(now.getTime() + 86_400_000);
  };
  const app = buildApp({
    db,
    logger: captureLogger('warn').logger,
    staffTokens: testStaffTokens,
    clock: () => now,
    // Every fit is worth an alert here: the cap alone decides what goes.
    config: { NOTIFY_MIN_SCORE: 0 },
    channels: {},
    delivery: { run: false },
  });
  t.teardown(() => app.close());
  await app.ready();
  const jobAlerts = app.consumers.find((c) => c.name === 'notification.job-alerts');
  const admin = await staffAuth({ regionCode: '433100' });

  const employerId = newId('emp');
  const [employer] = await db.db
    .insert(employers)
    .values({
      id: employerId,
      name: '泸溪县湘西服装厂',
      kind: 'enterprise',
      creditCode: `TESTCAP${process.pid}`,
      regionCode: '433122',
    })
    .returning();
  const stem = '43312219900101100';
  const [seeker] = (await db.db
    .insert(seekers)
    .values({
      id: newId('skr'),
      name: '向求职',
      idNumber: `${stem}${residentIdCheckChar(stem)}`,
      residenceRegionCode: '433122',
      skills: [{ code: 'skill.sewing', name: '缝纫', years: 3 }],
      skillCodes: ['skill.sewing'],
      demand: { regionScope: 'prefecture', expectedWage: { min: 6000, unit: 'month' } },
    })
    .returning()) as [SeekerRow];
  const subscribed = await app.inject({
    method: 'PUT',
    url: `/v1/subscriptions/${seeker.id}`,
    headers: admin,
    payload: { channels: ['sink'], topics: ['jobs', 'policies'], dailyCap: 3 },
  });
  t.equal(subscribed.statusCode, 200, subscribed.body);

  let posted = 0;
  /** Vacancies published as intake publishes them; the trigger plans their alerts. */
  const publish = async (wages: number[]) => {
    const rows: VacancyRow[] = [];
    for (const wage of wages) {
      const id = newId('vac');
      await db.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(vacancies)
          .values({
            id,
            employerId,
            title: `缝纫工${++posted}号线`,
            requiredSkills: [{ code: 'skill.sewing', name: '缝纫' }],
            regionCode: '433122',
            wageMin: wage,
            wageUnit: 'month',
            monthlyWageMin: wage,
            monthlyWageMax: wage,
            headcount: 5,
          })
          .returning();
        rows.push(row as VacancyRow);
        await publishEvent(tx, {
          type: 'vacancy.published',
          aggregateType: 'vacancy',
          aggregateId: id,
          payload: { vacancyId: id, employerId, status: 'open', version: 1 },
        });
      });
    }
    for (let i = 0; i < 200 && (await jobAlerts?.pending()) !== 0; i++) {
      await jobAlerts?.drain();
      await new Promise((r) => setTimeout(r, 10));
    }
    return rows;
  };
  const delivered = async () =>
    queryRows<{ reason: string; body: string }>(
      db.db,
      sql`select m.reason, d.body from sink_deliveries d join notification_messages m on m.id = d.message_id
          where d.seeker_id = ${seeker.id} order by d.seq`,
    );
  const statusOf = async (reason: string) =>
    (await db.db.select().from(notificationMessages).where(eq(notificationMessages.reason, reason)))[0];
  const metric = async (outcome: string) => {
    const body = (await app.inject('/metrics')).body;
    const line = new RegExp(
      `duijie_notifications_total\\{channel="sink",outcome="${outcome}",service="notification"\\} (\\d+)`,
    );
    return Number(line.exec(body)?.[1] ?? 0);
  };
  /** How well the engine ranks the seeker for a vacancy, computed here independently of the service. */
  const engine = new RankingEngine({ regions, taxonomy });
  const fit = (v: VacancyRow) =>
    engine.rankSeekers(vacancyProfile(v, employer as never), [seekerProfile(seeker, regions)], { now, limit: 1 })[0]
      ?.score ?? 0;

  await t.test('a busy day: 30 matching vacancies, a cap of 3 — the 3 best go, the rest expire', async (t) => {
    // Wages from 3,000 to 5,900 a month: the seeker wants 6,000, so the better paid fit better.
    const day = await publish(Array.from({ length: 30 }, (_, i) => 3000 + ((i * 7) % 30) * 100));
    const planned = await queryRows<{ n: number }>(
      db.db,
      sql`select count(*)::int as n from notification_messages where seeker_id = ${seeker.id} and topic = 'jobs'`,
    );
    t.equal(planned[0]?.n, 30, 'an alert planned for each of the 30');
    const ranked = day.map((v) => ({ reason: `vacancy:${v.id}`, score: fit(v) })).sort((a, b) => b.score - a.score);
    t.ok((ranked[2]?.score ?? 0) > (ranked[3]?.score ?? 0), 'the engine tells the three best apart');

    await app.delivery.drain();
    const sent = await delivered();
    t.equal(sent.length, 3, 'three today, the cap');
    t.same(
      sent.map((s) => s.reason).sort(),
      ranked
        .slice(0, 3)
        .map((r) => r.reason)
        .sort(),
      'the three the engine ranks best',
    );
    for (const r of ranked.slice(3)) {
      t.match(await statusOf(r.reason), { status: 'expired' }, 'the others expired');
    }
    t.equal(await metric('expired'), 27, 'counted in the metrics');
    const queue = await app.delivery.queue();
    t.same(queue, { due: 0, waiting: 0, sending: 0 }, 'nothing left waiting for tomorrow');

    nextDay();
    await app.delivery.drain();
    t.equal((await delivered()).length, 3, 'nothing sent the next day from the day before');
  });

  await t.test('the day’s best, however the pile is split between batches', async (t) => {
    nextDay();
    const day = await publish(Array.from({ length: 12 }, (_, i) => 3000 + ((i * 5) % 12) * 250));
    const best = day
      .map((v) => ({ reason: `vacancy:${v.id}`, score: fit(v) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      .map((r) => r.reason);
    const before = (await delivered()).length;
    // Batches of 4: the best may come up in any of them.
    await new DeliveryWorker(db.db, {}, { publicUrl: 'http://duijie.test', batchSize: 4 }, () => now).drain();
    t.same(
      (await delivered())
        .slice(before)
        .map((s) => s.reason)
        .sort(),
      best.sort(),
      'the three the engine ranks best of the twelve',
    );
  });

  await t.test('an alert whose vacancy closed or filled before it went is dropped', async (t) => {
    nextDay();
    const [closing, filling, staying] = (await publish([5200, 5300, 4000])) as [VacancyRow, VacancyRow, VacancyRow];
    await db.db.update(vacancies).set({ status: 'closed' }).where(eq(vacancies.id, closing.id));
    await db.db.update(vacancies).set({ status: 'filled' }).where(eq(vacancies.id, filling.id));
    const before = (await delivered()).length;
    await app.delivery.drain();
    const sent = (await delivered()).slice(before);
    t.same(
      sent.map((s) => s.reason),
      [`vacancy:${staying.id}`],
      'only the open vacancy reaches the seeker, though the closed ones fit better',
    );
    t.match(await statusOf(`vacancy:${closing.id}`), { status: 'dropped', lastError: /closed/ });
    t.match(await statusOf(`vacancy:${filling.id}`), { status: 'dropped', lastError: /filled/ });
    t.equal(await metric('dropped'), 2, 'counted in the metrics');
  });

  await t.test('a policy broadcast over the cap waits for the next day, and goes', async (t) => {
    nextDay();
    await publish([5000, 5100, 5200]);
    await app.delivery.drain();
    const before = (await delivered()).length;
    const res = await app.inject({
      method: 'POST',
      url: '/v1/broadcasts',
      headers: admin,
      payload: {
        title: '技能补贴',
        body: '持证缝纫工可申领职业技能提升补贴，请到县就业服务中心办理。',
        segment: { regionCodes: ['433122'], priorityGroups: [], employmentStatuses: [] },
      },
    });
    t.equal(res.statusCode, 201, res.body);
    const reason = `broadcast:${res.json().id}`;
    await app.broadcasts.drain();
    await app.delivery.drain();
    t.equal((await delivered()).length, before, 'three job alerts already went today');
    t.match(await statusOf(reason), { status: 'planned', deferredFor: 'daily_cap' }, 'deferred, not dropped');
    const expiredBefore = await metric('expired');
    nextDay();
    await app.delivery.drain();
    const sent = (await delivered()).slice(before);
    t.same(
      sent.map((s) => s.reason),
      [reason],
      'sent the next day',
    );
    t.match(sent[0]?.body, /技能补贴/);
    t.equal(await metric('expired'), expiredBefore, 'a broadcast never expires');
  });
});
