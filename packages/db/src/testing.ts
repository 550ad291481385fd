import postgres from 'postgres';
import type { Test } from 'tap';
import { type DatabaseHandle, openDatabase } from './client.ts';
import { migrationsKey } from './embedded-image.ts';

/** Where the PostgreSQL server is expected: DATABASE_URL, or this project's machines' default. */
export const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestBackend = {
  name: 'pglite' | 'postgres';
  /** A reason to skip, or false. */
  skip: string | false;
  /**
   * A new, migrated database of its own, dropped again on close: a copy of an empty migrated
   * one, or with `fresh`, every migration applied to an empty database as in production.
   */
  open(options?: { fresh?: boolean }): Promise<DatabaseHandle>;
};

let reachable: Promise<string | false> | undefined;

/** False when the server answers, else why not. */
function serverUnreachable(): Promise<string | false> {
  reachable ??= (async () => {
    const admin = postgres(serverUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
    try {
      await admin`select 1`;
      return false;
    } catch (err) {
      return `PostgreSQL server at ${redactUrl(serverUrl)} unreachable (${(err as Error).message})`;
    } finally {
      await admin.end({ timeout: 1 }).catch(() => {});
    }
  })();
  return reachable;
}

let counter = 0;

const databaseUrl = (name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

// Any fixed number: it names the advisory lock under which one test process makes the template.
const TEMPLATE_LOCK_KEY = 7_244_302;
let template: Promise<string> | undefined;

/**
 * An empty database with every migration applied, made once per set of migrations and kept
 * on the server: each test's database is a copy of it (`create database … template`), a
 * file copy instead of every migration again. Test processes run at once, so one makes it
 * under an advisory lock while the others wait. Templates of other migrations are left alone
 * (a few MB each): another checkout on the same server may be copying one right now.
 */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = `duijie_template_${migrationsKey()}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await admin`select pg_advisory_lock(${TEMPLATE_LOCK_KEY})`;
      const [found] = await admin`select 1 from pg_database where datname = ${name}`;
      if (!found) {
        const building = `${name}_building`;
        await admin.unsafe(`drop database if exists ${building} with (force)`);
        await admin.unsafe(`create database ${building}`);
        const handle = await openDatabase({ url: databaseUrl(building) });
        await handle.close();
        await admin.unsafe(`alter database ${building} rename to ${name}`);
      }
      await admin`select pg_advisory_unlock(${TEMPLATE_LOCK_KEY})`;
      return name;
    } finally {
      await admin.end({ timeout: 5 });
    }
  })();
  return template;
}

async function openServerDatabase(options: { fresh?: boolean } = {}): Promise<DatabaseHandle> {
  const name = `duijie_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const template = options.fresh ? '' : ` template ${await migratedTemplate()}`;
  await admin.unsafe(`create database ${name}${template}`);
  const handle = await openDatabase({ url: databaseUrl(name) });
  return {
    ...handle,
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * PGlite always; the PostgreSQL server too when it answers. Set REQUIRE_POSTGRES=1 (CI does)
 * to fail rather than skip when it does not.
 */
export async function testBackends(): Promise<TestBackend[]> {
  const why = await serverUnreachable();
  if (why && process.env.REQUIRE_POSTGRES === '1') {
    throw new Error(`REQUIRE_POSTGRES=1 but the ${why}`);
  }
  return [
    { name: 'pglite', skip: false, open: (options = {}) => openDatabase({ fromImage: !options.fresh }) },
    { name: 'postgres', skip: why, open: openServerDatabase },
  ];
}

/** Runs `body` once per backend, each in a subtest with its own database. */
export async function withEachDatabase(
  t: Test,
  body: (t: Test, handle: DatabaseHandle) => Promise<void> | void,
  options: { fresh?: boolean } = {},
): Promise<void> {
  for (const backend of await testBackends()) {
    await t.test(backend.name, { skip: backend.skip }, async (t) => {
      const handle = await backend.open(options);
      t.teardown(() => handle.close());
      await body(t, handle);
    });
  }
}

function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
