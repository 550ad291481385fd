import type { ExtrasDetail } from './factors/extras.ts';
import type { LocationDetail } from './factors/location.ts';
import type { SkillDetail } from './factors/skills.ts';
import type { PreparedSeeker, PreparedVacancy } from './prepare.ts';
import type { Factor, Reason } from './types.ts';

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

/** Joins the Chinese parts with ，and the English with , : one short line per factor. */
function line(parts: [zh: string, en: string][]): Reason {
  return { zh: parts.map((p) => p[0]).join('，'), en: parts.map((p) => p[1]).join(', ') };
}

/**
 * Each factor's reason, in Chinese as plain as the overall line, English alongside:
 * 技能匹配：电焊 / 距离 12 公里，在愿去的地区 / 月薪 4500 元，高于期望 4000 元 / 3 天前发布，提供住宿.
 */
export function factorReasons(
  s: PreparedSeeker,
  v: PreparedVacancy,
  skills: SkillDetail,
  location: LocationDetail,
  extras: ExtrasDetail,
): Record<Factor, Reason> {
  const skillParts: [string, string][] = [];
  if (skills.matched.length > 0) {
    skillParts.push([`技能匹配：${skills.matched.join('、')}`, `matched ${skills.matched.join(', ')}`]);
  }
  if (skills.gaps.length > 0) {
    const gaps = skills.gaps.map((g) => g.name);
    skillParts.push([`缺少所需技能：${gaps.join('、')}`, `lacks the required ${gaps.join(', ')}`]);
  }
  if (skillParts.length === 0) {
    skillParts.push(
      v.required.length === 0
        ? ['岗位不要求特定技能', 'the post requires no particular skill']
        : ['没有匹配的所需技能', 'no required skill matched'],
    );
  }

  const locationParts: [string, string][] = [];
  if (location.distanceKm === null) locationParts.push(['距离不详', 'distance unknown']);
  else {
    const km = Math.round(location.distanceKm);
    locationParts.push(km < 1 ? ['就在本地', 'local'] : [`距离 ${km} 公里`, `${km} km away`]);
  }
  if (location.acceptedRegion) locationParts.push(['在求职者愿去的地区', 'in a region the seeker accepts']);
  if (location.cooperation) locationParts.push(['劳务协作对口地区', 'a labour-cooperation destination']);

  const offered = Math.round(v.offeredMonthly);
  const expected = Math.round(s.expectedMonthly);
  const wageParts: [string, string][] = [[`月薪 ${offered} 元`, `pays ${yuan(offered)} yuan a month`]];
  if (s.statedExpectation) {
    wageParts.push(
      offered > expected
        ? [`高于期望 ${expected} 元`, `above the ${yuan(expected)} expected`]
        : offered < expected
          ? [`低于期望 ${expected} 元`, `below the ${yuan(expected)} expected`]
          : ['符合期望', 'as expected'],
    );
  } else {
    // The factor still compares with a figure: say it is the policy's, not the seeker's.
    wageParts.push([`未填期望，按 ${expected} 元比较`, `no expectation given, compared with ${yuan(expected)}`]);
  }

  const extrasParts: [string, string][] = [
    extras.freshDays === 0
      ? ['今天发布', 'posted today']
      : [`${extras.freshDays} 天前发布`, `posted ${extras.freshDays} days ago`],
  ];
  if (extras.housing !== undefined) {
    extrasParts.push(extras.housing ? ['提供住宿', 'housing provided'] : ['不提供住宿', 'no housing']);
  }
  if (extras.meals !== undefined) {
    extrasParts.push(extras.meals ? ['提供餐食', 'meals provided'] : ['不提供餐食', 'no meals']);
  }
  if (extras.shift !== undefined) {
    extrasParts.push(extras.shift ? ['班次合适', 'the shift suits'] : ['班次不合', 'the shift does not suit']);
  }
  if (!Number.isNaN(v.retention)) {
    const pct = Math.round(v.retention * 100);
    extrasParts.push([`该单位 ${pct}% 的上岗者干满 90 天`, `${pct}% of the employer's placements stayed 90 days`]);
  }

  return { skills: line(skillParts), location: line(locationParts), wage: line(wageParts), extras: line(extrasParts) };
}
