import { setImmediate } from 'node:timers/promises';
import { type Database, employers, vacancies } from '@duijie/db';
import type { PreparedVacancy, RankingEngine } from '@duijie/ranking';
import { asc, eq, gt, inArray, or } from 'drizzle-orm';
import type { Change, ChangeFeed } from './live/change-feed.ts';
import { type CandidateEmployer, candidateColumns, candidateEmployerColumns } from './matcher.ts';
import { type MemoryRanking, type MemoryRankRequest, ProfileStore, type VacancyWithEmployer } from './profile-store.ts';
import { ProfileThread } from './profile-thread.ts';

/** Vacancies read in one query while the cache is built or refreshed. */
const BATCH = 5000;

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
  /** The profiles and lists: in this thread's heap, or in a thread of their own. */
  #store: ProfileStore | ProfileThread;
  /** The build running or last run: a thread that dies is replaced once it has ended. */
  #building: Promise<number> = Promise.resolve(0);
  /** Vacancies held, as the thread last said (in this thread, the store's own count). */
  #held = 0;
  /** Ids the consumer applied while the build ran: its rows are as new as the build's, or newer. */
  #touched: Set<string> | null = null;
  #state: 'empty' | 'building' | 'ready' | 'failed' = 'empty';
  #stopping = false;
  #refreshing: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      db: Database;
      engine: RankingEngine;
      /** Keep the profiles in a worker thread's heap (ProfileThread), not this one's. */
      thread?: boolean;
      /** The thread died (the error) and is being replaced; or the replacement's build failed. */
      onThreadFailed?: (err: Error) => void;
    },
  ) {
    this.#store = this.#newStore();
  }

  #newStore(): ProfileStore | ProfileThread {
    if (!this.deps.thread) return new ProfileStore(this.deps.engine);
    const thread: ProfileThread = new ProfileThread((err) => this.#replace(thread, err));
    return thread;
  }

  /**
   * A thread that died (out of memory, a bug) is replaced by a new one, built from the table
   * as at a start; meanwhile requests are answered from the database.
   */
  #replace(dead: ProfileThread, err: Error): void {
    if (this.#stopping || this.#store !== dead) return;
    this.deps.onThreadFailed?.(err);
    this.#store = this.#newStore();
    this.#state = 'empty';
    this.#building = this.#building
      .catch(() => 0)
      .then(() => (this.#stopping ? 0 : this.build()))
      .catch((failed: Error) => {
        this.deps.onThreadFailed?.(failed);
        return 0;
      });
  }

  /** Whether the build has finished: until then requests are answered from the database. */
  get ready(): boolean {
    return this.#state === 'ready' && !(this.#store instanceof ProfileThread && this.#store.failed);
  }

  get state(): string {
    return this.#state;
  }

  get size(): number {
    return this.#store instanceof ProfileStore ? this.#store.size : this.#held;
  }

  /** Where the profiles are kept: `this thread` or `a thread of its own`. */
  get where(): string {
    return this.#store instanceof ProfileStore ? 'this thread' : 'a thread of its own';
  }

  /** The prepared profile when kept in this thread: a copy, read back from the packed store. */
  get(id: string): PreparedVacancy | undefined {
    return this.#store instanceof ProfileStore ? this.#store.get(id) : undefined;
  }

  /** The kept profile, wherever it is kept (from a thread, a copy): after every change applied before. */
  peek(id: string): Promise<PreparedVacancy | undefined> {
    return this.#store.peek(id);
  }

  /** How many vacancies are kept, after every change applied before. */
  count(): Promise<number> {
    return this.#store.count();
  }

  /** A seeker's page ranked over the kept profiles (see ProfileStore.rank). */
  async rank(request: MemoryRankRequest): Promise<MemoryRanking> {
    return this.#store.rank(request);
  }

  /**
   * The consumer's rows of the vacancies an event touched, as they are now, and the ids that
   * are gone: an open vacancy is prepared and kept, any other dropped. Idempotent.
   */
  apply(rows: readonly VacancyWithEmployer[], gone: readonly string[] = []): void {
    for (const r of rows) this.#touched?.add(r.vacancy.id);
    for (const id of gone) this.#touched?.add(id);
    this.#store.put(rows, gone);
  }

  /**
   * Reads every open vacancy, in batches by id with a turn of the event loop between them
   * (on PGlite the one connection is every service's), and becomes ready. A vacancy the
   * consumer applied meanwhile keeps the consumer's version.
   */
  build(): Promise<number> {
    if (this.#state === 'building') throw new Error('profile cache: already building');
    this.#building = this.#build();
    return this.#building;
  }

  async #build(): Promise<number> {
    this.#state = 'building';
    this.#touched = new Set();
    const store = this.#store;
    // The thread died during the build: its replacement builds again.
    const replaced = () => store !== this.#store;
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
        if (this.#stopping) return this.size;
        if (replaced()) throw new Error('profile cache: its thread died during the build');
        const rows = await this.deps.db
          .select(candidateColumns)
          .from(vacancies)
          // No filter on status: the primary key's order is the plan whatever the statistics say.
          .where(gt(vacancies.id, after))
          .orderBy(asc(vacancies.id))
          .limit(BATCH);
        const touched = this.#touched;
        store.put(
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
      const held = await store.count();
      if (replaced()) throw new Error('profile cache: its thread died during the build');
      this.#held = held;
      this.#state = 'ready';
      return held;
    } catch (err) {
      if (!replaced()) this.#state = 'failed';
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

  /** Lets the profiles go (a closed app may stay referenced; its 1.5 GB a million need not), and their thread. */
  async clear(): Promise<void> {
    this.#stopping = true;
    this.#state = 'empty';
    this.#held = 0;
    await this.#store.close();
  }
}
