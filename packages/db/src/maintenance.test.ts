import { sql } from 'drizzle-orm';
import t from 'tap';
import { openDatabase, queryRows } from './client.ts';
import { EmbeddedMaintenance } from './maintenance.ts';
import { OutboxConsumer } from './outbox/consumer.ts';
import { publishEvents } from './outbox/publish.ts';

// PGlite only: on a server autovacuum does this.
t.test('on PGlite, changed tables are analysed and bloated ones vacuumed, as autovacuum would', async (t) => {
  const handle = await openDatabase({});
  t.teardown(() => handle.close());
  const maintenance = new EmbeddedMaintenance(handle.db);
  await new OutboxConsumer(handle, { name: 'reader', onEvent: async () => {} }).register();
  await maintenance.runOnce();
  await handle.db.transaction((tx) =>
    publishEvents(
      tx,
      Array.from({ length: 1000 }, (_, i) => ({
        type: 'x.happened',
        aggregateType: 'x',
        aggregateId: `x${i}`,
        payload: {},
      })),
    ),
  );
  const estimate = async () =>
    (
      await queryRows<{ reltuples: number }>(
        handle.db,
        sql`select reltuples::int as reltuples from pg_class where relname = 'outbox_deliveries'`,
      )
    )[0]?.reltuples;
  t.not(await estimate(), 1000, 'the planner does not know of the new rows yet');
  const first = await maintenance.runOnce();
  t.ok(first.analyzed.includes('outbox_deliveries') && first.analyzed.includes('outbox_events'), 'both analysed');
  t.equal(await estimate(), 1000, 'now it does');
  t.same(await maintenance.runOnce(), { analyzed: [], vacuumed: [] }, 'nothing changed since: nothing to do');
  await handle.db.execute(sql`update outbox_deliveries set attempts = attempts + 1`);
  const second = await maintenance.runOnce();
  t.same(second.vacuumed, ['outbox_deliveries'], '1,000 dead row versions: vacuumed');
});
