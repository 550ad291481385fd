import { type Fair, FairId, type FairInput, type FairQuery, NATIONWIDE } from '@duijie/contracts';
import { type Database, type Executor, type FairRow, fairs, newId } from '@duijie/db';
import { type RegionDirectory, regionPrefix } from '@duijie/regions';
import {
  actorOf,
  type Caller,
  covers,
  decodeCursor,
  outOfScope,
  queriedRegion,
  regionOf,
  toPage,
} from '@duijie/service-kit';
import { and, desc, eq, gte, like, lt, lte, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { errors } from '../errors.ts';
import { publishLive } from '../live/intents.ts';

type Staff = Extract<Caller, { kind: 'staff' }>;

export const fairView = (f: FairRow): z.infer<typeof Fair> => ({
  id: f.id,
  name: f.name,
  kind: f.kind,
  venueRegionCode: f.venueRegionCode,
  originRegionCode: f.originRegionCode,
  startsAt: f.startsAt.toISOString(),
  endsAt: f.endsAt.toISOString(),
  targetGroups: f.targetGroups,
  createdAt: f.createdAt.toISOString(),
  version: f.version,
});

/** The fair, or 404. */
export async function fairOf(db: Executor, id: string): Promise<FairRow> {
  const [row] = await db.select().from(fairs).where(eq(fairs.id, id));
  if (!row) throw errors.fairNotFound(id);
  return row;
}

const VENUE = { in: 'body', code: 'venueRegionCode', name: 'venueRegion' } as const;
const ORIGIN = { in: 'body', code: 'originRegionCode', name: 'originRegion' } as const;

/**
 * A fair scheduled by staff of its venue region; its places by code or by name. Announced on
 * the fair's live feed in the same transaction.
 */
export async function scheduleFair(
  db: Database,
  regions: RegionDirectory,
  input: z.output<typeof FairInput>,
  context: { staff: Staff; now: Date; requestId: string },
): Promise<FairRow> {
  const { venueRegion, originRegion, ...fields } = input;
  const venueRegionCode = regionOf(regions, { code: input.venueRegionCode, name: venueRegion }, VENUE) as string; // the contract asks for one of the two
  const originRegionCode = regionOf(regions, { code: input.originRegionCode, name: originRegion }, ORIGIN);
  const { staff, now } = context;
  if (!covers(staff, venueRegionCode)) throw outOfScope(venueRegionCode, staff.regionCode);
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(fairs)
      .values({
        id: newId('fai'),
        ...fields,
        venueRegionCode,
        originRegionCode: originRegionCode ?? null,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        createdBy: actorOf(staff),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!inserted) throw new Error('insert returned no row');
    await publishLive(
      tx,
      { kind: 'fair', id: inserted.id },
      'scheduled',
      { venueRegionCode: inserted.venueRegionCode, startsAt: inserted.startsAt.toISOString() },
      context.requestId,
    );
    return inserted;
  });
}

/** Fairs held in a region or, for 劳务协作, for it: the fairs its staff run. */
const inRegionOf = (code: string): SQL | undefined => {
  if (code === NATIONWIDE) return undefined;
  const prefix = `${regionPrefix(code)}%`;
  return or(like(fairs.venueRegionCode, prefix), like(fairs.originRegionCode, prefix));
};

/**
 * The fairs a staff member runs, newest scheduled first, filtered by time window (a fair
 * overlapping it), region (by code or name, within the staff member's own) and kind.
 */
export async function listFairs(db: Executor, regions: RegionDirectory, staff: Staff, q: z.output<typeof FairQuery>) {
  const asked = queriedRegion(regions, q);
  if (asked && !covers(staff, asked)) throw outOfScope(asked, staff.regionCode);
  const rows = await db
    .select()
    .from(fairs)
    .where(
      and(
        inRegionOf(asked ?? staff.regionCode),
        q.from ? gte(fairs.endsAt, new Date(q.from)) : undefined,
        q.to ? lte(fairs.startsAt, new Date(q.to)) : undefined,
        q.kind ? eq(fairs.kind, q.kind) : undefined,
        q.cursor ? lt(fairs.id, decodeCursor(q.cursor, FairId)) : undefined,
      ),
    )
    .orderBy(desc(fairs.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, fairView);
}
