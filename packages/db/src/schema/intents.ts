import { index, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { employers } from './employers.ts';
import { id } from './util.ts';
import { vacancies } from './vacancies.ts';

/**
 * 达成就业意向: a seeker (or a livestream viewer) and an employer agree to proceed with a
 * vacancy. Counted, but it fills no post until a placement is confirmed.
 */
export const intents = pgTable(
  'intents',
  {
    id: id(),
    /** Where it was reached: a fair or a livestream id. */
    contextId: text('context_id').notNull(),
    /** The seeker, or at a livestream the viewer, who agreed. */
    personId: text('person_id').notNull(),
    vacancyId: text('vacancy_id')
      .notNull()
      .references(() => vacancies.id),
    employerId: text('employer_id')
      .notNull()
      .references(() => employers.id),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('intents_once_key').on(t.contextId, t.personId, t.vacancyId),
    index('intents_vacancy_idx').on(t.vacancyId),
  ],
);

export type IntentRow = typeof intents.$inferSelect;
