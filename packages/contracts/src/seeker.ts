import { z } from 'zod';
import {
  DateOnly,
  Education,
  PG_INTEGER_MAX,
  PlaceName,
  RecordMeta,
  RegionCode,
  SeekerId,
  Timestamp,
  Version,
} from './common.ts';
import { patchOf } from './patch.ts';
import { PriorityGroup } from './priority-group.ts';
import { say } from './say.ts';
import { CertificateCode, Skill } from './skill.ts';
import { EmploymentType, FAILED_ROWS, RowFailure, Shift } from './vacancy.ts';
import { WageRange } from './wage.ts';

/**
 * How far from home a seeker will work; `listed`: only in the accepted regions (home counts
 * only if listed), for a migrant who names exactly where they will go.
 */
export const RegionScope = z.enum(['village', 'township', 'county', 'prefecture', 'province', 'anywhere', 'listed']);

/** 六清 1: unemployment status. */
export const EmploymentStatus = z.enum([
  'unemployed',
  'employed',
  'flexible',
  'self_employed',
  'in_training',
  'not_seeking',
]);

/** 六清 4: job intent (求职意向), the seeker's side of the demand list. */
export const Demand = z.object({
  occupations: z
    .array(z.string().max(64))
    .max(10)
    .default([])
    .describe('occupations wanted, first the most wanted: codes or names (叉车司机, 月嫂)'),
  statement: z
    .string()
    .max(500)
    .optional()
    .describe('what the seeker said they want, in their own words: read for trades and kept as said'),
  regionScope: RegionScope.default('county'),
  acceptedRegions: z
    .array(PlaceName)
    .max(50)
    .default([])
    .describe(
      'regions accepted beyond the scope, at any level (a county, a city, a province), each a code or a place name ' +
        '(深圳市, 广东省; stored as codes); with scope `listed` the only ones',
    ),
  cannotLeaveHome: z
    .boolean()
    .default(false)
    .describe('无法离乡: cannot leave home to work (care duties, health); posts designed for this are offered first'),
  expectedWage: WageRange.optional(),
  employmentTypes: z.array(EmploymentType).max(6).default([]),
  needsHousing: z.boolean().default(false),
  needsMeals: z.boolean().default(false),
  shifts: z.array(Shift).max(4).default([]),
  availableFrom: DateOnly.optional(),
});
export type Demand = z.infer<typeof Demand>;

/** 六清 5: household income. */
export const HouseholdIncome = z.object({
  annualYuan: z.int().min(0).max(PG_INTEGER_MAX).optional(),
  members: z.int().min(1).max(30).optional(),
});

/** 六清 6: outcome (就业去向). */
export const Outcome = z.object({
  status: z.enum(['pending', 'placed', 'self_employed', 'in_training', 'not_seeking']),
  since: DateOnly.optional(),
  note: z.string().max(500).optional(),
});

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The check character GB 11643-1999 gives for the first 17 digits of an ID number. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return '10X98765432'[sum % 11] ?? '';
}

/** Birth date (YYYY-MM-DD) and gender an ID number encodes, or null if its date is not a date. */
export function readResidentId(id: string): { birthDate: string; gender: 'male' | 'female' } | null {
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const date = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birthDate) return null;
  return { birthDate, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

/** No one on the demand list was born before 1900, and no one is born tomorrow. */
const bornPlausibly = (birthDate: string | undefined) =>
  birthDate === undefined ||
  (birthDate >= '1900-01-01' && birthDate <= new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));

/** 居民身份证号: 18 characters, the last a check digit or X (GB 11643-1999). */
export const ResidentIdNumber = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^\d{17}[\dX]$/, say('应为 17 位数字加一位校验码（数字或 X）', 'must be 17 digits and a check digit or X'))
      .refine((id) => residentIdCheckChar(id.slice(0, 17)) === id[17], say('校验码不符', 'check digit does not match'))
      .refine((id) => readResidentId(id) !== null, say('其中的出生日期不存在', 'the birth date in it is not a date'))
      .refine(
        (id) => bornPlausibly(readResidentId(id)?.birthDate),
        say('其中的出生日期早于 1900 年或晚于今天', 'the birth date in it is before 1900 or in the future'),
      ),
  )
  .describe('resident ID number; stored once, masked in responses');
export const Phone = z
  .string()
  .regex(/^1\d{10}$/, say('应为 11 位手机号码', 'must be an 11-digit mobile number'))
  .describe('masked in responses');

