import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps } from './util.ts';

/**
 * The people who sign in: bureau staff. A staff token names its account (`sub`), and every
 * service refuses a token whose account is disabled, or whose generation (`gen` claim) is not
 * the account's `tokenGeneration` (raised by a disable, a password change or reset). Tokens of ids that have no account (`pnpm staff-token`, for
 * automation) are not affected.
 */
export const staffAccounts = pgTable(
  'staff_accounts',
  {
    id: id(),
    /** Lower-case; unique. */
    username: text('username').notNull().unique(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    regionCode: text('region_code').notNull(),
    role: text('role', { enum: ['officer', 'admin', 'fair-desk'] }).notNull(),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    /** argon2id, in its PHC string (parameters and salt inside). */
    passwordHash: text('password_hash').notNull(),
    /** Set by creation and by an admin's reset: sign-in refuses until the person sets their own. */
    passwordChangeRequired: boolean('password_change_required').notNull().default(true),
    /**
     * A second factor (RFC 6238 TOTP, an authenticator app): the shared secret, base32. Set when
     * the person starts enrolling; it counts only once `totpEnabled` (they typed a good code).
     */
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** The 30-second step of the last code accepted: a code is good once (RFC 6238 §5.2). */
    totpLastStep: integer('totp_last_step'),
    /** Tokens carry it; raising it withdraws every token issued before (exact, unlike a time in whole seconds). */
    tokenGeneration: integer('token_generation').notNull().default(1),
    createdBy: text('created_by').notNull(),
    ...timestamps,
  },
  (t) => [index('staff_accounts_region_idx').on(t.regionCode)],
);

export type StaffAccountRow = typeof staffAccounts.$inferSelect;
