import fc from 'fast-check';
import t from 'tap';
import { assignRecommendations } from './assignment.ts';
import { rankFair } from './fair.ts';
import { syntheticFair } from './synthetic.ts';
import { defaultEngine, NOW } from './testing.ts';
import type { Ranked } from './top-k.ts';

t.test('one popular opening does not swallow every recommendation', async (t) => {
  // Fifty seekers all like the same booth best; it has 3 posts.
  const candidates = new Map(
    Array.from({ length: 50 }, (_, i) => [
      `skr_${String(i).padStart(2, '0')}`,
      [
        { id: 'vac_popular', score: 0.95 - i * 0.001 },
        { id: `vac_other_${i % 10}`, score: 0.8 },
      ],
    ]),
  );
  const posts = new Map([['vac_popular', 3], ...Array.from({ length: 10 }, (_, i) => [`vac_other_${i}`, 5] as const)]);
  const { bySeeker, byVacancy } = assignRecommendations(candidates, posts, { perSeeker: 1, perPost: 2 });
  t.same(
    byVacancy.get('vac_popular')?.map((r) => r.id),
    ['skr_00', 'skr_01', 'skr_02', 'skr_03', 'skr_04', 'skr_05'],
    'the six best fits get the popular booth (3 posts × 2)',
  );
  t.same(
    bySeeker.get('skr_10')?.map((r) => r.id),
    ['vac_other_0'],
    'the rest are sent to their next choice',
  );
  t.equal([...bySeeker.values()].filter((l) => l.length === 1).length, 50, 'everyone gets a recommendation');
});

const arbitraryMarket = fc
  .record({
    seekers: fc.integer({ min: 1, max: 30 }),
    vacancies: fc.integer({ min: 1, max: 12 }),
    seed: fc.integer(),
  })
  .chain(({ seekers, vacancies }) =>
    fc.record({
      lists: fc.array(
        fc.uniqueArray(
          fc.record({
            v: fc.integer({ min: 0, max: vacancies - 1 }),
            score: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { selector: (x) => x.v, maxLength: vacancies },
        ),
        { minLength: seekers, maxLength: seekers },
      ),
      posts: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: vacancies, maxLength: vacancies }),
      perSeeker: fc.integer({ min: 1, max: 3 }),
    }),
  );

t.test('never over capacity, never over a seeker’s quota, and stable', async () => {
  fc.assert(
    fc.property(arbitraryMarket, ({ lists, posts, perSeeker }) => {
      const candidates = new Map<string, Ranked[]>(
        lists.map((list, i) => [
          `s${i}`,
          list
            .map((x) => ({ id: `v${x.v}`, score: x.score }))
            .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)),
        ]),
      );
      const openPosts = new Map(posts.map((p, i) => [`v${i}`, p]));
      const { bySeeker, byVacancy } = assignRecommendations(candidates, openPosts, { perSeeker, perPost: 1 });
      for (const [v, list] of byVacancy) if (list.length > (openPosts.get(v) ?? 0)) return false;
      for (const list of bySeeker.values()) if (list.length > perSeeker) return false;
      // Stability: no seeker with room (or holding something worse) and vacancy with room
      // (or holding someone worse) who would both rather be together.
      for (const [s, list] of candidates) {
        const mine = bySeeker.get(s) ?? [];
        const worstMine = mine.length < perSeeker ? -1 : Math.min(...mine.map((r) => r.score));
        for (const r of list) {
          if (mine.some((m) => m.id === r.id) || r.score <= worstMine) continue;
          const theirs = byVacancy.get(r.id) ?? [];
          const cap = openPosts.get(r.id) ?? 0;
          if (cap === 0) continue;
          const worstTheirs = theirs.length < cap ? -1 : Math.min(...theirs.map((x) => x.score));
          if (r.score > worstTheirs) return false;
        }
      }
      return true;
    }),
    { numRuns: 300 },
  );
});

t.test('on a fair: the recommendations respect every vacancy’s headcount', async (t) => {
  const engine = defaultEngine();
  const { seekers, vacancies } = syntheticFair(300, 120, { seed: 11 });
  const ranked = rankFair(
    engine,
    seekers.map((s) => engine.prepareSeeker(s)),
    vacancies.map((v) => engine.prepareVacancy(v)),
    { k: 20, now: NOW.getTime() },
  );
  const open = new Map(vacancies.map((v) => [v.id, v.headcount - v.filledCount]));
  const { byVacancy } = assignRecommendations(ranked.forSeeker, open, { perSeeker: 3, perPost: 1 });
  const over = [...byVacancy].filter(([id, list]) => list.length > (open.get(id) ?? 0));
  t.same(over, [], 'no vacancy is recommended to more people than it has posts');
  t.ok(byVacancy.size > 20, 'recommendations spread over many vacancies');
});
