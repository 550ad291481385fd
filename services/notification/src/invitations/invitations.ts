import { InvitationSentEvent } from '@duijie/contracts';
import {
  type Database,
  type DatabaseHandle,
  employers,
  type InvitationRow,
  invitations,
  OutboxConsumer,
  publishEvent,
  vacancies,
} from '@duijie/db';
import type { RegionDirectory } from '@duijie/regions';
import { and, eq } from 'drizzle-orm';
import { errors } from '../errors.ts';
import { planForPeople } from '../planning.ts';
import type { TriggerOptions } from '../triggers.ts';

/** Which invitation a message is about: its `reason`. */
export const invitationReason = (id: string) => `invitation:${id}`;

/** A vacancy's monthly wage as messages say it. */
export const wageText = (v: { monthlyWageMin: number; monthlyWageMax: number | null }) =>
  v.monthlyWageMax && v.monthlyWageMax !== v.monthlyWageMin
    ? `月薪${v.monthlyWageMin}-${v.monthlyWageMax}元`
    : `月薪${v.monthlyWageMin}元`;

/**
 * `invitation.sent` → a message to the seeker on each channel they listen on for jobs, through
 * the same planning as job alerts: opted out or not subscribed, none is planned; quiet hours and
 * the seeker's daily cap hold it back at delivery. How many were planned goes on the invitation
 * (0: nothing reaches the seeker), so the employer can be told it is undeliverable.
 */
export function invitationMessages(handle: DatabaseHandle, regions: RegionDirectory, options: TriggerOptions) {
  return new OutboxConsumer(handle, {
    name: 'notification.invitations',
    types: ['invitation.sent'],
    startFrom: 'now',
    ...(options.logger ? { logger: options.logger } : {}),
    async onEvent(event, tx) {
      const { invitationId } = InvitationSentEvent.parse(event.payload);
      const [found] = await tx
        .select({ invitation: invitations, vacancy: vacancies, employer: employers })
        .from(invitations)
        .innerJoin(vacancies, eq(vacancies.id, invitations.vacancyId))
        .innerJoin(employers, eq(employers.id, invitations.employerId))
        .where(eq(invitations.id, invitationId));
      if (!found || found.invitation.plannedMessages !== null) return;
      const { invitation, vacancy, employer } = found;
      const planned = employer.blacklisted
        ? 0
        : await planForPeople(
            tx,
            { reason: invitationReason(invitation.id), topic: 'jobs', template: 'invitation', now: options.clock() },
            [
              {
                seekerId: invitation.seekerId,
                params: {
                  employer: employer.name,
                  title: vacancy.title,
                  message: invitation.message,
                  place: regions.get(vacancy.regionCode)?.name ?? vacancy.regionCode,
                  wage: wageText(vacancy),
                },
              },
            ],
          );
      await tx.update(invitations).set({ plannedMessages: planned }).where(eq(invitations.id, invitation.id));
    },
  });
}

export type InvitationForSeeker = {
  invitation: InvitationRow;
  employerName: string;
  vacancy: { title: string; status: string; regionCode: string; monthlyWageMin: number; monthlyWageMax: number | null };
};

/** What the answer page shows: the invitation with its employer's name and the vacancy. */
export async function invitationForSeeker(db: Database, invitationId: string): Promise<InvitationForSeeker | null> {
  const [found] = await db
    .select({
      invitation: invitations,
      employerName: employers.name,
      vacancy: {
        title: vacancies.title,
        status: vacancies.status,
        regionCode: vacancies.regionCode,
        monthlyWageMin: vacancies.monthlyWageMin,
        monthlyWageMax: vacancies.monthlyWageMax,
      },
    })
    .from(invitations)
    .innerJoin(vacancies, eq(vacancies.id, invitations.vacancyId))
    .innerJoin(employers, eq(employers.id, invitations.employerId))
    .where(eq(invitations.id, invitationId));
  return found ?? null;
}

/**
 * The seeker's answer, once: the first one stands (accepting shares their name and phone with
 * the employer, which cannot be taken back by a second click); the same answer again is that
 * answer, a different one is 409. A vacancy no longer open takes no answer.
 */
export async function answerInvitation(
  db: Database,
  invitationId: string,
  answer: 'accepted' | 'declined',
  now: Date,
  requestId: string,
): Promise<InvitationRow> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(invitations).where(eq(invitations.id, invitationId)).for('update');
    if (!current) throw errors.invitationNotFound();
    if (current.status !== 'sent') {
      if (current.status === answer) return current;
      throw errors.invitationAlreadyAnswered(current.status);
    }
    const [vacancy] = await tx
      .select({ status: vacancies.status })
      .from(vacancies)
      .where(eq(vacancies.id, current.vacancyId));
    if (vacancy?.status !== 'open') {
      throw errors.vacancyNotOpen();
    }
    const [row] = await tx
      .update(invitations)
      .set({ status: answer, answeredAt: now })
      .where(and(eq(invitations.id, invitationId), eq(invitations.status, 'sent')))
      .returning();
    const answered = row as InvitationRow;
    await publishEvent(tx, {
      type: 'invitation.answered',
      aggregateType: 'invitation',
      aggregateId: answered.id,
      payload: {
        invitationId: answered.id,
        vacancyId: answered.vacancyId,
        employerId: answered.employerId,
        seekerId: answered.seekerId,
        answer,
      },
      requestId,
    });
    return answered;
  });
}
