import {
  type Database,
  employers,
  type LivestreamRow,
  livestreams,
  livestreamVacancies,
  livestreamViewers,
  vacancies,
} from '@duijie/db';
import {
  type AudiencePick,
  AudienceScores,
  type PreparedVacancy,
  type RankingEngine,
  rankForAudience,
} from '@duijie/ranking';
import { vacancyProfile } from '@duijie/ranking/rows';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Lookups } from '../index/sync.ts';
import type { Change, ChangeFeed } from '../live/change-feed.ts';
import {
  type CandidateEmployer,
  type CandidateVacancy,
  candidateColumns,
  candidateEmployerColumns,
} from '../matcher.ts';
import { Audience } from './audience.ts';

/** New viewers change the lineup at most this often; vacancies and the host's controls at once. */
const AUDIENCE_REFRESH_MS = 1000;
/** Viewers read again behind the last one seen: ids are taken at insert, rows seen at commit. */
const VIEWER_WINDOW = 100;

export type SessionVacancy = { vacancy: CandidateVacancy; employer: CandidateEmployer; prepared: PreparedVacancy };

export type LineupEntry = { vacancyId: string; pinned: boolean; interest: number; reach: number };

/**
 * A livestream as its consoles poll it: the session, its vacancies prepared once, its
 * audience counted as viewers register, and the lineup computed from them — again only when
 * something it depends on changed. `version` names the lineup for ETags.
 */
export class LivestreamSession {
  readonly vacancies = new Map<string, SessionVacancy>();
  readonly staleVacancies = new Set<string>();
  readonly audience: Audience;
  stale = false;
  viewerSeq = 0;
  lineup: LineupEntry[] = [];
  basis: 'viewers' | 'target' = 'target';
  /** Viewers the lineup was computed for. */
  viewersCounted = 0;
  version = 0;
  computedAt = 0;
  #lineupInputs = '';
  readonly #scores = new AudienceScores();
  refreshing: Promise<void> | null = null;
  readingViewers: Promise<void> | null = null;
  audienceReadAt = 0;

  constructor(
    public row: LivestreamRow,
    private readonly lookups: Lookups,
  ) {
    this.audience = new Audience(lookups);
  }

  /** Works the lineup out again if what it depends on changed (new viewers: at most once a second). */
  recompute(engine: RankingEngine, now: Date) {
    const vacanciesKey = [...this.vacancies.values()].map((v) => `${v.vacancy.id}:${v.vacancy.version}`).join(',');
    const sessionKey = `${this.row.version}|${this.row.pinnedVacancyIds.join(',')}|${vacanciesKey}`;
    const inputs = `${sessionKey}|${this.audience.version}`;
    if (inputs === this.#lineupInputs) return;
    const onlyAudience = this.#lineupInputs.startsWith(`${sessionKey}|`);
    if (onlyAudience && now.getTime() - this.computedAt < AUDIENCE_REFRESH_MS) return;
    const open = [...this.vacancies.values()].filter((v) => v.vacancy.status === 'open');
    const licences = [
      ...new Set(
        open.flatMap((v) => [
          ...v.vacancy.requiredCertificates,
          ...this.lookups.taxonomy.requiredCertificates(
            v.vacancy.requiredSkills.map((k) => k.code).filter((c): c is string => Boolean(c)),
          ),
        ]),
      ),
    ];
    const { members, basis } = this.audience.members(this.row, licences);
    const picks = rankForAudience(
      engine,
      members,
      open.map((v) => v.prepared),
      { limit: open.length, now, scores: this.#scores },
    );
    const byId = new Map<string, AudiencePick>(picks.map((p) => [p.vacancyId, p]));
    const pinned = this.row.pinnedVacancyIds.filter((id) => open.some((v) => v.vacancy.id === id));
    // Vacancies no one watching can take still belong to the session: last, for the host to see.
    const unreachable = open
      .map((v) => v.vacancy.id)
      .filter((id) => !byId.has(id) && !pinned.includes(id))
      .sort();
    this.lineup = [
      ...pinned.map((id) => ({
        vacancyId: id,
        pinned: true,
        interest: byId.get(id)?.interest ?? 0,
        reach: byId.get(id)?.reach ?? 0,
      })),
      ...picks
        .filter((p) => !pinned.includes(p.vacancyId))
        .map((p) => ({ vacancyId: p.vacancyId, pinned: false, interest: p.interest, reach: p.reach })),
      ...unreachable.map((id) => ({ vacancyId: id, pinned: false, interest: 0, reach: 0 })),
    ];
    this.basis = basis;
    this.viewersCounted = this.audience.viewers;
    this.#lineupInputs = inputs;
    this.computedAt = now.getTime();
    this.version++;
  }
}

/** The livestreams this process serves, each loaded on first use and refreshed from the change feed. */
export class LivestreamSessions {
  readonly #loading = new Map<string, Promise<LivestreamSession | null>>();
  readonly #loaded = new Map<string, LivestreamSession>();

  constructor(private readonly deps: { db: Database; engine: RankingEngine; feed: ChangeFeed; lookups: Lookups }) {
    deps.feed.subscribe((changes) => this.#apply(changes));
  }

  /** The session with its row and vacancies current, or null when there is no such livestream. */
  async get(id: string): Promise<LivestreamSession | null> {
    await this.deps.feed.poll();
    let loading = this.#loading.get(id);
    if (!loading) {
      loading = this.#load(id);
      this.#loading.set(id, loading);
      loading.then(
        (s) => (s ? undefined : this.#loading.delete(id)),
        () => this.#loading.delete(id),
      );
    }
    const session = await loading;
    if (!session) return null;
    while (session.stale || session.staleVacancies.size > 0 || session.refreshing) {
      session.refreshing ??= this.#refresh(session).finally(() => {
        session.refreshing = null;
      });
      await session.refreshing;
    }
    return session;
  }

  /**
   * The session as stored right now, for reads a write may just have changed (a host's console
   * reads, then writes with the version read): the cache may lag by the feed's interval, a read
   * may not. The cached row is brought up to it too.
   */
  async stored(id: string): Promise<{ row: LivestreamRow; vacancyIds: string[] } | null> {
    const { db } = this.deps;
    const [row] = await db.select().from(livestreams).where(eq(livestreams.id, id));
    if (!row) return null;
    const vacancyIds = await db
      .select({ id: livestreamVacancies.vacancyId })
      .from(livestreamVacancies)
      .where(eq(livestreamVacancies.livestreamId, id))
      .orderBy(asc(livestreamVacancies.addedAt), asc(livestreamVacancies.vacancyId));
    this.wrote(row);
    return { row, vacancyIds: vacancyIds.map((v) => v.id) };
  }

  /** A row this process just wrote or read: the cache takes it at once when it is newer. */
  wrote(row: LivestreamRow) {
    const session = this.#loaded.get(row.id);
    if (session && row.version > session.row.version) session.row = row;
  }

  /**
   * The session with its lineup current. New viewers are read when the lineup may take them
   * in (once a second), not on every poll of every console.
   */
  async lineup(id: string, now: Date): Promise<LivestreamSession | null> {
    const session = await this.get(id);
    if (!session) return null;
    if (now.getTime() - session.audienceReadAt >= AUDIENCE_REFRESH_MS) {
      session.readingViewers ??= this.#readViewers(session).finally(() => {
        session.readingViewers = null;
      });
      await session.readingViewers;
      session.audienceReadAt = now.getTime();
    }
    session.recompute(this.deps.engine, now);
    return session;
  }

