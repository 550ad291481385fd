import { RegionDirectory } from '@duijie/regions';
import { Taxonomy } from '@duijie/taxonomy';
import fc from 'fast-check';
import t from 'tap';
import { defaultEngine, NOW, seekerProfile, vacancyProfile } from './testing.ts';
import { type SeekerProfile, SKILL_LEVEL_ORDER, type VacancyProfile } from './types.ts';

const engine = defaultEngine({ cooperation: [{ origin: '420300', destination: '440000' }] });
const taxonomy = Taxonomy.load();
const counties = RegionDirectory.load()
  .all()
  .filter((r) => r.level === 'county')
  .filter((_, i) => i % 60 === 0)
  .map((r) => r.code);
const provinces = ['420000', '430000', '440000', '330000'];
const skillCodes = taxonomy.skills.map((s) => s.code);
const certificates = taxonomy.certificates.map((c) => c.code);
const groups = ['registered_poor', 'marginal_poverty', 'disabled', 'graduate', 'veteran', 'land_lost_farmer'];

const skill = fc.record({
  code: fc.constantFrom(...skillCodes),
  level: fc.option(fc.constantFrom(...SKILL_LEVEL_ORDER), { nil: undefined }),
  years: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
});
const claims = (max: number) =>
  fc
    .array(skill, { maxLength: max })
    .map((list) => list.map((s) => ({ ...s, name: taxonomy.skill(s.code)?.name ?? s.code })));

const seekerArb: fc.Arbitrary<SeekerProfile> = fc
  .record({
    residence: fc.constantFrom(...counties),
    skills: claims(4),
    certificates: fc.subarray(certificates),
    groups: fc.subarray(groups),
    expected: fc.option(fc.integer({ min: 1000, max: 20000 }), { nil: null }),
    scope: fc.constantFrom('county', 'prefecture', 'province', 'anywhere' as const),
    accepted: fc.subarray(provinces),
    needsHousing: fc.boolean(),
    needsMeals: fc.boolean(),
    birthYear: fc.integer({ min: 1960, max: 2008 }),
  })
  .map((r) =>
    seekerProfile({
      id: 'skr_p',
      residenceRegionCode: r.residence,
      birthDate: `${r.birthYear}-06-15`,
      skills: r.skills,
      certificates: r.certificates,
      priorityGroups: r.groups,
      demand: {
        expectedMonthlyWage: r.expected,
        regionScope: r.scope,
        acceptedRegions: r.accepted,
        needsHousing: r.needsHousing,
        needsMeals: r.needsMeals,
      },
    }),
  );

const vacancyArb: fc.Arbitrary<VacancyProfile> = fc
  .record({
    region: fc.constantFrom(...counties, '440304', '420322'),
    required: claims(3),
    preferred: claims(2),
    wageMin: fc.integer({ min: 1000, max: 15000 }),
    spread: fc.integer({ min: 0, max: 5000 }),
    housing: fc.boolean(),
    meals: fc.boolean(),
    kind: fc.constantFrom('enterprise', 'community_factory', 'labor_agency'),
    daysOld: fc.integer({ min: 0, max: 120 }),
    retention: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  })
  .map((r) =>
    vacancyProfile({
      id: 'vac_p',
      regionCode: r.region,
      requiredSkills: r.required,
      preferredSkills: r.preferred,
      monthlyWageMin: r.wageMin,
      monthlyWageMax: r.wageMin + r.spread,
      housingProvided: r.housing,
      mealsProvided: r.meals,
      employerKind: r.kind,
      datePosted: new Date(NOW.getTime() - r.daysOld * 86_400_000),
      employerRetention: r.retention,
    }),
  );

const score = (s: SeekerProfile, v: VacancyProfile) =>
  engine.score(engine.prepareSeeker(s), engine.prepareVacancy(v), NOW.getTime());

