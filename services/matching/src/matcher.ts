import { isDeepStrictEqual } from 'node:util';
import { type Database, type EmployerRow, employers, type VacancyRow, vacancies } from '@duijie/db';
import { type Match, type PreparedVacancy, type RankingEngine, type SeekerProfile, withReposts } from '@duijie/ranking';
import { vacancyProfile } from '@duijie/ranking/rows';
import type { SearchQuery, SearchResult, VacancyFilters, VacancyIndex } from '@duijie/search';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { Lookups } from './index/sync.ts';
import type { ProfileCache } from './profile-cache.ts';
import type { MemoryRanking, MemoryRankRequest } from './profile-store.ts';

/** The id an ad-hoc demand's matches carry: it is no record. */
export const AD_HOC_SEEKER = `skr_${'0'.repeat(32)}`;

/** Candidates fetched per retrieval query: the engine ranks exactly what they bring. */
const SKILLED = 300;
const RECENT = 100;
/** Below the seeker's expectation by more than this, a vacancy is not a candidate. */
const WAGE_TOLERANCE = 0.7;

/** What ranking and a list of matches need of a vacancy: not its description, which can be long. */
export type CandidateVacancy = Omit<
  VacancyRow,
  'description' | 'address' | 'externalId' | 'tags' | 'createdAt' | 'updatedAt'
>;
export type CandidateEmployer = Pick<EmployerRow, 'kind' | 'blacklisted' | 'retention90'>;
/** What ranking needs of an employer: its kind, the blacklist, its record of placements that lasted. */
export const candidateEmployerColumns = {
  kind: employers.kind,
  blacklisted: employers.blacklisted,
  retention90: employers.retention90,
};
const { description, address, externalId, tags, createdAt, updatedAt, ...columns } = getTableColumns(vacancies);
/** The columns of `CandidateVacancy`. */
export const candidateColumns = columns;

type Page = { now: Date; offset: number; limit: number };

export type Narrowing = {
  regionCode?: string | undefined;
  occupation?: string | undefined;
  minWage?: number | undefined;
  fairId?: string | undefined;
  livestreamId?: string | undefined;
};

/**
 * `memory`: the candidates' profiles from the cache (misses read from the database) and the
 * page's rows read by id; `database`: every candidate's row read and prepared, because the
 * cache is not built or a row of the page had changed since the cache took it.
 */
export type RankedFrom = 'memory' | 'database';

type Row = { vacancy: CandidateVacancy; employer: CandidateEmployer };

export type Ranked = {
  matches: { vacancy: CandidateVacancy; match: Match }[];
  /** Vacancies the engine looked at. */
  considered: number;
  /** Ranked matches remain after this page. */
  more: boolean;
  /** The primary index failed and the embedded one answered. */
  degraded: boolean;
};

/**
 * Seeker → vacancies: the index brings candidates through filters derived from the demand
 * (the area the seeker accepts, a wage floor below their expectation, their skills and the
 * related ones, or simply the newest), and the ranking engine re-ranks them exactly, hard
 * constraints included.
 */
export class Matcher {
  /** Built once: drizzle's building of this query was ≈ 10 % of a request's time (profiled at 100,000). */
  #rows: { execute(params: { ids: string[] }): Promise<Row[]> } | undefined;

  constructor(
    private readonly deps: {
      db: Database;
      primary: VacancyIndex;
      fallback: VacancyIndex;
      engine: RankingEngine;
      lookups: Lookups;
      /** Open vacancies' prepared profiles in memory; without it (or while it builds) every candidate is read. */
      profiles?: ProfileCache;
      onDegraded?: (err: unknown) => void;
      /** Counts each request by how it was ranked (see RankedFrom). */
      onRanked?: (from: RankedFrom, misses: number) => void;
      /** Counts candidate queries by where they were answered. */
      onCandidates?: (from: 'memory' | 'index', queries: number) => void;
      /** The cache's thread failed a request: it was answered from the database. */
      onCacheFailed?: (err: unknown) => void;
    },
  ) {}

  /** Searches the primary index, or the embedded one when the primary fails. */
  async search(query: SearchQuery): Promise<SearchResult & { degraded: boolean }> {
    const { primary, fallback } = this.deps;
    try {
      return { ...(await primary.search(query)), degraded: false };
    } catch (err) {
      if (primary === fallback) throw err;
      this.deps.onDegraded?.(err);
      return { ...(await fallback.search(query)), degraded: true };
    }
  }

