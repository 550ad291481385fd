import { boolean, date, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { employers } from './employers.ts';
import { seekers } from './seekers.ts';
import { id } from './util.ts';
import { vacancies } from './vacancies.ts';

/**
 * An intent confirmed: the seeker starts work. The vacancy's filled count moves with it, in
 * the same transaction, and the follow-ups are scheduled.
 */
export const placements = pgTable(
  'placements',
  {
    id: id(),
    seekerId: text('seeker_id')
      .notNull()
      .references(() => seekers.id),
    vacancyId: text('vacancy_id')
      .notNull()
      .references(() => vacancies.id),
    employerId: text('employer_id')
      .notNull()
      .references(() => employers.id),
    intentId: text('intent_id'),
    /** The seeker's home region when placed: whose officer follows it up, whose report counts it. */
    regionCode: text('region_code').notNull(),
    startDate: date('start_date').notNull(),
    monthlyWage: integer('monthly_wage').notNull(),
    contractSigned: boolean('contract_signed').notNull(),
    socialInsurance: boolean('social_insurance').notNull(),
    confirmedBy: text('confirmed_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('placements_once_key').on(t.seekerId, t.vacancyId),
    index('placements_region_idx').on(t.regionCode, t.createdAt),
    index('placements_employer_idx').on(t.employerId),
  ],
);

/**
 * 跟踪服务: a check on a placement at 72 hours, 30 days, 90 days and monthly after that — a
 * task for the officer of the seeker's region until it is done.
 */
export const followUps = pgTable(
  'follow_ups',
  {
    id: id(),
    placementId: text('placement_id')
      .notNull()
      .references(() => placements.id),
    seekerId: text('seeker_id').notNull(),
    employerId: text('employer_id').notNull(),
    regionCode: text('region_code').notNull(),
    kind: text('kind', { enum: ['72h', '30d', '90d', 'monthly'] }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['due', 'done'] })
      .notNull()
      .default('due'),
    outcome: text('outcome', { enum: ['still_employed', 'changed_job', 'left'] }),
    leftReason: text('left_reason', { enum: ['wage_arrears', 'conditions', 'family', 'health', 'other'] }),
    wagePaid: integer('wage_paid'),
    note: text('note'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: text('done_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('follow_ups_region_due_idx').on(t.regionCode, t.status, t.dueAt),
    index('follow_ups_placement_idx').on(t.placementId),
  ],
);

export type PlacementRow = typeof placements.$inferSelect;
export type FollowUpRow = typeof followUps.$inferSelect;
