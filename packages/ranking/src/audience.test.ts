import t from 'tap';
import { rankForAudience } from './audience.ts';
import { defaultEngine, NOW, seekerProfile, vacancyProfile } from './testing.ts';

const engine = defaultEngine();
const welding = (id: string, employerId: string, wage: number) =>
  vacancyProfile({
    id,
    employerId,
    title: '电焊工',
    regionCode: '433101',
    requiredSkills: [{ code: 'skill.welding', name: '电焊' }],
    requiredCertificates: [],
    monthlyWageMin: wage,
    monthlyWageMax: wage,
  });

t.test('the audience’s trades come first, without a run of near-identical posts', async (t) => {
  // Five copies of one employer's welding post, slightly different pay, and other work.
  const posts = [
    welding('vac_w1', 'emp_a', 7000),
    welding('vac_w2', 'emp_a', 6990),
    welding('vac_w3', 'emp_a', 6980),
    welding('vac_w4', 'emp_b', 6500),
    vacancyProfile({
      id: 'vac_sew',
      title: '缝纫工',
      requiredSkills: [{ code: 'skill.sewing', name: '缝纫' }],
      monthlyWageMin: 5000,
      monthlyWageMax: 5000,
    }),
    vacancyProfile({
      id: 'vac_clean',
      title: '保洁',
      requiredSkills: [{ code: 'skill.cleaning', name: '保洁' }],
      monthlyWageMin: 3000,
      monthlyWageMax: 3000,
    }),
  ];
  const audience = {
    regions: [{ code: '433101', count: 800 }],
    skills: [
      { code: 'skill.welding', count: 500 },
      { code: 'skill.sewing', count: 300 },
    ],
    expectedMonthlyWage: 5000,
  };
  const copies = new Set(['vac_w1', 'vac_w2', 'vac_w3']);
  const plain = rankForAudience(engine, audience, posts, { limit: 4, lambda: 1, now: NOW }).map((p) => p.vacancyId);
  t.same(
    plain.filter((id) => copies.has(id)),
    ['vac_w1', 'vac_w2', 'vac_w3'],
    'by interest alone the three copies fill the list',
  );
  const picks = rankForAudience(engine, audience, posts, { limit: 4, lambda: 0.6, now: NOW });
  const order = picks.map((p) => p.vacancyId);
  t.equal(order.filter((id) => copies.has(id)).length, 1, 'with diversity one copy is shown, and other work instead');
  t.ok(order.includes('vac_w1'), 'the best-paid of the copies');
  t.ok(order.includes('vac_sew') && order.includes('vac_w4'), "both of the audience's trades, from both employers");
  t.ok(
    picks.every((p) => p.interest > 0 && p.interest <= 1),
    'interest is a mean score',
  );
});

t.test('a registered audience: posts none of them can take are left out', async (t) => {
  const viewers = [seekerProfile({ id: 'skr_1' }), seekerProfile({ id: 'skr_2' })];
  const publicWelfare = vacancyProfile({ id: 'vac_pw', publicWelfare: true });
  const ordinary = vacancyProfile({ id: 'vac_ok' });
  t.same(
    rankForAudience(engine, viewers, [publicWelfare, ordinary], { now: NOW }).map((p) => p.vacancyId),
    ['vac_ok'],
  );
});
