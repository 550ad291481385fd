import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { employers, insertMany, newId, seekers, vacancies } from '@duijie/db';
import { ProfileCache } from '@duijie/matching/profile-cache';
import { reindex } from '@duijie/matching/reindex';
import { RankingEngine } from '@duijie/ranking';
import { vacancyProfile } from '@duijie/ranking/rows';
import { syntheticFair } from '@duijie/ranking/synthetic';
import { RegionDirectory } from '@duijie/regions';
import { PostgresVacancyIndex, wordsOf } from '@duijie/search';
import { Taxonomy } from '@duijie/taxonomy';
import autocannon from 'autocannon';
import { eq } from 'drizzle-orm';
import {
  benchSystem,
  employerRow,
  mib,
  openBenchDatabase,
  pinnedLoad,
  profiled,
  seekerRow,
  vacancyRow,
  withYoungCollections,
} from './bench-data.ts';

const count = Number(process.argv[2] ?? (process.env.DATABASE_URL ? 1_000_000 : 100_000));
const seconds = Number(process.argv[3] ?? 15);
const SEEKERS = 200;
const regions = RegionDirectory.load();
const taxonomy = Taxonomy.load();
const lookups = { regions, taxonomy };

const { db, drop, where } = await openBenchDatabase();
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; ${where}; ${count.toLocaleString('en')} open vacancies; ${load()}`,
);
// The cache's memory is measured as the heap after a full collection, before and after it is built.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** The heap and the typed arrays' bytes outside it (where the cache packs its profiles). */
const heapAfterGc = () => {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heapUsed, arrayBuffers, total: heapUsed + arrayBuffers };
};

// The supply list: synthetic trades, wages and extras, spread over every county.
const counties = regions.all().filter((r) => r.level === 'county');
const now = new Date();
const employerIds = Array.from({ length: Math.max(1, Math.round(count / 50)) }, () => newId('emp'));
await insertMany(
  db.db,
  employers,
  employerIds.map((id, i) => employerRow(id, i, counties[i % counties.length]?.code ?? '110101', now)),
);
let seeded = 0;
const started = performance.now();
const CHUNK = 20_000;
for (let offset = 0; offset < count; offset += CHUNK) {
  const n = Math.min(CHUNK, count - offset);
  const { vacancies: synthetic } = syntheticFair(0, n, { seed: offset + 1 });
  await insertMany(
    db.db,
    vacancies,
    synthetic.map((v, i) =>
      vacancyRow(v, {
        employerId: employerIds[(offset + i) % employerIds.length] as string,
        county: counties[((offset + i) * 7919) % counties.length],
        now,
      }),
    ),
  );
  seeded += n;
}
console.log(
  `seeded ${seeded.toLocaleString('en')} vacancies in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const rssBefore = process.memoryUsage().rss;
const buildStarted = performance.now();
const embedded = new PostgresVacancyIndex(db.db, (text) => wordsOf(text, taxonomy));
await reindex(db.db, embedded, lookups);
console.log(
  `index build: ${((performance.now() - buildStarted) / 1000).toFixed(1)} s; process memory ${mib(rssBefore)} → ${mib(process.memoryUsage().rss)}`,
);

// The profile cache the matching service builds at start, built here alone to weigh it.
{
  const heapBefore = heapAfterGc();
  const cacheStarted = performance.now();
  let cache: ProfileCache | null = new ProfileCache({ db: db.db, engine: new RankingEngine(lookups) });
  const cached = await cache.build();
  const seconds = (performance.now() - cacheStarted) / 1000;
  const after = heapAfterGc();
  const bytes = after.total - heapBefore.total;
  const each = (n: number) => Math.round(n / Math.max(cached, 1));
  console.log(
    `profile cache: ${cached.toLocaleString('en')} vacancies in ${seconds.toFixed(1)} s, +${mib(bytes)} (${mib(each(bytes) * 1_000_000)} per million vacancies, ${each(bytes)} bytes each: ` +
      `${each(after.heapUsed - heapBefore.heapUsed)} on the heap, ${each(after.arrayBuffers - heapBefore.arrayBuffers)} in typed arrays off it)`,
  );
  cache = null;
  heapAfterGc();
}

