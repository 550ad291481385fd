import { type Database, queryRows, sql } from '@duijie/db';
import { offsetCursor } from '@duijie/service-kit';
import { errors } from '../errors.ts';
import { vacancySummary } from '../views.ts';
import { sessionOf } from './schedule.ts';
import type { LivestreamSessions } from './session.ts';

// The lineup is re-ranked as the audience grows, so its pages are positions in the current
// ranking, not ids: a cursor is an offset.
const offsets = offsetCursor('l');

/**
 * One page of the host's ranked list, named by an ETag: `notModified` when the caller's
 * `If-None-Match` names the page as it stands.
 */
export async function lineupPage(
  sessions: LivestreamSessions,
  livestreamId: string,
  { limit, cursor, ifNoneMatch }: { limit: number; cursor: string | undefined; ifNoneMatch: string | undefined },
  now: Date,
) {
  const session = await sessions.lineup(livestreamId, now);
  if (!session) throw errors.livestreamNotFound(livestreamId);
  const offset = offsets.decode(cursor);
  const etag = `W/"${session.row.id}-${session.version}-${session.row.version}-${offset}-${limit}"`;
  if (ifNoneMatch === etag) return { etag, notModified: true as const };
  const presenting = session.row.presentingVacancyId;
  const items = session.lineup.slice(offset, offset + limit).flatMap((entry, i) => {
    const v = session.vacancies.get(entry.vacancyId);
    if (!v) return [];
    return [
      {
        position: offset + i + 1,
        vacancy: vacancySummary(v.vacancy),
        pinned: entry.pinned,
        presenting: entry.vacancyId === presenting,
        interest: entry.interest,
        reach: Math.round(entry.reach),
      },
    ];
  });
  const page = {
    livestreamId: session.row.id,
    items,
    nextCursor: offset + limit < session.lineup.length ? offsets.encode(offset + limit) : null,
    presentingVacancyId: presenting,
    audience: { viewers: session.viewersCounted, basis: session.basis },
    asOf: new Date(session.computedAt || now.getTime()).toISOString(),
  };
  return { etag, notModified: false as const, page };
}

/** Viewers who registered, of them on the demand list, and intents by vacancy. */
export async function livestreamStats(db: Database, sessions: LivestreamSessions, livestreamId: string) {
  const { id } = (await sessionOf(sessions, livestreamId)).row;
  const [viewers] = await queryRows<{ viewers: number; registrations: number }>(
    db,
    sql`select count(*)::int as viewers, count(seeker_id)::int as registrations from livestream_viewers where livestream_id = ${id}`,
  );
  const byVacancy = await queryRows<{ vacancy_id: string; count: number }>(
    db,
    sql`select vacancy_id, count(*)::int as count from intents where context_id = ${id} group by vacancy_id order by count(*) desc, vacancy_id`,
  );
  return {
    livestreamId: id,
    viewers: viewers?.viewers ?? 0,
    registrations: viewers?.registrations ?? 0,
    intents: byVacancy.reduce((sum, r) => sum + r.count, 0),
    intentsByVacancy: byVacancy.map((r) => ({ vacancyId: r.vacancy_id, count: r.count })),
  };
}
