import { encodeCursor } from './cursor.ts';

/** One page of `limit` from rows fetched with `limit + 1`, so the extra row says there is more; its cursor is the last id. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, map: (row: R) => T) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(map), nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
