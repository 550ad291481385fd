import type { StaffClaims } from '@duijie/contracts';
import { apiKeys, type Database, type FairCodeRow, fairCodes, fairs, newId } from '@duijie/db';
import { hashFairCode, mintKey, normaliseFairCode } from '@duijie/service-kit';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { errors } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { SIGN_IN_TTL_SECONDS, type StaffSignIn } from './sign-in.ts';

type Attempt = { code: string; address: string; requestId: string };

/**
 * Desk codes and booth codes (issued by a fair's staff, see matching's fairs/codes.ts)
 * exchanged for a credential. A wrong, expired or revoked code is one 401, and counts toward
 * the address's sign-in lock-out as a wrong password does (the same windows), so guessing
 * codes is as slow as guessing passwords; past it, every attempt is 429, the right code too.
 */
export class FairCodeSignIn {
  constructor(readonly signIn: StaffSignIn) {}

  get #db(): Database {
    return this.signIn.db;
  }

  /** A fair desk's staff token of the code's region, expiring no later than the code. */
  async deskToken(attempt: Attempt) {
    const row = await this.#find('desk', attempt);
    const [fair] = await this.#db.select({ name: fairs.name }).from(fairs).where(eq(fairs.id, row.fairId));
    // The token's `sub` is the code's id: revoking the code withdraws the token (staffStanding).
    const staff: StaffClaims = {
      staffId: row.id,
      name: `招聘会服务台 ${fair?.name ?? ''}`.trim().slice(0, 40),
      role: 'fair-desk',
      regionCode: row.regionCode,
    };
    // Token times are the real time whatever the clock says: every service checks them against it.
    const expires = Math.min(
      Math.floor(Date.now() / 1000) + SIGN_IN_TTL_SECONDS,
      Math.floor(row.expiresAt.getTime() / 1000),
    );
    const token = await this.signIn.staffTokens.issue(staff, expires);
    await recordAudit(this.#db, {
      actor: `staff:${row.id}`,
      action: 'staff.signed-in',
      subjectType: 'fair-code',
      subjectId: row.id,
      regionCode: row.regionCode,
      requestId: attempt.requestId,
      detail: { method: 'desk-code', fairId: row.fairId },
    });
    return { token, expiresAt: new Date(expires * 1000).toISOString(), staff, fairId: row.fairId };
  }

  /** A new key for the code's employer, good at the code's fair only, until the code expires. */
  async boothKey(attempt: Attempt) {
    const row = await this.#find('booth', attempt);
    const employerId = row.employerId;
    if (!employerId) throw new Error(`booth code ${row.id} names no employer`);
    const minted = mintKey();
    const keyId = newId('key');
    await this.#db.transaction(async (tx) => {
      await tx.insert(apiKeys).values({
        id: keyId,
        employerId,
        name: `展位码 ${row.id}`,
        prefix: minted.prefix,
        hash: minted.hash,
        createdBy: `fair-code:${row.id}`,
        createdAt: this.signIn.clock(),
        fairId: row.fairId,
        expiresAt: row.expiresAt,
        fairCodeId: row.id,
      });
      await recordAudit(tx, {
        actor: `api-key:${keyId}`,
        action: 'employer.booth-signed-in',
        subjectType: 'employer',
        subjectId: employerId,
        regionCode: row.regionCode,
        requestId: attempt.requestId,
        detail: { method: 'booth-code', fairId: row.fairId, codeId: row.id },
      });
    });
    return { key: minted.key, employerId, fairId: row.fairId, expiresAt: row.expiresAt.toISOString() };
  }

  /** The good code of this kind that was typed; 429 while the address is locked, 401 for anything wrong. */
  async #find(kind: FairCodeRow['kind'], { code, address }: Attempt): Promise<FairCodeRow> {
    this.signIn.refuseLockedOut({ address });
    const canonical = normaliseFairCode(code);
    const [row] = canonical
      ? await this.#db
          .select()
          .from(fairCodes)
          .where(
            and(
              eq(fairCodes.hash, hashFairCode(canonical)),
              eq(fairCodes.kind, kind),
              isNull(fairCodes.revokedAt),
              gt(fairCodes.expiresAt, this.signIn.clock()),
            ),
          )
      : [];
    if (!row) {
      this.signIn.countFailure({ address });
      throw errors.fairCodeWrong();
    }
    return row;
  }
}
