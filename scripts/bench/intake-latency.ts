// Single POST /v1/vacancies under load (autocannon): through the gateway with an employer's
// API key, straight to intake, and a bare Fastify route that only parses and answers, all in
// the same run on the embedded default (PGlite in memory), so the ratios say what each layer costs.
// The gateway's cost is its p50 and p99 as a ratio to intake reached directly in the same run
// (issue 19's target: ≤ 1.3× at p50); direct and gateway runs alternate, `rounds` times each,
// so a neighbour's load or the growing table weighs on both alike.
//   node --conditions=@duijie/source --import tsx scripts/bench/intake-latency.ts [seconds] [connections] [rounds]
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { creditCodeCheckChar } from '@duijie/contracts';
import { openDatabase } from '@duijie/db';
import { createLogger, StaffTokens } from '@duijie/service-kit';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { runServices, urlOf } from '../src/system.ts';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 10);
const rounds = Math.max(1, Number(process.argv[4] ?? 2));
/** The gateway's p50 over intake's direct p50, measured in the same run. */
const TARGET_P50_RATIO = 1.3;
const logger = createLogger({ level: 'silent' });
const staffTokens = new StaffTokens(randomBytes(32).toString('hex'));
const db = await openDatabase({});
const system = await runServices({
  db,
  staffTokens,
  logger,
  // The load comes from one caller: the limit is lifted so the gateway's own cost is measured.
  gateway: { rateLimit: { max: 10_000_000, windowMs: 60_000 } },
});
const admin = `Bearer ${await staffTokens.issue({ staffId: 'bench', name: '基准', role: 'admin', regionCode: '000000' })}`;
const post = async (path: string, body: unknown, authorization: string) => {
  const res = await fetch(`${system.gatewayUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, string>;
};
const stem = '91433100MA4B00001';
const employer = await post(
  '/v1/employers',
  { name: '基准测试单位', kind: 'enterprise', creditCode: `${stem}${creditCodeCheckChar(stem)}`, regionCode: '433101' },
  admin,
);
const { key } = await post(`/v1/employers/${employer.id}/api-keys`, { name: 'bench' }, admin);
const vacancy = JSON.stringify({
  employerId: employer.id,
  title: '电焊工',
  region: '吉首市',
  requiredSkills: [{ name: '电焊' }],
  headcount: 3,
  wage: { min: 4500, max: 6000, unit: 'month' },
});

const bare = Fastify();
bare.post('/v1/vacancies', async (request, reply) => reply.code(201).send({ id: 'vac', ...(request.body as object) }));
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

type Run = { name: string; p50: number; p99: number; rps: number; non2xx: number };
async function measure(name: string, url: string): Promise<Run> {
  const result = await autocannon({
    url: `${url}/v1/vacancies`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: vacancy,
    connections,
    duration: seconds,
  });
  return {
    name,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    non2xx: result.non2xx,
  };
}

const cores = cpus();
console.log(
  `machine: ${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(
      ' ',
    )} (others' work on a shared machine shows here); PGlite in memory; ${connections} connections, ${seconds} s a run`,
);
const bareRun = await measure('bare Fastify route', bareUrl);
const direct: Run[] = [];
const gateway: Run[] = [];
for (let round = 0; round < rounds; round++) {
  direct.push(await measure(`intake, direct #${round + 1}`, urlOf(system.services.intake)));
  gateway.push(await measure(`through the gateway #${round + 1}`, system.gatewayUrl));
}
const mean = (runs: Run[], key: 'p50' | 'p99' | 'rps') => runs.reduce((sum, r) => sum + r[key], 0) / runs.length;
const line = (r: Run) =>
  `${r.name.padEnd(24)} p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  ${Math.round(r.rps)} req/s` +
  (r.non2xx > 0 ? `  ${r.non2xx} non-2xx!` : '');
for (const r of [bareRun, ...direct, ...gateway]) console.log(line(r));
const p50 = mean(gateway, 'p50') / Math.max(mean(direct, 'p50'), 1);
const p99 = mean(gateway, 'p99') / Math.max(mean(direct, 'p99'), 1);
console.log(
  `intake direct (baseline, mean of ${rounds}): p50 ${mean(direct, 'p50').toFixed(1)} ms, p99 ${mean(direct, 'p99').toFixed(1)} ms, ${Math.round(mean(direct, 'rps'))} req/s`,
);
console.log(
  `through the gateway (mean of ${rounds}):     p50 ${mean(gateway, 'p50').toFixed(1)} ms, p99 ${mean(gateway, 'p99').toFixed(1)} ms, ${Math.round(mean(gateway, 'rps'))} req/s`,
);
console.log(
  `gateway overhead: p50 ×${p50.toFixed(2)} (target ≤ ×${TARGET_P50_RATIO}: ${p50 <= TARGET_P50_RATIO ? 'met' : 'missed'}), ` +
    `p99 ×${p99.toFixed(2)} intake direct, same run`,
);
await bare.close();
await system.close();
await db.close();
