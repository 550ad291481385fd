import { EmployerId, type EmployerQuery } from '@duijie/contracts';
import { type Database, employers } from '@duijie/db';
import { type RegionDirectory, regionPrefix } from '@duijie/regions';
import { type Caller, decodeCursor, queriedRegion, regionPattern, requireStaff } from '@duijie/service-kit';
import { simplify } from '@duijie/taxonomy';
import { and, desc, eq, like, lt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';

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
 * The page of employers a caller may list, newest first: staff within their region (403 for a
 * region outside it), an employer's key its own employer only (a list of one).
 */
export async function listEmployers(
  db: Database,
  regions: RegionDirectory,
  caller: Caller,
  q: z.infer<typeof EmployerQuery>,
) {
  const region = queriedRegion(regions, q);
  const own = caller.kind === 'employer' ? caller.employerId : undefined;
  const pattern = own ? (region ? `${regionPrefix(region)}%` : undefined) : regionPattern(requireStaff(caller), region);
  const name = q.name ? `%${literal(simplify(q.name).toLowerCase())}%` : undefined;
  const conditions: (SQL | undefined)[] = [
    own ? eq(employers.id, own) : undefined,
    pattern ? like(employers.regionCode, pattern) : undefined,
    name ? like(sql`lower(translate(${employers.name}, ${FULL_WIDTH}, ${HALF_WIDTH}))`, name) : undefined,
    q.creditCode ? eq(employers.creditCode, q.creditCode.toUpperCase()) : undefined,
    q.kind ? eq(employers.kind, q.kind) : undefined,
    q.blacklisted === undefined ? undefined : eq(employers.blacklisted, q.blacklisted),
    q.cursor ? lt(employers.id, decodeCursor(q.cursor, EmployerId)) : undefined,
  ];
  return db
    .select()
    .from(employers)
    .where(and(...conditions))
    .orderBy(desc(employers.id))
    .limit(q.limit + 1);
}
