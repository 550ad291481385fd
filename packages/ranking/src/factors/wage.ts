import type { Policy } from '../policy.ts';
import type { PreparedSeeker, PreparedVacancy } from '../prepare.ts';

/**
 * Offered against expected, both monthly: `atExpectation` at parity, falling as
 * (offered / expected)^k below it, approaching 1 above it. A higher offer never lowers it.
 */
export function wageFactor(offeredMonthly: number, expectedMonthly: number, policy: Policy): number {
  const { atExpectation, belowExponent, aboveRate } = policy.wage;
  const ratio = offeredMonthly / expectedMonthly;
  if (ratio >= 1) return atExpectation + (1 - atExpectation) * (1 - Math.exp(-aboveRate * (ratio - 1)));
  return atExpectation * Math.max(0, ratio) ** belowExponent;
}

/** The seeker's expectation a month at this post: an hour or day figure at the post's own hours and days. */
export function expectedFor(s: PreparedSeeker, v: PreparedVacancy): number {
  const per = s.expectedPerUnit;
  if (!per) return s.expectedMonthly;
  return per.amount * (per.unit === 'day' ? v.daysPerMonth : v.hoursPerMonth);
}

/** A post designed for the seeker's situation: its pay is a subsidy, not the point. */
export function designedFor(s: PreparedSeeker, v: PreparedVacancy): boolean {
  return v.designedForSupport && (v.profile.publicWelfare || s.cannotLeaveHome || s.publicWelfareEligible);
}

/** The wage factor of a pair: the offer against the expectation at the post's hours, floored for designed posts. */
export function pairWage(s: PreparedSeeker, v: PreparedVacancy, policy: Policy): number {
  const value = wageFactor(v.offeredMonthly, expectedFor(s, v), policy);
  return designedFor(s, v) ? Math.max(value, policy.wage.designedFloor) : value;
}
