import type { RegionDirectory } from '@duijie/regions';
import type { Taxonomy } from '@duijie/taxonomy';
import { applyBoosts, boostRules, boostTotal, describeBoosts } from './boosts.ts';
import { passesConstraints } from './constraints.ts';
import { factorReasons, reasonLine } from './explain.ts';
import { type ExtrasDetail, extrasFactor } from './factors/extras.ts';
import { type LocationDetail, locationFactor } from './factors/location.ts';
import { bestCover, type CoverOf, type SkillDetail, skillFactor } from './factors/skills.ts';
import { pairWage } from './factors/wage.ts';
import { DEFAULT_POLICY, type Policy } from './policy.ts';
import {
  type PreparedSeeker,
  type PreparedSkill,
  type PreparedVacancy,
  prepareSeeker,
  prepareVacancy,
  type RankingContext,
} from './prepare.ts';
import { markReposts } from './reposts.ts';
import type {
  CooperationPair,
  Evaluation,
  FactorScore,
  Match,
  Rejection,
  SeekerProfile,
  VacancyProfile,
} from './types.ts';

export type EngineOptions = {
  regions: RegionDirectory;
  taxonomy: Taxonomy;
  policy?: Policy;
  cooperation?: readonly CooperationPair[];
};

export type Scored = { score: number; skills: number; location: number; wage: number; extras: number };

/** `limit` matches (20 unless said) after skipping the best `offset`: only those are explained. */
export type RankOptions = { limit?: number; offset?: number; now?: Date };

/**
 * The ranking engine: pure functions of the records and a policy, no I/O.
 * score(s, v) = Σ wᵢ·fᵢ(s, v) over skills, location, wage and extras, after the hard
 * constraints pass, then raised by the policy's boosts; every match explains itself.
 */
export class RankingEngine {
  readonly ctx: RankingContext;
  private readonly matrix: Float64Array;
  private readonly n: number;

  constructor(options: EngineOptions) {
    this.ctx = {
      regions: options.regions,
      taxonomy: options.taxonomy,
      policy: options.policy ?? DEFAULT_POLICY,
      cooperation: options.cooperation ?? [],
      skillKeys: new Map(),
      skillByKey: [],
      codeBits: new Map(),
      titleTrades: new Map(),
      cooperationByHome: new Map(),
    };
    this.matrix = options.taxonomy.similarityMatrix();
    this.n = options.taxonomy.skills.length;
  }

  get policy(): Policy {
    return this.ctx.policy;
  }

  prepareSeeker(profile: SeekerProfile): PreparedSeeker {
    return prepareSeeker(profile, this.ctx);
  }

  prepareVacancy(profile: VacancyProfile): PreparedVacancy {
    return prepareVacancy(profile, this.ctx);
  }

  /** The seeker's best cover of a wanted skill (see factors/skills.ts). */
  coverOf(s: PreparedSeeker): CoverOf {
    // One closure per seeker, not per pair: scoring asks for it on every pair.
    s.coverOf ??= (wanted) => bestCover(wanted, s, this.matrix, this.n, this.ctx.policy);
    return s.coverOf;
  }

  /** Every hard constraint the pair fails, with its reason; empty when it is a match. */
  rejections(s: PreparedSeeker, v: PreparedVacancy, now = Date.now()): Rejection[] {
    const out: Rejection[] = [];
    passesConstraints(s, v, now, this.ctx, out);
    return out;
  }

  /** The factor values and total, or null when a hard constraint fails. */
  score(s: PreparedSeeker, v: PreparedVacancy, now = Date.now()): Scored | null {
    if (!passesConstraints(s, v, now, this.ctx)) return null;
    const { policy } = this.ctx;
    const skills = skillFactor(s, v, this.coverOf(s), policy);
    const location = locationFactor(s, v, this.ctx);
    const wage = pairWage(s, v, policy);
    const extras = extrasFactor(s, v, now, this.ctx);
    const w = policy.weights;
    const base = w.skills * skills + w.location * location + w.wage * wage + w.extras * extras;
    const boost = boostTotal(s, v, policy);
    return { score: base + (1 - base) * boost, skills, location, wage, extras };
  }

