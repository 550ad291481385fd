import type { Ranked } from './top-k.ts';

export type AssignmentOptions = {
  /** Recommendations each seeker gets at most. */
  perSeeker?: number;
  /**
   * Recommendations per open post: more than one, because not everyone recommended comes
   * to the booth, but few enough that a popular opening does not swallow the fair.
   */
  perPost?: number;
};

export type Assignment = {
  /** Each seeker's recommended vacancies, best first. */
  bySeeker: Map<string, Ranked[]>;
  /** Each vacancy's recommended seekers, best first. */
  byVacancy: Map<string, Ranked[]>;
};

/**
 * Capacity-aware recommendations by deferred acceptance (Gale–Shapley, seekers proposing,
 * many-to-many with quotas): each seeker proposes down their own ranked list; a vacancy
 * holds the best proposals up to its capacity (open posts × perPost) and lets the weakest
 * go when a better one comes. The result is stable: no seeker and vacancy would both rather
 * have each other than what they were given, and no seeker gains by misreporting. Chosen
 * over min-cost flow, which maximises the total score but may leave a seeker who fits a job
 * best without it so that two weaker pairs add up to more.
 */
export function assignRecommendations(
  candidates: ReadonlyMap<string, readonly Ranked[]>,
  openPosts: ReadonlyMap<string, number>,
  options: AssignmentOptions = {},
): Assignment {
  const perSeeker = options.perSeeker ?? 3;
  const perPost = options.perPost ?? 2;
  const capacity = (vacancyId: string) => Math.max(0, Math.floor((openPosts.get(vacancyId) ?? 0) * perPost));
  const held = new Map<string, Ranked[]>(); // vacancy → seekers held, worst last
  const holding = new Map<string, Set<string>>(); // seeker → vacancies holding them
  const next = new Map<string, number>(); // seeker → position of their next proposal
  const queue = [...candidates.keys()];

  while (queue.length > 0) {
    const seekerId = queue.pop() as string;
    const list = candidates.get(seekerId) ?? [];
    const mine = holding.get(seekerId) ?? new Set<string>();
    holding.set(seekerId, mine);
    let position = next.get(seekerId) ?? 0;
    while (mine.size < perSeeker && position < list.length) {
      const proposal = list[position++] as Ranked;
      const room = capacity(proposal.id);
      if (room === 0) continue;
      const heldHere = held.get(proposal.id) ?? [];
      held.set(proposal.id, heldHere);
      const entry = { id: seekerId, score: proposal.score };
      if (heldHere.length < room) {
        insertByScore(heldHere, entry);
        mine.add(proposal.id);
        continue;
      }
      const worst = heldHere[heldHere.length - 1] as Ranked;
      if (better(entry, worst)) {
        heldHere.pop();
        insertByScore(heldHere, entry);
        mine.add(proposal.id);
        holding.get(worst.id)?.delete(proposal.id);
        queue.push(worst.id);
      }
    }
    next.set(seekerId, position);
  }

  const bySeeker = new Map<string, Ranked[]>();
  for (const [seekerId, list] of candidates) {
    const mine = holding.get(seekerId) ?? new Set();
    bySeeker.set(
      seekerId,
      list.filter((r) => mine.has(r.id)),
    );
  }
  const byVacancy = new Map([...held].filter(([, list]) => list.length > 0));
  return { bySeeker, byVacancy };
}

const better = (a: Ranked, b: Ranked) => a.score > b.score || (a.score === b.score && a.id < b.id);

function insertByScore(list: Ranked[], entry: Ranked) {
  let i = list.length;
  while (i > 0 && better(entry, list[i - 1] as Ranked)) i--;
  list.splice(i, 0, entry);
}
