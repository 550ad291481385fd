import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { staffAccounts } from './staff-accounts.ts';

/**
 * A person at an identity platform (issuer and subject, as its ID tokens name them) linked to
 * the staff account they sign in as. Made on their first OIDC sign-in; the account's status
 * and token generation hold for it exactly as for a password sign-in.
 */
export const staffOidcIdentities = pgTable(
  'staff_oidc_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    staffId: text('staff_id')
      .notNull()
      .unique()
      .references(() => staffAccounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] })],
);

export type StaffOidcIdentityRow = typeof staffOidcIdentities.$inferSelect;
