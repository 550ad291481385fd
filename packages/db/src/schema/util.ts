import { integer, text, timestamp } from 'drizzle-orm/pg-core';

export const id = () => text('id').primaryKey();

export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

/** Optimistic concurrency: every update must name the version it read (see versioned-update.ts). */
export const version = { version: integer('version').notNull().default(1) };
