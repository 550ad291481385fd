import { fileURLToPath } from 'node:url';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Database } from './client.ts';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

// Any fixed number: it names the advisory lock that serialises migrations across instances.
const MIGRATION_LOCK_KEY = 7_244_301;

/**
 * Applies the committed migrations to PGlite (no url) or the server at `url`; already-applied
 * ones are skipped. On a server, several
 * service instances may start at once, so they take turns under an advisory lock held on a
 * connection of their own.
 */
export async function runMigrations(db: Database, url: string | undefined): Promise<void> {
  if (!url) {
    await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** The embedded database in its thread: one connection, one process, no lock to take. */
export async function migrateOverOneConnection(db: Database): Promise<void> {
  await migratePostgres(db as unknown as Parameters<typeof migratePostgres>[0], { migrationsFolder });
}
