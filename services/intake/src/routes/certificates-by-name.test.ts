// Certificates come in as a bureau types them (焊工证, 電工證, the official 特种作业操作证（…）) and
// are stored as the codes the law's requirements use; before, they were stored as typed, so a
// certified welder was refused every welding post with certificate_missing.
import { residentIdCheckChar } from '@duijie/contracts';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp, registerEmployer } from '../testing.ts';

const idOf = (first17: string) => `${first17}${residentIdCheckChar(first17)}`;

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  const admin = await staffAuth();
  const send = (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) =>
    app.inject({ method, headers: admin, url, payload });

  t.test('a seeker’s certificates by name are stored as codes; an unknown one is kept and reported', async (t) => {
    const res = await send('POST', '/v1/seekers', {
      name: '张师傅',
      idNumber: idOf('43312219860307101'),
      residenceRegionCode: '433122',
      skills: [{ name: '电焊' }],
      certificates: ['焊工證', '特种设备作业人员证（叉车　Ｎ１）', '母婴护理员证'],
    });
    t.equal(res.statusCode, 201, res.body);
    t.same(res.json().certificates, ['cert.welding', 'cert.forklift', '母婴护理员证']);
    t.same(res.json().unknownCertificates, ['母婴护理员证']);
    t.same(res.json().unknownSkills, []);

    const changed = await send('PATCH', `/v1/seekers/${res.json().id}`, {
      version: res.json().version,
      certificates: ['低压电工作业证', '电工证'],
    });
    t.equal(changed.statusCode, 200, changed.body);
    t.same(changed.json().certificates, ['cert.electrician'], 'two names of one certificate are one code');
    t.same(changed.json().unknownCertificates, []);
  });

  t.test(
    'a vacancy’s required certificates by name are stored as codes; an unknown one is kept and reported',
    async (t) => {
      const employerId = await registerEmployer(app, {
        name: '泸溪某钢构厂',
        kind: 'enterprise',
        creditStem: '91433122MA4P00077',
        regionCode: '433122',
      });
      const res = await send('POST', '/v1/vacancies', {
        employerId,
        headcount: 2,
        title: '电焊工',
        regionCode: '433122',
        requiredSkills: [{ name: '电焊' }],
        requiredCertificates: ['特种作业操作证（焊接与热切割作业）', '登高证', '压力容器焊工合格证'],
        wage: { min: 6000, unit: 'month' },
      });
      t.equal(res.statusCode, 201, res.body);
      t.same(res.json().requiredCertificates, ['cert.welding', 'cert.work-at-height', '压力容器焊工合格证']);
      t.same(res.json().unknownCertificates, ['压力容器焊工合格证']);

      const bulk = await send('POST', '/v1/vacancies/bulk', {
        vacancies: [
          {
            employerId,
            headcount: 1,
            title: '叉车司机',
            regionCode: '433122',
            requiredCertificates: ['叉車證', '叉车工上岗合格证明书'],
            wage: { min: 5000, unit: 'month' },
          },
        ],
      });
      t.equal(bulk.statusCode, 201, bulk.body);
      t.same(bulk.json().vacancies[0].unknownCertificates, ['叉车工上岗合格证明书'], 'a bulk row reports its own');
    },
  );
});
