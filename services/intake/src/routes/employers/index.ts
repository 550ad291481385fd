import { Employer, EmployerId, EmployerInput } from '@duijie/contracts';
import { type Database, type EmployerRow, employers, newId, publishEvent } from '@duijie/db';
import { maskPhone, problemResponses, problems, type ServiceApp } from '@duijie/service-kit';
import { eq } from 'drizzle-orm';
import { z } from 'zod';

type Options = { db: Database; clock: () => Date };

export function toEmployer(row: EmployerRow): Employer {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    creditCode: row.creditCode,
    regionCode: row.regionCode,
    contacts: row.contacts.map((c) => ({ name: c.name, phone: maskPhone(c.phone) })),
    blacklisted: row.blacklisted,
    blacklistReason: row.blacklistReason,
    blacklistedAt: row.blacklistedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** 用人单位: registration and lookup. API keys, blacklisting and vacancies build on these. */
export async function employerRoutes(app: ServiceApp, { db, clock }: Options) {
  app.post(
    '',
    {
      schema: {
        tags: ['employers'],
        summary: 'Register an employer',
        body: EmployerInput.strict(),
        response: { 201: Employer, ...problemResponses(400, 409) },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const now = clock();
      const row = await db.transaction(async (tx) => {
        const [existing] = await tx
          .select({ id: employers.id })
          .from(employers)
          .where(eq(employers.creditCode, input.creditCode));
        if (existing) {
          throw problems.conflict('employer-exists', `An employer with credit code ${input.creditCode} exists`, {
            employerId: existing.id,
          });
        }
        const [inserted] = await tx
          .insert(employers)
          .values({ id: newId('emp'), ...input, createdAt: now, updatedAt: now })
          .returning();
        if (!inserted) throw new Error('insert returned no row');
        await publishEvent(tx, {
          type: 'employer.registered',
          aggregateType: 'employer',
          aggregateId: inserted.id,
          payload: { employerId: inserted.id, regionCode: inserted.regionCode, kind: inserted.kind },
          requestId: request.id,
        });
        return inserted;
      });
      return reply.code(201).send(toEmployer(row));
    },
  );

  app.get(
    '/:employerId',
    {
      schema: {
        tags: ['employers'],
        summary: 'Read an employer',
        params: z.object({ employerId: EmployerId }),
        response: { 200: Employer, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const [row] = await db.select().from(employers).where(eq(employers.id, request.params.employerId));
      if (!row) throw problems.notFound('employer', request.params.employerId);
      return toEmployer(row);
    },
  );
}
