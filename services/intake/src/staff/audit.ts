import type { AuditQuery } from '@duijie/contracts';
import { auditLog, type Database, newId } from '@duijie/db';
import { type Caller, decodeCursor, regionPattern, requireStaff, toPage } from '@duijie/service-kit';
import { and, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';

type Writer = Pick<Database, 'insert'>;

export type AuditEntry = {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  regionCode: string | null;
  requestId?: string | undefined;
  detail?: Record<string, unknown>;
};

/** One line of the trail, in the writer's transaction: a change that cannot be recorded is not made. */
export async function recordAudit(db: Writer, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    id: newId('aud'),
    actor: entry.actor,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    regionCode: entry.regionCode,
    requestId: entry.requestId ?? null,
    detail: entry.detail ?? {},
  });
}

const AuditId = z.string().regex(/^aud_[0-9a-f]{32}$/);

/**
 * A page of the trail, newest first: an admin's region's records (403 for a region outside
 * it). Records without a region (written before regions were kept) are a national admin's.
 */
export async function listAudit(db: Database, caller: Caller, q: z.infer<typeof AuditQuery>) {
  const admin = requireStaff(caller, 'admin');
  const pattern = regionPattern(admin, q.regionCode);
  const actor = q.actor && !q.actor.includes(':') ? `staff:${q.actor}` : q.actor;
  const conditions: (SQL | undefined)[] = [
    pattern ? like(auditLog.regionCode, pattern) : undefined,
    actor ? eq(auditLog.actor, actor) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.subjectId ? eq(auditLog.subjectId, q.subjectId) : undefined,
    q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
    q.to ? lt(auditLog.at, new Date(q.to)) : undefined,
    q.cursor ? lt(auditLog.id, decodeCursor(q.cursor, AuditId)) : undefined,
  ];
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    regionCode: row.regionCode,
    requestId: row.requestId,
    detail: row.detail,
  }));
}
