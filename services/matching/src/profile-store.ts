import {
  type Match,
  markReposts,
  type PreparedVacancy,
  type RankingEngine,
  type SeekerProfile,
  type VacancyProfile,
} from '@duijie/ranking';
import { vacancyProfile } from '@duijie/ranking/rows';
import type { SearchQuery } from '@duijie/search';
import { CandidateLists } from './candidate-lists.ts';
import type { CandidateEmployer, CandidateVacancy } from './matcher.ts';
import { PackedRecords } from './packed-records.ts';
import { SharedValues } from './shared-values.ts';

export type VacancyWithEmployer = { vacancy: CandidateVacancy; employer: CandidateEmployer };

/** What a request may rank: an open vacancy of an employer not blacklisted (the index returns no other). */
const rankable = (r: VacancyWithEmployer) => r.vacancy.status === 'open' && !r.employer.blacklisted;

/** A seeker's page ranked over the kept profiles. */
export type MemoryRankRequest = {
  seeker: SeekerProfile;
  /** The candidate queries, answered from the lists; or the ids an index found. */
  candidates: { queries: readonly SearchQuery[] } | { ids: readonly string[] };
  /** The rows of candidates the store lacked, read by the caller after an answer named them. */
  extra?: readonly VacancyWithEmployer[];
  now: number;
  offset: number;
  /** One more than the page, to know whether another follows. */
  limit: number;
};

export type MemoryRanking =
  /** The lists cannot answer these queries (text, a fair, a livestream…): an index must. */
  | { kind: 'unanswered' }
  /** Candidates the store lacks: ask again with their rows as `extra`. */
  | { kind: 'missing'; ids: string[] }
  | {
      kind: 'ranked';
      ranked: Match[];
      /** The profile each match was ranked from, in the same order: the caller checks its page against the rows. */
      profiles: VacancyProfile[];
      considered: number;
      /** Every candidate ranked, for reading them all when the page turns out stale. */
      candidates: string[];
      /** Candidates ranked from `extra`, not from the store. */
      misses: number;
    };

/**
 * Every open vacancy's prepared ranking profile (packed into typed arrays) and the candidate
 * lists over them, in whichever thread holds it: the matching service's own (ProfileCache's
 * default) or a thread of its own (profile-thread.ts; services/matching/PROFILE-CACHE.md).
 * Fed rows; ranks requests.
 */
export class ProfileStore {
  readonly #shared = new SharedValues();
  /**
   * Packed into typed arrays, not kept as objects: a young collection then has a few thousand
   * chunks to pass over, not the ≈ 6,000 pages of a million object graphs (PROFILE-CACHE.md,
   * session 17). A request reads its candidates back, each a fresh copy.
   */
  readonly #profiles = new PackedRecords<PreparedVacancy>((s) => this.#shared.holds(s));
  /**
   * The few the packing refuses (a jsonb value with an own `__proto__` key written past the
   * API, a record larger than a chunk), kept as objects: one odd row must neither fail the
   * build nor stall the consumer, nor go unranked. A request ranks shallow copies of them.
   */
  readonly #unpacked = new Map<string, PreparedVacancy>();
  /** The same vacancies by region and by skill: a seeker's candidates without the index. */
  readonly #lists: CandidateLists;

  constructor(private readonly engine: RankingEngine) {
    this.#lists = new CandidateLists(engine.ctx.regions);
  }

  get size(): number {
    return this.#profiles.size + this.#unpacked.size;
  }

  /** The prepared profile, a copy read back from the packed store. */
  get(id: string): PreparedVacancy | undefined {
    const odd = this.#unpacked.get(id);
    return odd ? { ...odd } : this.#profiles.get(id);
  }

  /** The rows as they are now (an open vacancy is prepared and kept, any other dropped), and the ids that are gone. */
  put(rows: readonly VacancyWithEmployer[], gone: readonly string[] = []): void {
    for (const r of rows) {
      if (rankable(r)) {
        const prepared = this.#shared.vacancy(this.engine.prepareVacancy(vacancyProfile(r.vacancy, r.employer)));
        this.#keep(r.vacancy.id, prepared);
        this.#lists.put(prepared.profile);
      } else {
        this.#drop(r.vacancy.id);
      }
    }
    for (const id of gone) this.#drop(id);
  }

  #keep(id: string, prepared: PreparedVacancy): void {
    try {
      this.#profiles.set(id, prepared);
      this.#unpacked.delete(id);
    } catch {
      this.#profiles.delete(id);
      this.#unpacked.set(id, prepared);
    }
  }

  #drop(id: string): void {
    this.#unpacked.delete(id);
    this.#profiles.delete(id);
    this.#lists.delete(id);
  }

  /**
   * The candidates (the queries' hits, or the ids given) ranked from their kept profiles (read
   * back, copies of this request's own), a candidate the store lacks from `extra`. Re-posts are
   * marked over these candidates.
   */
  rank({ seeker, candidates, extra, now, offset, limit }: MemoryRankRequest): MemoryRanking {
    let ids: readonly string[];
    if ('queries' in candidates) {
      const found = new Set<string>();
      for (const query of candidates.queries) {
        const result = this.#lists.search(query);
        if (!result) return { kind: 'unanswered' };
        for (const hit of result.hits) found.add(hit.id);
      }
      ids = [...found];
    } else {
      ids = candidates.ids;
    }
    const kept = ids.map((id) => this.#profiles.locate(id));
    const missing = ids.filter((id, i) => kept[i] === undefined && !this.#unpacked.has(id));
    if (missing.length > 0 && !extra) return { kind: 'missing', ids: missing };
    const ranking = new Map<string, PreparedVacancy>();
    kept.forEach((at, i) => {
      const id = ids[i] as string;
      const odd = this.#unpacked.get(id);
      if (at !== undefined) ranking.set(id, this.#profiles.read(at));
      else if (odd) ranking.set(id, { ...odd });
    });
    let misses = 0;
    for (const r of extra ?? []) {
      if (ranking.has(r.vacancy.id)) continue;
      ranking.set(r.vacancy.id, this.engine.prepareVacancy(vacancyProfile(r.vacancy, r.employer)));
      misses++;
    }
    // The copies are this request's own: marked in place.
    const marked = [...ranking.values()];
    markReposts(marked, this.engine.ctx);
    const ranked = this.engine.rankPreparedVacancies(seeker, marked, { now: new Date(now), offset, limit });
    return {
      kind: 'ranked',
      ranked,
      profiles: ranked.map((m) => (ranking.get(m.vacancyId) as PreparedVacancy).profile),
      considered: ranking.size,
      candidates: [...ranking.keys()],
      misses,
    };
  }

  clear(): void {
    this.#profiles.clear();
    this.#unpacked.clear();
    this.#lists.clear();
    this.#shared.clear();
  }

  /** As ProfileThread answers. */
  async count(): Promise<number> {
    return this.size;
  }

  async peek(id: string): Promise<PreparedVacancy | undefined> {
    return this.get(id);
  }

  async close(): Promise<void> {
    this.clear();
  }
}
