// The sheets bureaus fill in hold what an ad and a seeker say (issue 15): working time, the
// pay in the employer's words, a piece rate's monthly estimate, insurance, who a 公益岗 is for,
// the groups a post prefers, 驾龄; a seeker's own words, 无法离乡, exactly the places they go.
import { residentIdCheckChar } from '@duijie/contracts';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp, registerEmployer } from '../testing.ts';
import { CSV } from './sheet-upload.ts';

const idOf = (first17: string) => `${first17}${residentIdCheckChar(first17)}`;
const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\n');

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  const admin = await staffAuth();
  const employerId = await registerEmployer(app, {
    name: '郧西某社区工厂',
    creditStem: '91420322MA4T00031',
    regionCode: '420322',
  });
  const post = (url: string, payload: string) =>
    app.inject({ method: 'POST', url, headers: { ...admin, 'content-type': CSV }, payload });

  t.test('a vacancy row with hours, rest days, estimate, note, insurance, eligibility and preference', async (t) => {
    const res = await post(
      `/v1/vacancies/import?employerId=${employerId}`,
      csv([
        [
          '岗位名称',
          '工作地点',
          '招聘人数',
          '薪资下限',
          '薪资单位',
          '计件月均下限',
          '计件月均上限',
          '薪资说明',
          '每天工时',
          '月休天数',
          '缴纳社保',
          '公益岗位',
          '公益岗位对象',
          '公益岗位户籍地区划',
          '公益岗位限无法离乡',
          '优先群体',
        ],
        [
          '毛绒玩具缝制',
          '郧西县',
          '10',
          '0.8',
          '计件',
          '2000',
          '2800',
          '计件，多劳多得',
          '8',
          '4',
          '是',
          '否',
          '',
          '',
          '',
          '残疾人、两后生',
        ],
        ['村级保洁员', '郧西县', '2', '900', '月', '', '', '', '', '', '否', '是', '脱贫户', '420322', '是', ''],
      ]),
    );
    t.equal(res.statusCode, 201, res.body);
    t.equal(res.json().stored, 2, res.body);
    const [piece, welfare] = await Promise.all(
      (res.json().vacancies as { id: string }[]).map(async (v) => (await app.inject(`/v1/vacancies/${v.id}`)).json()),
    );
    t.match(piece, {
      wage: { min: 0.8, unit: 'piece', monthlyEstimate: { min: 2000, max: 2800 }, note: '计件，多劳多得' },
      monthlyWage: { monthlyMin: 2000, monthlyMax: 2800 },
      hoursPerDay: 8,
      restDaysPerMonth: 4,
      socialInsurance: true,
      priorityGroups: ['disabled', 'school_leaver'],
    });
    t.match(welfare, {
      publicWelfare: true,
      publicWelfareEligibility: {
        groups: ['registered_poor'],
        residenceRegionCodes: ['420322'],
        cannotLeaveHome: true,
      },
    });
  });

  t.test('a seeker row with their own words, cannot-leave-home and listed places', async (t) => {
    const res = await post(
      '/v1/seekers/import',
      csv([
        [
          '姓名',
          '身份证号',
          '居住地区划代码',
          '重点群体',
          '求职意向',
          '求职意向原话',
          '求职范围',
          '可接受地区',
          '无法离乡',
        ],
        [
          '陈桂英',
          idOf('42032219700312102'),
          '420322',
          '零就业家庭',
          '保洁员',
          '想在村里做保洁',
          '仅限所列地区',
          '420322',
          '是',
        ],
      ]),
    );
    t.equal(res.statusCode, 201, res.body);
    const id = (res.json().seekers as { id: string }[])[0]?.id;
    const seeker = (await app.inject({ url: `/v1/seekers/${id}`, headers: admin })).json();
    t.match(seeker, {
      priorityGroups: ['zero_employment_family'],
      demand: {
        statement: '想在村里做保洁',
        regionScope: 'listed',
        acceptedRegions: ['420322'],
        cannotLeaveHome: true,
      },
    });
  });
});
