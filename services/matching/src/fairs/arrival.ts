import type { CheckinInput, SeekerInput } from '@duijie/contracts';
import { type Executor, type SeekerRow, seekers, type Transaction } from '@duijie/db';
import { registerSeeker } from '@duijie/demand';
import { type Caller, covers, outOfScope } from '@duijie/service-kit';
import type { Taxonomy } from '@duijie/taxonomy';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { errors } from '../errors.ts';
import type { FairQrCodes } from './qr.ts';
import { reachableAtFair } from './reach.ts';

/** A check-in with a walk-in's residence resolved to its code (`checkin.ts` reads place names). */
export type ResolvedCheckin = Omit<z.infer<typeof CheckinInput>, 'walkIn'> & { walkIn?: SeekerInput | undefined };

export type Arrival = { seeker: SeekerRow; method: 'id_number' | 'phone' | 'qr' | 'walk_in'; registered: boolean };

type Staff = Extract<Caller, { kind: 'staff' }>;

/** The person with this ID number, if the staff reach them at the fair. */
async function byIdNumber(db: Executor, staff: Staff, fairId: string, idNumber: string) {
  const found = await db.select().from(seekers).where(eq(seekers.idNumber, idNumber));
  return (await reachableAtFair(db, staff, fairId, found))[0];
}

/**
 * Who is arriving: found by ID number, by phone (when only one person has it), by the QR code
 * on their slip for this fair, or — a walk-in not on the list — registered there and then.
 * ID numbers and phones find only seekers the staff reach at the fair (`reach.ts`): anyone
 * else is answered as no one. The QR code is the seeker's own proof of presence and finds them
 * wherever they live. A walk-in whose ID number the staff reach is simply checked in.
 */
export async function identifyArrival(
  tx: Transaction,
  fairId: string,
  input: ResolvedCheckin,
  context: { caller: Staff; qr: FairQrCodes; taxonomy: Taxonomy; now: Date; requestId: string },
): Promise<Arrival> {
  if (input.idNumber) {
    const seeker = await byIdNumber(tx, context.caller, fairId, input.idNumber);
    if (!seeker) {
      throw errors.seekerNotRegistered('idNumber');
    }
    return { seeker, method: 'id_number', registered: false };
  }
  if (input.phone) {
    const found = await reachableAtFair(
      tx,
      context.caller,
      fairId,
      await tx.select().from(seekers).where(eq(seekers.phone, input.phone)),
    );
    if (found.length === 0) {
      throw errors.seekerNotRegistered('phone');
    }
    if (found.length > 1) {
      throw errors.phoneShared();
    }
    return { seeker: found[0] as SeekerRow, method: 'phone', registered: false };
  }
  if (input.qr) {
    const subject = context.qr.read(input.qr);
    if (!subject) throw errors.qrInvalid();
    if (subject.fairId !== fairId) {
      throw errors.qrOtherFair(subject.fairId);
    }
    if (subject.kind !== 'seeker') {
      throw errors.qrNotASeeker();
    }
    const [seeker] = await tx.select().from(seekers).where(eq(seekers.id, subject.id));
    if (!seeker) throw errors.seekerOffTheList();
    return { seeker, method: 'qr', registered: false };
  }
  const walkIn = input.walkIn;
  if (!walkIn) throw errors.checkinOneWay();
  const known = await byIdNumber(tx, context.caller, fairId, walkIn.idNumber);
  if (known) return { seeker: known, method: 'id_number', registered: false };
  // As in intake, staff put people on their own region's list only (at a 劳务协作 fair the
  // origin's staff register the origin's walk-ins).
  if (!covers(context.caller, walkIn.residenceRegionCode)) {
    throw outOfScope(walkIn.residenceRegionCode, context.caller.regionCode);
  }
  // Someone the staff may not see is not checked in: registering answers them as intake's
  // registration answers the same staff, and neither names the person.
  const { row } = await registerSeeker(tx, walkIn, context);
  return { seeker: row, method: 'walk_in', registered: true };
}
