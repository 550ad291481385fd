import t from 'tap';
import { openDatabase, queryRows, sql } from './client.ts';

// PGlite is WebAssembly: on the caller's thread a statement runs without yielding, and every
// request of every service in the process waited for it (a 5,000-row bulk stalled /health
// for 30 s). In its own thread, this thread's timers keep firing while a statement runs.
t.test('while the embedded database runs a long statement, this thread goes on', async (t) => {
  const handle = await openDatabase({});
  t.teardown(() => handle.close());
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  t.teardown(() => clearInterval(timer));
  const started = performance.now();
  const [row] = await queryRows<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from generate_series(1, 2000000) a join generate_series(1, 1) b on a.a > b.b`,
  );
  const ms = performance.now() - started;
  t.equal(row?.n, 1_999_999);
  // A quiet machine ran 500,000 rows in 174 ms: the statement is sized to take several times the
  // 5 ms tick, however fast the machine.
  t.ok(ms > 100, `the statement took a while (${Math.round(ms)} ms)`);
  t.ok(ticks >= Math.min(10, ms / 50), `${ticks} ticks of a 5 ms timer during it`);
});

// The test run sets PGlite's shared buffers down (run-tests.mjs): PGlite zeroes them at every
// start. The setting must reach PostgreSQL on either way to run PGlite, and a typo must stop
// the start rather than be ignored.
t.test('DUIJIE_PGLITE_SHARED_BUFFERS sets PostgreSQL’s shared_buffers; a bad value is refused by name', async (t) => {
  const before = process.env.DUIJIE_PGLITE_SHARED_BUFFERS;
  t.teardown(() => {
    if (before === undefined) delete process.env.DUIJIE_PGLITE_SHARED_BUFFERS;
    else process.env.DUIJIE_PGLITE_SHARED_BUFFERS = before;
  });
  const shown = async (handle: Awaited<ReturnType<typeof openDatabase>>) =>
    (await queryRows<{ shared_buffers: string }>(handle.db, sql`show shared_buffers`))[0]?.shared_buffers;
  for (const embedded of ['thread', 'in-process'] as const) {
    process.env.DUIJIE_PGLITE_SHARED_BUFFERS = '24MB';
    const handle = await openDatabase({ embedded });
    t.equal(await shown(handle), '24MB', `${embedded}: as set`);
    await handle.close();
  }
  delete process.env.DUIJIE_PGLITE_SHARED_BUFFERS;
  const usual = await openDatabase({});
  t.equal(await shown(usual), '128MB', 'unset: the data directory’s own');
  await usual.close();
  // A careless operator's values: PostgreSQL would not start on the first two, nor PGlite's
  // memory hold the last, and PGlite's own word for all three names no setting.
  for (const careless of ['24 megabytes', '0MB', '64kB', '4GB']) {
    process.env.DUIJIE_PGLITE_SHARED_BUFFERS = careless;
    await t.rejects(openDatabase({}), /DUIJIE_PGLITE_SHARED_BUFFERS: a size from 128kB to 1GB/, careless);
  }
});

// The test run also keeps PGlite's WebAssembly on V8's baseline compiler (run-tests.mjs). Both
// ways to run PGlite must still open and answer with it; a typo must stop the start by name.
t.test('DUIJIE_PGLITE_LIFTOFF_ONLY=1 opens and answers both ways; a bad value is refused by name', async (t) => {
  const before = process.env.DUIJIE_PGLITE_LIFTOFF_ONLY;
  t.teardown(() => {
    if (before === undefined) delete process.env.DUIJIE_PGLITE_LIFTOFF_ONLY;
    else process.env.DUIJIE_PGLITE_LIFTOFF_ONLY = before;
  });
  for (const embedded of ['thread', 'in-process'] as const) {
    process.env.DUIJIE_PGLITE_LIFTOFF_ONLY = '1';
    const handle = await openDatabase({ embedded });
    t.same(await queryRows(handle.db, sql`select 6 * 7 as n`), [{ n: 42 }], `${embedded}: answers`);
    await handle.close();
  }
  for (const careless of ['yes', 'true', ' 1']) {
    process.env.DUIJIE_PGLITE_LIFTOFF_ONLY = careless;
    await t.rejects(openDatabase({}), /DUIJIE_PGLITE_LIFTOFF_ONLY: 1 or 0/, careless);
  }
});
