import { z } from 'zod';
import { idOf, Timestamp } from './common.ts';
import { SeekerBulkReport } from './seeker.ts';
import { BulkReport } from './vacancy.ts';

export const ImportJobId = idOf('imp');

/** Rows above which a bulk request or an import is run as a job (202) instead of answered at once. */
export const ASYNC_IMPORT_ROWS = 2000;

/**
 * A bulk request or import running in the background. Its rows are stored all together with
 * its `done`: a job that is `running` or `failed` stored nothing.
 */
export const ImportJob = z
  .object({
    id: ImportJobId,
    kind: z.enum(['vacancies.bulk', 'vacancies.import', 'seekers.import']),
    status: z
      .enum(['running', 'done', 'failed'])
      .describe('running: nothing stored yet; done: the report says what was stored; failed: nothing was stored'),
    rows: z.int().describe('rows read from the request'),
    stored: z.int(),
    failedCount: z.int(),
    createdAt: Timestamp,
    finishedAt: Timestamp.nullable(),
    error: z.string().nullable().describe('why a failed job failed (send the request again)'),
    report: z.union([BulkReport, SeekerBulkReport]).nullable().describe('once done: the row report'),
  })
  .meta({ id: 'ImportJob' });
export type ImportJob = z.infer<typeof ImportJob>;
