import type { FairAssignment, FairCandidates } from '@duijie/contracts';
import type { FairRow, SeekerRow } from '@duijie/db';
import { assignRecommendations, type Match, rankFair } from '@duijie/ranking';
import type { Caller } from '@duijie/service-kit';
import type { z } from 'zod';
import { errors } from '../errors.ts';
import { candidateSummary } from '../views.ts';
import { actsAtFair } from './access.ts';
import type { FairDeps } from './deps.ts';

/**
 * An employer's live list: the checked-in seekers ranked for its vacancies at the fair, each
 * seeker once with the vacancy they fit best. With an API key, the key's employer; the fair's
 * staff name one. Names and contacts masked as the caller must see them.
 */
export async function employerCandidates(
  deps: FairDeps,
  fair: FairRow,
  caller: Caller,
  query: { employerId?: string | undefined; limit: number },
): Promise<z.infer<typeof FairCandidates>> {
  const { limit } = query;
  const employerId = query.employerId ?? (caller.kind === 'employer' ? caller.employerId : undefined);
  if (!employerId) throw errors.employerIdRequired();
  actsAtFair(caller, fair, employerId);
  const { engine } = deps;
  const supply = await deps.supplies.get(fair.id);
  const now = deps.clock();
  const seekersHere = [...supply.seekers.values()];
  const best = new Map<string, { vacancyId: string; match: Match }>();
  for (const v of supply.vacancies.values()) {
    if (v.vacancy.employerId !== employerId) continue;
    const ranked = engine.rankPreparedSeekers(
      v.prepared,
      seekersHere.map((s) => s.prepared),
      { now, limit },
    );
    for (const match of ranked) {
      const held = best.get(match.seekerId);
      if (!held || match.score > held.match.score) best.set(match.seekerId, { vacancyId: v.vacancy.id, match });
    }
  }
  const items = [...best.values()]
    .sort((a, b) => b.match.score - a.match.score || a.match.seekerId.localeCompare(b.match.seekerId))
    .slice(0, limit)
    .map(({ vacancyId, match }) => ({
      seeker: candidateSummary((supply.seekers.get(match.seekerId) as { row: SeekerRow }).row, caller, now),
      vacancyId,
      match,
    }));
  return { employerId, items, considered: seekersHere.length };
}

/**
 * Recommendations for the whole fair: every checked-in seeker against every vacancy (exact
 * top-k), then deferred acceptance within each vacancy's open places × `perPost`.
 */
export async function fairAssignment(
  deps: FairDeps,
  fair: FairRow,
  request: { perSeeker: number; perPost: number },
): Promise<z.infer<typeof FairAssignment>> {
  const { perSeeker, perPost } = request;
  const supply = await deps.supplies.get(fair.id);
  const ranking = rankFair(
    deps.engine,
    [...supply.seekers.values()].map((s) => s.prepared),
    supply.preparedVacancies,
    { k: Math.max(10, perSeeker * 3), now: deps.clock().getTime() },
  );
  const openPosts = new Map([...supply.vacancies.keys()].map((id) => [id, supply.openPlaces(id)]));
  const assignment = assignRecommendations(ranking.forSeeker, openPosts, { perSeeker, perPost });
  return {
    perSeeker,
    perPost,
    seekers: assignment.bySeeker.size,
    vacancies: [...assignment.byVacancy.entries()]
      .filter(([, held]) => held.length > 0)
      .map(([vacancyId, held]) => ({
        vacancyId,
        openPlaces: supply.openPlaces(vacancyId),
        capacity: supply.openPlaces(vacancyId) * perPost,
        seekers: held.map((h) => ({ seekerId: h.id, score: h.score })),
      })),
  };
}
