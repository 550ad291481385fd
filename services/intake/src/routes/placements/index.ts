import {
  beijingDayStart,
  FollowUp,
  FollowUpId,
  FollowUpInput,
  FollowUpQuery,
  NATIONWIDE,
  Placement,
  PlacementInput,
  PlacementQuery,
  pageOf,
} from '@duijie/contracts';
import {
  type Database,
  employers,
  type FollowUpRow,
  followUps,
  newId,
  type PlacementRow,
  placements,
  publishEvent,
  seekers,
  type Transaction,
  vacancies,
} from '@duijie/db';
import { recordSeekerEvent } from '@duijie/demand';
import type { RegionDirectory } from '@duijie/regions';
import { regionPrefix } from '@duijie/regions';
import {
  actorOf,
  covers,
  outOfScope,
  problemResponses,
  requireStaff,
  type ServiceApp,
  seekerInScope,
  toPage,
} from '@duijie/service-kit';
import { and, asc, eq, like, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import { listPlacements } from '../../lists/placements.ts';
import { record as recordVacancy } from '../vacancies/store.ts';

type Options = { db: Database; clock: () => Date; regions: RegionDirectory };

const DAY = 86_400_000;
/** Follow-ups after the start date: 72 hours, 30 days, 90 days; then monthly while the job lasts, up to a year. */
const SCHEDULE = [
  { kind: '72h', after: 3 * DAY },
  { kind: '30d', after: 30 * DAY },
  { kind: '90d', after: 90 * DAY },
] as const;
const MONTHLY = 30 * DAY;
const STABLE_FOR = 365 * DAY;

/** Midnight in Beijing at the start of a date. */

export const followUpView = (f: FollowUpRow, now: Date) => ({
  id: f.id,
  placementId: f.placementId,
  seekerId: f.seekerId,
  employerId: f.employerId,
  regionCode: f.regionCode,
  kind: f.kind,
  dueAt: f.dueAt.toISOString(),
  status: f.status,
  overdue: f.status === 'due' && f.dueAt < now,
  outcome: f.outcome,
  leftReason: f.leftReason,
  wagePaid: f.wagePaid,
  doneAt: f.doneAt?.toISOString() ?? null,
});

const placementView = (p: PlacementRow, tasks: FollowUpRow[], now: Date) => ({
  id: p.id,
  seekerId: p.seekerId,
  vacancyId: p.vacancyId,
  employerId: p.employerId,
  regionCode: p.regionCode,
  startDate: p.startDate,
  monthlyWage: p.monthlyWage,
  contractSigned: p.contractSigned,
  socialInsurance: p.socialInsurance,
  confirmedBy: p.confirmedBy,
  createdAt: p.createdAt.toISOString(),
  followUps: tasks.map((f) => followUpView(f, now)),
});

/**
 * 跟踪服务: an intent confirmed as a placement moves the vacancy's filled count (a full
 * vacancy stops matching), marks the seeker employed and schedules the follow-ups; each
 * follow-up's outcome feeds back — a 90-day one into the employer's record the ranking uses.
 */
export async function placementRoutes(app: ServiceApp, { db, clock, regions }: Options) {
  app.post(
    '/v1/placements',
    {
      schema: {
        tags: ['follow-up'],
        operationId: 'confirmPlacement',
        summary:
          '确认上岗（求职者所在地区的工作人员）：岗位已招人数随之变化，并安排回访 · Confirm a placement (staff of the seeker’s region): the vacancy’s filled count moves, follow-ups are scheduled',
        body: PlacementInput,
        response: { 201: Placement, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request.caller);
      const seeker = await seekerInScope(db, staff, request.body.seekerId);
      const input = request.body;
      const now = clock();
      const result = await db.transaction(async (tx) => {
        const [vacancy] = await tx.select().from(vacancies).where(eq(vacancies.id, input.vacancyId)).for('update');
        if (!vacancy) throw errors.vacancyNotFound(input.vacancyId);
        if (vacancy.status !== 'open' || vacancy.filledCount >= vacancy.headcount) {
          throw errors.noOpenPlace(vacancy.id, vacancy.status);
        }
        const [placement] = await tx
          .insert(placements)
          .values({
            id: newId('plc'),
            seekerId: seeker.id,
            vacancyId: vacancy.id,
            employerId: vacancy.employerId,
            intentId: input.intentId ?? null,
            regionCode: seeker.residenceRegionCode,
            startDate: input.startDate,
            monthlyWage: input.monthlyWage,
            contractSigned: input.contractSigned,
            socialInsurance: input.socialInsurance,
            confirmedBy: actorOf(staff),
            createdAt: now,
          })
          .onConflictDoNothing()
          .returning();
        if (!placement) throw errors.alreadyPlaced();
        const filled = vacancy.filledCount + 1;
        const [updated] = await tx
          .update(vacancies)
          .set({
            filledCount: filled,
            status: filled >= vacancy.headcount ? 'filled' : vacancy.status,
            version: vacancy.version + 1,
            updatedAt: now,
          })
          .where(eq(vacancies.id, vacancy.id))
          .returning();
        if (updated) await recordVacancy(tx, 'vacancy.updated', updated, request.id);
        await employed(
          tx,
          seeker.id,
          { status: 'employed', outcome: { status: 'placed', since: input.startDate } },
          now,
          request.id,
        );
        const tasks = await tx
          .insert(followUps)
          .values(
            SCHEDULE.map((s) => ({
              id: newId('fup'),
              placementId: placement.id,
              seekerId: seeker.id,
              employerId: vacancy.employerId,
              regionCode: seeker.residenceRegionCode,
              kind: s.kind,
              dueAt: new Date(beijingDayStart(input.startDate).getTime() + s.after),
              createdAt: now,
            })),
          )
          .returning();
        await publishEvent(tx, {
          type: 'placement.confirmed',
          aggregateType: 'placement',
          aggregateId: placement.id,
          payload: {
            placementId: placement.id,
            seekerId: seeker.id,
            vacancyId: vacancy.id,
            employerId: vacancy.employerId,
            regionCode: placement.regionCode,
          },
          requestId: request.id,
        });
        return { placement, tasks };
      });
      return reply.code(201).send(placementView(result.placement, result.tasks, now));
    },
  );

  app.get(
    '/v1/placements',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['follow-up'],
        operationId: 'listPlacements',
        summary: '查找就业安置记录 · Find placements',
        description:
          '本辖区求职者的安置记录及其跟踪回访，新的在前，分页；可按求职者、用人单位、岗位、到岗日期、回访结果、是否有逾期回访筛选。' +
          '不含身份证号和手机号。\n\n' +
          'Placements of the seekers of your region with their follow-ups, newest first, a page at a time; by seeker, ' +
          'employer, vacancy, start date, follow-up outcome or overdue follow-ups. No ID numbers or phones.',
        querystring: PlacementQuery,
        response: { 200: pageOf(Placement), ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request) => {
      const now = clock();
      const { rows, followUps: tasks } = await listPlacements(db, regions, request.caller, request.query, now);
      return toPage(rows, request.query.limit, (p) => placementView(p, tasks.get(p.id) ?? [], now));
    },
  );

  app.get(
    '/v1/follow-ups',
    {
      schema: {
        tags: ['follow-up'],
        operationId: 'listFollowUps',
        summary:
          '本地区的回访，最近到期的在前；`overdue=true` 列出已逾期的（工作人员） · Follow-ups of your region, soonest first: `overdue=true` lists those past due (staff)',
        querystring: FollowUpQuery,
        response: { 200: z.object({ items: z.array(FollowUp) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const staff = requireStaff(request.caller);
      const q = request.query;
      if (q.regionCode && !covers(staff, q.regionCode)) throw outOfScope(q.regionCode, staff.regionCode);
      const region = q.regionCode ?? staff.regionCode;
      const now = clock();
      const conditions: (SQL | undefined)[] = [
        region === NATIONWIDE ? undefined : like(followUps.regionCode, `${regionPrefix(region)}%`),
        eq(followUps.status, q.status),
        q.overdue ? lt(followUps.dueAt, now) : undefined,
      ];
      const rows = await db
        .select()
        .from(followUps)
        .where(and(...conditions))
        .orderBy(asc(followUps.dueAt))
        .limit(q.limit);
      return { items: rows.map((f) => followUpView(f, now)) };
    },
  );

  app.post(
    '/v1/follow-ups/:followUpId',
    {
      schema: {
        tags: ['follow-up'],
        operationId: 'recordFollowUp',
        summary:
          '记录回访：仍在岗、换了工作，或离职及原因；实发工资（工作人员） · Record a follow-up: still employed, changed job, or left and why; the wage actually paid (staff)',
        description:
          '满 90 天或之后仍在岗的，安排下一次月度回访（最长一年）。离职的：求职者重新失业，回到动态清零名单。' +
          '90 天的结果会记入用人单位的记录。\n\n' +
          'Still employed at 90 days or later schedules the next monthly check (up to a year). Left: the seeker is ' +
          'unemployed again and back on the zero-out list. A 90-day outcome updates the employer’s record.',
        params: z.object({ followUpId: FollowUpId }),
        body: FollowUpInput,
        response: { 200: FollowUp, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const staff = requireStaff(request.caller);
      const now = clock();
      const input = request.body;
      const done = await db.transaction(async (tx) => {
        const [task] = await tx
          .select()
          .from(followUps)
          .where(eq(followUps.id, request.params.followUpId))
          .for('update');
        if (!task || !covers(staff, task.regionCode)) throw errors.followUpNotFound(request.params.followUpId);
        if (task.status === 'done') throw errors.followUpDone();
        const [row] = await tx
          .update(followUps)
          .set({
            status: 'done',
            outcome: input.outcome,
            leftReason: input.outcome === 'left' ? (input.leftReason ?? 'other') : null,
            wagePaid: input.wagePaid ?? null,
            note: input.note ?? null,
            doneAt: now,
            doneBy: actorOf(staff),
          })
          .where(eq(followUps.id, task.id))
          .returning();
        const [placement] = await tx.select().from(placements).where(eq(placements.id, task.placementId));
        if (task.kind === '90d')
          await employerRecord(tx, task.employerId, input.outcome === 'still_employed', now, request.id);
        if (input.outcome === 'still_employed' && (task.kind === '90d' || task.kind === 'monthly') && placement) {
          const next = new Date(task.dueAt.getTime() + MONTHLY);
          if (next.getTime() - beijingDayStart(placement.startDate).getTime() <= STABLE_FOR) {
            await tx.insert(followUps).values({
              id: newId('fup'),
              placementId: task.placementId,
              seekerId: task.seekerId,
              employerId: task.employerId,
              regionCode: task.regionCode,
              kind: 'monthly',
              dueAt: next,
              createdAt: now,
            });
          }
        }
        if (input.outcome === 'left') {
          await employed(tx, task.seekerId, { status: 'unemployed', outcome: { status: 'pending' } }, now, request.id);
        }
        await publishEvent(tx, {
          type: 'follow_up.recorded',
          aggregateType: 'placement',
          aggregateId: task.placementId,
          payload: { followUpId: task.id, kind: task.kind, outcome: input.outcome, regionCode: task.regionCode },
          requestId: request.id,
        });
        return row as FollowUpRow;
      });
      return followUpView(done, now);
    },
  );
}

/** The seeker's employment status and outcome (六清 1 and 6), with their event. */
async function employed(
  tx: Transaction,
  seekerId: string,
  change: { status: string; outcome: Record<string, unknown> },
  now: Date,
  requestId: string,
) {
  const [row] = await tx
    .update(seekers)
    .set({
      employmentStatus: change.status,
      outcome: change.outcome,
      version: sql`${seekers.version} + 1`,
      updatedAt: now,
    })
    .where(eq(seekers.id, seekerId))
    .returning();
  if (row) await recordSeekerEvent(tx, 'seeker.updated', row, requestId);
}

/** A 90-day outcome into the employer's record: the running share still in the job. */
async function employerRecord(tx: Transaction, employerId: string, stayed: boolean, now: Date, requestId: string) {
  const [row] = await tx
    .update(employers)
    .set({
      followedUp90: sql`${employers.followedUp90} + 1`,
      retention90: sql`(coalesce(${employers.retention90}, 0) * ${employers.followedUp90} + ${stayed ? 1 : 0}) / (${employers.followedUp90} + 1)`,
      updatedAt: now,
    })
    .where(eq(employers.id, employerId))
    .returning({ id: employers.id, retention90: employers.retention90 });
  // The ranking reads the record with the employer: its vacancies are re-read where they are kept.
  if (row) {
    await publishEvent(tx, {
      type: 'employer.record_changed',
      aggregateType: 'employer',
      aggregateId: row.id,
      payload: { employerId: row.id, retention90: row.retention90 },
      requestId,
    });
  }
}
