import { setImmediate } from 'node:timers/promises';
import { type Database, employers, vacancies } from '@duijie/db';
import type { PreparedVacancy, RankingEngine } from '@duijie/ranking';
import { vacancyProfile } from '@duijie/ranking/rows';
import type { SearchQuery, SearchResult } from '@duijie/search';
import { asc, eq, gt, inArray, or } from 'drizzle-orm';
import { CandidateLists } from './candidate-lists.ts';
import type { Change, ChangeFeed } from './live/change-feed.ts';
import {
  type CandidateEmployer,
  type CandidateVacancy,
  candidateColumns,
  candidateEmployerColumns,
} from './matcher.ts';
import { SharedValues } from './shared-values.ts';

/** Vacancies read in one query while the cache is built or refreshed. */
const BATCH = 5000;

export type VacancyWithEmployer = { vacancy: CandidateVacancy; employer: CandidateEmployer };

/** What a request may rank: an open vacancy of an employer not blacklisted (the index returns no other). */
const rankable = (r: VacancyWithEmployer) => r.vacancy.status === 'open' && !r.employer.blacklisted;

/** The vacancies, and the employers (every vacancy of theirs), whose changes alter a ranking profile. */
export function profileChanges(changes: readonly Change[]) {
  const vacancyIds = new Set<string>();
  const employerIds = new Set<string>();
  for (const c of changes) {
    if (c.type.startsWith('vacancy.')) vacancyIds.add(c.aggregateId);
    else if (
      c.type === 'employer.blacklisted' ||
      c.type === 'employer.unblacklisted' ||
      c.type === 'employer.record_changed'
    ) {
      employerIds.add(c.payload.employerId);
    }
  }
  return { vacancyIds: [...vacancyIds], employerIds: [...employerIds] };
}

/**
 * Every open vacancy's ranking profile, prepared once and kept in memory, so a seeker's
 * request pays for the candidate queries and the engine only. Kept true by the embedded
 * index's outbox consumer (`apply`, after its transaction commits) and built from the table
 * at start. The consumer is shared by the service's instances (each event reaches one of
 * them), so each instance also follows the outbox as a change feed (`follow`) and re-reads
 * what another instance applied. Not the truth: a vacancy the cache lacks is read from the
 * database by the matcher, and the page a request shows is checked against the rows it loads
 * (see Matcher).
 */
