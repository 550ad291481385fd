// The notification issue's acceptance run: vacancies posted through intake become messages
// for the seekers they fit, delivered through the sink, an SMS gateway and a webhook on
// loopback, with quiet hours, the daily cap (job alerts over it expire), opt-outs, retries and a worker killed mid-batch;
// on PGlite and on the PostgreSQL server.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { creditCodeCheckChar, residentIdCheckChar } from '@duijie/contracts';
import { queryRows, sql } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import type { NotificationApp } from '@duijie/notification/app';
import { SmsGatewayChannel, WebhookChannel, webhookSignature } from '@duijie/notification/channels';
import { DeliveryWorker } from '@duijie/notification/delivery';
import { OutboundGuard } from '@duijie/notification/outbound';
import { BroadcastPlanner } from '@duijie/notification/triggers';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { gatewayClient } from './gateway-client.ts';
import { runServices } from './system.ts';

type Received = { headers: IncomingMessage['headers']; body: string };

/** A receiver on loopback answering each request with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      // What an internal service would answer: the delivery log must not show it.
      res.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json' }).end('{"internal":"reply"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((r) => server.close(r)) };
}

const SECRET = 'a webhook secret of at least thirty-two characters';

/** Waits until a consumer (running in the background too) has applied every event. */
async function settled(consumer: { drain(): Promise<number>; pending(): Promise<number> } | undefined) {
  for (let i = 0; i < 200; i++) {
    await consumer?.drain();
    if ((await consumer?.pending()) === 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the consumer did not catch up');
}

await withEachDatabase(t, async (t, db) => {
  const log = captureLogger('warn');
  // 10:00 in Beijing on Monday 23 November.
  let now = new Date('2026-11-23T02:00:00Z');
  const clock = () => now;
  const sms = await receiver();
  const hook = await receiver([500, 503]);
  t.teardown(() => Promise.all([sms.close(), hook.close()]));
  const system = await runServices({
    db,
    staffTokens: testStaffTokens,
    logger: log.logger,
    notification: {
      clock,
      // The receivers are on loopback: allowed by the operator's list, as nothing internal is otherwise.
      config: { SMS_API_KEY: 'sms-gateway-key', NOTIFY_MIN_SCORE: 0.5, OUTBOUND_ALLOW: '127.0.0.1' },
      channels: {
        webhook: new WebhookChannel({
          secret: SECRET,
          now: clock,
          outbound: new OutboundGuard({ allow: '127.0.0.1' }),
        }),
        sms: new SmsGatewayChannel({ url: sms.url, apiKey: 'sms-gateway-key', perSecond: 100 }),
      },
      delivery: { run: false, backoffBaseMs: 60_000 },
    },
  });
  t.teardown(() => system.close());
  const notification = system.services.notification as NotificationApp;
  const [jobAlerts] = notification.consumers;
  const admin = await staffAuth({ regionCode: '433100' });
  const { call, ok } = gatewayClient(system.gatewayUrl, admin);
  const sinkOf = async (seekerId: string) =>
    queryRows<{ message_id: string; body: string }>(
      db.db,
      sql`select message_id, body from sink_deliveries where seeker_id = ${seekerId} order by seq`,
    );

  const stem = '91433101MA4N00001';
  const employer = (
    await ok('POST', '/v1/employers', {
      name: '吉首焊接厂',
      kind: 'enterprise',
      creditCode: `${stem}${creditCodeCheckChar(stem)}`,
      regionCode: '433101',
    })
  ).id;
  let people = 0;
  const seeker = async (skill: string, phone: string) => {
    const idStem = `43310119880101${String(100 + people++)}`;
    return (
      await ok('POST', '/v1/seekers', {
        name: `求职者${people}`,
        idNumber: `${idStem}${residentIdCheckChar(idStem)}`,
        phone,
        residenceRegionCode: '433101',
        skills: [{ name: skill, years: 5 }],
        certificates: skill === '电焊' ? ['cert.welding'] : [],
        demand: { regionScope: 'county', expectedWage: { min: 4000, unit: 'month' } },
      })
    ).id as string;
  };
  const sinkWelder = await seeker('电焊', '13900000001');
  const optedOut = await seeker('电焊', '13900000002');
  const smsWelder = await seeker('电焊', '13900000003');
  const unsubscribed = await seeker('电焊', '13900000004');
  const cleaner = await seeker('保洁', '13900000005');
  const hookWelder = await seeker('电焊', '13900000006');
  const subscribe = (id: string, body: Record<string, unknown>) => ok('PUT', `/v1/subscriptions/${id}`, body);
  await subscribe(sinkWelder, { channels: ['sink'], topics: ['jobs', 'policies'], dailyCap: 2 });
  const leaving = await subscribe(optedOut, { channels: ['sink'], topics: ['jobs'] });
  const smsSub = await subscribe(smsWelder, { channels: ['sms'], topics: ['jobs'] });
  await subscribe(cleaner, { channels: ['sink'], topics: ['jobs'] });
  await subscribe(hookWelder, { channels: ['webhook'], topics: ['jobs'], addresses: { webhook: hook.url } });
  t.match(smsSub.addresses, { sms: '139****0003' }, 'the phone on the list, masked');
  // Opting out needs no login: the link in every message. Opening it asks; its button posts.
  const link = leaving.unsubscribeUrl.replace('http://127.0.0.1:8080', system.gatewayUrl);
  t.match(await (await fetch(link)).text(), /确认退订/);
  t.match(await ok('GET', `/v1/subscriptions/${optedOut}`), { optedOut: false }, 'opening the link changed nothing');
  const optOut = await fetch(link, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) });
  t.equal(optOut.status, 200, 'the form post passes through the gateway');
  t.match(await ok('GET', `/v1/subscriptions/${optedOut}`), { optedOut: true });

  const postWelding = async (title: string) => {
    const v = await ok('POST', '/v1/vacancies', {
      employerId: employer,
      title,
      regionCode: '433101',
      headcount: 2,
      wage: { min: 5000, max: 6000, unit: 'month' },
      requiredSkills: [{ name: '电焊' }],
    });
    await settled(jobAlerts);
    return v.id as string;
  };

  await t.test('a vacancy reaches the subscribed seekers it fits, and no one else', async (t) => {
    const vacancy = await postWelding('电焊工');
    await notification.delivery.drain();
    const sent = await sinkOf(sinkWelder);
    t.equal(sent.length, 1);
    t.match(
      sent[0]?.body,
      /【就业服务】吉首焊接厂招电焊工，月薪5000-6000元，吉首市。.*电焊.*\/v1\/notifications\/l\/[0-9a-f]{16} 退订回TD/,
    );
    t.same(await sinkOf(optedOut), [], 'opted out');
    t.same(await sinkOf(unsubscribed), [], 'not subscribed');
    t.same(await sinkOf(cleaner), [], 'a cleaner is not sent a welding job');
    t.equal(sms.received.length, 1, 'the SMS went to the gateway');
    t.match(JSON.parse(sms.received[0]?.body ?? '{}'), { to: '13900000003', text: /电焊工/ });
    t.equal(sms.received[0]?.headers.authorization, 'Bearer sms-gateway-key');
    // The same event again plans nothing more.
    const [{ n } = { n: -1 }] = await queryRows<{ n: number }>(
      db.db,
      sql`select count(*)::int as n from notification_messages where reason = ${`vacancy:${vacancy}`}`,
    );
    t.equal(n, 3, 'sink, SMS and webhook: one message each');
  });

  await t.test('a webhook that fails twice gets the message once, signed, with the same key each time', async (t) => {
    t.equal(hook.received.length, 1, 'first attempt: 500');
    now = new Date(now.getTime() + 120_000);
    await notification.delivery.drain();
    t.equal(hook.received.length, 2, 'second attempt, after the backoff: 503');
    now = new Date(now.getTime() + 240_000);
    await notification.delivery.drain();
    t.equal(hook.received.length, 3, 'third: 200');
    now = new Date(now.getTime() + 3_600_000);
    await notification.delivery.drain();
    t.equal(hook.received.length, 3, 'and never again');
    const keys = new Set(hook.received.map((r) => r.headers['idempotency-key']));
    t.equal(keys.size, 1);
    for (const r of hook.received) {
      const ts = String(r.headers['x-duijie-timestamp']);
      t.equal(r.headers['x-duijie-signature'], webhookSignature(SECRET, ts, r.body), 'a valid signature');
    }
    const logged = await ok('GET', `/v1/notifications?seekerId=${hookWelder}`);
    t.match(logged.items[0], { channel: 'webhook', status: 'sent', attempts: 3 });
    t.same(
      logged.items[0].log.map((a: { outcome: string; response: string }) => [a.outcome, a.response]),
      [
        ['failed', 'webhook answered 500'],
        ['failed', 'webhook answered 503'],
        ['sent', '200'],
      ],
      'statuses, never what the receiver said',
    );
    t.match(JSON.parse(hook.received[0]?.body ?? '{}'), {
      text: /电焊工/,
      unsubscribeUrl: /^http:\/\/127\.0\.0\.1:8080\/v1\/subscriptions\/unsubscribe\/[A-Za-z0-9_-]+$/,
    });
  });

  await t.test('quiet hours defer SMS to the morning; the daily cap holds', async (t) => {
    now = new Date('2026-11-23T15:30:00Z'); // 23:30 in Beijing
    const smsBefore = sms.received.length;
    await postWelding('焊工（夜班）');
    await postWelding('电焊学徒');
    await notification.delivery.drain();
    t.equal(sms.received.length, smsBefore, 'no SMS at night');
    const log = await ok('GET', `/v1/notifications?seekerId=${smsWelder}`);
    t.ok(log.items.filter((i: { deferredFor: string }) => i.deferredFor === 'quiet_hours').length === 2);
    t.equal((await sinkOf(sinkWelder)).length, 2, 'the cap of 2 a day: one in the morning, one now');
    const capped = await ok('GET', `/v1/notifications?seekerId=${sinkWelder}`);
    t.equal(
      capped.items.filter(
        (i: { lastError: string; status: string }) => i.status === 'expired' && i.lastError === 'daily_cap',
      ).length,
      1,
      'the job alert over the cap expired: job alerts give way',
    );
    now = new Date('2026-11-24T00:01:00Z'); // 08:01 the next morning
    await notification.delivery.drain();
    t.equal(sms.received.length, smsBefore + 2, 'the night’s SMS go out in the morning');
    t.equal((await sinkOf(sinkWelder)).length, 2, 'and the expired one never goes');
  });

  await t.test('a worker killed mid-batch: nothing lost, nothing twice', async (t) => {
    const many: string[] = [];
    for (let i = 0; i < 30; i++) {
      const id = await seeker('电焊', `1370000${String(i).padStart(4, '0')}`);
      await subscribe(id, { channels: ['sink'], topics: ['policies'] });
      many.push(id);
    }
    const preview = await ok('POST', '/v1/broadcasts/preview', {
      segment: { regionCodes: ['433101'], priorityGroups: [], employmentStatuses: [] },
    });
    t.equal(preview.people, 31, 'the thirty and the first welder listen to policies');
    const broadcast = await ok('POST', '/v1/broadcasts', {
      title: '技能补贴',
      body: '持证焊工可申领职业技能提升补贴，请到县就业服务中心办理。',
      segment: { regionCodes: ['433101'], priorityGroups: [], employmentStatuses: [] },
    });
    // Planned in chunks of 7 seekers, each its own transaction.
    await new BroadcastPlanner(db.db, { clock, chunk: 7 }).drain();
    const worker = (batchSize: number) =>
      new DeliveryWorker(db.db, {}, { publicUrl: 'http://duijie.test', batchSize, leaseMs: 30_000 }, clock);
    const reason = `broadcast:${broadcast.id}`;
    const delivered = () =>
      queryRows<{ message_id: string }>(
        db.db,
        sql`select d.message_id from sink_deliveries d join notification_messages m on m.id = d.message_id where m.reason = ${reason}`,
      );
    // Killed in the middle of its batch: here its write of the sink's rows fails, which undoes
    // the batch as a process killed there would (its transaction never commits).
    await db.db.execute(
      sql.raw(
        `create function worker_killed() returns trigger language plpgsql as $$ begin raise exception 'killed'; end $$`,
      ),
    );
    await db.db.execute(
      sql.raw('create trigger worker_killed before insert on sink_deliveries execute function worker_killed()'),
    );
    await t.rejects(worker(10).runOnce(), 'a batch taken, then the worker dies');
    await db.db.execute(sql.raw('drop trigger worker_killed on sink_deliveries'));
    await db.db.execute(sql.raw('drop function worker_killed()'));
    const states = await queryRows<{ status: string; attempts: number; n: number }>(
      db.db,
      sql`select status, attempts, count(*)::int as n from notification_messages where reason = ${reason} group by 1, 2`,
    );
    t.same(
      states,
      [{ status: 'planned', attempts: 0, n: preview.messages }],
      'its batch is as it was: none half-written',
    );
    t.same(await delivered(), [], 'nothing delivered by the dead worker');
    await worker(7).drain();
    const all = await delivered();
    t.equal(all.length, preview.messages, 'the preview’s count is what was sent');
    t.equal(new Set(all.map((r) => r.message_id)).size, all.length, 'none twice');
    const after = await ok('GET', `/v1/broadcasts/${broadcast.id}`);
    t.match(after, { planned: preview.messages, outcomes: { sent: preview.messages } });
  });

  await t.test(
    'a worker that dies while sending to a partner: sent again once its lease ends, the late worker writes nothing',
    async (t) => {
      // A message for a partner's webhook, planned as a broadcast plans it.
      const id = `msg_killed_${Date.now()}`;
      await db.db.execute(
        sql`insert into notification_messages (id, seeker_id, reason, topic, channel, template, params, link_code, available_at, created_at)
          values (${id}, ${hookWelder}, 'broadcast:bro_killed', 'policies', 'webhook', 'policy',
                  ${JSON.stringify({ title: '稳岗补贴', body: '请到县就业服务中心办理。' })}::jsonb, 'killedlink000001',
                  ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)`,
      );
      await db.db.execute(
        sql`update subscriptions set topics = array['jobs', 'policies'] where seeker_id = ${hookWelder}`,
      );
      let wake: (answer: string) => void = () => {};
      const sends: string[] = [];
      const hanging = {
        name: 'webhook' as const,
        send: (m: { messageId: string }) => {
          sends.push(m.messageId);
          return new Promise<string>((resolve) => {
            wake = resolve;
          });
        },
      };
      const answered = {
        name: 'webhook' as const,
        send: async (m: { messageId: string }) => {
          sends.push(m.messageId);
          return '200';
        },
      };
      const options = { publicUrl: 'http://duijie.test', batchSize: 10, leaseMs: 30_000 };
      const dying = new DeliveryWorker(db.db, { webhook: hanging }, options, clock).runOnce();
      while (sends.length === 0) await new Promise((r) => setTimeout(r, 10));
      const state = async () =>
        (await queryRows<{ status: string }>(db.db, sql`select status from notification_messages where id = ${id}`))[0]
          ?.status;
      t.equal(await state(), 'sending', 'leased while the first worker sends');
      const other = new DeliveryWorker(db.db, { webhook: answered }, options, clock);
      await other.drain();
      t.same(sends, [id], 'not sent again while the lease holds');
      now = new Date(now.getTime() + 31_000);
      await other.drain();
      t.same(sends, [id, id], 'sent again once the lease ran out (the same id: the receiver can tell)');
      t.equal(await state(), 'sent');
      wake('200');
      await dying;
      const attempts = await queryRows<{ outcome: string }>(
        db.db,
        sql`select outcome from delivery_attempts where message_id = ${id}`,
      );
      t.same(attempts, [{ outcome: 'sent' }], 'the worker that outlived its lease wrote nothing');
    },
  );

  await t.test('an SMS reply TD opts the sender out; bad callers are refused', async (t) => {
    const refused = await call('POST', '/v1/subscriptions/sms-replies', { from: '13900000003', text: 'TD' }, {});
    t.equal(refused.status, 401);
    const res = await call(
      'POST',
      '/v1/subscriptions/sms-replies',
      { from: '13900000003', text: ' 退订 ' },
      { 'x-sms-gateway-key': 'sms-gateway-key' },
    );
    t.same(res.body, { optedOut: 1 });
    t.match(await ok('GET', `/v1/subscriptions/${smsWelder}`), { optedOut: true });
    const before = sms.received.length;
    await postWelding('氩弧焊工');
    await notification.delivery.drain();
    t.equal(sms.received.length, before, 'nothing more to an opted-out phone');
    const elsewhere = await call(
      'POST',
      '/v1/broadcasts/preview',
      { segment: { regionCodes: ['420300'] } },
      await staffAuth({ role: 'officer', regionCode: '433101' }),
    );
    t.equal(elsewhere.status, 403, 'a segment outside your region');
    t.notOk(
      log.lines().some((l) => /1390000000\d/.test(l)),
      'no phone in any log line',
    );
    const metrics = (await notification.inject('/metrics')).body;
    t.match(metrics, /duijie_notifications_total\{channel="sink",outcome="sent",service="notification"\} \d+/);
    t.match(metrics, /duijie_notifications_total\{channel="sms",outcome="deferred",service="notification"\} 2/);
    t.match(
      metrics,
      /duijie_notification_queue_messages\{state="waiting",service="notification"\} \d+/,
      'the queue’s messages by state',
    );
    t.match(
      metrics,
      /duijie_notifications_total\{channel="sink",outcome="expired",service="notification"\} [1-9]/,
      'job alerts over the cap expire, counted',
    );
    t.match(metrics, /duijie_outbox_backlog_events\{consumer="notification.job-alerts",service="notification"\} 0/);
    t.match(
      metrics,
      /duijie_http_request_duration_seconds_bucket\{le="[^"]+",service="notification",method="PUT",route="\/v1\/subscriptions\/:seekerId",status="200"\} \d+/,
    );
    const matching = (await system.services.matching.inject('/metrics')).body;
    t.match(matching, /duijie_index_lag_events\{consumer="matching.vacancy-index.postgres",service="matching"\} \d+/);
  });
});
