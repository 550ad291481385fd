import {
  type Database,
  employers,
  fairBooths,
  fairCheckins,
  fairVacancies,
  type SeekerRow,
  seekers,
  vacancies,
} from '@duijie/db';
import { markReposts, type PreparedSeeker, type PreparedVacancy, type RankingEngine } from '@duijie/ranking';
import { seekerProfile, vacancyProfile } from '@duijie/ranking/rows';
import { and, eq, inArray } from 'drizzle-orm';
import type { Lookups } from '../index/sync.ts';
import type { Change, ChangeFeed } from '../live/change-feed.ts';
import {
  type CandidateEmployer,
  type CandidateVacancy,
  candidateColumns,
  candidateEmployerColumns,
} from '../matcher.ts';

/** Seekers a vacancy is recommended to on arrival, per open place, before it is passed over. */
export const PER_POST = 3;

export type FairVacancy = {
  vacancy: CandidateVacancy;
  employer: CandidateEmployer;
  booth: string;
  prepared: PreparedVacancy;
};
export type FairSeeker = { row: SeekerRow; prepared: PreparedSeeker };

/**
 * A fair's two lists held in memory while it runs: its vacancies (prepared for the engine
 * once, not per check-in) and its checked-in seekers, with how often each vacancy has been
 * recommended on arrival. Kept true by the change feed: only what changed is read again.
 */
export class FairSupply {
  readonly vacancies = new Map<string, FairVacancy>();
  readonly seekers = new Map<string, FairSeeker>();
  readonly recommended = new Map<string, number>();
  readonly staleVacancies = new Set<string>();
  readonly staleSeekers = new Set<string>();
  refreshing: Promise<void> | null = null;
  #prepared: PreparedVacancy[] | null = null;

  constructor(
    readonly fairId: string,
    /** The feed position the lists were read at: recommendations counted before it are in them. */
    readonly loadedAt: number,
  ) {}

  get preparedVacancies(): readonly PreparedVacancy[] {
    this.#prepared ??= [...this.vacancies.values()].map((v) => v.prepared);
    return this.#prepared;
  }

  setVacancy(id: string, entry: FairVacancy | undefined) {
    if (entry) this.vacancies.set(id, entry);
    else this.vacancies.delete(id);
    this.#prepared = null;
  }

  openPlaces(vacancyId: string): number {
    const v = this.vacancies.get(vacancyId)?.vacancy;
    return v ? Math.max(0, v.headcount - v.filledCount) : 0;
  }

  /** Whether a vacancy can still be recommended to someone arriving, so a popular booth is not sent everyone. */
  hasRoom(vacancyId: string): boolean {
    return (this.recommended.get(vacancyId) ?? 0) < this.openPlaces(vacancyId) * PER_POST;
  }

  countRecommended(ids: readonly string[]) {
    for (const id of ids) this.recommended.set(id, (this.recommended.get(id) ?? 0) + 1);
  }
}

/** The fairs this process serves, each loaded on first use and refreshed from the change feed. */
export class FairSupplies {
  readonly #loading = new Map<string, Promise<FairSupply>>();
  readonly #loaded = new Map<string, FairSupply>();

  constructor(private readonly deps: { db: Database; engine: RankingEngine; feed: ChangeFeed; lookups: Lookups }) {
    deps.feed.subscribe((changes) => this.#apply(changes));
  }

  async get(fairId: string): Promise<FairSupply> {
    await this.deps.feed.poll();
    let loading = this.#loading.get(fairId);
    if (!loading) {
      loading = this.#load(fairId);
      this.#loading.set(fairId, loading);
      loading.catch(() => this.#loading.delete(fairId));
    }
    const supply = await loading;
    while (supply.staleVacancies.size > 0 || supply.staleSeekers.size > 0 || supply.refreshing) {
      supply.refreshing ??= this.#refresh(supply).finally(() => {
        supply.refreshing = null;
      });
      await supply.refreshing;
    }
    return supply;
  }

  /**
   * A seeker checked in at the fair, read from the database when the change feed has not
   * brought them yet: a slip or an intent right after the check-in must not be a 404.
   */
  async checkedIn(supply: FairSupply, seekerId: string): Promise<FairSeeker | undefined> {
    const held = supply.seekers.get(seekerId);
    if (held) return held;
    const [found] = await this.deps.db
      .select({ seeker: seekers })
      .from(fairCheckins)
      .innerJoin(seekers, eq(seekers.id, fairCheckins.seekerId))
      .where(and(eq(fairCheckins.fairId, supply.fairId), eq(fairCheckins.seekerId, seekerId)));
    if (!found) return undefined;
    const seeker = this.#seeker(found.seeker);
    supply.seekers.set(seekerId, seeker);
    return seeker;
  }

