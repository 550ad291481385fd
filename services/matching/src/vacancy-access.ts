import { type Caller, commonErrors, covers, outOfScope } from '@duijie/service-kit';
import { errors } from './errors.ts';
import type { CandidateEmployer, CandidateVacancy, Matcher } from './matcher.ts';

export type VacancyCaller = Exclude<Caller, { kind: 'anonymous' }>;

/**
 * A vacancy as its employer's key or staff of its region may act on it (candidates,
 * invitations): 404 when there is none, 403 for another employer's key or staff elsewhere.
 * A vacancy is a public ad, so saying it exists tells nobody anything.
 */
export async function vacancyForCaller(
  matcher: Matcher,
  caller: Caller,
  vacancyId: string,
): Promise<{ vacancy: CandidateVacancy; employer: CandidateEmployer; caller: VacancyCaller }> {
  const [found] = await matcher.vacancyRows([vacancyId]);
  if (!found) throw errors.vacancyNotFound(vacancyId);
  const { vacancy } = found;
  if (caller.kind === 'anonymous') throw commonErrors.credentialsRequired();
  if (caller.kind === 'employer' && caller.employerId !== vacancy.employerId) {
    throw commonErrors.notYourEmployer(caller.employerId);
  }
  if (caller.kind === 'staff' && !covers(caller, vacancy.regionCode)) {
    throw outOfScope(vacancy.regionCode, caller.regionCode);
  }
  return { ...found, caller };
}
