// A seeker's candidates come from the profile cache's lists, not the index, once the cache is
// built. The lists must answer as the embedded index does: the same vacancies for the same
// filters, the newest first for `newest`, and no vacancy a filter excludes for `any`. Held to
// PostgresVacancyIndex on random supply lists, changes and queries, on both databases.
import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { withEachDatabase } from '@duijie/db/testing';
import type { VacancyProfile } from '@duijie/ranking';
import { RegionDirectory } from '@duijie/regions';
import {
  PostgresVacancyIndex,
  regionCodesOf,
  type SearchQuery,
  type VacancyDocument,
  type VacancyFilters,
} from '@duijie/search';
import fc from 'fast-check';
import t from 'tap';
import { CandidateLists } from './candidate-lists.ts';

const regions = RegionDirectory.load();
/** Counties of two prefectures of one province and one of another, and a township's 12-digit code. */
const PLACES = ['420322', '420323', '420303', '420102', '433101', '430102', '420322104000'];
const AREAS = ['420000', '420300', '420100', '430000', '433100', ...PLACES];
const SKILLS = ['skill.welding', 'skill.sewing', 'skill.forklift', 'skill.cooking', 'skill.cleaning'];
const OCCUPATIONS = ['6-18-02-04', '4-03-02-01'];
const DAY = 86_400;
const START = 1_790_000_000;

type Vacancy = {
  n: number;
  place: string;
  skills: string[];
  occupation: string | null;
  wageMax: number;
  /** Seconds after START: a few days, with ties within them. */
  posted: number;
};

const vacancy: fc.Arbitrary<Vacancy> = fc.record({
  n: fc.nat(60),
  place: fc.constantFrom(...PLACES),
  skills: fc.uniqueArray(fc.constantFrom(...SKILLS), { maxLength: 3 }),
  occupation: fc.option(fc.constantFrom(...OCCUPATIONS)),
  wageMax: fc.integer({ min: 4, max: 18 }).map((k) => k * 500),
  posted: fc.tuple(fc.nat(4), fc.constantFrom(0, 60, 3600)).map(([day, s]) => day * DAY + s),
});

const filters: fc.Arbitrary<VacancyFilters> = fc.record(
  {
    regionCodes: fc.uniqueArray(fc.constantFrom(...AREAS), { minLength: 1, maxLength: 3 }),
    skillCodes: fc.uniqueArray(fc.constantFrom(...SKILLS), { minLength: 1, maxLength: 3 }),
    occupationCodes: fc.uniqueArray(fc.constantFrom(...OCCUPATIONS), { minLength: 1, maxLength: 2 }),
    wageAtLeast: fc.integer({ min: 4, max: 18 }).map((k) => k * 500),
  },
  { requiredKeys: [] },
);

const query: fc.Arbitrary<SearchQuery> = fc.record({
  filters,
  limit: fc.integer({ min: 1, max: 40 }),
  order: fc.constantFrom('any' as const, 'newest' as const),
});

const id = (n: number) => `vac_${String(n).padStart(4, '0')}`;

function profileOf(v: Vacancy): VacancyProfile {
  return {
    id: id(v.n),
    employerId: 'emp_a',
    title: '普工',
    status: 'open',
    datePosted: new Date((START + v.posted) * 1000),
    headcount: 1,
    filledCount: 0,
    employerBlacklisted: false,
    regionCode: v.place,
    requiredSkills: v.skills.slice(0, 1).map((code) => ({ code, name: code })),
    preferredSkills: v.skills.slice(1).map((code) => ({ code, name: code })),
    requiredCertificates: [],
    monthlyWageMin: v.wageMax - 500,
    monthlyWageMax: v.wageMax,
    occupationCode: v.occupation,
    housingProvided: false,
    mealsProvided: false,
    publicWelfare: false,
    employmentType: 'full_time',
  };
}

function documentOf(v: Vacancy, version: number): VacancyDocument {
  return {
    id: id(v.n),
    employerId: 'emp_a',
    employerBlacklisted: false,
    status: 'open',
    title: '普工',
    words: [],
    regionCodes: regionCodesOf(v.place, regions),
    lat: null,
    lng: null,
    monthlyWageMin: v.wageMax - 500,
    monthlyWageMax: v.wageMax,
    occupationCode: v.occupation,
    skillCodes: v.skills,
    fairIds: [],
    livestreamIds: [],
    tags: [],
    datePosted: START + v.posted,
    version,
  };
}

