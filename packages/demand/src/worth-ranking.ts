import { type Executor, type SeekerRow, seekers } from '@duijie/db';
import { type RegionDirectory, regionPrefix } from '@duijie/regions';
import type { Taxonomy } from '@duijie/taxonomy';
import { and, arrayOverlaps, eq, inArray, like, or } from 'drizzle-orm';

const NATIONWIDE = '000000';

/**
 * The seekers worth ranking for a vacancy (reverse matching): active, and either with one of
 * its skills (or a related one) or living in its province; only those in `within` (a staff
 * member's region), and at most `limit`. The engine then ranks them exactly. `only` narrows
 * it to the seekers named (is this one a candidate at all?).
 */
export async function seekersWorthRanking(
  db: Executor,
  vacancy: { regionCode: string; requiredSkills: readonly { code?: string }[] },
  options: { taxonomy: Taxonomy; regions: RegionDirectory; within?: string; limit: number; only?: readonly string[] },
): Promise<SeekerRow[]> {
  const { taxonomy, regions } = options;
  const codes = vacancy.requiredSkills.map((s) => s.code).filter((c): c is string => Boolean(c));
  const related = [...new Set(codes.flatMap((c) => [c, ...(taxonomy.skill(c)?.related ?? [])]))];
  const province = regionPrefix(regions.levels(vacancy.regionCode).province ?? vacancy.regionCode);
  const nearby = like(seekers.residenceRegionCode, `${province}%`);
  const within =
    options.within && options.within !== NATIONWIDE
      ? like(seekers.residenceRegionCode, `${regionPrefix(options.within)}%`)
      : undefined;
  return db
    .select()
    .from(seekers)
    .where(
      and(
        eq(seekers.active, true),
        related.length > 0 ? or(arrayOverlaps(seekers.skillCodes, related), nearby) : nearby,
        within,
        options.only ? inArray(seekers.id, [...options.only]) : undefined,
      ),
    )
    .limit(options.limit);
}
