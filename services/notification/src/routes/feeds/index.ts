import { type Database, queryRows, sql } from '@duijie/db';
import { problemResponses, problems, type ServiceApp } from '@duijie/service-kit';
import { z } from 'zod';

const POLL_MS = 500;
const HEARTBEAT_MS = 15_000;

type Kind = 'fair' | 'livestream';
type FeedRow = { seq: string | number; type: string; payload: Record<string, unknown> };

/**
 * What a screen in the hall may show of each event: counts and groups, never who. Events
 * without a public view are not sent.
 */
const PUBLIC_VIEWS: Record<string, (p: Record<string, unknown>) => Record<string, unknown>> = {
  'fair.scheduled': (p) => ({ startsAt: p.startsAt }),
  'fair.booth_joined': (p) => ({ employerId: p.employerId, booth: p.booth }),
  'fair.checked_in': (p) => ({
    method: p.method,
    registered: p.registered,
    priorityGroups: p.priorityGroups,
    originRegionCode: p.originRegionCode,
    recommended: (p.recommended as unknown[] | undefined)?.length ?? 0,
  }),
  'fair.intent_recorded': (p) => ({
    vacancyId: p.vacancyId,
    employerId: p.employerId,
    priorityGroups: p.priorityGroups,
  }),
  'livestream.scheduled': (p) => ({ startsAt: p.startsAt }),
  'livestream.lineup_changed': (p) => ({
    presentingVacancyId: p.presentingVacancyId,
    pinnedVacancyIds: p.pinnedVacancyIds,
  }),
  'livestream.intent_recorded': (p) => ({ vacancyId: p.vacancyId, employerId: p.employerId }),
};

/**
 * Server-sent events for fair and livestream screens. Each event's id is its number in the
 * fair's (or session's) feed, handed out under the row lock in the transaction that wrote it,
 * so the order is commit order and a screen reconnecting with `Last-Event-ID` gets exactly
 * what it missed.
 */
export async function liveFeedRoutes(app: ServiceApp, { db }: { db: Database }) {
  // Open streams never end by themselves: closing the service ends them, or it would wait forever.
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const stop of streams) stop();
  });
  const feed = (kind: Kind, table: 'fairs' | 'livestreams') =>
    app.get(
      `/v1/feeds/${table}/:id`,
      {
        config: { access: 'public' },
        schema: {
          tags: ['feeds'],
          summary: `The live feed of a ${kind} (text/event-stream), for screens: no personal data`,
          description:
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
        if (!exists) throw problems.notFound(kind, id);
        const header = Number(request.headers['last-event-id']);
        let after = Number.isInteger(header) && header >= 0 ? header : (request.query.after ?? 0);
        let afterSeq = 0;
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
          'x-request-id': request.id,
        });
        out.write('retry: 2000\n\n');
        let open = true;
        let lastWrite = Date.now();
        let wake: () => void = () => {};
        const stop = () => {
          open = false;
          wake();
        };
        streams.add(stop);
        request.raw.on('close', stop);
        while (open) {
          // After the first read, by outbox position: the feed's events are written under the
          // same row lock, so their positions are in feed order.
          const rows = await queryRows<FeedRow>(
            db,
            afterSeq === 0
              ? sql`select seq, type, payload from outbox_events where aggregate_type = ${kind} and aggregate_id = ${id}
                    and (payload->>'feedSeq')::int > ${after} order by seq limit 500`
              : sql`select seq, type, payload from outbox_events where aggregate_type = ${kind} and aggregate_id = ${id}
                    and seq > ${afterSeq} order by seq limit 500`,
          ).catch((err) => {
            request.log.warn({ err }, 'live feed read failed; retrying');
            return [] as FeedRow[];
          });
          for (const row of rows) {
            afterSeq = Number(row.seq);
            const n = Number(row.payload.feedSeq);
            if (!(n > after)) continue;
            after = n;
            const view = PUBLIC_VIEWS[row.type];
            if (!view) continue;
            out.write(`id: ${n}\nevent: ${row.type}\ndata: ${JSON.stringify({ n, ...view(row.payload) })}\n\n`);
            lastWrite = Date.now();
          }
          if (Date.now() - lastWrite > HEARTBEAT_MS) {
            out.write(': still here\n\n');
            lastWrite = Date.now();
          }
          if (rows.length < 500 && open) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, POLL_MS);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
          }
        }
        streams.delete(stop);
        out.end();
      },
    );
  feed('fair', 'fairs');
  feed('livestream', 'livestreams');
}
