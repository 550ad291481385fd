import { type BulkReport, VacancyInput } from '@duijie/contracts';
import { type Database, employers, insertMany, newId, publishEvents, type Transaction, vacancies } from '@duijie/db';
import { issueText } from '@duijie/service-kit';
import { and, inArray } from 'drizzle-orm';
import type { EmployerAccess } from '../authorize.ts';
import { rowMessages } from '../errors.ts';
import { type Lookups, normalizeVacancy } from '../normalize/vacancy.ts';
import type { Drafted, RowProblem } from './row-report.ts';
import { inStatements, letOthersIn, reportedFailures, type SheetInputRow } from './sheet.ts';

// Built once: zod compiles a schema on first use, and a schema made per row is compiled per row.
const Row = VacancyInput.strict();

/**
 * Many vacancies at once: every row is checked and normalised on its own; the good rows are
 * stored together, with their events, in one transaction (all of them or, if the database
 * fails, none); the bad rows are reported with their row number and field errors.
 */
export async function importVacancies(
  db: Database,
  rows: readonly SheetInputRow[],
  lookups: Lookups,
  context: {
    now: Date;
    requestId: string;
    fieldName?: (field: string) => string;
    /** Which employers the caller may post for. */
    access: EmployerAccess;
    /** With an employer's API key: rows are that employer's, and no other's. */
    actingFor?: string | undefined;
    /** Runs in the storing transaction with the report: a job records its end with its rows. */
    beforeCommit?: (tx: Transaction, report: Drafted<BulkReport>) => Promise<void>;
  },
): Promise<Drafted<BulkReport>> {
  const failed: RowProblem[] = [];
  const good: {
    row: number;
    values: typeof vacancies.$inferInsert;
    unknownSkills: string[];
    unknownCertificates: string[];
  }[] = [];
  const name = context.fieldName ?? ((field: string) => field);
  for (const [index, { row, data, errors }] of rows.entries()) {
    await letOthersIn(index);
    if (errors?.length) {
      failed.push({ row, errors: errors.map((e) => ({ field: name(e.field), message: e.message })) });
      continue;
    }
    const given = data as Record<string, unknown> | null;
    const acting = context.actingFor;
    if (acting && given && typeof given === 'object' && given.employerId !== undefined && given.employerId !== acting) {
      failed.push({ row, errors: [{ field: name('employerId'), message: rowMessages.keyActsFor(acting) }] });
      continue;
    }
    const parsed = Row.safeParse(
      acting && given && typeof given === 'object' ? { ...given, employerId: acting } : data,
    );
    if (!parsed.success) {
      failed.push({
        row,
        errors: parsed.error.issues.map((e) => ({ field: name(e.path.join('.')), message: issueText(e) })),
      });
      continue;
    }
    const { employerId, ...input } = parsed.data;
    const normalized = normalizeVacancy(input, lookups, { openAt: context.now });
    if (!normalized.ok) {
      failed.push({
        row,
        errors: normalized.errors.map((e) => ({ field: name(e.field), message: e.message })),
      });
      continue;
    }
    const { now } = context;
    good.push({
      row,
      unknownSkills: normalized.unknownSkills,
      unknownCertificates: normalized.unknownCertificates,
      values: {
        id: newId('vac'),
        employerId,
        ...normalized.fields,
        status: 'open',
        filledCount: 0,
        version: 1,
        datePosted: now,
        createdAt: now,
        updatedAt: now,
      },
    });
  }

  const employerIds = [...new Set(good.map((g) => g.values.employerId))];
  const known = new Map(
    employerIds.length === 0
      ? []
      : (
          await db
            .select({ id: employers.id, regionCode: employers.regionCode })
            .from(employers)
            .where(inArray(employers.id, employerIds))
        ).map((e) => [e.id, e]),
  );
  const storable = good.filter((g) => {
    const employer = known.get(g.values.employerId);
    const refused = employer ? context.access(employer) : rowMessages.employerNotFound(g.values.employerId);
    if (!refused) return true;
    failed.push({ row: g.row, errors: [{ field: name('employerId'), message: refused }] });
    return false;
  });

  await refuseTakenExternalIds(db, storable, failed, name);
  const refused = new Set(failed.map((f) => f.row));
  const stored = storable.filter((g) => !refused.has(g.row));

  const report: Drafted<BulkReport> = {
    stored: stored.length,
    ...reportedFailures(failed),
    vacancies: stored.map((g) => ({
      row: g.row,
      id: g.values.id as string,
      unknownSkills: g.unknownSkills,
      unknownCertificates: g.unknownCertificates,
    })),
  };
  await db.transaction(async (tx) => {
    await inStatements(stored, async (chunk) => {
      await insertMany(
        tx,
        vacancies,
        chunk.map((g) => g.values),
      );
      await publishEvents(
        tx,
        chunk.map((g) => ({
          type: 'vacancy.published',
          aggregateType: 'vacancy',
          aggregateId: g.values.id as string,
          payload: { vacancyId: g.values.id, employerId: g.values.employerId, status: 'open', version: 1 },
          requestId: context.requestId,
        })),
      );
    });
    await context.beforeCommit?.(tx, report);
  });
  return report;
}

/** A row whose externalId its employer already used, here or in an earlier row, is refused. */
async function refuseTakenExternalIds(
  db: Database,
  rows: { row: number; values: typeof vacancies.$inferInsert }[],
  failed: RowProblem[],
  name: (field: string) => string,
): Promise<void> {
  const withIds = rows.filter((g) => g.values.externalId);
  if (withIds.length === 0) return;
  const keyOf = (employerId: string, externalId: string) => `${employerId}\u0000${externalId}`;
  const taken = new Map<string, { vacancyId: string } | { row: number }>(
    (
      await db
        .select({ id: vacancies.id, employerId: vacancies.employerId, externalId: vacancies.externalId })
        .from(vacancies)
        .where(
          and(
            inArray(vacancies.employerId, [...new Set(withIds.map((g) => g.values.employerId))]),
            inArray(vacancies.externalId, [...new Set(withIds.map((g) => g.values.externalId as string))]),
          ),
        )
    ).map((v) => [keyOf(v.employerId, v.externalId ?? ''), { vacancyId: v.id } as const]),
  );
  for (const g of withIds) {
    const key = keyOf(g.values.employerId, g.values.externalId as string);
    const holder = taken.get(key);
    if (holder) {
      failed.push({
        row: g.row,
        errors: [{ field: name('externalId'), message: rowMessages.externalIdTaken(holder) }],
      });
    } else taken.set(key, { row: g.row });
  }
}
