import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

const textArray = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);

/**
 * The embedded vacancy index (packages/search): the supply list shaped for retrieval, kept in
 * step with the vacancies by the matching service's outbox consumer. Not a system of record:
 * `reindex` rebuilds it from the vacancies.
 */
export const vacancyIndex = pgTable(
  'vacancy_index',
  {
    id: text('id').primaryKey(),
    employerId: text('employer_id').notNull(),
    employerBlacklisted: boolean('employer_blacklisted').notNull(),
    status: text('status').notNull(),
    title: text('title').notNull(),
    // jieba's words of the title, description and skills: a GIN-indexed array, matched exactly.
    words: textArray('words'),
    regionCodes: textArray('region_codes'),
    // The same codes by level, for btree indexes that keep each region's newest first.
    provinceCode: text('province_code'),
    prefectureCode: text('prefecture_code'),
    countyCode: text('county_code'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    monthlyWageMin: integer('monthly_wage_min').notNull(),
    monthlyWageMax: integer('monthly_wage_max').notNull(),
    occupationCode: text('occupation_code'),
    skillCodes: textArray('skill_codes'),
    fairIds: textArray('fair_ids'),
    livestreamIds: textArray('livestream_ids'),
    tags: textArray('tags'),
    datePosted: bigint('date_posted', { mode: 'number' }).notNull(),
    version: integer('version').notNull(),
  },
  (t) => [
    index('vacancy_index_words_idx').using('gin', t.words),
    index('vacancy_index_regions_idx').using('gin', t.regionCodes),
    index('vacancy_index_skills_idx').using('gin', t.skillCodes),
    index('vacancy_index_fairs_idx').using('gin', t.fairIds),
    index('vacancy_index_livestreams_idx').using('gin', t.livestreamIds),
    index('vacancy_index_tags_idx').using('gin', t.tags),
    index('vacancy_index_status_wage_idx').on(t.status, t.monthlyWageMax),
    // Newest first, overall and within a region of each level: a search without text reads
    // the first rows of one of these and stops at its limit.
    index('vacancy_index_status_posted_idx').on(t.status, t.datePosted.desc()),
    index('vacancy_index_province_posted_idx').on(t.status, t.provinceCode, t.datePosted.desc()),
    index('vacancy_index_prefecture_posted_idx').on(t.status, t.prefectureCode, t.datePosted.desc()),
    index('vacancy_index_county_posted_idx').on(t.status, t.countyCode, t.datePosted.desc()),
    index('vacancy_index_geo_idx').on(t.lat, t.lng),
    index('vacancy_index_employer_idx').on(t.employerId),
  ],
);
