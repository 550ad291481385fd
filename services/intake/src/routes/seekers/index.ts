import { Seeker, SeekerId, SeekerInput, SeekerRegistered, SeekerUpdate } from '@duijie/contracts';
import {
  type Database,
  newId,
  publishEvent,
  type SeekerRow,
  seekers,
  type Transaction,
  updateVersioned,
} from '@duijie/db';
import type { RegionDirectory } from '@duijie/regions';
import { HttpProblem, problemResponses, problems, type ServiceApp } from '@duijie/service-kit';
import type { Taxonomy } from '@duijie/taxonomy';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { inputOf, seekerFields, toSeeker } from './seeker-record.ts';

type Options = { db: Database; clock: () => Date; regions: RegionDirectory; taxonomy: Taxonomy };

const Params = z.object({ seekerId: SeekerId });

async function record(tx: Transaction, type: string, row: SeekerRow, requestId: string) {
  // Events carry no personal data: consumers that need more read the record.
  await publishEvent(tx, {
    type,
    aggregateType: 'seeker',
    aggregateId: row.id,
    payload: { seekerId: row.id, residenceRegionCode: row.residenceRegionCode, version: row.version },
    requestId,
  });
}

/** 求职需求清单: seekers registered by officers or by themselves, one record per person. */
export async function seekerRoutes(app: ServiceApp, { db, clock, regions, taxonomy }: Options) {
  const checkResidence = (code: string) => {
    if (!regions.get(code)) {
      throw problems.unprocessable('unknown-region', `${code} is not a division code we know`, [
        { in: 'body', field: 'residenceRegionCode', message: 'not a division code we know' },
      ]);
    }
  };

  app.post(
    '',
    {
      schema: {
        tags: ['seekers'],
        summary: 'Register a seeker (an ID number already registered updates that record)',
        body: SeekerInput.strict(),
        response: { 201: SeekerRegistered, 200: SeekerRegistered, ...problemResponses(400, 422) },
      },
    },
    async (request, reply) => {
      checkResidence(request.body.residenceRegionCode);
      const unknownSkills: string[] = [];
      const fields = seekerFields(request.body, taxonomy, unknownSkills);
      const now = clock();
      const { row, existing } = await db.transaction(async (tx) => {
        // De-duplication by ID number: the unique index makes a race end in one row.
        const [found] = await tx.select().from(seekers).where(eq(seekers.idNumber, fields.idNumber)).for('update');
        if (found) {
          const updated = await updateVersioned(tx, seekers, found.id, found.version, fields);
          await record(tx, 'seeker.updated', updated, request.id);
          return { row: updated, existing: true };
        }
        const [inserted] = await tx
          .insert(seekers)
          .values({ id: newId('skr'), ...fields, registeredAt: now, createdAt: now, updatedAt: now })
          .returning();
        if (!inserted) throw new Error('insert returned no row');
        await record(tx, 'seeker.registered', inserted, request.id);
        return { row: inserted, existing: false };
      });
      return reply.code(existing ? 200 : 201).send({ ...toSeeker(row), existing, unknownSkills });
    },
  );

  app.get(
    '/:seekerId',
    {
      schema: {
        tags: ['seekers'],
        summary: 'Read a seeker (ID number and phone masked)',
        params: Params,
        response: { 200: Seeker, ...problemResponses(400, 404) },
      },
    },
    async (request) => toSeeker(await find(db, request.params.seekerId)),
  );

  app.patch(
    '/:seekerId',
    {
      schema: {
        tags: ['seekers'],
        summary: 'Change a seeker (send the version you read: a stale one gets 409)',
        params: Params,
        body: SeekerUpdate,
        response: { 200: SeekerRegistered, ...problemResponses(400, 404, 409, 422) },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      if (changes.residenceRegionCode) checkResidence(changes.residenceRegionCode);
      const current = await find(db, request.params.seekerId);
      const merged = SeekerInput.safeParse({ ...inputOf(current), ...changes });
      if (!merged.success) {
        throw new HttpProblem(
          400,
          'validation-error',
          'The change leaves the record invalid',
          merged.error.issues.map((i) => ({ in: 'body' as const, field: i.path.join('.'), message: i.message })),
        );
      }
      const unknownSkills: string[] = [];
      const fields = seekerFields(merged.data, taxonomy, unknownSkills);
      const row = await db.transaction(async (tx) => {
        const updated = await updateVersioned(tx, seekers, current.id, version, fields);
        await record(tx, 'seeker.updated', updated, request.id);
        return updated;
      });
      return { ...toSeeker(row), existing: true, unknownSkills };
    },
  );
}

async function find(db: Database, id: string): Promise<SeekerRow> {
  const [row] = await db.select().from(seekers).where(eq(seekers.id, id));
  if (!row) throw problems.notFound('seeker', id);
  return row;
}
