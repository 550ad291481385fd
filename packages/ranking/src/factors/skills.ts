import type { Policy } from '../policy.ts';
import type { PreparedSeeker, PreparedSkill, PreparedVacancy } from '../prepare.ts';
import type { SkillClaim } from '../types.ts';

export type SkillDetail = { matched: string[]; gaps: SkillClaim[] };

/** How well one of the seeker's skills covers a wanted one: similarity × level × years. */
function cover(wanted: PreparedSkill, have: PreparedSkill, matrix: Float64Array, n: number, policy: Policy): number {
  let similarity: number;
  if (wanted.index >= 0 && have.index >= 0) similarity = matrix[wanted.index * n + have.index] ?? 0;
  else similarity = wanted.label === have.label ? 1 : 0;
  if (similarity === 0) return 0;
  let fit = similarity;
  if (wanted.level > have.level && wanted.level >= 0) {
    // An unknown level counts as the lowest.
    fit *= policy.skills.levelShortfall ** (wanted.level - Math.max(have.level, 0));
  }
  if (wanted.years !== null && wanted.years > 0) {
    fit *= have.years === null ? 0.75 : 0.5 + 0.5 * Math.min(1, have.years / wanted.years);
  }
  return fit;
}

export function bestCover(wanted: PreparedSkill, s: PreparedSeeker, matrix: Float64Array, n: number, policy: Policy) {
  let best = 0;
  for (const have of s.skills) {
    const c = cover(wanted, have, matrix, n, policy);
    if (c > best) best = c;
  }
  return best;
}

export type CoverOf = (wanted: PreparedSkill) => number;

/** The skill factor from summed covers: one formula for the single and the bulk path. */
export function combineSkill(
  requiredSum: number,
  requiredCount: number,
  preferredSum: number,
  preferredCount: number,
  policy: Policy,
): number {
  const required = requiredCount > 0 ? requiredSum / requiredCount : policy.skills.noneRequired;
  if (preferredCount === 0) return required;
  const share = policy.skills.preferredShare;
  return (1 - share) * required + share * (preferredSum / preferredCount);
}

/**
 * Weighted coverage of the required skills (each 0–1 through the taxonomy, `coverOf` giving
 * the seeker's best cover of one), with preferred skills adding up to `preferredShare`.
 * More or better skills never lower it.
 */
export function skillFactor(
  v: PreparedVacancy,
  coverOf: CoverOf,
  policy: Policy,
  detail?: SkillDetail,
  name?: (skill: PreparedSkill) => string,
): number {
  let requiredSum = 0;
  for (const wanted of v.required) {
    const c = coverOf(wanted);
    requiredSum += c;
    if (detail && name) {
      if (c >= policy.skills.gapBelow) detail.matched.push(name(wanted));
      else detail.gaps.push(wanted.claim);
    }
  }
  let preferredSum = 0;
  for (const wanted of v.preferred) {
    const c = coverOf(wanted);
    preferredSum += c;
    if (detail && name && c >= policy.skills.gapBelow) detail.matched.push(name(wanted));
  }
  return combineSkill(requiredSum, v.required.length, preferredSum, v.preferred.length, policy);
}
