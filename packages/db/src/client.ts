import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { EmbeddedMaintenance } from './maintenance.ts';
import { runMigrations } from './migrate.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** Either driver's drizzle instance: the code above this line never needs to know which. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Database | Transaction;

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: DatabaseKind;
  /** Calls `onPayload` for each NOTIFY on `channel`; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Throws if the database does not answer. */
  ping(): Promise<void>;
  /** Applies the committed migrations not yet applied. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseOptions = {
  /** postgres://… for a PostgreSQL server; absent for embedded PGlite. */
  url?: string | undefined;
  /** PGlite data directory; absent (with no url) for an in-memory database. */
  dataDir?: string | undefined;
  /** Apply the committed migrations before returning (default true). */
  migrate?: boolean;
  /** postgres.js pool size. */
  maxConnections?: number;
};

/**
 * One factory for both ways to run: a `url` opens a PostgreSQL server through postgres.js,
 * otherwise PGlite runs PostgreSQL in this process, on disk at `dataDir` or in memory.
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  const handle = options.url
    ? openPostgres(options.url, options.maxConnections ?? 10)
    : await openPglite(options.dataDir);
  if (options.migrate ?? true) {
    await handle.migrate();
  }
  return handle;
}

function openPostgres(url: string, max: number): DatabaseHandle {
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    async listen(channel, onPayload) {
      const sub = await client.listen(channel, onPayload);
      return () => sub.unlisten();
    },
    async ping() {
      await client`select 1`;
    },
    migrate: () => runMigrations(db, url),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  let path: string | undefined;
  if (dataDir) {
    path = resolve(dataDir);
    mkdirSync(path, { recursive: true });
  }
  const client = await PGlite.create(path);
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  const maintenance = new EmbeddedMaintenance(db);
  maintenance.start();
  return {
    db,
    kind: 'pglite',
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    async ping() {
      await client.query('select 1');
    },
    migrate: () => runMigrations(db, undefined),
    async close() {
      await maintenance.stop();
      if (!client.closed) await client.close();
    },
  };
}

/** Rows of a raw SQL query, whichever driver ran it (they shape results differently). */
export async function queryRows<T extends Record<string, unknown>>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export { sql };
