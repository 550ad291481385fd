import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { seekers } from './seekers.ts';
import { id, timestamps, version } from './util.ts';
import { vacancies } from './vacancies.ts';

/** A recruiting livestream (直播带岗) and what its host controls: the pins and what is on now. */
export const livestreams = pgTable(
  'livestreams',
  {
    id: id(),
    title: text('title').notNull(),
    host: text('host').notNull(),
    platform: text('platform').notNull(),
    regionCode: text('region_code').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    targetRegions: text('target_regions').array().notNull().default(sql`'{}'::text[]`),
    targetGroups: text('target_groups').array().notNull().default(sql`'{}'::text[]`),
    pinnedVacancyIds: text('pinned_vacancy_ids').array().notNull().default(sql`'{}'::text[]`),
    presentingVacancyId: text('presenting_vacancy_id'),
    createdBy: text('created_by').notNull(),
    /** Numbers the session's live feed, as `fairs.feed_seq` does. */
    feedSeq: integer('feed_seq').notNull().default(0),
    ...timestamps,
    ...version,
  },
  // The list of sessions is read by bureau (a region's prefix), newest first.
  (t) => [index('livestreams_region_idx').on(t.regionCode, t.id)],
);

export const livestreamVacancies = pgTable(
  'livestream_vacancies',
  {
    livestreamId: text('livestream_id')
      .notNull()
      .references(() => livestreams.id),
    vacancyId: text('vacancy_id')
      .notNull()
      .references(() => vacancies.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.livestreamId, t.vacancyId] }),
    index('livestream_vacancies_vacancy_idx').on(t.vacancyId),
  ],
);

/**
 * A viewer who registered interest from the stream: a minimal profile, linked to the demand
 * list when they are on it. `seq` lets the lineup add new viewers to its audience without
 * reading the old ones again.
 */
export const livestreamViewers = pgTable(
  'livestream_viewers',
  {
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    id: id(),
    livestreamId: text('livestream_id')
      .notNull()
      .references(() => livestreams.id),
    /** The platform's id for the viewer (open id): registering twice is one viewer. */
    platformUserId: text('platform_user_id').notNull(),
    seekerId: text('seeker_id').references(() => seekers.id),
    regionCode: text('region_code').notNull(),
    skillCodes: text('skill_codes').array().notNull().default(sql`'{}'::text[]`),
    expectedMonthlyWage: integer('expected_monthly_wage'),
    /**
     * SHA-256 of the viewer token handed out once at registration: the viewer's client shows
     * it for their own list and intents. Null for viewers registered before tokens existed.
     */
    tokenHash: text('token_hash'),
    /**
     * A mobile number the viewer left to be called back about a job, with the moment they
     * agreed to it: masked in every answer, unmasked only to the session's staff (audited).
     */
    callbackPhone: text('callback_phone'),
    callbackConsentedAt: timestamp('callback_consented_at', { withTimezone: true }),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('livestream_viewers_platform_user_key').on(t.livestreamId, t.platformUserId),
    index('livestream_viewers_seq_idx').on(t.livestreamId, t.seq),
  ],
);

export type LivestreamRow = typeof livestreams.$inferSelect;
export type LivestreamViewerRow = typeof livestreamViewers.$inferSelect;
