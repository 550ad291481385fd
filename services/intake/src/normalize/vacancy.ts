import { instantOf, type Text, type VacancyInput } from '@duijie/contracts';
import type { VacancyInsertRow, VacancyTerms } from '@duijie/db';
import { monthlyRange } from '@duijie/ranking';
import { type RegionDirectory, resolvePlace } from '@duijie/regions';
import type { FieldProblem } from '@duijie/service-kit';
import { mapCertificates, mapSkills, simplify, type Taxonomy } from '@duijie/taxonomy';

export type Lookups = { regions: RegionDirectory; taxonomy: Taxonomy };

/** The columns a vacancy's input sets (everything but id, employer, status and bookkeeping). */
export type VacancyFields = Omit<
  VacancyInsertRow,
  'id' | 'employerId' | 'status' | 'filledCount' | 'createdAt' | 'updatedAt' | 'version' | 'datePosted'
>;

export type Normalized =
  | { ok: true; fields: VacancyFields; unknownSkills: string[]; unknownCertificates: string[] }
  | { ok: false; errors: FieldProblem[]; candidates?: { code: string; name: string }[] };

/** A refused field, its message in both languages (a bulk row report is shown in its reader's). */
const fieldError = (field: string, message: Text): FieldProblem => ({ in: 'body', field, message });
const unknownCode = (code: string): Text => ({
  zh: `${code} 不是已知的行政区划代码`,
  en: `${code} is not a division code we know`,
});

/**
 * The door's normalisation of a vacancy: traditional → simplified text, full-width letters
 * and digits → half-width (CJK punctuation kept), the region resolved to a code (a name
 * that fits several places is refused with the candidates), skills and certificates mapped to taxonomy codes (unknown ones kept as free
 * text and reported), the wage as a monthly figure next to the raw offer, validThrough read
 * as Beijing time when it has no zone. With `openAt` (a new vacancy) a validThrough at or
 * before it is refused.
 */
