import { type FieldError, NATIONWIDE } from '@duijie/contracts';
import { type RegionDirectory, regionPrefix, resolvePlace } from '@duijie/regions';
import { type Caller, covers, outOfScope } from './caller.ts';
import { commonErrors } from './common-errors.ts';

const CODE = /^\d{6}(\d{6})?$/;

/** Where a region was given: the part of the request and the field's name there. */
export type PlaceField = { in: FieldError['in']; field: string };

/**
 * The region code of a place given as a code or as a name (凤凰县, 湘西州凤凰县, 鳳凰縣), read
 * as vacancies read theirs. 422 naming the field when the code is unknown, or the name fits
 * no place or several: `candidates` then lists each with its full path, so the caller can
 * send the code.
 */
export function placeCode(regions: RegionDirectory, text: string, at: PlaceField): string {
  const given = text.trim();
  if (CODE.test(given)) {
    if (regions.get(given)) return given;
    throw commonErrors.unknownRegion(given, at.field, at.in);
  }
  const resolved = resolvePlace(regions, given);
  if (resolved.code) return resolved.code;
  if (resolved.candidates.length > 1) throw commonErrors.ambiguousPlace(given, resolved.candidates, at);
  throw commonErrors.unknownPlace(given, resolved.unmatched, resolved.candidates, at);
}

/**
 * A region given by code (`code` field) or by name (`name` field; a code there works too): the
 * code it comes to, or undefined when neither was sent. The code wins when both are, as for vacancies.
 */
export function regionOf(
  regions: RegionDirectory,
  given: { code?: string | undefined; name?: string | undefined },
  fields: { in: FieldError['in']; code: string; name: string },
): string | undefined {
  if (given.code !== undefined) return placeCode(regions, given.code, { in: fields.in, field: fields.code });
  if (given.name !== undefined) return placeCode(regions, given.name, { in: fields.in, field: fields.name });
  return undefined;
}

/**
 * The LIKE pattern of the region a staff list reads: the region asked for (403 when it is
 * outside theirs) or their whole region; undefined for a nationwide view of everything.
 */
export function regionPattern(staff: Extract<Caller, { kind: 'staff' }>, asked?: string): string | undefined {
  if (asked && !covers(staff, asked)) throw outOfScope(asked, staff.regionCode);
  const region = asked ?? staff.regionCode;
  return region === NATIONWIDE ? undefined : `${regionPrefix(region)}%`;
}

/** The region a list's query names (`regionCode` or `region`, a code or a place name), if any. */
export const queriedRegion = (
  regions: RegionDirectory,
  q: { regionCode?: string | undefined; region?: string | undefined },
) =>
  regionOf(regions, { code: q.regionCode, name: q.region }, { in: 'querystring', code: 'regionCode', name: 'region' });

/**
 * A seeker's accepted regions (`demand.acceptedRegions`), each a code or a place name (深圳市,
 * 广东省), as codes without repeats; 422 naming the entry that is unknown or ambiguous.
 */
export const acceptedRegionCodes = (regions: RegionDirectory, given: readonly string[], at: PlaceField) => [
  ...new Set(given.map((place, i) => placeCode(regions, place, { in: at.in, field: `${at.field}.${i}` }))),
];
