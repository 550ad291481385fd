import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { id } from './util.ts';

/** Who did what to which record, including every read of unmasked personal data. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    /** The region of the record acted on, so a region's admin reads their region's trail (null: older rows). */
    regionCode: text('region_code'),
    requestId: text('request_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_region_at_idx').on(t.regionCode, t.at),
  ],
);
