import { type Database, seekers } from '@duijie/db';
import { type RankingEngine, seekerProfileDefaults } from '@duijie/ranking';
import { seekerProfile } from '@duijie/ranking/rows';
import { eq } from 'drizzle-orm';
import { errors } from '../errors.ts';
import type { Lookups } from '../index/sync.ts';
import { AD_HOC_SEEKER } from '../matcher.ts';
import { vacancySummary } from '../views.ts';
import { sessionOf } from './schedule.ts';
import type { LivestreamSessions } from './session.ts';
import { mustHoldToken, viewerIn } from './viewers.ts';

type Deps = { db: Database; engine: RankingEngine; lookups: Lookups; sessions: LivestreamSessions };

/**
 * A viewer's own ranked list of the session's jobs, explained: for the viewer who shows their
 * token only. A viewer on the demand list is ranked as that seeker.
 */
export async function viewerJobs(
  { db, engine, lookups, sessions }: Deps,
  ids: { livestreamId: string; viewerId: string },
  { token, limit, now }: { token: string | undefined; limit: number; now: Date },
) {
  const session = await sessionOf(sessions, ids.livestreamId);
  const viewer = await viewerIn(db, session.row.id, ids.viewerId, () => errors.viewerNotFound(ids.viewerId));
  mustHoldToken(viewer, token);
  const [seeker] = viewer.seekerId ? await db.select().from(seekers).where(eq(seekers.id, viewer.seekerId)) : [];
  // A viewer not on the demand list is ranked as an ad-hoc demand, under the id such matches carry.
  const profile = seeker
    ? seekerProfile(seeker, lookups.regions)
    : seekerProfileDefaults({
        id: AD_HOC_SEEKER,
        residenceRegionCode: viewer.regionCode,
        location: lookups.regions.point(viewer.regionCode),
        skills: viewer.skillCodes.map((code) => ({ code, name: lookups.taxonomy.skill(code)?.name ?? code })),
        // As for the audience: a viewer naming a licensed trade is taken to hold its licence
        // until they register, when it is checked.
        certificates: lookups.taxonomy.requiredCertificates(viewer.skillCodes),
        demand: { regionScope: 'anywhere', expectedMonthlyWage: viewer.expectedMonthlyWage },
      });
  const matches = engine.rankPreparedVacancies(
    profile,
    [...session.vacancies.values()].map((v) => v.prepared),
    { now, limit },
  );
  return {
    viewerId: viewer.id,
    items: matches.flatMap((match) => {
      const v = session.vacancies.get(match.vacancyId);
      return v
        ? [{ vacancy: vacancySummary(v.vacancy), match: { ...match, seekerId: seeker?.id ?? match.seekerId } }]
        : [];
    }),
  };
}
