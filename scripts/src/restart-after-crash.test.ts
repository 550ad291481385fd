// A kill -9 in the middle of a bulk, with an outbox backlog, then `pnpm start` on the same
// DATA_DIR: it must come back, answer /ready, apply the backlog, and have lost nothing it
// acknowledged. (How fast is measured by bench:restart-after-crash; tests do not time.)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, queryRows, sql } from '@duijie/db';
import { embeddedPaths } from '@duijie/service-kit';
import t from 'tap';
import { backlog, crashMidBulk, drained, startOn } from '../bench/crash-scenario.ts';

t.setTimeout(300_000);

t.test('after kill -9 mid-bulk the embedded system starts again, answers /ready and drains its backlog', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'duijie-crash-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const secret = randomBytes(32).toString('hex');
  const { stored, employerId } = await crashMidBulk(dataDir, secret, { acknowledged: 500, killed: 5000 });
  t.equal(stored, 500, 'the first bulk was acknowledged in full before the crash');

  // SystemProcess.start fails unless /ready answers 200 within its bound (2 minutes).
  const system = await startOn(dataDir, secret, 'after-crash');
  t.teardown(() => system.stop());
  t.ok((await system.ready('matching')) && (await system.ready('notification')), 'every service is ready');
  t.not(await backlog(system), Number.NaN, 'the backlog can be read');
  t.not(await drained(system, 120_000), null, 'the outbox backlog drains');
  t.equal(await system.stop(), 0, 'and it stops cleanly');

  const db = await openDatabase({ dataDir: embeddedPaths(dataDir).database });
  t.teardown(() => db.close());
  const [kept] = await queryRows<{ n: number }>(
    db.db,
    sql`select count(*)::int as n from vacancies where employer_id = ${employerId}`,
  );
  t.ok((kept?.n ?? 0) >= stored, `every acknowledged vacancy is stored (${kept?.n})`);
  const [pending] = await queryRows<{ n: number }>(
    db.db,
    sql`select count(*)::int as n from outbox_deliveries where status = 'pending'`,
  );
  t.equal(pending?.n, 0, 'no delivery is left pending');
});
