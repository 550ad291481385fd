import { setImmediate } from 'node:timers/promises';
import { type Database, employers, vacancies } from '@duijie/db';
import type { PreparedVacancy, RankingEngine } from '@duijie/ranking';
import { vacancyProfile } from '@duijie/ranking/rows';
import { and, asc, eq, gt } from 'drizzle-orm';
import {
  type CandidateEmployer,
  type CandidateVacancy,
  candidateColumns,
  candidateEmployerColumns,
} from './matcher.ts';

/** Vacancies read in one query while the cache is built. */
const BUILD_BATCH = 5000;

export type VacancyWithEmployer = { vacancy: CandidateVacancy; employer: CandidateEmployer };

/** What a request may rank: an open vacancy of an employer not blacklisted (the index returns no other). */
const rankable = (r: VacancyWithEmployer) => r.vacancy.status === 'open' && !r.employer.blacklisted;

/**
 * Every open vacancy's ranking profile, prepared once and kept in memory, so a seeker's
 * request pays for the candidate queries and the engine only. Kept true by the embedded
 * index's outbox consumer (`apply`, after its transaction commits) and built from the table
 * at start. Not the truth: a vacancy the cache lacks is read from the database by the matcher,
 * and the page a request shows is checked against the rows it loads (see Matcher).
 */
export class ProfileCache {
  readonly #profiles = new Map<string, PreparedVacancy>();
  /** Ids the consumer applied while the build ran: its rows are as new as the build's, or newer. */
  #touched: Set<string> | null = null;
  #state: 'empty' | 'building' | 'ready' | 'failed' = 'empty';
  #stopping = false;

  constructor(private readonly deps: { db: Database; engine: RankingEngine }) {}

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

  /**
   * The consumer's rows of the vacancies an event touched, as they are now, and the ids that
   * are gone: an open vacancy is prepared and kept, any other dropped. Idempotent.
   */
  apply(rows: readonly VacancyWithEmployer[], gone: readonly string[] = []): void {
    for (const r of rows) this.#touched?.add(r.vacancy.id);
    for (const id of gone) this.#touched?.add(id);
    this.#put(rows);
    for (const id of gone) this.#profiles.delete(id);
  }

  #put(rows: readonly VacancyWithEmployer[]): void {
    for (const r of rows) {
      if (rankable(r)) {
        this.#profiles.set(r.vacancy.id, this.deps.engine.prepareVacancy(vacancyProfile(r.vacancy, r.employer)));
      } else {
        this.#profiles.delete(r.vacancy.id);
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
      let after = '';
      for (;;) {
        if (this.#stopping) return this.#profiles.size;
        const rows = await this.deps.db
          .select({ vacancy: candidateColumns, employer: candidateEmployerColumns })
          .from(vacancies)
          .innerJoin(employers, eq(employers.id, vacancies.employerId))
          .where(and(gt(vacancies.id, after), eq(vacancies.status, 'open'), eq(employers.blacklisted, false)))
          .orderBy(asc(vacancies.id))
          .limit(BUILD_BATCH);
        const touched = this.#touched;
        this.#put(rows.filter((r) => !touched.has(r.vacancy.id)));
        const last = rows.at(-1);
        if (!last) break;
        after = last.vacancy.id;
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

  /** Ends a build in progress at its next batch. */
  stop(): void {
    this.#stopping = true;
  }
}
