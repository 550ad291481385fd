import { NATIONWIDE, type StaffAccountInput, type StaffAccountQuery } from '@duijie/contracts';
import { type Database, newId, type StaffAccountRow, staffAccounts } from '@duijie/db';
import { regionPrefix } from '@duijie/regions';
import {
  actorOf,
  type Caller,
  covers,
  decodeCursor,
  maskPhone,
  outOfScope,
  regionPattern,
  requireStaff,
  toPage,
} from '@duijie/service-kit';
import { and, asc, eq, gt, like, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { errors } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { hashPassword, oneTimePassword } from './passwords.ts';

/** The next token generation: every token issued before is refused from now on. */
export const withdrawn = sql`${staffAccounts.tokenGeneration} + 1`;

type Admin = Extract<Caller, { kind: 'staff' }>;
type Context = { db: Database; clock: () => Date; requestId: string };

/** An account as answered: the phone masked; never the hash. */
export const toStaffAccount = (row: StaffAccountRow) => ({
  id: row.id,
  username: row.username,
  name: row.name,
  phone: maskPhone(row.phone),
  regionCode: row.regionCode,
  role: row.role,
  status: row.status,
  passwordChangeRequired: row.passwordChangeRequired,
  totpEnabled: row.totpEnabled,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** Accounts are an admin's to manage, within the admin's own region. */
export const adminOf = (caller: Caller): Admin => requireStaff(caller, 'admin');

/**
 * The account an admin may manage: outside their region it is 404, as if absent (an account
 * is a person's record, and a scope never says who is on another county's staff).
 */
export async function accountInScope(db: Database, admin: Admin, staffId: string): Promise<StaffAccountRow> {
  const [row] = await db.select().from(staffAccounts).where(eq(staffAccounts.id, staffId));
  if (!row || !covers(admin, row.regionCode)) throw errors.staffNotFound(staffId);
  return row;
}

/**
 * A new account, with a one-time password for its first sign-in (which must set the person's
 * own). The region must lie within the admin's; the username must be free.
 */
export async function createAccount(
  { db, requestId, clock }: Context,
  caller: Caller,
  input: z.infer<typeof StaffAccountInput>,
) {
  const admin = adminOf(caller);
  if (!covers(admin, input.regionCode)) throw outOfScope(input.regionCode, admin.regionCode);
  return insertAccount(db, input, { actor: actorOf(admin), requestId, now: clock() });
}

type NewAccount = Omit<z.infer<typeof StaffAccountInput>, 'role'> & { role: StaffAccountRow['role'] };

/** Stores an account with a new one-time password, audited; 409 when the username is taken. */
async function insertAccount(
  db: Database,
  input: NewAccount,
  by: { actor: string; requestId?: string | undefined; now: Date },
) {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(staffAccounts)
      .values({
        id: newId('stf'),
        ...input,
        passwordHash,
        passwordChangeRequired: true,
        createdBy: by.actor,
        createdAt: by.now,
        updatedAt: by.now,
      })
      .onConflictDoNothing({ target: staffAccounts.username })
      .returning();
    if (!inserted) throw errors.usernameTaken(input.username);
    await recordAudit(tx, {
      actor: by.actor,
      action: 'staff.created',
      subjectType: 'staff',
      subjectId: inserted.id,
      regionCode: inserted.regionCode,
      requestId: by.requestId,
      detail: { username: inserted.username, role: inserted.role },
    });
    return inserted;
  });
  return { ...toStaffAccount(row), oneTimePassword: password };
}

/**
 * The first admin of a region, made on the command line (`pnpm staff-admin`) by whoever runs
 * the system: there is no admin yet to make one through the API. Refused (null) when an
 * active admin already serves the region or one above it, unless `again`.
 */
export async function createAdminOnCommand(
  db: Database,
  input: Omit<NewAccount, 'role'>,
  options: { again?: boolean; now?: Date; actor?: string } = {},
) {
  if (!options.again) {
    const admins = await db
      .select({ id: staffAccounts.id, regionCode: staffAccounts.regionCode })
      .from(staffAccounts)
      .where(and(eq(staffAccounts.role, 'admin'), eq(staffAccounts.status, 'active')));
    const serving = admins.find(
      (a) => a.regionCode === NATIONWIDE || input.regionCode.startsWith(regionPrefix(a.regionCode)),
    );
    if (serving) return { refused: serving };
  }
  return insertAccount(
    db,
    { ...input, role: 'admin' },
    { actor: 'command:staff-admin', now: options.now ?? new Date() },
  );
}

/**
 * A fresh one-time password for an account nobody has signed in to yet (its one-time password
 * still unused), for the demo's banner; null when the person has set their own.
 */
export async function renewUnusedOneTimePassword(db: Database, username: string): Promise<string | null> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const [renewed] = await db
    .update(staffAccounts)
    .set({ passwordHash, tokenGeneration: withdrawn })
    .where(and(eq(staffAccounts.username, username), eq(staffAccounts.passwordChangeRequired, true)))
    .returning({ id: staffAccounts.id });
  return renewed ? password : null;
}

