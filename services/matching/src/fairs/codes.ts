import type { FairCode, FairCodeInput } from '@duijie/contracts';
import { apiKeys, type Database, type FairCodeRow, type FairRow, fairBooths, fairCodes, newId } from '@duijie/db';
import { actorOf, type Caller, covers, mintFairCode, requireStaff } from '@duijie/service-kit';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { errors } from '../errors.ts';
import { keepsBooth, runsFair } from './access.ts';

type Context = { db: Database; now: Date };
type Input = z.infer<typeof FairCodeInput>;

/** A code as listed: never the code, which only its hash keeps. */
export const fairCodeView = (row: FairCodeRow): z.infer<typeof FairCode> => ({
  id: row.id,
  kind: row.kind,
  fairId: row.fairId,
  employerId: row.employerId,
  regionCode: row.regionCode,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

/** The fair's end, or the earlier time asked for; 422 when that has passed. */
function expiryOf(fair: FairRow, input: Input, now: Date): Date {
  const asked = input.expiresAt ? Date.parse(input.expiresAt) : fair.endsAt.getTime();
  const expiresAt = new Date(Math.min(asked, fair.endsAt.getTime()));
  if (expiresAt <= now) throw errors.codeExpiryPassed(expiresAt.toISOString());
  return expiresAt;
}

async function insertCode(db: Database, values: Omit<typeof fairCodes.$inferInsert, 'id' | 'hash'>) {
  const { code, hash } = mintFairCode();
  const [row] = await db
    .insert(fairCodes)
    .values({ id: newId('fcd'), hash, ...values })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return { ...fairCodeView(row), code };
}

/**
 * A desk code: staff who run the fair hand it to the tablet at the door, which exchanges it
 * for a fair desk's token of the region through which they run it (the venue's, or for 劳务协作
 * staff of the origin, the origin's).
 */
export async function issueDeskCode({ db, now }: Context, caller: Caller, fair: FairRow, input: Input) {
  const staff = runsFair(caller, fair);
  const regionCode =
    covers(staff, fair.venueRegionCode) || !fair.originRegionCode ? fair.venueRegionCode : fair.originRegionCode;
  return insertCode(db, {
    kind: 'desk',
    fairId: fair.id,
    regionCode,
    createdBy: actorOf(staff),
    createdAt: now,
    expiresAt: expiryOf(fair, input, now),
  });
}

/**
 * A booth code: for an employer with a booth at the fair, by staff who run the fair and may
 * act for the employer (as for taking its booth). Not by the employer's key: the codes are the
 * fair's to hand out and to take back.
 */
export async function issueBoothCode(
  { db, now }: Context,
  caller: Caller,
  fair: FairRow,
  employerId: string,
  input: Input,
) {
  const staff = requireStaff(caller);
  await keepsBooth(db, staff, fair, employerId);
  const [booth] = await db
    .select({ booth: fairBooths.booth })
    .from(fairBooths)
    .where(and(eq(fairBooths.fairId, fair.id), eq(fairBooths.employerId, employerId)));
  if (!booth) throw errors.boothNotFound(employerId);
  return insertCode(db, {
    kind: 'booth',
    fairId: fair.id,
    employerId,
    regionCode: fair.venueRegionCode,
    createdBy: actorOf(staff),
    createdAt: now,
    expiresAt: expiryOf(fair, input, now),
  });
}

/** The fair's codes, newest first, for the staff who run it. */
export async function listFairCodes(db: Database, caller: Caller, fair: FairRow) {
  runsFair(caller, fair);
  const rows = await db
    .select()
    .from(fairCodes)
    .where(eq(fairCodes.fairId, fair.id))
    .orderBy(desc(fairCodes.createdAt), desc(fairCodes.id));
  return { items: rows.map(fairCodeView) };
}

/**
 * Takes a code back: it can no longer be exchanged, a desk code's tokens are refused at once
 * (service-kit `staffStanding`), and the keys a booth code gave are revoked with it.
 */
export async function revokeFairCode({ db, now }: Context, caller: Caller, fair: FairRow, codeId: string) {
  runsFair(caller, fair);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(fairCodes)
      .where(and(eq(fairCodes.id, codeId), eq(fairCodes.fairId, fair.id)));
    if (!row) throw errors.fairCodeNotFound(codeId);
    if (row.revokedAt) return fairCodeView(row);
    const [revoked] = await tx.update(fairCodes).set({ revokedAt: now }).where(eq(fairCodes.id, codeId)).returning();
    await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.fairCodeId, codeId), isNull(apiKeys.revokedAt)));
    return fairCodeView(revoked ?? row);
  });
}
