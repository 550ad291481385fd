import type { EmployerRow, VacancyRow } from '@duijie/db';
import type { RegionDirectory } from '@duijie/regions';
import { z } from 'zod';

export const JSON_LD = 'application/ld+json';

/** schema.org JobPosting as JSON-LD (https://schema.org/JobPosting); its members vary by posting. */
export const JobPosting = z
  .object({ '@context': z.string(), '@type': z.literal('JobPosting'), title: z.string() })
  .loose()
  .meta({ id: 'JobPosting' });

const UNIT_TEXT = { hour: 'HOUR', day: 'DAY', week: 'WEEK', month: 'MONTH', year: 'YEAR', piece: 'PIECE' } as const;
const EMPLOYMENT_TYPE: Record<string, string> = {
  full_time: 'FULL_TIME',
  part_time: 'PART_TIME',
  temporary: 'TEMPORARY',
  seasonal: 'TEMPORARY',
  internship: 'INTERN',
  piece_work: 'OTHER',
};
const CREDENTIAL: Record<string, string> = {
  junior_middle: 'middle school',
  senior_middle: 'high school',
  vocational: 'vocational school',
  associate: 'associate degree',
  bachelor: "bachelor's degree",
  master: 'postgraduate degree',
  doctorate: 'postgraduate degree',
};

/**
 * A vacancy as schema.org JobPosting JSON-LD, the form job boards and search engines read:
 * the place as a PostalAddress of its division names, the offer as a MonetaryAmount in CNY
 * with the unit it was offered in.
 */
export function toJobPosting(vacancy: VacancyRow, employer: EmployerRow, regions: RegionDirectory) {
  const chain = regions.chain(vacancy.regionCode).reverse();
  const [province, ...below] = chain;
  const requiredNames = vacancy.requiredSkills.map((s) => s.name);
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting' as const,
    identifier: { '@type': 'PropertyValue', name: 'Duijie', value: vacancy.id },
    title: vacancy.title,
    description: vacancy.description || vacancy.title,
    datePosted: vacancy.datePosted.toISOString(),
    ...(vacancy.validThrough ? { validThrough: vacancy.validThrough.toISOString() } : {}),
    hiringOrganization: {
      '@type': 'Organization',
      name: employer.name,
      identifier: { '@type': 'PropertyValue', name: '统一社会信用代码', value: employer.creditCode },
    },
    jobLocation: {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        addressCountry: 'CN',
        ...(province ? { addressRegion: province.name } : {}),
        ...(below.length > 0 ? { addressLocality: below.map((r) => r.name).join('') } : {}),
        ...(vacancy.address ? { streetAddress: vacancy.address } : {}),
      },
      ...(vacancy.lat !== null && vacancy.lng !== null
        ? { geo: { '@type': 'GeoCoordinates', latitude: vacancy.lat, longitude: vacancy.lng } }
        : {}),
    },
    baseSalary: {
      '@type': 'MonetaryAmount',
      currency: 'CNY',
      value: {
        '@type': 'QuantitativeValue',
        ...(vacancy.wageMax !== null && vacancy.wageMax !== vacancy.wageMin
          ? { minValue: vacancy.wageMin, maxValue: vacancy.wageMax }
          : { value: vacancy.wageMin }),
        unitText: UNIT_TEXT[vacancy.wageUnit],
      },
    },
    employmentType: EMPLOYMENT_TYPE[vacancy.employmentType] ?? 'OTHER',
    ...(requiredNames.length > 0 ? { skills: requiredNames.join('、') } : {}),
    ...(vacancy.minEducation && CREDENTIAL[vacancy.minEducation]
      ? {
          educationRequirements: {
            '@type': 'EducationalOccupationalCredential',
            credentialCategory: CREDENTIAL[vacancy.minEducation],
          },
        }
      : {}),
    ...(vacancy.minExperienceMonths !== null
      ? {
          experienceRequirements: {
            '@type': 'OccupationalExperienceRequirements',
            monthsOfExperience: vacancy.minExperienceMonths,
          },
        }
      : {}),
    totalJobOpenings: vacancy.headcount - vacancy.filledCount,
  };
}
