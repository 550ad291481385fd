import t from 'tap';
import { defaultEngine, NOW, seekerProfile, vacancyProfile } from './testing.ts';

const engine = defaultEngine();
const reasons = (s: Parameters<typeof engine.evaluate>[0], v: Parameters<typeof engine.evaluate>[1]) => {
  const result = engine.evaluate(s, v, NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.rejections));
  return Object.fromEntries(result.match.breakdown.map((f) => [f.factor, f.reason]));
};

t.test('each factor says why in Chinese, as plainly as the overall line, with English alongside', async (t) => {
  const welder = seekerProfile({
    residenceRegionCode: '420322',
    skills: [{ code: 'skill.welding', name: '电焊' }],
    certificates: ['cert.welding'],
    demand: { regionScope: 'county', acceptedRegions: ['440000'], expectedMonthlyWage: 6000, needsHousing: true },
  });
  const post = vacancyProfile({
    regionCode: '440306',
    requiredSkills: [{ code: 'skill.welding', name: '电焊' }],
    monthlyWageMin: 6500,
    monthlyWageMax: 8000,
    housingProvided: true,
  });
  const r = reasons(welder, post);
  t.equal(r.skills?.zh, '技能匹配：电焊');
  t.equal(r.skills?.en, 'matched 电焊');
  t.match(r.location?.zh, /^距离 \d+ 公里，在求职者愿去的广东省$/, 'names the accepted region that let it in');
  t.match(r.location?.en, /^\d+ km away, in 广东省, which the seeker accepts$/);
  t.equal(r.wage?.zh, '月薪 8000 元，高于期望 6000 元', 'the top of the offer, as a seeker reads an ad');
  t.equal(r.wage?.en, 'pays 8,000 yuan a month, above the 6,000 expected');
  t.match(r.extras?.zh, /^(今天发布|\d+ 天前发布)，提供住宿$/);
  for (const f of ['skills', 'location', 'wage', 'extras']) {
    t.notMatch(r[f]?.zh, /[a-z]{3,}/i, `${f}: no English words in the Chinese reason`);
  }
});

t.test(
  'a post that asks for no skill says so, and a wage with no stated expectation says what it was compared with',
  async (t) => {
    const s = seekerProfile({
      residenceRegionCode: '420322',
      skills: [{ code: 'skill.sewing', name: '缝纫' }],
      demand: { expectedMonthlyWage: null },
    });
    const labour = vacancyProfile({
      regionCode: '420322',
      requiredSkills: [],
      monthlyWageMin: 4000,
      monthlyWageMax: 4000,
    });
    const r = reasons(s, labour);
    t.equal(r.skills?.zh, '岗位不要求技能，用不上缝纫技能', 'a seamstress is over-qualified for it, and told so');
    t.equal(r.skills?.en, 'an unskilled post that leaves 缝纫 unused');
    t.equal(r.location?.zh, '就在本地');
    t.match(r.wage?.zh, /^月薪 4000 元，未填期望，按 \d+ 元比较$/);
    const newcomer = reasons({ ...s, skills: [] }, labour);
    t.equal(newcomer.skills?.zh, '岗位不要求特定技能', 'someone without a trade is not');
  },
);

t.test('a missing skill is named', async (t) => {
  const s = seekerProfile({ residenceRegionCode: '420322', skills: [{ code: 'skill.sewing', name: '缝纫' }] });
  const cleaning = vacancyProfile({ regionCode: '420322', requiredSkills: [{ code: 'skill.cleaning', name: '保洁' }] });
  const r = reasons(s, cleaning);
  t.match(r.skills?.zh, /缺少所需技能：保洁/);
  t.match(r.skills?.en, /lacks the required 保洁/);
});
