import { RegionDirectory } from '@duijie/regions';
import { Taxonomy } from '@duijie/taxonomy';
import { RankingEngine } from './engine.ts';
import { seekerProfileDefaults } from './profile-defaults.ts';
import type { SeekerProfile, VacancyProfile } from './types.ts';

/** The engine on the shipped regions and taxonomy, with the default policy. */
export const defaultEngine = (options: Partial<ConstructorParameters<typeof RankingEngine>[0]> = {}) =>
  new RankingEngine({ regions: RegionDirectory.load(), taxonomy: Taxonomy.load(), ...options });

export const NOW = new Date('2026-11-22T08:00:00+08:00');

/** A seeker record with sensible defaults for tests; override what a test is about. */
export function seekerProfile(
  overrides: Omit<Partial<SeekerProfile>, 'demand'> & { demand?: Partial<SeekerProfile['demand']> } = {},
): SeekerProfile {
  const { demand, ...rest } = overrides;
  return seekerProfileDefaults({
    id: 'skr_test',
    birthDate: '1990-03-07',
    education: 'junior_middle',
    residenceRegionCode: '433101',
    ...rest,
    demand: { expectedMonthlyWage: 4000, ...demand },
  });
}

/** A vacancy record with sensible defaults. */
export function vacancyProfile(overrides: Partial<VacancyProfile> = {}): VacancyProfile {
  return {
    id: 'vac_test',
    employerId: 'emp_test',
    employerKind: 'enterprise',
    title: '普工',
    status: 'open',
    validThrough: null,
    datePosted: '2026-11-20T00:00:00+08:00',
    headcount: 5,
    filledCount: 0,
    employerBlacklisted: false,
    regionCode: '433101',
    requiredSkills: [],
    preferredSkills: [],
    requiredCertificates: [],
    monthlyWageMin: 4000,
    monthlyWageMax: 4000,
    housingProvided: false,
    mealsProvided: false,
    publicWelfare: false,
    employmentType: 'full_time',
    ...overrides,
  };
}
