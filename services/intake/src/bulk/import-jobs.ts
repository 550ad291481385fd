import { createHash } from 'node:crypto';
import { ASYNC_IMPORT_ROWS, type ImportJob, type Language } from '@duijie/contracts';
import { type Database, type ImportJobRow, importJobs, newId, type Transaction } from '@duijie/db';
import { actorOf, type Logger, languageOf, periodic } from '@duijie/service-kit';
import { and, desc, eq, gt, lt, ne } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Drafted, inReadersLanguage, type Report } from './row-report.ts';

/** Stores the rows and calls `beforeCommit` in the storing transaction. */
export type ImportWork<R extends Report> = (
  beforeCommit: ((tx: Transaction, report: Drafted<R>) => Promise<void>) | undefined,
) => Promise<Drafted<R>>;

/** ASYNC_DESCRIPTION in Chinese, for the descriptions' first paragraph. */
export const ASYNC_DESCRIPTION_ZH =
  `超过 ${ASYNC_IMPORT_ROWS.toLocaleString('en')} 行，或带 \`Prefer: respond-async\` 时，答复 202 和 ` +
  '`Location: /v1/imports/{id}`：各行在后台入库，报告见该任务。同一调用者重发同一请求（超时后重试）得到同一任务，不会重复入库。';

export const ASYNC_DESCRIPTION =
  `Above ${ASYNC_IMPORT_ROWS.toLocaleString('en')} rows, or with \`Prefer: respond-async\`, the answer is 202 with ` +
  '`Location: /v1/imports/{id}`: the rows are stored in the background, and that job shows the report. The same ' +
  'request sent again by the same caller (a retry after a timeout) answers the same job instead of storing twice.';

/** How often a running job says it is alive, and how long a silence means its process died. */
const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_MS = 60_000;
/** A job answers the same upload sent again for as long as an Idempotency-Key is kept. */
const REPEAT_WINDOW_MS = 86_400_000;

// Stored in English (the column is text), shown in the reader's language.
const JOB_ERRORS = [
  {
    zh: '导入运行期间服务停止了；本次导入没有任何内容入库：请重新发送',
    en: 'the service stopped while this import ran; nothing of it was stored: send it again',
  },
  {
    zh: '导入无法入库；本次导入没有任何内容入库：请重新发送',
    en: 'the import could not be stored; nothing of it was stored: send it again',
  },
] as const;
const [STOPPED, FAILED] = JOB_ERRORS.map((e) => e.en);
const errorIn = (stored: string | null, language: Language) =>
  stored === null ? null : (JOB_ERRORS.find((e) => e.en === stored)?.[language] ?? stored);

/**
 * Imports too long to answer within the gateway's timeout run here, in the background of
 * this process: the job row is the client's answer. Nothing survives a crash but the row,
 * which is then marked failed (its rows were never committed).
 */
