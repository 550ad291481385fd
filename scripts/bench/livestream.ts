import { cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { employers, insertMany, livestreamViewers, newId, vacancies } from '@duijie/db';
import { syntheticFair } from '@duijie/ranking/synthetic';
import { RegionDirectory } from '@duijie/regions';
import { Taxonomy } from '@duijie/taxonomy';
import { benchSystem, employerRow, mib, openBenchDatabase, percentile, vacancyRow } from './bench-data.ts';

const seconds = Number(process.argv[2] ?? 30);
const consoles = Number(process.argv[3] ?? 8);
const VACANCIES = 500;
const VIEWERS = 200_000;
const REGISTRATIONS_PER_SECOND = 200;
const regions = RegionDirectory.load();
const taxonomy = Taxonomy.load();

const { db, drop, where } = await openBenchDatabase();
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; ${where}; ${VACANCIES} vacancies, ` +
    `${VIEWERS.toLocaleString('en')} viewers, ${consoles} consoles polling, ${REGISTRATIONS_PER_SECOND} registrations/s, ${seconds} s`,
);
const now = new Date();
const { vacancies: supply, seekers: people } = syntheticFair(5000, VACANCIES, { seed: 99 });
const employerIds = Array.from({ length: 25 }, () => newId('emp'));
await insertMany(
  db.db,
  employers,
  employerIds.map((id, i) => ({ ...employerRow(id, i, '433101', now), blacklisted: false })),
);
const vacancyRows = supply.map((v, i) => vacancyRow(v, { employerId: employerIds[i % 25] as string, now }));
await insertMany(db.db, vacancies, vacancyRows);

const { system, headers } = await benchSystem(db, { role: 'officer', regionCode: '433100' });
const res = await fetch(`${system.gatewayUrl}/v1/livestreams`, {
  method: 'POST',
  headers,
  body: JSON.stringify({
    title: '基准直播带岗',
    host: '主播',
    platform: '抖音',
    regionCode: '433100',
    startsAt: '2026-11-23T19:00:00+08:00',
    endsAt: '2026-11-23T23:00:00+08:00',
    targetRegions: ['433100'],
    vacancyIds: vacancyRows.map((v) => v.id),
  }),
});
const live = (await res.json()) as { id: string };

// The audience so far: people of 湘西 and beyond, with the synthetic trades and wages.
const counties = regions.all().filter((r) => r.level === 'county');
const viewerOf = (i: number) => {
  const p = people[i % people.length];
  const far = i % 5 === 0;
  return {
    regionCode: far ? (counties[(i * 7919) % counties.length]?.code ?? '433101') : (p?.residenceRegionCode ?? '433101'),
    skillCodes: (p?.skills ?? []).map((s) => s.code).filter((c): c is string => Boolean(c)),
    expectedMonthlyWage: p?.demand.expectedMonthlyWage ?? null,
  };
};
const seedStarted = performance.now();
for (let i = 0; i < VIEWERS; i += 10_000) {
  await insertMany(
    db.db,
    livestreamViewers,
    Array.from({ length: Math.min(10_000, VIEWERS - i) }, (_, j) => ({
      id: newId('vwr'),
      livestreamId: live.id,
      platformUserId: `seed-${i + j}`,
      seekerId: null,
      ...viewerOf(i + j),
      registeredAt: now,
    })),
  );
}
console.log(
  `seeded ${VIEWERS.toLocaleString('en')} viewers in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
);

const lineupUrl = `${system.gatewayUrl}/v1/livestreams/${live.id}/lineup?limit=20`;
const rssBefore = process.memoryUsage().rss;
const coldStarted = performance.now();
const cold = (await (await fetch(lineupUrl)).json()) as { audience: { viewers: number } };
console.log(
  `first lineup (reads ${cold.audience.viewers.toLocaleString('en')} viewers, ranks ${VACANCIES}): ${(performance.now() - coldStarted).toFixed(0)} ms`,
);