  /** The filters a seeker's demand implies, narrowed by what the caller asked. */
  filtersFor(seeker: SeekerProfile, narrowing: Narrowing = {}): VacancyFilters {
    const { regions } = this.deps.lookups;
    const levels = regions.levels(seeker.residenceRegionCode);
    const scope = seeker.demand.regionScope;
    const home =
      scope === 'anywhere' || scope === 'listed'
        ? undefined
        : scope === 'province'
          ? levels.province
          : scope === 'prefecture'
            ? (levels.prefecture ?? levels.province)
            : (levels.county ?? levels.prefecture);
    const area = home
      ? [home, ...seeker.demand.acceptedRegions]
      : scope === 'listed'
        ? seeker.demand.acceptedRegions
        : [];
    const expected = seeker.demand.expectedMonthlyWage;
    // Posts designed for people who cannot leave home or need support (公益岗位, 社区工厂, 帮扶车间)
    // pay a subsidy, well below what others expect: for them no wage floor drops a candidate.
    const supported = seeker.demand.cannotLeaveHome || seeker.priorityGroups.length > 0;
    const floor = Math.max(expected && !supported ? Math.floor(expected * WAGE_TOLERANCE) : 0, narrowing.minWage ?? 0);
    return {
      ...(narrowing.regionCode
        ? { regionCodes: [narrowing.regionCode] }
        : area.length > 0
          ? { regionCodes: area }
          : {}),
      ...(floor > 0 ? { wageAtLeast: floor } : {}),
      ...(narrowing.occupation ? { occupationCodes: [narrowing.occupation] } : {}),
      ...(narrowing.fairId ? { fairId: narrowing.fairId } : {}),
      ...(narrowing.livestreamId ? { livestreamId: narrowing.livestreamId } : {}),
    };
  }

  /**
   * One page of the seeker's ranked matches: `offset` into the whole ranked list, `limit`
   * long. Every candidate is scored on each page (scoring is cheap; the order is total, ties
   * broken by id, so pages neither repeat nor skip), only the page is explained.
   */
  async vacanciesFor(
    seeker: SeekerProfile,
    narrowing: Narrowing = {},
    now = new Date(),
    { offset = 0, limit = 20 }: { offset?: number; limit?: number } = {},
  ): Promise<Ranked> {
    const filters = this.filtersFor(seeker, narrowing);
    const skillCodes = this.skillNeighbourhood(seeker);
    // A seeker who will go anywhere still finds skilled work nearest home first: a common
    // trade over the whole country is hundreds of thousands of rows, and distance counts.
    const province = this.deps.lookups.regions.levels(seeker.residenceRegionCode).province;
    const skilledFilters = filters.regionCodes || !province ? filters : { ...filters, regionCodes: [province] };
    const queries: SearchQuery[] = [
      ...(skillCodes.length > 0
        ? [{ filters: { ...skilledFilters, skillCodes }, limit: SKILLED, order: 'any' as const }]
        : []),
      { filters, limit: RECENT },
    ];
    const page = { now, offset, limit };
    const { profiles } = this.deps;
    // Candidates from the profile cache's lists once it is built (a seeker's filters need no
    // index: see CandidateLists), ranked where the profiles are kept.
    if (profiles?.ready) {
      const memory = await this.fromMemory(seeker, { queries }, profiles, page);
      if (memory) {
        this.deps.onCandidates?.('memory', queries.length);
        const ranked = 'stale' in memory ? await this.fromDatabase(seeker, memory.stale, page) : memory;
        return { ...ranked, degraded: false };
      }
    }
    this.deps.onCandidates?.('index', queries.length);
    const found = await Promise.all(queries.map((q) => this.search(q)));
    const ids = [...new Set(found.flatMap((r) => r.hits.map((h) => h.id)))];
    const memory = profiles?.ready ? await this.fromMemory(seeker, { ids }, profiles, page) : null;
    const ranked = memory && !('stale' in memory) ? memory : await this.fromDatabase(seeker, ids, page);
    return { ...ranked, degraded: found.some((r) => r.degraded) };
  }

