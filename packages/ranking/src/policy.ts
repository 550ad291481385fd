import type { Factor } from './types.ts';

export type BoostRule = {
  id: string;
  /** Applies to seekers in any of these priority groups. */
  groups: readonly string[];
  /** Only for vacancies of these employer kinds (e.g. community_factory), if given. */
  employerKinds?: readonly string[];
  amount: number;
  label: { zh: string; en: string };
};

/**
 * Everything that decides a score, versioned: a match names the policy version that made
 * it, so a change of weights is visible and can be rolled back.
 */
export type Policy = {
  version: string;
  weights: Record<Factor, number>;
  skills: {
    /** Share of the skill factor that preferred skills can add (required skills carry the rest). */
    preferredShare: number;
    /** Multiplier per qualification level the seeker is short of. */
    levelShortfall: number;
    /** The factor when a vacancy requires no skill at all (普工 and the like). */
    noneRequired: number;
    /** Below this a required skill counts as a gap. */
    gapBelow: number;
  };
  location: {
    /** Distance at which the location factor halves. */
    halfDistanceKm: number;
    /** The floor for a region the seeker explicitly accepted, however far. */
    acceptedRegionFloor: number;
    cooperationBoost: number;
  };
  wage: {
    /** Used when the seeker states no expectation. */
    defaultExpectedMonthly: number;
    /** Value at an offer exactly equal to the expectation. */
    atExpectation: number;
    /** Exponent of the fall below expectation: (offer / expected)^k. */
    belowExponent: number;
    /** How fast offers above expectation approach 1. */
    aboveRate: number;
  };
  extras: { freshnessDays: number; shiftMismatch: number; employmentTypeMismatch: number };
  boosts: readonly BoostRule[];
  /** The most all boosts together may add, as a share of what is left below 1. */
  maxBoost: number;
  /** Priority groups eligible for public-welfare posts (公益岗位). */
  publicWelfareEligible: readonly string[];
};

export const DEFAULT_POLICY: Policy = {
  version: '2026-11-22.1',
  weights: { skills: 0.45, location: 0.25, wage: 0.2, extras: 0.1 },
  skills: { preferredShare: 0.15, levelShortfall: 0.7, noneRequired: 0.6, gapBelow: 0.5 },
  location: { halfDistanceKm: 30, acceptedRegionFloor: 0.6, cooperationBoost: 0.2 },
  wage: { defaultExpectedMonthly: 3500, atExpectation: 0.85, belowExponent: 6, aboveRate: 3 },
  extras: { freshnessDays: 30, shiftMismatch: 0.3, employmentTypeMismatch: 0.2 },
  boosts: [
    {
      id: 'poverty-monitoring',
      groups: ['registered_poor', 'unstable_poverty_alleviated', 'marginal_poverty', 'sudden_hardship'],
      amount: 0.1,
      label: { zh: '脱贫人口/监测对象优先', en: 'priority for people lifted out of or at risk of poverty' },
    },
    {
      id: 'community-factory-near-home',
      groups: ['registered_poor', 'unstable_poverty_alleviated', 'marginal_poverty', 'sudden_hardship', 'disabled'],
      employerKinds: ['community_factory'],
      amount: 0.1,
      label: { zh: '扶贫车间就近就业', en: 'community factory near home' },
    },
    {
      id: 'disability',
      groups: ['disabled'],
      amount: 0.1,
      label: { zh: '残疾人就业优先', en: 'priority for people with disabilities' },
    },
    {
      id: 'graduates-veterans',
      groups: ['graduate', 'veteran'],
      amount: 0.05,
      label: { zh: '高校毕业生/退役军人优先', en: 'priority for graduates and veterans' },
    },
    {
      id: 'land-lost-farmers',
      groups: ['land_lost_farmer', 'long_term_unemployed'],
      amount: 0.05,
      label: { zh: '失地农民/长期失业人员优先', en: 'priority for land-lost farmers and the long-term unemployed' },
    },
  ],
  maxBoost: 0.3,
  publicWelfareEligible: [
    'registered_poor',
    'unstable_poverty_alleviated',
    'marginal_poverty',
    'sudden_hardship',
    'disabled',
    'long_term_unemployed',
  ],
};

/** A policy with some settings changed and a new version name. */
export function definePolicy(version: string, changes: Partial<Omit<Policy, 'version'>>): Policy {
  return { ...DEFAULT_POLICY, ...changes, version };
}
