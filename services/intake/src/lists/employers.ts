import { EmployerId, type EmployerQuery } from '@duijie/contracts';
import { type Database, employers } from '@duijie/db';
import { type RegionDirectory, regionPrefix } from '@duijie/regions';
import { type Caller, decodeCursor, queriedRegion, regionPattern, requireStaff } from '@duijie/service-kit';
import { and, desc, eq, like, lt, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { nameContains } from './name-search.ts';

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
  const conditions: (SQL | undefined)[] = [
    own ? eq(employers.id, own) : undefined,
    pattern ? like(employers.regionCode, pattern) : undefined,
    nameContains(employers.name, q.name),
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
