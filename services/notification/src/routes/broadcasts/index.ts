import {
  Broadcast,
  BroadcastId,
  BroadcastInput,
  BroadcastPreview,
  NATIONWIDE,
  NotificationLog,
  SeekerId,
} from '@duijie/contracts';
import {
  type BroadcastRow,
  broadcasts,
  type Database,
  deliveryAttempts,
  newId,
  notificationMessages,
  publishEvent,
  queryRows,
  sql,
} from '@duijie/db';
import type { RegionDirectory } from '@duijie/regions';
import {
  actorOf,
  covers,
  outOfScope,
  placeCode,
  problemResponses,
  requireStaff,
  type ServiceApp,
  seekerInScope,
} from '@duijie/service-kit';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import type { AnswerLinks } from '../../invitations/answer-link.ts';
import { previewSegment, type Segment } from '../../planning.ts';

type Options = {
  db: Database;
  clock: () => Date;
  publicUrl: string;
  answerLinks: AnswerLinks;
  regions: RegionDirectory;
};

/** Policy broadcasts with a preview, the delivery log, and the short links in messages. */
export async function broadcastRoutes(app: ServiceApp, { db, clock, publicUrl, answerLinks, regions }: Options) {
  /**
   * A segment within the caller's region: no regions means all of it. Regions named are read
   * into codes (422 naming the one that fits no place or several, with the candidates).
   */
  const scoped = (
    caller: Parameters<typeof requireStaff>[0],
    segment: z.infer<typeof BroadcastInput>['segment'],
  ): Segment & { regions: string[] } => {
    const staff = requireStaff(caller);
    const given = [
      ...segment.regionCodes.map((code, i) =>
        placeCode(regions, code, { in: 'body', field: `segment.regionCodes.${i}` }),
      ),
      ...segment.regions.map((name, i) => placeCode(regions, name, { in: 'body', field: `segment.regions.${i}` })),
    ];
    for (const code of given) if (!covers(staff, code)) throw outOfScope(code, staff.regionCode);
    const regionCodes = given.length > 0 || staff.regionCode === NATIONWIDE ? [...new Set(given)] : [staff.regionCode];
    return { ...segment, regionCodes };
  };
  const outcomesOf = async (id: string) =>
    Object.fromEntries(
      (
        await queryRows<{ status: string; n: number }>(
          db,
          sql`select status, count(*)::int as n from notification_messages where reason = ${`broadcast:${id}`} group by status`,
        )
      ).map((r) => [r.status, r.n]),
    );
  const view = async (row: BroadcastRow) => ({
    id: row.id,
    title: row.title,
    body: row.body,
    segment: { regions: [], ...(row.segment as Omit<z.infer<typeof BroadcastInput>['segment'], 'regions'>) },
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    planned: row.planned,
    outcomes: await outcomesOf(row.id),
  });

  app.post(
    '/v1/broadcasts/preview',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'previewBroadcast',
        summary:
          '发送前预估向该人群群发政策能触达多少人（工作人员） · How many a policy broadcast to this segment would reach, before sending it (staff)',
        body: BroadcastInput.pick({ segment: true }),
        response: { 200: BroadcastPreview, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request) => previewSegment(db, 'policies', scoped(request.caller, request.body.segment)),
  );

  app.post(
    '/v1/broadcasts',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'broadcastPolicy',
        summary:
          '在本地区内向某一人群（地区 × 重点群体 × 状态）群发政策（工作人员） · Broadcast a policy to a segment (regions × priority groups × status) within your region (staff)',
        description:
          '稍后由群发消费者按人按渠道各安排一次；在此之前答复中的 `planned` 为 null。\n\n' +
          'Planned moments later, once per person and channel, by the broadcasts consumer; the answer’s `planned` is null until then.',
        body: BroadcastInput,
        response: { 201: Broadcast, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const segment = scoped(request.caller, request.body.segment);
      const now = clock();
      const row = await db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(broadcasts)
          .values({
            id: newId('brd'),
            title: request.body.title,
            body: request.body.body,
            segment,
            createdBy: actorOf(request.caller),
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!inserted) throw new Error('insert returned no row');
        await publishEvent(tx, {
          type: 'broadcast.created',
          aggregateType: 'broadcast',
          aggregateId: inserted.id,
          payload: { broadcastId: inserted.id },
          requestId: request.id,
        });
        return inserted;
      });
      return reply.code(201).send(await view(row));
    },
  );

  app.get(
    '/v1/broadcasts/:broadcastId',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'getBroadcast',
        summary:
          '查看群发，附按状态统计的消息数（工作人员） · A broadcast, with its messages counted by status (staff)',
        params: z.object({ broadcastId: BroadcastId }),
        response: { 200: Broadcast, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const staff = requireStaff(request.caller);
      const [row] = await db.select().from(broadcasts).where(eq(broadcasts.id, request.params.broadcastId));
      const regions = (row?.segment.regionCodes ?? []) as string[];
      if (
        !row ||
        (staff.regionCode !== NATIONWIDE && (regions.length === 0 || !regions.every((c) => covers(staff, c))))
      ) {
        throw errors.broadcastNotFound(request.params.broadcastId);
      }
      return view(row);
    },
  );

  app.get(
    '/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'listNotifications',
        summary:
          '求职者的消息及每次投递尝试（求职者所在地区的工作人员） · A seeker’s messages and every delivery attempt (staff of the seeker’s region)',
        querystring: z.object({ seekerId: SeekerId, limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: NotificationLog, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const seeker = await seekerInScope(db, request.caller, request.query.seekerId);
      const messages = await db
        .select()
        .from(notificationMessages)
        .where(eq(notificationMessages.seekerId, seeker.id))
        .orderBy(desc(notificationMessages.createdAt))
        .limit(request.query.limit);
      const attempts =
        messages.length === 0
          ? []
          : await db
              .select()
              .from(deliveryAttempts)
              .where(
                inArray(
                  deliveryAttempts.messageId,
                  messages.map((m) => m.id),
                ),
              )
              .orderBy(asc(deliveryAttempts.seq));
      return {
        items: messages.map((m) => ({
          id: m.id,
          reason: m.reason,
          topic: m.topic,
          channel: m.channel,
          status: m.status,
          attempts: m.attempts,
          availableAt: m.availableAt.toISOString(),
          deferredFor: m.deferredFor,
          lastError: m.lastError,
          sentAt: m.sentAt?.toISOString() ?? null,
          interestedAt: m.interestedAt?.toISOString() ?? null,
          log: attempts
            .filter((a) => a.messageId === m.id)
            .map((a) => ({ attempt: a.attempt, outcome: a.outcome, response: a.response, at: a.at.toISOString() })),
        })),
      };
    },
  );

  app.get(
    '/v1/notifications/l/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['notifications'],
        operationId: 'followShortLink',
        summary: '消息中的短链接 · The short link in a message',
        description:
          '跳转（302）到链接所指的岗位（求职者手机页 /m/{code}）、招聘会、直播或政策；以 `Accept: application/json` 请求（不含 text/html）时，' +
          '以 200 答复目标地址，便于小程序等客户端自行打开。\n\n' +
          'Redirects (302) to the job (the seeker’s phone page, /m/{code}), fair, livestream or broadcast it is about; asked with ' +
          '`Accept: application/json` (and not text/html), it answers 200 with that address instead, ' +
          'for clients (a mini program) that open it themselves.',
        params: z.object({ code: z.string().regex(/^[0-9a-f]{16}$/) }),
        response: {
          200: z.object({ location: z.string().describe('where the link leads') }),
          // No body: `null` is how the document says so.
          302: z
            .null()
            .describe(
              'To the job’s phone page (/m/{code}), the fair, livestream, broadcast or invitation answer page (Location), no body',
            ),
          ...problemResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const [m] = await db
        .select({ reason: notificationMessages.reason })
        .from(notificationMessages)
        .where(eq(notificationMessages.linkCode, request.params.code));
      if (!m) throw errors.linkNotFound(request.params.code);
      const [kind, id = ''] = m.reason.split(':');
      // An invitation's link leads to its answer page, whose token only this service can make;
      // a job's to the seeker's phone page (the gateway's `/m/{code}`), which reads the job and
      // records "我有意向" by the same code.
      const location =
        kind === 'invitation'
          ? answerLinks.url(publicUrl, id)
          : `${publicUrl}${
              kind === 'vacancy'
                ? `/m/${request.params.code}`
                : kind === 'fair'
                  ? `/v1/fairs/${id}`
                  : kind === 'livestream'
                    ? `/v1/livestreams/${id}`
                    : `/v1/broadcasts/${id}`
            }`;
      const accept = request.headers.accept ?? '';
      if (accept.includes('application/json') && !accept.includes('text/html')) return { location };
      return reply.redirect(location, 302);
    },
  );
}
