import { z } from 'zod';
import { DateOnly, EmployerId, idOf, PlaceName, RegionCode, SeekerId, VacancyId } from './common.ts';
import { say } from './say.ts';
import { SeekerInput } from './seeker.ts';
import { Skill } from './skill.ts';
import { VacancyStatus } from './vacancy.ts';
import { MonthlyWage, WageRange } from './wage.ts';

export const Factor = z.enum(['skills', 'location', 'wage', 'extras']);

export const FactorScore = z.object({
  factor: Factor,
  value: z.number().min(0).max(1).describe('f(s, v) in [0, 1]'),
  weight: z.number().min(0),
  contribution: z.number().describe('weight × value'),
  reason: z
    .object({ zh: z.string(), en: z.string() })
    .describe('why, in words the seeker understands: Chinese, English alongside'),
});

export const Boost = z.object({ kind: z.string(), amount: z.number(), reason: z.string() });

export const MatchResult = z
  .object({
    seekerId: SeekerId,
    vacancyId: VacancyId,
    score: z.number(),
    breakdown: z.array(FactorScore),
    boosts: z.array(Boost),
    matchedSkills: z.array(z.string()).describe('names of the required and preferred skills the seeker has'),
    skillGaps: z.array(Skill).describe('required skills the seeker lacks: the training need (培训需求)'),
    distanceKm: z.number().nullable(),
    reason: z.object({ zh: z.string(), en: z.string() }).describe('one plain-language line'),
    policyVersion: z.string(),
  })
  .meta({ id: 'MatchResult' });
export type MatchResult = z.infer<typeof MatchResult>;

/** Why a pair is not a match: a hard constraint failed. */
export const Rejection = z.object({
  constraint: z.string().describe('machine-readable, e.g. vacancy_closed, certificate_missing'),
  reason: z.string(),
});

/** A vacancy as a list of matches shows it. */
export const VacancySummary = z
  .object({
    id: VacancyId,
    employerId: EmployerId,
    title: z.string(),
    regionCode: RegionCode,
    wage: WageRange,
    monthlyWage: MonthlyWage,
    openPlaces: z.int().describe('headcount less the places filled'),
    status: VacancyStatus,
  })
  .meta({ id: 'VacancySummary' });

export const VacancyMatch = z.object({ vacancy: VacancySummary, match: MatchResult }).meta({ id: 'VacancyMatch' });

/** Ranked vacancies for a seeker or a demand, a page at a time. */
export const MatchPage = z
  .object({
    items: z.array(VacancyMatch),
    nextCursor: z.string().nullable(),
    considered: z.int().describe('vacancies the index brought and the engine ranked'),
    degraded: z.boolean().describe('true: the search engine was unreachable and the embedded index answered'),
  })
  .meta({ id: 'MatchPage' });

export const MatchQuery = z.object({
  regionCode: RegionCode.optional().describe('only vacancies in this region'),
  occupation: z.string().max(64).optional().describe('only vacancies of this occupation code'),
  minWage: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .optional()
    .describe('only vacancies paying at least this a month'),
  fairId: idOf('fai').optional().describe('only vacancies offered at this job fair'),
  livestreamId: idOf('liv').optional().describe('only vacancies of this livestream'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

/** A demand not on the list: a walk-in at a fair. Nothing of it is stored. */
export const DemandProfile = SeekerInput.pick({
  residenceRegionCode: true,
  education: true,
  priorityGroups: true,
  skills: true,
  certificates: true,
  drivingLicences: true,
  demand: true,
})
  .extend({
    residenceRegionCode: RegionCode.optional().describe('where the seeker lives; or give `residence` as a name'),
    residence: PlaceName.optional().describe('where the seeker lives, as a place name (凤凰县, 湘西州凤凰县)'),
    birthDate: DateOnly.optional(),
  })
  .strict()
  .refine((p) => p.residenceRegionCode !== undefined || p.residence !== undefined, {
    path: ['residenceRegionCode'],
    message: say(
      '请填写区划代码 residenceRegionCode 或地名 residence',
      'give the residenceRegionCode or the residence by name',
    ),
  })
  .meta({ id: 'DemandProfile' });

/** A seeker as a list of candidates shows them: personal data masked, the name too for employers. */
export const CandidateSummary = z
  .object({
    id: SeekerId,
    name: z.string(),
    residenceRegionCode: RegionCode,
    gender: z.enum(['male', 'female']).nullable(),
    age: z.int().nullable(),
    priorityGroups: z.array(z.string()),
  })
  .meta({ id: 'CandidateSummary' });

export const CandidatePage = z
  .object({
    items: z.array(z.object({ seeker: CandidateSummary, match: MatchResult })),
    considered: z.int(),
  })
  .meta({ id: 'CandidatePage' });

export const Explanation = z
  .object({
    seekerId: SeekerId,
    vacancyId: VacancyId,
    ok: z.boolean().describe('false: a hard constraint excludes the pair'),
    match: MatchResult.optional(),
    rejections: z.array(Rejection).optional(),
  })
  .meta({ id: 'Explanation' });

/** Matches for a demand not on the list, with what of it the taxonomy did not know (left out of the ranking). */
export const DemandMatchPage = MatchPage.extend({
  unknownSkills: z.array(z.string()).describe('skills not (yet) in the taxonomy: they count for nothing here'),
  unknownCertificates: z.array(z.string()).describe('certificates not (yet) in the taxonomy'),
}).meta({ id: 'DemandMatchPage' });
