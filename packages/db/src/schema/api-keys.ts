import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { employers } from './employers.ts';
import { id } from './util.ts';

/** Employer API keys: shown once, stored only as a hash, looked up by their short prefix. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    employerId: text('employer_id')
      .notNull()
      .references(() => employers.id),
    name: text('name').notNull(),
    prefix: text('prefix').notNull().unique(),
    hash: text('hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_employer_idx').on(t.employerId)],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;
