import type { Point } from '@duijie/regions';

// The orders that limits compare by come from the contracts, where the API defines them.
export { EDUCATION_ORDER, type Education, SKILL_LEVEL_ORDER, type SkillLevel } from '@duijie/contracts';

import type { Education, SkillLevel } from '@duijie/contracts';

/** `listed`: only the accepted regions, not an area around home. */
export type RegionScope = 'village' | 'township' | 'county' | 'prefecture' | 'province' | 'anywhere' | 'listed';

/** A wage as stated: an amount per unit (the seeker's 350 元/天). */
export type StatedWage = { amount: number; unit: 'hour' | 'day' | 'week' | 'month' | 'year' };

export type SkillClaim = {
  code?: string | undefined;
  name: string;
  level?: SkillLevel | undefined;
  years?: number | undefined;
};

/** The seeker side of a match: what the engine needs of a demand-list record. */
export type SeekerProfile = {
  id: string;
  /** YYYY-MM-DD; unknown means age limits are not applied. */
  birthDate?: string | null | undefined;
  education?: Education | null | undefined;
  /** 6- or 12-digit region code of residence. */
  residenceRegionCode: string;
  location?: Point | null | undefined;
  priorityGroups: readonly string[];
  skills: readonly SkillClaim[];
  certificates: readonly string[];
  /** Driving licences held: the class as a certificate code, first issued YYYY-MM-DD (驾龄 counts from it). */
  drivingLicences?: readonly { code: string; issuedOn: string }[] | undefined;
  demand: {
    regionScope: RegionScope;
    acceptedRegions: readonly string[];
    /** Expected wage in yuan a month (already normalised); unknown uses the policy default. */
    expectedMonthlyWage?: number | null | undefined;
    /** The expectation as stated, when by the hour or day: converted with each post's own hours. */
    expectedWage?: StatedWage | null | undefined;
    /** Occupations wanted, most wanted first: codes or names. */
    occupations?: readonly string[] | undefined;
    /** What the seeker said they want, in their own words. */
    statement?: string | null | undefined;
    /** 无法离乡: cannot leave home to work. */
    cannotLeaveHome?: boolean | undefined;
    needsHousing: boolean;
    needsMeals: boolean;
    shifts: readonly string[];
    employmentTypes: readonly string[];
  };
};

export type VacancyStatus = 'open' | 'closed' | 'expired' | 'filled';

/** The vacancy side: a supply-list record with what the engine needs of its employer. */
export type VacancyProfile = {
  id: string;
  employerId: string;
  employerKind?: string | undefined;
  title: string;
  status: VacancyStatus;
  validThrough?: string | Date | null | undefined;
  datePosted: string | Date;
  headcount: number;
  filledCount: number;
  employerBlacklisted: boolean;
  /** Share of the employer's placements still in the job after 90 days, when known. */
  employerRetention?: number | null | undefined;
  regionCode: string;
  location?: Point | null | undefined;
  requiredSkills: readonly SkillClaim[];
  preferredSkills: readonly SkillClaim[];
  requiredCertificates: readonly string[];
  /** The monthly figures at the post's own working time (see wage.ts). */
  monthlyWageMin: number;
  monthlyWageMax: number;
  /** The offer as stated, for converting a seeker's hour or day expectation at this post's hours. */
  wageUnit?: string | undefined;
  hoursPerDay?: number | null | undefined;
  daysPerMonth?: number | null | undefined;
  restDaysPerMonth?: number | null | undefined;
  occupationCode?: string | null | undefined;
  socialInsurance?: boolean | null | undefined;
  drivingLicenceYears?: number | null | undefined;
  /** Groups the post prefers (优先). */
  priorityGroups?: readonly string[] | undefined;
  /** The direct post this agency post re-posts, when found over a whole set (see reposts.ts). */
  repostOf?: string | null | undefined;
  /** Who a 公益岗位 is for; without it the policy's groups. */
  publicWelfareEligibility?:
    | { groups: readonly string[]; residenceRegionCodes: readonly string[]; cannotLeaveHome: boolean }
    | null
    | undefined;
  minEducation?: Education | null | undefined;
  ageMin?: number | null | undefined;
  ageMax?: number | null | undefined;
  housingProvided: boolean;
  mealsProvided: boolean;
  shift?: string | null | undefined;
  publicWelfare: boolean;
  employmentType: string;
};

/** A labour-cooperation pair (劳务协作): seekers from `origin` are favoured for work in `destination`. */
export type CooperationPair = { origin: string; destination: string };

export type Factor = 'skills' | 'location' | 'wage' | 'extras';

export type RejectionCode =
  | 'vacancy_closed'
  | 'vacancy_expired'
  | 'no_headcount'
  | 'employer_blacklisted'
  | 'age_below_minimum'
  | 'age_above_maximum'
  | 'education_below_minimum'
  | 'certificate_missing'
  | 'public_welfare_ineligible'
  | 'driving_experience_short'
  | 'outside_accepted_area';

export type Rejection = { constraint: RejectionCode; reason: string; detail?: Record<string, unknown> };

/** A plain line in Chinese, for the seeker and the caseworker, with English alongside. */
export type Reason = { zh: string; en: string };
export type FactorScore = { factor: Factor; value: number; weight: number; contribution: number; reason: Reason };
export type Boost = { kind: string; amount: number; reason: string };

/** A scored pair with everything that explains it. */
export type Match = {
  seekerId: string;
  vacancyId: string;
  score: number;
  breakdown: FactorScore[];
  boosts: Boost[];
  matchedSkills: string[];
  skillGaps: SkillClaim[];
  distanceKm: number | null;
  reason: Reason;
  policyVersion: string;
};

export type Evaluation = { ok: true; match: Match } | { ok: false; rejections: Rejection[] };