export const SeekerInput = z.object({
  name: z.string().min(1).max(40),
  idNumber: ResidentIdNumber,
  phone: Phone.optional(),
  residenceRegionCode: RegionCode.describe('where the seeker lives, to village level where known'),
  education: Education.optional(),
  priorityGroups: z.array(PriorityGroup).max(10).default([]),
  monitored: z.boolean().default(false).describe('三类人员 under monitoring'),
  employmentStatus: EmploymentStatus.default('unemployed'),
  skills: z.array(Skill).max(30).default([]),
  certificates: z.array(CertificateCode).max(20).default([]),
  drivingLicences: z
    .array(
      z.object({
        licence: z.string().min(1).max(60).describe('the class, by name or code: C1, A2驾驶证, cert.driving-a2'),
        issuedOn: DateOnly.describe('when this class was first issued: years held (驾龄) count from it'),
      }),
    )
    .max(5)
    .default([])
    .describe('driving licences held, each with its date: a post asking for 3 years of A2 reads the A2 one'),
  trainingNeeds: z.array(z.string().max(60)).max(20).default([]).describe('六清 3: training needs (培训需求)'),
  demand: Demand.default(Demand.parse({})),
  householdIncome: HouseholdIncome.default({}),
  outcome: Outcome.default({ status: 'pending' }),
});
export type SeekerInput = z.infer<typeof SeekerInput>;

export const Seeker = SeekerInput.extend({
  id: SeekerId,
  idNumber: z.string().describe('masked: 4301**********1234'),
  phone: z.string().optional().describe('masked: 138****5678'),
  birthDate: DateOnly.nullable(),
  gender: z.enum(['male', 'female']).nullable(),
  active: z.boolean(),
  registeredBy: z.string().nullable().describe('self, or the staff member who registered the seeker'),
  registeredAt: Timestamp,
  ...RecordMeta,
}).meta({ id: 'Seeker' });
export type Seeker = z.infer<typeof Seeker>;

/** The answer to a registration: the seeker, and whether they were already on the list. */
export const SeekerRegistered = Seeker.extend({
  existing: z.boolean().describe('true: this ID number was registered before, and the record was updated'),
  unknownSkills: z.array(z.string()).describe('skills kept as free text: not (yet) in the taxonomy'),
  unknownCertificates: z
    .array(z.string())
    .describe('certificates kept as free text: not (yet) in the taxonomy; the others are stored as codes'),
}).meta({ id: 'SeekerRegistered' });

/** A registration: the residence by code or, as for vacancies, by place name (`residence`). */
export const SeekerRegistration = SeekerInput.extend({
  residenceRegionCode: RegionCode.optional().describe(
    'where the seeker lives, to village level where known; or give `residence`',
  ),
  residence: PlaceName.optional().describe(
    'where the seeker lives as a place name (凤凰县, 湘西州凤凰县) when the code is not known; resolved at the door',
  ),
}).strict();

/** A change to a seeker, as a JSON Merge Patch: the fields to change and the version they were read at. */
export const SeekerUpdate = patchOf(SeekerInput.omit({ idNumber: true }))
  .extend({
    version: Version,
    residence: PlaceName.optional().describe(
      'where the seeker lives as a place name (凤凰县, 湘西州凤凰县) when the code is not known; resolved at the door',
    ),
  })
  .strict();

/** A staff member's search of the demand list: always within the staff member's region. */
export const SeekerQuery = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .optional()
    .describe('part of the name; full-width and half-width letters and digits, and letter case, are alike'),
  regionCode: RegionCode.optional().describe('seekers living in this region (within your own)'),
  region: PlaceName.optional().describe('the region by name (凤凰县, 湘西州凤凰县) or code; it covers its subregions'),
  employmentStatus: EmploymentStatus.optional(),
  priorityGroup: PriorityGroup.optional(),
  skill: z.string().max(64).optional().describe('a taxonomy skill code the seeker has'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('opaque cursor from the previous page'),
});

/** The unmasked personal data of a seeker: each read is written to the audit log. */
export const SeekerPersonalData = z
  .object({ seekerId: SeekerId, idNumber: z.string(), phone: z.string().nullable() })
  .meta({ id: 'SeekerPersonalData' });

/** What a sheet of seekers did: new and updated records, and every bad row named (no ID numbers). */
export const SeekerBulkReport = z
  .object({
    stored: z.int(),
    created: z.int(),
    updated: z.int().describe('people already on the list in your region, whose records the row updated'),
    failed: z.array(RowFailure).describe(FAILED_ROWS),
    failedCount: z.int().describe('how many rows were not stored'),
    seekers: z.array(
      z.object({
        row: z.int(),
        id: SeekerId,
        existing: z.boolean(),
        unknownSkills: z.array(z.string()),
        unknownCertificates: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'SeekerBulkReport' });
export type SeekerBulkReport = z.infer<typeof SeekerBulkReport>;
