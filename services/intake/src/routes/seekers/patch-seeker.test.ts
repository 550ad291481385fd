import { residentIdCheckChar } from '@duijie/contracts';
import { withEachDatabase } from '@duijie/db/testing';
import { patchAt, patchChangesExactly, staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp } from '../../testing.ts';

const welding = { code: 'skill.welding', name: '电焊', years: 6 };

// Each field a change may name, with values as the API stores them (null: removed).
const FIELDS: [path: string, values: unknown[]][] = [
  ['name', ['王某', '李某']],
  ['phone', ['13972800001', '13972800002', null]],
  ['residenceRegionCode', ['420322101201', '420323']],
  ['education', ['junior_middle', 'vocational', null]],
  ['priorityGroups', [['registered_poor'], ['graduate', 'veteran'], []]],
  ['monitored', [true, false]],
  ['employmentStatus', ['unemployed', 'in_training']],
  ['skills', [[welding], [{ name: '会开挖掘机' }], []]],
  ['certificates', [['cert.welding'], []]],
  ['trainingNeeds', [['电工'], ['叉车'], []]],
  ['demand.occupations', [['焊工'], []]],
  ['demand.regionScope', ['county', 'province']],
  ['demand.acceptedRegions', [['440000'], ['330000', '440000'], []]],
  ['demand.expectedWage.min', [200, 250]],
  ['demand.needsHousing', [true, false]],
  ['demand.availableFrom', ['2026-12-01', '2027-03-01', null]],
  ['householdIncome.members', [3, 5, null]],
  ['outcome.status', ['pending', 'in_training']],
  ['outcome.note', ['三月培训', null]],
];
const DEFAULTS: Record<string, unknown> = {
  priorityGroups: [],
  skills: [],
  certificates: [],
  trainingNeeds: [],
  'demand.occupations': [],
  'demand.acceptedRegions': [],
};
// Every change moves these.
const DERIVED = ['updatedAt', 'version'];
// The API masks the phone: a change shows as its masked form.
const shown = (path: string, value: unknown) =>
  path === 'phone' && typeof value === 'string' ? `${value.slice(0, 3)}****${value.slice(-4)}` : value;

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  const hubei = await staffAuth({ staffId: 'hubei-admin', role: 'admin', regionCode: '420000' });
  let n = 0;
  const register = async () => {
    n += 1;
    const first17 = `42032219880415${String(230 + n).padStart(3, '0')}`;
    const res = await app.inject({
      method: 'POST',
      url: '/v1/seekers',
      headers: hubei,
      payload: {
        name: '王某',
        idNumber: `${first17}${residentIdCheckChar(first17)}`,
        phone: '13972800001',
        residenceRegionCode: '420322101201',
        priorityGroups: ['registered_poor'],
        skills: [welding],
        trainingNeeds: ['叉车'],
        demand: { regionScope: 'county', acceptedRegions: ['440000'], expectedWage: { min: 250, unit: 'day' } },
      },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json();
  };
  const patch = (id: string, body: unknown, contentType = 'application/json') =>
    app.inject({
      method: 'PATCH',
      url: `/v1/seekers/${id}`,
      headers: { ...hubei, 'content-type': contentType },
      payload: JSON.stringify(body),
    });
  const read = async (id: string) => (await app.inject({ url: `/v1/seekers/${id}`, headers: hubei })).json();

  t.test('a change of the training needs leaves the rest of the record as it was', async (t) => {
    const s = await register();
    const res = await patch(s.id, { version: 1, trainingNeeds: ['电工'] });
    t.equal(res.statusCode, 200, res.body);
    const after = await read(s.id);
    t.same(after.trainingNeeds, ['电工']);
    t.same(after.skills, [welding]);
    t.same(after.priorityGroups, ['registered_poor']);
    t.match(after.demand, {
      regionScope: 'county',
      acceptedRegions: ['440000'],
      expectedWage: { min: 250, unit: 'day' },
    });
  });

  t.test('a nested change merges into what is there; null removes', async (t) => {
    const s = await register();
    const res = await patch(
      s.id,
      { version: 1, demand: { regionScope: 'province', expectedWage: null }, phone: null },
      'application/merge-patch+json',
    );
    t.equal(res.statusCode, 200, res.body);
    const after = await read(s.id);
    t.same(after.demand.acceptedRegions, ['440000'], 'the rest of the demand stays');
    t.equal(after.demand.regionScope, 'province');
    t.notOk('expectedWage' in after.demand);
    t.notOk('phone' in after);
    const bad = await patch(s.id, { version: 2, demand: { expectedWage: { min: 3000 } } });
    t.equal(bad.statusCode, 422, 'a new expected wage needs its unit');
    t.match(bad.json(), { errors: [{ field: 'demand.expectedWage.unit' }] });
  });

  t.test('a change to any subset of fields changes exactly those fields', async (t) => {
    const s = await register();
    await patchChangesExactly({
      fields: FIELDS,
      read: () => read(s.id),
      patch: (before, changes) => patch(s.id, { version: before.version, ...patchAt(changes) }),
      derived: DERIVED,
      defaults: DEFAULTS,
      shown,
      numRuns: 40,
    });
    t.pass('every subset changed only what it named');
  });
});
