// The end-to-end load test: the whole system as `pnpm start` runs it, in its own process,
// under a county's mixed work for 10 minutes (see workload.ts); then, with the system
// stopped, the rows are audited: outbox empty, index in step, every write stored once,
// every message accounted for. Prints throughput and p50/p99 per route; exits 1 on any
// error or failed check.
//   node --conditions=@duijie/source --import tsx scripts/bench/e2e/index.ts [--minutes 10] [--rate 1]
//        [--employers 100] [--vacancies 3000] [--seekers 2000]
// With DATABASE_URL on a PostgreSQL server (a database of its own); without, PGlite in a
// temporary data directory, as the embedded default runs.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '@duijie/db';
import { embeddedPaths, StaffTokens } from '@duijie/service-kit';
import { seedThroughIntake, sendThroughGateway } from '../../seed/demo-data.ts';
import { benchDatabaseUrl, mib } from '../bench-data.ts';
import { audit } from './audit.ts';
import { LoadClient } from './load.ts';
import { webhookReceiver } from './receiver.ts';
import { SystemProcess } from './system-process.ts';
import { prepare, RATES, runWorkload } from './workload.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '1' },
    employers: { type: 'string', default: '100' },
    vacancies: { type: 'string', default: '3000' },
    seekers: { type: 'string', default: '2000' },
  },
});
const seconds = Number(values.minutes) * 60;
const rate = Number(values.rate);
const counts = {
  employers: Number(values.employers),
  vacancies: Number(values.vacancies),
  seekers: Number(values.seekers),
};
const say = (line: string) => process.stdout.write(`${line}\n`);
const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

const secret = randomBytes(32).toString('hex');
const webhookSecret = randomBytes(32).toString('hex');
const dataDir = await mkdtemp(join(tmpdir(), 'duijie-e2e-'));
const server = await benchDatabaseUrl();
const receiver = await webhookReceiver(webhookSecret);
const { DATABASE_URL: _inherited, ...environment } = process.env;
say(
  `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; the system in its own process on ` +
    `${server ? 'the PostgreSQL server' : `PGlite in ${dataDir}`}; ${seconds} s of load at ×${rate} the rates of workload.ts ` +
    `(${(Object.values(RATES).reduce((a, b) => a + b, 0) * rate).toFixed(1)} starts/s)`,
);
const system = await SystemProcess.start(
  {
    ...(environment as Record<string, string>),
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    STAFF_TOKEN_SECRET: secret,
    WEBHOOK_SECRET: webhookSecret,
    // The webhook receiver listens on loopback, which webhooks may not reach unless allowed.
    OUTBOUND_ALLOW: '127.0.0.1',
    RATE_LIMIT_MAX: '1000000000',
    LOG_LEVEL: 'warn',
    ...(server ? { DATABASE_URL: server.url } : {}),
  },
  join(dataDir, 'system.log'),
);
const token = await new StaffTokens(secret).issue({
  staffId: 'e2e-admin',
  name: '压测管理员',
  role: 'admin',
  regionCode: '433100',
});

let phase = performance.now();
const seeded = await seedThroughIntake(sendThroughGateway(system.urls.gateway, token), { ...counts, seed: 2026 });
say(
  `seeded through the gateway: ${counts.employers} employers, ${counts.vacancies.toLocaleString('en')} vacancies, ${counts.seekers.toLocaleString('en')} seekers in ${elapsed(phase)}`,
);
phase = performance.now();
const prepared = await prepare(system.urls.gateway, token, seeded, receiver.url);
say(
  `prepared: ${prepared.keys.length} API keys, ${prepared.subscribed} webhook subscriptions, a fair with 60 booths, a livestream of 200 vacancies in ${elapsed(phase)}`,
);

// Settled: the index and the triggers have applied every event, the broadcast (if any) is
// planned and nothing due is left unsent. Waited for before the idle baseline and after the load.
async function settle(broadcastId: string | null): Promise<boolean> {
  const settled = async () => {
    const lags = [
      ...(await system.metric('matching', /^duijie_index_lag_events\{/)),
      ...(await system.metric('notification', /^duijie_outbox_backlog_events\{/)),
      ...(await system.metric('notification', /^duijie_notification_queue_messages\{state="(due|sending)"/)),
    ];
    const broadcast = broadcastId
      ? ((await (
          await fetch(`${system.urls.gateway}/v1/broadcasts/${broadcastId}`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as { planned: number | null })
      : { planned: 0 };
    return lags.every((n) => n === 0) && broadcast.planned !== null;
  };
  for (let i = 0; i < 1200; i++) {
    if (await settled()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

phase = performance.now();
if (!(await settle(null))) throw new Error('the system did not settle after the seeding');
say(`settled ${elapsed(phase)} after the seeding (the idle baseline needs an idle system)`);
const client = new LoadClient(system.urls.gateway);
const idle = new LoadClient(system.urls.gateway);
const ticker = setInterval(() => {
  const { requests, errors } = client.totals;
  say(
    `  ${elapsed(phase)}: ${requests.toLocaleString('en')} requests under load, ${errors} errors, ${receiver.received.size} webhook messages received`,
  );
}, 60_000);
phase = performance.now();
const {
  expected,
  late,
  seconds: loadSeconds,
} = await runWorkload(
  { idle, loaded: client },
  {
    token,
    seeded,
    prepared,
    webhookUrl: receiver.url,
    seconds,
    rate,
    idleRuns: 5,
  },
);
clearInterval(ticker);
phase = performance.now();
const quiet = await settle(expected.broadcastId);
say(
  quiet
    ? `settled ${elapsed(phase)} after the load`
    : `NOT settled 10 minutes after the load: the audit shows what is left`,
);

const peak = system.peakMemory();
const exitCode = await system.stop();
const warnings = system.warnings();

const db = await openDatabase(server ? { url: server.url } : { dataDir: embeddedPaths(dataDir).database });
const checks = await audit(db.db, expected, receiver);
await db.close();
await receiver.close();
const { requests, errors } = client.totals;
say(
  `\nload: ${requests.toLocaleString('en')} requests in ${loadSeconds.toFixed(0)} s — ${(requests / loadSeconds).toFixed(1)} req/s through the gateway; ` +
    `errors ${errors}${late.length > 0 ? `; started more than 1 s late (the system fell behind): ${late.join(', ')}` : ''}\n`,
);
for (const line of client.table(loadSeconds, idle)) say(line);
if (idle.totals.errors > 0) {
  say(`\nerrors on the idle system (the baseline pass): ${idle.totals.errors}`);
  for (const line of idle.table(loadSeconds, idle).filter((l) => l.includes('error:'))) say(line);
}
say('');
for (const c of checks) say(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
const stoppedCleanly = exitCode === 0;
say(`${stoppedCleanly ? 'ok  ' : 'FAIL'} the system stopped on SIGTERM with exit code ${exitCode}`);
say(
  `system process peak memory ${peak ? mib(peak) : 'unknown'}; ${warnings.length} log lines at warn or above${warnings.length > 0 ? `, first: ${warnings[0]?.slice(0, 300)}` : ''}`,
);
const passed = errors === 0 && idle.totals.errors === 0 && quiet && stoppedCleanly && checks.every((c) => c.ok);
say(passed ? '\nend-to-end: passed' : `\nend-to-end: FAILED (the system's data and log are kept in ${dataDir})`);
if (server) await server.drop();
if (passed) await rm(dataDir, { recursive: true, force: true });
process.exitCode = passed ? 0 : 1;
