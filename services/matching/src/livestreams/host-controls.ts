import type { HostControlsChange } from '@duijie/contracts';
import { type Database, livestreams, updateVersioned } from '@duijie/db';
import { type Caller, problems } from '@duijie/service-kit';
import type { z } from 'zod';
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
  const errors = [
    ...(controls.pinnedVacancyIds ?? []).flatMap((id, i) =>
      inSession(id) ? [] : [{ in: 'body' as const, field: `pinnedVacancyIds.${i}`, message: 'not in this session' }],
    ),
    ...(controls.presentingVacancyId && !inSession(controls.presentingVacancyId)
      ? [{ in: 'body' as const, field: 'presentingVacancyId', message: 'not in this session' }]
      : []),
  ];
  if (errors.length > 0) {
    throw problems.unprocessable('not-in-session', 'Only the session’s vacancies can be shown', errors);
  }
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
