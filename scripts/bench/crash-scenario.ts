// kill -9 in the middle of a large bulk, with the outbox backlog of an earlier one not yet
// applied, then a start on the same DATA_DIR: shared by the test that it comes back
// (scripts/src/restart-after-crash.test.ts) and the benchmark of how fast
// (scripts/bench/restart-after-crash.ts).
import { join } from 'node:path';
import { creditCodeCheckChar } from '@duijie/contracts';
import { syntheticFair } from '@duijie/ranking/synthetic';
import { StaffTokens } from '@duijie/service-kit';
import { sendThroughGateway, vacancyInputOf } from '../seed/demo-data.ts';
import { SystemProcess } from './e2e/system-process.ts';

const environment = (dataDir: string, secret: string) => ({
  ...(process.env as Record<string, string>),
  DATA_DIR: dataDir,
  DEMO_DATA: 'off',
  STAFF_TOKEN_SECRET: secret,
  RATE_LIMIT_MAX: '1000000000',
  UPSTREAM_TIMEOUT_MS: '120000',
  LOG_LEVEL: 'warn',
});

export const startOn = (dataDir: string, secret: string, run: string) =>
  SystemProcess.start(environment(dataDir, secret), join(dataDir, `system-${run}.log`));

/**
 * Stores `acknowledged` vacancies in one bulk (answered), then sends `killed` more and kills
 * the system with SIGKILL `killAfterMs` into it. Answers how many were acknowledged.
 */
export async function crashMidBulk(
  dataDir: string,
  secret: string,
  { acknowledged, killed, killAfterMs = 1500 }: { acknowledged: number; killed: number; killAfterMs?: number },
): Promise<{ stored: number; employerId: string }> {
  const system = await startOn(dataDir, secret, 'before-crash');
  const token = await new StaffTokens(secret).issue({
    staffId: 'crash',
    name: '崩溃测试',
    role: 'admin',
    regionCode: '433100',
  });
  const post = sendThroughGateway(system.urls.gateway, token);
  const stem = '91433100MA4C00001';
  const employer = await post('/v1/employers', {
    name: '崩溃测试单位',
    kind: 'enterprise',
    creditCode: `${stem}${creditCodeCheckChar(stem)}`,
    regionCode: '433101',
  });
  const { vacancies } = syntheticFair(0, acknowledged + killed, { seed: 11 });
  const rows = vacancies.map((v) => vacancyInputOf(v, employer.id));
  const first = (await post('/v1/vacancies/bulk', { vacancies: rows.slice(0, acknowledged) })) as { stored?: number };
  const inFlight = post('/v1/vacancies/bulk', { vacancies: rows.slice(acknowledged) }).catch(() => null);
  await new Promise((r) => setTimeout(r, killAfterMs));
  system.kill();
  await inFlight;
  return { stored: first.stored ?? 0, employerId: employer.id };
}

/** The outbox backlog the system still has to apply: the index's lag and notification's. */
export async function backlog(system: SystemProcess): Promise<number> {
  const lags = [
    ...(await system.metric('matching', /^duijie_index_lag_events\{/)),
    ...(await system.metric('notification', /^duijie_outbox_backlog_events\{/)),
  ];
  return lags.length === 0 ? Number.NaN : lags.reduce((a, b) => a + b, 0);
}

/** Waits until the backlog is gone; answers how long it took, or null after `timeoutMs`. */
export async function drained(system: SystemProcess, timeoutMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if ((await backlog(system).catch(() => Number.NaN)) === 0) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 250));
  }
  return null;
}
