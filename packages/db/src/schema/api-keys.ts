import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { employers } from './employers.ts';
import { fairCodes } from './fair-codes.ts';
import { fairs } from './fairs.ts';
import { id } from './util.ts';

/**
 * Employer API keys: shown once, stored only as a hash, looked up by their short prefix. A
 * booth's key (from a booth code) names its fair and expires: it acts at that fair's booth only.
 */
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
    fairId: text('fair_id').references(() => fairs.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** The booth code it was exchanged for: revoking the code revokes the key. */
    fairCodeId: text('fair_code_id').references(() => fairCodes.id),
  },
  (t) => [index('api_keys_employer_idx').on(t.employerId)],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;
