import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { existingEmbeddedImage, keepEmbeddedImage } from './embedded-image.ts';
import { EmbeddedMaintenance } from './maintenance.ts';
import { migrateOverOneConnection, runMigrations } from './migrate.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** Either driver's drizzle instance: the code above this line never needs to know which. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Database | Transaction;

export type DatabaseKind = 'pglite' | 'postgres';
/**
 * Where embedded PGlite runs: in a thread of its own behind PostgreSQL's wire protocol
 * (the default), or on the caller's event loop (for comparison; every statement then
 * holds every service in the process).
 */
export type EmbeddedMode = 'thread' | 'in-process';

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
  /**
   * A new embedded database (in memory, or an empty data directory), migrated, starts from
   * the kept image of an empty migrated database (embedded-image.ts; default true). False runs
   * initdb and every migration.
   */
  fromImage?: boolean;
  /** Embedded only: see EmbeddedMode (default 'thread'). */
  embedded?: EmbeddedMode;
};

/**
 * One factory for both ways to run: a `url` opens a PostgreSQL server through postgres.js,
 * otherwise PGlite runs PostgreSQL, on disk at `dataDir` or in memory — in a thread of its
 * own, reached through postgres.js too, unless `embedded: 'in-process'`.
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const handle = openPostgres(options.url, options.maxConnections ?? 10);
    if (options.migrate ?? true) await handle.migrate();
    return handle;
  }
  const migrate = options.migrate ?? true;
  // A new database (in memory, or a data directory with nothing in it yet), migrated: start
  // from the image of an empty migrated database, if one is kept.
  const fromImage = migrate && (options.fromImage ?? true) && isNewDataDir(options.dataDir);
  const open = (image: string | undefined) =>
    options.embedded === 'in-process' ? openPglite(options.dataDir, image) : openPgliteThread(options.dataDir, image);
  let image = fromImage ? existingEmbeddedImage() : undefined;
  // A damaged image (a full disk, a hand that edited it) costs the time it saves, and is made anew.
  const { handle, maintenance, dump } = await open(image).catch((err) => {
    if (!image) throw err;
    image = undefined;
    return open(undefined);
  });
  try {
    if (migrate) await handle.migrate();
    if (fromImage && !image) keepEmbeddedImage(await dump());
    // Before anything is served: after a crash the planner would otherwise plan for empty tables.
    await maintenance.analyzeWithoutStatistics();
  } catch (err) {
    await handle.close();
    throw err;
  }
  maintenance.start();
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

/** What pglite-thread.worker.mjs is given, and says once it has started (or could not). */
type PgliteThreadData = {
  dataDir: string | undefined;
  socketPath: string;
  image: string | undefined;
  startParams: string[] | undefined;
  liftoffOnly: boolean;
};
type PgliteThreadStart = { ready: true } | { failed: string };
type PgliteThreadMessage = PgliteThreadStart | { dumped: ArrayBuffer };

type Embedded = {
  handle: DatabaseHandle;
  maintenance: EmbeddedMaintenance;
  /** The data directory as a tarball (PGlite's dumpDataDir). */
  dump(): Promise<Uint8Array>;
};

/** In memory, or a data directory that does not exist yet or is empty. */
function isNewDataDir(dataDir: string | undefined): boolean {
  if (!dataDir) return true;
  try {
    return readdirSync(dataDir).length === 0;
  } catch {
    return true;
  }
}

function embeddedPath(dataDir: string | undefined): string | undefined {
  if (!dataDir) return undefined;
  const path = resolve(dataDir);
  mkdirSync(path, { recursive: true });
  return path;
}

/**
 * PGlite in a worker thread, serving PostgreSQL's wire protocol on a Unix socket, and one
 * postgres.js connection to it: the same driver and SQL as on a server, and this thread's
 * event loop free while PGlite works. One connection, because PGlite has one backend: a
 * second connection's messages would interleave with the first's (`portal "" does not
 * exist`); postgres.js queues queries and reserves the connection for a transaction, which
 * is what PGlite's own lock did in process. NOTIFY reaches us on that same connection.
 */
