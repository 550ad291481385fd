import {
  BulkReport,
  BulkVacancies,
  EmployerId,
  ImportJob,
  pageOf,
  Vacancy,
  VacancyId,
  VacancyInput,
  VacancyQuery,
  VacancyStored,
  VacancyUpdate,
  Version,
} from '@duijie/contracts';
import { type Database, employers, updateVersioned, type VacancyRow, vacancies } from '@duijie/db';
import { regionPrefix } from '@duijie/regions';
import {
  applyChange,
  type Caller,
  decodeCursor,
  PATCH_TYPES,
  problemResponses,
  type ServiceApp,
  toPage,
} from '@duijie/service-kit';
import { and, desc, eq, like, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { employerAccess, mustActFor, mustNameOwnEmployer } from '../../authorize.ts';
import { ASYNC_DESCRIPTION, ASYNC_DESCRIPTION_ZH, type ImportJobs } from '../../bulk/import-jobs.ts';
import { importVacancies } from '../../bulk/import-vacancies.ts';
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
import { columnName, readVacancySheet, vacancyTemplate } from '../../bulk/vacancy-sheet.ts';
import { errors, vacancyInState } from '../../errors.ts';
import { type Lookups, normalizeVacancy } from '../../normalize/vacancy.ts';
import { JobPosting, JSON_LD, toJobPosting } from './job-posting.ts';
import { record, refuse, storeVacancy } from './store.ts';
import { inputOf, toVacancy } from './vacancy-record.ts';

type Options = Lookups & { db: Database; clock: () => Date; jobs: ImportJobs };

const Params = z.object({ vacancyId: VacancyId });
const VersionBody = z.object({ version: Version }).strict();
/** What a change may set: the create schema (it checks the merged record) without the employer. */
const VacancyChangeable = VacancyInput.omit({ employerId: true });

/** 岗位供给清单: vacancies in, normalised at the door, each change with its outbox event. */
export async function vacancyRoutes(app: ServiceApp, { db, clock, jobs, regions, taxonomy }: Options) {
  const lookups = { regions, taxonomy };

  app.post(
    '',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['vacancies'],
        operationId: 'postVacancy',
        summary: '发布岗位 · Post a vacancy',
        body: VacancyInput.strict(),
        response: { 201: VacancyStored, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { employerId, ...input } = request.body;
      await mustActFor(db, request.caller, employerId);
      const stored = await storeVacancy(db, employerId, input, { ...lookups, now: clock(), requestId: request.id });
      return reply.code(201).send(stored);
    },
  );

  app.post(
    '/bulk',
    {
      config: { access: 'staff-or-employer' },
      // 10,000 vacancies of JSON are a few megabytes.
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        tags: ['vacancies'],
        operationId: 'postVacanciesInBulk',
        summary:
          '批量发布最多 10,000 个岗位：合格的行入库，有误的行按行号报告 · Post up to 10,000 vacancies: good rows are stored, bad rows reported by number',
        description:
          `${ASYNC_DESCRIPTION_ZH}不作为任务时，答复 201（有行入库）或 422（无一入库）。\n\n` +
          `${ASYNC_DESCRIPTION} Without a job the answer is 201 (some stored) or 422 (none).`,
        body: BulkVacancies,
        response: { 201: BulkReport, 202: ImportJob, 422: BulkReport, ...problemResponses(400, 401, 413) },
      },
    },
    async (request, reply) => {
      const access = employerAccess(request.caller);
      const rows = request.body.vacancies.map((data, i) => ({ row: i + 1, data }));
      return jobs.answer(
        request,
        reply,
        { kind: 'vacancies.bulk', rows: rows.length, content: JSON.stringify(request.body) },
        (beforeCommit) =>
          importVacancies(db, rows, lookups, {
            now: clock(),
            requestId: request.id,
            access,
            actingFor: ownEmployer(request.caller),
            beforeCommit,
          }),
      );
    },
  );

  acceptSpreadsheets(app);

  app.post(
    '/import',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['vacancies'],
        operationId: 'importVacancies',
        summary:
          '以表格导入岗位（XLSX 或 CSV，使用模板的中文表头），行号与表格一致 · Post a spreadsheet of vacancies (XLSX or CSV with the template’s Chinese headers); rows are numbered as in the sheet',
        description:
          `${SHEET_LIMITS_ZH}模板中的示例行（首格为“示例…”）会被跳过。${ASYNC_DESCRIPTION_ZH}\n\n` +
          `${SHEET_LIMITS} The template’s example row (first cell 示例…) is skipped. ${ASYNC_DESCRIPTION}`,
        consumes: UPLOAD_TYPES,
        body: SheetUpload,
        querystring: z.object({
          employerId: EmployerId.optional().describe(
            'for rows that name no employer; with an API key, only its own employer (else 403)',
          ),
        }),
        response: { 201: BulkReport, 202: ImportJob, 422: BulkReport, ...problemResponses(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      const access = employerAccess(request.caller);
      mustNameOwnEmployer(request.caller, request.query.employerId);
      const defaults = { employerId: ownEmployer(request.caller) ?? request.query.employerId };
      const sheet = await uploadedSheet(request);
      const rows = await sheetRows(sheet, (file, format) => readVacancySheet(file, format, defaults));
      return jobs.answer(
        request,
        reply,
        { kind: 'vacancies.import', rows: rows.length, content: sheet.file },
        (beforeCommit) =>
          importVacancies(db, rows, lookups, {
            now: clock(),
            requestId: request.id,
            fieldName: columnName,
            access,
            actingFor: ownEmployer(request.caller),
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
        tags: ['vacancies'],
        operationId: 'downloadVacancyTemplate',
        summary:
          '下载岗位导入模板（中文表头和填写说明） · The spreadsheet template, with Chinese column headers and notes',
        response: { 200: TemplateDownload },
      },
    },
    async (_request, reply) => sendTemplate(reply, '岗位模板.xlsx', await vacancyTemplate()),
  );

  app.get(
    '/:vacancyId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['vacancies'],
        operationId: 'getVacancy',
        summary: '查看岗位 · Read a vacancy',
        description:
          '以 `Accept: application/ld+json` 请求时，岗位以 schema.org JobPosting JSON-LD 返回。\n\n' +
          'With `Accept: application/ld+json` the vacancy comes as schema.org JobPosting JSON-LD.',
        params: Params,
        response: {
          200: {
            description: 'The vacancy',
            content: { 'application/json': { schema: Vacancy }, [JSON_LD]: { schema: JobPosting } },
          },
          ...problemResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const row = await find(db, request.params.vacancyId);
      if (!request.headers.accept?.includes(JSON_LD)) return toVacancy(row);
      const [employer] = await db.select().from(employers).where(eq(employers.id, row.employerId));
      if (!employer) throw errors.employerNotFound(row.employerId);
      return reply.type(JSON_LD).send(toJobPosting(row, employer, regions));
    },
  );

  app.get(
    '',
    {
      config: { access: 'public' },
      schema: {
        tags: ['vacancies'],
        operationId: 'listVacancies',
        summary: '岗位列表，最新的在前 · List vacancies, newest first',
        querystring: VacancyQuery,
        response: { 200: pageOf(Vacancy), ...problemResponses(400) },
      },
    },
    async (request) => {
      const q = request.query;
      const conditions = [
        q.employerId ? eq(vacancies.employerId, q.employerId) : undefined,
        q.status ? eq(vacancies.status, q.status) : undefined,
        q.regionCode ? like(vacancies.regionCode, `${regionPrefix(q.regionCode)}%`) : undefined,
        q.skill ? sql`${vacancies.requiredSkills} @> ${JSON.stringify([{ code: q.skill }])}::jsonb` : undefined,
        q.cursor ? lt(vacancies.id, decodeCursor(q.cursor, VacancyId)) : undefined,
      ];
      const rows = await db
        .select()
        .from(vacancies)
        .where(and(...conditions))
        .orderBy(desc(vacancies.id))
        .limit(q.limit + 1);
      return toPage(rows, q.limit, toVacancy);
    },
  );

  app.patch(
    '/:vacancyId',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['vacancies'],
        operationId: 'changeVacancy',
        summary:
          '修改岗位（带上读到的版本号：过时的得到 409） · Change a vacancy (send the version you read: a stale one gets 409)',
        description:
          'JSON Merge Patch（RFC 7396）：未给出的字段保持不变，`null` 删除可省略的字段（恢复默认），`wage` 按成员合并。' +
          'validThrough 为现在或更早时，岗位立即关闭（状态 `expired`）。\n\n' +
          'A JSON Merge Patch (RFC 7396): a field left out is left as it is, `null` removes one that may be left ' +
          'out (back to its default), `wage` merges member by member. A validThrough of now or earlier closes the ' +
          'vacancy (status `expired`) at once.',
        consumes: PATCH_TYPES,
        params: Params,
        body: VacancyUpdate,
        response: { 200: VacancyStored, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { version, filledCount, ...changes } = request.body;
      const current = await find(db, request.params.vacancyId);
      await mustActFor(db, request.caller, current.employerId);
      // A new region name replaces the old code, not the other way round; a location that was
      // only the old region's centre moves with the region.
      const moved = Boolean(changes.region || changes.regionCode) && changes.location === undefined;
      const centre = regions.point(current.regionCode);
      const derived = moved && centre?.lat === current.lat && centre?.lng === current.lng;
      const before = {
        ...inputOf(current),
        ...(changes.region ? { regionCode: undefined } : {}),
        ...(derived ? { location: undefined } : {}),
      };
      const merged = applyChange(VacancyChangeable, before, changes);
      const normalized = normalizeVacancy(merged, lookups);
      if (!normalized.ok) refuse(normalized);
      const now = clock();
      const filling = filled(current, normalized.fields.headcount, filledCount ?? current.filledCount);
      // A validThrough moved to now or before closes the vacancy at once, as the expiry sweep would.
      const { validThrough } = normalized.fields;
      const status = filling.status === 'open' && validThrough && validThrough <= now ? 'expired' : filling.status;
      const row = await db.transaction(async (tx) => {
        const updated = await updateVersioned(tx, vacancies, current.id, version, {
          ...normalized.fields,
          ...filling,
          status,
        });
        await record(tx, 'vacancy.updated', updated, request.id);
        return updated;
      });
      return {
        ...toVacancy(row),
        unknownSkills: normalized.unknownSkills,
        unknownCertificates: normalized.unknownCertificates,
      };
    },
  );

  const transition = (
    path: string,
    event: 'vacancy.closed' | 'vacancy.reopened',
    to: 'open' | 'closed',
    allowedFrom: VacancyRow['status'][],
  ) =>
    app.post(
      `/:vacancyId/${path}`,
      {
        config: { access: 'staff-or-employer' },
        schema: {
          tags: ['vacancies'],
          operationId: `${path}Vacancy`,
          summary: `${to === 'open' ? '重新开放岗位' : '关闭岗位'} · ${path[0]?.toUpperCase()}${path.slice(1)} a vacancy`,
          params: Params,
          body: VersionBody,
          response: { 200: Vacancy, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const current = await find(db, request.params.vacancyId);
        await mustActFor(db, request.caller, current.employerId);
        if (!allowedFrom.includes(current.status)) {
          throw vacancyInState[current.status](current.id);
        }
        if (to === 'open' && current.validThrough && current.validThrough <= clock()) {
          throw errors.vacancyPastValidThrough();
        }
        const row = await db.transaction(async (tx) => {
          const updated = await updateVersioned(tx, vacancies, current.id, request.body.version, { status: to });
          await record(tx, event, updated, request.id);
          return updated;
        });
        return toVacancy(row);
      },
    );
  transition('close', 'vacancy.closed', 'closed', ['open']);
  transition('reopen', 'vacancy.reopened', 'open', ['closed', 'expired']);
}

/** The filled count and the status it implies: an open vacancy at its headcount is filled, and open again below it. */
function filled(current: VacancyRow, headcount: number, filledCount: number) {
  if (filledCount > headcount) {
    throw errors.filledOverHeadcount(filledCount, headcount);
  }
  const full = filledCount === headcount;
  const status =
    current.status === 'open' && full ? 'filled' : current.status === 'filled' && !full ? 'open' : current.status;
  return { filledCount, status };
}

const ownEmployer = (caller: Caller) => (caller.kind === 'employer' ? caller.employerId : undefined);

async function find(db: Database, id: string): Promise<VacancyRow> {
  const [row] = await db.select().from(vacancies).where(eq(vacancies.id, id));
  if (!row) throw errors.vacancyNotFound(id);
  return row;
}
