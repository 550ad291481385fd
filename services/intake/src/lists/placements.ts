import { PlacementId, type PlacementQuery } from '@duijie/contracts';
import { type Database, type FollowUpRow, followUps, type PlacementRow, placements } from '@duijie/db';
import type { RegionDirectory } from '@duijie/regions';
import { type Caller, decodeCursor, queriedRegion, regionPattern, requireStaff } from '@duijie/service-kit';
import { and, asc, desc, eq, exists, gte, inArray, like, lt, lte, not, type SQL } from 'drizzle-orm';
import type { z } from 'zod';

/**
 * The page of placements a staff member may list, newest first: those of seekers of their
 * region (a placement is the person's record, kept where they lived when placed), with their
 * follow-ups. A seeker, employer or vacancy named in the filters narrows; it reveals nothing.
 */
export async function listPlacements(
  db: Database,
  regions: RegionDirectory,
  caller: Caller,
  q: z.infer<typeof PlacementQuery>,
  now: Date,
): Promise<{ rows: PlacementRow[]; followUps: Map<string, FollowUpRow[]> }> {
  const region = queriedRegion(regions, q);
  const pattern = regionPattern(requireStaff(caller), region);
  const followUpWhere = (...conditions: SQL[]) =>
    exists(
      db
        .select({ id: followUps.id })
        .from(followUps)
        .where(and(eq(followUps.placementId, placements.id), ...conditions)),
    );
  const overdue = followUpWhere(eq(followUps.status, 'due'), lt(followUps.dueAt, now));
  const conditions: (SQL | undefined)[] = [
    pattern ? like(placements.regionCode, pattern) : undefined,
    q.seekerId ? eq(placements.seekerId, q.seekerId) : undefined,
    q.employerId ? eq(placements.employerId, q.employerId) : undefined,
    q.vacancyId ? eq(placements.vacancyId, q.vacancyId) : undefined,
    q.from ? gte(placements.startDate, q.from) : undefined,
    q.to ? lte(placements.startDate, q.to) : undefined,
    q.outcome ? followUpWhere(eq(followUps.outcome, q.outcome)) : undefined,
    q.overdue === undefined ? undefined : q.overdue ? overdue : not(overdue),
    q.cursor ? lt(placements.id, decodeCursor(q.cursor, PlacementId)) : undefined,
  ];
  const rows = await db
    .select()
    .from(placements)
    .where(and(...conditions))
    .orderBy(desc(placements.id))
    .limit(q.limit + 1);
  const tasks =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(followUps)
          .where(
            inArray(
              followUps.placementId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(followUps.dueAt));
  const byPlacement = new Map<string, FollowUpRow[]>();
  for (const f of tasks) byPlacement.set(f.placementId, [...(byPlacement.get(f.placementId) ?? []), f]);
  return { rows, followUps: byPlacement };
}
