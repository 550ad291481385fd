// Bulk intake throughput: vacancies a second stored (with their events) through
// POST /v1/vacancies/bulk on the embedded default (PGlite), 10,000 a request (each a job, polled to its end).
//   node --conditions=@duijie/source --import tsx scripts/bench/intake.ts [requests]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { creditCodeCheckChar } from '@duijie/contracts';
import { insertMany, openDatabase, vacancies as vacancyTable } from '@duijie/db';
import { buildApp } from '@duijie/intake/app';
import { syntheticFair } from '@duijie/ranking/synthetic';
import { createLogger, StaffTokens } from '@duijie/service-kit';
import { vacancyInputOf } from '../seed/demo-data.ts';
import { vacancyRow } from './bench-data.ts';

const requests = Number(process.argv[2] ?? 3);
// PGlite in memory, as measured since session 1; BENCH_PGLITE=disk: in a temporary data
// directory, as pnpm start keeps ./data.
const dataDir = process.env.BENCH_PGLITE === 'disk' ? mkdtempSync(join(tmpdir(), 'duijie-intake-')) : undefined;
const db = await openDatabase({ dataDir });
const staffTokens = new StaffTokens(randomBytes(32).toString('hex'));
const app = buildApp({ db, logger: createLogger({ level: 'silent' }), expiryIntervalMs: 0, staffTokens });
const admin = {
  authorization: `Bearer ${await staffTokens.issue({ staffId: 'bench', name: '基准', role: 'admin', regionCode: '000000' })}`,
};
const employer = await app.inject({
  method: 'POST',
  url: '/v1/employers',
  headers: admin,
  payload: {
    name: '基准测试单位',
    kind: 'enterprise',
    creditCode: `91433100MA4B00000${creditCodeCheckChar('91433100MA4B00000')}`,
    regionCode: '433101',
  },
});
const employerId = employer.json().id as string;
const { vacancies } = syntheticFair(0, 10_000 * requests, { seed: 3 });
const body = (i: number) => ({
  vacancies: vacancies.slice(i * 10_000, (i + 1) * 10_000).map((v) => vacancyInputOf(v, employerId)),
});

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; database: PGlite ${dataDir ? `on disk (${dataDir})` : 'in memory'}`,
);
let stored = 0;
const started = performance.now();
for (let i = 0; i < requests; i++) {
  const t0 = performance.now();
  const res = await app.inject({ method: 'POST', headers: admin, url: '/v1/vacancies/bulk', payload: body(i) });
  // 10,000 rows are a background job (202): the time counted runs until the job is done.
  let job = res.json() as { status: string; report: { stored: number; failed: unknown[] } };
  while (job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 50));
    job = (await app.inject({ headers: admin, url: res.headers.location as string })).json();
  }
  const report = job.report;
  stored += report.stored;
  console.log(
    `request ${i + 1}: ${report.stored} stored, ${report.failed.length} failed, ${Math.round(performance.now() - t0)} ms`,
  );
}
const seconds = (performance.now() - started) / 1000;
const rate = stored / seconds;
console.log(
  `bulk intake: ${Math.round(rate).toLocaleString('en')} vacancies a second (${stored} in ${seconds.toFixed(1)} s), events included; ` +
    `target ≥ 5,000 a second: ${rate >= 5_000 ? 'met' : 'NOT met'}`,
);

// The baseline, same run, same database: the same rows written straight into the table in
// batches of 1,000, with no request, no checks and no events — what the database alone costs.
// What the route costs beyond it is parsing, validation, the employer and duplicate checks,
// and the events with their deliveries.
const raw = vacancies.slice(0, 10_000).map((v) => vacancyRow(v, { employerId, now: new Date() }));
const rawStarted = performance.now();
for (let i = 0; i < raw.length; i += 1_000) await insertMany(db.db, vacancyTable, raw.slice(i, i + 1_000));
const rawRate = raw.length / ((performance.now() - rawStarted) / 1000);
console.log(
  `baseline, the rows alone (insertMany, no events): ${Math.round(rawRate).toLocaleString('en')} a second; ` +
    `the route runs at ${(rate / rawRate).toFixed(2)}× that`,
);
await app.close();
await db.close();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
