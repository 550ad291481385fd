import { normalizeLabel } from '@duijie/taxonomy';
import type { RankingEngine } from './engine.ts';
import type { PreparedSeeker, PreparedVacancy } from './prepare.ts';
import { seekerProfileDefaults } from './profile-defaults.ts';
import type { SeekerProfile, VacancyProfile } from './types.ts';

/** A livestream audience described in aggregate, when its members are not registered. */
export type AudienceProfile = {
  /** Where viewers are, with how many in each region. */
  regions: readonly { code: string; count: number }[];
  /** Skills among viewers, with how many have each (taxonomy codes). */
  skills: readonly { code: string; count: number }[];
  expectedMonthlyWage?: number;
  priorityGroups?: readonly string[];
};

export type AudiencePick = {
  vacancyId: string;
  /** Mean score over the audience (0 for members it cannot be offered to). */
  interest: number;
  /** How many audience members it can be offered to. */
  reach: number;
  /** What MMR chose it on: interest less its likeness to what was picked before. */
  marginal: number;
};

export type AudienceOptions = {
  limit?: number;
  lambda?: number;
  now?: Date;
  /** Scores kept from the last ranking (a live session's): only new pairs are scored. */
  scores?: AudienceScores;
};

/**
 * Pair scores of an audience's stand-ins and a session's vacancies, kept between rankings. A
 * live lineup is ranked again every second as viewers come, but new viewers mostly join groups
 * already counted: that changes the weights, not the scores, so only the pairs of a new group
 * or a changed vacancy (a new prepared object) are scored. Scoring every pair each second held
 * the services' event loop ≈ 30–90 ms (48 groups × 500 vacancies) and made the lineup's tail.
 * Every score is taken at the start of the current period (`periodMs`), so kept and new
 * scores agree with each other and with a ranking made afresh at that time.
 */
export class AudienceScores {
  #byVacancy = new WeakMap<PreparedVacancy, Map<string, number | null>>();
  readonly #seekers = new Map<string, PreparedSeeker>();
  #period = Number.NaN;

  constructor(readonly periodMs = 60_000) {}

  /** The time the scores are taken at for `now`; a new period starts afresh. */
  at(now: number): number {
    const period = Math.floor(now / this.periodMs) * this.periodMs;
    if (period !== this.#period) {
      this.#period = period;
      this.#byVacancy = new WeakMap();
      this.#seekers.clear();
    }
    return period;
  }

  /** A stand-in prepared once, keyed by everything in its profile. */
  seeker(engine: RankingEngine, profile: SeekerProfile): { key: string; seeker: PreparedSeeker } {
    const key = JSON.stringify(profile);
    let seeker = this.#seekers.get(key);
    if (!seeker) {
      seeker = engine.prepareSeeker(profile);
      this.#seekers.set(key, seeker);
    }
    return { key, seeker };
  }

  score(engine: RankingEngine, member: { key: string; seeker: PreparedSeeker }, v: PreparedVacancy, at: number) {
    let kept = this.#byVacancy.get(v);
    if (!kept) {
      kept = new Map();
      this.#byVacancy.set(v, kept);
    }
    let score = kept.get(member.key);
    if (score === undefined) {
      score = engine.score(member.seeker, v, at)?.score ?? null;
      kept.set(member.key, score);
    }
    return score;
  }
}

/** One stand-in for part of an audience, weighted by how many viewers it stands for. */
export type AudienceMember = { profile: SeekerProfile; weight: number };

const isMembers = (a: readonly (SeekerProfile | AudienceMember)[]): a is readonly AudienceMember[] =>
  a.length > 0 && 'weight' in (a[0] as object);

/**
 * Vacancies for a livestream audience, by expected interest with diversity: maximal marginal
 * relevance picks each next vacancy by λ·interest − (1 − λ)·(likeness to those already
 * picked), so a host does not present five near-identical posts in a row.
 */