const lineupLatencies: number[] = [];
const registrationLatencies: number[] = [];
const etags = new Set<string>();
let registered = 0;
let failures = 0;
const poll = async (until: number, latencies: number[]) => {
  while (performance.now() < until) {
    const t0 = performance.now();
    const r = await fetch(lineupUrl);
    await r.arrayBuffer();
    latencies.push(performance.now() - t0);
    if (!r.ok) failures++;
    etags.add(r.headers.get('etag') ?? '');
  }
};

const until = performance.now() + seconds * 1000;
const register = async () => {
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; performance.now() < until; i++) {
    const due = started + (i * 1000) / REGISTRATIONS_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const viewer = viewerOf(VIEWERS + i);
    const t0 = performance.now();
    pending.push(
      fetch(`${system.gatewayUrl}/v1/livestreams/${live.id}/viewers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          platformUserId: `live-${i}`,
          regionCode: viewer.regionCode,
          skills: viewer.skillCodes.map((c) => taxonomy.skill(c)?.name ?? c),
          ...(viewer.expectedMonthlyWage ? { expectedMonthlyWage: viewer.expectedMonthlyWage } : {}),
        }),
      }).then(async (r) => {
        await r.arrayBuffer();
        registrationLatencies.push(performance.now() - t0);
        if (r.status === 201) registered++;
        else failures++;
      }),
    );
  }
  await Promise.all(pending);
};
// The services, the gateway and this load generator share one event loop (as `pnpm start`
// runs them, plus the generator): how long it was held shows what a tail is made of.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const loadStarted = performance.now();
await Promise.all([register(), ...Array.from({ length: consoles }, () => poll(until, lineupLatencies))]);
loopDelay.disable();
const elapsed = (performance.now() - loadStarted) / 1000;
const distinctLineups = etags.size;
// The baseline, same run: the same consoles for 5 s once no one registers any more (after the
// load, so that the load meets the database as it was seeded), to show what registrations add.
const quiet: number[] = [];
const quietUntil = performance.now() + 5_000;
await Promise.all(Array.from({ length: consoles }, () => poll(quietUntil, quiet)));
quiet.sort((a, b) => a - b);

lineupLatencies.sort((a, b) => a - b);
registrationLatencies.sort((a, b) => a - b);
const p99 = percentile(lineupLatencies, 99);
console.log(
  `lineup through the gateway (${consoles} consoles polling without pause): p50 ${percentile(lineupLatencies, 50).toFixed(0)} ms, ` +
    `p99 ${p99.toFixed(0)} ms, ${(lineupLatencies.length / elapsed).toFixed(0)} req/s, ${distinctLineups} distinct lineups; ` +
    `target p99 < 100 ms: ${p99 < 100 ? 'met' : 'NOT met'} (${(p99 / 100).toFixed(2)} of it)`,
);
const quietP50 = percentile(quiet, 50);
const quietP99 = percentile(quiet, 99);
console.log(
  `baseline, the same consoles with no one registering (5 s, same run): p50 ${quietP50.toFixed(0)} ms, p99 ${quietP99.toFixed(0)} ms, ` +
    `${(quiet.length / 5).toFixed(0)} req/s; with registrations flowing ×${(percentile(lineupLatencies, 50) / quietP50).toFixed(2)} at p50, ` +
    `×${(p99 / quietP99).toFixed(2)} at p99`,
);
console.log(
  `registrations: ${(registered / elapsed).toFixed(0)}/s (target pace ${REGISTRATIONS_PER_SECOND}/s), p50 ${percentile(registrationLatencies, 50).toFixed(0)} ms, ` +
    `p99 ${percentile(registrationLatencies, 99).toFixed(0)} ms; ${failures} failed; process memory ${mib(rssBefore)} → ${mib(process.memoryUsage().rss)}`,
);
console.log(
  `event loop held (services, gateway and generator share it): p50 ${(loopDelay.percentile(50) / 1e6).toFixed(0)} ms, ` +
    `p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(loopDelay.max / 1e6).toFixed(0)} ms`,
);
const last = (await (await fetch(lineupUrl)).json()) as { audience: { viewers: number } };
console.log(
  `the lineup now counts ${last.audience.viewers.toLocaleString('en')} viewers (${(VIEWERS + registered).toLocaleString('en')} registered)`,
);
await system.close();
await db.close();
await drop();
