import { type Database, type StaffAccountRow, staffAccounts } from '@duijie/db';
import { actorOf, type Caller, requireStaff } from '@duijie/service-kit';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { generateSecret, generateURI, verify } from 'otplib';
import { errors } from '../errors.ts';
import { accountInScope, adminOf, changeByAdmin, toStaffAccount, withdrawn } from './accounts.ts';
import { recordAudit } from './audit.ts';

// A second factor for staff (RFC 6238 TOTP, any authenticator app: 微信/支付宝's own, Google
// Authenticator, FreeOTP). Optional per person; an admin who manages a region's accounts
// should turn it on. The person enrols themselves (a secret, then a code proving the app has
// it); an admin of their region resets it for a lost phone.

const PERIOD = 30;
/** The code before and after the current one: a phone's clock a little off, a code typed as it changed. */
const TOLERANCE_SECONDS = PERIOD;
const ISSUER = '对接 Duijie';

type Context = { db: Database; clock: () => Date; requestId: string };

/**
 * The time step of `code` if it is one of the account's current codes and newer than the last
 * accepted (a code is good once), else null.
 */
export async function acceptedStep(account: StaffAccountRow, code: string, now: Date): Promise<number | null> {
  if (!account.totpSecret) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({ secret: account.totpSecret, token: code, epoch, epochTolerance: TOLERANCE_SECONDS });
  if (!result.valid) return null;
  const step = Math.floor(epoch / PERIOD) + result.delta;
  if (account.totpLastStep !== null && step <= account.totpLastStep) return null;
  return step;
}

/** Records `step` as used, unless a concurrent request used it (or a later one) first. */
export async function useStep(db: Database, accountId: string, step: number, extra: { totpEnabled?: true } = {}) {
  const [row] = await db
    .update(staffAccounts)
    .set({ totpLastStep: step, ...extra })
    .where(
      and(
        eq(staffAccounts.id, accountId),
        or(isNull(staffAccounts.totpLastStep), lt(staffAccounts.totpLastStep, step)),
      ),
    )
    .returning();
  return row;
}

/** The caller's own account: a token of no account (staff-token's, for automation) has none. */
async function ownAccount(db: Database, caller: Caller): Promise<StaffAccountRow> {
  const staff = requireStaff(caller);
  const [row] = await db.select().from(staffAccounts).where(eq(staffAccounts.id, staff.staffId));
  if (!row) throw errors.noStaffAccount();
  return row;
}

/** A new secret for the caller's authenticator app; it counts once confirmed with a code. */
export async function startEnrolment({ db, clock, requestId }: Context, caller: Caller) {
  const account = await ownAccount(db, caller);
  if (account.totpEnabled) throw errors.totpAlreadyOn();
  const secret = generateSecret();
  await db.transaction(async (tx) => {
    await tx
      .update(staffAccounts)
      .set({ totpSecret: secret, totpLastStep: null, updatedAt: clock() })
      .where(eq(staffAccounts.id, account.id));
    await recordAudit(tx, {
      actor: actorOf(caller),
      action: 'staff.totp-enrolment-started',
      subjectType: 'staff',
      subjectId: account.id,
      regionCode: account.regionCode,
      requestId,
    });
  });
  return { secret, uri: generateURI({ issuer: ISSUER, label: account.username, secret }) };
}

/** Turns the second factor on, given a code the app shows: from now on, sign-in asks for one. */
export async function confirmEnrolment({ db, clock, requestId }: Context, caller: Caller, code: string) {
  const account = await ownAccount(db, caller);
  if (account.totpEnabled) throw errors.totpAlreadyOn();
  if (!account.totpSecret) throw errors.totpNotStarted();
  const step = await acceptedStep(account, code, clock());
  const row = step === null ? undefined : await useStep(db, account.id, step, { totpEnabled: true });
  if (!row) throw errors.totpWrong();
  await recordAudit(db, {
    actor: actorOf(caller),
    action: 'staff.totp-enabled',
    subjectType: 'staff',
    subjectId: account.id,
    regionCode: account.regionCode,
    requestId,
  });
  return toStaffAccount(row);
}

/**
 * An admin's reset of a person's second factor (a lost or changed phone): off, the secret
 * gone, and the person's tokens withdrawn (the phone may be in someone else's hands).
 */
export async function resetSecondFactor(context: Context, caller: Caller, staffId: string) {
  const admin = adminOf(caller);
  await accountInScope(context.db, admin, staffId);
  const off = { totpSecret: null, totpEnabled: false, totpLastStep: null, tokenGeneration: withdrawn };
  return toStaffAccount(await changeByAdmin(context, admin, staffId, off, 'staff.totp-reset'));
}
