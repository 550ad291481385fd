import type { Booth } from '@duijie/contracts';
import { type Database, type Executor, fairBooths, fairs, fairVacancies, vacancies } from '@duijie/db';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { errors as matchingErrors } from '../errors.ts';
import { publishLive } from '../live/intents.ts';

export type BoothRequest = { fairId: string; employerId: string; booth: string; vacancyIds: readonly string[] };

/** 422 naming each vacancy that does not exist or is another employer's. */
async function checkVacancies(db: Executor, employerId: string, wanted: readonly string[]) {
  const owned = await db
    .select({ id: vacancies.id, employerId: vacancies.employerId })
    .from(vacancies)
    .where(inArray(vacancies.id, [...wanted]));
  const wrong = wanted.flatMap((id, i) => {
    const found = owned.find((v) => v.id === id);
    return found?.employerId === employerId ? [] : [{ field: `vacancyIds.${i}`, missing: !found }];
  });
  if (wrong.length > 0) throw matchingErrors.boothVacancies(wrong);
}

/**
 * An employer takes a booth number with some of its vacancies; sending it again replaces them
 * (or moves the employer to another number). A number another employer holds is 409 naming
 * the holder. Booth changes of one fair take turns on the fair's row, so the check sees every
 * earlier change; the unique key is the last word.
 */
export async function takeBooth(
  db: Database,
  request: BoothRequest,
  context: { now: Date; requestId: string },
): Promise<z.infer<typeof Booth>> {
  const { fairId, employerId, booth } = request;
  const wanted = [...new Set(request.vacancyIds)];
  await checkVacancies(db, employerId, wanted);
  await db.transaction(async (tx) => {
    await tx.select({ id: fairs.id }).from(fairs).where(eq(fairs.id, fairId)).for('update');
    const [holder] = await tx
      .select({ employerId: fairBooths.employerId })
      .from(fairBooths)
      .where(and(eq(fairBooths.fairId, fairId), eq(fairBooths.booth, booth), ne(fairBooths.employerId, employerId)));
    if (holder) {
      throw matchingErrors.boothTaken(booth, holder.employerId);
    }
    await tx
      .insert(fairBooths)
      .values({ fairId, employerId, booth, takenAt: context.now })
      .onConflictDoUpdate({ target: [fairBooths.fairId, fairBooths.employerId], set: { booth } });
    const before = await tx
      .delete(fairVacancies)
      .where(and(eq(fairVacancies.fairId, fairId), eq(fairVacancies.employerId, employerId)))
      .returning({ vacancyId: fairVacancies.vacancyId });
    await tx
      .insert(fairVacancies)
      .values(wanted.map((vacancyId) => ({ fairId, vacancyId, employerId, joinedAt: context.now })));
    // Both the old and the new vacancies: a cache of the fair re-reads each and drops the ones gone.
    const touched = [...new Set([...before.map((b) => b.vacancyId), ...wanted])];
    await publishLive(
      tx,
      { kind: 'fair', id: fairId },
      'booth_joined',
      { employerId, booth, vacancyIds: touched },
      context.requestId,
    );
  });
  return { fairId, employerId, booth, vacancyIds: wanted };
}

/** The fair's booths, by number, with what each brings. */
export async function boothsOf(db: Executor, fairId: string): Promise<z.infer<typeof Booth>[]> {
  const rows = await db
    .select({ employerId: fairBooths.employerId, booth: fairBooths.booth, vacancyId: fairVacancies.vacancyId })
    .from(fairBooths)
    .innerJoin(
      fairVacancies,
      and(eq(fairVacancies.fairId, fairBooths.fairId), eq(fairVacancies.employerId, fairBooths.employerId)),
    )
    .where(eq(fairBooths.fairId, fairId))
    .orderBy(asc(fairBooths.booth), asc(fairVacancies.joinedAt), asc(fairVacancies.vacancyId));
  const booths = new Map<string, z.infer<typeof Booth>>();
  for (const r of rows) {
    const entry = booths.get(r.employerId) ?? { fairId, employerId: r.employerId, booth: r.booth, vacancyIds: [] };
    entry.vacancyIds.push(r.vacancyId);
    booths.set(r.employerId, entry);
  }
  return [...booths.values()];
}
