import {
  ImportJob,
  pageOf,
  Seeker,
  SeekerBulkReport,
  SeekerId,
  SeekerInput,
  SeekerPersonalData,
  SeekerQuery,
  SeekerRegistered,
  SeekerRegistration,
  SeekerUpdate,
} from '@duijie/contracts';
import { auditLog, type Database, newId, seekers, updateVersioned } from '@duijie/db';
import {
  inputOf,
  RegisteredElsewhere,
  recordSeekerEvent,
  registerSeeker,
  seekerFields,
  toSeeker,
} from '@duijie/demand';
import type { RegionDirectory } from '@duijie/regions';
import {
  actorOf,
  applyChange,
  type Caller,
  covers,
  decodeCursor,
  HttpProblem,
  outOfScope,
  PATCH_TYPES,
  problemResponses,
  problems,
  queriedRegion,
  regionOf,
  regionPattern,
  requireStaff,
  type ServiceApp,
  seekerInScope,
  toPage,
} from '@duijie/service-kit';
import type { Taxonomy } from '@duijie/taxonomy';
import { and, arrayContains, desc, eq, like, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { ASYNC_DESCRIPTION, type ImportJobs } from '../../bulk/import-jobs.ts';
import { importSeekers } from '../../bulk/import-seekers.ts';
import { readSeekerSheet, seekerColumnName, seekerTemplate } from '../../bulk/seeker-sheet.ts';
import {
  acceptSpreadsheets,
  SHEET_LIMITS,
  SheetUpload,
  sendTemplate,
  sheetRows,
  UPLOAD_TYPES,
  uploadedSheet,
} from '../../bulk/sheet-upload.ts';

type Options = { db: Database; clock: () => Date; jobs: ImportJobs; regions: RegionDirectory; taxonomy: Taxonomy };

const Params = z.object({ seekerId: SeekerId });
const RESIDENCE = { in: 'body', code: 'residenceRegionCode', name: 'residence' } as const;

/**
 * 求职需求清单: seekers registered by officers (in their region) or by themselves, one record
 * per person. Only staff read or change records, and only within their region.
 */
export async function seekerRoutes(app: ServiceApp, { db, clock, jobs, regions, taxonomy }: Options) {
  /** The residence given by code or by place name (422 naming the field, with candidates), in the caller's region. */
  const residenceOf = (
    given: { residenceRegionCode?: string | undefined; residence?: string | undefined },
    caller: Caller,
  ) => {
    const code = regionOf(regions, { code: given.residenceRegionCode, name: given.residence }, RESIDENCE);
    if (code && caller.kind === 'staff' && !covers(caller, code)) throw outOfScope(code, caller.regionCode);
    return code;
  };

  app.post(
    '',
    {
      config: { access: 'public' },
      schema: {
        tags: ['seekers'],
        summary: 'Register a seeker (by staff in their region, or by the seeker without credentials)',
        description:
          'Staff: an ID number already registered in their region updates that record (`existing: true`). ' +
          'A seeker registering themselves creates a record only; if the ID number is registered, the answer is 409.',
        body: SeekerRegistration,
        response: { 201: SeekerRegistered, 200: SeekerRegistered, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const { caller } = request;
      if (caller.kind === 'employer') {
        throw new HttpProblem(403, 'staff-or-self-only', 'Employers do not register seekers');
      }
      const { residence, residenceRegionCode, ...fields } = request.body;
      const code = residenceOf({ residenceRegionCode, residence }, caller);
      if (!code) {
        throw problems.invalid([
          {
            in: 'body',
            field: 'residenceRegionCode',
            message: 'give the residenceRegionCode or the residence by name',
          },
        ]);
      }
      const input = { ...fields, residenceRegionCode: code };
      const { row, existing, unknownSkills, unknownCertificates } = await db
        .transaction((tx) => registerSeeker(tx, input, { caller, taxonomy, now: clock(), requestId: request.id }))
        .catch(async (err: unknown) => {
          // Written after the rollback: the refusal itself is what is recorded.
          if (err instanceof RegisteredElsewhere && caller.kind === 'staff') {
            await db.insert(auditLog).values({
              id: newId('aud'),
              actor: actorOf(caller),
              action: 'seeker.registration.refused',
              subjectType: 'seeker',
              subjectId: err.seekerId,
              requestId: request.id,
              detail: { reason: 'registered-elsewhere' },
            });
          }
          throw err;
        });
      return reply.code(existing ? 200 : 201).send({ ...toSeeker(row), existing, unknownSkills, unknownCertificates });
    },
  );

  acceptSpreadsheets(app);

  app.post(
    '/import',
    {
      schema: {
        tags: ['seekers'],
        summary: 'Register seekers from a spreadsheet (XLSX or CSV with the template’s Chinese headers; staff)',
        description:
          'Rows are numbered as in the sheet. Good rows are stored, with their events, all together; each bad row ' +
          'is reported with its column and why. A person already on your region’s list is updated. ID numbers and ' +
          `phones must be text cells (a number cell has lost digits: its row is refused). ${SHEET_LIMITS} ` +
          `The template’s example row (first cell 示例…) is skipped. ${ASYNC_DESCRIPTION}`,
        consumes: UPLOAD_TYPES,
        body: SheetUpload,
        response: {
          201: SeekerBulkReport,
          202: ImportJob,
          422: SeekerBulkReport,
          ...problemResponses(400, 401, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request.caller);
      const sheet = await uploadedSheet(request);
      const rows = await sheetRows(sheet, readSeekerSheet);
      return jobs.answer(
        request,
        reply,
        { kind: 'seekers.import', rows: rows.length, content: sheet.file },
        (beforeCommit) =>
          importSeekers(db, rows, {
            staff,
            regions,
            taxonomy,
            now: clock(),
            requestId: request.id,
            fieldName: seekerColumnName,
            beforeCommit,
          }),
      );
    },
  );

  app.get(
    '/import/template',
    {
      config: { access: 'public' },
      schema: { tags: ['seekers'], summary: 'The seeker registration template, with Chinese column headers and notes' },
    },
    async (_request, reply) => sendTemplate(reply, '求职登记模板.xlsx', await seekerTemplate()),
  );

  app.get(
    '',
    {
      schema: {
        tags: ['seekers'],
        summary: 'List seekers in your region, newest first (staff)',
        querystring: SeekerQuery,
        response: { 200: pageOf(Seeker), ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request) => {
      const staff = requireStaff(request.caller);
      const q = request.query;
      const region = queriedRegion(regions, q);
      const pattern = regionPattern(staff, region);
      const conditions: (SQL | undefined)[] = [
        pattern ? like(seekers.residenceRegionCode, pattern) : undefined,
        q.employmentStatus ? eq(seekers.employmentStatus, q.employmentStatus) : undefined,
        q.priorityGroup ? arrayContains(seekers.priorityGroups, [q.priorityGroup]) : undefined,
        q.skill ? arrayContains(seekers.skillCodes, [q.skill]) : undefined,
        q.cursor ? lt(seekers.id, decodeCursor(q.cursor, SeekerId)) : undefined,
      ];
      const rows = await db
        .select()
        .from(seekers)
        .where(and(...conditions))
        .orderBy(desc(seekers.id))
        .limit(q.limit + 1);
      return toPage(rows, q.limit, toSeeker);
    },
  );

  app.get(
    '/:seekerId',
    {
      schema: {
        tags: ['seekers'],
        summary: 'Read a seeker in your region (ID number and phone masked)',
        params: Params,
        response: { 200: Seeker, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => toSeeker(await seekerInScope(db, request.caller, request.params.seekerId)),
  );

  app.get(
    '/:seekerId/personal-data',
    {
      schema: {
        tags: ['seekers'],
        summary: 'Read the unmasked ID number and phone of a seeker in your region (each read is audited)',
        params: Params,
        response: { 200: SeekerPersonalData, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const row = await seekerInScope(db, request.caller, request.params.seekerId);
      // Written before the answer leaves: a read that cannot be audited is not served.
      await db.insert(auditLog).values({
        id: newId('aud'),
        actor: actorOf(request.caller),
        action: 'seeker.personal-data.read',
        subjectType: 'seeker',
        subjectId: row.id,
        requestId: request.id,
        detail: { fields: row.phone ? ['idNumber', 'phone'] : ['idNumber'] },
      });
      reply.header('cache-control', 'no-store');
      return { seekerId: row.id, idNumber: row.idNumber, phone: row.phone };
    },
  );

  app.patch(
    '/:seekerId',
    {
      schema: {
        tags: ['seekers'],
        summary: 'Change a seeker in your region (send the version you read: a stale one gets 409)',
        description:
          'A JSON Merge Patch (RFC 7396): a field left out is left as it is, `null` removes one that may be left ' +
          'out (back to its default), `demand`, `householdIncome` and `outcome` merge member by member.',
        consumes: PATCH_TYPES,
        params: Params,
        body: SeekerUpdate,
        response: { 200: SeekerRegistered, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { version, residence, ...changes } = request.body;
      const current = await seekerInScope(db, request.caller, request.params.seekerId);
      const moved = residenceOf(
        { residenceRegionCode: changes.residenceRegionCode ?? undefined, residence },
        request.caller,
      );
      if (moved) changes.residenceRegionCode = moved;
      const merged = applyChange(SeekerInput, inputOf(current), changes);
      const unknownSkills: string[] = [];
      const unknownCertificates: string[] = [];
      const fields = seekerFields(merged, taxonomy, unknownSkills, unknownCertificates);
      const row = await db.transaction(async (tx) => {
        const updated = await updateVersioned(tx, seekers, current.id, version, fields);
        await recordSeekerEvent(tx, 'seeker.updated', updated, request.id);
        return updated;
      });
      return { ...toSeeker(row), existing: true, unknownSkills, unknownCertificates };
    },
  );
}
