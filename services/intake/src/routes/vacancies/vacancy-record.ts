import type { Vacancy, VacancyInput } from '@duijie/contracts';
import type { SkillRecord, VacancyRow } from '@duijie/db';

type Skill = Vacancy['requiredSkills'][number];
const skills = (records: SkillRecord[]) => records as Skill[];

/** A stored row as the API shows it. */
export function toVacancy(row: VacancyRow): Vacancy {
  const terms = row.terms ?? {};
  return {
    id: row.id,
    employerId: row.employerId,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    title: row.title,
    description: row.description,
    ...(row.occupationCode ? { occupationCode: row.occupationCode } : {}),
    requiredSkills: skills(row.requiredSkills),
    preferredSkills: skills(row.preferredSkills),
    requiredCertificates: row.requiredCertificates,
    regionCode: row.regionCode,
    ...(row.address ? { address: row.address } : {}),
    ...(row.lat !== null && row.lng !== null ? { location: { lat: row.lat, lng: row.lng } } : {}),
    wage: {
      min: row.wageMin,
      ...(row.wageMax !== null ? { max: row.wageMax } : {}),
      unit: row.wageUnit,
      ...(row.piecesPerMonth !== null ? { piecesPerMonth: row.piecesPerMonth } : {}),
      ...(terms.monthlyEstimate ? { monthlyEstimate: terms.monthlyEstimate } : {}),
      ...(terms.wageNote ? { note: terms.wageNote } : {}),
    },
    ...(terms.hoursPerDay !== undefined ? { hoursPerDay: terms.hoursPerDay } : {}),
    ...(terms.daysPerMonth !== undefined ? { daysPerMonth: terms.daysPerMonth } : {}),
    ...(terms.restDaysPerMonth !== undefined ? { restDaysPerMonth: terms.restDaysPerMonth } : {}),
    ...(terms.socialInsurance !== undefined ? { socialInsurance: terms.socialInsurance } : {}),
    ...(terms.drivingLicenceYears !== undefined ? { drivingLicenceYears: terms.drivingLicenceYears } : {}),
    priorityGroups: (terms.priorityGroups ?? []) as Vacancy['priorityGroups'],
    ...(terms.publicWelfareEligibility
      ? { publicWelfareEligibility: terms.publicWelfareEligibility as Vacancy['publicWelfareEligibility'] }
      : {}),
    monthlyWage: { monthlyMin: row.monthlyWageMin, monthlyMax: row.monthlyWageMax },
    headcount: row.headcount,
    filledCount: row.filledCount,
    employmentType: row.employmentType as Vacancy['employmentType'],
    ...(row.minEducation ? { minEducation: row.minEducation as Vacancy['minEducation'] } : {}),
    ...(row.minExperienceMonths !== null ? { minExperienceMonths: row.minExperienceMonths } : {}),
    ...(row.ageMin !== null ? { ageMin: row.ageMin } : {}),
    ...(row.ageMax !== null ? { ageMax: row.ageMax } : {}),
    housingProvided: row.housingProvided,
    mealsProvided: row.mealsProvided,
    ...(row.shift ? { shift: row.shift as Vacancy['shift'] } : {}),
    publicWelfare: row.publicWelfare,
    tags: row.tags,
    ...(row.validThrough ? { validThrough: row.validThrough.toISOString() } : {}),
    status: row.status,
    datePosted: row.datePosted.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** A stored row back in input form, so a partial update is normalised like a new one. */
export function inputOf(row: VacancyRow): Omit<VacancyInput, 'employerId'> {
  const { id, employerId, monthlyWage, filledCount, status, datePosted, createdAt, updatedAt, version, ...input } =
    toVacancy(row);
  return input;
}
