// The profile cache keeps one instance of each repeated value (SharedValues): that must not
// change a single score or explanation, must not make the page check (a row's profile equal
// to the cached one) fail, and must not let one vacancy's write reach another's profile.
import { isDeepStrictEqual } from 'node:util';
import { RankingEngine } from '@duijie/ranking';
import { syntheticFair } from '@duijie/ranking/synthetic';
import { RegionDirectory } from '@duijie/regions';
import { Taxonomy } from '@duijie/taxonomy';
import t from 'tap';
import { SharedValues } from './shared-values.ts';

const engine = new RankingEngine({ regions: RegionDirectory.load(), taxonomy: Taxonomy.load() });
const { seekers, vacancies } = syntheticFair(40, 400, { seed: 19 });
/** Each vacancy as two reads of its row would give it: equal values, separate objects. */
const read = () => vacancies.map((v) => structuredClone(v));
const skilled = vacancies.find((v) => v.requiredSkills.some((s) => s.code));

t.test('shared values leave every ranking and explanation as it was', async (t) => {
  const shared = new SharedValues();
  const plain = read().map((v) => engine.prepareVacancy(v));
  const compact = read().map((v) => shared.vacancy(engine.prepareVacancy(v)));
  const now = new Date('2026-12-01T08:00:00Z');
  for (const seeker of seekers) {
    const expected = engine.rankPreparedVacancies(seeker, plain, { now, limit: 25 });
    const actual = engine.rankPreparedVacancies(seeker, compact, { now, limit: 25 });
    if (!isDeepStrictEqual(actual, expected)) {
      t.same(actual, expected, `seeker ${seeker.id}`);
      return;
    }
  }
  t.pass(`the same ranked and explained top 25 for ${seekers.length} seekers over ${vacancies.length} vacancies`);
});

t.test("a cached profile still equals a fresh read of its row (the page check's test)", async (t) => {
  const shared = new SharedValues();
  const cached = read().map((v) => shared.vacancy(engine.prepareVacancy(v)).profile);
  const fresh = read();
  t.ok(
    cached.every((p, i) => isDeepStrictEqual(fresh[i], p)),
    'every compacted profile deep-equals the row it came from',
  );
});

t.test('repeated values are held once; free text is not collected', async (t) => {
  const shared = new SharedValues();
  if (!skilled) throw new Error('the synthetic supply list names no coded skill');
  const [a, b] = [0, 1].map(() => shared.vacancy(engine.prepareVacancy(structuredClone(skilled))));
  if (!a || !b) throw new Error('unreachable');
  t.equal(a.profile.requiredSkills[0], b.profile.requiredSkills[0], 'one claim object for the same coded skill');
  t.equal(a.required[0]?.claim, a.profile.requiredSkills[0], 'the prepared skill points at the shared claim');
  t.equal(a.trades, b.trades, 'one list of trades');

  const typed = { name: '会修老式缝纫机', level: 'senior' as const };
  const [c, d] = [0, 1].map(() =>
    shared.vacancy(engine.prepareVacancy({ ...structuredClone(skilled), requiredSkills: [{ ...typed }] })),
  );
  t.not(c?.profile.requiredSkills[0], d?.profile.requiredSkills[0], 'a claim without a code stays its own');
});

t.test('a shared value cannot be written through one vacancy', async (t) => {
  const shared = new SharedValues();
  const none = {
    ...structuredClone(skilled ?? vacancies[0]),
    preferredSkills: [],
    requiredCertificates: [],
  } as (typeof vacancies)[number];
  const p = shared.vacancy(engine.prepareVacancy(none));
  t.throws(() => (p.profile.preferredSkills as unknown[]).push({ name: 'x' }), TypeError, 'the empty list is frozen');
  t.throws(() => (p.preferred as unknown[]).push({}), TypeError);
});

t.test('a shared claim or list of trades cannot be written through one vacancy either', async (t) => {
  const shared = new SharedValues();
  if (!skilled) throw new Error('the synthetic supply list names no coded skill');
  const [a, b] = [0, 1].map(() => shared.vacancy(engine.prepareVacancy(structuredClone(skilled))));
  if (!a || !b) throw new Error('unreachable');
  const claim = a.profile.requiredSkills[0] as { level?: string };
  const level = b.profile.requiredSkills[0]?.level;
  t.throws(() => {
    claim.level = 'expert';
  }, TypeError);
  t.equal(b.profile.requiredSkills[0]?.level, level, "the other vacancy's claim is as it was");
  if (a.trades.length > 0) {
    t.throws(() => a.trades.push(0), TypeError);
    t.throws(() => {
      a.trades[0] = -1;
    }, TypeError);
  }
  t.ok(
    b.trades.every((i) => i >= 0),
    "the other vacancy's trades are as they were",
  );
});
