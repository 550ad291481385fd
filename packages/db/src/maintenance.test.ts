import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import t from 'tap';
import { type DatabaseHandle, openDatabase, queryRows } from './client.ts';
import { EmbeddedMaintenance } from './maintenance.ts';
import { OutboxConsumer } from './outbox/consumer.ts';
import { publishEvents } from './outbox/publish.ts';
import { withEachDatabase } from './testing.ts';

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
        type: 'vacancy.updated' as const,
        aggregateType: 'vacancy',
        aggregateId: `x${i}`,
        payload: { vacancyId: `x${i}`, employerId: 'emp_x', status: 'open', version: 1 },
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

// After a kill -9 PGlite came back with reltuples -1 and its counters at zero: nothing tripped
// the thresholds above, and start-up queries over the backlog crawled until someone ran ANALYZE.
const loseStatistics = (handle: DatabaseHandle, table: string) =>
  handle.db.transaction(async (tx) => {
    await tx.execute(sql`update pg_class set reltuples = -1, relpages = 0 where relname = ${table}`);
    await tx.execute(sql`delete from pg_statistic where starelid = ${table}::regclass`);
    await tx.execute(sql`select pg_stat_reset()`);
  });

const reltuples = async (handle: DatabaseHandle, table: string) =>
  (
    await queryRows<{ reltuples: number }>(
      handle.db,
      sql`select reltuples::int as reltuples from pg_class where relname = ${table}`,
    )
  )[0]?.reltuples;

const publishMany = (handle: DatabaseHandle, n: number) =>
  handle.db.transaction((tx) =>
    publishEvents(
      tx,
      Array.from({ length: n }, (_, i) => ({
        type: 'vacancy.updated' as const,
        aggregateType: 'vacancy',
        aggregateId: `x${i}`,
        payload: { vacancyId: `x${i}`, employerId: 'emp_x', status: 'open', version: 1 },
      })),
    ),
  );

t.test('on PGlite, a table whose statistics were lost is analysed by the next pass', async (t) => {
  const handle = await openDatabase({});
  t.teardown(() => handle.close());
  const maintenance = new EmbeddedMaintenance(handle.db);
  await publishMany(handle, 500);
  await maintenance.runOnce();
  await loseStatistics(handle, 'outbox_events');
  t.equal(await reltuples(handle, 'outbox_events'), -1, 'no statistics, no counters');
  const pass = await maintenance.runOnce();
  t.ok(pass.analyzed.includes('outbox_events'), 'analysed');
  t.equal(await reltuples(handle, 'outbox_events'), 500, 'the planner knows its rows again');
  t.notOk((await maintenance.runOnce()).analyzed.includes('outbox_events'), 'and only once');
});

t.test('the embedded database analyses what has no statistics before it is handed out', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'duijie-stats-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const first = await openDatabase({ dataDir });
  await publishMany(first, 500);
  await loseStatistics(first, 'outbox_events');
  await first.close();

  const again = await openDatabase({ dataDir });
  t.teardown(() => again.close());
  t.equal(await reltuples(again, 'outbox_events'), 500, 'analysed on opening');
  t.equal(await reltuples(again, 'fairs'), -1, 'an empty table is left alone');
});

// An ANALYZE holds PGlite's one connection: of 200,000 viewers it took 220–300 ms with every
// column, 63–70 ms with the four that plans read, and every request waited behind it. So the
// columns that no plan reads keep no statistics, on either database (autovacuum's analyses on
// a server are cheaper for it too).
withEachDatabase(t, async (t, handle) => {
  t.test('an ANALYZE gathers statistics only for the columns plans read', async (t) => {
    await handle.db.execute(sql`analyze livestream_viewers`);
    await handle.db.execute(sql`analyze outbox_events`);
    const columns = async (table: string) =>
      (
        await queryRows<{ attname: string }>(
          handle.db,
          sql`select a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid
              where c.relname = ${table} and a.attnum > 0 and not a.attisdropped
                and coalesce(a.attstattarget, -1) <> 0
              order by a.attname`,
        )
      ).map((r) => r.attname);
    t.same(
      await columns('livestream_viewers'),
      ['callback_phone', 'id', 'livestream_id', 'seq'],
      'viewers: the session, the order read, the staff’s list (by id, with or without a call-back number)',
    );
    t.notOk(
      (await columns('outbox_events')).includes('payload'),
      'events: no plan reads inside a payload’s statistics',
    );
    const vacancyColumns = await columns('vacancies');
    for (const shown of [
      'title',
      'description',
      'preferred_skills',
      'required_certificates',
      'address',
      'terms',
      'tags',
    ])
      t.notOk(vacancyColumns.includes(shown), `vacancies: ${shown} is shown, never filtered on`);
    for (const filtered of ['employer_id', 'status', 'region_code', 'required_skills', 'valid_through'])
      t.ok(vacancyColumns.includes(filtered), `vacancies: ${filtered} keeps its statistics (lists filter on it)`);
    t.notOk((await columns('audit_log')).includes('detail'), 'audit entries: the detail is shown, never filtered on');
    t.notOk((await columns('notification_messages')).includes('params'), 'messages: the parameters fill a template');
  });
});
