import { sql } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamps } from './util.ts';

/**
 * The skill vocabulary in the database: what the taxonomy package ships (ESCO/ISCO and the
 * curated Chinese trades), plus skills staff add. Vacancies and seekers refer to `code`.
 */
export const skills = pgTable(
  'skills',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    familyCode: text('family_code'),
    synonyms: text('synonyms').array().notNull().default(sql`'{}'::text[]`),
    source: text('source', { enum: ['esco', 'curated', 'staff'] }).notNull(),
    ...timestamps,
  },
  (t) => [index('skills_family_idx').on(t.familyCode)],
);

export type SkillRow = typeof skills.$inferSelect;
