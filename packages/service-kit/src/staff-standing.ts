import { type Database, fairCodes, preparedPerDatabase, staffAccounts } from '@duijie/db';
import { eq, sql } from 'drizzle-orm';
import type { StaffStanding } from './caller.ts';

/**
 * A staff token's account, read on every request that carries one: one primary-key look-up
 * (well under a millisecond), and no cache, so a disabled person is refused by every service
 * on their very next request, whichever process serves it. A token stands when its account
 * is active and the token is of the account's current generation (a disable, a password
 * change or a reset raises it). A token of an id that has no account (`pnpm staff-token`, for
 * automation) stands: only the secret's holders mint those. A desk code's token (its `sub` is
 * the code's id) stands while the code is not revoked.
 */
const deskCode = preparedPerDatabase((db) =>
  db
    .select({ revokedAt: fairCodes.revokedAt })
    .from(fairCodes)
    .where(eq(fairCodes.id, sql.placeholder('id')))
    .prepare('staff_standing_desk_code'),
);
const account = preparedPerDatabase((db) =>
  db
    .select({ status: staffAccounts.status, tokenGeneration: staffAccounts.tokenGeneration })
    .from(staffAccounts)
    .where(eq(staffAccounts.id, sql.placeholder('id')))
    .prepare('staff_standing_account'),
);

export function staffStanding(db: Database): StaffStanding {
  return async (staffId, generation) => {
    // A fair desk's token from a desk code names the code: revoking the code withdraws it.
    if (staffId.startsWith('fcd_')) {
      const [code] = await deskCode(db).execute({ id: staffId });
      return code !== undefined && code.revokedAt === null;
    }
    const [found] = await account(db).execute({ id: staffId });
    if (!found) return true;
    return found.status === 'active' && found.tokenGeneration === generation;
  };
}