// The demand list: seekers of 湘西 with the synthetic mix of skills, scopes and expectations.
const { seekers: people } = syntheticFair(SEEKERS, 0, { seed: 7 });
const seekerIds = people.map(() => newId('skr'));
await insertMany(
  db.db,
  seekers,
  people.map((s, i) => seekerRow(s, seekerIds[i] as string, i, now)),
);

/** Until matching says ready: its profile cache built. */
async function profilesBuilt(running: Awaited<ReturnType<typeof benchSystem>>['system']) {
  for (;;) {
    const ready = (await running.services.matching.inject('/ready')).json();
    if (ready.status === 'ready') return;
    if (ready.checks?.['profile cache']?.error?.startsWith('failed')) throw new Error('the profile cache failed');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const { system, token } = await benchSystem(db, { role: 'admin', regionCode: '000000' });
// The service reports ready once its profile cache is built: the load starts then.
const readyStarted = performance.now();
await profilesBuilt(system);
console.log(
  `matching ready (profile cache built) ${((performance.now() - readyStarted) / 1000).toFixed(1)} s after start`,
);
let next = 0;
/** The same load of seekers' matches at `url`: through the gateway, or at matching itself. */
const matchesAt = (url: string) =>
  autocannon({
    url,
    connections: 4,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          path: `/v1/seekers/${seekerIds[next++ % seekerIds.length]}/matches?limit=20`,
        }),
      },
    ],
  });
