import type { Policy } from '../policy.ts';

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
