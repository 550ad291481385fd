import t from 'tap';
import { queryRows, sql } from './client.ts';
import { withEachDatabase } from './testing.ts';

// Every migration on an empty database, as a new installation runs them: `fresh`, not a copy
// of a migrated one (what the other tests open, for speed).
await withEachDatabase(
  t,
  async (t, handle) => {
    t.test('apply cleanly to an empty database', async (t) => {
      const tables = await queryRows<{ table_name: string }>(
        handle.db,
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      );
      t.same(
        tables.map((r) => r.table_name),
        [
          'api_keys',
          'audit_log',
          'broadcasts',
          'delivery_attempts',
          'employers',
          'fair_booths',
          'fair_checkins',
          'fair_codes',
          'fair_vacancies',
          'fairs',
          'follow_ups',
          'idempotency_keys',
          'import_jobs',
          'intents',
          'invitations',
          'livestream_vacancies',
          'livestream_viewers',
          'livestreams',
          'notification_messages',
          'oidc_claim_rules',
          'oidc_pending_sign_ins',
          'outbox_consumers',
          'outbox_deliveries',
          'outbox_events',
          'placements',
          'seeker_status_history',
          'seekers',
          'sink_deliveries',
          'skills',
          'staff_accounts',
          'staff_oidc_identities',
          'subscriptions',
          'vacancies',
          'vacancy_index',
        ],
      );
    });

    t.test('are idempotent: a second run applies nothing and keeps the data', async (t) => {
      await handle.db.execute(
        sql`insert into employers (id, name, kind, credit_code, region_code) values ('emp_x', 'Keep me', 'enterprise', '91430100MA4L0XXX0X', '430100')`,
      );
      const before = await queryRows(handle.db, sql`select * from drizzle.__drizzle_migrations`);
      await handle.migrate();
      const after = await queryRows(handle.db, sql`select * from drizzle.__drizzle_migrations`);
      t.equal(after.length, before.length);
      const [kept] = await queryRows<{ name: string }>(handle.db, sql`select name from employers where id = 'emp_x'`);
      t.equal(kept?.name, 'Keep me');
    });
  },
  { fresh: true },
);
