import t from 'tap';
import { queryRows, sql, type Transaction } from '../client.ts';
import { withEachDatabase } from '../testing.ts';
import { OutboxConsumer } from './consumer.ts';
import { type NewEvent, publishEvents } from './publish.ts';

const event = (aggregateId: string, n: number): NewEvent => ({
  type: 'vacancy.updated',
  aggregateType: 'vacancy',
  aggregateId,
  payload: { vacancyId: aggregateId, employerId: 'emp_outbox', status: 'open', version: n },
});

/** The consumer's own effect: one row per applied event, counting how often it was applied. */
const recordApplied = (table: string) => async (e: { id: string; aggregateId: string }, tx: Transaction) => {
  await tx.execute(
    sql`insert into ${sql.identifier(table)} (event_id, aggregate_id) values (${e.id}, ${e.aggregateId})
        on conflict (event_id) do update set times = ${sql.identifier(table)}.times + 1`,
  );
};

await withEachDatabase(t, async (t, handle) => {
  const { db } = handle;
  let tables = 0;
  const appliedTable = async () => {
    const name = `applied_${tables++}`;
    await db.execute(
      sql`create table ${sql.identifier(name)} (n bigserial, event_id text primary key, aggregate_id text not null, times int not null default 1)`,
    );
    return name;
  };
  const applied = (table: string) =>
    queryRows<{ event_id: string; aggregate_id: string; times: number }>(
      db,
      sql`select event_id, aggregate_id, times from ${sql.identifier(table)} order by n`,
    );

  t.test('two racing instances apply each event exactly once', async (t) => {
    const table = await appliedTable();
    const options = { name: 'race', startFrom: 'now' as const, onEvent: recordApplied(table), batchSize: 7 };
    const a = new OutboxConsumer(handle, options);
    const b = new OutboxConsumer(handle, options);
    await a.register();
    await b.register();
    const published = await db.transaction((tx) =>
      publishEvents(
        tx,
        Array.from({ length: 120 }, (_, i) => event(`vac_${i % 40}`, i)),
      ),
    );
    const [na, nb] = await Promise.all([a.drain(), b.drain()]);
    t.equal(na + nb, 120, 'between them they handled every event');
    const rows = await applied(table);
    t.equal(rows.length, 120);
    t.ok(
      rows.every((r) => r.times === 1),
      'no event applied twice',
    );
    t.same(new Set(rows.map((r) => r.event_id)), new Set(published.map((e) => e.id)));
    t.equal(await a.pending(), 0);
  });

  t.test('an event whose handler throws once is retried and applied once', async (t) => {
    const table = await appliedTable();
    let failures = 0;
    const record = recordApplied(table);
    const consumer = new OutboxConsumer(handle, {
      name: 'flaky',
      startFrom: 'now',
      // Long enough that no drain, however slow the machine, reaches the retry by itself: the
      // test moves the retry's time instead of waiting for it (a 200 ms back-off failed CI).
      backoffBaseMs: 600_000,
      onEvent: async (e, tx) => {
        await record(e, tx);
        // The write above must be rolled back with the failure.
        if (e.payload.version === 1 && failures++ === 0) throw new Error('index unavailable');
      },
    });
    await consumer.register();
    const [first, second] = await db.transaction((tx) => publishEvents(tx, [event('vac_a', 1), event('vac_b', 2)]));
    await consumer.drain();
    t.same(
      (await applied(table)).map((r) => r.event_id),
      [second?.id],
      'the failed one waits',
    );
    const [failed] = await queryRows<{ status: string; attempts: number; last_error: string }>(
      db,
      sql`select status, attempts, last_error from outbox_deliveries where consumer = 'flaky' and event_seq = ${first?.seq}`,
    );
    t.match(failed, { status: 'pending', attempts: 1, last_error: 'index unavailable' });
    await db.execute(
      sql`update outbox_deliveries set available_at = now() where consumer = 'flaky' and event_seq = ${first?.seq}`,
    );
    await consumer.drain();
    const rows = await applied(table);
    t.same(
      rows.map((r) => [r.event_id, r.times]).sort(),
      [
        [first?.id, 1],
        [second?.id, 1],
      ].sort(),
    );
    t.equal(await consumer.pending(), 0);
  });

  t.test('work after commit runs once the batch has committed, and not for an event that failed', async (t) => {
    const table = await appliedTable();
    const record = recordApplied(table);
    const after: string[] = [];
    let inTransaction = 0;
    const consumer = new OutboxConsumer(handle, {
      name: 'after-commit',
      startFrom: 'now',
      backoffBaseMs: 600_000,
      onEvent: async (e, tx, afterCommit) => {
        inTransaction++;
        await record(e, tx);
        afterCommit(() => {
          after.push(e.id);
          // Both events were handled (and the batch's transaction ended) before any of this runs.
          t.equal(inTransaction, 2, 'runs after the whole batch');
        });
        if (e.payload.version === 1) throw new Error('fails after asking');
      },
    });
    await consumer.register();
    const [failing, ok] = await db.transaction((tx) => publishEvents(tx, [event('vac_c', 1), event('vac_d', 2)]));
    await consumer.drain();
    t.same(after, [ok?.id], 'only the event that succeeded ran its work after commit');
    t.same(
      (await applied(table)).map((r) => r.event_id),
      [ok?.id],
      'its write committed; the failed one rolled back',
    );
    t.ok(failing);
  });

  t.test('a failed statement is noted without the values it was given', async (t) => {
    const consumer = new OutboxConsumer(handle, {
      name: 'values',
      startFrom: 'now',
      onEvent: async (_e, tx) => {
        await tx.execute(sql`select ${'433101199003071234'}::int`);
      },
    });
    await consumer.register();
    const [published] = await db.transaction((tx) => publishEvents(tx, [event('vac_v', 1)]));
    await consumer.drain();
    const [failed] = await queryRows<{ last_error: string }>(
      db,
      sql`select last_error from outbox_deliveries where consumer = 'values' and event_seq = ${published?.seq}`,
    );
    t.match(failed?.last_error, /^Failed query: select \$1::int$/);
  });

  t.test('events of one aggregate are applied in order, even across a retry', async (t) => {
    const table = await appliedTable();
    let failed = false;
    const record = recordApplied(table);
    const consumer = new OutboxConsumer(handle, {
      name: 'ordered',
      startFrom: 'now',
      backoffBaseMs: 600_000,
      onEvent: async (e, tx) => {
        if (e.payload.version === 0 && !failed) {
          failed = true;
          throw new Error('first try fails');
        }
        await record(e, tx);
      },
    });
    await consumer.register();
    const events = await db.transaction((tx) =>
      publishEvents(tx, [event('vac_o', 0), event('vac_o', 1), event('vac_o', 2)]),
    );
    await consumer.drain();
    t.same(await applied(table), [], 'later events wait for the failed first one');
    await db.execute(sql`update outbox_deliveries set available_at = now() where consumer = 'ordered'`);
    await consumer.drain();
    t.same(
      (await applied(table)).map((r) => r.event_id),
      events.map((e) => e.id),
    );
  });

  t.test('an event that keeps failing is dead-lettered and stops blocking its aggregate', async (t) => {
    const table = await appliedTable();
    const record = recordApplied(table);
    const consumer = new OutboxConsumer(handle, {
      name: 'poison',
      startFrom: 'now',
      backoffBaseMs: 1,
      maxAttempts: 2,
      onEvent: async (e, tx) => {
        if (e.payload.version === 0) throw new Error('bad payload');
        await record(e, tx);
      },
    });
    await consumer.register();
    const [poison, next] = await db.transaction((tx) => publishEvents(tx, [event('vac_p', 0), event('vac_p', 1)]));
    for (let i = 0; i < 3; i++) {
      await consumer.drain();
      await new Promise((r) => setTimeout(r, 20));
    }
    const [dead] = await queryRows<{ status: string; attempts: number }>(
      db,
      sql`select status, attempts from outbox_deliveries where consumer = 'poison' and event_seq = ${poison?.seq}`,
    );
    t.match(dead, { status: 'dead', attempts: 2 });
    t.same(
      (await applied(table)).map((r) => r.event_id),
      [next?.id],
    );
  });

  t.test('a new consumer catches up on past events; one starting now does not', async (t) => {
    const [past] = await db.transaction((tx) => publishEvents(tx, [event('vac_late', 0)]));
    const seen: string[] = [];
    const catchUp = new OutboxConsumer(handle, {
      name: 'late-beginning',
      onEvent: async (e) => {
        seen.push(e.id);
      },
    });
    const fromNow = new OutboxConsumer(handle, { name: 'late-now', startFrom: 'now', onEvent: async () => {} });
    await catchUp.register();
    await fromNow.register();
    await catchUp.drain();
    t.ok(seen.includes(past?.id ?? ''), 'the past event was delivered');
    t.equal(await fromNow.pending(), 0);
    await db.transaction((tx) => publishEvents(tx, [event('vac_late', 1)]));
    t.equal(await fromNow.pending(), 1, 'later events reach it');
  });

  t.test('a consumer of some types gets deliveries of those only, past and future', async (t) => {
    const other = (id: string): NewEvent => ({
      type: 'seeker.registered',
      aggregateType: 'seeker',
      aggregateId: id,
      payload: { seekerId: id, version: 1 },
    });
    const [pastWanted, pastOther] = await db.transaction((tx) =>
      publishEvents(tx, [event('vac_typed', 0), other('skr_typed0')]),
    );
    const seen: string[] = [];
    const typed = new OutboxConsumer(handle, {
      name: 'typed',
      types: ['vacancy.updated'],
      onEvent: async (e) => {
        seen.push(e.id);
      },
    });
    await typed.register();
    await db.transaction((tx) => publishEvents(tx, [other('skr_typed1'), event('vac_typed', 1), other('skr_typed2')]));
    const [{ wanted } = { wanted: -1 }] = await queryRows<{ wanted: number }>(
      db,
      sql`select count(*)::int as wanted from outbox_events where type = 'vacancy.updated'`,
    );
    t.equal(await typed.pending(), wanted, 'every vacancy event, past (this file’s) and new; none for the seekers');
    await typed.drain();
    t.ok(seen.includes(pastWanted?.id ?? '') && !seen.includes(pastOther?.id ?? ''));
    const rows = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from outbox_deliveries d join outbox_events e on e.seq = d.event_seq
          where d.consumer = 'typed' and e.type <> 'vacancy.updated'`,
    );
    t.equal(rows[0]?.n, 0, 'no delivery row at all for a type it does not apply');
    await new OutboxConsumer(handle, {
      name: 'typed',
      types: ['vacancy.updated', 'seeker.registered'],
      onEvent: async () => {},
    }).register();
    await db.transaction((tx) => publishEvents(tx, [other('skr_typed3')]));
    t.equal(await typed.pending(), 1, 'a type added later is delivered from then on');
  });

  t.test('a started consumer is woken by NOTIFY and does not wait for its poll', async (t) => {
    const got: string[] = [];
    const consumer = new OutboxConsumer(handle, {
      name: 'live',
      pollIntervalMs: 60_000,
      startFrom: 'now',
      onEvent: async (e) => {
        got.push(e.id);
      },
    });
    await consumer.start();
    t.teardown(() => consumer.stop());
    const [e] = await db.transaction((tx) => publishEvents(tx, [event('vac_live', 0)]));
    for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    t.same(got, [e?.id]);
  });

  t.test('nothing is published when the writing transaction rolls back', async (t) => {
    const consumer = new OutboxConsumer(handle, { name: 'rollback', startFrom: 'now', onEvent: async () => {} });
    await consumer.register();
    await t.rejects(
      db.transaction(async (tx) => {
        await publishEvents(tx, [event('vac_rb', 0)]);
        throw new Error('row write failed');
      }),
    );
    t.equal(await consumer.pending(), 0);
  });
});
