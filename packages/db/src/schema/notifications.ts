import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { seekers } from './seekers.ts';
import { id, timestamps, version } from './util.ts';

export type ChannelName = 'sms' | 'wechat' | 'email' | 'webhook' | 'sink';
export type NotificationTopic = 'jobs' | 'fairs' | 'livestreams' | 'policies';

/**
 * A seeker's wish to hear from the bureau: where (addresses per channel), about what, not
 * when (quiet hours, Beijing time), how often (a daily cap) — or not at all (opt-out, by a
 * link or an SMS keyword, no login).
 */
export const subscriptions = pgTable('subscriptions', {
  seekerId: text('seeker_id')
    .primaryKey()
    .references(() => seekers.id),
  /** Addresses: personal data, never logged, masked in responses. */
  addresses: jsonb('addresses').$type<Partial<Record<ChannelName, string>>>().notNull().default({}),
  channels: text('channels').array().$type<ChannelName[]>().notNull().default(sql`'{}'::text[]`),
  topics: text('topics').array().$type<NotificationTopic[]>().notNull().default(sql`'{}'::text[]`),
  /** Minutes after midnight, Beijing time; start > end wraps past midnight (22:00–08:00). */
  quietFrom: smallint('quiet_from')
    .notNull()
    .default(22 * 60),
  quietUntil: smallint('quiet_until')
    .notNull()
    .default(8 * 60),
  dailyCap: smallint('daily_cap').notNull().default(3),
  /** The secret in the unsubscribe link. */
  unsubscribeToken: text('unsubscribe_token').notNull().unique(),
  optedOutAt: timestamp('opted_out_at', { withTimezone: true }),
  ...timestamps,
  ...version,
});

/**
 * One message, planned once per (seeker, reason, channel): a retried event, a restart or two
 * instances racing meet this unique key and plan nothing more. Its status moves from
 * `planned` (due at `availableAt`: later for quiet hours, the cap, or a retry) to `sent`,
 * `dead` (out of attempts), `cancelled` (opted out before it went), and for a job alert
 * (`vacancy:<id>`) `expired` (not among the day's best within the seeker's daily cap: job
 * alerts give way, they are never deferred to the next day) or `dropped` (its vacancy closed
 * or filled before it went).
 */
export const notificationMessages = pgTable(
  'notification_messages',
  {
    id: id(),
    seekerId: text('seeker_id')
      .notNull()
      .references(() => seekers.id),
    /** Why: `vacancy:<id>`, `fair:<id>`, `livestream:<id>`, `broadcast:<id>`. */
    reason: text('reason').notNull(),
    topic: text('topic').$type<NotificationTopic>().notNull(),
    channel: text('channel').$type<ChannelName>().notNull(),
    status: text('status', { enum: ['planned', 'sending', 'sent', 'dead', 'cancelled', 'expired', 'dropped'] })
      .notNull()
      .default('planned'),
    /** What to say: the template and its values; rendered when sent, in the seeker's language. */
    template: text('template').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    /** The code in the message's short link. */
    linkCode: text('link_code').notNull().unique(),
    /** A job alert's fit (the engine's score): over the daily cap, the best go and the rest expire. */
    score: real('score'),
    attempts: integer('attempts').notNull().default(0),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    /** While `sending`: another worker takes it over after this (the sender died). */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    deferredFor: text('deferred_for'),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** When the seeker pressed "我有意向" on the page behind the message's link (first time). */
    interestedAt: timestamp('interested_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('notification_messages_once_key').on(t.seekerId, t.reason, t.channel),
    index('notification_messages_due_idx').on(t.status, t.availableAt),
    index('notification_messages_sent_idx').on(t.seekerId, t.sentAt),
  ],
);

/** Every attempt to deliver a message, with the provider's answer. */
export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    messageId: text('message_id')
      .notNull()
      .references(() => notificationMessages.id),
    attempt: integer('attempt').notNull(),
    channel: text('channel').notNull(),
    outcome: text('outcome', {
      enum: ['sent', 'failed', 'deferred', 'cancelled', 'expired', 'dropped'],
    }).notNull(),
    response: text('response'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('delivery_attempts_message_idx').on(t.messageId)],
);

/**
 * The local sink, the default channel in development: what would have been sent, as sent.
 * Append-only and without a unique key, like a provider's own log, so a message delivered
 * twice would show twice.
 */
export const sinkDeliveries = pgTable('sink_deliveries', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  messageId: text('message_id').notNull(),
  seekerId: text('seeker_id').notNull(),
  body: text('body').notNull(),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A policy broadcast by staff to a segment of the demand list. */
export const broadcasts = pgTable('broadcasts', {
  id: id(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  /** Regions × priority groups × employment statuses; empty means any. */
  segment: jsonb('segment')
    .$type<{ regionCodes: string[]; priorityGroups: string[]; employmentStatuses: string[] }>()
    .notNull(),
  createdBy: text('created_by').notNull(),
  /** Set when every chunk is planned; null while planning goes on. */
  planned: integer('planned'),
  /** Planning goes in chunks of seekers by id, each its own transaction: how far it got, and how many so far. */
  plannedThrough: text('planned_through'),
  plannedSoFar: integer('planned_so_far').notNull().default(0),
  ...timestamps,
  ...version,
});

export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type NotificationMessageRow = typeof notificationMessages.$inferSelect;
export type BroadcastRow = typeof broadcasts.$inferSelect;
