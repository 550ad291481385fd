import { z } from 'zod';
import { SeekerId, VacancyId } from './common.ts';
import { Skill } from './skill.ts';

export const Factor = z.enum(['skills', 'location', 'wage', 'extras']);

export const FactorScore = z.object({
  factor: Factor,
  value: z.number().min(0).max(1).describe('f(s, v) in [0, 1]'),
  weight: z.number().min(0),
  contribution: z.number().describe('weight × value'),
  reason: z.string().describe('why, in words the seeker understands'),
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
