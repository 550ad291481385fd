import { type Caller, covers, HttpProblem, outOfScope, problems, unauthorized } from '@duijie/service-kit';
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
  if (!found) throw problems.notFound('vacancy', vacancyId);
  const { vacancy } = found;
  if (caller.kind === 'anonymous')
    throw unauthorized('credentials-required', 'Send an employer API key or a staff token');
  if (caller.kind === 'employer' && caller.employerId !== vacancy.employerId) {
    throw new HttpProblem(403, 'not-your-employer', `This key acts for ${caller.employerId}, not for this vacancy`);
  }
  if (caller.kind === 'staff' && !covers(caller, vacancy.regionCode)) {
    throw outOfScope(vacancy.regionCode, caller.regionCode);
  }
  return { ...found, caller };
}
