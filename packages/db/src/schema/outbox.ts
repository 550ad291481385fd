import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** The transactional outbox: an event is written in the same transaction as the row it speaks of. */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: text('id').notNull().unique(),
    type: text('type').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    requestId: text('request_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_events_aggregate_idx').on(t.aggregateId, t.seq)],
);

/** Each consumer (e.g. matching.index) that should see every event from when it registered. */
export const outboxConsumers = pgTable('outbox_consumers', {
  name: text('name').primaryKey(),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
  /**
   * The event types it applies (null: all). Publishing makes deliveries only for these, so a
   * seeker registering costs no delivery row in the index's consumer; a type added later is
   * delivered from then on.
   */
  types: text('types').array(),
});

/**
 * One row per (consumer, event): its own status, attempts and backoff, so a failing
 * consumer never holds another back. Its status changes in the same transaction as the
 * consumer's own writes, which is what makes a consumer apply an event once.
 */
export const outboxDeliveries = pgTable(
  'outbox_deliveries',
  {
    consumer: text('consumer')
      .notNull()
      .references(() => outboxConsumers.name),
    eventSeq: bigint('event_seq', { mode: 'number' })
      .notNull()
      .references(() => outboxEvents.seq),
    aggregateId: text('aggregate_id').notNull(),
    status: text('status', { enum: ['pending', 'done', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.consumer, t.eventSeq] }),
    index('outbox_deliveries_pending_idx').on(t.consumer, t.status, t.availableAt, t.eventSeq),
    // Only the pending ones: the in-order check asks "is an earlier event of this aggregate
    // still pending?", and a busy aggregate (a fair's thousands of check-ins) must not make it
    // walk every delivery ever done.
    index('outbox_deliveries_aggregate_idx').on(t.consumer, t.aggregateId, t.eventSeq).where(sql`status = 'pending'`),
  ],
);

export type OutboxEventRow = typeof outboxEvents.$inferSelect;
