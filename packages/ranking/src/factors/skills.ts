import type { Policy } from '../policy.ts';
import type { PreparedSeeker, PreparedSkill, PreparedVacancy } from '../prepare.ts';
import type { SkillClaim } from '../types.ts';

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

/** Skills the seeker brings to the post's required ones; `required` 0–1, `count` 0 for none. */
export type SkillDetail = {
  matched: string[];
  gaps: SkillClaim[];
  /** The post's trade is one the seeker asked for (first of them). */
  wished?: string;
  /** The seeker's own trades, left unused by a post that asks for no skill (over-qualification). */
  unused?: string[];
  /** A post asking no skill, of the seeker's own trade (read from its title). */
  trade?: string;
};

/** The best of the seeker's per-trade values over the post's trades (−1: the post names none). */
export function bestOver(trades: readonly number[], fit: Float32Array): number {
  let best = trades.length === 0 ? -1 : 0;
  for (const j of trades) best = Math.max(best, fit[j] as number);
  return best;
}

/**
 * Occupational fit from summed covers, one formula for the single and the bulk path.
 * Required skills: their mean cover, lifted towards 1 by a wish for the post's trade, or a
 * little lower when the seeker wants other trades (a trade changer's old trade). No
 * required skill: how the post's trade (from its title) fits the seeker's trades and wishes,
 * at least a floor that is lower for a skilled worker (unskilled work leaves their trade
 * unused) than for someone without a trade. Preferred skills only ever add.
 */
export function combineSkill(
  requiredSum: number,
  requiredCount: number,
  preferredSum: number,
  preferredCount: number,
  policy: Policy,
  // Plain numbers, not an object: the fair's loop calls this for every pair it scores.
  wish = -1,
  fit = -1,
  skilled = false,
  hasWishes = false,
): number {
  const sk = policy.skills;
  let value: number;
  if (requiredCount > 0) {
    const covered = requiredSum / requiredCount;
    value =
      hasWishes && wish < sk.gapBelow
        ? covered * sk.unwishedTrade
        : covered + (1 - covered) * sk.wishLift * Math.max(0, wish);
  } else {
    const floor = skilled ? sk.overqualified : hasWishes ? sk.unwished : sk.noneRequired;
    value = Math.max(fit, floor);
  }
  if (preferredCount === 0) return value;
  return value + sk.preferredShare * (1 - value) * (preferredSum / preferredCount);
}

/**
 * Occupational fit (see combineSkill), with `coverOf` giving the seeker's best cover of one
 * wanted skill through the taxonomy. More or better skills never lower it.
 */
export function skillFactor(
  s: PreparedSeeker,
  v: PreparedVacancy,
  coverOf: CoverOf,
  policy: Policy,
  detail?: SkillDetail,
  name?: (skill: PreparedSkill) => string,
  tradeName?: (index: number) => string,
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
  // A public-welfare post is what someone who asked for one by that name wants.
  const asked = s.wantsPublicWelfare && v.profile.publicWelfare ? 1 : -1;
  const wish = Math.max(asked, bestOver(v.trades, s.wishFit));
  const fit = Math.max(asked, bestOver(v.trades, s.tradeFit));
  if (detail && tradeName) {
    const at = (fit: Float32Array) => v.trades.find((j) => (fit[j] as number) >= policy.skills.gapBelow);
    const wished = at(s.wishFit);
    if (wished !== undefined) detail.wished = tradeName(wished);
    else if (s.wantsPublicWelfare && v.profile.publicWelfare) detail.wished = '公益性岗位';
    if (v.required.length === 0) {
      const own = at(s.tradeFit);
      if (own !== undefined && wished === undefined) detail.trade = tradeName(own);
      if (s.skilled && own === undefined) detail.unused = s.tradeNames;
    }
  }
  return combineSkill(
    requiredSum,
    v.required.length,
    preferredSum,
    v.preferred.length,
    policy,
    wish,
    fit,
    s.skilled,
    s.hasWishes,
  );
}
