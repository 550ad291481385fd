// What a county's working day asks of Duijie, compressed: employers post, change and close
// vacancies with their API keys; officers register seekers and subscribe them; a job fair
// checks people in, records intents and placements; staff query matches and reports; a
// livestream's lineup is polled while viewers join; a policy goes out to the prefecture.
import { residentIdCheckChar } from '@duijie/contracts';
import { syntheticFair } from '@duijie/ranking/synthetic';
import { type Seeded, vacancyInputOf } from '../../seed/demo-data.ts';
import { gatewayClient } from '../../src/gateway-client.ts';
import type { Expected } from './audit.ts';
import { atRate, type LoadClient } from './load.ts';

/** Starts per second of each kind of work; `--rate` multiplies them all. */
export const RATES = {
  postVacancy: 1,
  changeVacancy: 0.25,
  closeVacancy: 0.25,
  registerSeeker: 1,
  checkIn: 2,
  placeFromFair: 0.3,
  seekerMatches: 4,
  walkInSearch: 1,
  lineup: 4,
  joinLivestream: 1,
  followUps: 0.2,
  fairStats: 0.2,
  report: 0.05,
};

type Body = Record<string, unknown>;
const REGION = '433100';
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The fair, the livestream, the keys and the subscriptions the day starts with (not timed). */
export async function prepare(gatewayUrl: string, token: string, seeded: Seeded, webhookUrl: string) {
  const { ok } = gatewayClient(gatewayUrl, { authorization: `Bearer ${token}` });
  const keyed = seeded.employerIds.slice(0, 40);
  const keys = await Promise.all(
    keyed.map(async (employerId) => ({
      employerId,
      key: (await ok('POST', `/v1/employers/${employerId}/api-keys`, { name: '招聘系统' })).key as string,
    })),
  );
  const subscribed = seeded.seekers.slice(0, Math.ceil(seeded.seekers.length / 2));
  for (const s of subscribed) await ok('PUT', `/v1/subscriptions/${s.id}`, subscription(webhookUrl));
  const startsAt = new Date();
  const fair = await ok('POST', '/v1/fairs', {
    name: '春风行动 · 吉首专场',
    kind: 'on_site',
    venueRegionCode: '433101',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 4 * 3600_000).toISOString(),
  });
  // Booths for the first 60 employers, each with its own seeded vacancies.
  const byEmployer = (i: number) => seeded.vacancyIds.filter((_, j) => j % seeded.employerIds.length === i);
  for (const [i, employerId] of seeded.employerIds.slice(0, 60).entries()) {
    await ok('PUT', `/v1/fairs/${fair.id}/booths/${employerId}`, { booth: `A${i + 1}`, vacancyIds: byEmployer(i) });
  }
  const livestream = await ok('POST', '/v1/livestreams', {
    title: '直播带岗 · 湘西专场',
    host: '就业局主播',
    platform: '抖音',
    regionCode: REGION,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
    targetRegions: [REGION],
    vacancyIds: seeded.vacancyIds.slice(0, 200),
  });
  return { keys, fairId: fair.id as string, livestreamId: livestream.id as string, subscribed: subscribed.length };
}

const subscription = (webhookUrl: string) => ({
  channels: ['webhook'],
  topics: ['jobs', 'policies'],
  addresses: { webhook: webhookUrl },
});

export type Prepared = Awaited<ReturnType<typeof prepare>>;

/**
 * First each kind of work `idleRuns` times one at a time into `idle` (the baseline: the
 * system with nothing else to do), then every kind at its rate into `loaded` until `seconds`
 * have passed. Answers what succeeded, for the audit.
 */
