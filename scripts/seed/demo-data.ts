import { ASYNC_IMPORT_ROWS, creditCodeCheckChar, residentIdCheckChar } from '@duijie/contracts';
import { employers, fairs, livestreams, staffAccounts } from '@duijie/db';
import { createAdminOnCommand, renewUnusedOneTimePassword } from '@duijie/intake/staff-accounts';
import type { VacancyProfile } from '@duijie/ranking';
import { syntheticFair } from '@duijie/ranking/synthetic';
import { desc, eq, like } from 'drizzle-orm';
import type { RunningSystem } from '../src/system.ts';

export type SeedCounts = { employers: number; vacancies: number; seekers: number; seed?: number };
/** Posts a body to an intake path and answers the created record (fails on anything but 2xx). */
export type Send = (path: string, body: unknown) => Promise<{ id: string } & Record<string, unknown>>;

/** Straight into a service of a system in this process (intake by default), as an admin of 湘西州. */
export async function sendInProcess(
  system: RunningSystem,
  service: 'intake' | 'matching' = 'intake',
  method: 'POST' | 'PUT' = 'POST',
): Promise<Send> {
  const headers = { authorization: `Bearer ${await demoStaffToken(system)}` };
  return async (url, payload) => {
    const res = await system.services[service].inject({
      method,
      url,
      headers,
      payload: payload as Record<string, unknown>,
    });
    if (res.statusCode >= 300) throw new Error(`seed: ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json();
  };
}

/** Through a running system's gateway, with a staff token of 湘西州 (or above). */
export function sendThroughGateway(gatewayUrl: string, token: string): Send {
  return async (path, body) => {
    const res = await fetch(`${gatewayUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`seed: ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text);
  };
}

export type Seeded = {
  employerIds: string[];
  vacancyIds: string[];
  seekers: { id: string; idNumber: string; phone: string }[];
};

/**
 * A county's worth of demo records for a first look (湘西州: 20 employers, 300 vacancies,
 * 200 seekers), put in through the intake API like any other records, so they are
 * normalised and have their events. Only into an empty database.
 */
export async function loadDemoData(
  system: RunningSystem,
): Promise<
  { employers: number; vacancies: number; seekers: number; fairId: string; livestreamId: string } | 'partial' | null
> {
  const [any] = await system.db.db.select({ id: employers.id }).from(employers).limit(1);
  if (any) return (await demoCutShort(system)) ? 'partial' : null;
  const seeded = await seedThroughIntake(await sendInProcess(system), {
    employers: 20,
    vacancies: 300,
    seekers: 200,
    seed: DEMO_SEED,
  });
  const screens = await demoFairAndLivestream(system, seeded);
  return {
    employers: seeded.employerIds.length,
    vacancies: seeded.vacancyIds.length,
    seekers: seeded.seekers.length,
    ...screens,
  };
}

/** What the start command says of the demo data it loaded, or found cut short; null: nothing to say. */
export function demoDataLine(
  loaded: Awaited<ReturnType<typeof loadDemoData>>,
  where: { DATABASE_URL?: string | undefined; DATA_DIR: string },
): string | null {
  if (loaded === 'partial') {
    const empty = where.DATABASE_URL ? 'a new DATABASE_URL' : `move ${where.DATA_DIR} aside`;
    return `The demo data is only partly loaded: an earlier start was stopped while loading it. To load it whole, stop Duijie and start again on an empty database (${empty}), or go on with what is there.`;
  }
  if (!loaded) return null;
  return `Loaded demo data (湘西州): ${loaded.employers} employers, ${loaded.vacancies} vacancies, ${loaded.seekers} seekers, a fair with 8 booths and 40 check-ins, a livestream of 30 jobs. DEMO_DATA=off to start empty.`;
}

const DEMO_SEED = 2026;
const DEMO_LIVESTREAM_TITLE = '湘西州就业直播带岗（演示）';

/**
 * The demo's loading was stopped part way (a first start stopped while it loaded): its first
 * employer is there, but not its livestream, which is made last. Loaded only into an empty
 * database, it is not loaded again by itself: the start says so.
 */
async function demoCutShort(system: RunningSystem): Promise<boolean> {
  const stem = demoCreditStem(DEMO_SEED, 0);
  const [first] = await system.db.db
    .select({ id: employers.id })
    .from(employers)
    .where(eq(employers.creditCode, `${stem}${creditCodeCheckChar(stem)}`))
    .limit(1);
  if (!first) return false;
  const [livestream] = await system.db.db
    .select({ id: livestreams.id })
    .from(livestreams)
    .where(eq(livestreams.title, DEMO_LIVESTREAM_TITLE))
    .limit(1);
  return !livestream;
}

/** A letter per seed (of those a credit code may hold), so seeding again adds employers. */
export const demoCreditStem = (seed: number, employer: number) =>
  `91433100MA4${'DEFGHJKLMNPQRTUWXY'[seed % 18]}${String(employer).padStart(5, '0')}`;

/**
 * Something for the screens to show at once: a fair running now with eight booths, forty
 * seekers checked in and some intents (the hall's figures, the booth's candidates), and a
 * livestream of thirty of the jobs (the host console, the overlay, the viewer's page). Both
 * stay open for two weeks from the first start.
 */
async function demoFairAndLivestream(system: RunningSystem, seeded: Seeded) {
  const post = await sendInProcess(system, 'matching');
  const put = await sendInProcess(system, 'matching', 'PUT');
  const now = Date.now();
  const window = {
    startsAt: new Date(now - 3_600_000).toISOString(),
    endsAt: new Date(now + 14 * 86_400_000).toISOString(),
  };
  const fair = await post('/v1/fairs', {
    name: '湘西州春风行动招聘会（演示）',
    kind: 'on_site',
    venueRegionCode: '433101',
    ...window,
  });
  // seedThroughIntake deals the vacancies out to the employers in turn.
  const byEmployer = (e: number) => seeded.vacancyIds.filter((_, i) => i % seeded.employerIds.length === e);
  for (let e = 0; e < 8; e++) {
    await put(`/v1/fairs/${fair.id}/booths/${seeded.employerIds[e]}`, {
      booth: `${'ABCD'[e % 4]}${String(Math.floor(e / 4) + 1).padStart(2, '0')}`,
      vacancyIds: byEmployer(e).slice(0, 10),
    });
  }
  for (const [i, seeker] of seeded.seekers.slice(0, 40).entries()) {
    const checkin = (await post(`/v1/fairs/${fair.id}/checkins`, { phone: seeker.phone })) as unknown as {
      recommendations: { vacancy: { id: string } }[];
    };
    const best = checkin.recommendations[0];
    if (i % 3 === 0 && best) {
      await post(`/v1/fairs/${fair.id}/intents`, { seekerId: seeker.id, vacancyId: best.vacancy.id });
    }
  }
  const livestream = await post('/v1/livestreams', {
    title: DEMO_LIVESTREAM_TITLE,
    host: '小彭',
    platform: '抖音',
    regionCode: '433100',
    ...window,
    targetRegions: ['433100'],
    vacancyIds: seeded.vacancyIds.slice(0, 30),
  });
  return { fairId: fair.id, livestreamId: livestream.id };
}

/** The newest fair and livestream of the demo's region, for the start command's lines on its screens. */
export async function demoScreens(system: RunningSystem) {
  const [fair] = await system.db.db
    .select({ id: fairs.id })
    .from(fairs)
    .where(like(fairs.venueRegionCode, '4331%'))
    .orderBy(desc(fairs.startsAt))
    .limit(1);
  const [livestream] = await system.db.db
    .select({ id: livestreams.id })
    .from(livestreams)
    .where(like(livestreams.regionCode, '4331%'))
    .orderBy(desc(livestreams.startsAt))
    .limit(1);
  return { fairId: fair?.id, livestreamId: livestream?.id };
}

/**
 * Realistic records of 湘西州 at any size — real divisions and trades, the trades' real
 * licences, wages and priority groups as the synthetic fair draws them — registered through
 * intake by an admin of the prefecture.
 */
export async function seedThroughIntake(post: Send, counts: SeedCounts): Promise<Seeded> {
  const { seekers, vacancies } = syntheticFair(counts.seekers, counts.vacancies, { seed: counts.seed ?? 2026 });
  const kinds = ['enterprise', 'community_factory', 'enterprise', 'labor_agency', 'public_welfare'] as const;
  const employerIds: string[] = [];
  for (let i = 0; i < counts.employers; i++) {
    const stem = demoCreditStem(counts.seed ?? DEMO_SEED, i);
    const home = vacancies[i]?.regionCode;
    employerIds.push(
      (
        await post('/v1/employers', {
          name: `湘西示例单位${i + 1}号`,
          kind: kinds[i % kinds.length],
          creditCode: `${stem}${creditCodeCheckChar(stem)}`,
          regionCode: home?.startsWith('4331') ? home : '433101',
        })
      ).id,
    );
  }
  const vacancyIds: string[] = [];
  // Requests small enough to be answered at once (larger ones become background jobs).
  for (let from = 0; from < vacancies.length; from += ASYNC_IMPORT_ROWS) {
    const report = (await post('/v1/vacancies/bulk', {
      vacancies: vacancies
        .slice(from, from + ASYNC_IMPORT_ROWS)
        .map((v, j) => vacancyInputOf(v, employerIds[(from + j) % employerIds.length] as string)),
    })) as unknown as { vacancies: { id: string }[] };
    vacancyIds.push(...report.vacancies.map((v) => v.id));
  }
  const registered: Seeded['seekers'] = [];
  for (const [i, s] of seekers.entries()) {
    const stem = `${s.residenceRegionCode}${(s.birthDate ?? '1990-01-01').replaceAll('-', '')}${String(i % 1000).padStart(3, '0')}`;
    const idNumber = `${stem}${residentIdCheckChar(stem)}`;
    const phone = `139${String(i).padStart(8, '0')}`;
    const { id } = await post('/v1/seekers', {
      name: `示例求职者${i + 1}`,
      idNumber,
      phone,
      residenceRegionCode: s.residenceRegionCode,
      priorityGroups: s.priorityGroups,
      skills: s.skills.map((k) => ({ name: k.name, ...(k.years !== undefined ? { years: k.years } : {}) })),
      certificates: s.certificates,
      demand: {
        regionScope: s.demand.regionScope,
        acceptedRegions: s.demand.acceptedRegions,
        ...(s.demand.expectedMonthlyWage ? { expectedWage: { min: s.demand.expectedMonthlyWage, unit: 'month' } } : {}),
        needsHousing: s.demand.needsHousing,
      },
    });
    registered.push({ id, idNumber, phone });
  }
  return { employerIds, vacancyIds, seekers: registered };
}

/** A synthetic vacancy as an employer posts it to intake. */
export const vacancyInputOf = (v: VacancyProfile, employerId: string) => ({
  employerId,
  title: v.title,
  regionCode: v.regionCode,
  requiredSkills: v.requiredSkills.map((s) => ({ name: s.name, ...(s.level ? { level: s.level } : {}) })),
  headcount: v.headcount,
  wage: { min: v.monthlyWageMin, max: v.monthlyWageMax, unit: 'month' },
  housingProvided: v.housingProvided,
  mealsProvided: v.mealsProvided,
  publicWelfare: v.publicWelfare,
});

export const DEMO_ADMIN = 'demo.admin';

/**
 * The demo's admin account of 湘西州 and, while nobody has signed in to it, a fresh one-time
 * password (null once the person has set their own): the start command prints them.
 */
export async function demoAdminSignIn(system: RunningSystem): Promise<{ username: string; password: string | null }> {
  const [existing] = await system.db.db
    .select({ id: staffAccounts.id })
    .from(staffAccounts)
    .where(eq(staffAccounts.username, DEMO_ADMIN));
  if (!existing) {
    const made = await createAdminOnCommand(
      system.db.db,
      { username: DEMO_ADMIN, name: '演示管理员', phone: '13000000000', regionCode: '433100' },
      { again: true, actor: 'command:demo-data' },
    );
    if ('oneTimePassword' in made) return { username: DEMO_ADMIN, password: made.oneTimePassword };
  }
  return { username: DEMO_ADMIN, password: await renewUnusedOneTimePassword(system.db.db, DEMO_ADMIN) };
}

/** An admin of 湘西州, for trying the demo: the start command prints it. */
export const demoStaffToken = (system: RunningSystem) =>
  system.staffTokens.issue({ staffId: 'demo-admin', name: '演示管理员', role: 'admin', regionCode: '433100' });
