import { readResidentId, type Seeker, type SeekerInput } from '@duijie/contracts';
import type { SeekerInsertRow, SeekerRow, SkillRecord } from '@duijie/db';
import { expectedMonthly } from '@duijie/ranking';
import { maskIdNumber, maskPhone } from '@duijie/service-kit';
import { mapCertificates, mapSkills, simplify, type Taxonomy } from '@duijie/taxonomy';

export type SeekerFields = Omit<
  SeekerInsertRow,
  'id' | 'createdAt' | 'updatedAt' | 'version' | 'registeredAt' | 'registeredBy'
>;

/**
 * A seeker's input as stored: skills and certificates mapped to codes (the ones the taxonomy
 * does not know added to the `unknown…` lists), text simplified, the expected wage also monthly.
 */
export function seekerFields(
  input: SeekerInput,
  taxonomy: Taxonomy,
  unknownSkills: string[],
  unknownCertificates: string[] = [],
): SeekerFields {
  const skills = mapSkills(input.skills, taxonomy, unknownSkills);
  const identity = readResidentId(input.idNumber);
  const expected = input.demand.expectedWage;
  return {
    name: simplify(input.name),
    idNumber: input.idNumber,
    phone: input.phone ?? null,
    gender: identity?.gender ?? null,
    birthDate: identity?.birthDate ?? null,
    residenceRegionCode: input.residenceRegionCode,
    education: input.education ?? null,
    priorityGroups: input.priorityGroups,
    monitored: input.monitored,
    employmentStatus: input.employmentStatus,
    skills,
    skillCodes: skills.map((s) => s.code).filter((c): c is string => Boolean(c)),
    certificates: mapCertificates(input.certificates, taxonomy, unknownCertificates),
    drivingLicences: input.drivingLicences.map((l) => ({
      code: taxonomy.resolveCertificate(simplify(l.licence))?.code ?? simplify(l.licence),
      issuedOn: l.issuedOn,
    })),
    trainingNeeds: input.trainingNeeds.map(simplify),
    demand: {
      ...input.demand,
      ...(input.demand.statement ? { statement: simplify(input.demand.statement) } : {}),
      // Kept beside the raw expectation, as for vacancies: the engine compares monthly figures.
      ...(expectedMonthly(expected) !== undefined ? { expectedMonthlyWage: expectedMonthly(expected) } : {}),
    },
    householdIncome: input.householdIncome,
    outcome: input.outcome,
    active: true,
  };
}

/** A stored row as the API shows it: ID number and phone masked. */
export function toSeeker(row: SeekerRow): Seeker {
  const { expectedMonthlyWage, ...demand } = row.demand as Seeker['demand'] & { expectedMonthlyWage?: number };
  return {
    id: row.id,
    name: row.name,
    idNumber: maskIdNumber(row.idNumber),
    ...(row.phone ? { phone: maskPhone(row.phone) } : {}),
    birthDate: row.birthDate,
    gender: row.gender,
    residenceRegionCode: row.residenceRegionCode,
    ...(row.education ? { education: row.education as Seeker['education'] } : {}),
    priorityGroups: row.priorityGroups as Seeker['priorityGroups'],
    monitored: row.monitored,
    employmentStatus: row.employmentStatus as Seeker['employmentStatus'],
    skills: row.skills as SkillRecord[] as Seeker['skills'],
    certificates: row.certificates,
    drivingLicences: licencesOf(row),
    trainingNeeds: row.trainingNeeds,
    demand,
    householdIncome: row.householdIncome as Seeker['householdIncome'],
    outcome: row.outcome as Seeker['outcome'],
    active: row.active,
    registeredBy: row.registeredBy,
    registeredAt: row.registeredAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** A stored row back in input form (unmasked: for merging an update, never for a response). */
export function inputOf(row: SeekerRow): SeekerInput {
  const { expectedMonthlyWage, ...demand } = row.demand as SeekerInput['demand'] & { expectedMonthlyWage?: number };
  return {
    name: row.name,
    idNumber: row.idNumber,
    ...(row.phone ? { phone: row.phone } : {}),
    residenceRegionCode: row.residenceRegionCode,
    ...(row.education ? { education: row.education as SeekerInput['education'] } : {}),
    priorityGroups: row.priorityGroups as SeekerInput['priorityGroups'],
    monitored: row.monitored,
    employmentStatus: row.employmentStatus as SeekerInput['employmentStatus'],
    skills: row.skills as SeekerInput['skills'],
    certificates: row.certificates,
    drivingLicences: licencesOf(row),
    trainingNeeds: row.trainingNeeds,
    demand,
    householdIncome: row.householdIncome as SeekerInput['householdIncome'],
    outcome: row.outcome as SeekerInput['outcome'],
  };
}

/** Stored licences in input form: the code stands for the class. */
const licencesOf = (row: SeekerRow) =>
  (row.drivingLicences ?? []).map((l) => ({ licence: l.code, issuedOn: l.issuedOn }));
