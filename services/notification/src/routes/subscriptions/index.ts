import { randomBytes, timingSafeEqual } from 'node:crypto';
import { SeekerId, Subscription, SubscriptionInput } from '@duijie/contracts';
import { type Database, type SubscriptionRow, seekers, subscriptions } from '@duijie/db';
import { maskPhone, problemResponses, type ServiceApp, seekerInScope } from '@duijie/service-kit';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import { confirmationPage, donePage, optOutByToken, optOutState, PAGE_HEADERS, unsubscribeUrl } from '../../opt-out.ts';
import { type OutboundGuard, OutboundRefused } from '../../outbound.ts';

type Options = {
  db: Database;
  clock: () => Date;
  publicUrl: string;
  smsKey?: string | undefined;
  /** Checks a webhook address before it is stored (sending checks it again). */
  outbound: OutboundGuard;
};

const mask = (channel: string, address: string) => {
  if (channel === 'sms') return maskPhone(address);
  if (channel === 'email') return address.replace(/^(.).*(@.*)$/, '$1***$2');
  return `${address.slice(0, 12)}…`;
};

/** A webhook address must lead to a public address (or one the operator allows): 422 otherwise. */
async function refuseNonPublic(outbound: OutboundGuard, url: string) {
  try {
    await outbound.check(url);
  } catch (err) {
    if (!(err instanceof OutboundRefused)) throw err;
    throw errors.addressNotPublic(err.message);
  }
}

/** Opt-out words a seeker may reply to an SMS with. */
const STOP_WORDS = /^\s*(TD|T|退订|取消|STOP|UNSUBSCRIBE)\s*$/i;

