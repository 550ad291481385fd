// bench:relevance — Duijie's ranked matches against the hand-graded relevance set of
// packages/ranking/eval, next to two keyword baselines, in one run. The set is entered
// through the public API as a bureau would type it; what today's API cannot hold is put
// into the ad's text and counted as "not representable yet". A benchmark: it always exits 0.
import { cpus } from 'node:os';
import { creditCodeCheckChar, residentIdCheckChar } from '@duijie/contracts';
import { RegionDirectory } from '@duijie/regions';
import { benchSystem, openBenchDatabase } from './bench-data.ts';
import {
  bigrams,
  certificateName,
  cosine,
  gradeTable,
  loadRelevanceSet,
  ndcg,
  Places,
  precisionAt,
  SET_YEAR,
  type SetSeeker,
  type SetVacancy,
  seekerText,
  vacancyText,
} from './relevance-set.ts';

const TOP = 10;
const set = loadRelevanceSet();
const places = new Places(RegionDirectory.load());
const table = gradeTable(set.grades);

const { db, drop, where } = await openBenchDatabase();
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; ${where}`);
const { system, headers } = await benchSystem(db, { role: 'admin', regionCode: '000000' });

async function call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${system.gatewayUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

// What the caseworker wrote that today's API has no field for, counted by kind.
const unrepresentable = new Map<string, number>();
const cannotHold = (what: string) => unrepresentable.set(what, (unrepresentable.get(what) ?? 0) + 1);

const EMPLOYER_KINDS = {
  enterprise: 'enterprise',
  扶贫车间·社区工厂: 'community_factory',
  'public-welfare employer': 'public_welfare',
  'labour agency': 'labor_agency',
} as const;
const EDUCATION: Record<string, string> = {
  小学: 'primary',
  初中: 'junior_middle',
  高中: 'senior_middle',
  中专: 'vocational',
  大专: 'associate',
  本科: 'bachelor',
};
const GROUPS: Record<string, string> = {
  脱贫劳动力: 'registered_poor',
  三类人员: 'unstable_poverty_alleviated',
  失地农民: 'land_lost_farmer',
  高校毕业生: 'graduate',
  退役军人: 'veteran',
  残疾人: 'disabled',
  长期失业: 'long_term_unemployed',
  两后生: 'school_leaver',
  零就业家庭: 'zero_employment_family',
};
const groupsOf = (names: readonly string[]) => names.flatMap((g) => (GROUPS[g] ? [GROUPS[g]] : []));

// Employers, and the wage-arrears blacklist as the set says.
const employerIds = new Map<string, string>();
for (const [i, e] of set.employers.entries()) {
  const regionCode = places.code(e.place);
  const stem = `91${regionCode}MA4R${String(i).padStart(5, '0')}`;
  const { id } = await call('POST', '/v1/employers', {
    name: e.name,
    kind: EMPLOYER_KINDS[e.kind],
    creditCode: `${stem}${creditCodeCheckChar(stem)}`,
    regionCode,
  });
  employerIds.set(e.key, id as string);
  if (e.blacklisted) {
    await call('POST', `/v1/employers/${id}/blacklist`, { reason: e.blacklistReason ?? '欠薪', version: 1 });
  }
}

/** The ad's facts without a field of their own, written into its text as a bureau would. */
function notesOf(v: SetVacancy): string[] {
  const notes: string[] = [];
  if (v.wage.unit === 'piece' && v.wage.rate === undefined) cannotHold('piece rate not stated (entered as 0 a piece)');
  for (const g of [...(v.publicWelfare?.groups ?? []), ...(v.priority ?? [])]) {
    if (!GROUPS[g]) cannotHold(`group ${g}`);
  }
  if (v.status === 'expired') cannotHold('expired (entered as closed)');
  return notes;
}

function wageOf(v: SetVacancy) {
  if (v.wage.unit === 'piece') {
    return { unit: 'piece', min: v.wage.rate ?? 0, monthlyEstimate: v.wage.monthlyEstimate };
  }
  return { unit: v.wage.unit, min: v.wage.min, max: v.wage.max };
}

/** What the ad says beyond skills and wage: working time, insurance, who it is for, licence years. */
function termsOf(v: SetVacancy) {
  const licenceYears = v.certificates.flatMap((c) => (typeof c !== 'string' && c.years !== undefined ? [c.years] : []));
  return {
    ...(v.hoursPerDay !== null ? { hoursPerDay: v.hoursPerDay } : {}),
    ...(v.restDaysPerMonth !== null ? { restDaysPerMonth: v.restDaysPerMonth } : {}),
    socialInsurance: v.socialInsurance,
    ...(licenceYears.length > 0 ? { drivingLicenceYears: Math.max(...licenceYears) } : {}),
    priorityGroups: groupsOf(v.priority ?? []),
    ...(v.publicWelfare
      ? {
          publicWelfareEligibility: {
            groups: groupsOf(v.publicWelfare.groups),
            residenceRegionCodes: [places.code(v.publicWelfare.residence)],
            cannotLeaveHome: v.publicWelfare.cannotLeaveHome,
          },
        }
      : {}),
  };
}

// Vacancies, through intake, with their places by name; then closed, filled and expired.
const vacancyIds = new Map<string, string>();
const vacancyKeys = new Map<string, string>();
for (const v of set.vacancies) {
  const notes = notesOf(v);
  const stored = await call('POST', '/v1/vacancies', {
    employerId: employerIds.get(v.employer),
    externalId: v.key,
    title: v.title,
    description: notes.length > 0 ? `${v.description}\n【备注】${notes.join('；')}` : v.description,
    requiredSkills: v.requiredSkills.map((s) => ({
      name: s.name,
      ...(s.years !== undefined ? { years: s.years } : {}),
    })),
    preferredSkills: v.preferredSkills.map((name) => ({ name })),
    requiredCertificates: v.certificates.map(certificateName),
    region: v.place,
    wage: wageOf(v),
    headcount: v.headcount,
    employmentType: v.stability === 'seasonal' ? 'seasonal' : 'full_time',
    ...(v.education ? { minEducation: EDUCATION[v.education] } : {}),
    ...(v.ageMin !== null ? { ageMin: v.ageMin } : {}),
    ...(v.ageMax !== null ? { ageMax: v.ageMax } : {}),
    housingProvided: v.housing,
    mealsProvided: v.meals,
    publicWelfare: v.publicWelfare !== undefined,
    ...termsOf(v),
  });
  const id = stored.id as string;
  vacancyIds.set(v.key, id);
  vacancyKeys.set(id, v.key);
  const version = stored.version as number;
  if (v.status === 'closed' || v.status === 'expired') await call('POST', `/v1/vacancies/${id}/close`, { version });
  if (v.status === 'filled') await call('PATCH', `/v1/vacancies/${id}`, { filledCount: v.headcount, version });
}

/** A day more than so many years ago: held that many whole years today. */
const issuedYearsAgo = (years: number) => {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate() - 1))
    .toISOString()
    .slice(0, 10);
};

// Seekers: born on 1 January, so that their age today is the set's age in 2026.
const thisYear = new Date().getUTCFullYear();
const seekerIds = new Map<string, string>();
for (const [i, s] of set.seekers.entries()) {
  const residence = places.code(s.residence);
  const born = thisYear - (SET_YEAR - s.birthYear);
  const sequence = String(i * 2 + (s.gender === 'male' ? 1 : 0)).padStart(3, '0');
  const stem = `${residence}${born}0101${sequence}`;
  for (const g of s.groups) if (!GROUPS[g]) cannotHold(`priority group ${g}`);

  const { id } = await call('POST', '/v1/seekers', {
    name: s.name,
    idNumber: `${stem}${residentIdCheckChar(stem)}`,
    residenceRegionCode: residence,
    education: EDUCATION[s.education],
    priorityGroups: groupsOf(s.groups),
    monitored: s.groups.includes('三类人员'),
    skills: s.skills.map((k) => ({ name: k.name, ...(k.years !== undefined ? { years: k.years } : {}) })),
    certificates: s.certificates.map((c) => c.name),
    drivingLicences: s.certificates.flatMap((c) =>
      c.years === undefined ? [] : [{ licence: c.name, issuedOn: issuedYearsAgo(c.years) }],
    ),
    demand: {
      occupations: s.wishes,
      statement: s.story,
      cannotLeaveHome: s.cannotLeaveHome,
      regionScope: s.accepts.scope === 'none' ? 'listed' : s.accepts.scope,
      acceptedRegions: s.accepts.places.map((p) => places.code(p)),
      expectedWage: { unit: s.expectedWage.unit, min: s.expectedWage.min },
      needsHousing: s.needsHousing,
    },
  });
  seekerIds.set(s.key, id as string);
}
console.log(
  `entered through the API: ${set.employers.length} employers, ${set.vacancies.length} vacancies, ${set.seekers.length} seekers; ${set.grades.length} graded pairs`,
);

// The index applies every event before anyone asks.
for (let i = 0; ; i++) {
  const ready = (await system.services.matching.inject('/ready')).json();
  const lag = Object.values((ready.checks?.index?.lag ?? {}) as Record<string, number>);
  if (lag.length > 0 && lag.every((n) => n === 0)) break;
  if (i > 600) throw new Error('the index did not catch up');
  await new Promise((r) => setTimeout(r, 50));
}

type Ranker = { name: string; rank: (s: SetSeeker) => Promise<string[]> };
const vacancyBigrams = new Map(set.vacancies.map((v) => [v.key, bigrams(vacancyText(v))]));
const byBigrams = (s: SetSeeker, pool: readonly SetVacancy[]) => {
  const mine = bigrams(seekerText(s));
  return pool
    .map((v) => ({ key: v.key, score: cosine(mine, vacancyBigrams.get(v.key) ?? new Map()) }))
    .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key))
    .slice(0, TOP)
    .map((r) => r.key);
};
const rankers: Ranker[] = [
  {
    name: 'Duijie (GET /v1/seekers/{id}/matches)',
    rank: async (s) => {
      const page = await call('GET', `/v1/seekers/${seekerIds.get(s.key)}/matches?limit=${TOP}`);
      return (page.items as { vacancy: { id: string } }[]).map((m) => vacancyKeys.get(m.vacancy.id) ?? m.vacancy.id);
    },
  },
  { name: 'character bigrams', rank: async (s) => byBigrams(s, set.vacancies) },
  {
    name: 'bigrams + region filter',
    rank: async (s) =>
      byBigrams(
        s,
        set.vacancies.filter((v) => places.inside(s, v)),
      ),
  },
];

type PerSeeker = {
  seeker: SetSeeker;
  top: string[];
  ndcg10: number;
  ndcg3: number;
  p3: number;
  idealP3: number;
  breaks: string[];
};
const results = new Map<string, PerSeeker[]>();
for (const ranker of rankers) {
  const rows: PerSeeker[] = [];
  for (const s of set.seekers) {
    const graded = table.get(s.key) ?? new Map();
    const top = (await ranker.rank(s)).slice(0, TOP);
    const grades = top.map((k) => graded.get(k)?.grade ?? 0);
    const all = [...graded.values()].map((g) => g.grade);
    const good = all.filter((g) => g >= 2).length;
    rows.push({
      seeker: s,
      top,
      ndcg10: ndcg(grades, all, 10),
      ndcg3: ndcg(grades, all, 3),
      p3: precisionAt(grades, 3),
      idealP3: Math.min(3, good) / 3,
      // Rule A in the top 10: a reason marked A:, or a pair outside the accepted area.
      breaks: top.filter((k) => {
        const g = graded.get(k);
        return !g || g.reason.startsWith('A:');
      }),
    });
  }
  results.set(ranker.name, rows);
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
const f3 = (x: number) => x.toFixed(3);
console.log(
  `\nNDCG gain 2^g − 1, ideal from every graded pair of the seeker, a missing pair = 0; means over ${set.seekers.length} seekers`,
);
console.log(`${'ranker'.padEnd(40)} NDCG@10  NDCG@3  P@3    P@3/ideal  breaks@10`);
for (const [name, rows] of results) {
  const p3 = mean(rows.map((r) => r.p3));
  const ideal = mean(rows.map((r) => r.idealP3));
  const breaks = rows.reduce((n, r) => n + r.breaks.length, 0);
  console.log(
    `${name.padEnd(40)} ${f3(mean(rows.map((r) => r.ndcg10)))}    ${f3(mean(rows.map((r) => r.ndcg3)))}   ${f3(p3)}  ${f3(p3 / ideal)}      ${breaks}`,
  );
}

console.log(`\nnot representable in today's API (put into the ad's text, or left out), by kind:`);
for (const [what, n] of [...unrepresentable].sort((a, b) => b[1] - a[1]))
  console.log(`  ${String(n).padStart(4)}  ${what}`);

// Per seeker, Duijie's worst first: what it returned (grade), what it broke, what it missed.
const vacancy = new Map(set.vacancies.map((v) => [v.key, v]));
const duijie = results.get(rankers[0]?.name ?? '') ?? [];
console.log(`\nDuijie per seeker, worst NDCG@10 first (returned key:grade; breaks; best missed):`);
for (const r of [...duijie].sort((a, b) => a.ndcg10 - b.ndcg10 || a.seeker.key.localeCompare(b.seeker.key))) {
  const graded = table.get(r.seeker.key) ?? new Map();
  const returned = r.top.map((k) => `${k}:${graded.get(k)?.grade ?? '—'}`).join(' ');
  const missed = [...graded.values()]
    .filter((g) => g.grade >= 2 && !r.top.includes(g.vacancy))
    .sort((a, b) => b.grade - a.grade)
    .slice(0, 3);
  // Why each was missed, in the engine's own words: a hard constraint, or a lower score.
  const why = await Promise.all(
    missed.map(async (g) => {
      const e = (await call(
        'GET',
        `/v1/matches/explain?seeker=${seekerIds.get(r.seeker.key)}&vacancy=${vacancyIds.get(g.vacancy)}`,
      )) as { ok: boolean; match?: { score: number }; rejections?: { constraint: string }[] };
      const verdict = e.ok
        ? `score ${e.match?.score.toFixed(3)}`
        : `rejected: ${e.rejections?.map((x) => x.constraint).join(', ')}`;
      return `${g.vacancy}:${g.grade} ${vacancy.get(g.vacancy)?.title ?? ''} (${verdict})`;
    }),
  );
  const breaks = r.breaks.map((k) => `${k} ${graded.get(k)?.reason ?? 'A: outside the accepted area'}`);
  console.log(
    `${r.seeker.key} ${f3(r.ndcg10)} | ${returned || '(nothing returned)'}${breaks.length ? ` | breaks: ${breaks.join('; ')}` : ''}${why.length ? ` | missed: ${why.join('; ')}` : ''}`,
  );
}

await system.close();
await db.close();
await drop();
