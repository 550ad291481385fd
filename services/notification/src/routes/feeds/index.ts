import { type Database, queryRows, sql } from '@duijie/db';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import { fastifySSE } from '@fastify/sse';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import type { FeedKind, LiveFeeds } from '../../live/feeds.ts';

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events for fair and livestream screens. Each event's id is its number in the
 * fair's (or session's) feed, so a screen reconnecting with `Last-Event-ID` gets exactly what
 * it missed. Connections are woken by the process's one LISTEN (`LiveFeeds`).
 */
export async function liveFeedRoutes(app: ServiceApp, { db, feeds }: { db: Database; feeds: LiveFeeds }) {
  await app.register(fastifySSE, { heartbeatInterval: HEARTBEAT_MS });
  // Open streams never end by themselves: closing the service ends them, or it would wait forever.
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of streams) close();
  });
  const feed = (kind: FeedKind, table: 'fairs' | 'livestreams') =>
    app.get(
      `/v1/feeds/${table}/:id`,
      {
        // 'manual': no Accept negotiation (a 406 the schema does not list); the route always streams.
        sse: 'manual',
        config: { access: 'public' },
        schema: {
          tags: ['feeds'],
          operationId: table === 'fairs' ? 'followFairFeed' : 'followLivestreamFeed',
          summary: `${table === 'fairs' ? '招聘会' : '直播'}实时数据流（text/event-stream），供大屏使用，不含个人信息 · The live feed of a ${kind} (text/event-stream), for screens: no personal data`,
          description:
            '每个事件：`id`（在数据流中的序号）、`event`（如 fair.checked_in）、`data`（JSON）。断线后以 `Last-Event-ID` ' +
            '请求头（浏览器会自动带上）或 `?after=` 重连，补收错过的事件。\n\n' +
            'Each event: `id` (its number in the feed), `event` (e.g. fair.checked_in), `data` (JSON). Reconnect with ' +
            'the `Last-Event-ID` header (browsers do) or `?after=` to get what was missed.',
          params: z.object({ id: z.string().regex(/^[a-z]{3}_[0-9a-f]{32}$/, 'a fair or livestream id') }),
          querystring: z.object({ after: z.coerce.number().int().min(0).optional() }),
          produces: ['text/event-stream'],
          response: {
            200: {
              description: 'The events, as they happen, until the client leaves',
              content: { 'text/event-stream': { schema: z.string() } },
            },
            ...problemResponses(400, 404),
          },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const [exists] = await queryRows<{ id: string }>(
          db,
          sql`select id from ${sql.identifier(table)} where id = ${id}`,
        );
        if (!exists) throw (kind === 'fair' ? errors.fairNotFound : errors.livestreamNotFound)(id);
        const header = Number(reply.sse.lastEventId ?? Number.NaN);
        const after = Number.isInteger(header) && header >= 0 ? header : (request.query.after ?? 0);
        reply.header('content-type', 'text/event-stream; charset=utf-8');
        reply.header('x-request-id', request.id);
        reply.sse.keepAlive();
        await reply.sse.send({ data: undefined, retry: 2000 });
        const close = () => reply.sse.close();
        streams.add(close);
        const unwatch = feeds.watch(kind, id, after, (event) => {
          if (!reply.sse.isConnected) return;
          reply.sse
            .send({ id: String(event.n), event: event.type, data: { n: event.n, ...event.view } })
            .catch((err: unknown) => request.log.warn({ err }, 'live feed write failed'));
        });
        reply.sse.onClose(() => {
          unwatch();
          streams.delete(close);
        });
      },
    );
  feed('fair', 'fairs');
  feed('livestream', 'livestreams');
}
