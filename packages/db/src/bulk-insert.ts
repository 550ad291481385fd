import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

/**
 * Inserts many rows as one JSON parameter expanded by jsonb_to_recordset: one statement and
 * one parameter however many rows, where drizzle's builder would spend longer assembling
 * tens of thousands of parameters than PostgreSQL spends storing them. A column no row gives
 * takes its default; one some rows give is NULL where the others leave it out.
 */
export async function insertMany<T extends PgTable>(executor: Executor, table: T, rows: readonly T['$inferInsert'][]) {
  if (rows.length === 0) return;
  const columns = (Object.entries(getTableColumns(table)) as [string, { name: string; getSQLType(): string }][])
    .filter(([key]) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined))
    // A serial column's type is only a shorthand for its default: read it back as the integer it is.
    .map(
      ([key, c]) =>
        [
          key,
          {
            name: c.name,
            getSQLType: () =>
              c
                .getSQLType()
                .replace(/^bigserial$/, 'bigint')
                .replace(/^serial$/, 'integer'),
          },
        ] as const,
    );
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const names = columns.map(([, c]) => quoted(c.name)).join(', ');
  const definitions = columns.map(([, c]) => `${quoted(c.name)} ${c.getSQLType()}`).join(', ');
  const records = rows.map((row) =>
    Object.fromEntries(
      columns.map(([key, c]) => {
        const value = (row as Record<string, unknown>)[key];
        return [c.name, value instanceof Date ? value.toISOString() : (value ?? null)];
      }),
    ),
  );
  const query: SQL = sql`insert into ${table} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(${sql.raw(definitions)})`;
  await executor.execute(query);
}
