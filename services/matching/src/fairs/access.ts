import { type Executor, employers, type FairRow } from '@duijie/db';
import { type Caller, commonErrors, covers, outOfScope, requireStaff } from '@duijie/service-kit';
import { eq } from 'drizzle-orm';
import { errors } from '../errors.ts';

/** Staff who run the fair: those covering its venue, or for 劳务协作 its origin too. */
export function runsFair(caller: Caller, fair: FairRow) {
  const staff = requireStaff(caller);
  if (covers(staff, fair.venueRegionCode) || (fair.originRegionCode && covers(staff, fair.originRegionCode))) {
    return staff;
  }
  throw outOfScope(fair.venueRegionCode, staff.regionCode);
}

const notYours = (caller: { employerId: string }, employerId: string) =>
  commonErrors.notYourEmployer(caller.employerId, employerId);

/** A booth's key (from a booth code) acts at its own fair only: 403 at any other, before anything is read. */
export function refuseBoothElsewhere(caller: Caller, fair: FairRow) {
  if (caller.kind === 'employer' && caller.fairId !== undefined && caller.fairId !== fair.id) {
    throw commonErrors.boothNotAllowed();
  }
}

/**
 * The fair's staff, or the employer itself through its API key: for its live list and intents.
 * A booth's key acts at its own fair only.
 */
export function actsAtFair(caller: Caller, fair: FairRow, employerId: string) {
  refuseBoothElsewhere(caller, fair);
  if (caller.kind === 'employer') {
    if (caller.employerId !== employerId) throw notYours(caller, employerId);
    return caller;
  }
  if (caller.kind === 'anonymous') throw commonErrors.credentialsRequired();
  return runsFair(caller, fair);
}

/**
 * Who may put an employer's booth into a fair (or print its code): the employer's own key, or
 * staff who run the fair and may act for the employer — its region in theirs, as for posting
 * its vacancies in intake. A fair's staff cannot enrol another county's employers.
 */
export async function keepsBooth(db: Executor, caller: Caller, fair: FairRow, employerId: string) {
  if (caller.kind === 'employer') {
    if (caller.employerId !== employerId) throw notYours(caller, employerId);
    return caller;
  }
  if (caller.kind === 'anonymous') throw commonErrors.credentialsRequired();
  const staff = runsFair(caller, fair);
  const [employer] = await db
    .select({ regionCode: employers.regionCode })
    .from(employers)
    .where(eq(employers.id, employerId));
  if (!employer) throw errors.employerNotFound(employerId);
  if (!covers(staff, employer.regionCode)) throw outOfScope(employer.regionCode, staff.regionCode);
  return staff;
}
