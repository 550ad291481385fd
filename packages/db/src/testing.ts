import postgres from 'postgres';
import type { Test } from 'tap';
import { type DatabaseHandle, openDatabase } from './client.ts';

/** Where the PostgreSQL server is expected: DATABASE_URL, or this project's machines' default. */
export const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestBackend = {
  name: 'pglite' | 'postgres';
  /** A reason to skip, or false. */
  skip: string | false;
  /** A fresh, migrated database of its own, dropped again on close. */
  open(): Promise<DatabaseHandle>;
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

async function openServerDatabase(): Promise<DatabaseHandle> {
  const name = `duijie_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
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
    { name: 'pglite', skip: false, open: () => openDatabase({}) },
    { name: 'postgres', skip: why, open: openServerDatabase },
  ];
}

/** Runs `body` once per backend, each in a subtest with its own database. */
export async function withEachDatabase(
  t: Test,
  body: (t: Test, handle: DatabaseHandle) => Promise<void> | void,
): Promise<void> {
  for (const backend of await testBackends()) {
    await t.test(backend.name, { skip: backend.skip }, async (t) => {
      const handle = await backend.open();
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
