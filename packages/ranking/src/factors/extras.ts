import type { Policy } from '../policy.ts';
import type { PreparedSeeker, PreparedVacancy, RankingContext } from '../prepare.ts';

export type ExtrasDetail = {
  housing?: boolean;
  meals?: boolean;
  shift?: boolean;
  freshDays: number;
  socialInsurance?: boolean;
  seasonal?: boolean;
  agency?: boolean;
  repostOf?: string;
};

const DAY = 86_400_000;

/**
 * The small things, averaged over those that apply: housing and meals where the seeker needs
 * them (bits 1 and 2 of `needs` and `offers`), shift and employment type where the seeker
 * said (masks of interned codes), freshness, and the employer's record of placements that
 * lasted (NaN when unknown). Plain numbers, so the bulk loop can call it on typed arrays.
 */
export function extrasValue(
  freshness: number,
  retention: number,
  quality: number,
  needs: number,
  offers: number,
  shiftMask: number,
  shiftBit: number,
  typeMask: number,
  typeBit: number,
  policy: Policy['extras'],
): number {
  let sum = freshness;
  let count = 1;
  if (needs & HOUSING) {
    sum += offers & HOUSING ? 1 : 0;
    count++;
  }
  if (needs & MEALS) {
    sum += offers & MEALS ? 1 : 0;
    count++;
  }
  if (shiftMask !== 0 && shiftBit !== 0) {
    sum += shiftMask & shiftBit ? 1 : policy.shiftMismatch;
    count++;
  }
  if (typeMask !== 0) {
    sum += typeMask & typeBit ? 1 : policy.employmentTypeMismatch;
    count++;
  }
  if (!Number.isNaN(retention)) {
    sum += retention;
    count++;
  }
  if (!Number.isNaN(quality)) {
    sum += quality;
    count++;
  }
  return sum / count;
}

export const HOUSING = 1;
export const MEALS = 2;

/** e^(−days since posting / freshnessDays), remembered for the last `now` asked. */
export function freshnessOf(v: PreparedVacancy, now: number, policy: Policy['extras']): number {
  const memo = v.freshnessMemo;
  if (memo.now !== now) {
    memo.now = now;
    memo.value = Math.exp(-Math.max(0, (now - v.datePosted) / DAY) / policy.freshnessDays);
  }
  return memo.value;
}

export function extrasFactor(
  s: PreparedSeeker,
  v: PreparedVacancy,
  now: number,
  ctx: RankingContext,
  detail?: ExtrasDetail,
): number {
  const { extras } = ctx.policy;
  if (detail) {
    if (s.needs & HOUSING) detail.housing = Boolean(v.offers & HOUSING);
    if (s.needs & MEALS) detail.meals = Boolean(v.offers & MEALS);
    if (s.shiftMask !== 0 && v.shiftBit !== 0) detail.shift = Boolean(s.shiftMask & v.shiftBit);
    detail.freshDays = Math.round(Math.max(0, (now - v.datePosted) / DAY));
    const p = v.profile;
    if (p.socialInsurance != null) detail.socialInsurance = p.socialInsurance;
    if (p.employmentType === 'seasonal' || p.employmentType === 'temporary') detail.seasonal = true;
    if (p.employerKind === 'labor_agency') detail.agency = true;
    if (v.repostOf) detail.repostOf = v.repostOf;
  }
  return extrasValue(
    freshnessOf(v, now, extras),
    v.retention,
    qualityOf(v, ctx.policy),
    s.needs,
    v.offers,
    s.shiftMask,
    v.shiftBit,
    s.typeMask,
    v.typeBit,
    extras,
  );
}

/** The post's employment quality, lowered to the policy's re-post value when it is an agency's re-post. */
export function qualityOf(v: PreparedVacancy, policy: Policy): number {
  return v.repostOf ? Math.min(Number.isNaN(v.quality) ? 1 : v.quality, policy.quality.repost) : v.quality;
}
