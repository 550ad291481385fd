import type { IntentInput } from '@duijie/contracts';
import type { FairRow } from '@duijie/db';
import { actorOf, type Caller, commonErrors } from '@duijie/service-kit';
import type { z } from 'zod';
import { errors } from '../errors.ts';
import { recordIntent } from '../live/intents.ts';
import { actsAtFair, refuseBoothElsewhere } from './access.ts';
import type { FairDeps } from './deps.ts';

/**
 * An intent (达成意向) between a checked-in seeker and a vacancy offered at the fair, recorded
 * by the vacancy's employer or the fair's staff. Recording it again answers the first.
 */
export async function recordFairIntent(
  deps: FairDeps,
  fair: FairRow,
  caller: Caller,
  input: z.output<typeof IntentInput>,
  requestId: string,
) {
  refuseBoothElsewhere(caller, fair);
  const { seekerId, vacancyId } = input;
  if (!seekerId) {
    throw commonErrors.validation('body', [
      { in: 'body', field: 'seekerId', message: { zh: '招聘会上必填', en: 'required at a fair' } },
    ]);
  }
  const supply = await deps.supplies.get(fair.id);
  const vacancy = supply.vacancies.get(vacancyId)?.vacancy;
  if (!vacancy) {
    throw errors.notAtFair();
  }
  const recorder = actsAtFair(caller, fair, vacancy.employerId);
  const seeker = (await deps.supplies.checkedIn(supply, seekerId))?.row;
  if (!seeker) {
    throw errors.notCheckedIn();
  }
  const now = deps.clock();
  return deps.db.transaction((tx) =>
    recordIntent(
      tx,
      { kind: 'fair', id: fair.id },
      { personId: seekerId, vacancyId, employerId: vacancy.employerId, recordedBy: actorOf(recorder), now },
      requestId,
      { priorityGroups: seeker.priorityGroups },
    ),
  );
}
