import { regionPrefix } from '@duijie/regions';
import { ageOn, type PreparedSeeker, type PreparedVacancy, type RankingContext } from './prepare.ts';
import type { Rejection } from './types.ts';

/**
 * The hard constraints. Without `out` it stops at the first failure (the hot path of bulk
 * scoring, so no allocation there); with `out` it records every failure with its reason.
 */
export function passesConstraints(
  s: PreparedSeeker,
  v: PreparedVacancy,
  now: number,
  ctx: RankingContext,
  out?: Rejection[],
): boolean {
  const vp = v.profile;
  if (vp.status !== 'open') {
    if (!out) return false;
    out.push({ constraint: 'vacancy_closed', reason: `the vacancy is ${vp.status}` });
  }
  if (v.validThrough !== null && v.validThrough < now) {
    if (!out) return false;
    out.push({ constraint: 'vacancy_expired', reason: 'the vacancy has expired' });
  }
  if (vp.filledCount >= vp.headcount) {
    if (!out) return false;
    out.push({ constraint: 'no_headcount', reason: 'every post of the vacancy is filled' });
  }
  if (vp.employerBlacklisted) {
    if (!out) return false;
    out.push({ constraint: 'employer_blacklisted', reason: 'the employer is blacklisted for wage arrears' });
  }
  if (vp.publicWelfare) {
    const why = publicWelfareMiss(s, v);
    if (why) {
      if (!out) return false;
      out.push({ constraint: 'public_welfare_ineligible', reason: why });
    }
  }
  if (vp.drivingLicenceYears != null) {
    const held = yearsHeld(s, v, now, ctx);
    if (held < vp.drivingLicenceYears) {
      if (!out) return false;
      out.push({
        constraint: 'driving_experience_short',
        reason: `the post asks for a driving licence held ${vp.drivingLicenceYears} years`,
        detail: { yearsHeld: Math.floor(held) },
      });
    }
  }
  if (s.birthDate && (vp.ageMin != null || vp.ageMax != null)) {
    const age = ageAt(s, now);
    if (vp.ageMin != null && age < vp.ageMin) {
      if (!out) return false;
      out.push({
        constraint: 'age_below_minimum',
        reason: `the vacancy asks for age ${vp.ageMin} or over`,
        detail: { age },
      });
    }
    if (vp.ageMax != null && age > vp.ageMax) {
      if (!out) return false;
      out.push({
        constraint: 'age_above_maximum',
        reason: `the vacancy asks for age ${vp.ageMax} or under`,
        detail: { age },
      });
    }
  }
  if (v.minEducation !== null && s.education !== null && s.education < v.minEducation) {
    if (!out) return false;
    out.push({ constraint: 'education_below_minimum', reason: `the vacancy asks for ${vp.minEducation} or above` });
  }
  for (const certificate of v.requiredCertificates) {
    // The seeker's set holds what their licences cover too (prepareSeeker): an A2 meets B2 and C1.
    if (!s.certificates.has(certificate)) {
      if (!out) return false;
      const name = ctx.taxonomy.certificate(certificate)?.name ?? certificate;
      out.push({
        constraint: 'certificate_missing',
        reason: `the law requires ${name} for this work`,
        detail: { certificate },
      });
    }
  }
  if (!withinAcceptedArea(s, vp.regionCode)) {
    if (!out) return false;
    out.push({ constraint: 'outside_accepted_area', reason: 'the workplace is outside where the seeker will work' });
  }
  return out ? out.length === 0 : true;
}

const YEAR = 365.25 * 86_400_000;

/**
 * Years the seeker has held a licence that serves the post: one that is, or covers, every
 * driving class it requires; any licence when it names none.
 */
function yearsHeld(s: PreparedSeeker, v: PreparedVacancy, now: number, ctx: RankingContext): number {
  const wanted = v.requiredCertificates.filter((c) => c.startsWith('cert.driving-'));
  let best = 0;
  for (const [code, since] of s.drivingSince) {
    // The licence must drive what the post drives: serve every class it requires (an A2 ad
    // whose trade also implies C1 reads the A2, not a C1 held longer).
    if (!wanted.every((w) => w === code || ctx.taxonomy.certificateCovers(code, w))) continue;
    best = Math.max(best, (now - since) / YEAR);
  }
  return best;
}

/**
 * Why the seeker is not among those a public-welfare post is for, or null: the post's own
 * eligibility (its groups, where they must live, unable to leave home) where it states it,
 * the policy's groups where it does not.
 */
export function publicWelfareMiss(s: PreparedSeeker, v: PreparedVacancy): string | null {
  const rule = v.profile.publicWelfareEligibility;
  if (!rule) return s.publicWelfareEligible ? null : 'public-welfare posts are reserved for eligible priority groups';
  if (rule.groups.length > 0 && !rule.groups.some((g) => s.groups.has(g))) {
    return `the post is for ${rule.groups.join(', ')}`;
  }
  const home = s.profile.residenceRegionCode;
  if (
    rule.residenceRegionCodes.length > 0 &&
    !rule.residenceRegionCodes.some((r) => home.startsWith(regionPrefix(r)))
  ) {
    return 'the post is for residents of another place';
  }
  if (rule.cannotLeaveHome && !s.cannotLeaveHome) return 'the post is for people who cannot leave home';
  return null;
}

/** Age on `now`, remembered for the last `now` asked (bulk scoring asks the same one). */
function ageAt(s: PreparedSeeker, now: number): number {
  const memo = s.ageMemo;
  if (memo.now !== now) {
    memo.now = now;
    memo.age = ageOn(s.birthDate as Date, now);
  }
  return memo.age;
}

/** In the seeker's own scope around home, or in a region the seeker explicitly accepted. */
export function withinAcceptedArea(s: PreparedSeeker, regionCode: string): boolean {
  return (s.scopePrefix !== null && regionCode.startsWith(s.scopePrefix)) || acceptedExplicitly(s, regionCode);
}

/** The accepted region that lets a workplace in, outside the seeker's own scope (null: none does). */
export function acceptingRegion(s: PreparedSeeker, regionCode: string): string | null {
  if (s.scopePrefix !== null && regionCode.startsWith(s.scopePrefix)) return null;
  const i = s.acceptedPrefixes.findIndex((prefix) => regionCode.startsWith(prefix));
  return i < 0 ? null : (s.profile.demand.acceptedRegions[i] ?? null);
}

export function acceptedExplicitly(s: PreparedSeeker, regionCode: string): boolean {
  for (const prefix of s.acceptedPrefixes) if (regionCode.startsWith(prefix)) return true;
  return false;
}
