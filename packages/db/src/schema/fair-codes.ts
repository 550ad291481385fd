import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { employers } from './employers.ts';
import { fairs } from './fairs.ts';
import { id } from './util.ts';

/**
 * Short codes a fair's staff hand out at the fair: a desk code signs a tablet at the door in as
 * the fair desk of `regionCode`; a booth code gives `employerId`'s booth a key good at this fair
 * only. Shown once, stored only as a SHA-256 hash (the codes are random, ~50 bits), good until
 * `expiresAt` (the fair's end at the latest) unless revoked.
 */
export const fairCodes = pgTable(
  'fair_codes',
  {
    id: id(),
    kind: text('kind', { enum: ['desk', 'booth'] }).notNull(),
    fairId: text('fair_id')
      .notNull()
      .references(() => fairs.id),
    /** A booth code's employer; null for a desk code. */
    employerId: text('employer_id').references(() => employers.id),
    /** The region a desk code's tokens serve (the fair's, as its issuer runs it). */
    regionCode: text('region_code').notNull(),
    hash: text('hash').notNull().unique(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('fair_codes_fair_idx').on(t.fairId)],
);

export type FairCodeRow = typeof fairCodes.$inferSelect;
