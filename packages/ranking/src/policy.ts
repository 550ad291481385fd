import type { Factor } from './types.ts';

export type BoostRule = {
  id: string;
  /** Applies to seekers in any of these priority groups. */
  groups: readonly string[];
  /** Only for vacancies of these employer kinds (e.g. community_factory), if given. */
  employerKinds?: readonly string[];
  /** Only for posts designed for support (公益岗位, 社区工厂, 帮扶车间), if set. */
  designedForSupport?: boolean;
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
    /** The factor when a vacancy requires no skill and the seeker states no trade or wish to compare. */
    noneRequired: number;
    /** A post that requires no skill, of a trade the seeker neither has nor wants, for a seeker with wishes. */
    unwished: number;
    /** The same for a skilled worker: unskilled work leaves their trade unused (over-qualification). */
    overqualified: number;
    /** A later wish counts this much of the first. */
    laterWish: number;
    /** How much of the rest a wished trade lifts a post whose required skills the seeker lacks. */
    wishLift: number;
    /** A seeker with wishes offered their old trade, none of the wishes: this much of the fit. */
    unwishedTrade: number;
    /** Below this a required skill counts as a gap. */
    gapBelow: number;
    /** Skills that make no one a skilled worker (over-qualification is about the others). */
    unskilledTrades: readonly string[];
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
    /**
     * The least a post designed for the seeker's situation (a 公益岗位 they are eligible for, a
     * community factory for someone who cannot leave home) scores on pay: its subsidy is the point.
     */
    designedFloor: number;
  };
  /** Employment quality, an extra: social insurance counts 1 when paid, 0 when not. */
  quality: {
    /** Seasonal or temporary work. */
    seasonal: number;
    /** Posted by a labour agency (劳务派遣/中介). */
    agency: number;
    /** An agency's re-post of a job a direct employer offers in the same place (detected). */
    repost: number;
  };
  extras: { freshnessDays: number; shiftMismatch: number; employmentTypeMismatch: number };
  boosts: readonly BoostRule[];
  /** For a seeker in a group the post itself prefers (退役军人优先). */
  postPreference: BoostRule;
  /** The most all boosts together may add, as a share of what is left below 1. */
  maxBoost: number;
  /** Priority groups eligible for public-welfare posts (公益岗位). */
  publicWelfareEligible: readonly string[];
};

export const DEFAULT_POLICY: Policy = {
  version: '2026-11-30.1',
  weights: { skills: 0.45, location: 0.2, wage: 0.2, extras: 0.15 },
  skills: {
    preferredShare: 0.15,
    levelShortfall: 0.7,
    noneRequired: 0.6,
    unwished: 0.45,
    overqualified: 0.2,
    laterWish: 0.9,
    wishLift: 0.4,
    unwishedTrade: 0.7,
    gapBelow: 0.5,
    unskilledTrades: [
      'skill.general-labour',
      'skill.assembly-line',
      'skill.packing',
      'skill.sorting',
      'skill.cleaning',
      'skill.harvesting',
      'skill.kitchen-helper',
      'skill.waiting',
      'skill.courier',
      'skill.office-automation',
    ],
  },
  location: { halfDistanceKm: 30, acceptedRegionFloor: 0.6, cooperationBoost: 0.2 },
  wage: { defaultExpectedMonthly: 3500, atExpectation: 0.85, belowExponent: 6, aboveRate: 3, designedFloor: 0.6 },
  quality: { seasonal: 0.3, agency: 0.3, repost: 0 },
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
      id: 'cannot-leave-home',
      groups: ['cannot_leave_home'],
      designedForSupport: true,
      amount: 0.1,
      label: { zh: '无法离乡，就近公益岗/帮扶车间', en: 'cannot leave home: a post designed for it near home' },
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
  postPreference: {
    id: 'post-preference',
    groups: [],
    amount: 0.05,
    label: { zh: '岗位优先招用该群体', en: 'the post prefers this group' },
  },
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
