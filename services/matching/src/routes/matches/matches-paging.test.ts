// A seeker's matches page through the whole ranked list: before, every answer stopped at 20
// matches and never gave a cursor, so a caseworker could not see the 21st vacancy.
import { newId, vacancies } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { RegionDirectory } from '@duijie/regions';
import { staffAuth } from '@duijie/service-kit/testing';
import { Taxonomy } from '@duijie/taxonomy';
import t from 'tap';
import { reindex } from '../../index/sync.ts';
import { addEmployer, addSeeker, idNumberOf, matchingApp } from '../../testing.ts';

const COUNTY = '420322';

await withEachDatabase(t, async (t, db) => {
  const { app } = matchingApp(t, db);
  const officer = await staffAuth({ staffId: 'paging-desk', role: 'officer', regionCode: COUNTY });
  const employer = await addEmployer(db, COUNTY);
  // 34 more sewing posts, each paying a little more: 35 matches with distinct scores.
  await db.db.insert(vacancies).values(
    Array.from({ length: 34 }, (_, i) => ({
      id: newId('vac'),
      employerId: employer.id,
      title: `缝纫工${i + 1}`,
      requiredSkills: [{ code: 'skill.sewing', name: '缝纫' }],
      regionCode: COUNTY,
      wageMin: 4000 + 50 * i,
      wageUnit: 'month' as const,
      monthlyWageMin: 4000 + 50 * i,
      monthlyWageMax: 4000 + 50 * i,
      headcount: 2,
    })),
  );
  await reindex(db.db, app.indexes.embedded, { regions: RegionDirectory.load(), taxonomy: Taxonomy.load() });
  const seeker = await addSeeker(db, {
    name: '李秀兰',
    idNumber: idNumberOf(COUNTY, '19850612', 7),
    residenceRegionCode: COUNTY,
    demand: { regionScope: 'county' },
  });
  const get = (url: string) => app.inject({ method: 'GET', url, headers: officer as Record<string, string> });

  t.test('limit 10 and the cursor give every match once, in rank order, then stop', async (t) => {
    const seen: { id: string; score: number }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(
        `/v1/seekers/${seeker.id}/matches?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      t.equal(res.statusCode, 200, res.statusCode === 200 ? '200' : res.body);
      const body = res.json() as {
        items: { vacancy: { id: string }; match: { score: number } }[];
        nextCursor: string | null;
      };
      t.ok(body.items.length <= 10);
      seen.push(...body.items.map((i) => ({ id: i.vacancy.id, score: i.match.score })));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    t.equal(pages, 4, '35 matches in pages of 10');
    t.equal(seen.length, 35, 'all 35 vacancies');
    t.equal(new Set(seen.map((s) => s.id)).size, 35, 'none twice');
    t.ok(
      seen.every((s, i) => i === 0 || (seen[i - 1]?.score ?? 0) >= s.score),
      'best first across pages',
    );
  });

  t.test('one page of 100 holds them all and no cursor', async (t) => {
    const res = await get(`/v1/seekers/${seeker.id}/matches?limit=100`);
    t.equal(res.statusCode, 200, res.statusCode === 200 ? '200' : res.body);
    t.equal(res.json().items.length, 35);
    t.equal(res.json().nextCursor, null);
  });

  t.test('a limit over 100 is refused', async (t) => {
    t.equal((await get(`/v1/seekers/${seeker.id}/matches?limit=101`)).statusCode, 400);
  });
});