  /**
   * Ranks the candidates where the cache keeps their profiles (a miss read from the database
   * and sent along), then reads the page's rows by id, `limit + 1` of them. Null when the
   * lists cannot answer the queries or the cache's thread failed: the caller asks the index.
   * `stale`, with the candidates, when a row of the page is not what the cache holds (changed
   * since, its event not yet applied): the caller reads every candidate.
   */
  private async fromMemory(
    seeker: SeekerProfile,
    candidates: MemoryRankRequest['candidates'],
    cache: ProfileCache,
    { now, offset, limit }: Page,
  ): Promise<Omit<Ranked, 'degraded'> | { stale: string[] } | null> {
    const request = { seeker, candidates, now: now.getTime(), offset, limit: limit + 1 };
    const rows = new Map<string, Row>();
    let ranking: MemoryRanking;
    try {
      ranking = await cache.rank(request);
      if (ranking.kind === 'missing') {
        const extra = await this.vacancyRows(ranking.ids);
        for (const r of extra) rows.set(r.vacancy.id, r);
        ranking = await cache.rank({ ...request, extra });
      }
    } catch (err) {
      this.deps.onCacheFailed?.(err);
      return null;
    }
    if (ranking.kind !== 'ranked') return null;
    const { ranked, profiles } = ranking;
    const unread = ranked.map((m) => m.vacancyId).filter((id) => !rows.has(id));
    for (const r of await this.vacancyRows(unread)) rows.set(r.vacancy.id, r);
    // A page shows the rows as they are: one that is not what was ranked sends the request
    // down the database path (its event is on its way to the consumer).
    const stale = ranked.some((m, i) => {
      const row = rows.get(m.vacancyId);
      return !row || !isDeepStrictEqual(vacancyProfile(row.vacancy, row.employer), profiles[i]);
    });
    if (stale) return { stale: ranking.candidates };
    this.deps.onRanked?.('memory', ranking.misses);
    return this.page(ranked, rows, ranking.considered, limit);
  }

  /** Every candidate's row read and prepared for this request: the path without a cache. */
  private async fromDatabase(seeker: SeekerProfile, ids: readonly string[], page: Page) {
    const rows = await this.vacancyRows(ids);
    const prepared = rows.map((r) => this.deps.engine.prepareVacancy(vacancyProfile(r.vacancy, r.employer)));
    this.deps.onRanked?.('database', 0);
    return this.page(
      this.rank(seeker, prepared, page),
      new Map(rows.map((r) => [r.vacancy.id, r])),
      rows.length,
      page.limit,
    );
  }

  /**
   * The engine over prepared candidates, one more than the page (to know whether another
   * follows). Re-posts are marked over these candidates, on copies of the few marked: the
   * cached profiles are shared by every request.
   */
  private rank(seeker: SeekerProfile, prepared: readonly PreparedVacancy[], { now, offset, limit }: Page) {
    const marked = withReposts(prepared, this.deps.engine.ctx);
    return this.deps.engine.rankPreparedVacancies(seeker, marked, { now, offset, limit: limit + 1 });
  }

  private page(ranked: Match[], rows: ReadonlyMap<string, Row>, considered: number, limit: number) {
    return {
      more: ranked.length > limit,
      matches: ranked.slice(0, limit).flatMap((match) => {
        const row = rows.get(match.vacancyId);
        return row ? [{ vacancy: row.vacancy, match }] : [];
      }),
      considered,
    };
  }

  /** The seeker's skill codes and the trades the taxonomy relates to them. */
  private skillNeighbourhood(seeker: SeekerProfile): string[] {
    const { taxonomy } = this.deps.lookups;
    const codes = seeker.skills.map((s) => s.code).filter((c): c is string => Boolean(c));
    return [...new Set(codes.flatMap((c) => [c, ...(taxonomy.skill(c)?.related ?? [])]))];
  }

  async vacancyRows(ids: readonly string[]): Promise<Row[]> {
    if (ids.length === 0) return [];
    this.#rows ??= this.deps.db
      .select({ vacancy: candidateColumns, employer: candidateEmployerColumns })
      .from(vacancies)
      .innerJoin(employers, eq(employers.id, vacancies.employerId))
      .where(sql`${vacancies.id} = any(${sql.placeholder('ids')})`)
      .prepare('matching_vacancy_rows');
    return this.#rows.execute({ ids: [...ids] });
  }
}
