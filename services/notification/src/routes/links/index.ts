import { type Database, employers, notificationMessages, subscriptions, vacancies } from '@duijie/db';
import type { RegionDirectory } from '@duijie/regions';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import { unsubscribeUrl } from '../../opt-out.ts';

type Options = { db: Database; clock: () => Date; publicUrl: string; regions: RegionDirectory };

const Code = z.object({ code: z.string().regex(/^[0-9a-f]{16}$/) });

/** The job a message is about, as its page shows it: no one's personal data. */
const LinkedJob = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  employerName: z.string(),
  place: z.string().describe('the place of work by name (湘西州泸溪县), its address when given'),
  monthlyWage: z.object({ min: z.int(), max: z.int() }).describe('yuan a month, as the ranking compares it'),
  wage: z
    .object({ min: z.number(), max: z.number().nullable(), unit: z.string() })
    .describe('the wage in the form the employer offered it (unit: hour, day, week, month, year, piece)'),
  headcount: z.int(),
  housingProvided: z.boolean(),
  mealsProvided: z.boolean(),
  socialInsurance: z.boolean().nullable(),
  shift: z.string().nullable(),
  open: z.boolean().describe('still taking people'),
});

const LinkView = z
  .object({
    about: z.enum(['vacancy', 'fair', 'livestream', 'broadcast', 'invitation']),
    job: LinkedJob.nullable().describe('the vacancy, when the message is about one'),
    reason: z.string().nullable().describe('why the message was sent (why the job fits), in Chinese'),
    interestedAt: z.string().nullable().describe('when "我有意向" was pressed on this message'),
    unsubscribeUrl: z.string().nullable().describe('the seeker’s opt-out page (GET shows it, POST opts out)'),
  })
  .meta({ id: 'LinkView' });

const Interest = z.object({ interestedAt: z.string(), existing: z.boolean() }).meta({ id: 'LinkInterest' });

/**
 * The page behind a message's link (`/m/{code}` at the gateway) reads what the message is about
 * here, and records "我有意向". The link's code is the seeker's own, sent to them alone: it
 * names no one, and nothing answered here is personal.
 */
export async function linkRoutes(app: ServiceApp, { db, clock, publicUrl, regions }: Options) {
  const messageOf = async (code: string) => {
    const [m] = await db
      .select({
        id: notificationMessages.id,
        seekerId: notificationMessages.seekerId,
        reason: notificationMessages.reason,
        params: notificationMessages.params,
        interestedAt: notificationMessages.interestedAt,
      })
      .from(notificationMessages)
      .where(eq(notificationMessages.linkCode, code));
    if (!m) throw errors.linkNotFound(code);
    return m;
  };
  const placeName = (code: string) =>
    regions
      .chain(code)
      .reverse()
      .filter((r) => r.level !== 'province')
      .map((r) => r.name)
      .join('') || code;

  app.get(
    '/v1/notifications/l/:code/view',
    {
      config: { access: 'public' },
      schema: {
        tags: ['notifications'],
        operationId: 'viewLinkedMessage',
        summary: '短链接所指的内容（求职者手机页） · What a message’s link is about, for the seeker’s phone page',
        description:
          '岗位（名称、单位、地点、月工资及原始工资形式、福利）、推荐理由、是否已表示意向、退订页面地址。不含任何个人信息。\n\n' +
          'The job (title, employer, place, monthly wage and the wage as offered, benefits), why it was sent, ' +
          'whether interest was recorded, and the opt-out page. No personal data.',
        params: Code,
        response: { 200: LinkView, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const m = await messageOf(request.params.code);
      const [kind = 'broadcast', id = ''] = m.reason.split(':');
      let job: z.infer<typeof LinkedJob> | null = null;
      if (kind === 'vacancy') {
        const [row] = await db
          .select({ vacancy: vacancies, employerName: employers.name })
          .from(vacancies)
          .innerJoin(employers, eq(employers.id, vacancies.employerId))
          .where(eq(vacancies.id, id));
        if (row) {
          const v = row.vacancy;
          job = {
            id: v.id,
            title: v.title,
            description: v.description,
            employerName: row.employerName,
            place: [placeName(v.regionCode), v.address].filter(Boolean).join(' '),
            monthlyWage: { min: v.monthlyWageMin, max: v.monthlyWageMax },
            wage: { min: v.wageMin, max: v.wageMax, unit: v.wageUnit },
            headcount: v.headcount,
            housingProvided: v.housingProvided,
            mealsProvided: v.mealsProvided,
            socialInsurance: v.terms.socialInsurance ?? null,
            shift: v.shift,
            open: v.status === 'open',
          };
        }
      }
      const [subscription] = await db
        .select({ token: subscriptions.unsubscribeToken })
        .from(subscriptions)
        .where(eq(subscriptions.seekerId, m.seekerId));
      const reason = m.params.reason;
      return {
        about:
          (['vacancy', 'fair', 'livestream', 'broadcast', 'invitation'] as const).find((k) => k === kind) ??
          'broadcast',
        job,
        reason: typeof reason === 'string' ? reason : null,
        interestedAt: m.interestedAt?.toISOString() ?? null,
        unsubscribeUrl: subscription ? unsubscribeUrl(publicUrl, subscription.token) : null,
      };
    },
  );

  app.put(
    '/v1/notifications/l/:code/interest',
    {
      config: { access: 'public' },
      schema: {
        tags: ['notifications'],
        operationId: 'expressInterest',
        summary:
          '我有意向：记录求职者对消息所指内容的意向 · Records the seeker’s interest (“I’m interested”) in what the message is about',
        description:
          '无需登录：短链接的代码只发给该求职者本人。再次提交不改变任何内容（`existing: true`）。工作人员在该求职者的消息记录' +
          '（`GET /v1/notifications?seekerId=`）中看到 `interestedAt`。\n\n' +
          'No login: the link’s code was sent to the seeker alone. Sending it again changes nothing (`existing: true`). ' +
          'Staff see `interestedAt` in the seeker’s messages (`GET /v1/notifications?seekerId=`).',
        params: Code,
        response: { 200: Interest, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const m = await messageOf(request.params.code);
      if (m.interestedAt) return { interestedAt: m.interestedAt.toISOString(), existing: true };
      const now = clock();
      const [updated] = await db
        .update(notificationMessages)
        .set({ interestedAt: now })
        .where(and(eq(notificationMessages.id, m.id), isNull(notificationMessages.interestedAt)))
        .returning({ interestedAt: notificationMessages.interestedAt });
      if (updated?.interestedAt) return { interestedAt: updated.interestedAt.toISOString(), existing: false };
      // Pressed twice at once: the other press recorded it.
      const again = await messageOf(request.params.code);
      return { interestedAt: (again.interestedAt ?? now).toISOString(), existing: true };
    },
  );
}
