import type { z } from 'zod';
import { HttpProblem } from './problem.ts';

/** Cursors are the last id of a page, opaque to clients (ids are time-ordered UUIDv7s). */
export const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');

export function decodeCursor(cursor: string, idSchema: z.ZodType<string>): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!idSchema.safeParse(id).success) {
    throw new HttpProblem(400, 'bad-cursor', 'The cursor is not one this API gave out', [
      { in: 'querystring', field: 'cursor', message: 'not a cursor from a previous page' },
    ]);
  }
  return id;
}

/** One page of `limit` from rows fetched with `limit + 1`, so the extra row says there is more. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, map: (row: R) => T) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(map), nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
