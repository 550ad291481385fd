import { randomBytes, timingSafeEqual } from 'node:crypto';
import { SeekerId, Subscription, SubscriptionInput } from '@duijie/contracts';
import { type Database, type SubscriptionRow, seekers, subscriptions } from '@duijie/db';
import {
  maskPhone,
  problemResponses,
  problems,
  type ServiceApp,
  seekerInScope,
  unauthorized,
} from '@duijie/service-kit';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';

type Options = { db: Database; clock: () => Date; publicUrl: string; smsKey?: string | undefined };

const mask = (channel: string, address: string) => {
  if (channel === 'sms') return maskPhone(address);
  if (channel === 'email') return address.replace(/^(.).*(@.*)$/, '$1***$2');
  return `${address.slice(0, 12)}…`;
};

/** Opt-out words a seeker may reply to an SMS with. */
const STOP_WORDS = /^\s*(TD|T|退订|取消|STOP|UNSUBSCRIBE)\s*$/i;

/** Subscriptions and preferences; opt-out by link or by SMS reply, no login. */
export async function subscriptionRoutes(app: ServiceApp, { db, clock, publicUrl, smsKey }: Options) {
  const view = (row: SubscriptionRow) => ({
    seekerId: row.seekerId,
    channels: row.channels,
    topics: row.topics,
    addresses: Object.fromEntries(Object.entries(row.addresses).map(([c, a]) => [c, mask(c, a as string)])),
    quietFrom: row.quietFrom,
    quietUntil: row.quietUntil,
    dailyCap: row.dailyCap,
    optedOut: row.optedOutAt !== null,
    unsubscribeUrl: `${publicUrl}/v1/subscriptions/unsubscribe/${row.unsubscribeToken}`,
    version: row.version,
  });
  const Params = z.object({ seekerId: SeekerId });

  app.put(
    '/v1/subscriptions/:seekerId',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Set what a seeker hears about, where, and when not (staff of the seeker’s region)',
        description:
          'Channels with no address given use what the list has (the seeker’s phone for SMS). Setting it again ' +
          'after an opt-out subscribes the seeker again: do that only when they ask.',
        params: Params,
        body: SubscriptionInput,
        response: { 200: Subscription, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const seeker = await seekerInScope(db, request.caller, request.params.seekerId);
      const input = request.body;
      const addresses: Record<string, string> = { ...input.addresses };
      if (input.channels.includes('sms') && !addresses.sms) {
        if (!seeker.phone) {
          throw problems.unprocessable('no-address', 'SMS needs a phone: none is on the list', [
            { in: 'body', field: 'addresses.sms', message: 'required: the seeker has no phone on the list' },
          ]);
        }
        addresses.sms = seeker.phone;
      }
      const missing = input.channels.filter((c) => c !== 'sink' && c !== 'sms' && !addresses[c]);
      if (missing.length > 0) {
        throw problems.unprocessable(
          'no-address',
          'Each channel needs an address',
          missing.map((c) => ({ in: 'body' as const, field: `addresses.${c}`, message: 'required for this channel' })),
        );
      }
      const now = clock();
      const values = {
        addresses,
        channels: input.channels,
        topics: input.topics,
        quietFrom: input.quietFrom,
        quietUntil: input.quietUntil,
        dailyCap: input.dailyCap,
        optedOutAt: null,
        updatedAt: now,
      };
      const [row] = await db
        .insert(subscriptions)
        .values({
          seekerId: seeker.id,
          ...values,
          unsubscribeToken: randomBytes(16).toString('base64url'),
          createdAt: now,
        })
        .onConflictDoUpdate({ target: subscriptions.seekerId, set: { ...values, version: 1 } })
        .returning();
      return view(row as SubscriptionRow);
    },
  );

  app.get(
    '/v1/subscriptions/:seekerId',
    {
      schema: {
        tags: ['notifications'],
        summary: 'A seeker’s subscription (staff of the seeker’s region); addresses masked',
        params: Params,
        response: { 200: Subscription, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const seeker = await seekerInScope(db, request.caller, request.params.seekerId);
      const [row] = await db.select().from(subscriptions).where(eq(subscriptions.seekerId, seeker.id));
      if (!row) throw problems.notFound('subscription', seeker.id);
      return view(row);
    },
  );

  app.get(
    '/v1/subscriptions/unsubscribe/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['notifications'],
        summary: 'Opt out from the link in a message: no login, every channel, every topic (HTML)',
        params: z.object({ token: z.string().min(10).max(64) }),
        produces: ['text/html'],
        response: { 200: z.string(), ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const [row] = await db
        .update(subscriptions)
        .set({ optedOutAt: clock() })
        .where(and(eq(subscriptions.unsubscribeToken, request.params.token)))
        .returning({ optedOutAt: subscriptions.optedOutAt });
      if (!row) throw problems.notFound('subscription', 'for this link');
      return reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>已退订</title><p>您已退订就业服务消息。如需恢复，请联系当地就业服务机构。</p></html>',
        );
    },
  );

  app.post(
    '/v1/subscriptions/sms-replies',
    {
      config: { access: 'public' },
      schema: {
        tags: ['notifications'],
        summary: 'The SMS gateway’s callback for replies: TD / 退订 opts the sender out',
        description: 'Authenticated by the SMS gateway’s key in `X-Sms-Gateway-Key` (the `SMS_API_KEY` it was given).',
        body: z.object({ from: z.string().regex(/^1\d{10}$/), text: z.string().max(500) }),
        response: { 200: z.object({ optedOut: z.int() }), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const given = Buffer.from(String(request.headers['x-sms-gateway-key'] ?? ''));
      if (!smsKey || given.length !== smsKey.length || !timingSafeEqual(given, Buffer.from(smsKey))) {
        throw unauthorized('sms-gateway-key', 'Send the SMS gateway’s key in X-Sms-Gateway-Key');
      }
      if (!STOP_WORDS.test(request.body.text)) return { optedOut: 0 };
      const withPhone = await db.select({ id: seekers.id }).from(seekers).where(eq(seekers.phone, request.body.from));
      let optedOut = 0;
      for (const s of withPhone) {
        const rows = await db
          .update(subscriptions)
          .set({ optedOutAt: clock() })
          .where(and(eq(subscriptions.seekerId, s.id), isNull(subscriptions.optedOutAt)))
          .returning({ id: subscriptions.seekerId });
        optedOut += rows.length;
      }
      return { optedOut };
    },
  );
}
