import { type Executor, fairCheckins, type SeekerRow, seekers } from '@duijie/db';
import { type Caller, covers } from '@duijie/service-kit';
import { and, eq } from 'drizzle-orm';
import { errors } from '../errors.ts';

type Staff = Extract<Caller, { kind: 'staff' }>;

/**
 * Whether a fair's staff reach a seeker at that fair: when their region covers the seeker's
 * (the rule of `/v1/seekers`), or when the seeker has checked in at this fair. Checking in
 * takes staff who may see the seeker, or the seeker's own QR code (proof they are there, which
 * only staff who may see them can print), so the second never widens what a region can find:
 * a 深圳 desk at a 劳务协作 fair serves the 郧西 workers who came, not 郧西's list.
 */
export async function reachesAtFair(
  db: Executor,
  staff: Staff,
  fairId: string,
  seeker: Pick<SeekerRow, 'id' | 'residenceRegionCode'>,
): Promise<boolean> {
  if (covers(staff, seeker.residenceRegionCode)) return true;
  const [here] = await db
    .select({ seekerId: fairCheckins.seekerId })
    .from(fairCheckins)
    .where(and(eq(fairCheckins.fairId, fairId), eq(fairCheckins.seekerId, seeker.id)));
  return Boolean(here);
}

/** Of seekers found by ID number or phone, those the staff reach at the fair. */
export async function reachableAtFair(db: Executor, staff: Staff, fairId: string, found: readonly SeekerRow[]) {
  const reached: SeekerRow[] = [];
  for (const seeker of found) if (await reachesAtFair(db, staff, fairId, seeker)) reached.push(seeker);
  return reached;
}

/** The seeker, or 404 exactly as for an id that is no one's, unless the staff reach them at the fair. */
export async function seekerAtFair(db: Executor, staff: Staff, fairId: string, seekerId: string): Promise<SeekerRow> {
  const [seeker] = await db.select().from(seekers).where(eq(seekers.id, seekerId));
  if (!seeker || !(await reachesAtFair(db, staff, fairId, seeker))) throw errors.seekerNotFound(seekerId);
  return seeker;
}
