import { SIMILARITY } from '@duijie/taxonomy';
import type { PreparedVacancy, RankingContext } from './prepare.ts';

/** Offers this close (top against top) can be the same job. */
const WAGE_CLOSE = 0.3;

/**
 * Finds an agency's posts (劳务派遣, 中介) that re-post a direct employer's job: the same list
 * holds a direct post of the same or a related trade (the taxonomy says how close) in the
 * same county, open, with an offer within 30 %. Agencies re-advertise factories' openings,
 * usually with a higher headline figure and without the insurance. Detected, never declared:
 * ads do not say it. Writes nothing, so it can run over profiles that requests share; the map
 * holds each re-post with the direct post it copies.
 */
export function findReposts(vacancies: readonly PreparedVacancy[], ctx: RankingContext): Map<PreparedVacancy, string> {
  const { taxonomy } = ctx;
  const related = SIMILARITY.related;
  const direct = new Map<string, PreparedVacancy[]>();
  for (const v of vacancies) {
    if (v.profile.employerKind === 'labor_agency' || v.trades.length === 0 || v.profile.status !== 'open') continue;
    const county = v.profile.regionCode.slice(0, 6);
    const list = direct.get(county) ?? [];
    list.push(v);
    direct.set(county, list);
  }
  const found = new Map<PreparedVacancy, string>();
  for (const v of vacancies) {
    if (v.profile.employerKind !== 'labor_agency' || v.trades.length === 0) continue;
    const same = (direct.get(v.profile.regionCode.slice(0, 6)) ?? []).find(
      (d) =>
        Math.abs(d.offeredMonthly - v.offeredMonthly) <= WAGE_CLOSE * Math.max(d.offeredMonthly, v.offeredMonthly) &&
        d.trades.some((a) => v.trades.some((b) => similarity(taxonomy, a, b) >= related)),
    );
    if (same) found.set(v, same.profile.id);
  }
  return found;
}

/** `findReposts`, written into the vacancies (`repostOf`, null for the rest); returns how many. */
export function markReposts(vacancies: readonly PreparedVacancy[], ctx: RankingContext): number {
  const found = findReposts(vacancies, ctx);
  for (const v of vacancies) v.repostOf = found.get(v) ?? null;
  return found.size;
}

/**
 * The vacancies as marked over this set, without writing into them: a vacancy whose mark
 * differs is a copy carrying it, every other is itself (most, since few posts are re-posts).
 */
export function withReposts(vacancies: readonly PreparedVacancy[], ctx: RankingContext): PreparedVacancy[] {
  const found = findReposts(vacancies, ctx);
  return vacancies.map((v) => {
    const repostOf = found.get(v) ?? null;
    return v.repostOf === repostOf ? v : { ...v, repostOf };
  });
}

function similarity(taxonomy: RankingContext['taxonomy'], a: number, b: number): number {
  return taxonomy.similarityMatrix()[a * taxonomy.skills.length + b] ?? 0;
}
