import { type Database, queryRows, sql } from '@duijie/db';

const counts = (rows: { key: string; count: number | string }[]) =>
  rows.map((r) => ({ key: r.key, count: Number(r.count) }));

/**
 * A fair's figures as the bureaus report them (参会企业, 岗位, 招聘人数, 入场人数, 达成意向),
 * counted from the rows themselves, so they add up however often they are asked.
 */
export async function fairStats(db: Database, fairId: string) {
  const [supply] = await queryRows<{ employers: number; vacancies: number; posts: number }>(
    db,
    sql`select count(distinct fv.employer_id)::int as employers, count(*)::int as vacancies,
          coalesce(sum(greatest(v.headcount - v.filled_count, 0)) filter (where v.status = 'open'), 0)::int as posts
        from fair_vacancies fv join vacancies v on v.id = fv.vacancy_id where fv.fair_id = ${fairId}`,
  );
  const [people] = await queryRows<{ checked_in: number; registered: number; intents: number }>(
    db,
    sql`select (select count(*) from fair_checkins where fair_id = ${fairId})::int as checked_in,
          (select count(*) from fair_checkins where fair_id = ${fairId} and method = 'walk_in')::int as registered,
          (select count(*) from intents where context_id = ${fairId})::int as intents`,
  );
  const byPriorityGroup = await queryRows<{ key: string; count: number }>(
    db,
    sql`select g as key, count(*)::int as count from fair_checkins c join seekers s on s.id = c.seeker_id,
          unnest(s.priority_groups) g where c.fair_id = ${fairId} group by g order by count(*) desc, g`,
  );
  // Home prefecture: the first four digits of the division code, then zeros.
  const byOriginRegion = await queryRows<{ key: string; count: number }>(
    db,
    sql`select substr(s.residence_region_code, 1, 4) || '00' as key, count(*)::int as count
        from fair_checkins c join seekers s on s.id = c.seeker_id where c.fair_id = ${fairId}
        group by 1 order by count(*) desc, 1`,
  );
  const intentsByPriorityGroup = await queryRows<{ key: string; count: number }>(
    db,
    sql`select g as key, count(*)::int as count from intents i join seekers s on s.id = i.person_id,
          unnest(s.priority_groups) g where i.context_id = ${fairId} group by g order by count(*) desc, g`,
  );
  return {
    fairId,
    employers: supply?.employers ?? 0,
    vacancies: supply?.vacancies ?? 0,
    posts: supply?.posts ?? 0,
    seekersRegistered: people?.registered ?? 0,
    seekersCheckedIn: people?.checked_in ?? 0,
    intents: people?.intents ?? 0,
    byPriorityGroup: counts(byPriorityGroup),
    byOriginRegion: counts(byOriginRegion),
    intentsByPriorityGroup: counts(intentsByPriorityGroup),
  };
}