export class ProfileCache {
  readonly #profiles = new Map<string, PreparedVacancy>();
  /** The same vacancies by region and by skill: a seeker's candidates without the index. */
  readonly #lists: CandidateLists;
  readonly #shared = new SharedValues();
  /** Ids the consumer applied while the build ran: its rows are as new as the build's, or newer. */
  #touched: Set<string> | null = null;
  #state: 'empty' | 'building' | 'ready' | 'failed' = 'empty';
  #stopping = false;
  #refreshing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: { db: Database; engine: RankingEngine }) {
    this.#lists = new CandidateLists(deps.engine.ctx.regions);
  }

  /** Whether the build has finished: until then requests are answered from the database. */
  get ready(): boolean {
    return this.#state === 'ready';
  }

  get state(): string {
    return this.#state;
  }

  get size(): number {
    return this.#profiles.size;
  }

  /** The prepared profile; shared: a request must not write into it (see Matcher's re-post marks). */
  get(id: string): PreparedVacancy | undefined {
    return this.#profiles.get(id);
  }

  /** A query's hits from memory, as the index would give them; null when only the index can answer it. */
  search(query: SearchQuery): SearchResult | null {
    return this.#lists.search(query);
  }

  /**
   * The consumer's rows of the vacancies an event touched, as they are now, and the ids that
   * are gone: an open vacancy is prepared and kept, any other dropped. Idempotent.
   */
  apply(rows: readonly VacancyWithEmployer[], gone: readonly string[] = []): void {
    for (const r of rows) this.#touched?.add(r.vacancy.id);
    for (const id of gone) this.#touched?.add(id);
    this.#put(rows);
    for (const id of gone) this.#drop(id);
  }

  #drop(id: string): void {
    this.#profiles.delete(id);
    this.#lists.delete(id);
  }

  #put(rows: readonly VacancyWithEmployer[]): void {
    for (const r of rows) {
      if (rankable(r)) {
        const prepared = this.#shared.vacancy(this.deps.engine.prepareVacancy(vacancyProfile(r.vacancy, r.employer)));
        this.#profiles.set(r.vacancy.id, prepared);
        this.#lists.put(prepared.profile);
      } else {
        this.#drop(r.vacancy.id);
      }
    }
  }

  /**
   * Reads every open vacancy, in batches by id with a turn of the event loop between them
   * (on PGlite the one connection is every service's), and becomes ready. A vacancy the
   * consumer applied meanwhile keeps the consumer's version.
   */
  async build(): Promise<number> {
    if (this.#state === 'building') throw new Error('profile cache: already building');
    this.#state = 'building';
    this.#touched = new Set();
    try {
      // As reindex walks: the vacancies by primary key, their employers from a map read once
      // (a join per batch made the planner scan the whole table for each of them).
      const owners = new Map<string, CandidateEmployer>(
        (await this.deps.db.select({ id: employers.id, ...candidateEmployerColumns }).from(employers)).map(
          ({ id, ...employer }) => [id, employer],
        ),
      );
      let after = '';
      for (;;) {
        if (this.#stopping) return this.#profiles.size;
        const rows = await this.deps.db
          .select(candidateColumns)
          .from(vacancies)
          // No filter on status: the primary key's order is the plan whatever the statistics say.
          .where(gt(vacancies.id, after))
          .orderBy(asc(vacancies.id))
          .limit(BATCH);
        const touched = this.#touched;
        this.#put(
          rows.flatMap((vacancy) => {
            const employer = owners.get(vacancy.employerId);
            return employer && !touched.has(vacancy.id) ? [{ vacancy, employer }] : [];
          }),
        );
        const last = rows.at(-1);
        if (!last) break;
        after = last.id;
        await setImmediate();
      }
      this.#state = 'ready';
      return this.#profiles.size;
    } catch (err) {
      this.#state = 'failed';
      throw err;
    } finally {
      this.#touched = null;
    }
  }

  /**
   * Re-reads, in the order the feed hands them over, the vacancies its changes name (and
   * every vacancy of the employers they name), and applies them. Returns the unsubscribe.
   */
  follow(feed: ChangeFeed, onError: (err: unknown) => void): () => void {
    return feed.subscribe((changes) => {
      const { vacancyIds, employerIds } = profileChanges(changes);
      if (vacancyIds.length + employerIds.length === 0) return;
      this.#refreshing = this.#refreshing.then(() => this.refresh(vacancyIds, employerIds)).catch(onError);
    });
  }

  /** Settles once every change the feed has handed over is applied. */
  get refreshed(): Promise<void> {
    return this.#refreshing;
  }

  /** The vacancies as they are now (a vacancy no longer there is dropped), and every vacancy of the employers. */
  async refresh(vacancyIds: readonly string[], employerIds: readonly string[] = []): Promise<void> {
    for (let i = 0; i < Math.max(vacancyIds.length, employerIds.length > 0 ? 1 : 0); i += BATCH) {
      const ids = vacancyIds.slice(i, i + BATCH);
      const owners = i === 0 ? employerIds : [];
      const rows = await this.deps.db
        .select({ vacancy: candidateColumns, employer: candidateEmployerColumns })
        .from(vacancies)
        .innerJoin(employers, eq(employers.id, vacancies.employerId))
        .where(
          or(
            ...(ids.length > 0 ? [inArray(vacancies.id, ids)] : []),
            ...(owners.length > 0 ? [inArray(vacancies.employerId, [...owners])] : []),
          ),
        );
      const found = new Set(rows.map((r) => r.vacancy.id));
      this.apply(
        rows,
        ids.filter((id) => !found.has(id)),
      );
    }
  }

  /** Ends a build in progress at its next batch. */
  stop(): void {
    this.#stopping = true;
  }

  /** Lets the profiles go (a closed app may stay referenced; its 1.5 GB a million need not). */
  clear(): void {
    this.#profiles.clear();
    this.#lists.clear();
    this.#shared.clear();
    this.#state = 'empty';
  }
}
