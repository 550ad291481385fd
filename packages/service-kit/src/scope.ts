import { type Database, type SeekerRow, seekers } from '@duijie/db';
import { eq } from 'drizzle-orm';
import { type Caller, covers, requireStaff } from './caller.ts';
import { commonErrors } from './common-errors.ts';

/**
 * The seeker a staff member may see: outside their region it is 404, exactly as if it did
 * not exist, so a scope never leaks whether a person is on another county's list.
 */
export async function seekerInScope(db: Database, caller: Caller, id: string): Promise<SeekerRow> {
  const staff = requireStaff(caller);
  const [row] = await db.select().from(seekers).where(eq(seekers.id, id));
  if (!row || !covers(staff, row.residenceRegionCode)) throw commonErrors.seekerNotFound(id);
  return row;
}
