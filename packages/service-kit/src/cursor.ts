import { z } from 'zod';
import { commonErrors } from './common-errors.ts';

/** The answer to a cursor this API did not give out (or one tampered with). */
export const badCursor = () => commonErrors.badCursor();

/** The one cursor codec: a string (an id, a tagged offset) in base64url, opaque to clients. */
export const encodeCursor = (value: string): string => Buffer.from(value).toString('base64url');

/** A cursor back to its value, checked with `schema`; 400 `bad-cursor` for any other string. */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T, string>): T {
  const parsed = schema.safeParse(Buffer.from(cursor, 'base64url').toString());
  if (!parsed.success) throw badCursor();
  return parsed.data;
}

/** Cursors over a ranked list: the offset where the next page starts, tagged by the list it belongs to. */
export function offsetCursor(tag: string) {
  const schema = z
    .string()
    .regex(new RegExp(`^${tag}:\\d+$`))
    .transform((s) => Number(s.slice(tag.length + 1)));
  return {
    encode: (offset: number): string => encodeCursor(`${tag}:${offset}`),
    /** 0 without a cursor: the first page. */
    decode: (cursor: string | undefined): number => (cursor ? decodeCursor(cursor, schema) : 0),
  };
}
