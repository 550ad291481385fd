import type { ExtrasDetail } from './factors/extras.ts';
import type { LocationDetail } from './factors/location.ts';
import type { SkillDetail } from './factors/skills.ts';
import type { PreparedSeeker, PreparedVacancy } from './prepare.ts';

const yuan = (n: number) => Math.round(n).toLocaleString('en-US');

/** One plain line in Chinese and English: 技能匹配：电焊、叉车；距离 12 公里；月薪 4500 元高于期望 4000 元. */
export function reasonLine(
  s: PreparedSeeker,
  v: PreparedVacancy,
  skills: SkillDetail,
  location: LocationDetail,
  extras: ExtrasDetail,
) {
  const zh: string[] = [];
  const en: string[] = [];
  if (skills.matched.length > 0) {
    zh.push(`技能匹配：${skills.matched.join('、')}`);
    en.push(`skills matched: ${skills.matched.join(', ')}`);
  }
  if (skills.gaps.length > 0) {
    zh.push(`缺少技能：${skills.gaps.map((g) => g.name).join('、')}`);
    en.push(`skills to learn: ${skills.gaps.map((g) => g.name).join(', ')}`);
  }
  if (location.distanceKm !== null) {
    const km = Math.round(location.distanceKm);
    zh.push(km < 1 ? '就在本地' : `距离 ${km} 公里`);
    en.push(km < 1 ? 'local' : `${km} km away`);
  }
  if (location.cooperation) {
    zh.push('劳务协作对口地区');
    en.push('a labour-cooperation destination');
  }
  const offered = v.offeredMonthly;
  if (s.statedExpectation) {
    const expected = s.expectedMonthly;
    const relation =
      offered > expected ? ['高于', 'above'] : offered < expected ? ['低于', 'below'] : ['符合', 'matching'];
    zh.push(`月薪 ${Math.round(offered)} 元${relation[0]}期望 ${Math.round(expected)} 元`);
    en.push(`pays ${yuan(offered)} yuan a month, ${relation[1]} the ${yuan(expected)} expected`);
  } else {
    zh.push(`月薪 ${Math.round(offered)} 元`);
    en.push(`pays ${yuan(offered)} yuan a month`);
  }
  if (extras.housing) {
    zh.push('提供住宿');
    en.push('housing provided');
  }
  if (extras.meals) {
    zh.push('提供餐食');
    en.push('meals provided');
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}
