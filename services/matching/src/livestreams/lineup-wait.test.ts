// A host's console polls the lineup without pause while 200,000 viewers register. When the
// database is slow to answer (a busy hour, an ANALYZE of the viewers' table, a long write), a
// console is served the lineup as it stands at once, not held until the database answers; the
// change it could not read yet reaches it at a later poll.
import { livestreamViewers, type NewEvent, publishEvents, vacancies } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import { eq, sql } from 'drizzle-orm';
import t from 'tap';
import { addEmployer, matchingApp } from '../testing.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

await withEachDatabase(t, async (t, db) => {
  const { app } = matchingApp(t, db, { liveRefreshMs: 0 });
  const host = await staffAuth({ staffId: 'luxi-host', role: 'officer', regionCode: '433122' });
  const a = await addEmployer(db, '433122', '缝纫工');
  const b = await addEmployer(db, '433122', '电焊工');
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
  t.equal(created.statusCode, 201, created.body);
  const url = `/v1/livestreams/${created.json().id}/lineup`;
  const lineup = async () => {
    const res = await app.inject({ method: 'GET', url });
    t.equal(res.statusCode, 200, res.body);
    return (res.json().items as { vacancy: { id: string } }[]).map((i) => i.vacancy.id).sort();
  };
  t.same(await lineup(), [a.vacancyId, b.vacancyId].sort(), 'both jobs, before anything is held');

  // The employer closes one job, as intake writes it: the row and its event together.
  await db.db.transaction(async (tx) => {
    await tx.update(vacancies).set({ status: 'closed', version: 2 }).where(eq(vacancies.id, a.vacancyId));
    await publishEvents(tx, [
      {
        type: 'vacancy.closed',
        aggregateType: 'vacancy',
        aggregateId: a.vacancyId,
        payload: { vacancyId: a.vacancyId, employerId: a.id, status: 'closed', version: 2 },
      } as NewEvent,
    ]);
  });

  t.test('while the database cannot answer, the lineup is served as it stands', async (t) => {
    // Held as a slow hour holds it: the outbox and the viewers cannot be read until released
    // (on PGlite its one connection is taken, so nothing can be read at all).
    let release = () => {};
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    let held = true;
    const holding = db.db.transaction(async (tx) => {
      await tx.execute(sql`lock table ${livestreamViewers}, outbox_events in access exclusive mode`);
      locked();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      held = false;
    });
    await isLocked;
    let answeredWhileHeld: boolean | undefined;
    const served = lineup().then((ids) => {
      answeredWhileHeld = held;
      return ids;
    });
    // The hold ends when the lineup has answered, or after 3 s if it waits for the database.
    await Promise.race([served, sleep(3_000)]);
    release();
    await holding;
    t.equal(answeredWhileHeld, true, 'the console got its lineup while the database was held');
    t.same(await served, [a.vacancyId, b.vacancyId].sort(), 'as it stood: the closing was not read yet');
  });

  t.test('once the database answers, a later poll shows the change', async (t) => {
    let ids = await lineup();
    for (let i = 0; i < 30 && ids.length > 1; i++) {
      await sleep(100);
      ids = await lineup();
    }
    t.same(ids, [b.vacancyId], 'the closed job left the lineup');
  });
});
