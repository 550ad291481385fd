import { withEachDatabase } from '@duijie/db/testing';
import { patchAt, patchChangesExactly, staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp, registerEmployer } from '../../testing.ts';

const now = new Date('2026-11-22T09:00:00+08:00');
const welding = { code: 'skill.welding', name: '电焊' };
const digging = { name: '会开挖掘机的优先' };

// Each field a change may name, with values as the API stores and shows them (null: removed).
const FIELDS: [path: string, values: unknown[]][] = [
  ['title', ['电焊工', '钳工']],
  ['description', ['负责钢结构焊接，持证上岗。', '流水线装配', null]],
  ['requiredSkills', [[welding], [digging], []]],
  ['preferredSkills', [[welding], [digging], []]],
  ['requiredCertificates', [['cert.welding'], []]],
  ['regionCode', ['433101', '433122']],
  ['address', ['乾州工业园', '吉首经开区', null]],
  ['headcount', [3, 7]],
  ['employmentType', ['full_time', 'seasonal']],
  ['minEducation', ['junior_middle', 'vocational', null]],
  ['minExperienceMonths', [0, 24, null]],
  ['ageMin', [18, 20, null]],
  ['ageMax', [50, 55, null]],
  ['housingProvided', [true, false]],
  ['mealsProvided', [true, false]],
  ['shift', ['day', 'rotating', null]],
  ['publicWelfare', [true, false]],
  ['tags', [['包吃住'], []]],
  ['validThrough', ['2027-01-31T15:59:59.000Z', '2027-03-31T15:59:59.000Z', null]],
  ['wage.min', [3000, 3500]],
  ['wage.max', [6000, 8000, null]],
];
// What a removed member reads back as: its creation default, or absent.
const DEFAULTS: Record<string, unknown> = {
  description: '',
  requiredSkills: [],
  preferredSkills: [],
  requiredCertificates: [],
  tags: [],
};
// Derived from what changed, so not compared: the monthly figures follow the wage, a location that is only
// the region's centre follows the region, and every change moves updatedAt and version.
const DERIVED = [
  'monthlyWage.monthlyMin',
  'monthlyWage.monthlyMax',
  'location.lat',
  'location.lng',
  'updatedAt',
  'version',
];

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db, { clock: () => now });
  const admin = await staffAuth();
  const employerId = await registerEmployer(app, {
    name: '湘西某钢构厂',
    creditStem: '91433100MA4P00051',
    regionCode: '433101',
  });
  const full = {
    employerId,
    title: '电焊工',
    description: '负责钢结构焊接，持证上岗',
    requiredSkills: [welding],
    regionCode: '433101',
    address: '乾州工业园',
    wage: { min: 3000, max: 6000, unit: 'month' },
    headcount: 5,
    minEducation: 'junior_middle',
    shift: 'day',
    tags: ['包吃住'],
    validThrough: '2027-01-31T15:59:59.000Z',
  };
  const create = async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/vacancies', headers: admin, payload: full });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json();
  };
  const patch = (id: string, body: unknown, contentType = 'application/json') =>
    app.inject({
      method: 'PATCH',
      url: `/v1/vacancies/${id}`,
      headers: { ...admin, 'content-type': contentType },
      payload: JSON.stringify(body),
    });
  const read = async (id: string) => (await app.inject(`/v1/vacancies/${id}`)).json();

  t.test('a change of the headcount leaves the description and the skills as they were', async (t) => {
    const v = await create();
    const res = await patch(v.id, { version: 1, headcount: 3 });
    t.equal(res.statusCode, 200, res.body);
    const after = await read(v.id);
    t.equal(after.headcount, 3);
    t.equal(after.description, '负责钢结构焊接，持证上岗');
    t.same(after.requiredSkills, [welding]);
    t.same(after.tags, ['包吃住']);
    t.equal(after.shift, 'day');
  });

  t.test('a location that was the region’s centre moves with the region; one given stays', async (t) => {
    const v = await create();
    const moved = (await patch(v.id, { version: 1, regionCode: '433122' })).json();
    t.notSame(moved.location, v.location, 'the centre of the new region');
    const placed = (await patch(v.id, { version: 2, location: { lat: 28.2, lng: 109.6 } })).json();
    const again = (await patch(v.id, { version: 3, regionCode: '433101' })).json();
    t.same(again.location, placed.location, 'a location given is the sender’s');
  });

  t.test('null removes a member; nested objects merge', async (t) => {
    const v = await create();
    const res = await patch(v.id, { version: 1, address: null, wage: { max: null } }, 'application/merge-patch+json');
    t.equal(res.statusCode, 200, res.body);
    const after = await read(v.id);
    t.notOk('address' in after, 'the address is removed');
    t.same(after.wage, { min: 3000, unit: 'month' }, 'the wage keeps its min and unit');
    const bad = await patch(v.id, { version: 2, title: null });
    t.equal(bad.statusCode, 400, 'a vacancy cannot be without its title');
    const merged = await patch(v.id, { version: 2, wage: { max: 1000 } });
    t.equal(merged.statusCode, 422, 'the merged wage is checked as a whole');
    t.match(merged.json(), { errors: [{ field: 'wage.max' }] });
  });

  t.test('the OpenAPI shows every PATCH as a merge patch with no creation default', async (t) => {
    const paths = (await app.inject('/openapi.json')).json().paths as Record<string, Record<string, unknown>>;
    const patches = Object.entries(paths).flatMap(([path, ops]) => (ops.patch ? [[path, ops.patch] as const] : []));
    t.ok(patches.length >= 2, patches.map(([p]) => p).join(', '));
    for (const [path, op] of patches) {
      const content = (op as { requestBody: { content: Record<string, unknown> } }).requestBody.content;
      t.same(Object.keys(content).sort(), ['application/json', 'application/merge-patch+json'], path);
      t.notMatch(JSON.stringify(content), /"default"/, `${path}: no default`);
    }
  });

  t.test('a change to any subset of fields changes exactly those fields', async (t) => {
    const v = await create();
    await patchChangesExactly({
      fields: FIELDS,
      read: () => read(v.id),
      patch: (before, changes) => patch(v.id, { version: before.version, ...patchAt(changes) }),
      derived: DERIVED,
      defaults: DEFAULTS,
      numRuns: 40,
    });
    t.pass('every subset changed only what it named');
  });
});
