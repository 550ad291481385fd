import { LivestreamId, type LivestreamQuery, NATIONWIDE } from '@duijie/contracts';
import { type Database, livestreams, livestreamVacancies } from '@duijie/db';
import { regionPrefix } from '@duijie/regions';
import {
  type Caller,
  covers,
  decodeCursor,
  outOfScope,
  queriedRegion,
  requireStaff,
  toPage,
} from '@duijie/service-kit';
import { and, asc, desc, gt, gte, inArray, like, lt, lte, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Lookups } from '../index/sync.ts';
import { livestreamView } from './schedule.ts';

/** Where a session stands at `now`, as conditions on its window. */
const statusAt = (status: 'upcoming' | 'live' | 'ended', now: Date): SQL | undefined =>
  status === 'upcoming'
    ? gt(livestreams.startsAt, now)
    : status === 'live'
      ? and(lte(livestreams.startsAt, now), gt(livestreams.endsAt, now))
      : lte(livestreams.endsAt, now);

/**
 * Sessions run by bureaus in the caller's region (or a region within it, by code or name),
 * newest first: those overlapping the window `from`–`to`, upcoming, live or ended at `now`.
 */
export async function listLivestreams(
  db: Database,
  caller: Caller,
  query: z.infer<typeof LivestreamQuery>,
  { lookups, now }: { lookups: Lookups; now: Date },
) {
  const staff = requireStaff(caller);
  const asked = queriedRegion(lookups.regions, query);
  if (asked && !covers(staff, asked)) throw outOfScope(asked, staff.regionCode);
  const region = asked ?? staff.regionCode;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, LivestreamId);
  const rows = await db
    .select()
    .from(livestreams)
    .where(
      and(
        region === NATIONWIDE ? undefined : like(livestreams.regionCode, `${regionPrefix(region)}%`),
        query.from ? gte(livestreams.endsAt, new Date(query.from)) : undefined,
        query.to ? lte(livestreams.startsAt, new Date(query.to)) : undefined,
        query.status ? statusAt(query.status, now) : undefined,
        after ? lt(livestreams.id, after) : undefined,
      ),
    )
    .orderBy(desc(livestreams.id))
    .limit(query.limit + 1);
  const ids = rows.slice(0, query.limit).map((r) => r.id);
  const held =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(livestreamVacancies)
          .where(inArray(livestreamVacancies.livestreamId, ids))
          .orderBy(asc(livestreamVacancies.addedAt), asc(livestreamVacancies.vacancyId));
  const vacancyIdsOf = (id: string) => held.filter((h) => h.livestreamId === id).map((h) => h.vacancyId);
  return toPage(rows, query.limit, (row) => livestreamView(row, vacancyIdsOf(row.id)));
}
