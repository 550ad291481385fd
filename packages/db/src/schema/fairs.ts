import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { employers } from './employers.ts';
import { seekers } from './seekers.ts';
import { id, timestamps, version } from './util.ts';
import { vacancies } from './vacancies.ts';

/** A job fair (招聘会): its supply list is exactly the vacancies its employers bring. */
export const fairs = pgTable('fairs', {
  id: id(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['on_site', 'online', 'job_supermarket', 'labor_cooperation'] }).notNull(),
  venueRegionCode: text('venue_region_code').notNull(),
  /** 劳务协作: the region whose workers the fair is for (the venue is the destination). */
  originRegionCode: text('origin_region_code'),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  targetGroups: text('target_groups').array().notNull().default(sql`'{}'::text[]`),
  createdBy: text('created_by').notNull(),
  /**
   * Numbers the fair's live feed. Taken by `update … returning` in the transaction that
   * writes the check-in or intent, so the row lock makes feed order commit order.
   */
  feedSeq: integer('feed_seq').notNull().default(0),
  ...timestamps,
  ...version,
});

/**
 * An employer's booth at a fair: one booth per employer, and a booth number holds one
 * employer (the unique key settles two employers sending the same number at once).
 */
export const fairBooths = pgTable(
  'fair_booths',
  {
    fairId: text('fair_id')
      .notNull()
      .references(() => fairs.id),
    employerId: text('employer_id')
      .notNull()
      .references(() => employers.id),
    booth: text('booth').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fairId, t.employerId] }), unique('fair_booths_number_key').on(t.fairId, t.booth)],
);

/** The vacancies an employer's booth brings to a fair. */
export const fairVacancies = pgTable(
  'fair_vacancies',
  {
    fairId: text('fair_id')
      .notNull()
      .references(() => fairs.id),
    vacancyId: text('vacancy_id')
      .notNull()
      .references(() => vacancies.id),
    employerId: text('employer_id')
      .notNull()
      .references(() => employers.id),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.fairId, t.vacancyId] }),
    index('fair_vacancies_vacancy_idx').on(t.vacancyId),
    foreignKey({
      name: 'fair_vacancies_booth_fk',
      columns: [t.fairId, t.employerId],
      foreignColumns: [fairBooths.fairId, fairBooths.employerId],
    }),
  ],
);

/** A seeker at a fair, once, with the vacancies recommended to them on arrival. */
export const fairCheckins = pgTable(
  'fair_checkins',
  {
    fairId: text('fair_id')
      .notNull()
      .references(() => fairs.id),
    seekerId: text('seeker_id')
      .notNull()
      .references(() => seekers.id),
    method: text('method', { enum: ['id_number', 'phone', 'qr', 'walk_in'] }).notNull(),
    recommended: text('recommended').array().notNull().default(sql`'{}'::text[]`),
    checkedInBy: text('checked_in_by').notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fairId, t.seekerId] })],
);

export type FairRow = typeof fairs.$inferSelect;
export type FairBoothRow = typeof fairBooths.$inferSelect;
export type FairVacancyRow = typeof fairVacancies.$inferSelect;
export type FairCheckinRow = typeof fairCheckins.$inferSelect;
