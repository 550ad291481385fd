import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { id, timestamps, version } from './util.ts';
import type { SkillRecord } from './vacancies.ts';

/** The demand list (求职需求清单): one row per person, with the 六清 fields. */
export const seekers = pgTable(
  'seekers',
  {
    id: id(),
    name: text('name').notNull(),
    // Personal data: stored once (unique), masked in every response, never logged.
    idNumber: text('id_number').notNull().unique(),
    phone: text('phone'),
    gender: text('gender', { enum: ['male', 'female'] }),
    birthDate: date('birth_date'),
    residenceRegionCode: text('residence_region_code').notNull(),
    education: text('education'),
    priorityGroups: text('priority_groups').array().notNull().default(sql`'{}'::text[]`),
    monitored: boolean('monitored').notNull().default(false),
    employmentStatus: text('employment_status').notNull().default('unemployed'),
    skills: jsonb('skills').$type<SkillRecord[]>().notNull().default([]),
    // Codes of `skills`, kept as an array so reverse matching can use a GIN index.
    skillCodes: text('skill_codes').array().notNull().default(sql`'{}'::text[]`),
    certificates: text('certificates').array().notNull().default(sql`'{}'::text[]`),
    // Each driving licence held (its certificate code) and when it was first issued: 驾龄 by class.
    drivingLicences: jsonb('driving_licences').$type<{ code: string; issuedOn: string }[]>().notNull().default([]),
    trainingNeeds: text('training_needs').array().notNull().default(sql`'{}'::text[]`),
    demand: jsonb('demand').$type<Record<string, unknown>>().notNull().default({}),
    householdIncome: jsonb('household_income').$type<Record<string, unknown>>().notNull().default({}),
    outcome: jsonb('outcome').$type<Record<string, unknown>>().notNull().default({ status: 'pending' }),
    active: boolean('active').notNull().default(true),
    registeredBy: text('registered_by'),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    ...timestamps,
    ...version,
  },
  (t) => [
    index('seekers_residence_idx').on(t.residenceRegionCode),
    index('seekers_phone_idx').on(t.phone),
    index('seekers_skill_codes_idx').using('gin', t.skillCodes),
    index('seekers_priority_groups_idx').using('gin', t.priorityGroups),
  ],
);

export type SeekerRow = typeof seekers.$inferSelect;
export type SeekerInsertRow = typeof seekers.$inferInsert;

/**
 * Each change of a seeker's employment status or monitoring flag, in the transaction that made
 * it: the record holds only the present, the monitoring of 三类人员 needs the path to it.
 */
export const seekerStatusHistory = pgTable(
  'seeker_status_history',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    seekerId: text('seeker_id')
      .notNull()
      .references(() => seekers.id),
    employmentStatus: text('employment_status').notNull(),
    monitored: boolean('monitored').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    requestId: text('request_id'),
  },
  (t) => [index('seeker_status_history_seeker_idx').on(t.seekerId, t.seq)],
);

export type SeekerStatusRow = typeof seekerStatusHistory.$inferSelect;
