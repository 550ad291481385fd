import t from 'tap';
import { rankFair } from './fair.ts';
import { syntheticFair } from './synthetic.ts';
import { defaultEngine, NOW } from './testing.ts';

const engine = defaultEngine({ cooperation: [{ origin: '433100', destination: '440300' }] });
// Rich: wishes, own words, listed places, day expectations, licences, hour wages, 公益岗
// eligibility, preferred groups, agency re-posts — every path of the model, held to brute force.
const { seekers, vacancies } = syntheticFair(80, 400, { seed: 7, rich: true });
const ps = seekers.map((s) => engine.prepareSeeker(s));
const pv = engine.prepareVacancies(vacancies);
const now = NOW.getTime();

/** The answer by brute force: the engine's own score for every pair, sorted. */
function bruteForce(k: number) {
  const forSeeker = new Map<string, { id: string; score: number }[]>();
  const forVacancy = new Map<string, { id: string; score: number }[]>();
  for (const v of pv) forVacancy.set(v.profile.id, []);
  for (const s of ps) {
    const row: { id: string; score: number }[] = [];
    for (const v of pv) {
      const r = engine.score(s, v, now);
      if (!r) continue;
      row.push({ id: v.profile.id, score: r.score });
      forVacancy.get(v.profile.id)?.push({ id: s.profile.id, score: r.score });
    }
    forSeeker.set(s.profile.id, row);
  }
  const top = (list: { id: string; score: number }[]) =>
    list.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, k);
  return {
    forSeeker: new Map([...forSeeker].map(([id, l]) => [id, top(l)])),
    forVacancy: new Map([...forVacancy].filter(([, l]) => l.length > 0).map(([id, l]) => [id, top(l)])),
  };
}

t.test('top-k each way equals scoring every pair with the engine', async (t) => {
  t.ok(
    pv.some((v) => v.repostOf !== null),
    'the set has agency re-posts',
  );
  t.ok(ps.some((s) => s.hasWishes) && ps.some((s) => s.expectedPerUnit) && ps.some((s) => s.scopePrefix === null));
  const fast = rankFair(engine, ps, pv, { k: 10, now });
  const slow = bruteForce(10);
  t.ok(fast.pairsScored > 1000, `${fast.pairsScored} pairs passed the constraints`);
  t.same(fast.forSeeker, slow.forSeeker);
  const nonEmpty = new Map([...fast.forVacancy].filter(([, l]) => l.length > 0));
  t.same(nonEmpty, slow.forVacancy);
});

t.test('a caller that passes a seeker or a vacancy twice still gets each once in every list', async (t) => {
  // The same records again, as new objects (a list read twice and concatenated).
  const twice = rankFair(
    engine,
    [...ps, ...seekers.slice(0, 20).map((s) => engine.prepareSeeker(s))],
    [...pv, ...engine.prepareVacancies(vacancies.slice(0, 100))],
    { k: 10, now },
  );
  const repeated = (lists: Map<string, { id: string }[]>) =>
    [...lists].filter(([, list]) => new Set(list.map((r) => r.id)).size !== list.length).map(([id]) => id);
  t.same(repeated(twice.forSeeker), [], 'no seeker’s list names a vacancy twice');
  t.same(repeated(twice.forVacancy), [], 'no vacancy’s list names a seeker twice');
  t.same(twice.forSeeker, bruteForce(10).forSeeker, 'and the lists are those of the records given once');
});

t.test('closed, filled and blacklisted vacancies are in no one’s list', async (t) => {
  const broken = pv.map((v, i) =>
    i % 3 === 0
      ? engine.prepareVacancy({ ...v.profile, status: 'closed' })
      : i % 3 === 1
        ? engine.prepareVacancy({ ...v.profile, employerBlacklisted: true })
        : v,
  );
  const result = rankFair(engine, ps, broken, { k: 10, now });
  const excluded = new Set(broken.filter((_, i) => i % 3 !== 2).map((v) => v.profile.id));
  const offered = [...result.forSeeker.values()].flat().filter((r) => excluded.has(r.id));
  t.same(offered, [], 'no excluded vacancy offered to anyone');
  t.same(
    [...result.forVacancy.keys()].filter((id) => excluded.has(id)),
    [],
  );
});

t.test('on worker threads the answer is the same', async (t) => {
  const { rankFairParallel } = await import('./fair-parallel.ts');
  const single = rankFair(engine, ps, pv, { k: 10, now });
  const parallel = await rankFairParallel(
    {
      seekers,
      // Re-posts are found over the whole set before it is split between the workers.
      vacancies: vacancies.map((v, i) => ({ ...v, repostOf: pv[i]?.repostOf ?? null })),
      k: 10,
      now,
      cooperation: [{ origin: '433100', destination: '440300' }],
    },
    2,
  );
  t.same(parallel.forSeeker, single.forSeeker);
  t.same(
    new Map([...parallel.forVacancy].filter(([, l]) => l.length > 0)),
    new Map([...single.forVacancy].filter(([, l]) => l.length > 0)),
  );
});

t.test('two fairs ranked at once on one pool each get their own answer', async (t) => {
  const { FairWorkerPool } = await import('./fair-parallel.ts');
  const other = syntheticFair(60, 300, { seed: 11, rich: true });
  const job = (fair: typeof other, pvs: typeof pv) => ({
    seekers: fair.seekers,
    vacancies: fair.vacancies.map((v, i) => ({ ...v, repostOf: pvs[i]?.repostOf ?? null })),
    k: 10,
    now,
    cooperation: [{ origin: '433100', destination: '440300' }],
  });
  const otherPv = engine.prepareVacancies(other.vacancies);
  const expected = [
    rankFair(engine, ps, pv, { k: 10, now }),
    rankFair(
      engine,
      other.seekers.map((s) => engine.prepareSeeker(s)),
      otherPv,
      { k: 10, now },
    ),
  ];
  const pool = await FairWorkerPool.start(2);
  t.teardown(() => pool.close());
  // The two fairs' calls overlap on the same workers, as two staff opening two fairs would.
  const answers = await Promise.all([pool.rank(job({ seekers, vacancies }, pv)), pool.rank(job(other, otherPv))]);
  for (const [i, answer] of answers.entries()) {
    t.same(answer.forSeeker, expected[i]?.forSeeker, `fair ${i + 1}: its own seekers' lists`);
    t.same(
      new Map([...answer.forVacancy].filter(([, l]) => l.length > 0)),
      new Map([...(expected[i]?.forVacancy ?? [])].filter(([, l]) => l.length > 0)),
      `fair ${i + 1}: its own vacancies' lists`,
    );
  }
});
