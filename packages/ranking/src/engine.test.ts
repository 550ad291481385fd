import t from 'tap';
import { DEFAULT_POLICY, definePolicy } from './policy.ts';
import { defaultEngine, NOW, seekerProfile, vacancyProfile } from './testing.ts';
import { toMonthly } from './wage.ts';

const engine = defaultEngine();

t.test('a welder in 郧西县 willing to go to Guangdong: welding in 深圳 above cleaning in 深圳', async (t) => {
  const welder = seekerProfile({
    id: 'skr_welder',
    residenceRegionCode: '420322',
    skills: [{ code: 'skill.welding', name: '电焊', level: 'intermediate', years: 6 }],
    certificates: ['cert.welding'],
    demand: { regionScope: 'county', acceptedRegions: ['440000'], expectedMonthlyWage: 6000 },
  });
  const welding = vacancyProfile({
    id: 'vac_weld',
    title: '电焊工',
    regionCode: '440306',
    requiredSkills: [{ code: 'skill.welding', name: '电焊', level: 'junior' }],
    monthlyWageMin: 6500,
    monthlyWageMax: 8000,
  });
  const cleaning = vacancyProfile({
    id: 'vac_clean',
    title: '保洁员',
    regionCode: '440304',
    requiredSkills: [{ code: 'skill.cleaning', name: '保洁' }],
    monthlyWageMin: 6500,
    monthlyWageMax: 8000,
  });
  const local = vacancyProfile({ id: 'vac_hubei_far', regionCode: '420102' });
  const ranked = engine.rankVacancies(welder, [cleaning, welding, local], { now: NOW });
  t.same(
    ranked.map((m) => m.vacancyId),
    ['vac_weld', 'vac_clean'],
    'welding first; Wuhan is outside what the seeker accepts',
  );
  const [first] = ranked;
  t.same(first?.matchedSkills, ['电焊']);
  t.match(first?.reason.zh, /^技能匹配：电焊；距离 \d+ 公里；在愿去的广东省；月薪 8000 元高于期望 6000 元$/);
  t.match(
    first?.reason.en,
    /skills matched: 电焊; \d+ km away; in 广东省, where the seeker will go; pays 8,000 yuan a month, above the 6,000 expected/,
  );
  t.same(ranked[1]?.skillGaps, [{ code: 'skill.cleaning', name: '保洁' }], 'the cleaning job shows the gap');
  const contributions = first?.breakdown.reduce((sum, f) => sum + f.contribution, 0) ?? 0;
  t.equal(Math.round(contributions * 1e9), Math.round((first?.score ?? 0) * 1e9), 'the parts add up to the score');
});

t.test('電焊 written in traditional characters matches 电焊', async (t) => {
  const s = seekerProfile({ skills: [{ name: '電焊' }], certificates: ['cert.welding'] });
  const v = vacancyProfile({ requiredSkills: [{ name: '电焊' }] });
  const result = engine.evaluate(s, v, NOW);
  t.ok(result.ok);
  if (result.ok) {
    t.equal(result.match.breakdown.find((f) => f.factor === 'skills')?.value, 1);
    t.same(result.match.skillGaps, []);
  }
});

t.test('a public-welfare post is never offered to a seeker who is not eligible', async (t) => {
  const post = vacancyProfile({ id: 'vac_pw', publicWelfare: true, title: '公益性岗位 保洁' });
  const ordinary = seekerProfile({ id: 'skr_plain' });
  const eligible = seekerProfile({ id: 'skr_pw', priorityGroups: ['registered_poor'] });
  t.same(engine.rankVacancies(ordinary, [post], { now: NOW }), []);
  const result = engine.evaluate(ordinary, post, NOW);
  t.match(result, { ok: false, rejections: [{ constraint: 'public_welfare_ineligible' }] });
  t.same(
    engine.rankSeekers(post, [ordinary, eligible], { now: NOW }).map((m) => m.seekerId),
    ['skr_pw'],
  );
});

t.test('a blacklisted employer never appears', async (t) => {
  const s = seekerProfile();
  const arrears = vacancyProfile({
    id: 'vac_bad',
    employerBlacklisted: true,
    monthlyWageMin: 9000,
    monthlyWageMax: 9000,
  });
  const fair = vacancyProfile({ id: 'vac_ok' });
  t.same(
    engine.rankVacancies(s, [arrears, fair], { now: NOW }).map((m) => m.vacancyId),
    ['vac_ok'],
  );
  t.match(engine.evaluate(s, arrears, NOW), { ok: false, rejections: [{ constraint: 'employer_blacklisted' }] });
});

t.test('a daily wage of 200 yuan compares correctly with an expected 4,000 a month', async (t) => {
  const monthly = toMonthly(200, 'day');
  t.equal(monthly, 4350, '200 × 21.75 working days');
  const s = seekerProfile({ demand: { expectedMonthlyWage: 4000 } });
  const daily = vacancyProfile({ monthlyWageMin: monthly, monthlyWageMax: monthly });
  const result = engine.evaluate(s, daily, NOW);
  t.ok(result.ok);
  if (result.ok) {
    const wage = result.match.breakdown.find((f) => f.factor === 'wage')?.value ?? 0;
    t.ok(wage > DEFAULT_POLICY.wage.atExpectation, 'above expectation scores above parity');
    t.match(result.match.reason.zh, /月薪 4350 元高于期望 4000 元/);
  }
  t.equal(toMonthly(25, 'hour'), 4350);
  t.equal(toMonthly(60000, 'year'), 5000);
  t.equal(toMonthly(2, 'piece', 2000), 4000);
  t.throws(() => toMonthly(2, 'piece'), RangeError);
});