  async #load(fairId: string): Promise<FairSupply> {
    const supply = new FairSupply(fairId, await this.deps.feed.position());
    for (const entry of await this.#vacancies(fairId)) supply.setVacancy(entry.vacancy.id, entry);
    this.#markReposts(supply);
    const checkins = await this.deps.db
      .select({ seeker: seekers, recommended: fairCheckins.recommended })
      .from(fairCheckins)
      .innerJoin(seekers, eq(seekers.id, fairCheckins.seekerId))
      .where(eq(fairCheckins.fairId, fairId));
    for (const c of checkins) {
      supply.seekers.set(c.seeker.id, this.#seeker(c.seeker));
      supply.countRecommended(c.recommended);
    }
    this.#loaded.set(fairId, supply);
    return supply;
  }

  async #vacancies(fairId: string, ids?: readonly string[]): Promise<FairVacancy[]> {
    const rows = await this.deps.db
      .select({
        vacancy: candidateColumns,
        employer: candidateEmployerColumns,
        booth: fairBooths.booth,
      })
      .from(fairVacancies)
      .innerJoin(
        fairBooths,
        and(eq(fairBooths.fairId, fairVacancies.fairId), eq(fairBooths.employerId, fairVacancies.employerId)),
      )
      .innerJoin(vacancies, eq(vacancies.id, fairVacancies.vacancyId))
      .innerJoin(employers, eq(employers.id, vacancies.employerId))
      .where(and(eq(fairVacancies.fairId, fairId), ids ? inArray(fairVacancies.vacancyId, [...ids]) : undefined));
    return rows.map((r) => ({
      ...r,
      prepared: this.deps.engine.prepareVacancy(vacancyProfile(r.vacancy, r.employer)),
    }));
  }

  /** An agency's re-post of a job a direct employer at the same fair offers ranks below it. */
  #markReposts(supply: FairSupply) {
    markReposts(
      [...supply.vacancies.values()].map((v) => v.prepared),
      this.deps.engine.ctx,
    );
  }

  #seeker(row: SeekerRow): FairSeeker {
    return { row, prepared: this.deps.engine.prepareSeeker(seekerProfile(row, this.deps.lookups.regions)) };
  }

  async #refresh(supply: FairSupply) {
    const vacancyIds = [...supply.staleVacancies];
    const seekerIds = [...supply.staleSeekers];
    supply.staleVacancies.clear();
    supply.staleSeekers.clear();
    if (vacancyIds.length > 0) {
      const fresh = new Map((await this.#vacancies(supply.fairId, vacancyIds)).map((e) => [e.vacancy.id, e]));
      for (const id of vacancyIds) supply.setVacancy(id, fresh.get(id));
      this.#markReposts(supply);
    }
    if (seekerIds.length > 0) {
      const rows = await this.deps.db.select().from(seekers).where(inArray(seekers.id, seekerIds));
      for (const row of rows) supply.seekers.set(row.id, this.#seeker(row));
    }
  }

  #apply(changes: readonly Change[]) {
    for (const supply of this.#loaded.values()) {
      for (const change of changes) {
        const { aggregateType, aggregateId } = change;
        if (aggregateType === 'vacancy' && supply.vacancies.has(aggregateId)) supply.staleVacancies.add(aggregateId);
        else if (aggregateType === 'employer') {
          for (const v of supply.vacancies.values()) {
            if (v.vacancy.employerId === aggregateId) supply.staleVacancies.add(v.vacancy.id);
          }
        } else if (aggregateType === 'seeker' && supply.seekers.has(aggregateId)) supply.staleSeekers.add(aggregateId);
        else if (aggregateType === 'fair' && aggregateId === supply.fairId) {
          if (change.type === 'fair.booth_joined') {
            for (const id of change.payload.vacancyIds) supply.staleVacancies.add(id);
          } else if (change.type === 'fair.checked_in') {
            supply.staleSeekers.add(change.payload.seekerId);
            if (change.seq > supply.loadedAt) supply.countRecommended(change.payload.recommended);
          }
        }
      }
    }
  }
}
