// Retrieval as a caseworker would do it (issue 15): a community factory or a 公益岗 pays a
// subsidy far below what most people expect, and the wage floor that keeps other seekers'
// lists short used to drop exactly the posts made for someone who cannot leave home; and a
// migrant who names the places they will go gets those, not the province around them.
import { newId, vacancies } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { RegionDirectory } from '@duijie/regions';
import { staffAuth } from '@duijie/service-kit/testing';
import { Taxonomy } from '@duijie/taxonomy';
import t from 'tap';
import { reindex } from '../../index/sync.ts';
import { addEmployer, addSeeker, idNumberOf, insertEmployer, matchingApp } from '../../testing.ts';

const YUNXI = '420322';

await withEachDatabase(t, async (t, db) => {
  const { app, logLines } = matchingApp(t, db);
  const admin = await staffAuth({ staffId: 'situation-desk', role: 'admin', regionCode: '000000' });
  const get = (url: string) => app.inject({ method: 'GET', url, headers: admin as Record<string, string> });
  const employer = await addEmployer(db, YUNXI);
  const factory = await insertEmployer(db, { name: '郧西某社区工厂', kind: 'community_factory', regionCode: YUNXI });
  const post = (id: string, employerId: string, title: string, monthly: number, regionCode = YUNXI) => ({
    id,
    employerId,
    title,
    requiredSkills: [],
    regionCode,
    wageMin: monthly,
    wageUnit: 'month' as const,
    monthlyWageMin: monthly,
    monthlyWageMax: monthly,
    headcount: 3,
  });
  const id = {
    factory: newId('vac'),
    line: newId('vac'),
    suzhou: newId('vac'),
    xian: newId('vac'),
    tongchuan: newId('vac'),
  };
  await db.db
    .insert(vacancies)
    .values([
      post(id.factory, factory, '毛绒玩具缝制（社区工厂）', 1500),
      post(id.line, employer.id, '电子厂普工', 4200),
      post(id.suzhou, employer.id, '装配普工', 6000, '320583'),
      post(id.xian, employer.id, '装配普工', 6500, '610112'),
      post(id.tongchuan, employer.id, '装配普工', 5000, '610204'),
    ]);
  await reindex(db.db, app.indexes.embedded, { regions: RegionDirectory.load(), taxonomy: Taxonomy.load() });
  const ids = async (seekerId: string) => {
    const res = await get(`/v1/seekers/${seekerId}/matches?limit=50`);
    if (res.statusCode !== 200) throw new Error(`${res.body} ${JSON.stringify(logLines().slice(-3))}`);
    return (res.json().items as { vacancy: { id: string } }[]).map((i) => i.vacancy.id);
  };

  t.test('a seeker who cannot leave home sees the community factory however far below their expectation', async (t) => {
    const her = await addSeeker(db, {
      name: '陈桂英',
      idNumber: idNumberOf(YUNXI, '19700312', 2),
      residenceRegionCode: YUNXI,
      priorityGroups: ['registered_poor'],
      demand: { regionScope: 'county', cannotLeaveHome: true, expectedWage: { min: 3000, unit: 'month' } },
    });
    t.ok((await ids(her.id)).includes(id.factory));
    const other = await addSeeker(db, {
      name: '刘强',
      idNumber: idNumberOf(YUNXI, '19900312', 3),
      residenceRegionCode: YUNXI,
      demand: { regionScope: 'county', expectedWage: { min: 3000, unit: 'month' } },
    });
    t.notOk((await ids(other.id)).includes(id.factory), 'for others the floor still keeps the list short');
  });

  t.test('a listed migrant gets the listed places only', async (t) => {
    const migrant = await addSeeker(db, {
      name: '王建军',
      idNumber: idNumberOf('610204', '19880312', 5),
      residenceRegionCode: '610204',
      demand: { regionScope: 'listed', acceptedRegions: ['610200', '320500'] },
    });
    const found = await ids(migrant.id);
    t.ok(found.includes(id.suzhou) && found.includes(id.tongchuan), found.join());
    t.notOk(found.includes(id.xian), '西安 is not on the list');
    t.notOk(found.includes(id.line), 'nor 郧西');
  });
});
