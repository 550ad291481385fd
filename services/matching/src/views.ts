import type { CandidateSummary, VacancySummary } from '@duijie/contracts';
import type { SeekerRow } from '@duijie/db';
import type { Caller } from '@duijie/service-kit';
import type { z } from 'zod';
import type { CandidateVacancy } from './matcher.ts';

/** A vacancy as lists of matches show it. */
export const vacancySummary = (v: CandidateVacancy): z.infer<typeof VacancySummary> => ({
  id: v.id,
  employerId: v.employerId,
  title: v.title,
  regionCode: v.regionCode,
  wage: {
    min: v.wageMin,
    ...(v.wageMax !== null ? { max: v.wageMax } : {}),
    unit: v.wageUnit,
    ...(v.piecesPerMonth !== null ? { piecesPerMonth: v.piecesPerMonth } : {}),
  },
  monthlyWage: { monthlyMin: v.monthlyWageMin, monthlyMax: v.monthlyWageMax },
  openPlaces: v.headcount - v.filledCount,
  status: v.status,
});

export const ageOn = (birthDate: string | null, now: Date) => {
  if (!birthDate) return null;
  const [y = 0, m = 1, d = 1] = birthDate.split('-').map(Number);
  const before = now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d);
  return now.getUTCFullYear() - y - (before ? 1 : 0);
};

/** A seeker as a candidate list shows them: no ID number or phone, and to anyone but staff only a surname. */
export function candidateSummary(s: SeekerRow, caller: Caller, now: Date): z.infer<typeof CandidateSummary> {
  const name = caller.kind === 'staff' ? s.name : `${s.name.slice(0, 1)}${'*'.repeat(Math.max(s.name.length - 1, 1))}`;
  return {
    id: s.id,
    name,
    residenceRegionCode: s.residenceRegionCode,
    gender: s.gender,
    age: ageOn(s.birthDate, now),
    priorityGroups: s.priorityGroups,
  };
}
