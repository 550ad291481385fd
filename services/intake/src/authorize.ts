import type { Text } from '@duijie/contracts';
import { type Database, employers } from '@duijie/db';
import { type Caller, commonErrors, covers } from '@duijie/service-kit';
import { eq } from 'drizzle-orm';
import { errors, rowMessages } from './errors.ts';

/** What a caller may do with an employer's vacancies, given the employer's region. */
export type EmployerAccess = (employer: { id: string; regionCode: string }) => Text | null;

/**
 * Vacancies are changed by their employer's own key, or by staff whose region covers the
 * employer. Anonymous callers change nothing. Returns why not, or null when allowed.
 */
export function employerAccess(caller: Caller): EmployerAccess {
  if (caller.kind === 'anonymous') {
    throw commonErrors.credentialsRequired();
  }
  return (employer) => {
    if (caller.kind === 'employer') {
      return caller.employerId === employer.id ? null : rowMessages.keyActsFor(caller.employerId);
    }
    return covers(caller, employer.regionCode) ? null : rowMessages.employerOutsideRegion(employer.id);
  };
}

/**
 * 403 when an employer's key names another employer for the whole request (`?employerId=`):
 * a key acts for its own employer only, and storing under it instead would hide the mistake.
 */
export function mustNameOwnEmployer(caller: Caller, named: string | undefined): void {
  if (caller.kind === 'employer' && named !== undefined && named !== caller.employerId) {
    throw commonErrors.notYourEmployer(caller.employerId, named);
  }
}

/** 401/403/404 unless the caller may change this employer's vacancies. */
export async function mustActFor(db: Database, caller: Caller, employerId: string): Promise<void> {
  const access = employerAccess(caller);
  const [employer] = await db
    .select({ id: employers.id, regionCode: employers.regionCode })
    .from(employers)
    .where(eq(employers.id, employerId));
  if (!employer) throw errors.employerNotFound(employerId);
  if (!access(employer)) return;
  throw caller.kind === 'employer'
    ? commonErrors.notYourEmployer(caller.employerId, employer.id)
    : errors.employerOutOfScope(employer.id);
}
