import type { VacancyRow } from '@duijie/db';
import type { RegionDirectory } from '@duijie/regions';
import { normalizeText, type Taxonomy } from '@duijie/taxonomy';
import type { VacancyDocument } from './port.ts';

/**
 * A vacancy as the index keeps it. Both adapters get the same shape, chosen for what search
 * engines do badly: every level of the region is its own value (a filter on a county, a
 * prefecture or a province is an equality, not a prefix), skills are a flat array of codes
 * (no filtering inside arrays of objects), and Chinese text is cut into words by jieba before
 * it is indexed, so 电焊工 is found by 电焊 without relying on the engine's own segmentation.
 */
export function toVacancyDocument(
  vacancy: VacancyRow,
  employer: { blacklisted: boolean },
  lookups: { regions: RegionDirectory; taxonomy: Taxonomy },
  placement: { fairIds?: string[]; livestreamIds?: string[] } = {},
): VacancyDocument {
  const skills = [...vacancy.requiredSkills, ...vacancy.preferredSkills];
  return {
    id: vacancy.id,
    employerId: vacancy.employerId,
    employerBlacklisted: employer.blacklisted,
    status: vacancy.status,
    title: vacancy.title,
    words: wordsOf([vacancy.title, vacancy.description, ...skills.map((s) => s.name)].join(' '), lookups.taxonomy),
    regionCodes: regionCodesOf(vacancy.regionCode, lookups.regions),
    lat: vacancy.lat,
    lng: vacancy.lng,
    monthlyWageMin: vacancy.monthlyWageMin,
    monthlyWageMax: vacancy.monthlyWageMax,
    occupationCode: vacancy.occupationCode,
    skillCodes: [...new Set(skills.map((s) => s.code).filter((c): c is string => Boolean(c)))],
    fairIds: placement.fairIds ?? [],
    livestreamIds: placement.livestreamIds ?? [],
    tags: [
      ...(vacancy.publicWelfare ? ['public_welfare'] : []),
      ...(vacancy.housingProvided ? ['housing'] : []),
      ...(vacancy.mealsProvided ? ['meals'] : []),
      ...vacancy.tags,
    ],
    datePosted: Math.floor(vacancy.datePosted.getTime() / 1000),
    version: vacancy.version,
  };
}

/** A workplace's code and every level above it, as a filter on regions matches them (see VacancyDocument). */
export function regionCodesOf(code: string, regions: RegionDirectory): string[] {
  const codes = regions.chain(code).map((r) => r.code);
  if (code.length === 12) codes.unshift(code);
  return codes.length > 0 ? codes : [code];
}

/** Distinct search-mode words of normalised text (single characters kept only when CJK). */
export function wordsOf(text: string, taxonomy: Taxonomy): string[] {
  const words = taxonomy
    .segment(normalizeText(text).toLowerCase())
    .map((w) => w.trim())
    .filter((w) => w.length > 1 || /\p{Script=Han}/u.test(w))
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  return [...new Set(words)];
}
