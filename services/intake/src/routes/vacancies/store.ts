import type { VacancyInput, VacancyStored } from '@duijie/contracts';
import {
  type Database,
  employers,
  newId,
  publishEvent,
  type Transaction,
  type VacancyRow,
  vacancies,
} from '@duijie/db';
import { and, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { type Lookups, type Normalized, normalizeVacancy } from '../../normalize/vacancy.ts';
import { toVacancy } from './vacancy-record.ts';

/** A vacancy that cannot be normalised: 422 naming the fields (and the candidate places). */
export function refuse(result: Extract<Normalized, { ok: false }>, rename = (field: string) => field): never {
  throw errors.vacancyNotNormalisable(
    result.errors.map((e) => ({ ...e, field: rename(e.field) })),
    result.candidates,
  );
}

/** The vacancy's outbox event, in the transaction that changed it. */
export async function record(
  tx: Transaction,
  type: 'vacancy.published' | 'vacancy.updated' | 'vacancy.closed' | 'vacancy.reopened',
  row: VacancyRow,
  requestId: string,
) {
  await publishEvent(tx, {
    type,
    aggregateType: 'vacancy',
    aggregateId: row.id,
    payload: { vacancyId: row.id, employerId: row.employerId, status: row.status, version: row.version },
    requestId,
  });
}

/**
 * One new vacancy: normalised (422 naming what cannot be), stored with its `vacancy.published`
 * event, refused with 409 when the employer already posted the same externalId.
 */
export async function storeVacancy(
  db: Database,
  employerId: string,
  input: Omit<VacancyInput, 'employerId'>,
  context: Lookups & { now: Date; requestId: string; datePosted?: Date; rename?: (field: string) => string },
): Promise<VacancyStored> {
  const normalized = normalizeVacancy(input, context, { openAt: context.now });
  if (!normalized.ok) refuse(normalized, context.rename);
  const { now } = context;
  const row = await db.transaction(async (tx) => {
    const [employer] = await tx.select({ id: employers.id }).from(employers).where(eq(employers.id, employerId));
    if (!employer) throw errors.employerNotFound(employerId);
    const { externalId } = normalized.fields;
    if (externalId) {
      const [same] = await tx
        .select({ id: vacancies.id })
        .from(vacancies)
        .where(and(eq(vacancies.employerId, employerId), eq(vacancies.externalId, externalId)));
      if (same) {
        throw errors.vacancyExists(externalId, same.id);
      }
    }
    const [inserted] = await tx
      .insert(vacancies)
      .values({
        id: newId('vac'),
        employerId,
        ...normalized.fields,
        datePosted: context.datePosted && context.datePosted < now ? context.datePosted : now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!inserted) throw new Error('insert returned no row');
    await record(tx, 'vacancy.published', inserted, context.requestId);
    return inserted;
  });
  return {
    ...toVacancy(row),
    unknownSkills: normalized.unknownSkills,
    unknownCertificates: normalized.unknownCertificates,
  };
}