  /** The full explanation of a pair that passes the constraints. */
  explain(s: PreparedSeeker, v: PreparedVacancy, now = Date.now()): Match | null {
    if (!passesConstraints(s, v, now, this.ctx)) return null;
    const { policy, taxonomy } = this.ctx;
    const skillDetail: SkillDetail = { matched: [], gaps: [] };
    const name = (skill: PreparedSkill) => taxonomy.skills[skill.index]?.name ?? skill.claim.name;
    const tradeName = (index: number) => taxonomy.skills[index]?.name ?? '';
    const skills = skillFactor(s, v, this.coverOf(s), policy, skillDetail, name, tradeName);
    const locationDetail: LocationDetail = { distanceKm: null, cooperation: false, acceptedRegion: false };
    const location = locationFactor(s, v, this.ctx, locationDetail);
    const wage = pairWage(s, v, policy);
    const extrasDetail: ExtrasDetail = { freshDays: 0 };
    const extras = extrasFactor(s, v, now, this.ctx, extrasDetail);
    const w = policy.weights;
    const reasons = factorReasons(s, v, skillDetail, locationDetail, extrasDetail, this.ctx);
    const factor = (f: FactorScore['factor'], value: number): FactorScore => ({
      factor: f,
      value,
      weight: w[f],
      contribution: w[f] * value,
      reason: reasons[f],
    });
    const breakdown = [
      factor('skills', skills),
      factor('location', location),
      factor('wage', wage),
      factor('extras', extras),
    ];
    const base = breakdown.reduce((sum, f) => sum + f.contribution, 0);
    const rules = boostRules(s, v, policy);
    return {
      seekerId: s.profile.id,
      vacancyId: v.profile.id,
      score: applyBoosts(base, rules, policy).score,
      breakdown,
      boosts: describeBoosts(base, rules, policy),
      matchedSkills: skillDetail.matched,
      skillGaps: skillDetail.gaps,
      distanceKm: locationDetail.distanceKm === null ? null : Math.round(locationDetail.distanceKm * 10) / 10,
      reason: reasonLine(s, v, skillDetail, locationDetail, extrasDetail, this.ctx),
      policyVersion: policy.version,
    };
  }

  /** One pair from the raw profiles: the match, or why it is not one. */
  evaluate(seeker: SeekerProfile, vacancy: VacancyProfile, now = new Date()): Evaluation {
    const s = this.prepareSeeker(seeker);
    const v = this.prepareVacancy(vacancy);
    const match = this.explain(s, v, now.getTime());
    return match ? { ok: true, match } : { ok: false, rejections: this.rejections(s, v, now.getTime()) };
  }

  /** Vacancies for a seeker, best first, explained. */
  rankVacancies(seeker: SeekerProfile, vacancies: readonly VacancyProfile[], options: RankOptions = {}): Match[] {
    return this.rankPreparedVacancies(seeker, this.prepareVacancies(vacancies), options);
  }

  /** Vacancies prepared together: an agency's re-post of a direct employer's job among them is marked. */
  prepareVacancies(vacancies: readonly VacancyProfile[]): PreparedVacancy[] {
    const prepared = vacancies.map((v) => this.prepareVacancy(v));
    markReposts(prepared, this.ctx);
    return prepared;
  }

  /**
   * The same over vacancies prepared once and kept (a fair's, a livestream's), so a request
   * pays for scoring only; `admit` passes over vacancies the caller will not offer.
   */
  rankPreparedVacancies(
    seeker: SeekerProfile,
    vacancies: readonly PreparedVacancy[],
    options: RankOptions & { admit?: (vacancyId: string) => boolean } = {},
  ): Match[] {
    const now = (options.now ?? new Date()).getTime();
    const s = this.prepareSeeker(seeker);
    const admit = options.admit;
    return this.topExplained(
      admit ? vacancies.filter((v) => admit(v.profile.id)) : vacancies,
      (v) => this.score(s, v, now)?.score ?? null,
      (v) => this.explain(s, v, now),
      options,
    );
  }

  /** Seekers for a vacancy, best first, explained. */
  rankSeekers(vacancy: VacancyProfile, seekers: readonly SeekerProfile[], options: RankOptions = {}): Match[] {
    return this.rankPreparedSeekers(
      this.prepareVacancy(vacancy),
      seekers.map((s) => this.prepareSeeker(s)),
      options,
    );
  }

  /** The same over seekers and a vacancy prepared once and kept (a fair's checked-in seekers). */
  rankPreparedSeekers(v: PreparedVacancy, seekers: readonly PreparedSeeker[], options: RankOptions = {}): Match[] {
    const now = (options.now ?? new Date()).getTime();
    return this.topExplained(
      seekers,
      (s) => this.score(s, v, now)?.score ?? null,
      (s) => this.explain(s, v, now),
      options,
    );
  }

  private topExplained<T extends { profile: { id: string } }>(
    items: readonly T[],
    score: (item: T) => number | null,
    explain: (item: T) => Match | null,
    { limit = 20, offset = 0 }: RankOptions,
  ): Match[] {
    const scored: { item: T; score: number }[] = [];
    for (const item of items) {
      const value = score(item);
      if (value !== null) scored.push({ item, score: value });
    }
    scored.sort((a, b) => b.score - a.score || a.item.profile.id.localeCompare(b.item.profile.id));
    return scored
      .slice(offset, offset + limit)
      .map((x) => explain(x.item))
      .filter((m): m is Match => m !== null);
  }
}
