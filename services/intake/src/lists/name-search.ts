import { simplify } from '@duijie/taxonomy';
import { type Column, like, type SQL, sql } from 'drizzle-orm';

// Full-width letters and digits and their ASCII twins, for folding stored names in SQL as
// `simplify` folds what is typed (ＡＢＣ１２３ and ABC123 are one name to a person).
const FULL = [
  ...Array.from({ length: 10 }, (_, i) => 0xff10 + i),
  ...Array.from({ length: 26 }, (_, i) => 0xff21 + i),
  ...Array.from({ length: 26 }, (_, i) => 0xff41 + i),
];
const FULL_WIDTH = String.fromCharCode(...FULL);
const HALF_WIDTH = String.fromCharCode(...FULL.map((c) => c - 0xfee0));

/** `%`, `_` and `\` typed in a name are themselves, not LIKE wildcards. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The rows whose name contains what was typed: traditional characters as simplified,
 * full-width and half-width letters and digits, and letter case, alike. Nothing typed: no condition.
 */
export function nameContains(column: Column, typed: string | undefined): SQL | undefined {
  if (!typed) return undefined;
  return like(
    sql`lower(translate(${column}, ${FULL_WIDTH}, ${HALF_WIDTH}))`,
    `%${literal(simplify(typed).toLowerCase())}%`,
  );
}
