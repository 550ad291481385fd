import type { FieldError } from '@duijie/contracts';
import { type RegionDirectory, resolvePlace } from '@duijie/regions';
import { HttpProblem } from '@duijie/service-kit';

/**
 * The region a request names, by code or by name, read as the vacancy door reads places: a
 * code must be one we know; a name must fit one place, else 422 with every place it could be.
 * Undefined when neither is given.
 */
export function placeCode(
  regions: RegionDirectory,
  given: { regionCode?: string | undefined; region?: string | undefined },
  part: FieldError['in'],
): string | undefined {
  const refuse = (field: string, detail: string, message = detail, extra?: Record<string, unknown>): never => {
    throw new HttpProblem(422, 'unknown-region', detail, [{ in: part, field, message }], extra);
  };
  if (given.regionCode !== undefined) {
    if (!regions.get(given.regionCode)) {
      refuse('regionCode', `${given.regionCode} is not a division code we know`, 'not a division code we know');
    }
    return given.regionCode;
  }
  if (given.region === undefined) return undefined;
  const resolved = resolvePlace(regions, given.region);
  if (resolved.code) return resolved.code;
  return refuse(
    'region',
    resolved.candidates.length > 1
      ? `"${given.region}" could be any of ${resolved.candidates.length} places: give the regionCode`
      : `"${given.region}" is not a place we know${resolved.unmatched ? ` (could not read "${resolved.unmatched}")` : ''}`,
    undefined,
    { candidates: resolved.candidates },
  );
}
