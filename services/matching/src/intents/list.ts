import { IntentId, type IntentListed, type IntentQuery } from '@duijie/contracts';
import {
  type Database,
  fairs,
  type IntentRow,
  intents,
  livestreams,
  livestreamViewers,
  seekers,
  vacancies,
} from '@duijie/db';
import type { RegionDirectory } from '@duijie/regions';
import {
  type Caller,
  commonErrors,
  decodeCursor,
  queriedRegion,
  regionPattern,
  requireStaff,
} from '@duijie/service-kit';
import { and, desc, eq, getTableColumns, like, lt, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';

const notYours = (employerId: string, what: string) => commonErrors.notYourEmployer(employerId, what);

/**
 * Who sees which intents. An employer's key: those on its own vacancies (403 when it names
 * another employer or another's vacancy). Staff: those made at a fair or livestream of their
 * region, and those of people living in it (a seeker's residence, a viewer's region) — 403 for
 * a region outside theirs.
 */
async function visibleTo(
  db: Database,
  regions: RegionDirectory,
  caller: Caller,
  q: z.infer<typeof IntentQuery>,
): Promise<SQL | undefined> {
  if (caller.kind === 'employer') {
    if (q.employerId && q.employerId !== caller.employerId) throw notYours(caller.employerId, q.employerId);
    if (q.vacancyId) {
      const [vacancy] = await db
        .select({ employerId: vacancies.employerId })
        .from(vacancies)
        .where(eq(vacancies.id, q.vacancyId));
      if (vacancy && vacancy.employerId !== caller.employerId) throw notYours(caller.employerId, q.vacancyId);
    }
    return eq(intents.employerId, caller.employerId);
  }
  const region = queriedRegion(regions, q);
  const pattern = regionPattern(requireStaff(caller), region);
  return pattern
    ? or(
        like(fairs.venueRegionCode, pattern),
        like(livestreams.regionCode, pattern),
        like(seekers.residenceRegionCode, pattern),
        like(livestreamViewers.regionCode, pattern),
      )
    : undefined;
}

/** The page of intents a caller may see, newest first, narrowed by the filters. */
export async function listIntents(
  db: Database,
  regions: RegionDirectory,
  caller: Caller,
  q: z.infer<typeof IntentQuery>,
): Promise<IntentRow[]> {
  const conditions: (SQL | undefined)[] = [
    await visibleTo(db, regions, caller, q),
    q.fairId ? eq(intents.contextId, q.fairId) : undefined,
    q.livestreamId ? eq(intents.contextId, q.livestreamId) : undefined,
    q.vacancyId ? eq(intents.vacancyId, q.vacancyId) : undefined,
    q.employerId ? eq(intents.employerId, q.employerId) : undefined,
    q.cursor ? lt(intents.id, decodeCursor(q.cursor, IntentId)) : undefined,
  ];
  return db
    .select(getTableColumns(intents))
    .from(intents)
    .leftJoin(fairs, eq(fairs.id, intents.contextId))
    .leftJoin(livestreams, eq(livestreams.id, intents.contextId))
    .leftJoin(seekers, eq(seekers.id, intents.personId))
    .leftJoin(livestreamViewers, eq(livestreamViewers.id, intents.personId))
    .where(and(...conditions))
    .orderBy(desc(intents.id))
    .limit(q.limit + 1);
}

/** An intent in a list: ids only, never a name, ID number or phone. */
export const listedIntent = (row: IntentRow): IntentListed => {
  const atFair = row.contextId.startsWith('fai_');
  return {
    id: row.id,
    context: atFair ? 'fair' : 'livestream',
    contextId: row.contextId,
    personKind: row.personId.startsWith('vwr_') ? 'viewer' : 'seeker',
    personId: row.personId,
    vacancyId: row.vacancyId,
    employerId: row.employerId,
    recordedBy: row.recordedBy,
    createdAt: row.createdAt.toISOString(),
  };
};
