import type { HostControlsChange } from '@duijie/contracts';
import { type Database, livestreams, updateVersioned } from '@duijie/db';
import type { Caller } from '@duijie/service-kit';
import type { z } from 'zod';
import { errors } from '../errors.ts';
import { publishLive } from '../live/intents.ts';
import { livestreamView, runsSession, sessionOf } from './schedule.ts';
import type { LivestreamSessions } from './session.ts';

/**
 * The host's controls changed as a JSON Merge Patch, by the session's staff: a control left
 * out stays, `null` unpins all or clears the pointer; only the session's vacancies can be
 * shown; a stale version is 409 (updateVersioned).
 */
export async function changeHostControls(
  db: Database,
  sessions: LivestreamSessions,
  caller: Caller,
  livestreamId: string,
  change: z.infer<typeof HostControlsChange>,
  { now, requestId }: { now: Date; requestId: string },
) {
  const session = await sessionOf(sessions, livestreamId);
  runsSession(caller, session.row);
  const { version, ...controls } = change;
  const inSession = (id: string) => session.vacancies.has(id);
  const outside = [
    ...(controls.pinnedVacancyIds ?? []).flatMap((id, i) => (inSession(id) ? [] : [`pinnedVacancyIds.${i}`])),
    ...(controls.presentingVacancyId && !inSession(controls.presentingVacancyId) ? ['presentingVacancyId'] : []),
  ];
  if (outside.length > 0) throw errors.notInSession(outside);
  const row = await db.transaction(async (tx) => {
    const updated = await updateVersioned(tx, livestreams, session.row.id, version, {
      ...(controls.pinnedVacancyIds !== undefined
        ? { pinnedVacancyIds: [...new Set(controls.pinnedVacancyIds ?? [])] }
        : {}),
      ...(controls.presentingVacancyId !== undefined ? { presentingVacancyId: controls.presentingVacancyId } : {}),
      updatedAt: now,
    });
    await publishLive(
      tx,
      { kind: 'livestream', id: updated.id },
      'lineup_changed',
      { pinnedVacancyIds: updated.pinnedVacancyIds, presentingVacancyId: updated.presentingVacancyId },
      requestId,
    );
    return updated;
  });
  sessions.wrote(row);
  return livestreamView(row, [...session.vacancies.keys()]);
}
