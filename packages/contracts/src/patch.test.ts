import t from 'tap';
import { mergePatch, patchOf, SeekerInput, SeekerUpdate, VacancyUpdate } from './index.ts';

t.test('a patch schema carries no creation default: what is not named stays absent', async (t) => {
  t.same(VacancyUpdate.parse({ version: 1, headcount: 3 }), { version: 1, headcount: 3 });
  t.same(SeekerUpdate.parse({ version: 1, trainingNeeds: ['电工'] }), { version: 1, trainingNeeds: ['电工'] });
  t.same(SeekerUpdate.parse({ version: 1, demand: { regionScope: 'province' } }), {
    version: 1,
    demand: { regionScope: 'province' },
  });
});

t.test('null removes what may be left out, and only that', async (t) => {
  t.ok(VacancyUpdate.safeParse({ version: 1, address: null, description: null }).success);
  t.notOk(VacancyUpdate.safeParse({ version: 1, title: null }).success, 'a vacancy needs its title');
  t.notOk(VacancyUpdate.safeParse({ version: 1, wage: { unit: null } }).success, 'a wage needs its unit');
  t.ok(VacancyUpdate.safeParse({ version: 1, wage: { max: null } }).success);
  t.notOk(SeekerUpdate.safeParse({ version: 1, idNumber: '433122200107201535' }).success, 'not changed by PATCH');
  t.notOk(VacancyUpdate.safeParse({ version: 1, wage: { mni: 3 } }).success, 'unknown members refused, nested too');
});

t.test('patchOf keeps the descriptions the OpenAPI shows', async (t) => {
  t.equal(patchOf(SeekerInput).shape.trainingNeeds.description, '六清 3: training needs (培训需求)');
});

t.test('mergePatch follows RFC 7396', async (t) => {
  // The examples of RFC 7396 appendix A.
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [target, patch, result] of cases) t.same(mergePatch(target, patch), result, JSON.stringify(patch));
  const target = { a: { b: 1 } };
  mergePatch(target, { a: { b: 2 } });
  t.same(target, { a: { b: 1 } }, 'the target is not changed in place');
});
