import t from 'tap';
import { AudienceScores, rankForAudience } from './audience.ts';
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

t.test('scores kept between rankings: the same lineup as ranking afresh, new pairs scored only', async (t) => {
  const posts = [
    welding('vac_w1', 'emp_a', 7000),
    welding('vac_w2', 'emp_b', 6000),
    vacancyProfile({ id: 'vac_sew', requiredSkills: [{ code: 'skill.sewing', name: '缝纫' }] }),
    vacancyProfile({ id: 'vac_gone', validThrough: '2026-11-22T00:10:30Z' }),
  ];
  const prepared = posts.map((p) => engine.prepareVacancy(p));
  const member = (id: string, code: string, weight: number) => ({
    weight,
    profile: seekerProfile({ id, skills: [{ code, name: code }] }),
  });
  const scores = new AudienceScores();
  const scored: string[] = [];
  const counting = new Proxy(engine, {
    get: (target, key) =>
      key === 'score'
        ? (...args: Parameters<typeof engine.score>) => {
            scored.push(`${args[0].profile.id}×${args[1].profile.id}`);
            return target.score(...args);
          }
        : Reflect.get(target, key),
  });
  const welders = member('cell_welders', 'skill.welding', 500);
  const sewers = member('cell_sewers', 'skill.sewing', 300);
  // 00:10:20 UTC: scores are taken at the minute's start, 00:10:00, when vac_gone is still open.
  const at = new Date('2026-11-22T00:10:20Z');
  const minute = new Date('2026-11-22T00:10:00Z');
  const first = rankForAudience(counting, [welders, sewers], prepared, { limit: 4, now: at, scores });
  t.same(first, rankForAudience(engine, [welders, sewers], posts, { limit: 4, now: minute }), 'as a fresh ranking');
  t.equal(scored.length, 8, 'every pair scored once');

  scored.length = 0;
  const more = [{ ...welders, weight: 900 }, sewers];
  const again = rankForAudience(counting, more, prepared, { limit: 4, now: at, scores });
  t.same(again, rankForAudience(engine, more, posts, { limit: 4, now: minute }), 'more viewers: as a fresh ranking');
  t.same(scored, [], 'and nothing scored again: only the weights changed');

  const cooks = member('cell_cooks', 'skill.chinese_cooking', 50);
  const changed = [...prepared.slice(1), engine.prepareVacancy({ ...posts[0], monthlyWageMax: 9000 } as never)];
  rankForAudience(counting, [...more, cooks], changed, { limit: 4, now: at, scores });
  // The new group against the four posts, and the changed post against the two groups it has not met.
  t.equal(scored.length, 4 + 2, 'a new group is scored against each post, a changed post against each group');

  scored.length = 0;
  const later = rankForAudience(counting, more, prepared, { limit: 4, now: new Date('2026-11-22T00:11:05Z'), scores });
  t.equal(scored.length, 8, 'a new minute scores afresh');
  t.notOk(
    later.some((p) => p.vacancyId === 'vac_gone'),
    'and a post that expired in the minute before is gone',
  );
});
