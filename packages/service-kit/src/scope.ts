import { type Database, preparedPerDatabase, type SeekerRow, seekers } from '@duijie/db';
import { eq, sql } from 'drizzle-orm';
import { type Caller, covers, requireStaff } from './caller.ts';
import { commonErrors } from './common-errors.ts';

/**
 * The seeker a staff member may see: outside their region it is 404, exactly as if it did
 * not exist, so a scope never leaks whether a person is on another county's list.
 */
const seekerById = preparedPerDatabase((db) =>
  db
    .select()
    .from(seekers)
    .where(eq(seekers.id, sql.placeholder('id')))
    .prepare('seeker_by_id'),
);

export async function seekerInScope(db: Database, caller: Caller, id: string): Promise<SeekerRow> {
  const staff = requireStaff(caller);
  const [row] = await seekerById(db).execute({ id });
  if (!row || !covers(staff, row.residenceRegionCode)) throw commonErrors.seekerNotFound(id);
  return row;
}
