import { simplify } from '@duijie/taxonomy';
import type { RegionDirectory } from './directory.ts';

/** A place as a person reads it: its code and its full path (湖南省湘西土家族苗族自治州凤凰县). */
export type PlaceCandidate = { code: string; name: string };

/** The full path of a region, province first, as one string. */
export const regionPath = (regions: RegionDirectory, code: string) =>
  regions
    .chain(code)
    .map((c) => c.name)
    .reverse()
    .join('');

/**
 * A place named as people write it (traditional characters and full-width digits accepted):
 * the one code when the name fits exactly one place and nothing is left unread, else every
 * place it could be with its full path, so a caller can choose. Every door that takes a
 * region reads names the same way.
 */
export function resolvePlace(
  regions: RegionDirectory,
  text: string,
): { code: string | null; candidates: PlaceCandidate[]; unmatched: string } {
  const resolved = regions.resolve(simplify(text));
  return {
    code: resolved.region && !resolved.unmatched ? resolved.region.code : null,
    candidates: resolved.candidates.map((r) => ({ code: r.code, name: regionPath(regions, r.code) })),
    unmatched: resolved.unmatched,
  };
}
