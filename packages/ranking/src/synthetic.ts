import { RegionDirectory } from '@duijie/regions';
import { Taxonomy } from '@duijie/taxonomy';
import {
  type Education,
  type SeekerProfile,
  SKILL_LEVEL_ORDER,
  type SkillClaim,
  type VacancyProfile,
} from './types.ts';

/**
 * Realistic synthetic records for tests and benchmarks: real region codes and taxonomy
 * skills, in the proportions of a county job fair (many 普工 and factory posts, a share in
 * the labour-cooperation destination, a third of seekers in priority groups). Deterministic
 * for a given seed.
 */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// How often each trade comes up at a county fair (relative weights).
const TRADE_WEIGHTS: Record<string, number> = {
  'skill.general-labour': 20,
  'skill.assembly-line': 8,
  'skill.sewing': 8,
  'skill.electronics-assembly': 6,
  'skill.welding': 5,
  'skill.forklift': 4,
  'skill.electrician': 3,
  'skill.cleaning': 6,
  'skill.security': 4,
  'skill.waiting': 5,
  'skill.cooking': 4,
  'skill.courier': 5,
  'skill.housekeeping': 4,
  'skill.infant-care': 2,
  'skill.elderly-care': 3,
  'skill.warehouse': 3,
  'skill.machine-tool': 3,
  'skill.cnc': 2,
  'skill.textile': 3,
  'skill.harvesting': 3,
  'skill.crop-growing': 2,
  'skill.office-automation': 3,
  'skill.clerk': 3,
  'skill.sales-assistant': 3,
  'skill.driving': 3,
  'skill.ride-hailing': 1,
  'skill.ecommerce': 2,
  'skill.livestream-selling': 1,
  'skill.packing': 4,
  'skill.quality-inspection': 2,
  'skill.masonry': 2,
  'skill.carpentry': 2,
  'skill.property': 2,
  'skill.papermaking': 1,
  'skill.human-resources': 1,
};

export type SyntheticOptions = {
  seed?: number;
  /** Where the fair is: its seekers live here and most posts are here. */
  fairRegion?: string;
  /** Labour-cooperation destination taking a share of the posts. */
  destinationRegion?: string;
  now?: Date;
  /**
   * Also what bureaus type since issue 15: wishes and own words, cannot-leave-home, listed
   * places, day expectations, licences with dates; posts' working time, hour and day wages,
   * insurance, preferred groups, 公益岗 eligibility, 驾龄, trades in titles. Off by default so
   * the benchmark's workload stays comparable across versions.
   */
  rich?: boolean;
};