/** Subscriptions and preferences; opt-out by link (a page, then a POST) or by SMS reply, no login. */
export async function subscriptionRoutes(app: ServiceApp, { db, clock, publicUrl, smsKey, outbound }: Options) {
  const view = (row: SubscriptionRow) => ({
    seekerId: row.seekerId,
    channels: row.channels,
    topics: row.topics,
    addresses: Object.fromEntries(Object.entries(row.addresses).map(([c, a]) => [c, mask(c, a as string)])),
    quietFrom: row.quietFrom,
    quietUntil: row.quietUntil,
    dailyCap: row.dailyCap,
    optedOut: row.optedOutAt !== null,
    unsubscribeUrl: unsubscribeUrl(publicUrl, row.unsubscribeToken),
    version: row.version,
  });
  const Params = z.object({ seekerId: SeekerId });

  app.put(
    '/v1/subscriptions/:seekerId',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'setSubscription',
        summary:
          '设置求职者接收哪些通知、通过什么渠道、何时免打扰（求职者所在地区的工作人员） · Set what a seeker hears about, where, and when not (staff of the seeker’s region)',
        description:
          '未给出地址的渠道使用名单上的信息（短信用求职者的手机号）。退订后再次设置即重新订阅：仅在本人要求时这样做。\n\n' +
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
          throw errors.noPhone();
        }
        addresses.sms = seeker.phone;
      }
      const missing = input.channels.filter((c) => c !== 'sink' && c !== 'sms' && !addresses[c]);
      if (missing.length > 0) {
        throw errors.noAddress(missing);
      }
      if (addresses.webhook) await refuseNonPublic(outbound, addresses.webhook);
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
        operationId: 'getSubscription',
        summary:
          '查看求职者的订阅（求职者所在地区的工作人员），地址脱敏 · A seeker’s subscription (staff of the seeker’s region); addresses masked',
        params: Params,
        response: { 200: Subscription, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const seeker = await seekerInScope(db, request.caller, request.params.seekerId);
      const [row] = await db.select().from(subscriptions).where(eq(subscriptions.seekerId, seeker.id));
      if (!row) throw errors.subscriptionNotFound(seeker.id);
      return view(row);
    },
  );

  // Its own context: the form and RFC 8058's one-click POST come as form data, parsed here only.
  app.register(async (app: ServiceApp) => {
    const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];
    // The fields are not needed: the POST to the link is the intent, whatever it carries.
    app.addContentTypeParser(FORM_TYPES, { parseAs: 'string', bodyLimit: 16_384 }, (_req, _body, done) =>
      done(null, {}),
    );
    const Token = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/) });

    app.get(
      '/v1/subscriptions/unsubscribe/:token',
      {
        config: { access: 'public' },
        schema: {
          tags: ['notifications'],
          operationId: 'showUnsubscribePage',
          summary:
            '退订链接：请求确认的页面（HTML），不做任何更改 · The opt-out link: a page asking to confirm (HTML); changes nothing',
          description:
            '链接预览和邮件扫描会打开链接，所以打开它只显示一个带按钮的页面，按钮以 POST 提交到同一地址。\n\n' +
            'Link previews and mail scanners open links, so opening it only shows a page with one button, ' +
            'which POSTs to the same address.',
          params: Token,
          produces: ['text/html'],
          response: { 200: z.string(), ...problemResponses(400, 404) },
        },
      },
      async (request, reply) => {
        const state = await optOutState(db, request.params.token);
        if (!state) throw errors.unsubscribeLinkNotFound();
        return reply.headers(PAGE_HEADERS).send(confirmationPage(request.params.token, state));
      },
    );

    app.post(
      '/v1/subscriptions/unsubscribe/:token',
      {
        config: { access: 'public' },
        schema: {
          tags: ['notifications'],
          operationId: 'unsubscribe',
          summary:
            '通过链接退订：无需登录，全部渠道、全部主题 · Opt out by the link: no login, every channel, every topic',
          description:
            '确认页的按钮和 RFC 8058 一键退订（表单数据 `List-Unsubscribe=One-Click`）提交到这里；任何客户端也可以，' +
            '带或不带请求体均可。表单提交答复页面（text/html），其他答复 JSON。重复退订不会改变任何内容。\n\n' +
            'The confirmation page’s button and RFC 8058 one-click unsubscribe (`List-Unsubscribe=One-Click` as ' +
            'form data) post here; so may any client, with any body or none. A form post is answered with a ' +
            'page (text/html), anything else with JSON. Opting out again changes nothing.',
          params: Token,
          response: {
            200: z
              .union([z.object({ optedOut: z.literal(true) }), z.string()])
              .describe('JSON; for a form post, the page saying it is done (text/html)'),
            // A form body over 16 KiB: no page's button sends one.
            ...problemResponses(400, 404, 413),
          },
        },
      },
      async (request, reply) => {
        if (!(await optOutByToken(db, request.params.token, clock()))) {
          throw errors.unsubscribeLinkNotFound();
        }
        const contentType = String(request.headers['content-type'] ?? '');
        if (FORM_TYPES.some((t) => contentType.startsWith(t))) return reply.headers(PAGE_HEADERS).send(donePage());
        return { optedOut: true as const };
      },
    );
  });

  app.post(
    '/v1/subscriptions/sms-replies',
    {
      config: { access: 'public' },
      // The gateway's key is its credential: checked before the body is read, as any other.
      onRequest: async (request) => {
        const given = Buffer.from(String(request.headers['x-sms-gateway-key'] ?? ''));
        if (!smsKey || given.length !== smsKey.length || !timingSafeEqual(given, Buffer.from(smsKey))) {
          throw errors.smsGatewayKey();
        }
      },
      schema: {
        tags: ['notifications'],
        operationId: 'receiveSmsReply',
        summary: '短信网关的回复回调 · The SMS gateway’s callback for replies',
        description:
          '回复 TD 或“退订”即退订该号码的全部通知。以短信网关的密钥认证：请求头 `X-Sms-Gateway-Key`（即配置的 `SMS_API_KEY`）。\n\n' +
          'A reply of TD or 退订 opts the sender out. Authenticated by the SMS gateway’s key in `X-Sms-Gateway-Key` ' +
          '(the `SMS_API_KEY` it was given).',
        // Its own credential, not a staff token or an API key (checked in onRequest above).
        security: [{ smsGatewayKey: [] }],
        body: z.object({ from: z.string().regex(/^1\d{10}$/), text: z.string().max(500) }),
        response: { 200: z.object({ optedOut: z.int() }), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
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
