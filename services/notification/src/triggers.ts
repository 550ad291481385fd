import {
  broadcasts,
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
import { eq } from 'drizzle-orm';
import { planForPeople, planForSegment } from './planning.ts';

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
 * "A new job for you": a vacancy published or reopened is matched in reverse — the seekers
 * worth ranking for it, ranked exactly by the engine — and those it fits best, above the
 * score, get a message with the reason it fits. Planned in the consumer's transaction: the
 * event and its messages commit together, once.
 */
export function jobAlerts(handle: DatabaseHandle, engine: RankingEngine, lookups: Lookups, options: TriggerOptions) {
  return new OutboxConsumer(handle, {
    name: 'notification.job-alerts',
    types: ['vacancy.published', 'vacancy.reopened'],
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
    async onEvent(event, tx) {
      const now = options.clock();
      if (event.type === 'fair.scheduled') await planFair(tx, event.aggregateId, lookups, now);
      else await planLivestream(tx, event.aggregateId, now);
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

/** A policy broadcast: planned for its whole segment in one statement, and counted on the broadcast. */
export function broadcastPlanner(handle: DatabaseHandle, options: TriggerOptions) {
  return new OutboxConsumer(handle, {
    name: 'notification.broadcasts',
    types: ['broadcast.created'],
    ...(options.logger ? { logger: options.logger } : {}),
    async onEvent(event, tx) {
      const [row] = await tx.select().from(broadcasts).where(eq(broadcasts.id, event.aggregateId));
      if (!row) return;
      const planned = await planForSegment(
        tx,
        { reason: `broadcast:${row.id}`, topic: 'policies', template: 'policy', now: options.clock() },
        row.segment,
        { title: row.title, body: row.body },
      );
      await tx.update(broadcasts).set({ planned }).where(eq(broadcasts.id, row.id));
    },
  });
}