export async function runWorkload(
  clients: { idle: LoadClient; loaded: LoadClient },
  options: {
    token: string;
    seeded: Seeded;
    prepared: Prepared;
    webhookUrl: string;
    seconds: number;
    rate: number;
    idleRuns: number;
  },
) {
  let c = clients.idle;
  const { seeded, prepared, webhookUrl } = options;
  const staff = { authorization: `Bearer ${options.token}` };
  const profiles = syntheticFair(4000, 4000, { seed: 77 });
  const pick = <T>(list: readonly T[], i: number) => list[(i * 7919) % list.length] as T;
  const done: Omit<Expected, 'broadcastId'> & { broadcastId: string | null } = {
    vacancies: seeded.vacancyIds.length,
    seekers: seeded.seekers.length,
    checkins: 0,
    intents: 0,
    placements: 0,
    viewers: 0,
    broadcastId: null,
  };
  const posted: { id: string; key: string }[] = [];
  const arrived: { seekerId: string; vacancyId: string }[] = [];

  const postVacancy = async (i: number) => {
    const { employerId, key } = pick(prepared.keys, i);
    const v = pick(profiles.vacancies, i);
    const a = await c.request('POST /v1/vacancies (API key)', '/v1/vacancies', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': `e2e-post-${i}` },
      body: vacancyInputOf(v, employerId),
      expect: [201],
    });
    if (a.status === 201) {
      done.vacancies++;
      posted.push({ id: (a.body as Body).id as string, key });
    }
  };
  // Changes take the even vacancies posted, closings the odd, so the two never race for a version.
  const ofParity = (parity: number, i: number) => {
    const candidates = posted.filter((_, j) => j % 2 === parity);
    return candidates.length > 0 ? pick(candidates, i) : null;
  };
  const readVacancy = async (v: { id: string; key: string }) =>
    (
      await c.request('GET /v1/vacancies/:id', `/v1/vacancies/${v.id}`, {
        headers: { authorization: `Bearer ${v.key}` },
      })
    ).body as Body;
  const changeVacancy = async (i: number) => {
    const v = ofParity(0, i);
    if (!v) return;
    const current = await readVacancy(v);
    const wage = current.wage as { min: number; max?: number; unit: string };
    const min = wage.min + 100;
    await c.request('PATCH /v1/vacancies/:id (API key)', `/v1/vacancies/${v.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${v.key}` },
      body: {
        version: current.version,
        wage: { unit: wage.unit, min, ...(wage.max === undefined ? {} : { max: Math.max(wage.max, min) }) },
      },
      expect: [200],
    });
  };
  const closeVacancy = async (i: number) => {
    const v = ofParity(1, i);
    if (!v) return;
    const current = await readVacancy(v);
    if (current.status !== 'open') return;
    await c.request('POST /v1/vacancies/:id/close (API key)', `/v1/vacancies/${v.id}/close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${v.key}` },
      body: { version: current.version },
      expect: [200],
    });
  };
  const registerSeeker = async (i: number) => {
    const s = pick(profiles.seekers, i);
    // Born on a day of its own (from 1960 on), so the ID numbers do not meet the seeded ones'.
    const born = new Date(Date.UTC(1960, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10);
    const stem = `${s.residenceRegionCode}${born.replaceAll('-', '')}${String(Math.floor(i / 3650) % 1000).padStart(3, '0')}`;
    const a = await c.request('POST /v1/seekers', '/v1/seekers', {
      method: 'POST',
      headers: staff,
      body: {
        name: `新登记${i}`,
        idNumber: `${stem}${residentIdCheckChar(stem)}`,
        phone: `137${String(i).padStart(8, '0')}`,
        residenceRegionCode: s.residenceRegionCode,
        priorityGroups: s.priorityGroups,
        skills: s.skills.map((k) => ({ name: k.name })),
        demand: {
          regionScope: s.demand.regionScope,
          ...(s.demand.expectedMonthlyWage
            ? { expectedWage: { min: s.demand.expectedMonthlyWage, unit: 'month' } }
            : {}),
        },
      },
      expect: [201],
    });
    if (a.status !== 201) return;
    done.seekers++;
    if (i % 2 === 0) {
      await c.request('PUT /v1/subscriptions/:seekerId', `/v1/subscriptions/${(a.body as Body).id}`, {
        method: 'PUT',
        headers: staff,
        body: subscription(webhookUrl),
      });
    }
  };
  const checkIn = async (i: number) => {
    const walkIn = i % 10 === 9;
    const s = pick(profiles.seekers, i + 100_000);
    const stem = `433122${new Date(Date.UTC(1970, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '')}${String(Math.floor(i / 3650) % 1000).padStart(3, '0')}`;
    const body = walkIn
      ? {
          walkIn: {
            name: `现场${i}`,
            idNumber: `${stem}${residentIdCheckChar(stem)}`,
            residenceRegionCode: '433122',
            skills: s.skills.map((k) => ({ name: k.name })),
            demand: { regionScope: 'prefecture' },
          },
        }
      : { phone: (seeded.seekers[i % seeded.seekers.length] as Seeded['seekers'][number]).phone };
    const a = await c.request('POST /v1/fairs/:id/checkins', `/v1/fairs/${prepared.fairId}/checkins`, {
      method: 'POST',
      headers: staff,
      body,
      expect: [200, 201],
    });
    const answer = a.body as {
      seeker?: { id: string };
      recommendations?: { vacancy: { id: string } }[];
      registered?: boolean;
    };
    if (a.status === 201) done.checkins++;
    if (answer.registered) done.seekers++;
    const first = answer.recommendations?.[0];
    if (a.status === 201 && answer.seeker && first)
      arrived.push({ seekerId: answer.seeker.id, vacancyId: first.vacancy.id });
  };
  const placeFromFair = async () => {
    const pair = arrived.shift();
    if (!pair) return;
    const intent = await c.request('POST /v1/fairs/:id/intents', `/v1/fairs/${prepared.fairId}/intents`, {
      method: 'POST',
      headers: staff,
      body: pair,
      expect: [201],
    });
    if (intent.status !== 201) return;
    done.intents++;
    const placed = await c.request('POST /v1/placements', '/v1/placements', {
      method: 'POST',
      headers: staff,
      body: {
        ...pair,
        intentId: (intent.body as Body).id,
        startDate: today(),
        monthlyWage: 4200,
        contractSigned: true,
        socialInsurance: true,
      },
      // 422: the vacancy filled up since the check-in recommended it — an answer, not an error.
      expect: [201, 422],
    });
    if (placed.status === 201) done.placements++;
  };
  const seekerMatches = (i: number) => {
    const s = seeded.seekers[(i * 31) % seeded.seekers.length] as Seeded['seekers'][number];
    return c.request('GET /v1/seekers/:id/matches', `/v1/seekers/${s.id}/matches?limit=20`, { headers: staff });
  };
  const walkInSearch = (i: number) => {
    const s = pick(profiles.seekers, i + 200_000);
    return c.request('POST /v1/matches/search', '/v1/matches/search', {
      method: 'POST',
      headers: staff,
      body: {
        residenceRegionCode: s.residenceRegionCode,
        skills: s.skills.map((k) => ({ name: k.name })),
        demand: { regionScope: s.demand.regionScope },
      },
      expect: [200],
    });
  };
  const lineup = () =>
    c.request('GET /v1/livestreams/:id/lineup', `/v1/livestreams/${prepared.livestreamId}/lineup?limit=20`);
  const joinLivestream = async (i: number) => {
    const s = pick(profiles.seekers, i + 300_000);
    const a = await c.request('POST /v1/livestreams/:id/viewers', `/v1/livestreams/${prepared.livestreamId}/viewers`, {
      method: 'POST',
      body: {
        platformUserId: `douyin-e2e-${i}`,
        regionCode: s.residenceRegionCode,
        skills: s.skills.map((k) => k.name),
        ...(s.demand.expectedMonthlyWage ? { expectedMonthlyWage: s.demand.expectedMonthlyWage } : {}),
      },
      expect: [201],
    });
    if (a.status === 201) done.viewers++;
  };
  const followUps = () => c.request('GET /v1/follow-ups', '/v1/follow-ups?overdue=true', { headers: staff });
  const fairStats = () =>
    c.request('GET /v1/fairs/:id/stats', `/v1/fairs/${prepared.fairId}/stats`, { headers: staff });
  const report = () =>
    c.request('GET /v1/reports/summary', `/v1/reports/summary?regionCode=${REGION}&from=${today()}&to=2099-01-01`, {
      headers: staff,
    });
  // A third of the way in, a policy to everyone subscribed in the prefecture.
  const broadcast = async () => {
    await new Promise((r) => setTimeout(r, (options.seconds * 1000) / 3));
    const a = await c.request('POST /v1/broadcasts', '/v1/broadcasts', {
      method: 'POST',
      headers: staff,
      body: {
        title: '稳岗补贴',
        body: '2026年失业保险稳岗返还开始申领，符合条件的请到当地就业服务中心办理。',
        segment: { regionCodes: [REGION] },
      },
      expect: [201],
    });
    done.broadcastId = ((a.body as Body).id as string | undefined) ?? null;
  };

  const work: Record<keyof typeof RATES, (i: number) => Promise<unknown>> = {
    postVacancy,
    changeVacancy,
    closeVacancy,
    registerSeeker,
    checkIn,
    placeFromFair,
    seekerMatches,
    walkInSearch,
    lineup,
    joinLivestream,
    followUps,
    fairStats,
    report,
  };
  const fault = (err: unknown) => c.fault(err);
  for (const fn of Object.values(work)) {
    for (let i = 0; i < options.idleRuns; i++) await fn(1_000_000 + i).catch(fault);
  }
  c = clients.loaded;
  const loadStarted = performance.now();
  const until = loadStarted + options.seconds * 1000;
  const broadcasting = broadcast().catch(fault);
  const paced = await Promise.all(
    Object.entries(work).map(async ([name, fn]) => {
      const r = await atRate(RATES[name as keyof typeof RATES] * options.rate, until, fn, fault);
      return [name, r] as const;
    }),
  );
  await broadcasting;
  return {
    expected: done,
    seconds: (performance.now() - loadStarted) / 1000,
    late: paced.filter(([, r]) => r.late > 0).map(([name, r]) => `${name} ${r.late}`),
  };
}
