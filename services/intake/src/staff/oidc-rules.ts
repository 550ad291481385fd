import { NATIONWIDE, type OidcClaimRuleInput, type OidcClaimRuleQuery } from '@duijie/contracts';
import { type Database, newId, type OidcClaimRuleRow, oidcClaimRules } from '@duijie/db';
import type { RegionDirectory } from '@duijie/regions';
import {
  actorOf,
  type Caller,
  covers,
  decodeCursor,
  outOfScope,
  regionOf,
  regionPattern,
  requireStaff,
  toPage,
} from '@duijie/service-kit';
import { and, asc, eq, gt, like, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { errors } from '../errors.ts';
import { recordAudit } from './audit.ts';

type Context = { db: Database; clock: () => Date; requestId: string };
const RuleCursor = z.string().regex(/^ocr_[0-9a-f]{32}$/);

export const toOidcClaimRule = (row: OidcClaimRuleRow) => ({
  id: row.id,
  claimName: row.claimName,
  claimValue: row.claimValue,
  regionCode: row.regionCode,
  role: row.role,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
});

/** The rules granting the admin's region (or a region within it), in the order they apply. */
export async function listRules(db: Database, caller: Caller, q: z.infer<typeof OidcClaimRuleQuery>) {
  const admin = requireStaff(caller, 'admin');
  const pattern = regionPattern(admin, q.regionCode);
  const conditions: (SQL | undefined)[] = [
    pattern ? like(oidcClaimRules.regionCode, pattern) : undefined,
    q.cursor ? gt(oidcClaimRules.id, decodeCursor(q.cursor, RuleCursor)) : undefined,
  ];
  const rows = await db
    .select()
    .from(oidcClaimRules)
    .where(and(...conditions))
    .orderBy(asc(oidcClaimRules.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toOidcClaimRule);
}

/**
 * A new rule, applying after those made before it. An admin grants only within their own
 * region: a rule granting a region outside it (a neighbour, or the province above) is 403.
 */
export async function createRule(
  { db, clock, requestId }: Context,
  regions: RegionDirectory,
  caller: Caller,
  input: z.infer<typeof OidcClaimRuleInput>,
) {
  const admin = requireStaff(caller, 'admin');
  const regionCode =
    input.regionCode === NATIONWIDE
      ? NATIONWIDE
      : regionOf(
          regions,
          { code: input.regionCode, name: input.region },
          { in: 'body', code: 'regionCode', name: 'region' },
        );
  if (!regionCode) throw errors.oidcRuleRegionRequired();
  if (!covers(admin, regionCode)) throw outOfScope(regionCode, admin.regionCode);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(oidcClaimRules)
      .values({
        id: newId('ocr'),
        claimName: input.claimName,
        claimValue: input.claimValue,
        regionCode,
        role: input.role,
        createdBy: actorOf(admin),
        createdAt: clock(),
      })
      .returning();
    if (!row) throw new Error('the rule was not stored');
    await recordAudit(tx, {
      actor: actorOf(admin),
      action: 'oidc-rule.created',
      subjectType: 'oidc-rule',
      subjectId: row.id,
      regionCode,
      requestId,
      detail: { claimName: row.claimName, claimValue: row.claimValue, role: row.role },
    });
    return toOidcClaimRule(row);
  });
}

/**
 * Deletes a rule of the admin's region (elsewhere: 404, as if absent). Accounts it made stay as
 * they are: an admin disables a person's account, a rule only decides first sign-ins.
 */
export async function deleteRule({ db, requestId }: Context, caller: Caller, ruleId: string) {
  const admin = requireStaff(caller, 'admin');
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(oidcClaimRules).where(eq(oidcClaimRules.id, ruleId));
    if (!row || !covers(admin, row.regionCode)) throw errors.oidcRuleNotFound(ruleId);
    await tx.delete(oidcClaimRules).where(eq(oidcClaimRules.id, ruleId));
    await recordAudit(tx, {
      actor: actorOf(admin),
      action: 'oidc-rule.deleted',
      subjectType: 'oidc-rule',
      subjectId: row.id,
      regionCode: row.regionCode,
      requestId,
      detail: { claimName: row.claimName, claimValue: row.claimValue, role: row.role },
    });
    return toOidcClaimRule(row);
  });
}