const { result, young } = await withYoungCollections(() =>
  profiled('the load through the gateway', () => matchesAt(system.gatewayUrl)),
);
console.log(
  `GET /v1/seekers/{id}/matches through the gateway (4 connections, ${seconds} s): p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${Math.round(result.requests.average)} req/s sustained, ${result.non2xx} non-2xx; ${young}; ${load()}`,
);
// The gateway's cost: the same load at matching directly, right after, as a ratio (target ≤ 1.3× at p50).
const address = system.services.matching.server.address();
const { result: direct, young: directYoung } = await withYoungCollections(() =>
  matchesAt(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`),
);
console.log(
  `the same at matching directly: p50 ${direct.latency.p50} ms, p99 ${direct.latency.p99} ms, ${Math.round(direct.requests.average)} req/s, ${direct.non2xx} non-2xx; ${directYoung}; ` +
    `the gateway's cost: ×${(result.latency.p50 / Math.max(direct.latency.p50, 1)).toFixed(2)} at p50 (target ≤ 1.3), ` +
    `×${(result.latency.p99 / Math.max(direct.latency.p99, 1)).toFixed(2)} at p99; ${load()}`,
);
// The issue's way: the generator in its own process on a core of its own, the services on the other.
const target = process.env.DATABASE_URL
  ? 'p99 < 50 ms at 1,000,000 on the server'
  : 'p99 < 100 ms at 100,000 on PGlite';
const pinnedFor = (duration: number, at = { gatewayUrl: system.gatewayUrl, token }) =>
  withYoungCollections(() =>
    pinnedLoad({
      url: at.gatewayUrl,
      paths: seekerIds.map((id) => `/v1/seekers/${id}/matches?limit=20`),
      headers: { authorization: `Bearer ${at.token}` },
      connections: 4,
      seconds: duration,
    }),
  );
const pinnedLine = (what: string, run: Awaited<ReturnType<typeof pinnedFor>>) =>
  run.result
    ? `${what}: p50 ${run.result.p50} ms, p99 ${run.result.p99} ms (target ${target}), ${Math.round(run.result.average)} req/s, ${run.result.non2xx} non-2xx; ${run.young}; ${load()}`
    : 'the generator could not be pinned to a core of its own here (one core, or no taskset)';
console.log(
  pinnedLine(
    'the same through the gateway, the generator pinned to a core of its own (taskset; the services on the other, the database server unpinned)',
    await pinnedFor(seconds),
  ),
);
// A load long enough to hold full collections, which the short ones above may miss
// (PROFILE-CACHE.md: under a sustained load they come every ≈ 10 s at a million).
console.log(pinnedLine(`the same, sustained for ${4 * seconds} s`, await pinnedFor(4 * seconds)));
// Each seeker alone, one request at a time at matching directly: how much of the tail is some
// seekers costing more (candidates, scope) rather than queueing and collections.
const alone: { ms: number; considered: number }[] = [];
for (const id of seekerIds) {
  const t0 = performance.now();
  const res = await system.services.matching.inject({
    url: `/v1/seekers/${id}/matches?limit=20`,
    headers: { authorization: `Bearer ${token}` },
  });
  alone.push({ ms: performance.now() - t0, considered: Number(res.json().considered ?? 0) });
}
alone.sort((a, b) => a.ms - b.ms);
const aloneAt = (q: number) => alone[Math.min(alone.length - 1, Math.floor(q * alone.length))];
console.log(
  `each of the ${alone.length} seekers alone (in process, one at a time): p50 ${aloneAt(0.5)?.ms.toFixed(1)} ms, p99 ${aloneAt(0.99)?.ms.toFixed(1)} ms, max ${alone.at(-1)?.ms.toFixed(1)} ms; ` +
    `candidates considered: median ${[...alone].sort((a, b) => a.considered - b.considered)[alone.length >> 1]?.considered}, ` +
    `the five slowest ${alone
      .slice(-5)
      .map((a) => `${a.ms.toFixed(0)} ms/${a.considered}`)
      .join(', ')}`,
);
const metrics = (await system.services.matching.inject('/metrics')).body;
const counted = (metric: string, from: string) =>
  Number(new RegExp(`${metric}\\{[^}]*from="${from}"[^}]*\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
const ranked = (from: string) => counted('duijie_matching_ranked_total', from);
const candidates = (from: string) => counted('duijie_matching_candidate_queries_total', from);
console.log(
  `requests ranked from memory ${ranked('memory')}, from the database ${ranked('database')}; profiles missing from the cache ${ranked('miss')}; candidate queries answered in memory ${candidates('memory')}, by the index ${candidates('index')}; process heap ${mib(process.memoryUsage().heapUsed)}, rss ${mib(process.memoryUsage().rss)}`,
);

// The services (and the profile cache in matching's heap) go before the brute force loads
// every vacancy into this same process.
await system.close();

// Side by side: the same pinned loads with the profiles in a thread of their own
// (PROFILE_CACHE=thread), the service's heap then holding none of them.
{
  const threaded = await benchSystem(
    db,
    { role: 'admin', regionCode: '000000' },
    { matching: { profileCache: 'thread' } },
  );
  await profilesBuilt(threaded.system);
  const at = { gatewayUrl: threaded.system.gatewayUrl, token: threaded.token };
  console.log(
    pinnedLine(
      "PROFILE_CACHE=thread, the same pinned load (young collections: the service's thread only)",
      await pinnedFor(seconds, at),
    ),
  );
  console.log(pinnedLine(`PROFILE_CACHE=thread, sustained for ${4 * seconds} s`, await pinnedFor(4 * seconds, at)));
  await threaded.system.close();
}

// Brute force: every open vacancy scored for a seeker by the same engine, no index.
const engine = new RankingEngine(lookups);
const loadStarted = performance.now();
const all = await db.db
  .select({ vacancy: vacancies, employer: employers })
  .from(vacancies)
  .innerJoin(employers, eq(employers.id, vacancies.employerId));
const profiles = all.map((r) => vacancyProfile(r.vacancy, r.employer));
console.log(
  `brute force: loading every vacancy took ${((performance.now() - loadStarted) / 1000).toFixed(1)} s (not counted below)`,
);
const times: number[] = [];
for (const s of people.slice(0, 5)) {
  const t0 = performance.now();
  engine.rankVacancies({ ...s }, profiles, { limit: 20 });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const brute50 = times[Math.floor(times.length / 2)] ?? 0;
console.log(
  `brute-force scan of ${profiles.length.toLocaleString('en')} vacancies per seeker (in process, data already in memory): p50 ${brute50.toFixed(0)} ms, max ${(times.at(-1) ?? 0).toFixed(0)} ms — ×${(brute50 / Math.max(result.latency.p50, 1)).toFixed(1)} the indexed p50 through the gateway`,
);

await db.close();
await drop();
