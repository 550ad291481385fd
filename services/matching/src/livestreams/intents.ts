import type { IntentInput } from '@duijie/contracts';
import type { Database } from '@duijie/db';
import { actorOf, type Caller, commonErrors } from '@duijie/service-kit';
import type { z } from 'zod';
import { errors } from '../errors.ts';
import { intentView, recordIntent } from '../live/intents.ts';
import { runsSession, sessionOf } from './schedule.ts';
import type { LivestreamSessions } from './session.ts';
import { mustHoldToken, viewerIn } from './viewers.ts';

/**
 * An intent from the stream, once per viewer and vacancy: by the viewer (showing their token),
 * the vacancy's employer, or the session's staff.
 */
export async function livestreamIntent(
  db: Database,
  sessions: LivestreamSessions,
  livestreamId: string,
  input: z.infer<typeof IntentInput>,
  { caller, token, now, requestId }: { caller: Caller; token: string | undefined; now: Date; requestId: string },
) {
  const session = await sessionOf(sessions, livestreamId);
  const { viewerId, vacancyId } = input;
  if (!viewerId) {
    throw commonErrors.validation('body', [
      { in: 'body', field: 'viewerId', message: { zh: '直播中必填', en: 'required at a livestream' } },
    ]);
  }
  const vacancy = session.vacancies.get(vacancyId)?.vacancy;
  if (!vacancy) {
    throw errors.notInSession();
  }
  if (caller.kind === 'employer' && caller.employerId !== vacancy.employerId) {
    throw commonErrors.notYourEmployer(caller.employerId);
  }
  if (caller.kind === 'staff') runsSession(caller, session.row);
  const viewer = await viewerIn(db, session.row.id, viewerId, () => errors.notAViewer());
  // Anyone else is the viewer, and shows it with their token.
  if (caller.kind === 'anonymous') mustHoldToken(viewer, token);
  const result = await db.transaction((tx) =>
    recordIntent(
      tx,
      { kind: 'livestream', id: session.row.id },
      {
        personId: viewerId,
        vacancyId,
        employerId: vacancy.employerId,
        recordedBy: caller.kind === 'anonymous' ? `viewer:${viewerId}` : actorOf(caller),
        now,
      },
      requestId,
    ),
  );
  return intentView(result);
}
