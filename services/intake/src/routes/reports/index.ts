import { beijingDate, beijingDayStart, DateOnly, NATIONWIDE, PriorityGroup, RegionCode } from '@duijie/contracts';
import { type Database, queryRows, sql } from '@duijie/db';
import { type RegionDirectory, regionPrefix } from '@duijie/regions';
import { covers, outOfScope, problemResponses, requireStaff, type ServiceApp } from '@duijie/service-kit';
import type { SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { sendTemplate } from '../../bulk/sheet-upload.ts';

type Options = { db: Database; clock: () => Date; regions: RegionDirectory };

/** The figures the bureaus file upward, with their Chinese headings in the export. */
const METRICS = {
  registered: '登记求职人数',
  intents: '达成意向',
  placements: '实现就业',
  stable90: '稳岗90天',
  followUpsDue: '应跟踪',
  followUpsDone: '已跟踪',
  fairsHeld: '举办招聘会',
  vacanciesOffered: '提供岗位',
  postsOffered: '招聘人数',
  notificationsSent: '推送消息',
} as const;
type Metric = keyof typeof METRICS;

const DAY = 86_400_000;
/** Code lengths of the levels: province, prefecture, county, township, village. */
const LEVELS = [2, 4, 6, 9, 12];

const ReportQuery = z.object({
  regionCode: RegionCode.optional().describe('default: your region'),
  from: DateOnly.optional().describe('default: the first of this month'),
  to: DateOnly.optional().describe('exclusive; default: tomorrow'),
  priorityGroup: PriorityGroup.optional().describe('count only seekers of this group (for the figures about people)'),
  format: z.enum(['json', 'xlsx']).default('json'),
});

const Row = z.object({
  regionCode: z.string(),
  name: z.string(),
  ...Object.fromEntries(Object.keys(METRICS).map((k) => [k, z.int()])),
});
const Summary = z
  .object({
    regionCode: z.string(),
    from: DateOnly,
    to: DateOnly,
    priorityGroup: z.string().nullable(),
    rows: z.array(Row).describe('one per division one level below'),
    total: Row,
  })
  .meta({ id: 'ReportSummary' });

/** Statistics by region for a period, the zero-out list and the monitored groups, within the caller's region. */
export async function reportRoutes(app: ServiceApp, { db, clock, regions }: Options) {
  const scopeOf = (caller: Parameters<typeof requireStaff>[0], regionCode: string | undefined) => {
    const staff = requireStaff(caller);
    if (regionCode && !covers(staff, regionCode)) throw outOfScope(regionCode, staff.regionCode);
    return regionCode ?? staff.regionCode;
  };

  app.get(
    '/v1/reports/summary',
    {
      schema: {
        tags: ['reports'],
        operationId: 'getReportSummary',
        summary:
          '按下一级行政区统计某一时期：登记、意向、上岗、90 天稳定就业、回访、招聘会、岗位、消息（工作人员；JSON 或 XLSX） · Counts by division one level below, for a period: registered, intents, placements, stable at 90 days, follow-ups, fairs, vacancies, messages (staff; JSON or XLSX)',
        querystring: ReportQuery,
        produces: ['application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: Summary, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const region = scopeOf(request.caller, request.query.regionCode);
      const now = clock();
      const today = beijingDate(now);
      const from = request.query.from ?? `${today.slice(0, 8)}01`;
      const to = request.query.to ?? beijingDate(new Date(beijingDayStart(today).getTime() + DAY));
      const report = await summary(db, regions, { region, from, to, group: request.query.priorityGroup });
      if (request.query.format === 'xlsx') {
        return sendTemplate(reply, `就业服务统计_${region}_${from}_${to}.xlsx`, await workbook(report));
      }
      return report;
    },
  );

  app.get(
    '/v1/reports/zero-out',
    {
      schema: {
        tags: ['reports'],
        operationId: 'listZeroOut',
        summary:
          '动态清零：仍未就业的登记求职者，等待最久的在前，附登记以来的天数（工作人员） · Zero-out: registered seekers still unemployed, longest waiting first, with the days since registration (staff)',
        querystring: z.object({
          regionCode: RegionCode.optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: {
          200: z.object({
            total: z.int(),
            byRegion: z.array(z.object({ regionCode: z.string(), count: z.int() })).describe('by county'),
            items: z.array(
              z.object({
                seekerId: z.string(),
                name: z.string(),
                residenceRegionCode: z.string(),
                priorityGroups: z.array(z.string()),
                registeredAt: z.string(),
                daysSinceRegistration: z.int(),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const region = scopeOf(request.caller, request.query.regionCode);
      const within = withinRegion('residence_region_code', region);
      const now = clock();
      const items = await queryRows<{
        id: string;
        name: string;
        residence_region_code: string;
        priority_groups: string[];
        registered_at: string | Date;
      }>(
        db,
        sql`select id, name, residence_region_code, priority_groups, registered_at from seekers
            where active and employment_status = 'unemployed' and ${within}
            order by registered_at, id limit ${request.query.limit}`,
      );
      const byRegion = await queryRows<{ code: string; count: number }>(
        db,
        sql`select substr(residence_region_code, 1, 6) as code, count(*)::int as count from seekers
            where active and employment_status = 'unemployed' and ${within} group by 1 order by 1`,
      );
      return {
        total: byRegion.reduce((s, r) => s + r.count, 0),
        byRegion: byRegion.map((r) => ({ regionCode: r.code, count: r.count })),
        items: items.map((s) => ({
          seekerId: s.id,
          name: s.name,
          residenceRegionCode: s.residence_region_code,
          priorityGroups: s.priority_groups,
          registeredAt: new Date(s.registered_at).toISOString(),
          daysSinceRegistration: Math.floor((now.getTime() - new Date(s.registered_at).getTime()) / DAY),
        })),
      };
    },
  );

  app.get(
    '/v1/reports/monitored',
    {
      schema: {
        tags: ['reports'],
        operationId: 'listMonitored',
        summary:
          '三类人员监测：每人的就业状态及其变化、上岗记录和最近一次回访（工作人员） · The three monitored groups: each with their employment status and its history, placements and the last follow-up (staff)',
        querystring: z.object({
          regionCode: RegionCode.optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                seekerId: z.string(),
                name: z.string(),
                residenceRegionCode: z.string(),
                priorityGroups: z.array(z.string()),
                employmentStatus: z.string(),
                placements: z.int(),
                lastFollowUp: z.object({ kind: z.string(), outcome: z.string().nullable(), at: z.string() }).nullable(),
                since: z.string().describe('when the record last changed'),
                history: z
                  .array(z.object({ employmentStatus: z.string(), monitored: z.boolean(), at: z.string() }))
                  .describe('each change of status or monitoring, oldest first (the last 24)'),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const region = scopeOf(request.caller, request.query.regionCode);
      const rows = await queryRows<{
        id: string;
        name: string;
        residence_region_code: string;
        priority_groups: string[];
        employment_status: string;
        updated_at: string | Date;
        placements: number;
        kind: string | null;
        outcome: string | null;
        done_at: string | Date | null;
        history: { employment_status: string; monitored: boolean; changed_at: string }[] | null;
      }>(
        db,
        sql`select s.id, s.name, s.residence_region_code, s.priority_groups, s.employment_status, s.updated_at,
                   (select count(*)::int from placements p where p.seeker_id = s.id) as placements,
                   f.kind, f.outcome, f.done_at, h.history
            from seekers s
            left join lateral (select kind, outcome, done_at from follow_ups where seeker_id = s.id and status = 'done'
                               order by done_at desc limit 1) f on true
            left join lateral (select jsonb_agg(l order by l.seq) as history
                               from (select seq, employment_status, monitored, changed_at from seeker_status_history
                                     where seeker_id = s.id order by seq desc limit 24) l) h on true
            where s.monitored and ${withinRegion('s.residence_region_code', region)}
            order by s.updated_at desc limit ${request.query.limit}`,
      );
      return {
        items: rows.map((r) => ({
          seekerId: r.id,
          name: r.name,
          residenceRegionCode: r.residence_region_code,
          priorityGroups: r.priority_groups,
          employmentStatus: r.employment_status,
          placements: r.placements,
          lastFollowUp:
            r.kind && r.done_at ? { kind: r.kind, outcome: r.outcome, at: new Date(r.done_at).toISOString() } : null,
          since: new Date(r.updated_at).toISOString(),
          history: (r.history ?? []).map((h) => ({
            employmentStatus: h.employment_status,
            monitored: h.monitored,
            at: new Date(h.changed_at).toISOString(),
          })),
        })),
      };
    },
  );
}

const withinRegion = (column: string, region: string): SQL =>
  region === NATIONWIDE ? sql`true` : sql`${sql.raw(column)} like ${`${regionPrefix(region)}%`}`;

/** Every figure for each division one level below `region`, counted from the rows. */
export async function summary(
  db: Database,
  regions: RegionDirectory,
  q: { region: string; from: string; to: string; group?: string | undefined },
) {
  const own = region6Length(q.region);
  const length = LEVELS.find((l) => l > own) ?? 12;
  const from = beijingDayStart(q.from).toISOString();
  const to = beijingDayStart(q.to).toISOString();
  const inPeriod = (column: string) =>
    sql`${sql.raw(column)} >= ${from}::timestamptz and ${sql.raw(column)} < ${to}::timestamptz`;
  const group = (column: string) => sql`substr(${sql.raw(column)}, 1, ${length})`;
  const within = (column: string) => withinRegion(column, q.region);
  const ofGroup = (column: string) => (q.group ? sql`${q.group} = any(${sql.raw(column)})` : sql`true`);
  const queries: Record<Metric, SQL> = {
    registered: sql`select ${group('residence_region_code')} as code, count(*)::int as n from seekers
      where ${within('residence_region_code')} and ${inPeriod('registered_at')} and ${ofGroup('priority_groups')} group by 1`,
    intents: sql`select ${group('s.residence_region_code')} as code, count(*)::int as n from intents i join seekers s on s.id = i.person_id
      where ${within('s.residence_region_code')} and ${inPeriod('i.created_at')} and ${ofGroup('s.priority_groups')} group by 1`,
    placements: sql`select ${group('p.region_code')} as code, count(*)::int as n from placements p join seekers s on s.id = p.seeker_id
      where ${within('p.region_code')} and ${inPeriod('p.created_at')} and ${ofGroup('s.priority_groups')} group by 1`,
    stable90: sql`select ${group('f.region_code')} as code, count(*)::int as n from follow_ups f join seekers s on s.id = f.seeker_id
      where f.kind = '90d' and f.outcome = 'still_employed' and ${within('f.region_code')} and ${inPeriod('f.done_at')} and ${ofGroup('s.priority_groups')} group by 1`,
    followUpsDue: sql`select ${group('f.region_code')} as code, count(*)::int as n from follow_ups f join seekers s on s.id = f.seeker_id
      where ${within('f.region_code')} and ${inPeriod('f.due_at')} and ${ofGroup('s.priority_groups')} group by 1`,
    followUpsDone: sql`select ${group('f.region_code')} as code, count(*)::int as n from follow_ups f join seekers s on s.id = f.seeker_id
      where f.status = 'done' and ${within('f.region_code')} and ${inPeriod('f.done_at')} and ${ofGroup('s.priority_groups')} group by 1`,
    fairsHeld: sql`select ${group('venue_region_code')} as code, count(*)::int as n from fairs
      where ${within('venue_region_code')} and ${inPeriod('starts_at')} group by 1`,
    vacanciesOffered: sql`select ${group('region_code')} as code, count(*)::int as n from vacancies
      where ${within('region_code')} and ${inPeriod('created_at')} group by 1`,
    postsOffered: sql`select ${group('region_code')} as code, coalesce(sum(headcount), 0)::int as n from vacancies
      where ${within('region_code')} and ${inPeriod('created_at')} group by 1`,
    notificationsSent: sql`select ${group('s.residence_region_code')} as code, count(*)::int as n from notification_messages m join seekers s on s.id = m.seeker_id
      where m.status = 'sent' and ${within('s.residence_region_code')} and ${inPeriod('m.sent_at')} and ${ofGroup('s.priority_groups')} group by 1`,
  };
  const byCode = new Map<string, Record<Metric, number>>();
  const zero = () => Object.fromEntries(Object.keys(METRICS).map((k) => [k, 0])) as Record<Metric, number>;
  for (const [metric, query] of Object.entries(queries) as [Metric, SQL][]) {
    for (const r of await queryRows<{ code: string; n: number }>(db, query)) {
      const counts = byCode.get(r.code) ?? zero();
      counts[metric] += r.n;
      byCode.set(r.code, counts);
    }
  }
  const nameOf = (code: string) =>
    regions.get(code.length <= 6 ? code.padEnd(6, '0') : code.padEnd(12, '0'))?.name ?? code;
  const rows = [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, counts]) => ({ regionCode: code, name: nameOf(code), ...counts }));
  const total = zero();
  for (const r of rows) for (const k of Object.keys(METRICS) as Metric[]) total[k] += r[k];
  return {
    regionCode: q.region,
    from: q.from,
    to: q.to,
    priorityGroup: q.group ?? null,
    rows,
    total: { regionCode: q.region, name: q.region === NATIONWIDE ? '全国' : nameOf(q.region), ...total },
  };
}

/** The significant length of a division code: 430000 → 2, 433100 → 4, 433101 → 6, 12-digit codes by their zeros. */
function region6Length(code: string): number {
  if (code === NATIONWIDE) return 0;
  return regionPrefix(code).length;
}

async function workbook(report: Awaited<ReturnType<typeof summary>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('统计');
  sheet.addRow([
    `就业服务统计 ${report.total.name}（${report.regionCode}） ${report.from} 至 ${report.to}${report.priorityGroup ? ` ${report.priorityGroup}` : ''}`,
  ]);
  sheet.addRow(['区划代码', '地区', ...Object.values(METRICS)]);
  for (const r of [...report.rows, report.total]) {
    sheet.addRow([r.regionCode, r.name, ...(Object.keys(METRICS) as Metric[]).map((k) => r[k])]);
  }
  sheet.getRow(2).font = { bold: true };
  sheet.getColumn(1).numFmt = '@';
  return Buffer.from(await book.xlsx.writeBuffer());
}
