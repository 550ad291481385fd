import type { SeekerProfile } from './types.ts';

/** A seeker profile with the defaults of an unknown person: no limits, no needs stated. */
export function seekerProfileDefaults(
  overrides: Omit<Partial<SeekerProfile>, 'demand'> & {
    id: string;
    residenceRegionCode: string;
    demand?: Partial<SeekerProfile['demand']>;
  },
): SeekerProfile {
  const { demand, ...rest } = overrides;
  return {
    birthDate: null,
    education: null,
    priorityGroups: [],
    skills: [],
    certificates: [],
    ...rest,
    demand: {
      regionScope: 'county',
      acceptedRegions: [],
      expectedMonthlyWage: null,
      needsHousing: false,
      needsMeals: false,
      shifts: [],
      employmentTypes: [],
      ...demand,
    },
  };
}