// Thousands of changes, so that every list's merges run (over 4,096 added, over 512 read at
// once, over 1,024 gone), checked against a scan of what is listed, ordered as the lists are.
t.test('the lists stay right through their merges, over thousands of posts, changes and removals', async (t) => {
  const lists = new CandidateLists(regions);
  const listed = new Map<number, Vacancy>();
  const scan = (q: SearchQuery) =>
    [...listed.values()]
      .filter((v) => {
        const f = q.filters ?? {};
        const doc = documentOf(v, 1);
        return (
          (f.wageAtLeast === undefined || v.wageMax >= f.wageAtLeast) &&
          (!f.regionCodes || f.regionCodes.some((c) => doc.regionCodes.includes(c))) &&
          (!f.skillCodes || f.skillCodes.some((c) => v.skills.includes(c))) &&
          (!f.occupationCodes || (v.occupation !== null && f.occupationCodes.includes(v.occupation)))
        );
      })
      .sort((a, b) => b.posted - a.posted || a.n - b.n)
      .slice(0, q.limit)
      .map((v) => id(v.n));
  const rounds = fc.sample(
    fc.record({
      put: fc.array(
        vacancy.map((v) => ({ ...v })),
        { minLength: 600, maxLength: 1500 },
      ),
      removed: fc.array(fc.nat(2999), { maxLength: 1200 }),
      queries: fc.array(query, { minLength: 5, maxLength: 10 }),
    }),
    { numRuns: 10, seed: 19 },
  );
  let checked = 0;
  for (const [round, { put, removed, queries }] of rounds.entries()) {
    for (const [i, v] of put.entries()) {
      // Spread over 3,000 ids, so that later rounds list some again.
      const again = { ...v, n: (v.n * 50 + i + round * 7) % 3000 };
      listed.set(again.n, again);
      lists.put(profileOf(again));
    }
    for (const n of removed) {
      listed.delete(n);
      lists.delete(id(n));
    }
    for (const q of queries) {
      deepStrictEqual(
        lists.search(q)?.hits.map((h) => h.id),
        scan(q),
        JSON.stringify(q),
      );
      checked++;
    }
  }
  // Most of them closed at once: the lists shed what is gone.
  for (const n of [...listed.keys()].filter((n) => n % 5 !== 0)) {
    listed.delete(n);
    lists.delete(id(n));
  }
  for (const q of rounds.flatMap((r) => r.queries)) {
    deepStrictEqual(
      lists.search(q)?.hits.map((h) => h.id),
      scan(q),
      `after most closed: ${JSON.stringify(q)}`,
    );
    checked++;
  }
  t.equal(lists.size, listed.size);
  t.ok(checked >= 100, `${checked} queries answered as the scan; ${lists.size} vacancies listed at the end`);
});

await withEachDatabase(t, async (t, db) => {
  const index = new PostgresVacancyIndex(db.db, () => []);
  await index.setup();

  t.test('the lists answer a seeker’s queries as the index does, after posts, changes and removals', async (t) => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(vacancy, { maxLength: 80, selector: (v) => v.n }),
        fc.uniqueArray(vacancy, { maxLength: 20, selector: (v) => v.n }),
        fc.uniqueArray(fc.nat(60), { maxLength: 10 }),
        fc.array(query, { minLength: 1, maxLength: 8 }),
        async (posted, changed, removed, queries) => {
          await index.reset();
          const lists = new CandidateLists(regions);
          for (const [version, batch] of [posted, changed].entries()) {
            await index.upsert(batch.map((v) => documentOf(v, version + 1)));
            for (const v of batch) lists.put(profileOf(v));
          }
          await index.remove(removed.map(id));
          for (const n of removed) lists.delete(id(n));
          equal(lists.size, (await index.stats()).documents, 'as many vacancies listed as indexed');

          for (const q of queries) {
            const got = lists.search(q);
            ok(got, 'a seeker’s filters are answered from memory');
            const all = await index.search({ filters: q.filters ?? {}, limit: 1000 });
            const allowed = new Set(all.hits.map((h) => h.id));
            const ids = got.hits.map((h) => h.id);
            equal(new Set(ids).size, ids.length, 'each vacancy once');
            equal(ids.length, Math.min(q.limit, allowed.size), 'as many as the limit allows');
            ok(
              ids.every((i) => allowed.has(i)),
              'no vacancy the filters exclude',
            );
            if (q.order === 'newest') {
              // The index orders by the second posted and leaves ties in any order.
              const expected = await index.search(q);
              const postedOf = (hits: { id: string }[]) =>
                hits.map((h) => documentOfId(h.id, [...posted, ...changed], removed));
              deepStrictEqual(postedOf(got.hits), postedOf(expected.hits), 'the newest, as the index has them');
            }
          }
        },
      ),
      { numRuns: 25 },
    );
    t.pass('25 supply lists, their changes and queries: the lists answered as the index');
  });

  t.test('what only an index answers is left to it', async (t) => {
    const lists = new CandidateLists(regions);
    const asked: VacancyFilters[] = [
      { fairId: 'fair_1' },
      { livestreamId: 'live_1' },
      { near: { lat: 30, lng: 110, radiusKm: 5 } },
      { status: 'closed' },
      { excludeBlacklisted: false },
      { tags: ['housing'] },
    ];
    for (const f of asked) t.equal(lists.search({ filters: f, limit: 10 }), null, JSON.stringify(f));
    t.equal(lists.search({ text: '电焊', limit: 10 }), null, 'a text search');
  });
});

/** When a vacancy's last version was posted: the order both must agree on. */
function documentOfId(vacancyId: string, versions: Vacancy[], removed: number[]): number {
  const last = versions.findLast((v) => id(v.n) === vacancyId);
  if (!last || removed.some((n) => id(n) === vacancyId)) throw new Error(`${vacancyId} should not be listed`);
  return last.posted;
}