  async #load(id: string): Promise<LivestreamSession | null> {
    const [row] = await this.deps.db.select().from(livestreams).where(eq(livestreams.id, id));
    if (!row) return null;
    const session = new LivestreamSession(row, this.deps.lookups);
    for (const v of await this.#vacancies(id)) session.vacancies.set(v.vacancy.id, v);
    this.#loaded.set(id, session);
    return session;
  }

  async #vacancies(livestreamId: string, ids?: readonly string[]): Promise<SessionVacancy[]> {
    const rows = await this.deps.db
      .select({ vacancy: candidateColumns, employer: candidateEmployerColumns })
      .from(livestreamVacancies)
      .innerJoin(vacancies, eq(vacancies.id, livestreamVacancies.vacancyId))
      .innerJoin(employers, eq(employers.id, vacancies.employerId))
      .where(
        and(
          eq(livestreamVacancies.livestreamId, livestreamId),
          ids ? inArray(livestreamVacancies.vacancyId, [...ids]) : undefined,
        ),
      );
    return rows.map((r) => ({
      ...r,
      prepared: this.deps.engine.prepareVacancy(vacancyProfile(r.vacancy, r.employer)),
    }));
  }

  async #refresh(session: LivestreamSession) {
    const { db } = this.deps;
    if (session.stale) {
      session.stale = false;
      const [row] = await db.select().from(livestreams).where(eq(livestreams.id, session.row.id));
      // Never back: a host's change written while this read was in flight is newer than what
      // it read (the overlay then showed the job presented before, and no event came to fix it).
      if (row && row.version >= session.row.version) session.row = row;
    }
    if (session.staleVacancies.size > 0) {
      const ids = [...session.staleVacancies];
      session.staleVacancies.clear();
      const fresh = new Map((await this.#vacancies(session.row.id, ids)).map((v) => [v.vacancy.id, v]));
      for (const id of ids) {
        const entry = fresh.get(id);
        if (entry) session.vacancies.set(id, entry);
        else session.vacancies.delete(id);
      }
    }
  }

  async #readViewers(session: LivestreamSession) {
    const { db } = this.deps;
    // New viewers, in pages; those seen already are skipped, so looking back costs little.
    for (;;) {
      const from = Math.max(0, session.viewerSeq - VIEWER_WINDOW);
      const rows = await db
        .select({
          seq: livestreamViewers.seq,
          id: livestreamViewers.id,
          regionCode: livestreamViewers.regionCode,
          skillCodes: livestreamViewers.skillCodes,
          expectedMonthlyWage: livestreamViewers.expectedMonthlyWage,
        })
        .from(livestreamViewers)
        .where(and(eq(livestreamViewers.livestreamId, session.row.id), gt(livestreamViewers.seq, from)))
        .orderBy(asc(livestreamViewers.seq))
        .limit(20_000);
      let added = 0;
      for (const r of rows) {
        if (!session.audience.has(r.id)) {
          session.audience.add(r);
          added++;
        }
        if (r.seq > session.viewerSeq) session.viewerSeq = r.seq;
      }
      if (rows.length < 20_000 || added === 0) return;
    }
  }

  #apply(changes: readonly Change[]) {
    for (const session of this.#loaded.values()) {
      for (const change of changes) {
        const { aggregateType, aggregateId } = change;
        if (aggregateType === 'vacancy' && session.vacancies.has(aggregateId)) session.staleVacancies.add(aggregateId);
        else if (aggregateType === 'employer') {
          for (const v of session.vacancies.values()) {
            if (v.vacancy.employerId === aggregateId) session.staleVacancies.add(v.vacancy.id);
          }
        } else if (aggregateType === 'livestream' && aggregateId === session.row.id) {
          if (change.type === 'livestream.lineup_changed') session.stale = true;
          if (change.type === 'livestream.vacancies_changed') {
            for (const id of change.payload.vacancyIds) session.staleVacancies.add(id);
          }
        }
      }
    }
  }
}
