// One odd row must not cost the profile cache its build, stall the consumer, or go unranked:
// the packing refuses values it cannot read back exactly (session 17), and a row written
// past the API (a jsonb value with an own `__proto__` key, as JSON.parse makes one) is such.
import { employers, vacancies } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { RankingEngine } from '@duijie/ranking';
import { syntheticFair } from '@duijie/ranking/synthetic';
import { RegionDirectory } from '@duijie/regions';
import { Taxonomy } from '@duijie/taxonomy';
import { eq, inArray, sql } from 'drizzle-orm';
import t from 'tap';
import { candidateColumns, candidateEmployerColumns } from './matcher.ts';
import { ProfileStore } from './profile-store.ts';
import { addEmployer } from './testing.ts';

const engine = new RankingEngine({ regions: RegionDirectory.load(), taxonomy: Taxonomy.load() });
const [seeker] = syntheticFair(1, 0, { seed: 5 }).seekers;

await withEachDatabase(t, async (t, db) => {
  const plain = await addEmployer(db, '433101');
  const odd = await addEmployer(db, '433101', '公益岗位保洁员');
  await db.db
    .update(vacancies)
    .set({
      terms: sql`${JSON.stringify({
        publicWelfareEligibility: { groups: ['disabled'], residenceRegionCodes: [], cannotLeaveHome: false },
      }).replace('{"groups"', '{"__proto__": {"admin": true}, "groups"')}::jsonb`,
    })
    .where(eq(vacancies.id, odd.vacancyId));
  const rows = await db.db
    .select({ vacancy: candidateColumns, employer: candidateEmployerColumns })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(inArray(vacancies.id, [plain.vacancyId, odd.vacancyId]));
  const oddRow = rows.find((r) => r.vacancy.id === odd.vacancyId);
  t.ok(
    oddRow && Object.hasOwn(oddRow.vacancy.terms.publicWelfareEligibility ?? {}, '__proto__'),
    'the row read back carries an own __proto__ key (the case under test)',
  );

  const store = new ProfileStore(engine);
  t.doesNotThrow(() => store.put(rows), 'the batch with the odd row is taken');
  t.equal(store.size, 2, 'both vacancies are kept');
  if (!seeker) throw new Error('no synthetic seeker');
  const ranking = store.rank({
    seeker,
    candidates: { ids: [plain.vacancyId, odd.vacancyId] },
    now: Date.now(),
    offset: 0,
    limit: 21,
  });
  t.equal(ranking.kind, 'ranked', 'nothing is missing: the odd one is not sent to the database');
  if (ranking.kind !== 'ranked') return;
  t.equal(ranking.considered, 2, 'the odd one is ranked with the rest');
  t.ok(ranking.candidates.includes(odd.vacancyId));

  const copy = store.get(odd.vacancyId);
  if (!copy) throw new Error('the odd vacancy is not kept');
  copy.repostOf = 'vac_written_by_a_request';
  t.equal(store.get(odd.vacancyId)?.repostOf, null, "a request's write does not reach the kept one");

  store.put([], [odd.vacancyId]);
  t.equal(store.size, 1, 'and it goes when it is gone');
  t.equal(store.get(odd.vacancyId), undefined);
});