t.test('work the law licenses needs the certificate, and says which', async (t) => {
  const electrician = vacancyProfile({ requiredSkills: [{ code: 'skill.electrician', name: '电工' }] });
  const without = seekerProfile({ skills: [{ code: 'skill.electrician', name: '电工' }] });
  const result = engine.evaluate(without, electrician, NOW);
  t.match(result, {
    ok: false,
    rejections: [
      {
        constraint: 'certificate_missing',
        reason: /特种作业操作证（电工作业）/,
        detail: { certificate: 'cert.electrician' },
      },
    ],
  });
  t.ok(engine.evaluate({ ...without, certificates: ['cert.electrician'] }, electrician, NOW).ok);
});

t.test('every failing constraint is listed with a machine-readable code', async (t) => {
  const s = seekerProfile({ birthDate: '1960-01-01', education: 'primary', residenceRegionCode: '433101' });
  const v = vacancyProfile({
    status: 'closed',
    validThrough: '2026-01-01T00:00:00Z',
    filledCount: 5,
    headcount: 5,
    ageMax: 50,
    minEducation: 'senior_middle',
    regionCode: '440304',
  });
  const result = engine.evaluate(s, v, NOW);
  t.match(result, { ok: false });
  if (!result.ok) {
    t.same(
      result.rejections.map((r) => r.constraint),
      [
        'vacancy_closed',
        'vacancy_expired',
        'no_headcount',
        'age_above_maximum',
        'education_below_minimum',
        'outside_accepted_area',
      ],
    );
  }
});

t.test('both directions: the best seekers for a vacancy', async (t) => {
  const forklift = vacancyProfile({ id: 'vac_fork', requiredSkills: [{ code: 'skill.forklift', name: '叉车' }] });
  const driver = seekerProfile({
    id: 'skr_fork',
    skills: [{ code: 'skill.forklift', name: '叉车' }],
    certificates: ['cert.forklift'],
  });
  const keeper = seekerProfile({
    id: 'skr_keeper',
    skills: [{ code: 'skill.warehouse', name: '仓管' }],
    certificates: ['cert.forklift'],
  });
  const unlicensed = seekerProfile({ id: 'skr_nolicence', skills: [{ code: 'skill.forklift', name: '叉车' }] });
  t.same(
    engine.rankSeekers(forklift, [keeper, unlicensed, driver], { now: NOW }).map((m) => m.seekerId),
    ['skr_fork', 'skr_keeper'],
  );
});

t.test('policy boosts for priority groups are visible, and the policy is versioned', async (t) => {
  const workshop = vacancyProfile({ employerKind: 'community_factory' });
  const poor = seekerProfile({ priorityGroups: ['registered_poor'] });
  const plain = seekerProfile();
  const boosted = engine.evaluate(poor, workshop, NOW);
  const unboosted = engine.evaluate(plain, workshop, NOW);
  t.ok(boosted.ok && unboosted.ok);
  if (boosted.ok && unboosted.ok) {
    t.ok(boosted.match.score > unboosted.match.score);
    t.same(
      boosted.match.boosts.map((b) => b.kind),
      ['poverty-monitoring', 'community-factory-near-home'],
    );
    const base = boosted.match.breakdown.reduce((s, f) => s + f.contribution, 0);
    const boostSum = boosted.match.boosts.reduce((s, b) => s + b.amount, 0);
    t.equal(Math.round((base + boostSum) * 1e9), Math.round(boosted.match.score * 1e9), 'boosts add up too');
    t.equal(boosted.match.policyVersion, DEFAULT_POLICY.version);
  }
  const noBoosts = defaultEngine({ policy: definePolicy('no-boosts', { boosts: [] }) });
  const flat = noBoosts.evaluate(poor, workshop, NOW);
  t.ok(flat.ok && unboosted.ok && flat.match.score === unboosted.match.score);
  t.ok(flat.ok && flat.match.policyVersion === 'no-boosts');
});

t.test('a labour-cooperation pair raises the location factor from origin to destination', async (t) => {
  const pair = { origin: '433100', destination: '440300' };
  const s = seekerProfile({ residenceRegionCode: '433101', demand: { acceptedRegions: ['440300'] } });
  const v = vacancyProfile({ regionCode: '440304' });
  const plain = defaultEngine().evaluate(s, v, NOW);
  const paired = defaultEngine({ cooperation: [pair] }).evaluate(s, v, NOW);
  const loc = (e: typeof plain) => (e.ok ? (e.match.breakdown.find((f) => f.factor === 'location')?.value ?? 0) : -1);
  t.ok(loc(paired) > loc(plain));
  t.ok(paired.ok && /劳务协作/.test(paired.match.reason.zh));
});

t.test('a certificate stored by name before intake mapped names still meets the requirement', async (t) => {
  const s = seekerProfile({ skills: [{ code: 'skill.welding', name: '电焊' }], certificates: ['焊工證'] });
  const v = vacancyProfile({
    requiredSkills: [{ code: 'skill.welding', name: '电焊' }],
    requiredCertificates: ['特种作业操作证（焊接与热切割作业）'],
  });
  t.ok(engine.evaluate(s, v, NOW).ok, 'no certificate_missing');
  const none = seekerProfile({ skills: [{ code: 'skill.welding', name: '电焊' }], certificates: ['育婴员证'] });
  const refused = engine.evaluate(none, v, NOW);
  t.same(refused.ok ? [] : refused.rejections.map((r) => r.constraint), ['certificate_missing']);
});