export function rankForAudience(
  engine: RankingEngine,
  audience: readonly SeekerProfile[] | readonly AudienceMember[] | AudienceProfile,
  vacancies: readonly (VacancyProfile | PreparedVacancy)[],
  options: AudienceOptions = {},
): AudiencePick[] {
  const { scores } = options;
  const now = scores ? scores.at((options.now ?? new Date()).getTime()) : (options.now ?? new Date()).getTime();
  const lambda = options.lambda ?? 0.7;
  const limit = options.limit ?? 20;
  const stands: readonly AudienceMember[] = Array.isArray(audience)
    ? isMembers(audience)
      ? audience
      : (audience as readonly SeekerProfile[]).map((profile) => ({ profile, weight: 1 }))
    : representatives(engine, audience as AudienceProfile);
  const members = stands.map((m) => ({
    ...(scores ? scores.seeker(engine, m.profile) : { key: '', seeker: engine.prepareSeeker(m.profile) }),
    weight: m.weight,
  }));
  const totalWeight = members.reduce((sum, m) => sum + m.weight, 0) || 1;
  const scored = vacancies.map((given) => {
    const v = 'profile' in given ? given : engine.prepareVacancy(given);
    let interest = 0;
    let reach = 0;
    for (const m of members) {
      const score = scores ? scores.score(engine, m, v, now) : (engine.score(m.seeker, v, now)?.score ?? null);
      if (score === null) continue;
      interest += m.weight * score;
      reach += m.weight;
    }
    return { v, interest: interest / totalWeight, reach };
  });

  // Each candidate's likeness to the nearest pick so far, updated as picks are made:
  // n·limit likeness computations rather than n·limit².
  const left = scored.filter((x) => x.reach > 0).map((x) => ({ ...x, likeness: 0 }));
  const picks: AudiencePick[] = [];
  while (picks.length < limit && left.length > 0) {
    let bestIndex = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    left.forEach((candidate, i) => {
      const value = lambda * candidate.interest - (1 - lambda) * candidate.likeness;
      if (
        value > bestValue ||
        (value === bestValue && candidate.v.profile.id < (left[bestIndex]?.v.profile.id ?? ''))
      ) {
        bestValue = value;
        bestIndex = i;
      }
    });
    const [chosen] = left.splice(bestIndex, 1);
    if (!chosen) break;
    for (const candidate of left) {
      candidate.likeness = Math.max(candidate.likeness, vacancyLikeness(candidate.v, chosen.v));
    }
    picks.push({
      vacancyId: chosen.v.profile.id,
      interest: chosen.interest,
      reach: Math.round(chosen.reach),
      marginal: bestValue,
    });
  }
  return picks;
}

/** What likeness compares of a vacancy, worked out once per prepared vacancy. */
const looks = new WeakMap<PreparedVacancy, { skills: Set<string>; title: string }>();
function looksOf(v: PreparedVacancy) {
  let look = looks.get(v);
  if (!look) {
    look = { skills: new Set(v.required.map((s) => s.label)), title: normalizeLabel(v.profile.title) };
    looks.set(v, look);
  }
  return look;
}

/**
 * How alike two vacancies look to a viewer, 0–1: the same employer with the same title is
 * the same post again; otherwise shared required skills, the same employer and the same
 * title each add.
 */
export function vacancyLikeness(a: PreparedVacancy, b: PreparedVacancy): number {
  const sameEmployer = a.profile.employerId === b.profile.employerId;
  const lookA = looksOf(a);
  const lookB = looksOf(b);
  const sameTitle = lookA.title === lookB.title;
  if (sameEmployer && sameTitle) return 1;
  const skillsA = lookA.skills;
  const skillsB = lookB.skills;
  let shared = 0;
  for (const label of skillsA) if (skillsB.has(label)) shared++;
  const union = skillsA.size + skillsB.size - shared;
  const jaccard = union === 0 ? 1 : shared / union;
  return 0.5 * jaccard + 0.3 * (sameEmployer ? 1 : 0) + 0.2 * (sameTitle ? 1 : 0);
}

/**
 * One stand-in viewer per (region, skill) cell, weighted by how many viewers it stands for.
 * A viewer counted under a licensed trade is taken to hold its licence: the aggregate says
 * who is watching, not who is missing a certificate.
 */
function representatives(engine: RankingEngine, audience: AudienceProfile) {
  const viewers = audience.regions.reduce((sum, r) => sum + r.count, 0) || 1;
  const skilled = audience.skills.reduce((sum, s) => sum + s.count, 0);
  const skillShares =
    skilled > 0 ? audience.skills.map((s) => ({ code: s.code, share: s.count / skilled })) : [{ code: '', share: 1 }];
  return audience.regions.flatMap((region) =>
    skillShares.map((skill) => ({
      weight: (region.count / viewers) * skill.share,
      profile: seekerProfileDefaults({
        id: `audience:${region.code}:${skill.code}`,
        residenceRegionCode: region.code,
        skills: skill.code ? [{ code: skill.code, name: skill.code }] : [],
        certificates: skill.code ? engine.ctx.taxonomy.requiredCertificates([skill.code]) : [],
        priorityGroups: audience.priorityGroups ?? [],
        // A viewer of a recruiting stream is ready to travel within the province.
        demand: { regionScope: 'province', expectedMonthlyWage: audience.expectedMonthlyWage ?? null },
      }),
    })),
  );
}
