import { parseEvent } from '@duijie/contracts';
import {
  broadcasts,
  type Database,
  type DatabaseHandle,
  employers,
  fairs,
  livestreams,
  OutboxConsumer,
  type Transaction,
  vacancies,
} from '@duijie/db';
import { seekersWorthRanking } from '@duijie/demand';
import type { RankingEngine } from '@duijie/ranking';
import { seekerProfile, vacancyProfile } from '@duijie/ranking/rows';
import type { RegionDirectory } from '@duijie/regions';
import type { Taxonomy } from '@duijie/taxonomy';
import { asc, eq, isNull } from 'drizzle-orm';
import { planForPeople, planForSegment, planSegmentChunk } from './planning.ts';

export type TriggerOptions = {
  /** A new vacancy is sent to seekers it fits at least this well. */
  minScore: number;
  /** …and to at most this many of them, the best first. */
  maxPerVacancy: number;
  clock: () => Date;
  logger?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
};
type Lookups = { regions: RegionDirectory; taxonomy: Taxonomy };

const beijing = (at: Date) =>
  at.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/**
 * "A new job for you": a vacancy published, updated or reopened is matched in reverse — the seekers
 * worth ranking for it, ranked exactly by the engine — and those it fits best, above the
 * score, get a message with the reason it fits. Planned in the consumer's transaction: the
 * event and its messages commit together, once.
 */
export function jobAlerts(handle: DatabaseHandle, engine: RankingEngine, lookups: Lookups, options: TriggerOptions) {
  return new OutboxConsumer(handle, {
    name: 'notification.job-alerts',
    // An update can make a vacancy fit more people: those told before are not told again (the
    // message key includes the vacancy), the new fits are.
    types: ['vacancy.published', 'vacancy.updated', 'vacancy.reopened'],
    startFrom: 'now',
    ...(options.logger ? { logger: options.logger } : {}),
    async onEvent(event, tx) {
      const [found] = await tx
        .select({ vacancy: vacancies, employer: employers })
        .from(vacancies)
        .innerJoin(employers, eq(employers.id, vacancies.employerId))
        .where(eq(vacancies.id, event.aggregateId));
      if (found?.vacancy.status !== 'open' || found.employer.blacklisted) return;
      const { vacancy, employer } = found;
      const pool = await seekersWorthRanking(tx, vacancy, { ...lookups, limit: 2000 });
      const now = options.clock();
      const ranked = engine
        .rankSeekers(
          vacancyProfile(vacancy, employer),
          pool.map((s) => seekerProfile(s, lookups.regions)),
          { now, limit: options.maxPerVacancy },
        )
        .filter((m) => m.score >= options.minScore);
      const wage =
        vacancy.monthlyWageMax && vacancy.monthlyWageMax !== vacancy.monthlyWageMin
          ? `月薪${vacancy.monthlyWageMin}-${vacancy.monthlyWageMax}元`
          : `月薪${vacancy.monthlyWageMin}元`;
      await planForPeople(
        tx,
        { reason: `vacancy:${vacancy.id}`, topic: 'jobs', template: 'job', now },
        ranked.map((m) => ({
          seekerId: m.seekerId,
          score: m.score,
          params: {
            title: vacancy.title,
            employer: employer.name,
            wage,
            place: lookups.regions.get(vacancy.regionCode)?.name ?? vacancy.regionCode,
            reason: m.reason.zh,
          },
        })),
      );
    },
  });
}

/** A fair or livestream scheduled: seekers in its target regions and groups who listen to the topic. */
export function eventAlerts(handle: DatabaseHandle, lookups: Lookups, options: TriggerOptions) {
  return new OutboxConsumer(handle, {
    name: 'notification.fairs-and-livestreams',
    types: ['fair.scheduled', 'livestream.scheduled'],
    startFrom: 'now',
    ...(options.logger ? { logger: options.logger } : {}),
    async onEvent(received, tx) {
      const event = parseEvent(received);
      const now = options.clock();
      if (event.type === 'fair.scheduled') await planFair(tx, event.payload.fairId, lookups, now);
      else if (event.type === 'livestream.scheduled') await planLivestream(tx, event.payload.livestreamId, now);
    },
  });
}

async function planFair(tx: Transaction, id: string, lookups: Lookups, now: Date) {
  const [fair] = await tx.select().from(fairs).where(eq(fairs.id, id));
  if (!fair) return;
  // Those who can come: the venue's prefecture, or for 劳务协作 the origin the fair is for.
  const levels = lookups.regions.levels(fair.originRegionCode ?? fair.venueRegionCode);
  await planForSegment(
    tx,
    { reason: `fair:${fair.id}`, topic: 'fairs', template: 'fair', now },
    {
      regionCodes: [levels.prefecture ?? fair.originRegionCode ?? fair.venueRegionCode],
      priorityGroups: fair.targetGroups,
      employmentStatuses: ['unemployed', 'flexible'],
    },
    {
      name: fair.name,
      when: beijing(fair.startsAt),
      place: lookups.regions.get(fair.venueRegionCode)?.name ?? fair.venueRegionCode,
    },
  );
}

async function planLivestream(tx: Transaction, id: string, now: Date) {
  const [live] = await tx.select().from(livestreams).where(eq(livestreams.id, id));
  if (!live) return;
  await planForSegment(
    tx,
    { reason: `livestream:${live.id}`, topic: 'livestreams', template: 'livestream', now },
    {
      regionCodes: live.targetRegions.length > 0 ? live.targetRegions : [live.regionCode],
      priorityGroups: live.targetGroups,
      employmentStatuses: ['unemployed', 'flexible'],
    },
    { name: live.title, when: beijing(live.startsAt), platform: live.platform },
  );
}

/**
 * Policy broadcasts, planned chunk by chunk: each chunk of seekers (by id) is one transaction
 * that plans their messages and moves the broadcast's cursor, so a crash resumes where it
 * stopped and a 600,000-person broadcast never holds the database for long. Instances race
 * safely: a broadcast is taken with SKIP LOCKED for each chunk.
 */
export class BroadcastPlanner {
  constructor(
    private readonly db: Database,
    private readonly options: { clock: () => Date; chunk?: number; logger?: TriggerOptions['logger'] },
  ) {}

  /** Plans one chunk of the oldest unfinished broadcast; false when there is none. */
  async step(): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(broadcasts)
        .where(isNull(broadcasts.planned))
        .orderBy(asc(broadcasts.createdAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!row) return false;
      const size = this.options.chunk ?? 20_000;
      const result = await planSegmentChunk(
        tx,
        { reason: `broadcast:${row.id}`, topic: 'policies', template: 'policy', now: this.options.clock() },
        row.segment,
        { title: row.title, body: row.body },
        { after: row.plannedThrough, size },
      );
      const soFar = row.plannedSoFar + result.planned;
      await tx
        .update(broadcasts)
        .set({
          plannedThrough: result.last ?? row.plannedThrough,
          plannedSoFar: soFar,
          ...(result.seekers < size ? { planned: soFar } : {}),
        })
        .where(eq(broadcasts.id, row.id));
      return true;
    });
  }

  /** Plans until no broadcast is unfinished. */
  async drain(): Promise<void> {
    while (await this.step()) {
      // Let requests in between chunks: the embedded database has one connection.
      await new Promise((r) => setImmediate(r));
    }
  }
}
