import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { id } from './util.ts';

/**
 * How a province's identity platform grants access (OIDC sign-in): a person whose claim
 * `claimName` holds `claimValue` (equal, or one of an array's values) gets an account of
 * `role` in `regionCode` on their first sign-in. Rules apply in the order they were made:
 * the first that matches decides. An admin keeps them within their own region.
 */
export const oidcClaimRules = pgTable(
  'oidc_claim_rules',
  {
    id: id(),
    claimName: text('claim_name').notNull(),
    claimValue: text('claim_value').notNull(),
    regionCode: text('region_code').notNull(),
    role: text('role', { enum: ['officer', 'admin', 'fair-desk'] }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('oidc_claim_rules_region_idx').on(t.regionCode)],
);

export type OidcClaimRuleRow = typeof oidcClaimRules.$inferSelect;
