import type { SeekerInput } from '@duijie/contracts';
import { newId, publishEvent, type SeekerRow, seekers, type Transaction, updateVersioned } from '@duijie/db';
import { actorOf, type Caller, catalogue, covers, HttpProblem } from '@duijie/service-kit';
import type { Taxonomy } from '@duijie/taxonomy';
import { eq, sql } from 'drizzle-orm';
import { seekerFields } from './seeker-record.ts';

/**
 * Publishes a seeker event, and notes the status in the history when it (or the monitoring
 * flag) differs from the last one noted. Every change of a seeker row comes through here.
 * Events carry no personal data: consumers that need more read the record.
 */
export async function recordSeekerEvent(
  tx: Transaction,
  type: 'seeker.registered' | 'seeker.updated',
  row: SeekerRow,
  requestId: string,
) {
  await tx.execute(sql`
    insert into seeker_status_history (seeker_id, employment_status, monitored, changed_at, request_id)
    select ${row.id}, ${row.employmentStatus}, ${row.monitored}, ${row.updatedAt.toISOString()}::timestamptz, ${requestId}
    where not exists (
      select 1 from (select employment_status, monitored from seeker_status_history
                     where seeker_id = ${row.id} order by seq desc limit 1) last
      where last.employment_status = ${row.employmentStatus} and last.monitored = ${row.monitored})`);
  await publishEvent(tx, {
    type,
    aggregateType: 'seeker',
    aggregateId: row.id,
    payload: { seekerId: row.id, residenceRegionCode: row.residenceRegionCode, version: row.version },
    requestId,
  });
}

/** The demand list's own refusals, listed by the services that register seekers. */
export const demandErrors = catalogue({
  alreadyRegistered: {
    status: 409,
    code: 'already-registered',
    title: { zh: '已登记', en: 'Already registered' },
    detail: () => ({
      zh: '此人已登记：请联系就业服务机构',
      en: 'This person is registered: ask the employment office',
    }),
  },
  registeredElsewhere: {
    status: 403,
    code: 'registered-elsewhere',
    title: { zh: '已在其他地区登记', en: 'Registered elsewhere' },
    detail: () => ({
      zh: '此人已在其他地区的名单上：由该地区的工作人员或同时管辖两地的管理员修改',
      en: 'This person is on the list of another region: its staff, or an admin above both, can change it',
    }),
  },
});

/**
 * A staff registration of an ID number on another region's list. The answer names neither the
 * record nor the region; `seekerId` is for the audit log, which notes every such answer so that
 * probing for who is on some list leaves a trail (README, "Who may do what").
 */
export class RegisteredElsewhere extends HttpProblem {
  constructor(readonly seekerId: string) {
    const { status, code, text, title } = demandErrors.registeredElsewhere();
    super(status, code, text ?? '', undefined, undefined, title);
  }
}

export type Registration = {
  row: SeekerRow;
  existing: boolean;
  unknownSkills: string[];
  unknownCertificates: string[];
};

/**
 * Puts a person on the demand list, once: an ID number already on it is updated by staff who
 * cover it, refused to anyone else (409 for a seeker registering themselves, 403 for staff of
 * another region). Runs inside the caller's transaction, with its event.
 */
export async function registerSeeker(
  tx: Transaction,
  input: SeekerInput,
  context: { caller: Caller; taxonomy: Taxonomy; now: Date; requestId: string },
): Promise<Registration> {
  const { caller, now, requestId } = context;
  const unknownSkills: string[] = [];
  const unknownCertificates: string[] = [];
  const fields = seekerFields(input, context.taxonomy, unknownSkills, unknownCertificates);
  // De-duplication by ID number: the unique index makes a race end in one row.
  const [found] = await tx.select().from(seekers).where(eq(seekers.idNumber, fields.idNumber)).for('update');
  if (found) {
    if (caller.kind !== 'staff') {
      throw demandErrors.alreadyRegistered();
    }
    if (!covers(caller, found.residenceRegionCode)) throw new RegisteredElsewhere(found.id);
    const updated = await updateVersioned(tx, seekers, found.id, found.version, fields);
    await recordSeekerEvent(tx, 'seeker.updated', updated, requestId);
    return { row: updated, existing: true, unknownSkills, unknownCertificates };
  }
  const [inserted] = await tx
    .insert(seekers)
    .values({
      id: newId('skr'),
      ...fields,
      registeredBy: caller.kind === 'staff' ? actorOf(caller) : 'self',
      registeredAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!inserted) throw new Error('insert returned no row');
  await recordSeekerEvent(tx, 'seeker.registered', inserted, requestId);
  return { row: inserted, existing: false, unknownSkills, unknownCertificates };
}
