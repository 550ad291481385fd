// Rows for the benchmarks, written straight into the tables (the intake API is measured by
// its own benchmark): synthetic trades, wages and people over the real divisions.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import {
  type DatabaseHandle,
  type EmployerRow,
  newId,
  openDatabase,
  type SeekerInsertRow,
  type VacancyInsertRow,
} from '@duijie/db';
import type { SeekerProfile, VacancyProfile } from '@duijie/ranking';
import type { Region } from '@duijie/regions';
import { createLogger, StaffTokens } from '@duijie/service-kit';
import postgres from 'postgres';
import { runServices } from '../src/system.ts';
import type { Load } from './load-generator.ts';

export const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

/** With DATABASE_URL, a database of the benchmark's own, made here (dropped by `drop`); else null. */
export async function benchDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  const name = `duijie_bench_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** With DATABASE_URL, a database of the benchmark's own, made here and dropped after; else PGlite in memory. */
/**
 * The bench's database: with DATABASE_URL a database of its own on the server; else PGlite in
 * memory, or — `onDisk` — in a temporary data directory as `pnpm start` keeps it in ./data
 * (a bench of memory must not count the whole database as the process's own).
 */
export async function openBenchDatabase(
  options: { onDisk?: boolean } = {},
): Promise<{ db: DatabaseHandle; drop: () => Promise<void>; where: string }> {
  const own = await benchDatabaseUrl();
  if (!own && options.onDisk) {
    const dataDir = mkdtempSync(join(tmpdir(), 'duijie-bench-'));
    return {
      db: await openDatabase({ dataDir }),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
      where: `PGlite on disk (${dataDir}, as pnpm start keeps ./data)`,
    };
  }
  if (!own) return { db: await openDatabase({}), drop: async () => {}, where: 'PGlite in memory' };
  return { db: await openDatabase({ url: own.url }), where: 'the PostgreSQL server', drop: own.drop };
}

export const employerRow = (id: string, i: number, regionCode: string, now: Date): EmployerRow => ({
  id,
  name: `基准单位${i}`,
  kind: 'enterprise',
  creditCode: `BENCH${String(i).padStart(13, '0')}`,
  regionCode,
  contacts: [],
  blacklisted: i % 97 === 13,
  blacklistReason: null,
  blacklistedAt: null,
  retention90: null,
  followedUp90: 0,
  createdAt: now,
  updatedAt: now,
  version: 1,
});

export function vacancyRow(
  v: VacancyProfile,
  at: { employerId: string; county?: Region | undefined; now: Date },
): VacancyInsertRow {
  const point = at.county?.point ?? v.location ?? null;
  return {
    id: newId('vac'),
    employerId: at.employerId,
    externalId: null,
    title: v.title,
    description: '',
    occupationCode: null,
    requiredSkills: [...v.requiredSkills],
    preferredSkills: [...v.preferredSkills],
    requiredCertificates: [],
    regionCode: at.county?.code ?? v.regionCode,
    address: null,
    lat: point?.lat ?? null,
    lng: point?.lng ?? null,
    wageMin: v.monthlyWageMin,
    wageMax: v.monthlyWageMax,
    wageUnit: 'month',
    piecesPerMonth: null,
    monthlyWageMin: v.monthlyWageMin,
    monthlyWageMax: v.monthlyWageMax,
    headcount: v.headcount,
    filledCount: 0,
    employmentType: v.employmentType,
    minEducation: v.minEducation ?? null,
    minExperienceMonths: null,
    ageMin: v.ageMin ?? null,
    ageMax: v.ageMax ?? null,
    housingProvided: v.housingProvided,
    mealsProvided: v.mealsProvided,
    shift: v.shift ?? null,
    publicWelfare: v.publicWelfare,
    tags: [],
    status: 'open',
    datePosted: new Date(v.datePosted),
    validThrough: null,
    createdAt: at.now,
    updatedAt: at.now,
    version: 1,
  };
}

export const seekerRow = (s: SeekerProfile, id: string, i: number, now: Date): SeekerInsertRow => ({
  id,
  name: `求职者${i}`,
  idNumber: `BENCH${String(i).padStart(13, '0')}`,
  phone: `139${String(i).padStart(8, '0')}`,
  gender: null,
  birthDate: s.birthDate ?? null,
  residenceRegionCode: s.residenceRegionCode,
  education: s.education ?? null,
  priorityGroups: [...s.priorityGroups],
  monitored: false,
  employmentStatus: 'unemployed',
  skills: [...s.skills],
  skillCodes: s.skills.map((k) => k.code).filter((c): c is string => Boolean(c)),
  certificates: [...s.certificates],
  trainingNeeds: [],
  demand: { ...s.demand, expectedMonthlyWage: s.demand.expectedMonthlyWage ?? undefined },
  householdIncome: {},
  outcome: { status: 'pending' },
  active: true,
  registeredBy: 'bench',
  registeredAt: now,
  createdAt: now,
  updatedAt: now,
  version: 1,
});

/** p-th percentile of sorted latencies. */
export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * The whole system on the benchmark's database, silent and without rate limits (the load is
 * the point), and a bearer header for a staff member of the given region and role.
 */
export async function benchSystem(
  db: DatabaseHandle,
  staff: { role: 'officer' | 'admin'; regionCode: string },
  options: Omit<Parameters<typeof runServices>[0], 'db' | 'staffTokens' | 'logger'> = {},
) {
  const staffTokens = new StaffTokens(randomBytes(32).toString('hex'));
  const system = await runServices({
    db,
    staffTokens,
    logger: createLogger({ level: 'silent' }),
    gateway: { rateLimit: { max: 10_000_000, windowMs: 60_000 } },
    ...options,
  });
  const token = await staffTokens.issue({ staffId: 'bench', name: '基准', ...staff });
  return { system, token, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } };
}

/**
 * A load from the generator in a process of its own pinned to the last core, with this
 * process (the services, every thread) pinned to the others while it runs; null where there
 * is one core or no `taskset`. The database server, another process, is not pinned.
 */
export async function pinnedLoad(
  load: Load,
): Promise<{ p50: number; p99: number; average: number; non2xx: number } | null> {
  const cores = cpus().length;
  if (cores < 2 || spawnSync('taskset', ['-V']).status !== 0) return null;
  const services = cores === 2 ? '0' : `0-${cores - 2}`;
  const all = `0-${cores - 1}`;
  spawnSync('taskset', ['-a', '-p', '-c', services, String(process.pid)]);
  try {
    const generator = spawn(
      'taskset',
      [
        '-c',
        String(cores - 1),
        process.execPath,
        '--import',
        'tsx',
        join(import.meta.dirname, 'load-generator.ts'),
        JSON.stringify(load),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    generator.stdout.on('data', (chunk) => {
      out += chunk;
    });
    const [code] = (await once(generator, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`the load generator exited with ${code}`);
    return JSON.parse(out.trim().split('\n').at(-1) ?? 'null');
  } finally {
    spawnSync('taskset', ['-a', '-p', '-c', all, String(process.pid)]);
  }
}

/**
 * `body`, with this process's collections during it: at a million vacancies each young one
 * (scavenge) first walks every page of the old generation, and a full one marks the whole
 * cache (services/matching/PROFILE-CACHE.md), so their count and length are the tail's main
 * causes. Printed as a figure of the load; a full collection's own pause only (its marking
 * runs in steps between requests and is not counted here).
 */
export async function withYoungCollections<T>(body: () => Promise<T>): Promise<{ result: T; young: string }> {
  const pauses: number[] = [];
  let full = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) pauses.push(entry.duration);
      else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const started = performance.now();
  try {
    const result = await body();
    const elapsed = performance.now() - started;
    pauses.sort((a, b) => a - b);
    const total = pauses.reduce((sum, ms) => sum + ms, 0);
    const median = pauses[Math.floor(pauses.length / 2)] ?? 0;
    return {
      result,
      young: `${pauses.length} young collections, median ${median.toFixed(1)} ms, max ${(pauses.at(-1) ?? 0).toFixed(1)} ms, ${((100 * total) / elapsed).toFixed(1)} % of the load; ${full} full`,
    };
  } finally {
    observer.disconnect();
  }
}

/**
 * Runs `body` under V8's CPU profiler when BENCH_CPU_PROFILE names a file (open it in Chrome's
 * DevTools), and prints the functions that took the most time of this thread.
 */
export async function profiled<T>(what: string, body: () => Promise<T>): Promise<T> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return body();
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (err, result) => (err ? reject(err) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await body();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    writeFileSync(file, JSON.stringify(profile));
    console.log(`CPU profile of ${what}: ${file}; most time of this thread (self, ms):`);
    for (const [name, ms] of topFunctions(profile, 15)) console.log(`  ${ms.toFixed(0).padStart(6)}  ${name}`);
  }
}

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
};

function topFunctions(profile: CpuProfile, n: number): [string, number][] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n);
}
