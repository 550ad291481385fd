import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * An OIDC sign-in between its start and the provider's callback: kept server-side (any intake
 * replica may get the callback), taken once (deleted as it is read) and dead after minutes.
 * The browser that started it holds a random binding in an httpOnly cookie, stored here only
 * as its SHA-256, so a callback link sent to somebody else signs nobody in.
 */
export const oidcPendingSignIns = pgTable('oidc_pending_sign_ins', {
  state: text('state').primaryKey(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  browserHash: text('browser_hash').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export type OidcPendingSignInRow = typeof oidcPendingSignIns.$inferSelect;