const StaffCursor = z.string().regex(/^stf_[0-9a-f]{32}$/);

/** A page of the accounts of the admin's region (or a region within it), oldest first. */
export async function listAccounts(db: Database, caller: Caller, q: z.infer<typeof StaffAccountQuery>) {
  const admin = adminOf(caller);
  const pattern = regionPattern(admin, q.regionCode);
  const conditions: (SQL | undefined)[] = [
    pattern ? like(staffAccounts.regionCode, pattern) : undefined,
    q.status ? eq(staffAccounts.status, q.status) : undefined,
    q.role ? eq(staffAccounts.role, q.role) : undefined,
    q.cursor ? gt(staffAccounts.id, decodeCursor(q.cursor, StaffCursor)) : undefined,
  ];
  const rows = await db
    .select()
    .from(staffAccounts)
    .where(and(...conditions))
    .orderBy(asc(staffAccounts.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toStaffAccount);
}

export async function getAccount(db: Database, caller: Caller, staffId: string) {
  return toStaffAccount(await accountInScope(db, adminOf(caller), staffId));
}

/**
 * Disables or enables an account. Disabling withdraws every token the person holds: each
 * service checks the account on every request (service-kit `staffStanding`). Enabling does
 * not bring old tokens back: the person signs in again. The same state again changes nothing.
 */
export async function setAccountStatus(
  { db, clock, requestId }: Context,
  caller: Caller,
  staffId: string,
  status: 'active' | 'disabled',
) {
  const admin = adminOf(caller);
  const current = await accountInScope(db, admin, staffId);
  if (status === 'disabled' && current.id === admin.staffId) throw errors.cannotDisableSelf();
  if (current.status === status) return toStaffAccount(current);
  const row = await changeByAdmin(
    { db, clock, requestId },
    admin,
    staffId,
    { status, ...(status === 'disabled' ? { tokenGeneration: withdrawn } : {}) },
    status === 'disabled' ? 'staff.disabled' : 'staff.enabled',
  );
  return toStaffAccount(row);
}

/** An admin's change to an account in their region, with its line on the audit trail, in one transaction. */
export async function changeByAdmin(
  { db, clock, requestId }: Context,
  admin: Admin,
  staffId: string,
  set: PgUpdateSetSource<typeof staffAccounts>,
  action: string,
): Promise<StaffAccountRow> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(staffAccounts)
      .set({ ...set, updatedAt: clock() })
      .where(eq(staffAccounts.id, staffId))
      .returning();
    if (!updated) throw errors.staffNotFound(staffId);
    await recordAudit(tx, {
      actor: actorOf(admin),
      action,
      subjectType: 'staff',
      subjectId: staffId,
      regionCode: updated.regionCode,
      requestId,
    });
    return updated;
  });
}

/**
 * An admin's reset: a new one-time password, the person's tokens withdrawn, and their next
 * sign-in must set a password of their own.
 */
export async function resetPassword({ db, clock, requestId }: Context, caller: Caller, staffId: string) {
  const admin = adminOf(caller);
  await accountInScope(db, admin, staffId);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const row = await changeByAdmin(
    { db, clock, requestId },
    admin,
    staffId,
    { passwordHash, passwordChangeRequired: true, tokenGeneration: withdrawn },
    'staff.password-reset',
  );
  return { ...toStaffAccount(row), oneTimePassword: password };
}
