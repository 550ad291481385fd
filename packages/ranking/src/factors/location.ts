import { haversineKm } from '@duijie/regions';
import { acceptedExplicitly, acceptingRegion } from '../constraints.ts';
import type { PreparedSeeker, PreparedVacancy, RankingContext } from '../prepare.ts';

export type LocationDetail = {
  distanceKm: number | null;
  cooperation: boolean;
  acceptedRegion: boolean;
  /** The accepted region (its code) that let the workplace in, outside the seeker's own scope. */
  acceptedVia?: string | null;
};

/**
 * Distance decay (halving every `halfDistanceKm`), floored for a region the seeker chose to
 * go to, and raised where a labour-cooperation pair links home to the workplace.
 * Nearer never lowers it.
 */
export function locationFactor(s: PreparedSeeker, v: PreparedVacancy, ctx: RankingContext, detail?: LocationDetail) {
  const { policy } = ctx;
  const distanceKm = s.point && v.point ? haversineKm(s.point, v.point) : null;
  let value = distanceKm === null ? 0.5 : 1 / (1 + distanceKm / policy.location.halfDistanceKm);
  const region = v.profile.regionCode;
  const chosen = !(s.scopePrefix !== null && region.startsWith(s.scopePrefix)) && acceptedExplicitly(s, region);
  if (chosen) value = Math.max(value, policy.location.acceptedRegionFloor);
  let cooperation = false;
  for (const prefix of s.cooperationPrefixes) if (region.startsWith(prefix)) cooperation = true;
  if (cooperation) value = Math.min(1, value + policy.location.cooperationBoost);
  if (detail)
    Object.assign(detail, { distanceKm, cooperation, acceptedRegion: chosen, acceptedVia: acceptingRegion(s, region) });
  return value;
}
