import type { LivestreamInput } from '@duijie/contracts';
import {
  type Database,
  type LivestreamRow,
  livestreams,
  livestreamVacancies,
  newId,
  type Transaction,
  vacancies,
} from '@duijie/db';
import {
  actorOf,
  type Caller,
  commonErrors,
  covers,
  outOfScope,
  placeCode,
  regionOf,
  requireStaff,
} from '@duijie/service-kit';
import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { errors } from '../errors.ts';
import type { Lookups } from '../index/sync.ts';
import { publishLive } from '../live/intents.ts';
import type { LivestreamSession, LivestreamSessions } from './session.ts';

/** A livestream as every answer shows it. */
export const livestreamView = (row: LivestreamRow, vacancyIds: string[]) => ({
  id: row.id,
  title: row.title,
  host: row.host,
  platform: row.platform,
  regionCode: row.regionCode,
  startsAt: row.startsAt.toISOString(),
  endsAt: row.endsAt.toISOString(),
  targetRegions: row.targetRegions,
  targetGroups: row.targetGroups,
  vacancyIds,
  pinnedVacancyIds: row.pinnedVacancyIds,
  presentingVacancyId: row.presentingVacancyId,
  version: row.version,
});

/** Staff who run the session: those covering the bureau that holds it. */
export function runsSession(caller: Caller, row: LivestreamRow) {
  const staff = requireStaff(caller);
  if (!covers(staff, row.regionCode)) throw outOfScope(row.regionCode, staff.regionCode);
  return staff;
}

/** The session, or 404. */
export async function sessionOf(sessions: LivestreamSessions, id: string): Promise<LivestreamSession> {
  const session = await sessions.get(id);
  if (!session) throw errors.livestreamNotFound(id);
  return session;
}

/** 422 naming each id that is no vacancy. */
async function checkVacancies(db: Database, ids: readonly string[], field: string) {
  if (ids.length === 0) return;
  const found = new Set(
    (
      await db
        .select({ id: vacancies.id })
        .from(vacancies)
        .where(inArray(vacancies.id, [...ids]))
    ).map((r) => r.id),
  );
  const missing = ids.flatMap((id, i) => (found.has(id) ? [] : [`${field}.${i}`]));
  if (missing.length > 0) throw errors.unknownVacancies(missing);
}

async function addVacancies(tx: Transaction, livestreamId: string, ids: readonly string[], now: Date) {
  if (ids.length === 0) return;
  await tx.insert(livestreamVacancies).values(ids.map((vacancyId) => ({ livestreamId, vacancyId, addedAt: now })));
}

const BUREAU = { in: 'body', code: 'regionCode', name: 'region' } as const;

type Context = { lookups: Lookups; now: Date; requestId: string };

/**
 * A new session, scheduled by staff of the bureau that runs it, with its vacancies and its
 * `livestream.scheduled` event in one transaction.
 */
export async function scheduleLivestream(
  db: Database,
  caller: Caller,
  input: z.infer<typeof LivestreamInput>,
  { lookups, now, requestId }: Context,
) {
  const staff = requireStaff(caller);
  const { vacancyIds, region, ...given } = input;
  const { regions } = lookups;
  const regionCode = regionOf(regions, { code: given.regionCode, name: region }, BUREAU);
  if (!regionCode) throw commonErrors.regionRequired(BUREAU);
  const targetRegions = given.targetRegions.map((place, i) =>
    placeCode(regions, place, { in: 'body', field: `targetRegions.${i}` }),
  );
  const fields = { ...given, regionCode, targetRegions: [...new Set(targetRegions)] };
  if (!covers(staff, regionCode)) throw outOfScope(regionCode, staff.regionCode);
  const unique = [...new Set(vacancyIds)];
  await checkVacancies(db, unique, 'vacancyIds');
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(livestreams)
      .values({
        id: newId('liv'),
        ...fields,
        startsAt: new Date(fields.startsAt),
        endsAt: new Date(fields.endsAt),
        createdBy: actorOf(staff),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!inserted) throw new Error('insert returned no row');
    await addVacancies(tx, inserted.id, unique, now);
    const payload = {
      startsAt: inserted.startsAt.toISOString(),
      targetRegions: inserted.targetRegions,
      targetGroups: inserted.targetGroups,
      vacancyIds: unique,
    };
    await publishLive(tx, { kind: 'livestream', id: inserted.id }, 'scheduled', payload, requestId);
    return inserted;
  });
  return livestreamView(row, unique);
}

/**
 * The session's vacancies replaced by `vacancyIds`, by its staff; the event names every
 * vacancy that was or is in it, so a screen showing any of them refreshes.
 */
export async function setVacancies(
  db: Database,
  sessions: LivestreamSessions,
  caller: Caller,
  livestreamId: string,
  vacancyIds: readonly string[],
  { now, requestId }: Omit<Context, 'lookups'>,
) {
  const session = await sessionOf(sessions, livestreamId);
  runsSession(caller, session.row);
  const wanted = [...new Set(vacancyIds)];
  await checkVacancies(db, wanted, 'vacancyIds');
  const before = [...session.vacancies.keys()];
  const changed = { vacancyIds: [...new Set([...before, ...wanted])] };
  await db.transaction(async (tx) => {
    await tx.delete(livestreamVacancies).where(eq(livestreamVacancies.livestreamId, session.row.id));
    await addVacancies(tx, session.row.id, wanted, now);
    await publishLive(tx, { kind: 'livestream', id: session.row.id }, 'vacancies_changed', changed, requestId);
  });
  // Read here and now, not when the change feed brings the event: the host's next lineup shows
  // the vacancies just set, whatever the feed's interval.
  for (const id of changed.vacancyIds) session.staleVacancies.add(id);
  return livestreamView((await sessionOf(sessions, session.row.id)).row, wanted);
}
