import { type RegionDirectory, resolvePlace } from '@duijie/regions';
import { HttpProblem } from '@duijie/service-kit';

type Where = 'body' | 'querystring';

/**
 * The region a request names, by code or by name (凤凰县, 湘西州凤凰县), read as a vacancy's
 * `region` is: the code wins when both are sent. A code we do not know, or a name that fits no
 * place or several, is refused naming the field — with the places a name could be, so the
 * caller can choose (a name read only in part lists the place its known part names). In a
 * body that is 422 (as for vacancies), in a query 400.
 */
export function regionCodeOf(
  regions: RegionDirectory,
  given: { code?: string | undefined; name?: string | undefined },
  fields: { code: string; name: string },
  where: Where = 'body',
): string | undefined {
  const status = where === 'body' ? 422 : 400;
  if (given.code) {
    if (regions.get(given.code)) return given.code;
    throw new HttpProblem(status, 'unknown-region', `${given.code} is not a division code we know`, [
      { in: where, field: fields.code, message: 'not a division code we know' },
    ]);
  }
  if (!given.name) return undefined;
  const resolved = resolvePlace(regions, given.name);
  if (resolved.code) return resolved.code;
  const several = resolved.candidates.length > 1;
  const message = several
    ? `"${given.name}" could be any of ${resolved.candidates.length} places: give the ${fields.code}`
    : `"${given.name}" is not a place we know${resolved.unmatched ? ` (could not read "${resolved.unmatched}")` : ''}`;
  throw new HttpProblem(
    status,
    several ? 'ambiguous-place' : 'unknown-region',
    message,
    [{ in: where, field: fields.name, message }],
    resolved.candidates.length > 0 ? { candidates: resolved.candidates } : undefined,
  );
}
