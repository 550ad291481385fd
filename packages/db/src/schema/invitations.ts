import { index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { employers } from './employers.ts';
import { seekers } from './seekers.ts';
import { id } from './util.ts';
import { vacancies } from './vacancies.ts';

/**
 * An employer's invitation to a candidate of one of its vacancies (邀约): sent through the
 * seeker's own channels, answered by the seeker through the link in the message. One per
 * seeker and vacancy. The answer link's token is not stored: it is an HMAC of the id.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    vacancyId: text('vacancy_id')
      .notNull()
      .references(() => vacancies.id),
    employerId: text('employer_id')
      .notNull()
      .references(() => employers.id),
    seekerId: text('seeker_id')
      .notNull()
      .references(() => seekers.id),
    /** The employer's words, plain text, checked for links and numbers (contracts InvitationMessage). */
    message: text('message').notNull(),
    status: text('status', { enum: ['sent', 'accepted', 'declined'] })
      .notNull()
      .default('sent'),
    /** Who sent it: `api-key:<id>` or `staff:<id>`. */
    sentBy: text('sent_by').notNull(),
    /** Messages the notification service planned for it (0: no channel reaches the seeker); null until planned. */
    plannedMessages: integer('planned_messages'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('invitations_once_key').on(t.vacancyId, t.seekerId),
    // The daily cap counts an employer's invitations of the day.
    index('invitations_employer_idx').on(t.employerId, t.createdAt),
    index('invitations_vacancy_idx').on(t.vacancyId, t.id),
  ],
);

export type InvitationRow = typeof invitations.$inferSelect;
