// Ads and seekers as a bureau types them (issue 15): hours a day, rest days, 22.5 元/小时,
// 计件 with the employer's monthly estimate, the wage in the employer's words, who a 公益岗位
// is for; a seeker's own words, 无法离乡, exactly where they will go, each licence's 驾龄.
// Before, none of these had a field: they went into the description or were lost.
import { residentIdCheckChar } from '@duijie/contracts';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp, registerEmployer } from '../testing.ts';

const idOf = (first17: string) => `${first17}${residentIdCheckChar(first17)}`;

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  const admin = await staffAuth();
  const send = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: Record<string, unknown>) =>
    app.inject({ method, headers: admin, url, ...(payload ? { payload } : {}) });
  const employerId = await registerEmployer(app, {
    name: '龙华某电子厂',
    kind: 'enterprise',
    creditStem: '91440309MA5D00012',
    regionCode: '440309',
  });
  const post = (body: Record<string, unknown>) =>
    send('POST', '/v1/vacancies', { employerId, headcount: 5, title: '电子厂普工', regionCode: '440309', ...body });

  t.test(
    'an hourly wage with decimals converts at the post’s own hours and rest days, and its terms come back',
    async (t) => {
      const res = await post({
        wage: { min: 22.5, unit: 'hour', note: '加班另算，多劳多得' },
        hoursPerDay: 10,
        restDaysPerMonth: 4,
        socialInsurance: true,
        priorityGroups: ['disabled'],
      });
      t.equal(res.statusCode, 201, res.body);
      const v = res.json();
      t.same(v.wage, { min: 22.5, unit: 'hour', note: '加班另算，多劳多得' });
      t.same(v.monthlyWage, { monthlyMin: 5850, monthlyMax: 5850 }, '22.5 × 10 h × 26 days');
      t.equal(v.hoursPerDay, 10);
      t.equal(v.restDaysPerMonth, 4);
      t.equal(v.socialInsurance, true);
      t.same(v.priorityGroups, ['disabled']);
      const read = await send('GET', `/v1/vacancies/${v.id}`);
      t.same(read.json().wage, v.wage, 'stored as given');

      const changed = await send('PATCH', `/v1/vacancies/${v.id}`, { version: v.version, hoursPerDay: 8 });
      t.equal(changed.statusCode, 200, changed.body);
      t.same(changed.json().monthlyWage, { monthlyMin: 4680, monthlyMax: 4680 }, 'a change of hours re-converts');
      t.equal(changed.json().socialInsurance, true, 'and leaves the other terms alone');
    },
  );

  t.test('a piece rate by the employer’s monthly estimate', async (t) => {
    const res = await post({ wage: { min: 0.3, unit: 'piece', monthlyEstimate: { min: 5000, max: 6000 } } });
    t.equal(res.statusCode, 201, res.body);
    t.same(res.json().monthlyWage, { monthlyMin: 5000, monthlyMax: 6000 });
    t.same(res.json().wage.monthlyEstimate, { min: 5000, max: 6000 });
  });

  t.test('a public-welfare post says who it is for', async (t) => {
    const res = await post({
      title: '村级保洁员（公益性岗位）',
      wage: { min: 900, unit: 'month' },
      publicWelfare: true,
      publicWelfareEligibility: {
        groups: ['registered_poor'],
        residenceRegionCodes: ['440309'],
        cannotLeaveHome: true,
      },
    });
    t.equal(res.statusCode, 201, res.body);
    t.same(res.json().publicWelfareEligibility, {
      groups: ['registered_poor'],
      residenceRegionCodes: ['440309'],
      cannotLeaveHome: true,
    });
  });

  t.test('what cannot be true is refused as a problem naming the field, and nothing is stored', async (t) => {
    const cases: [Record<string, unknown>, string][] = [
      [{ wage: { min: 22.555, unit: 'hour' } }, 'wage.min'],
      [{ wage: { min: 6000, unit: 'month' }, daysPerMonth: 26, restDaysPerMonth: 4 }, 'restDaysPerMonth'],
      [{ wage: { min: 6000, unit: 'month' }, hoursPerDay: 25 }, 'hoursPerDay'],
      [{ wage: { min: 6000, unit: 'month', monthlyEstimate: { min: 1 } } }, 'unit'],
      [{ wage: { min: 0.3, unit: 'piece' } }, 'wage.piecesPerMonth'],
      [{ wage: { min: 0.3, unit: 'piece', monthlyEstimate: { min: 6000, max: 5000 } } }, 'monthlyEstimate.max'],
      [
        { wage: { min: 6000, unit: 'month' }, publicWelfareEligibility: { groups: ['graduate'] } },
        'publicWelfareEligibility',
      ],
      [
        {
          wage: { min: 900, unit: 'month' },
          publicWelfare: true,
          publicWelfareEligibility: { residenceRegionCodes: ['999999'] },
        },
        'publicWelfareEligibility.residenceRegionCodes.0',
      ],
    ];
    const stored = async () =>
      (await send('GET', `/v1/vacancies?employerId=${employerId}&limit=200`)).json().items.length as number;
    const before = await stored();
    for (const [body, field] of cases) {
      const res = await post(body);
      t.ok([400, 422].includes(res.statusCode), `${field}: ${res.body}`);
      t.match(res.headers['content-type'], /application\/problem\+json/);
      t.ok(
        (res.json().errors as { field: string }[]).some((e) => e.field.endsWith(field)),
        `names ${field}: ${res.body}`,
      );
    }
    t.equal(await stored(), before, 'none of them was stored');
  });

  t.test(
    'a seeker’s own words, cannot-leave-home, listed places and licences with their dates come back',
    async (t) => {
      const res = await send('POST', '/v1/seekers', {
        name: '王师傅',
        idNumber: idOf('61020419850307101'),
        residenceRegionCode: '610204',
        certificates: ['C1驾照'],
        drivingLicences: [
          { licence: 'A2驾驶证', issuedOn: '2024-05-01' },
          { licence: 'C1', issuedOn: '2010-05-01' },
        ],
        demand: {
          occupations: ['货车司机'],
          statement: '想开大車，只去銅川或者蘇州',
          regionScope: 'listed',
          acceptedRegions: ['610200', '320500'],
          cannotLeaveHome: false,
          expectedWage: { min: 350, unit: 'day' },
        },
      });
      t.equal(res.statusCode, 201, res.body);
      const s = res.json();
      t.same(s.drivingLicences, [
        { licence: 'cert.driving-a2', issuedOn: '2024-05-01' },
        { licence: 'cert.driving-c1', issuedOn: '2010-05-01' },
      ]);
      t.equal(s.demand.regionScope, 'listed');
      t.equal(s.demand.statement, '想开大车，只去铜川或者苏州', 'kept, in simplified characters');
      t.same(s.demand.expectedWage, { min: 350, unit: 'day' });
      const bad = await send('POST', '/v1/seekers', {
        name: '李',
        idNumber: idOf('61020419850307102'),
        residenceRegionCode: '610204',
        demand: { regionScope: 'nowhere' },
      });
      t.ok([400, 422].includes(bad.statusCode), bad.body);
      t.ok((bad.json().errors as { field: string }[]).some((e) => e.field === 'demand.regionScope'));
    },
  );
});
