import type { StaffClaims } from '@duijie/contracts';
import { type Database, type StaffAccountRow, staffAccounts } from '@duijie/db';
import { type RateLimit, RateWindows, rateLimited, type StaffTokens } from '@duijie/service-kit';
import { eq, sql } from 'drizzle-orm';
import { errors } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { hashPassword, passwordMatches, spendAsIfChecking } from './passwords.ts';
import { acceptedStep, useStep } from './totp.ts';

/** How long a signed-in token lasts: a working day. */
export const SIGN_IN_TTL_SECONDS = 12 * 3600;

export type SignInLimits = {
  /** Failed sign-ins per username before it is locked for the rest of the window (default 5 in 15 minutes). */
  perUsername?: RateLimit;
  /** Failed sign-ins per client address (default 20 in 15 minutes). */
  perAddress?: RateLimit;
};

const COUNTED_FAILURES = { zh: '次登录失败', en: 'failed sign-ins' };

type Attempt = { username: string; password: string; totp?: string | undefined; address: string; requestId: string };

/**
 * Sign-in and password change by username and password. Whatever is wrong (no such user, a
 * wrong password) the answer is the same 401 after the same work (a dummy hash is checked for
 * an unknown user), so the answers do not say who has an account. Failures are counted per
 * username (known or not, so a lock-out says nothing either) and per address, in this
 * process's memory; past the limit every attempt is 429 until the window ends, the right
 * password too. Only with the right password does the answer say more (disabled, or a new
 * password needed).
 */
export class StaffSignIn {
  readonly #failures: { username: RateWindows; address: RateWindows };
  /** Failed sign-ins' audit lines being written behind their answers. */
  readonly #writing = new Set<Promise<void>>();

  constructor(
    readonly db: Database,
    readonly staffTokens: StaffTokens,
    readonly clock: () => Date,
    limits: SignInLimits = {},
    /** A failed sign-in's audit line that could not be written (the answer was sent already). */
    private readonly onAuditError: (err: unknown) => void = () => {},
  ) {
    const now = () => clock().getTime();
    this.#failures = {
      username: new RateWindows(limits.perUsername ?? { max: 5, windowMs: 15 * 60_000 }, now),
      address: new RateWindows(limits.perAddress ?? { max: 20, windowMs: 15 * 60_000 }, now),
    };
  }

  /**
   * 429 while any of these keys is locked out. Failed sign-ins of every kind (passwords, second
   * factors, desk and booth codes) count toward one address's lock-out.
   */
  refuseLockedOut(keys: { username?: string; address: string }) {
    for (const [windows, key] of [
      [this.#failures.username, keys.username],
      [this.#failures.address, keys.address],
    ] as const) {
      const wait = key === undefined ? 0 : windows.retryAfter(key);
      if (wait) throw rateLimited(windows.limit, wait, COUNTED_FAILURES);
    }
  }

  /** Counts a failed sign-in against the keys (see refuseLockedOut). */
  countFailure(keys: { username?: string; address: string }) {
    if (keys.username !== undefined) this.#failures.username.hit(keys.username);
    this.#failures.address.hit(keys.address);
  }

  /** Until the audit lines of failed sign-ins answered so far are written (at close). */
  async settled(): Promise<void> {
    await Promise.all([...this.#writing]);
  }

  /** A staff token for the account whose password this is. */
  async signIn(attempt: Attempt) {
    const account = await this.#check(attempt);
    if (account.passwordChangeRequired) throw errors.passwordChangeRequired();
    return this.signedIn(account, attempt.requestId, 'password');
  }

  /** The audit line of a sign-in, however it was made, and the account's staff token. */
  async signedIn(account: StaffAccountRow, requestId: string, method: 'password' | 'oidc') {
    await recordAudit(this.db, {
      actor: `staff:${account.id}`,
      action: 'staff.signed-in',
      subjectType: 'staff',
      subjectId: account.id,
      regionCode: account.regionCode,
      requestId,
      detail: { method },
    });
    return this.tokenFor(account);
  }

  /**
   * Sets a new password, given the one in use (or the one-time password of a new or reset
   * account); every token issued before is withdrawn, and a new one answered.
   */
  async changePassword(attempt: Attempt & { newPassword: string }) {
    const account = await this.#check(attempt);
    if (attempt.newPassword === attempt.password) throw errors.passwordUnchanged();
    if (attempt.newPassword.toLowerCase().includes(account.username)) throw errors.passwordHasUsername();
    const passwordHash = await hashPassword(attempt.newPassword);
    const now = this.clock();
    const updated = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(staffAccounts)
        .set({
          passwordHash,
          passwordChangeRequired: false,
          tokenGeneration: sql`${staffAccounts.tokenGeneration} + 1`,
          updatedAt: now,
        })
        .where(eq(staffAccounts.id, account.id))
        .returning();
      if (!row) throw errors.signInFailed();
      await recordAudit(tx, {
        actor: `staff:${account.id}`,
        action: 'staff.password-changed',
        subjectType: 'staff',
        subjectId: account.id,
        regionCode: account.regionCode,
        requestId: attempt.requestId,
      });
      return row;
    });
    return this.tokenFor(updated);
  }

  /**
   * The active account whose password (and, once it has one, second factor) was given; 429
   * when locked, 401 for anything wrong. A wrong code counts as a failure like a wrong password.
   */
  async #check({ username, password, totp, address, requestId }: Attempt): Promise<StaffAccountRow> {
    const usernameKey = username.toLowerCase();
    this.refuseLockedOut({ username: usernameKey, address });
    const [account] = await this.db.select().from(staffAccounts).where(eq(staffAccounts.username, usernameKey));
    const good = account ? await passwordMatches(account.passwordHash, password) : await spendAsIfChecking(password);
    const fail = async (refusal: Error) => {
      this.countFailure({ username: usernameKey, address });
      // Written behind the answer: awaited, a known account's failure took one commit longer
      // than an unknown username's, and the time told who has an account.
      if (account) {
        const line: Promise<void> = recordAudit(this.db, {
          actor: 'anonymous',
          action: 'staff.sign-in-failed',
          subjectType: 'staff',
          subjectId: account.id,
          regionCode: account.regionCode,
          requestId,
        })
          .then(
            () => {},
            (err: unknown) => this.onAuditError(err),
          )
          .finally(() => this.#writing.delete(line));
        this.#writing.add(line);
      }
      return refusal;
    };
    if (!account || !good) throw await fail(errors.signInFailed());
    if (account.status !== 'active') throw errors.accountDisabled();
    // Only past the right password does the answer say a code is needed.
    if (account.totpEnabled) {
      if (!totp) throw errors.totpRequired();
      const step = await acceptedStep(account, totp, this.clock());
      const used = step === null ? undefined : await useStep(this.db, account.id, step);
      if (!used) throw await fail(errors.totpWrong());
      return used;
    }
    return account;
  }

  /** The staff token for an account (signed in by password or through OIDC). */
  async tokenFor(account: StaffAccountRow) {
    const staff: StaffClaims = {
      staffId: account.id,
      name: account.name,
      role: account.role,
      regionCode: account.regionCode,
    };
    // Token times are the real time whatever the clock says: every service checks them against it.
    const expires = Math.floor(Date.now() / 1000) + SIGN_IN_TTL_SECONDS;
    const token = await this.staffTokens.issue(staff, expires, account.tokenGeneration);
    return { token, expiresAt: new Date(expires * 1000).toISOString(), staff };
  }
}
