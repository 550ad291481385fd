import { ViewerId } from '@duijie/contracts';
import { auditLog, type Database, livestreamViewers, newId } from '@duijie/db';
import { actorOf, type Caller, decodeCursor, toPage } from '@duijie/service-kit';
import { and, desc, eq, isNotNull, isNull, lt } from 'drizzle-orm';
import { errors } from '../errors.ts';
import { runsSession, sessionOf } from './schedule.ts';
import type { LivestreamSessions } from './session.ts';
import { viewerFields, viewerIn } from './viewers.ts';

/**
 * The session's viewers, newest first, for its staff to follow up (call-back numbers masked);
 * `withCallback` keeps those who left a number, or those who did not.
 */
export async function listViewers(
  db: Database,
  sessions: LivestreamSessions,
  caller: Caller,
  livestreamId: string,
  query: { limit: number; cursor?: string | undefined; withCallback?: boolean | undefined },
) {
  const { row } = await sessionOf(sessions, livestreamId);
  runsSession(caller, row);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ViewerId);
  const rows = await db
    .select()
    .from(livestreamViewers)
    .where(
      and(
        eq(livestreamViewers.livestreamId, row.id),
        query.withCallback === undefined
          ? undefined
          : query.withCallback
            ? isNotNull(livestreamViewers.callbackPhone)
            : isNull(livestreamViewers.callbackPhone),
        after ? lt(livestreamViewers.id, after) : undefined,
      ),
    )
    .orderBy(desc(livestreamViewers.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => ({ ...viewerFields(r), platformUserId: r.platformUserId }));
}

/**
 * A viewer's unmasked call-back number, for the session's staff to call. As for a seeker's
 * personal data, the read is written to the audit log before the answer leaves: a read that
 * cannot be audited is not served.
 */
export async function viewerPersonalData(
  db: Database,
  sessions: LivestreamSessions,
  caller: Caller,
  ids: { livestreamId: string; viewerId: string },
  requestId: string,
) {
  const { row } = await sessionOf(sessions, ids.livestreamId);
  runsSession(caller, row);
  const viewer = await viewerIn(db, row.id, ids.viewerId, () => errors.viewerNotFound(ids.viewerId));
  await db.insert(auditLog).values({
    id: newId('aud'),
    actor: actorOf(caller),
    action: 'livestream-viewer.personal-data.read',
    subjectType: 'livestream_viewer',
    subjectId: viewer.id,
    regionCode: row.regionCode,
    requestId,
    detail: { livestreamId: row.id, fields: viewer.callbackPhone ? ['callbackPhone'] : [] },
  });
  return {
    viewerId: viewer.id,
    livestreamId: row.id,
    callbackPhone: viewer.callbackPhone,
    consentedAt: viewer.callbackConsentedAt?.toISOString() ?? null,
  };
}
