import { type Database, publishEvents, vacancies } from '@duijie/db';
import { and, eq, lt, sql } from 'drizzle-orm';

/**
 * Marks open vacancies whose validThrough has passed as expired, each with its
 * `vacancy.expired` event, in one transaction. Returns how many.
 */
export async function expireDueVacancies(db: Database, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const expired = await tx
      .update(vacancies)
      .set({ status: 'expired', updatedAt: now, version: sql`${vacancies.version} + 1` })
      .where(and(eq(vacancies.status, 'open'), lt(vacancies.validThrough, now)))
      .returning({ id: vacancies.id, employerId: vacancies.employerId, version: vacancies.version });
    await publishEvents(
      tx,
      expired.map((v) => ({
        type: 'vacancy.expired',
        aggregateType: 'vacancy',
        aggregateId: v.id,
        payload: { vacancyId: v.id, employerId: v.employerId, version: v.version },
      })),
    );
    return expired.length;
  });
}