export function syntheticFair(seekerCount: number, vacancyCount: number, options: SyntheticOptions = {}) {
  const random = mulberry32(options.seed ?? 42);
  const regions = RegionDirectory.load();
  const taxonomy = Taxonomy.load();
  const now = (options.now ?? new Date('2026-11-22T08:00:00+08:00')).getTime();
  const countiesOf = (code: string) =>
    regions
      .all()
      .filter((r) => r.level === 'county' && regions.isWithin(r.code, code))
      .map((r) => r.code);
  const home = countiesOf(options.fairRegion ?? '433100');
  const away = countiesOf(options.destinationRegion ?? '440300');
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number) => random() < p;
  const between = (lo: number, hi: number) => Math.round(lo + random() * (hi - lo));
  const trades = Object.entries(TRADE_WEIGHTS);
  const totalWeight = trades.reduce((s, [, w]) => s + w, 0);
  const trade = () => {
    let r = random() * totalWeight;
    for (const [code, w] of trades) {
      r -= w;
      if (r < 0) return code;
    }
    return 'skill.general-labour';
  };
  // Seekers say how long they have done a trade; postings rarely ask for years, in round numbers.
  const claim = (code: string, withLevel: boolean, seeker = false): SkillClaim => ({
    code,
    name: taxonomy.skill(code)?.name ?? code,
    ...(withLevel && chance(0.4) ? { level: pick(SKILL_LEVEL_ORDER.slice(0, 3)) } : {}),
    ...(seeker && chance(0.6)
      ? { years: between(0, 15) }
      : !seeker && chance(0.1)
        ? { years: pick([1, 2, 3, 5]) }
        : {}),
  });
  const distinct = (n: number) => [...new Set(Array.from({ length: n }, trade))];
  const educations: Education[] = ['primary', 'junior_middle', 'senior_middle', 'vocational', 'associate', 'bachelor'];

  const employers = Math.max(1, Math.round(vacancyCount / 20));
  const rich = options.rich ?? false;
  const groupNames = ['registered_poor', 'disabled', 'graduate', 'veteran', 'land_lost_farmer'] as const;
  const richVacancy = (required: readonly SkillClaim[]): Partial<VacancyProfile> => {
    const publicWelfare = chance(0.05);
    return {
      ...(required.length === 0 && chance(0.7) ? { title: `${taxonomy.skill(trade())?.name ?? '普工'}员` } : {}),
      ...(chance(0.3)
        ? { wageUnit: pick(['hour', 'day']), hoursPerDay: pick([8, 10, 11]), restDaysPerMonth: pick([2, 4]) }
        : {}),
      socialInsurance: chance(0.8) ? chance(0.6) : null,
      priorityGroups: chance(0.1) ? [pick(groupNames)] : [],
      publicWelfare,
      ...(publicWelfare && chance(0.7)
        ? {
            publicWelfareEligibility: {
              groups: chance(0.7) ? [pick(groupNames)] : [],
              residenceRegionCodes: chance(0.5) ? [pick(home)] : [],
              cannotLeaveHome: chance(0.4),
            },
          }
        : {}),
      ...(chance(0.05) ? { requiredCertificates: ['cert.driving-c1'], drivingLicenceYears: pick([1, 3]) } : {}),
    };
  };
  const richDemand = (): Partial<SeekerProfile['demand']> & { listed?: boolean } => ({
    ...(chance(0.5) ? { occupations: distinct(between(1, 2)).map((c) => taxonomy.skill(c)?.name ?? c) } : {}),
    ...(chance(0.2)
      ? { statement: `不想再干${taxonomy.skill(trade())?.name}了，想学${taxonomy.skill(trade())?.name}` }
      : {}),
    cannotLeaveHome: chance(0.1),
    ...(chance(0.05) ? { occupations: ['公益性岗位'] } : {}),
    ...(chance(0.2) ? { expectedWage: { amount: between(120, 350), unit: 'day' as const } } : {}),
    ...(chance(0.1) ? { regionScope: 'listed' as const, acceptedRegions: [pick(home), '440300'] } : {}),
  });
  const vacancies: VacancyProfile[] = Array.from({ length: vacancyCount }, (_, i) => {
    const required = chance(0.3) ? [] : distinct(between(1, 2)).map((c) => claim(c, true));
    const base = between(2800, 6500);
    const employer = i % employers;
    const extra = rich ? richVacancy(required) : {};
    return {
      id: `vac_${i.toString().padStart(6, '0')}`,
      employerId: `emp_${employer}`,
      employerKind: employer % 5 === 0 ? 'community_factory' : employer % 10 === 1 ? 'labor_agency' : 'enterprise',
      title: required[0]?.name ?? '普工',
      status: 'open',
      validThrough: null,
      datePosted: new Date(now - between(0, 60) * 86_400_000),
      headcount: between(1, 20),
      filledCount: 0,
      employerBlacklisted: employer % 97 === 13,
      employerRetention: chance(0.5) ? random() : null,
      regionCode: chance(0.75) ? pick(home) : pick(away),
      requiredSkills: required,
      preferredSkills: chance(0.3) ? distinct(1).map((c) => claim(c, false)) : [],
      requiredCertificates: [],
      monthlyWageMin: base,
      monthlyWageMax: base + between(0, 2500),
      minEducation: chance(0.15) ? pick(educations.slice(1, 4)) : null,
      ageMin: chance(0.2) ? 18 : null,
      ageMax: chance(0.3) ? pick([45, 50, 55, 60]) : null,
      housingProvided: chance(0.4),
      mealsProvided: chance(0.5),
      shift: chance(0.5) ? pick(['day', 'night', 'rotating']) : null,
      publicWelfare: chance(0.03),
      employmentType: chance(0.85) ? 'full_time' : pick(['part_time', 'temporary', 'seasonal']),
      ...extra,
    };
  });

  const groups = [
    ['registered_poor', 0.15],
    ['marginal_poverty', 0.05],
    ['disabled', 0.03],
    ['graduate', 0.05],
    ['veteran', 0.02],
    ['land_lost_farmer', 0.05],
  ] as const;
  const seekers: SeekerProfile[] = Array.from({ length: seekerCount }, (_, i) => {
    const skills = chance(0.15) ? [] : distinct(between(1, 3)).map((c) => claim(c, true, true));
    const certificates = taxonomy.requiredCertificates(skills.map((s) => s.code as string)).filter(() => chance(0.6));
    const demand = rich ? richDemand() : {};
    const licences =
      rich && chance(0.2)
        ? { drivingLicences: [{ code: 'cert.driving-c1', issuedOn: `${between(2015, 2025)}-06-01` }] }
        : {};
    return {
      id: `skr_${i.toString().padStart(6, '0')}`,
      birthDate: `${between(1966, 2006)}-${String(between(1, 12)).padStart(2, '0')}-15`,
      education: pick(educations),
      residenceRegionCode: pick(home),
      priorityGroups: groups.filter(([, p]) => chance(p)).map(([g]) => g),
      skills,
      certificates,
      demand: {
        regionScope: pick(['county', 'county', 'prefecture', 'prefecture', 'province', 'anywhere'] as const),
        acceptedRegions: chance(0.2) ? ['440000'] : [],
        expectedMonthlyWage: chance(0.8) ? between(2500, 7000) : null,
        needsHousing: chance(0.3),
        needsMeals: chance(0.3),
        shifts: chance(0.3) ? ['day'] : [],
        employmentTypes: chance(0.2) ? ['full_time'] : [],
        ...demand,
      },
      ...licences,
    };
  });
  return { seekers, vacancies };
}
