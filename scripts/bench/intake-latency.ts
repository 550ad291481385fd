// Single POST /v1/vacancies under load (autocannon): through the gateway with an employer's
// API key, straight to intake, and a bare Fastify route that only parses and answers, all in
// the same run on the embedded default (PGlite in memory), so the ratios say what each layer costs.
//   node --conditions=@duijie/source --import tsx scripts/bench/intake-latency.ts [seconds] [connections]
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { creditCodeCheckChar } from '@duijie/contracts';
import { openDatabase } from '@duijie/db';
import { createLogger, StaffTokens } from '@duijie/service-kit';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { runServices, urlOf } from '../src/system.ts';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 10);
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

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; PGlite in memory; ${connections} connections, ${seconds} s each`,
);
const runs = [
  await measure('bare Fastify route', bareUrl),
  await measure('intake, direct', urlOf(system.services.intake)),
  await measure('through the gateway', system.gatewayUrl),
];
const base = runs[0] as Run;
for (const r of runs) {
  console.log(
    `${r.name.padEnd(22)} p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  ${Math.round(r.rps)} req/s  ` +
      `(p50 ×${(r.p50 / Math.max(base.p50, 1)).toFixed(1)}, p99 ×${(r.p99 / Math.max(base.p99, 1)).toFixed(1)} the bare route)` +
      (r.non2xx > 0 ? `  ${r.non2xx} non-2xx!` : ''),
  );
}
await bare.close();
await system.close();
await db.close();
