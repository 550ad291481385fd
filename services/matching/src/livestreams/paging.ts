import { HttpProblem } from '@duijie/service-kit';
import type { z } from 'zod';

// The id-cursor of GET /v1/seekers (ids are time-ordered UUIDv7s, so the last id of a page
// says where the next starts). Local until service-kit holds the one codec.

/** The id a cursor names, or 400 when it is none this API gave out. */
export function afterCursor(cursor: string | undefined, idSchema: z.ZodType<string>): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString();
  if (idSchema.safeParse(id).success) return id;
  throw new HttpProblem(400, 'bad-cursor', 'The cursor is not one this API gave out', [
    { in: 'querystring', field: 'cursor', message: 'not a cursor from a previous page' },
  ]);
}

/** A page of `limit` from `limit + 1` rows read: the extra row says there is a next page. */
export function pageFrom<R extends { id: string }, T>(rows: readonly R[], limit: number, view: (row: R) => T) {
  const page = rows.slice(0, limit);
  const more = rows.length > limit ? page.at(-1) : undefined;
  return { items: page.map(view), nextCursor: more ? Buffer.from(more.id).toString('base64url') : null };
}
