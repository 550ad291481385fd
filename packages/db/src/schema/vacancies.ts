import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { employers } from './employers.ts';
import { id, timestamps, version } from './util.ts';

export type SkillRecord = { code?: string; name: string; level?: string; years?: number };

/**
 * What a post says beyond the columns, read by the ranking and shown as given: its working
 * time (for converting hour and day wages), the pay in its own words, who a 公益岗位 is for,
 * the groups it prefers, social insurance and the years a driving licence must be held.
 */
export type VacancyTerms = {
  hoursPerDay?: number;
  daysPerMonth?: number;
  restDaysPerMonth?: number;
  wageNote?: string;
  monthlyEstimate?: { min: number; max?: number };
  socialInsurance?: boolean;
  drivingLicenceYears?: number;
  priorityGroups?: string[];
  publicWelfareEligibility?: { groups: string[]; residenceRegionCodes: string[]; cannotLeaveHome: boolean };
};

/** The supply list (岗位供给清单). */
export const vacancies = pgTable(
  'vacancies',
  {
    id: id(),
    employerId: text('employer_id')
      .notNull()
      .references(() => employers.id),
    externalId: text('external_id'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    occupationCode: text('occupation_code'),
    requiredSkills: jsonb('required_skills').$type<SkillRecord[]>().notNull().default([]),
    preferredSkills: jsonb('preferred_skills').$type<SkillRecord[]>().notNull().default([]),
    requiredCertificates: text('required_certificates').array().notNull().default(sql`'{}'::text[]`),
    regionCode: text('region_code').notNull(),
    address: text('address'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    // The raw offer, and the same in integer yuan per month for comparing.
    // Yuan with fen (22.5 元/小时): the monthly figures below stay whole yuan.
    wageMin: doublePrecision('wage_min').notNull(),
    wageMax: doublePrecision('wage_max'),
    wageUnit: text('wage_unit', { enum: ['hour', 'day', 'week', 'month', 'year', 'piece'] }).notNull(),
    piecesPerMonth: integer('pieces_per_month'),
    monthlyWageMin: integer('monthly_wage_min').notNull(),
    monthlyWageMax: integer('monthly_wage_max').notNull(),
    headcount: integer('headcount').notNull(),
    filledCount: integer('filled_count').notNull().default(0),
    employmentType: text('employment_type').notNull().default('full_time'),
    minEducation: text('min_education'),
    minExperienceMonths: integer('min_experience_months'),
    ageMin: integer('age_min'),
    ageMax: integer('age_max'),
    housingProvided: boolean('housing_provided').notNull().default(false),
    mealsProvided: boolean('meals_provided').notNull().default(false),
    shift: text('shift'),
    publicWelfare: boolean('public_welfare').notNull().default(false),
    terms: jsonb('terms').$type<VacancyTerms>().notNull().default({}),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: ['open', 'closed', 'expired', 'filled'] })
      .notNull()
      .default('open'),
    datePosted: timestamp('date_posted', { withTimezone: true }).notNull().defaultNow(),
    validThrough: timestamp('valid_through', { withTimezone: true }),
    ...timestamps,
    ...version,
  },
  (t) => [
    index('vacancies_employer_idx').on(t.employerId),
    index('vacancies_status_region_idx').on(t.status, t.regionCode),
    index('vacancies_valid_through_idx').on(t.validThrough),
    uniqueIndex('vacancies_employer_external_idx').on(t.employerId, t.externalId),
  ],
);

export type VacancyRow = typeof vacancies.$inferSelect;
export type VacancyInsertRow = typeof vacancies.$inferInsert;
