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
  acceptedRegionCodes,
  actorOf,
  applyChange,
  type Caller,
  commonErrors,
  covers,
  decodeCursor,
  outOfScope,
  PATCH_TYPES,
  problemResponses,
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
import { ASYNC_DESCRIPTION, ASYNC_DESCRIPTION_ZH, type ImportJobs } from '../../bulk/import-jobs.ts';
import { importSeekers } from '../../bulk/import-seekers.ts';
import { readSeekerSheet, seekerColumnName, seekerTemplate } from '../../bulk/seeker-sheet.ts';
import {
  acceptSpreadsheets,
  SHEET_LIMITS,
  SHEET_LIMITS_ZH,
  SheetUpload,
  sendTemplate,
  sheetRows,
  TemplateDownload,
  UPLOAD_TYPES,
  uploadedSheet,
} from '../../bulk/sheet-upload.ts';
import { errors } from '../../errors.ts';
import { nameContains } from '../../lists/name-search.ts';

type Options = { db: Database; clock: () => Date; jobs: ImportJobs; regions: RegionDirectory; taxonomy: Taxonomy };

const Params = z.object({ seekerId: SeekerId });
const RESIDENCE = { in: 'body', code: 'residenceRegionCode', name: 'residence' } as const;
const ACCEPTED = { in: 'body', field: 'demand.acceptedRegions' } as const;

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

  /** Accepted regions given by code or by name, as codes (422 naming the entry). */
  const acceptedPlaces = <D extends { acceptedRegions?: string[] | null | undefined }>(demand: D): D =>
    demand.acceptedRegions
      ? { ...demand, acceptedRegions: acceptedRegionCodes(regions, demand.acceptedRegions, ACCEPTED) }
      : demand;

  app.post(
    '',
    {
      config: { access: 'public' },
      schema: {
        tags: ['seekers'],
        operationId: 'registerSeeker',
        summary:
          '登记求职者（由所在地区的工作人员，或求职者本人无需凭证） · Register a seeker (by staff in their region, or by the seeker without credentials)',
        description:
          '工作人员：本地区已登记的身份证号会更新该记录（`existing: true`）。求职者自行登记只会新建记录；身份证号已登记时答复 409。\n\n' +
          'Staff: an ID number already registered in their region updates that record (`existing: true`). ' +
          'A seeker registering themselves creates a record only; if the ID number is registered, the answer is 409.',
        body: SeekerRegistration,
        response: { 201: SeekerRegistered, 200: SeekerRegistered, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const { caller } = request;
      if (caller.kind === 'employer') {
        throw errors.staffOrSelfOnly();
      }
      const { residence, residenceRegionCode, ...fields } = request.body;
      const code = residenceOf({ residenceRegionCode, residence }, caller);
      if (!code) {
        throw commonErrors.regionRequired(RESIDENCE);
      }
      const input = { ...fields, residenceRegionCode: code, demand: acceptedPlaces(fields.demand) };
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
              // The region whose staff tried: its admin sees the attempt (the person is elsewhere's).
              regionCode: caller.regionCode,
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
        operationId: 'importSeekers',
        summary:
          '以表格登记求职者（XLSX 或 CSV，使用模板的中文表头；工作人员） · Register seekers from a spreadsheet (XLSX or CSV with the template’s Chinese headers; staff)',
        description:
          '行号与表格一致。合格的行连同其事件一起入库；每个有误的行报告其列和原因。已在本地区名单上的人会被更新。' +
          `身份证号和手机号必须是文本单元格（数字单元格已丢失位数：该行被拒绝）。${SHEET_LIMITS_ZH}` +
          `模板中的示例行（首格为“示例…”）会被跳过。${ASYNC_DESCRIPTION_ZH}\n\n` +
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
      schema: {
        tags: ['seekers'],
        operationId: 'downloadSeekerTemplate',
        summary:
          '下载求职登记模板（中文表头和填写说明） · The seeker registration template, with Chinese column headers and notes',
        response: { 200: TemplateDownload },
      },
    },
    async (_request, reply) => sendTemplate(reply, '求职登记模板.xlsx', await seekerTemplate()),
  );

  app.get(
    '',
    {
      schema: {
        tags: ['seekers'],
        operationId: 'listSeekers',
        summary:
          '本地区的求职者列表，最新的在前，可按姓名的一部分查找（工作人员） · List seekers in your region, newest first, by part of the name if given (staff)',
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
        nameContains(seekers.name, q.name),
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
        operationId: 'getSeeker',
        summary:
          '查看本地区的求职者（身份证号和手机号脱敏） · Read a seeker in your region (ID number and phone masked)',
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
        operationId: 'getSeekerPersonalData',
        summary:
          '查看本地区求职者未脱敏的身份证号和手机号（每次查看都记入审计） · Read the unmasked ID number and phone of a seeker in your region (each read is audited)',
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
        regionCode: row.residenceRegionCode,
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
        operationId: 'changeSeeker',
        summary:
          '修改本地区的求职者（带上读到的版本号：过时的得到 409） · Change a seeker in your region (send the version you read: a stale one gets 409)',
        description:
          'JSON Merge Patch（RFC 7396）：未给出的字段保持不变，`null` 删除可省略的字段（恢复默认），' +
          '`demand`、`householdIncome` 和 `outcome` 按成员合并。\n\n' +
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
      if (changes.demand?.acceptedRegions) changes.demand = acceptedPlaces(changes.demand);
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
