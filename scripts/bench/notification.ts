// One policy broadcast fanned out to 600,000 seekers into the local sink: planning time,
// delivery rate, peak memory, lost and duplicated (targets: all done in < 4 minutes, < 2 GiB); then the
// webhook channel's throughput against a receiver on loopback.
//   node --conditions=@duijie/source --import tsx scripts/bench/notification.ts [seekers] [webhook messages]
// With DATABASE_URL on a PostgreSQL server (a database of its own); without, PGlite in memory.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { deliveryAttempts, insertMany, newId, queryRows, seekers, sql, subscriptions } from '@duijie/db';
import type { NotificationApp } from '@duijie/notification/app';
import { WebhookChannel } from '@duijie/notification/channels';
import { DeliveryWorker } from '@duijie/notification/delivery';
import { OutboundGuard } from '@duijie/notification/outbound';
import { syntheticFair } from '@duijie/ranking/synthetic';
import { benchSystem, mib, openBenchDatabase, seekerRow } from './bench-data.ts';

const COUNT = Number(process.argv[2] ?? 600_000);
const HOOKS = Number(process.argv[3] ?? 5_000);
// PGlite on disk, as the embedded default runs (BENCH_PGLITE=memory: in memory, as before
// 2026-12-01, when the whole database counted as this process's memory).
const { db, drop, where } = await openBenchDatabase({ onDisk: process.env.BENCH_PGLITE !== 'memory' });
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; ${where}; ${COUNT.toLocaleString('en')} seekers subscribed to the sink`,
);
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);

const now = new Date();
const { seekers: people } = syntheticFair(2000, 0, { seed: 5 });
const seedStarted = performance.now();
for (let from = 0; from < COUNT + HOOKS; from += 10_000) {
  const rows = Array.from({ length: Math.min(10_000, COUNT + HOOKS - from) }, (_, j) => {
    const i = from + j;
    return seekerRow(people[i % people.length] as (typeof people)[number], newId('skr'), i, now);
  });
  await insertMany(db.db, seekers, rows);
  await insertMany(
    db.db,
    subscriptions,
    rows.map((r, j) => ({
      seekerId: r.id,
      // The last HOOKS seekers are reached through a partner's webhook instead.
      channels: from + j < COUNT ? ['sink' as const] : ['webhook' as const],
      topics: ['policies' as const],
      addresses: from + j < COUNT ? {} : { webhook: 'http://127.0.0.1:0/' },
      unsubscribeToken: randomBytes(12).toString('base64url'),
      createdAt: now,
      updatedAt: now,
    })),
  );
}
console.log(
  `seeded ${(COUNT + HOOKS).toLocaleString('en')} seekers and subscriptions in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`,
);

// A receiver for the webhook channel: answers 200 at once.
let hooked = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    hooked++;
    res.writeHead(200).end();
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
await db.db.execute(
  sql`update subscriptions set addresses = jsonb_build_object('webhook', ${hookUrl}::text) where channels = array['webhook']::text[]`,
);

const { system, headers } = await benchSystem(
  db,
  { role: 'admin', regionCode: '000000' },
  { notification: { delivery: { run: false } } },
);
const post = async (path: string, body: unknown) =>
  (await (
    await fetch(`${system.gatewayUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
  ).json()) as Record<string, unknown>;
const segment = { regionCodes: [], priorityGroups: [], employmentStatuses: [] };
const previewStarted = performance.now();
const preview = await post('/v1/broadcasts/preview', { segment });
console.log(
  `preview: ${Number(preview.people).toLocaleString('en')} people in ${((performance.now() - previewStarted) / 1000).toFixed(1)} s`,
);
const started = performance.now();
const broadcast = await post('/v1/broadcasts', {
  title: '稳岗补贴',
  body: '2026年失业保险稳岗返还开始申领，符合条件的企业和个人请到当地就业服务中心办理。',
  segment,
});
if (typeof broadcast.id !== 'string') throw new Error(`no broadcast: ${JSON.stringify(broadcast).slice(0, 500)}`);
await (system.services.notification as NotificationApp).broadcasts.drain();
const planned = (performance.now() - started) / 1000;
console.log(
  `planned ${Number(preview.messages).toLocaleString('en')} messages (the preview's count) in ${planned.toFixed(1)} s`,
);

const sinkWorker = new DeliveryWorker(db.db, {}, { publicUrl: 'https://dj.example.cn', batchSize: 2000 });
const deliverStarted = performance.now();
// Webhook messages are claimed with the rest; a worker with the webhook channel takes them after.
await sinkWorker.drain();
const delivering = (performance.now() - deliverStarted) / 1000;
const [tally] = await queryRows<{ rows: number; distinct: number }>(
  db.db,
  sql`select count(*)::int as rows, count(distinct message_id)::int as distinct from sink_deliveries`,
);
const sent = tally?.distinct ?? 0;
console.log(
  `delivered to the sink: ${sent.toLocaleString('en')} in ${delivering.toFixed(1)} s — ${Math.round(sent / delivering).toLocaleString('en')} messages/s; ` +
    `all done ${(planned + delivering).toFixed(0)} s after the broadcast (target < 240 s: ${planned + delivering < 240 ? 'met' : 'NOT met'}); ` +
    `lost ${COUNT - sent}, duplicated ${(tally?.rows ?? 0) - sent}; peak memory ${mib(peak)} (target < 2 GiB: ${peak < 2 ** 31 ? 'met' : 'NOT met'})`,
);

// The webhook messages, dead on the first pass (no webhook channel in that worker), go again.
await db.db.execute(
  sql`update notification_messages set status = 'planned', attempts = 0, available_at = now() where channel = 'webhook'`,
);
const hookWorker = new DeliveryWorker(
  db.db,
  // The receiver is on loopback: allowed as an operator's OUTBOUND_ALLOW would.
  { webhook: new WebhookChannel({ secret: 'x'.repeat(32), outbound: new OutboundGuard({ allow: '127.0.0.1' }) }) },
  { publicUrl: 'https://dj.example.cn', batchSize: 500, concurrency: 32 },
);
const hookStarted = performance.now();
await hookWorker.drain();
const hookSeconds = (performance.now() - hookStarted) / 1000;
console.log(
  `webhook channel: ${hooked.toLocaleString('en')} signed POSTs to a loopback receiver in ${hookSeconds.toFixed(1)} s — ${Math.round(hooked / hookSeconds).toLocaleString('en')} messages/s (32 at once)`,
);
// The baseline, same run, same database: the rows a delivery writes, written alone — 100,000
// attempt rows (for messages already sent) in batches of 2,000, no lock, no decision, no
// message update.
const sentIds = await queryRows<{ id: string }>(
  db.db,
  sql`select id from notification_messages where status = 'sent' limit 100000`,
);
const baseRows = sentIds.map(({ id }) => ({
  messageId: id,
  attempt: 2,
  channel: 'sink' as const,
  outcome: 'sent' as const,
  response: 'baseline',
  at: new Date(),
}));
const baseStarted = performance.now();
for (let i = 0; i < baseRows.length; i += 2_000)
  await insertMany(db.db, deliveryAttempts, baseRows.slice(i, i + 2_000));
const baseRate = baseRows.length / ((performance.now() - baseStarted) / 1000);
console.log(
  `baseline, rows alone (insertMany into delivery_attempts): ${Math.round(baseRate).toLocaleString('en')} a second; ` +
    `a sink delivery (its message updated, the sink's row, the attempt) ran at ${(sent / delivering / baseRate).toFixed(2)}× that`,
);
clearInterval(sampler);
receiver.close();
await system.close();
await db.close();
await drop();
