// Stored records as the engine sees them. Only the rows' types come from the database package:
// the engine itself stays free of I/O.
import type { EmployerRow, SeekerRow, VacancyRow } from '@duijie/db';
import type { SeekerProfile, SkillClaim, StatedWage, VacancyProfile } from './types.ts';

// Stored skills were checked against the contract's levels at the door.
const claims = (skills: readonly { name: string; level?: string }[]) => skills as readonly SkillClaim[];

import type { RegionDirectory } from '@duijie/regions';

type Demand = Partial<Omit<SeekerProfile['demand'], 'expectedWage'>> & {
  expectedMonthlyWage?: number;
  expectedWage?: { min: number; unit: string };
};

/** The expectation as stated, when it is by the hour or day (a post's own hours convert it). */
export function statedWage(expected: { min: number; unit: string } | undefined): StatedWage | null {
  return expected && (expected.unit === 'hour' || expected.unit === 'day')
    ? { amount: expected.min, unit: expected.unit }
    : null;
}

/** The demand as the engine reads it, from a stored or a requested demand. */
export function demandProfile(demand: Demand): SeekerProfile['demand'] {
  return {
    regionScope: demand.regionScope ?? 'county',
    acceptedRegions: demand.acceptedRegions ?? [],
    expectedMonthlyWage: demand.expectedMonthlyWage ?? null,
    expectedWage: statedWage(demand.expectedWage),
    occupations: demand.occupations ?? [],
    statement: demand.statement ?? null,
    cannotLeaveHome: demand.cannotLeaveHome ?? false,
    needsHousing: demand.needsHousing ?? false,
    needsMeals: demand.needsMeals ?? false,
    shifts: demand.shifts ?? [],
    employmentTypes: demand.employmentTypes ?? [],
  };
}

/** A stored seeker as the ranking engine sees them. */
export function seekerProfile(row: SeekerRow, regions: RegionDirectory): SeekerProfile {
  return {
    id: row.id,
    birthDate: row.birthDate,
    education: row.education as SeekerProfile['education'],
    residenceRegionCode: row.residenceRegionCode,
    location: regions.point(row.residenceRegionCode),
    priorityGroups: row.priorityGroups,
    skills: claims(row.skills),
    certificates: row.certificates,
    drivingLicences: row.drivingLicences,
    demand: demandProfile(row.demand as Demand),
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
    wageUnit: row.wageUnit,
    hoursPerDay: row.terms.hoursPerDay ?? null,
    daysPerMonth: row.terms.daysPerMonth ?? null,
    restDaysPerMonth: row.terms.restDaysPerMonth ?? null,
    occupationCode: row.occupationCode,
    socialInsurance: row.terms.socialInsurance ?? null,
    drivingLicenceYears: row.terms.drivingLicenceYears ?? null,
    priorityGroups: row.terms.priorityGroups ?? [],
    publicWelfareEligibility: row.terms.publicWelfareEligibility ?? null,
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
