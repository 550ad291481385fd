import { beijingDate, beijingDayStart, NATIONWIDE } from '@duijie/contracts';
import {
  type Database,
  employers,
  type InvitationRow,
  invitations,
  newId,
  publishEvent,
  queryRows,
  type SeekerRow,
  sql,
} from '@duijie/db';
import { seekersWorthRanking } from '@duijie/demand';
import type { RankingEngine } from '@duijie/ranking';
import { seekerProfile, vacancyProfile } from '@duijie/ranking/rows';
import { actorOf } from '@duijie/service-kit';
import { and, eq } from 'drizzle-orm';
import { errors } from '../errors.ts';
import type { Lookups } from '../index/sync.ts';
import type { CandidateEmployer, CandidateVacancy } from '../matcher.ts';
import type { VacancyCaller } from '../vacancy-access.ts';

/** Invitations an employer may send in a Beijing day, by key or through staff: enough for a real hiring round, not for spam. */
export const INVITATIONS_PER_DAY = 30;

export type InviteRequest = {
  vacancy: CandidateVacancy;
  employer: CandidateEmployer;
  caller: VacancyCaller;
  seekerId: string;
  message: string;
  requestId: string;
};

export type InviteDeps = { db: Database; engine: RankingEngine; lookups: Lookups; now: Date; perDay: number };

/** The answer to a seeker the caller may not invite, whatever the reason: that of a seeker who does not exist. */
const noSuchSeeker = (seekerId: string) => errors.seekerNotFound(seekerId);

/**
 * Invites a candidate of the vacancy: one who would be on its candidate list for this caller
 * (active, worth ranking, in a staff member's region, through the engine's hard constraints).
 * Any other seeker id — unknown, elsewhere, not fitting — is answered as unknown, so an
 * employer learns nothing about people it was never shown. The employer's invitations are
 * serialised on its row (FOR UPDATE), so the daily cap holds under concurrent requests; the
 * row and `invitation.sent` commit together.
 */
export async function inviteCandidate(
  request: InviteRequest,
  deps: InviteDeps,
): Promise<{ invitation: InvitationRow; seeker: SeekerRow }> {
  const { vacancy, employer, caller, seekerId } = request;
  const { db, engine, lookups, now } = deps;
  if (employer.blacklisted) {
    throw errors.employerBlacklisted();
  }
  if (vacancy.status !== 'open') {
    throw errors.vacancyNotOpen(vacancy.status);
  }
  const [seeker] = await seekersWorthRanking(db, vacancy, {
    taxonomy: lookups.taxonomy,
    regions: lookups.regions,
    within: caller.kind === 'staff' ? caller.regionCode : NATIONWIDE,
    limit: 1,
    only: [seekerId],
  });
  if (!seeker) throw noSuchSeeker(seekerId);
  const fits = engine.evaluate(seekerProfile(seeker, lookups.regions), vacancyProfile(vacancy, employer), now);
  if (!fits.ok) throw noSuchSeeker(seekerId);

  return db.transaction(async (tx) => {
    await tx.select({ id: employers.id }).from(employers).where(eq(employers.id, vacancy.employerId)).for('update');
    const [earlier] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.vacancyId, vacancy.id), eq(invitations.seekerId, seeker.id)));
    if (earlier) {
      throw errors.alreadyInvited(earlier.id);
    }
    const dayStart = beijingDayStart(beijingDate(now));
    const [today] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from invitations
          where employer_id = ${vacancy.employerId} and created_at >= ${dayStart.toISOString()}::timestamptz`,
    );
    if ((today?.n ?? 0) >= deps.perDay) {
      const retryAfterSeconds = Math.ceil((dayStart.getTime() + 86_400_000 - now.getTime()) / 1000);
      throw errors.invitationCap(deps.perDay, retryAfterSeconds);
    }
    const [row] = await tx
      .insert(invitations)
      .values({
        id: newId('inv'),
        vacancyId: vacancy.id,
        employerId: vacancy.employerId,
        seekerId: seeker.id,
        message: request.message,
        sentBy: actorOf(caller),
        createdAt: now,
      })
      .returning();
    const invitation = row as InvitationRow;
    await publishEvent(tx, {
      type: 'invitation.sent',
      aggregateType: 'invitation',
      aggregateId: invitation.id,
      payload: {
        invitationId: invitation.id,
        vacancyId: invitation.vacancyId,
        employerId: invitation.employerId,
        seekerId: invitation.seekerId,
        sentBy: invitation.sentBy,
      },
      requestId: request.requestId,
    });
    return { invitation, seeker };
  });
}
