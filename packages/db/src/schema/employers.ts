import { boolean, index, integer, jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';
import { id, timestamps, version } from './util.ts';

export type EmployerContact = { name: string; phone: string };

export const employers = pgTable(
  'employers',
  {
    id: id(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['enterprise', 'community_factory', 'public_welfare', 'labor_agency'] }).notNull(),
    creditCode: text('credit_code').notNull().unique(),
    regionCode: text('region_code').notNull(),
    contacts: jsonb('contacts').$type<EmployerContact[]>().notNull().default([]),
    // 恶意欠薪黑名单: set by staff with a reason; excluded from matching.
    blacklisted: boolean('blacklisted').notNull().default(false),
    blacklistReason: text('blacklist_reason'),
    blacklistedAt: timestamp('blacklisted_at', { withTimezone: true }),
    // Share of its placements still in the job at the 90-day follow-up, once there is one: the
    // ranking's "employer record" extra.
    retention90: real('retention_90'),
    followedUp90: integer('followed_up_90').notNull().default(0),
    ...timestamps,
    ...version,
  },
  (t) => [index('employers_region_idx').on(t.regionCode)],
);

export type EmployerRow = typeof employers.$inferSelect;
export type EmployerInsertRow = typeof employers.$inferInsert;
