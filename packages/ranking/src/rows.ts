// Stored records as the engine sees them. Only the rows' types come from the database package:
// the engine itself stays free of I/O.
import type { EmployerRow, SeekerRow, VacancyRow } from '@duijie/db';
import type { SeekerProfile, SkillClaim, VacancyProfile } from './types.ts';

// Stored skills were checked against the contract's levels at the door.
const claims = (skills: readonly { name: string; level?: string }[]) => skills as readonly SkillClaim[];

import type { RegionDirectory } from '@duijie/regions';

type Demand = Partial<SeekerProfile['demand']> & { expectedMonthlyWage?: number };

/** A stored seeker as the ranking engine sees them. */
export function seekerProfile(row: SeekerRow, regions: RegionDirectory): SeekerProfile {
  const demand = row.demand as Demand;
  return {
    id: row.id,
    birthDate: row.birthDate,
    education: row.education as SeekerProfile['education'],
    residenceRegionCode: row.residenceRegionCode,
    location: regions.point(row.residenceRegionCode),
    priorityGroups: row.priorityGroups,
    skills: claims(row.skills),
    certificates: row.certificates,
    demand: {
      regionScope: demand.regionScope ?? 'county',
      acceptedRegions: demand.acceptedRegions ?? [],
      expectedMonthlyWage: demand.expectedMonthlyWage ?? null,
      needsHousing: demand.needsHousing ?? false,
      needsMeals: demand.needsMeals ?? false,
      shifts: demand.shifts ?? [],
      employmentTypes: demand.employmentTypes ?? [],
    },
  };
}

/** A stored vacancy, with what the engine needs of its employer. */
export function vacancyProfile(
  row: Omit<VacancyRow, 'description' | 'address' | 'externalId' | 'tags' | 'createdAt' | 'updatedAt'>,
  employer: Pick<EmployerRow, 'kind' | 'blacklisted'> & { retention90?: number | null },
): VacancyProfile {
  return {
    id: row.id,
    employerId: row.employerId,
    employerKind: employer.kind,
    title: row.title,
    status: row.status,
    validThrough: row.validThrough,
    datePosted: row.datePosted,
    headcount: row.headcount,
    filledCount: row.filledCount,
    employerBlacklisted: employer.blacklisted,
    employerRetention: employer.retention90 ?? null,
    regionCode: row.regionCode,
    location: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    requiredSkills: claims(row.requiredSkills),
    preferredSkills: claims(row.preferredSkills),
    requiredCertificates: row.requiredCertificates,
    monthlyWageMin: row.monthlyWageMin,
    monthlyWageMax: row.monthlyWageMax,
    minEducation: row.minEducation as VacancyProfile['minEducation'],
    ageMin: row.ageMin,
    ageMax: row.ageMax,
    housingProvided: row.housingProvided,
    mealsProvided: row.mealsProvided,
    shift: row.shift,
    publicWelfare: row.publicWelfare,
    employmentType: row.employmentType,
  };
}
