import { SIMILARITY } from '@duijie/taxonomy';
import type { PreparedVacancy, RankingContext } from './prepare.ts';

/** Offers this close (top against top) can be the same job. */
const WAGE_CLOSE = 0.3;

/**
 * Marks an agency's post (劳务派遣, 中介) as a re-post of a direct employer's job when the
 * same list holds a direct post of the same or a related trade (the taxonomy says how
 * close) in the same county, open, with an offer within 30 %: agencies re-advertise
 * factories' openings, usually with a higher headline figure and without the insurance.
 * Detected, never declared: ads do not say it. Marks in place; returns how many.
 */
export function markReposts(vacancies: readonly PreparedVacancy[], ctx: RankingContext): number {
  const { taxonomy } = ctx;
  const related = SIMILARITY.related;
  const direct = new Map<string, PreparedVacancy[]>();
  for (const v of vacancies) {
    v.repostOf = null;
    if (v.profile.employerKind === 'labor_agency' || v.trades.length === 0 || v.profile.status !== 'open') continue;
    const county = v.profile.regionCode.slice(0, 6);
    const list = direct.get(county) ?? [];
    list.push(v);
    direct.set(county, list);
  }
  let marked = 0;
  for (const v of vacancies) {
    if (v.profile.employerKind !== 'labor_agency' || v.trades.length === 0) continue;
    const same = (direct.get(v.profile.regionCode.slice(0, 6)) ?? []).find(
      (d) =>
        Math.abs(d.offeredMonthly - v.offeredMonthly) <= WAGE_CLOSE * Math.max(d.offeredMonthly, v.offeredMonthly) &&
        d.trades.some((a) => v.trades.some((b) => similarity(taxonomy, a, b) >= related)),
    );
    if (same) {
      v.repostOf = same.profile.id;
      marked++;
    }
  }
  return marked;
}

function similarity(taxonomy: RankingContext['taxonomy'], a: number, b: number): number {
  return taxonomy.similarityMatrix()[a * taxonomy.skills.length + b] ?? 0;
}