export function normalizeVacancy(
  input: Omit<VacancyInput, 'employerId'>,
  { regions, taxonomy }: Lookups,
  { openAt }: { openAt?: Date } = {},
): Normalized {
  const errors: FieldProblem[] = [];
  let regionCode = input.regionCode;
  let candidates: { code: string; name: string }[] | undefined;
  if (!regionCode && input.region) {
    const resolved = resolvePlace(regions, input.region);
    if (resolved.code) regionCode = resolved.code;
    else {
      candidates = resolved.candidates;
      errors.push(
        fieldError(
          'region',
          resolved.candidates.length > 1
            ? {
                zh: `“${input.region}”可能是 ${resolved.candidates.length} 个地方中的任何一个：请给出 regionCode`,
                en: `"${input.region}" could be any of ${resolved.candidates.length} places: give the regionCode`,
              }
            : {
                zh: `“${input.region}”不是已知的地名${resolved.unmatched ? `（无法识别“${resolved.unmatched}”）` : ''}`,
                en: `"${input.region}" is not a place we know${resolved.unmatched ? ` (could not read "${resolved.unmatched}")` : ''}`,
              },
        ),
      );
    }
  } else if (!regionCode) {
    errors.push(
      fieldError('regionCode', { zh: '请给出 regionCode 或地区名称', en: 'give the regionCode or the region by name' }),
    );
  } else if (!regions.get(regionCode)) {
    errors.push(fieldError('regionCode', unknownCode(regionCode)));
  }

  if (input.daysPerMonth !== undefined && input.restDaysPerMonth !== undefined) {
    errors.push(
      fieldError('restDaysPerMonth', {
        zh: 'daysPerMonth 与 restDaysPerMonth 只能给出一个',
        en: 'give daysPerMonth or restDaysPerMonth, not both',
      }),
    );
  }
  if (input.publicWelfareEligibility && !input.publicWelfare) {
    errors.push(
      fieldError('publicWelfareEligibility', {
        zh: '只有公益性岗位（publicWelfare: true）才有准入条件',
        en: 'only a public-welfare post (publicWelfare: true) has eligibility',
      }),
    );
  }
  for (const [i, code] of (input.publicWelfareEligibility?.residenceRegionCodes ?? []).entries()) {
    if (!regions.get(code)) {
      errors.push(fieldError(`publicWelfareEligibility.residenceRegionCodes.${i}`, unknownCode(code)));
    }
  }
  let monthly: { monthlyMin: number; monthlyMax: number } | undefined;
  if (input.wage.unit === 'piece' && !input.wage.piecesPerMonth && !input.wage.monthlyEstimate) {
    errors.push(
      fieldError('wage.piecesPerMonth', {
        zh: '计件工资需要每月件数或月收入估算（wage.monthlyEstimate）才能比较',
        en: 'a piece rate needs pieces a month or the monthly estimate (wage.monthlyEstimate) to compare',
      }),
    );
  } else {
    monthly = monthlyRange(input.wage, input);
    if (monthly.monthlyMax > 10_000_000) {
      errors.push(
        fieldError('wage.max', { zh: '折合每月超过 10,000,000 元', en: 'comes to more than 10,000,000 a month' }),
      );
    }
  }
  // A new vacancy must be open for a while: one already past its validThrough would expire unseen.
  const validThrough = input.validThrough ? instantOf(input.validThrough, { endOfDay: true }) : undefined;
  if (openAt && validThrough && validThrough <= openAt) {
    errors.push(
      fieldError('validThrough', {
        zh: `${validThrough.toISOString()} 已经过去：新岗位必须处于招聘期内`,
        en: `${validThrough.toISOString()} has passed: a new vacancy must be open`,
      }),
    );
  }
  if (input.ageMin !== undefined && input.ageMax !== undefined && input.ageMin > input.ageMax) {
    errors.push(fieldError('ageMax', { zh: '不得低于 ageMin', en: 'must not be below ageMin' }));
  }
  if (errors.length > 0 || !regionCode || !monthly) return { ok: false, errors, ...(candidates ? { candidates } : {}) };

  const unknownSkills: string[] = [];
  const unknownCertificates: string[] = [];
  const point = input.location ?? regions.point(regionCode);
  return {
    ok: true,
    unknownSkills,
    unknownCertificates,
    fields: {
      externalId: input.externalId ?? null,
      title: simplify(input.title),
      description: simplify(input.description),
      occupationCode: input.occupationCode ?? null,
      requiredSkills: mapSkills(input.requiredSkills, taxonomy, unknownSkills),
      preferredSkills: mapSkills(input.preferredSkills, taxonomy, unknownSkills),
      requiredCertificates: mapCertificates(input.requiredCertificates, taxonomy, unknownCertificates),
      regionCode,
      address: input.address ? simplify(input.address) : null,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      wageMin: input.wage.min,
      wageMax: input.wage.max ?? null,
      wageUnit: input.wage.unit,
      piecesPerMonth: input.wage.piecesPerMonth ?? null,
      monthlyWageMin: monthly.monthlyMin,
      monthlyWageMax: monthly.monthlyMax,
      headcount: input.headcount,
      employmentType: input.employmentType,
      minEducation: input.minEducation ?? null,
      minExperienceMonths: input.minExperienceMonths ?? null,
      ageMin: input.ageMin ?? null,
      ageMax: input.ageMax ?? null,
      housingProvided: input.housingProvided,
      mealsProvided: input.mealsProvided,
      shift: input.shift ?? null,
      publicWelfare: input.publicWelfare,
      terms: termsOf(input),
      tags: input.tags.map(simplify),
      validThrough: validThrough ?? null,
    },
  };
}

/** The post's terms beyond the columns, only those it states. */
function termsOf(input: Omit<VacancyInput, 'employerId'>): VacancyTerms {
  const { wage } = input;
  return {
    ...(input.hoursPerDay !== undefined ? { hoursPerDay: input.hoursPerDay } : {}),
    ...(input.daysPerMonth !== undefined ? { daysPerMonth: input.daysPerMonth } : {}),
    ...(input.restDaysPerMonth !== undefined ? { restDaysPerMonth: input.restDaysPerMonth } : {}),
    ...(wage.note ? { wageNote: simplify(wage.note) } : {}),
    ...(wage.monthlyEstimate ? { monthlyEstimate: wage.monthlyEstimate } : {}),
    ...(input.socialInsurance !== undefined ? { socialInsurance: input.socialInsurance } : {}),
    ...(input.drivingLicenceYears !== undefined ? { drivingLicenceYears: input.drivingLicenceYears } : {}),
    ...(input.priorityGroups.length > 0 ? { priorityGroups: input.priorityGroups } : {}),
    ...(input.publicWelfareEligibility ? { publicWelfareEligibility: input.publicWelfareEligibility } : {}),
  };
}
