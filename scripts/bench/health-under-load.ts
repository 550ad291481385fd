// How long the gateway's /health takes while one large write runs: the system as `pnpm start`
// runs it (its own process), /health asked every 20 ms — each probe on its own, so a stall
// shows as many slow answers — while a 5,000-row POST /v1/vacancies/bulk goes through the
// gateway (over 2,000 rows it runs as a job: until the job is done). Prints p50/p99/max of
// /health during the bulk and the bulk's own time.
//   node --conditions=@duijie/source --import tsx scripts/bench/health-under-load.ts [--rows 5000] [--runs 2]
// With DATABASE_URL on a PostgreSQL server (a database of its own); without, PGlite in a
// temporary data directory, as the embedded default runs.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { creditCodeCheckChar } from '@duijie/contracts';
import { syntheticFair } from '@duijie/ranking/synthetic';
import { StaffTokens } from '@duijie/service-kit';
import { sendThroughGateway, vacancyInputOf } from '../seed/demo-data.ts';
import { benchDatabaseUrl, percentile } from './bench-data.ts';
import { SystemProcess } from './e2e/system-process.ts';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '5000' }, runs: { type: 'string', default: '2' } },
});
const rows = Number(values.rows);
const say = (line: string) => process.stdout.write(`${line}\n`);

const secret = randomBytes(32).toString('hex');
const dataDir = await mkdtemp(join(tmpdir(), 'duijie-health-'));
const server = await benchDatabaseUrl();
const { DATABASE_URL: _inherited, ...environment } = process.env;
say(
  `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; the system in its own process on ` +
    `${server ? 'the PostgreSQL server' : 'PGlite'}; /health every 20 ms during a ${rows.toLocaleString('en')}-row bulk`,
);
const system = await SystemProcess.start(
  {
    ...(environment as Record<string, string>),
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    STAFF_TOKEN_SECRET: secret,
    RATE_LIMIT_MAX: '1000000000',
    // The bulk's own time is measured, not the gateway's 30 s cut-off.
    UPSTREAM_TIMEOUT_MS: '120000',
    LOG_LEVEL: 'warn',
    ...(server ? { DATABASE_URL: server.url } : {}),
  },
  join(dataDir, 'system.log'),
);
try {
  const token = await new StaffTokens(secret).issue({
    staffId: 'bench',
    name: '基准',
    role: 'admin',
    regionCode: '433100',
  });
  const post = sendThroughGateway(system.urls.gateway, token);
  const stem = '91433100MA4B00001';
  const employer = await post('/v1/employers', {
    name: '基准测试单位',
    kind: 'enterprise',
    creditCode: `${stem}${creditCodeCheckChar(stem)}`,
    regionCode: '433101',
  });
  const { vacancies } = syntheticFair(0, rows, { seed: 7 });
  const body = JSON.stringify({ vacancies: vacancies.map((v) => vacancyInputOf(v, employer.id)) });

  for (let run = 1; run <= Number(values.runs); run++) {
    const latencies: number[] = [];
    let failures = 0;
    let probing = true;
    // One probe at a time, 20 ms apart: a stall is one long answer (the max), not a pile of
    // thousands of waiting requests that would load the system by themselves.
    const ticker = (async () => {
      while (probing) {
        const started = performance.now();
        const res = await fetch(`${system.urls.gateway}/health`, { signal: AbortSignal.timeout(300_000) }).catch(
          () => null,
        );
        if (!res?.ok) failures++;
        await res?.arrayBuffer();
        latencies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const started = performance.now();
    const answer = await fetch(`${system.urls.gateway}/v1/vacancies/bulk`, {
      signal: AbortSignal.timeout(300_000),
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    })
      .then(async (res) => {
        const first = (await res.json()) as { stored?: number; id?: string };
        if (res.status !== 202) return `${res.status} (${first.stored ?? '?'} stored)`;
        // Over 2,000 rows a bulk is a job: the write is done when the job says so.
        const accepted = performance.now() - started;
        for (;;) {
          await new Promise((r) => setTimeout(r, 250));
          const job = (await (
            await fetch(`${system.urls.gateway}/v1/imports/${first.id}`, {
              headers: { authorization: `Bearer ${token}` },
            })
          ).json()) as { status: string; report?: { stored?: number } | null };
          if (job.status !== 'running') {
            return `202 in ${(accepted / 1000).toFixed(1)} s, job ${job.status} (${job.report?.stored ?? 0} stored)`;
          }
        }
      })
      .catch((err: Error) => `failed (${err.name})`);
    const bulkMs = performance.now() - started;
    probing = false;
    await ticker;
    const sorted = latencies.sort((a, b) => a - b);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    say(
      `run ${run}: bulk ${answer} in ${(bulkMs / 1000).toFixed(1)} s; ` +
        `/health × ${sorted.length}: p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, ` +
        `max ${ms(sorted.at(-1) ?? 0)}${failures ? `, ${failures} failed` : ''}`,
    );
  }
} finally {
  await system.stop();
  await server?.drop();
  await rm(dataDir, { recursive: true, force: true });
}