export class ImportJobs {
  readonly #running = new Set<Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
    private readonly log: Logger,
  ) {}

  /**
   * Answers an import: at once (201/422) when it is small, or as a job (202 with Location)
   * above ASYNC_IMPORT_ROWS rows or when the client sent `Prefer: respond-async`. The same
   * upload from the same caller while its job runs, or within a day after it is done, gets
   * that job again instead of a second one: a client that retries after a timeout stores nothing twice.
   */
  async answer<R extends Report>(
    request: FastifyRequest,
    reply: FastifyReply,
    spec: { kind: ImportJobRow['kind']; rows: number; content: Buffer | string },
    work: ImportWork<R>,
  ) {
    const preferAsync = /(^|[\s,;])respond-async([\s,;]|$)/i.test(String(request.headers.prefer ?? ''));
    if (spec.rows <= ASYNC_IMPORT_ROWS && !preferAsync) {
      const report = await work(undefined);
      return reply.code(report.stored > 0 ? 201 : 422).send(inReadersLanguage(report, languageOf(request)));
    }
    const owner = actorOf(request.caller);
    const requestHash = createHash('sha256')
      .update(`${spec.kind} ${JSON.stringify(request.query ?? {})}\n`)
      .update(spec.content)
      .digest('hex');
    const job =
      (await this.#repeatOf(owner, requestHash)) ??
      (await this.#start({ kind: spec.kind, owner, requestHash, requestId: request.id, rows: spec.rows }, work));
    if (preferAsync) reply.header('preference-applied', 'respond-async');
    return reply
      .code(202)
      .header('location', `/v1/imports/${job.id}`)
      .send(toImportJob(job, languageOf(request)));
  }

  /** A job as its owner sees it; undefined when there is none or it is another caller's. */
  async find(id: string, owner: string): Promise<ImportJobRow | undefined> {
    const read = async () =>
      (
        await this.db
          .select()
          .from(importJobs)
          .where(and(eq(importJobs.id, id), eq(importJobs.owner, owner)))
      )[0];
    const job = await read();
    if (job?.status !== 'running' || job.updatedAt.getTime() > this.clock().getTime() - STALE_AFTER_MS) return job;
    await this.failStale();
    return read();
  }

  /** Marks failed the running jobs whose process stopped saying it is alive (at start and in housekeeping). */
  async failStale(): Promise<void> {
    const now = this.clock();
    await this.db
      .update(importJobs)
      .set({ status: 'failed', error: STOPPED, finishedAt: now, updatedAt: now })
      .where(and(eq(importJobs.status, 'running'), lt(importJobs.updatedAt, new Date(now.getTime() - STALE_AFTER_MS))));
  }

  /** Waits for the jobs this process runs: a graceful stop lets them finish. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#running]);
  }

  async #repeatOf(owner: string, requestHash: string): Promise<ImportJobRow | undefined> {
    const [job] = await this.db
      .select()
      .from(importJobs)
      .where(
        and(
          eq(importJobs.owner, owner),
          eq(importJobs.requestHash, requestHash),
          ne(importJobs.status, 'failed'),
          gt(importJobs.createdAt, new Date(this.clock().getTime() - REPEAT_WINDOW_MS)),
        ),
      )
      .orderBy(desc(importJobs.createdAt))
      .limit(1);
    return job;
  }

  async #start<R extends Report>(
    values: Pick<ImportJobRow, 'kind' | 'owner' | 'requestHash' | 'requestId' | 'rows'>,
    work: ImportWork<R>,
  ): Promise<ImportJobRow> {
    const now = this.clock();
    const [job] = await this.db
      .insert(importJobs)
      .values({ id: newId('imp'), ...values, status: 'running', createdAt: now, updatedAt: now })
      .returning();
    if (!job) throw new Error('the import job was not recorded');
    const run = this.#run(job.id, work).finally(() => this.#running.delete(run));
    this.#running.add(run);
    return job;
  }

  async #run<R extends Report>(id: string, work: ImportWork<R>): Promise<void> {
    // The 202 goes out first; the job's own work yields to other requests as it goes.
    await new Promise((resolve) => setImmediate(resolve));
    const running = and(eq(importJobs.id, id), eq(importJobs.status, 'running'));
    const heartbeat = periodic({
      name: 'import job heartbeat',
      everyMs: HEARTBEAT_MS,
      immediate: false,
      task: () => this.db.update(importJobs).set({ updatedAt: this.clock() }).where(running),
      logger: this.log,
    });
    heartbeat.start();
    try {
      await work(async (tx, report) => {
        const now = this.clock();
        await tx
          .update(importJobs)
          .set({
            status: 'done',
            stored: report.stored,
            failedCount: report.failedCount,
            report,
            finishedAt: now,
            updatedAt: now,
          })
          .where(eq(importJobs.id, id));
      });
    } catch (err) {
      // Not the message: a database error's text may quote a row's values (ID numbers).
      const { name, code } = err as { name?: string; code?: string };
      this.log.error({ importId: id, error: { name, code } }, 'import job failed');
      const now = this.clock();
      await this.db
        .update(importJobs)
        .set({ status: 'failed', error: FAILED, finishedAt: now, updatedAt: now })
        .where(running)
        .catch(() => this.log.error({ importId: id }, 'import job not marked failed'));
    } finally {
      await heartbeat.stop();
    }
  }
}

/** A job as its owner reads it, its report in the reader's language. */
export const toImportJob = (job: ImportJobRow, language: Language): ImportJob => ({
  id: job.id,
  kind: job.kind,
  status: job.status,
  rows: job.rows,
  stored: job.stored,
  failedCount: job.failedCount,
  createdAt: job.createdAt.toISOString(),
  finishedAt: job.finishedAt?.toISOString() ?? null,
  error: errorIn(job.error, language),
  report: job.report ? inReadersLanguage(job.report as Drafted<Report>, language) : null,
});
