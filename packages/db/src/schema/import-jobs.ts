import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { id, timestamps } from './util.ts';

/**
 * Imports and bulk requests run in the background (`/v1/imports/{id}`): the answer a client
 * polls for. A job's rows are stored in one transaction with its `done`, so a job that is not
 * done stored nothing. `updated_at` is the runner's heartbeat: a `running` job whose heartbeat
 * stopped (the process died) is marked `failed`.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: id(),
    kind: text('kind', { enum: ['vacancies.bulk', 'vacancies.import', 'seekers.import'] }).notNull(),
    /** Who sent it (`staff:…`, `employer:…`): only they read it. */
    owner: text('owner').notNull(),
    /** sha256 of the route, query and file: the same upload sent again finds this job. */
    requestHash: text('request_hash').notNull(),
    requestId: text('request_id').notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    rows: integer('rows').notNull(),
    stored: integer('stored').notNull().default(0),
    failedCount: integer('failed_count').notNull().default(0),
    /** The BulkReport or SeekerBulkReport, once done. */
    report: jsonb('report'),
    error: text('error'),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    ...timestamps,
  },
  (t) => [
    index('import_jobs_owner_request_idx').on(t.owner, t.requestHash),
    index('import_jobs_running_idx').on(t.status, t.updatedAt),
  ],
);
export type ImportJobRow = typeof importJobs.$inferSelect;
