import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };

/** The row was changed by someone else since the caller read it. */
export class StaleVersionError extends Error {
  constructor(
    readonly table: string,
    readonly id: string,
    readonly expected: number,
    readonly current: number,
  ) {
    super(`${table} ${id} is at version ${current}, not ${expected}`);
    this.name = 'StaleVersionError';
  }
}

export class RecordNotFoundError extends Error {
  constructor(
    readonly table: string,
    readonly id: string,
  ) {
    super(`${table} ${id} not found`);
    this.name = 'RecordNotFoundError';
  }
}

/**
 * Optimistic concurrency: applies `values` only if the row is still at `expectedVersion`,
 * and bumps the version. Otherwise throws StaleVersionError (or RecordNotFoundError).
 */
export async function updateVersioned<T extends VersionedTable>(
  executor: Executor,
  table: T,
  id: string,
  expectedVersion: number,
  values: PgUpdateSetSource<T>,
): Promise<T['$inferSelect']> {
  const set = { ...values, version: sql`${table.version} + 1`, updatedAt: new Date() } as PgUpdateSetSource<T>;
  const rows = (await executor
    .update(table)
    .set(set)
    .where(and(eq(table.id, id), eq(table.version, expectedVersion)))
    .returning()) as T['$inferSelect'][];
  const [updated] = rows;
  if (updated) return updated;
  const [current] = (await executor
    .select({ version: table.version })
    .from(table as PgTable)
    .where(eq(table.id, id))) as { version: number }[];
  const name = tableName(table);
  if (!current) throw new RecordNotFoundError(name, id);
  throw new StaleVersionError(name, id, expectedVersion, current.version);
}

function tableName(table: PgTable): string {
  return (table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')] ?? 'record';
}