async function openPgliteThread(dataDir: string | undefined, image: string | undefined): Promise<Embedded> {
  const socketPath = join(tmpdir(), `duijie-pglite-${process.pid}-${randomUUID().slice(0, 8)}.sock`);
  const worker = new Worker(new URL('./pglite-thread.worker.mjs', import.meta.url), {
    // Plain JavaScript: without the parent's loaders (tsx, a test runner's) it starts ≈0.4 s sooner.
    execArgv: [],
    workerData: {
      dataDir: embeddedPath(dataDir),
      socketPath,
      image,
      startParams: pgliteStartParams(),
      liftoffOnly: pgliteLiftoffOnly(),
    } satisfies PgliteThreadData,
  });
  const exited = new Promise<void>((r) => worker.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (m: PgliteThreadStart) =>
      'ready' in m ? resolve() : reject(new Error(`embedded database: ${m.failed}`)),
    );
    worker.once('error', reject);
    exited.then(() => reject(new Error('embedded database: its thread ended before it was ready')));
  });
  const listeners = new Map<string, Set<(payload: string) => void>>();
  const client = postgres({
    path: socketPath,
    username: 'postgres',
    database: 'postgres',
    max: 1,
    // The one connection is kept for good: LISTEN lives on it. Were it ever re-opened, the
    // LISTEN would be gone and consumers would fall back on their poll (1 s), losing nothing.
    idle_timeout: 0,
    max_lifetime: null,
    onnotice: () => {},
    onnotify: (channel: string, payload: string) => {
      for (const fn of listeners.get(channel) ?? []) fn(payload);
    },
  } as postgres.Options<Record<string, never>>);
  const db = drizzlePostgres({ client, schema }) as unknown as Database;
  const maintenance = new EmbeddedMaintenance(db);
  const handle: DatabaseHandle = {
    db,
    kind: 'pglite',
    async listen(channel, onPayload) {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await client.unsafe(`listen "${channel.replaceAll('"', '""')}"`);
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
      };
    },
    async ping() {
      await client`select 1`;
    },
    migrate: () => migrateOverOneConnection(db),
    async close() {
      await maintenance.stop();
      await client.end({ timeout: 5 });
      worker.postMessage('close');
      await exited;
      rmSync(socketPath, { force: true });
    },
  };
  const dump = () =>
    new Promise<Uint8Array>((resolve) => {
      const onMessage = (m: PgliteThreadMessage) => {
        if (!('dumped' in m)) return;
        worker.off('message', onMessage);
        resolve(new Uint8Array(m.dumped));
      };
      worker.on('message', onMessage);
      worker.postMessage('dump');
    });
  return { handle, maintenance, dump };
}

async function openPglite(dataDir: string | undefined, image: string | undefined): Promise<Embedded> {
  const startParams = pgliteStartParams();
  if (pgliteLiftoffOnly()) setFlagsFromString('--liftoff-only');
  const client = await PGlite.create({
    dataDir: embeddedPath(dataDir),
    loadDataDir: image ? imageBytes(image) : undefined,
    ...(startParams ? { startParams } : {}),
  });
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  const maintenance = new EmbeddedMaintenance(db);
  const handle: DatabaseHandle = {
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
  const dump = async () => new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer());
  return { handle, maintenance, dump };
}

/**
 * PGlite's start arguments, with DUIJIE_PGLITE_SHARED_BUFFERS (`16MB`, …) for PostgreSQL's
 * shared_buffers when set; unset keeps the data directory's 128 MB. PGlite zeroes all of them
 * at every start: 128 MB are ≈ 0.5 s, which the test run (hundreds of small databases) sets
 * down to 16 MB. A service's database keeps the default.
 */
function pgliteStartParams(): string[] | undefined {
  const size = process.env.DUIJIE_PGLITE_SHARED_BUFFERS;
  if (!size) return undefined;
  const parsed = /^(\d+)(kB|MB|GB)$/.exec(size);
  const kB = parsed ? Number(parsed[1]) * { kB: 1, MB: 1024, GB: 1024 * 1024 }[parsed[2] as 'kB' | 'MB' | 'GB'] : NaN;
  // PostgreSQL's least is 128kB; PGlite's memory is at most 2 GB. Outside them PGlite only says
  // it "failed to initialize", after a second try without the image: named here instead.
  if (!(kB >= 128 && kB <= 1024 * 1024)) {
    throw new Error(`DUIJIE_PGLITE_SHARED_BUFFERS: a size from 128kB to 1GB such as 16MB, not ${JSON.stringify(size)}`);
  }
  return [...PGlite.defaultStartParams, '-c', `shared_buffers=${size}`];
}

/**
 * DUIJIE_PGLITE_LIFTOFF_ONLY=1 compiles PGlite's WebAssembly with V8's baseline compiler
 * only. By default V8 also recompiles its hot functions with the optimising compiler, on
 * background threads: ≈ 0.8 s of CPU for each new database, which a short-lived one (the
 * test run opens hundreds) never earns back. A service's database keeps the default.
 */
function pgliteLiftoffOnly(): boolean {
  const value = process.env.DUIJIE_PGLITE_LIFTOFF_ONLY;
  if (value === undefined || value === '' || value === '0') return false;
  if (value === '1') return true;
  throw new Error(`DUIJIE_PGLITE_LIFTOFF_ONLY: 1 or 0, not ${JSON.stringify(value)}`);
}

/** The image as PGlite reads it, without Node's slow Blob copy between (see the worker's ImageBytes). */
function imageBytes(path: string): Blob {
  const bytes = readFileSync(path);
  return Object.assign(new Blob([], { type: 'application/x-tar' }), {
    arrayBuffer: async () => wholeBuffer(bytes),
  });
}

/** The bytes' ArrayBuffer, copied only when it holds more than them (40 MB: ≈ 0.2 s). */
function wholeBuffer(bytes: Buffer): ArrayBuffer {
  const { buffer } = bytes;
  if (bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return buffer as ArrayBuffer;
  return buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Rows of a raw SQL query, whichever driver ran it (they shape results differently). */
export async function queryRows<T extends Record<string, unknown>>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export { sql };
