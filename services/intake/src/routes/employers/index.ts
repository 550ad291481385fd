import { BlacklistChange, Employer, EmployerId, EmployerInput, EmployerQuery, pageOf } from '@duijie/contracts';
import { auditLog, type Database, type EmployerRow, employers, newId, publishEvent, updateVersioned } from '@duijie/db';
import type { RegionDirectory } from '@duijie/regions';
import {
  actorOf,
  commonErrors,
  covers,
  maskPhone,
  outOfScope,
  problemResponses,
  regionOf,
  requireStaff,
  type ServiceApp,
  toPage,
} from '@duijie/service-kit';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import { listEmployers } from '../../lists/employers.ts';

type Options = { db: Database; clock: () => Date; regions: RegionDirectory };

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

const Params = z.object({ employerId: EmployerId });

/** 用人单位: registered by staff of their region; staff admins keep the wage-arrears blacklist. */
export async function employerRoutes(app: ServiceApp, { db, clock, regions }: Options) {
  app.post(
    '',
    {
      schema: {
        tags: ['employers'],
        operationId: 'registerEmployer',
        summary:
          '登记用人单位（所辖地区覆盖该单位的工作人员） · Register an employer (staff whose region covers the employer’s)',
        body: EmployerInput.strict(),
        response: { 201: Employer, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request.caller);
      const { region, regionCode: code, ...fields } = request.body;
      const regionCode = regionOf(regions, { code, name: region }, { in: 'body', code: 'regionCode', name: 'region' });
      if (!regionCode) {
        throw commonErrors.regionRequired({ in: 'body', code: 'regionCode', name: 'region' });
      }
      const input = { ...fields, regionCode };
      if (!covers(staff, regionCode)) throw outOfScope(regionCode, staff.regionCode);
      const now = clock();
      const row = await db.transaction(async (tx) => {
        const [existing] = await tx
          .select({ id: employers.id })
          .from(employers)
          .where(eq(employers.creditCode, input.creditCode));
        if (existing) {
          throw errors.employerExists(input.creditCode, existing.id);
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
    '',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['employers'],
        operationId: 'listEmployers',
        summary: '查找用人单位 · Find employers',
        description:
          '按名称（部分即可，全角半角、大小写不分）、统一社会信用代码、地区（代码或地名，含下级地区）、类型、是否列入黑名单查找，' +
          '新登记的在前，分页。工作人员只看到本辖区的单位；用人单位的 API 密钥只看到本单位（一项的列表）。\n\n' +
          'By part of the name (full-width and half-width, upper and lower case alike), credit code, region (a code ' +
          'or a place name; it covers its subregions), kind or blacklisting, newest first, a page at a time. Staff see ' +
          'the employers of their region; an employer’s API key sees its own employer only (a list of one).',
        querystring: EmployerQuery,
        response: { 200: pageOf(Employer), ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request) => {
      const rows = await listEmployers(db, regions, request.caller, request.query);
      return toPage(rows, request.query.limit, toEmployer);
    },
  );

  app.get(
    '/:employerId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['employers'],
        operationId: 'getEmployer',
        summary: '查看用人单位 · Read an employer',
        params: Params,
        response: { 200: Employer, ...problemResponses(400, 404) },
      },
    },
    async (request) => toEmployer(await findEmployer(db, request.params.employerId)),
  );

  const blacklist = (path: string, listed: boolean, operationId: string, summary: string) =>
    app.post(
      `/:employerId/${path}`,
      {
        config: { audited: true },
        schema: {
          tags: ['employers'],
          operationId,
          summary,
          params: Params,
          body: BlacklistChange,
          response: { 200: Employer, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const staff = requireStaff(request.caller, 'admin');
        const current = await findEmployer(db, request.params.employerId);
        if (!covers(staff, current.regionCode)) throw outOfScope(current.regionCode, staff.regionCode);
        if (current.blacklisted === listed) {
          throw (listed ? errors.alreadyBlacklisted : errors.notBlacklisted)(current.id);
        }
        const { reason, version } = request.body;
        const row = await db.transaction(async (tx) => {
          const updated = await updateVersioned(tx, employers, current.id, version, {
            blacklisted: listed,
            blacklistReason: listed ? reason : null,
            blacklistedAt: listed ? clock() : null,
          });
          await publishEvent(tx, {
            type: listed ? 'employer.blacklisted' : 'employer.unblacklisted',
            aggregateType: 'employer',
            aggregateId: updated.id,
            payload: { employerId: updated.id, version: updated.version },
            requestId: request.id,
          });
          await tx.insert(auditLog).values({
            id: newId('aud'),
            actor: actorOf(staff),
            action: listed ? 'employer.blacklisted' : 'employer.unblacklisted',
            subjectType: 'employer',
            subjectId: updated.id,
            regionCode: updated.regionCode,
            requestId: request.id,
            detail: { reason },
          });
          return updated;
        });
        return toEmployer(row);
      },
    );
  blacklist(
    'blacklist',
    true,
    'blacklistEmployer',
    '将用人单位列入拖欠工资黑名单（管理员），其岗位不再参与匹配 · Put the employer on the wage-arrears blacklist (admin): its vacancies stop matching',
  );
  blacklist(
    'unblacklist',
    false,
    'unblacklistEmployer',
    '将用人单位移出黑名单（管理员），须说明理由 · Take the employer off the blacklist (admin), saying why',
  );
}

export async function findEmployer(db: Database, id: string): Promise<EmployerRow> {
  const [row] = await db.select().from(employers).where(eq(employers.id, id));
  if (!row) throw errors.employerNotFound(id);
  return row;
}
