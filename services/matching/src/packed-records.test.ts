// The profile cache keeps a million vacancies' profiles packed into typed arrays (PackedRecords).
// What comes back must be what went in, to the last key and sign: the engine ranks from it, and
// the page check compares it with a fresh read of the row.
import { isDeepStrictEqual } from 'node:util';
import { type PreparedVacancy, RankingEngine } from '@duijie/ranking';
import { syntheticFair } from '@duijie/ranking/synthetic';
import { RegionDirectory } from '@duijie/regions';
import { Taxonomy } from '@duijie/taxonomy';
import fc from 'fast-check';
import t from 'tap';
import { PackedRecords } from './packed-records.ts';
import { SharedValues } from './shared-values.ts';

const engine = new RankingEngine({ regions: RegionDirectory.load(), taxonomy: Taxonomy.load() });
const { seekers, vacancies } = syntheticFair(40, 400, { seed: 23 });

t.test('prepared vacancies read back equal, and rank and explain the same', async (t) => {
  const shared = new SharedValues();
  const packed = new PackedRecords<PreparedVacancy>((s) => shared.holds(s));
  const kept = vacancies.map((v) => shared.vacancy(engine.prepareVacancy(structuredClone(v))));
  for (const p of kept) packed.set(p.profile.id, p);
  const read = kept.map((p) => packed.get(p.profile.id));
  t.ok(
    read.every((p, i) => isDeepStrictEqual(p, kept[i])),
    `all ${kept.length} read back deep-equal to what was kept`,
  );
  t.ok(
    read.every((p, i) => isDeepStrictEqual(p?.profile, vacancies[i])),
    "each read-back profile deep-equals its row's (the page check)",
  );
  const now = new Date('2026-12-02T08:00:00Z');
  for (const seeker of seekers) {
    const expected = engine.rankPreparedVacancies(seeker, kept, { now, limit: 25 });
    const actual = engine.rankPreparedVacancies(seeker, read as PreparedVacancy[], { now, limit: 25 });
    if (!isDeepStrictEqual(actual, expected)) {
      t.same(actual, expected, `seeker ${seeker.id}`);
      return;
    }
  }
  t.pass(`the same ranked and explained top 25 for ${seekers.length} seekers`);
  const skilled = read.find((p) => p?.profile.requiredSkills.some((s) => s.code));
  const first = kept.find((p) => p.profile.id === skilled?.profile.id);
  t.equal(
    skilled?.profile.requiredSkills[0],
    first?.profile.requiredSkills[0],
    'a shared (frozen) claim comes back as the one instance',
  );
  t.ok(packed.slots / kept.length < 512, `≈ ${Math.round(packed.slots / kept.length)} slots a vacancy (9 bytes each)`);
});

t.test('the edges of a value come back as they went in', async (t) => {
  const packed = new PackedRecords<unknown>();
  const odd = {
    negativeZero: -0,
    nan: Number.NaN,
    infinite: -Infinity,
    fraction: 0.1 + 0.2,
    big: Number.MAX_SAFE_INTEGER,
    present: undefined,
    none: null,
    empty: '',
    lengths: ['a', 'ab', 'abc', 'abcd', '广州市天河区', '焊工（中级）'],
    surrogates: '招聘 👷‍♀️ 𠀋',
    lone: '\ud800x\udc00',
    long: '长'.repeat(10_000),
    when: new Date('2026-12-02T08:00:00.123Z'),
    nested: [[], [{}], { a: [1, [2, [3]]] }],
    // Found by the generated trees below: two shapes whose keys joined alike were one.
    shapes: [{}, { '': 0 }, { 'a\0': 1, b: 2 }, { a: 1, '\0b': 2 }],
  };
  packed.set('odd', odd);
  const back = packed.get('odd') as typeof odd;
  t.ok(isDeepStrictEqual(back, odd), 'deep-equal, strictly');
  t.ok(Object.is(back.negativeZero, -0), '-0 stays -0');
  t.ok(Object.hasOwn(back, 'present') && !Object.hasOwn(back, 'absent'), 'a key present as undefined stays present');
  t.ok(back.when instanceof Date && back.when.getTime() === odd.when.getTime(), 'a Date is a Date, to the millisecond');
  t.equal(back.long.length, 10_000, 'a long string whole');
  t.equal(packed.get('nothing'), undefined, 'a key never set reads undefined');
});

t.test('any tree of plain values comes back deep-equal (generated)', async (t) => {
  const leaf = fc.oneof(
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.date({ noInvalidDate: true }),
  );
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('tree'), { maxLength: 5 }),
    object: fc.dictionary(
      fc.string({ maxLength: 6 }).filter((k) => k !== '__proto__'),
      tie('tree'),
      { maxKeys: 6, noNullPrototype: true },
    ),
  }));
  const packed = new PackedRecords<unknown>();
  fc.assert(
    fc.property(tree, (value) => {
      packed.set('k', value);
      return isDeepStrictEqual(packed.get('k'), value);
    }),
    { numRuns: 500 },
  );
  t.pass('500 generated trees');
});

t.test('a read is a copy; a shared value is the one instance', async (t) => {
  const codes = Object.freeze(['a', 'b']);
  const packed = new PackedRecords<{ codes: readonly string[]; memo: { n: number } }>();
  packed.set('v', { codes, memo: { n: 1 } });
  const first = packed.get('v');
  if (!first) throw new Error('unreachable');
  first.memo.n = 99;
  t.equal(packed.get('v')?.memo.n, 1, 'writing into a read changes nothing kept');
  t.equal(packed.get('v')?.codes, codes, 'a frozen value comes back as the same instance');
});

t.test('what cannot be packed is refused, and the record before it stays', async (t) => {
  const packed = new PackedRecords<unknown>();
  packed.set('v', { n: 1 });
  const protoKey = JSON.parse('{"__proto__": {"admin": true}}');
  for (const bad of [new Map(), new (class Point {})(), () => 1, Object.create(null), 10n, protoKey]) {
    t.throws(() => packed.set('v', { bad }), TypeError, `refused: ${Object.prototype.toString.call(bad)}`);
  }
  t.same(packed.get('v'), { n: 1 }, 'the record kept before is whole');
  t.equal(packed.size, 1);
});

t.test('rewriting and deleting reuse the blocks: the chunks do not grow with churn', async (t) => {
  const packed = new PackedRecords<{ id: string; title: string; n: number }>();
  for (let i = 0; i < 2_000; i++) packed.set(`v${i}`, { id: `v${i}`, title: '电工'.repeat(i % 7), n: i });
  const bytes = packed.bytes;
  for (let round = 0; round < 20; round++) {
    for (let i = 0; i < 2_000; i++) {
      if (i % 3 === 0) packed.delete(`v${i}`);
      packed.set(`v${i}`, { id: `v${i}`, title: '焊工'.repeat((i + round) % 7), n: i + round });
    }
  }
  t.equal(packed.bytes, bytes, `${bytes} bytes after 40,000 rewrites, as after the first 2,000`);
  t.equal(packed.size, 2_000);
  t.same(packed.get('v1999'), { id: 'v1999', title: '焊工'.repeat((1999 + 19) % 7), n: 1999 + 19 });
  t.notOk(packed.delete('nothing'), 'deleting a key never set is a no-op');
  packed.clear();
  t.equal(packed.size, 0);
  t.equal(packed.get('v1'), undefined);
});
