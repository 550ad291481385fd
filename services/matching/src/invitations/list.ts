import type { Invitation } from '@duijie/contracts';
import {
  auditLog,
  type Database,
  type InvitationRow,
  invitations,
  newId,
  queryRows,
  type SeekerRow,
  seekers,
  sql,
} from '@duijie/db';
import { actorOf, type Caller } from '@duijie/service-kit';
import { and, desc, eq, lt } from 'drizzle-orm';
import { candidateSummary } from '../views.ts';

type Delivery = Invitation['delivery'];

/**
 * How far each invitation's messages got, from the notification service's log: delivered once
 * any channel took one; undeliverable when none was planned (no subscription, opted out) or
 * every one failed or was cancelled; pending otherwise.
 */
async function deliveries(db: Database, rows: readonly InvitationRow[]): Promise<Map<string, Delivery>> {
  if (rows.length === 0) return new Map();
  const counted = await queryRows<{ reason: string; sent: number; open: number }>(
    db,
    sql`select reason, count(*) filter (where status = 'sent')::int as sent,
               count(*) filter (where status in ('planned', 'sending'))::int as open
        from notification_messages
        where reason in (${sql.join(
          rows.map((r) => sql`${`invitation:${r.id}`}`),
          sql`, `,
        )})
        group by reason`,
  );
  const byReason = new Map(counted.map((c) => [c.reason, c]));
  return new Map(
    rows.map((r): [string, Delivery] => {
      const c = byReason.get(`invitation:${r.id}`);
      if (r.plannedMessages === null || (c?.open ?? 0) > 0) return [r.id, c?.sent ? 'delivered' : 'pending'];
      return [r.id, c?.sent ? 'delivered' : 'undeliverable'];
    }),
  );
}

/**
 * A vacancy's invitations, newest first. The candidate is shown as the candidate list shows
 * them (masked for an employer); the name and phone only once the seeker accepted — they agreed
 * to this employer having them for this vacancy — and each such read is written to the audit
 * log, as every read of unmasked personal data is.
 */
export async function listInvitations(
  db: Database,
  options: {
    vacancyId: string;
    caller: Caller;
    limit: number;
    cursor?: string | undefined;
    now: Date;
    requestId: string;
  },
): Promise<{ items: Invitation[]; nextCursor: string | null }> {
  const rows = await db
    .select({ invitation: invitations, seeker: seekers })
    .from(invitations)
    .innerJoin(seekers, eq(seekers.id, invitations.seekerId))
    .where(
      and(
        eq(invitations.vacancyId, options.vacancyId),
        options.cursor ? lt(invitations.id, options.cursor) : undefined,
      ),
    )
    .orderBy(desc(invitations.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const delivery = await deliveries(
    db,
    page.map((r) => r.invitation),
  );
  const accepted = page.filter((r) => r.invitation.status === 'accepted');
  if (accepted.length > 0) {
    await db.insert(auditLog).values(
      accepted.map((r) => ({
        id: newId('aud'),
        at: options.now,
        actor: actorOf(options.caller),
        action: 'seeker.contact.read',
        subjectType: 'seeker',
        subjectId: r.seeker.id,
        regionCode: r.seeker.residenceRegionCode,
        requestId: options.requestId,
        detail: { invitationId: r.invitation.id, vacancyId: r.invitation.vacancyId },
      })),
    );
  }
  return {
    items: page.map(({ invitation, seeker }) =>
      invitationView(invitation, seeker, options.caller, options.now, delivery.get(invitation.id) ?? 'pending'),
    ),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.invitation.id ?? null) : null,
  };
}

/** An invitation as its employer (or staff) sees it. */
export function invitationView(
  i: InvitationRow,
  seeker: SeekerRow,
  caller: Caller,
  now: Date,
  delivery: Delivery,
): Invitation {
  return {
    id: i.id,
    vacancyId: i.vacancyId,
    employerId: i.employerId,
    seeker: candidateSummary(seeker, caller, now),
    message: i.message,
    status: i.status,
    delivery,
    sentAt: i.createdAt.toISOString(),
    answeredAt: i.answeredAt?.toISOString() ?? null,
    contact: i.status === 'accepted' ? { name: seeker.name, phone: seeker.phone } : null,
  };
}
