import type { PreparedVacancy, SkillClaim, VacancyProfile } from '@duijie/ranking';

const NONE: readonly never[] = Object.freeze([]);

/** The profile's strings drawn from bounded sets: codes, kinds, and the employer's id. */
const CODES = [
  'employerId',
  'employerKind',
  'status',
  'regionCode',
  'wageUnit',
  'employmentType',
  'shift',
  'occupationCode',
  'minEducation',
] as const satisfies readonly (keyof VacancyProfile)[];

/**
 * One instance of each value that repeats across the cached profiles: every row read makes
 * its own copy of its employer's id, its codes and its skill claims, ≈ 330 bytes a vacancy of
 * duplicates (measured on the bench's million), so the cache keeps one of each: ≈ 27 % less
 * memory. (It did not shorten the young collections: those follow the old generation's page
 * count, which this cuts by a fifth — PROFILE-CACHE.md.)
 *
 * Only values from bounded sets are shared: codes, the employer's id, and claims that name a
 * taxonomy skill. A free-text claim or title stays the row's own, so the tables here never
 * grow with what people type. The cached profiles are read-only (Matcher marks re-posts on
 * copies, `withReposts`), which is what lets arrays and claims be shared; the shared claims,
 * lists of trades and empty lists are frozen, so a write through one vacancy throws instead
 * of reaching every vacancy that shares it.
 */
export class SharedValues {
  readonly #strings = new Map<string, string>();
  readonly #claims = new Map<string, SkillClaim>();
  readonly #numbers = new Map<string, readonly number[]>();

  /** The prepared vacancy with its repeated values replaced by their shared instance, in place. */
  vacancy(prepared: PreparedVacancy): PreparedVacancy {
    const profile = prepared.profile as Mutable<VacancyProfile>;
    // Only fields the profile has: a key added (even as undefined) would fail the page check.
    for (const field of CODES) {
      const value = profile[field];
      if (typeof value === 'string') (profile as Record<string, unknown>)[field] = this.#string(value);
    }
    profile.requiredSkills = this.#claimsOf(profile.requiredSkills);
    profile.preferredSkills = this.#claimsOf(profile.preferredSkills);
    if (profile.requiredCertificates.length === 0) profile.requiredCertificates = NONE;
    if (profile.priorityGroups?.length === 0) profile.priorityGroups = NONE;
    for (const skill of [...prepared.required, ...prepared.preferred]) {
      if (skill.claim.code) skill.label = this.#string(skill.label);
    }
    // The prepared skills point at the claims they were made from: at the shared ones now.
    prepared.required.forEach((s, i) => {
      s.claim = profile.requiredSkills[i] ?? s.claim;
    });
    prepared.preferred.forEach((s, i) => {
      s.claim = profile.preferredSkills[i] ?? s.claim;
    });
    if (prepared.preferred.length === 0) prepared.preferred = NONE as never[];
    if (prepared.requiredCertificates.length === 0) prepared.requiredCertificates = NONE as never[];
    prepared.trades = this.#numbersOf(prepared.trades) as number[];
    return prepared;
  }

  /** Whether the string is one of the shared ones (a code, an employer's id): kept once, by reference. */
  holds(value: string): boolean {
    return this.#strings.has(value);
  }

  clear(): void {
    this.#strings.clear();
    this.#claims.clear();
    this.#numbers.clear();
  }

  #string<T extends string>(value: T): T {
    const shared = this.#strings.get(value);
    if (shared !== undefined) return shared as T;
    this.#strings.set(value, value);
    return value;
  }

  #claimsOf(claims: readonly SkillClaim[]): readonly SkillClaim[] {
    if (claims.length === 0) return NONE;
    return claims.map((claim) => {
      if (!claim.code) return claim;
      const key = JSON.stringify(claim);
      const shared = this.#claims.get(key);
      if (shared) return shared;
      this.#claims.set(key, Object.freeze(claim));
      return claim;
    });
  }

  /** Trades are taxonomy indices: few distinct lists. */
  #numbersOf(list: readonly number[]): readonly number[] {
    if (list.length === 0) return NONE;
    const key = list.join(',');
    const shared = this.#numbers.get(key);
    if (shared) return shared;
    this.#numbers.set(key, Object.freeze(list));
    return list;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
