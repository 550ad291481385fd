import type { Checkin, CheckinInput } from '@duijie/contracts';
import { type FairRow, fairCheckins } from '@duijie/db';
import type { Match } from '@duijie/ranking';
import { seekerProfile } from '@duijie/ranking/rows';
import type { RegionDirectory } from '@duijie/regions';
import { actorOf, type Caller, commonErrors, regionOf } from '@duijie/service-kit';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { errors } from '../errors.ts';
import { publishLive } from '../live/intents.ts';
import { candidateSummary, vacancySummary } from '../views.ts';
import { identifyArrival, type ResolvedCheckin } from './arrival.ts';
import type { FairDeps } from './deps.ts';
import { slipHtml } from './slip.ts';
import type { FairSupply } from './supply.ts';

type Staff = Extract<Caller, { kind: 'staff' }>;

/** Vacancies recommended to a seeker on arrival. */
export const ON_ARRIVAL = 5;

/** Matches as a slip or a check-in lists them: the booth, the vacancy, why. */
function recommendationsOf(supply: FairSupply, matches: readonly Match[]) {
  return matches.flatMap((match) => {
    const entry = supply.vacancies.get(match.vacancyId);
    return entry ? [{ booth: entry.booth, vacancy: vacancySummary(entry.vacancy), match }] : [];
  });
}

const RESIDENCE = { in: 'body', code: 'walkIn.residenceRegionCode', name: 'walkIn.residence' } as const;

/** A walk-in's residence by code or by place name (凤凰县), as a registration reads it. */
function resolveWalkIn(regions: RegionDirectory, input: z.output<typeof CheckinInput>): ResolvedCheckin {
  if (!input.walkIn) return { ...input, walkIn: undefined };
  const { residence, residenceRegionCode, ...walkIn } = input.walkIn;
  const code = regionOf(regions, { code: residenceRegionCode, name: residence }, RESIDENCE);
  if (!code) throw commonErrors.regionRequired(RESIDENCE);
  return { ...input, walkIn: { ...walkIn, residenceRegionCode: code } };
}

/**
 * A seeker checks in (`arrival.ts` finds or registers them) and gets the fair's best vacancies
 * for them, leaving out those already recommended to their share of seekers. Checking in again
 * writes nothing and answers the first check-in's recommendations (`existing: true`).
 */
export async function checkIn(
  deps: FairDeps,
  fair: FairRow,
  staff: Staff,
  input: z.output<typeof CheckinInput>,
  requestId: string,
): Promise<z.infer<typeof Checkin>> {
  const { db, engine, lookups, supplies, qr } = deps;
  const arriving = resolveWalkIn(lookups.regions, input);
  const supply = await supplies.get(fair.id);
  const now = deps.clock();
  const result = await db.transaction(async (tx) => {
    const arrival = await identifyArrival(tx, fair.id, arriving, {
      caller: staff,
      qr,
      taxonomy: lookups.taxonomy,
      now,
      requestId,
    });
    const profile =
      supply.seekers.get(arrival.seeker.id)?.prepared.profile ?? seekerProfile(arrival.seeker, lookups.regions);
    const [earlier] = await tx
      .select()
      .from(fairCheckins)
      .where(and(eq(fairCheckins.fairId, fair.id), eq(fairCheckins.seekerId, arrival.seeker.id)));
    if (earlier) {
      const given = new Set(earlier.recommended);
      const matches = engine.rankPreparedVacancies(profile, supply.preparedVacancies, {
        now,
        limit: ON_ARRIVAL,
        admit: (id) => given.has(id),
      });
      return { arrival: { ...arrival, method: earlier.method }, at: earlier.checkedInAt, matches, existing: true };
    }
    const matches = engine.rankPreparedVacancies(profile, supply.preparedVacancies, {
      now,
      limit: ON_ARRIVAL,
      admit: (id) => supply.hasRoom(id),
    });
    const recommended = matches.map((m) => m.vacancyId);
    await tx.insert(fairCheckins).values({
      fairId: fair.id,
      seekerId: arrival.seeker.id,
      method: arrival.method,
      recommended,
      checkedInBy: actorOf(staff),
      checkedInAt: now,
    });
    const levels = lookups.regions.levels(arrival.seeker.residenceRegionCode);
    await publishLive(
      tx,
      { kind: 'fair', id: fair.id },
      'checked_in',
      {
        seekerId: arrival.seeker.id,
        method: arrival.method,
        registered: arrival.registered,
        recommended,
        priorityGroups: arrival.seeker.priorityGroups,
        originRegionCode: levels.prefecture ?? levels.province ?? arrival.seeker.residenceRegionCode,
      },
      requestId,
    );
    return { arrival, at: now, matches, existing: false };
  });
  return {
    fairId: fair.id,
    seeker: candidateSummary(result.arrival.seeker, staff, now),
    method: result.arrival.method,
    checkedInAt: result.at.toISOString(),
    existing: result.existing,
    registered: result.arrival.registered,
    recommendations: recommendationsOf(supply, result.matches),
    considered: supply.vacancies.size,
  };
}

/**
 * The slip printed for a checked-in seeker (HTML): the vacancies they were recommended on
 * arrival, best first, and their QR code. 404 for anyone not checked in at this fair.
 */
export async function slipOf(deps: FairDeps, fair: FairRow, seekerId: string): Promise<string> {
  const { db, engine, supplies, qr } = deps;
  const supply = await supplies.get(fair.id);
  const [checkin] = await db
    .select()
    .from(fairCheckins)
    .where(and(eq(fairCheckins.fairId, fair.id), eq(fairCheckins.seekerId, seekerId)));
  const seeker = await supplies.checkedIn(supply, seekerId);
  if (!checkin || !seeker) throw errors.checkinNotFound(seekerId);
  const given = new Set(checkin.recommended);
  const matches = engine.rankPreparedVacancies(seeker.prepared.profile, supply.preparedVacancies, {
    now: deps.clock(),
    limit: ON_ARRIVAL,
    admit: (id) => given.has(id),
  });
  const code = (await qr.image({ fairId: fair.id, kind: 'seeker', id: seeker.row.id }, 'svg')) as string;
  return slipHtml({ fair, seeker: seeker.row, recommendations: recommendationsOf(supply, matches), qrSvg: code });
}