t.test('scores and every factor stay in [0, 1]', async () => {
  fc.assert(
    fc.property(seekerArb, vacancyArb, (s, v) => {
      const r = score(s, v);
      if (r === null) return true;
      return [r.score, r.skills, r.location, r.wage, r.extras].every((x) => x >= 0 && x <= 1);
    }),
    { numRuns: 400 },
  );
});

// Of a post that asks for skills: for one that asks for none, a trade added makes the seeker
// over-qualified for it, on purpose (see the over-qualification test in engine.test.ts).
t.test('one more skill never lowers the skill factor of a post that asks for skills', async () => {
  fc.assert(
    fc.property(seekerArb, vacancyArb, skill, (s, v, extra) => {
      fc.pre(v.requiredSkills.length > 0);
      const withAll = { ...s, certificates: certificates };
      const before = score(withAll, v);
      const more = { ...withAll, skills: [...withAll.skills, { ...extra, name: extra.code }] };
      const after = score(more, v);
      if (before === null) return after === null;
      return after !== null && after.skills >= before.skills - 1e-12;
    }),
    { numRuns: 400 },
  );
});

t.test('a higher offered wage never lowers the wage factor or the score', async () => {
  fc.assert(
    fc.property(seekerArb, vacancyArb, fc.integer({ min: 1, max: 5000 }), (s, v, raise) => {
      const before = score(s, v);
      const after = score(s, {
        ...v,
        monthlyWageMin: v.monthlyWageMin + raise,
        monthlyWageMax: v.monthlyWageMax + raise,
      });
      if (before === null || after === null) return before === after;
      return after.wage >= before.wage && after.score >= before.score - 1e-12;
    }),
    { numRuns: 400 },
  );
});

t.test('nearer never lowers the location factor', async () => {
  fc.assert(
    fc.property(
      seekerArb,
      vacancyArb,
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: -8, max: 8, noNaN: true }),
      fc.double({ min: -8, max: 8, noNaN: true }),
      (s, v, t, dLat, dLng) => {
        const home = RegionDirectory.load().point(s.residenceRegionCode);
        if (!home) return true;
        const far = { lat: home.lat + dLat, lng: home.lng + dLng };
        const near = { lat: home.lat + dLat * t, lng: home.lng + dLng * t };
        const a = score(s, { ...v, location: far });
        const b = score(s, { ...v, location: near });
        if (a === null || b === null) return a === b;
        return b.location >= a.location - 1e-12;
      },
    ),
    { numRuns: 400 },
  );
});

t.test('hard constraints always exclude', async () => {
  const breakers: [string, (v: VacancyProfile, s: SeekerProfile) => [VacancyProfile, SeekerProfile]][] = [
    ['closed', (v, s) => [{ ...v, status: 'closed' }, s]],
    ['filled', (v, s) => [{ ...v, filledCount: v.headcount }, s]],
    ['blacklisted', (v, s) => [{ ...v, employerBlacklisted: true }, s]],
    ['expired', (v, s) => [{ ...v, validThrough: new Date(NOW.getTime() - 1000) }, s]],
    [
      'public welfare',
      (v, s) => [
        { ...v, publicWelfare: true },
        { ...s, priorityGroups: ['graduate'] },
      ],
    ],
    [
      'certificate',
      (v, s) => [
        { ...v, requiredCertificates: ['cert.nurse'] },
        { ...s, certificates: [] },
      ],
    ],
    [
      'too old',
      (v, s) => [
        { ...v, ageMax: 30 },
        { ...s, birthDate: '1970-01-01' },
      ],
    ],
  ];
  fc.assert(
    fc.property(seekerArb, vacancyArb, fc.constantFrom(...breakers), (s, v, [, breakIt]) => {
      const [bv, bs] = breakIt(v, s);
      return score(bs, bv) === null && engine.rankVacancies(bs, [bv], { now: NOW }).length === 0;
    }),
    { numRuns: 300 },
  );
});
