import { z } from 'zod';
import { Coordinates, Education, EmployerId, RecordMeta, RegionCode, Timestamp, VacancyId, Version } from './common.ts';
import { patchOf } from './patch.ts';
import { PriorityGroup } from './priority-group.ts';
import { CertificateCode, Skill } from './skill.ts';
import { InstantInput } from './time.ts';
import { MonthlyWage, WageRange, WorkingTime } from './wage.ts';

export const EmploymentType = z.enum(['full_time', 'part_time', 'temporary', 'seasonal', 'internship', 'piece_work']);
export const VacancyStatus = z.enum(['open', 'closed', 'expired', 'filled']);
export const Shift = z.enum(['day', 'night', 'rotating', 'flexible']);

/** Who a public-welfare post (公益岗位) is for: each condition given must hold. */
export const PublicWelfareEligibility = z.object({
  groups: z.array(PriorityGroup).max(10).default([]).describe('the seeker must be in one of these groups (none: any)'),
  residenceRegionCodes: z
    .array(RegionCode)
    .max(50)
    .default([])
    .describe('the seeker must live in one of these regions, at any level: the village, township or county'),
  cannotLeaveHome: z.boolean().default(false).describe('only for people who cannot leave home to work (无法离乡)'),
});

export const VacancyInput = z.object({
  employerId: EmployerId,
  externalId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('the id of the opening in the employer’s own system: one vacancy per employer and id'),
  title: z.string().min(1).max(120),
  description: z.string().max(5000).default(''),
  occupationCode: z.string().max(64).optional().describe('taxonomy occupation code'),
  requiredSkills: z.array(Skill).max(30).default([]),
  preferredSkills: z.array(Skill).max(30).default([]),
  requiredCertificates: z.array(CertificateCode).max(10).default([]),
  regionCode: RegionCode.optional().describe('where the work is; or give `region` as a name'),
  region: z
    .string()
    .min(2)
    .max(100)
    .optional()
    .describe('the place as a name (湘西州, 湖北省十堰市郧西县) when the code is not known; resolved at the door'),
  address: z.string().max(200).optional(),
  location: Coordinates.optional(),
  wage: WageRange,
  headcount: z.int().min(1).max(100_000),
  employmentType: EmploymentType.default('full_time'),
  minEducation: Education.optional(),
  minExperienceMonths: z.int().min(0).max(600).optional().describe('work experience asked for, in months'),
  ageMin: z.int().min(16).max(80).optional(),
  ageMax: z.int().min(16).max(80).optional(),
  housingProvided: z.boolean().default(false),
  mealsProvided: z.boolean().default(false),
  shift: Shift.optional(),
  publicWelfare: z.boolean().default(false).describe('公益岗位: only for eligible priority groups'),
  publicWelfareEligibility: PublicWelfareEligibility.optional().describe(
    'who a 公益岗位 is for, as its policy says; without it the bureau policy’s groups apply',
  ),
  priorityGroups: z
    .array(PriorityGroup)
    .max(10)
    .default([])
    .describe('groups the post prefers (优先): they rank higher'),
  ...WorkingTime,
  socialInsurance: z.boolean().optional().describe('social insurance paid (缴纳社保/五险)'),
  drivingLicenceYears: z
    .int()
    .min(1)
    .max(30)
    .optional()
    .describe('years the required driving licence must have been held (驾龄), e.g. 3 for 网约车'),
  tags: z.array(z.string().max(30)).max(20).default([]),
  validThrough: InstantInput.optional().describe(
    'the last moment it is open (a date alone: the end of that day in Beijing); must be later than now on creation',
  ),
});
export type VacancyInput = z.infer<typeof VacancyInput>;

export const Vacancy = VacancyInput.omit({ region: true })
  .extend({
    id: VacancyId,
    regionCode: RegionCode,
    monthlyWage: MonthlyWage,
    filledCount: z.int().min(0),
    status: VacancyStatus,
    validThrough: Timestamp.optional(),
    datePosted: Timestamp,
    ...RecordMeta,
  })
  .meta({ id: 'Vacancy' });
export type Vacancy = z.infer<typeof Vacancy>;

/**
 * A change to a vacancy, as a JSON Merge Patch: the fields to change (null removes one that
 * may be left out) and the version they were read at. A validThrough now or past closes it.
 */
export const VacancyUpdate = patchOf(VacancyInput.omit({ employerId: true }))
  .extend({
    filledCount: z
      .int()
      .min(0)
      .optional()
      .describe('places filled so far: at the headcount an open vacancy becomes filled, below it open again'),
    version: Version,
  })
  .strict();
export type VacancyUpdate = z.infer<typeof VacancyUpdate>;

/** A stored vacancy, with the skills the taxonomy did not know (kept as free text). */
export const VacancyStored = Vacancy.extend({
  unknownSkills: z.array(z.string()).describe('skills kept as free text: not (yet) in the taxonomy'),
  unknownCertificates: z
    .array(z.string())
    .describe('certificates kept as free text: not (yet) in the taxonomy; the others are stored as codes'),
}).meta({ id: 'VacancyStored' });
export type VacancyStored = z.infer<typeof VacancyStored>;

export const VacancyQuery = z.object({
  employerId: EmployerId.optional(),
  status: VacancyStatus.optional(),
  regionCode: RegionCode.optional().describe('vacancies in this region at any level'),
  skill: z.string().max(64).optional().describe('a taxonomy skill code among the required skills'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('opaque cursor from the previous page'),
});

/** One row of a bulk request that was not stored, with why. Rows count from 1. */
export const RowFailure = z.object({
  row: z.int().min(1),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});

/** How many failed rows a report lists: a sheet of errors stays a readable answer. */
export const MAX_REPORTED_FAILURES = 1000;
export const FAILED_ROWS = `the rows not stored, with why: the first ${MAX_REPORTED_FAILURES.toLocaleString('en')} (failedCount has them all)`;

export const BulkVacancies = z.object({
  vacancies: z.array(z.unknown()).min(1).max(10_000).describe('vacancies as in POST /v1/vacancies, up to 10,000'),
});

/** What a bulk request did: every good row stored, every bad row named. */
export const BulkReport = z
  .object({
    stored: z.int(),
    failed: z.array(RowFailure).describe(FAILED_ROWS),
    failedCount: z.int().describe('how many rows were not stored'),
    vacancies: z.array(
      z.object({
        row: z.int(),
        id: VacancyId,
        unknownSkills: z.array(z.string()),
        unknownCertificates: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'BulkReport' });
export type BulkReport = z.infer<typeof BulkReport>;
