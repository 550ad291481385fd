import type { ExtrasDetail } from './factors/extras.ts';
import type { LocationDetail } from './factors/location.ts';
import type { SkillDetail } from './factors/skills.ts';
import { designedFor, expectedFor } from './factors/wage.ts';
import type { PreparedSeeker, PreparedVacancy, RankingContext } from './prepare.ts';
import type { Factor, Reason } from './types.ts';
import { workingTime } from './wage.ts';

const yuan = (n: number) => Math.round(n).toLocaleString('en-US');

/** One plain line in Chinese and English: 技能匹配：电焊、叉车；距离 12 公里；月薪 4500 元高于期望 4000 元. */
export function reasonLine(
  s: PreparedSeeker,
  v: PreparedVacancy,
  skills: SkillDetail,
  location: LocationDetail,
  extras: ExtrasDetail,
  ctx: RankingContext,
) {
  const zh: string[] = [];
  const en: string[] = [];
  if (skills.wished) {
    zh.push(`求职意向：${skills.wished}`);
    en.push(`a trade wanted: ${skills.wished}`);
  }
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
  if (skills.unused) {
    zh.push(`用不上${skills.unused.join('、')}技能`);
    en.push(`does not use ${skills.unused.join(', ')}`);
  }
  if (location.cooperation) {
    zh.push('劳务协作对口地区');
    en.push('a labour-cooperation destination');
  }
  const via = placeName(location, ctx);
  if (via) {
    zh.push(`在愿去的${via}`);
    en.push(`in ${via}, where the seeker will go`);
  }
  const offered = v.offeredMonthly;
  if (s.statedExpectation) {
    const expected = expectedFor(s, v);
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
  if (extras.repostOf) {
    zh.push('疑为中介转发的同一岗位，建议直接应聘用人单位');
    en.push("looks like an agency's re-post of a direct job: apply to the employer");
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}

/** The name of the accepted region that let the workplace in (苏州市), or null. */
function placeName(location: LocationDetail, ctx: RankingContext): string | null {
  return location.acceptedVia ? (ctx.regions.get(location.acceptedVia)?.name ?? location.acceptedVia) : null;
}

const UNIT_ZH: Record<string, string> = { hour: '时薪', day: '日薪', week: '周薪', year: '年薪', piece: '计件' };

/** How a post's hour or day wage became a month: its own hours and days, or the statutory ones. */
function conversion(v: PreparedVacancy): [string, string] | null {
  const unit = v.profile.wageUnit;
  if (unit !== 'hour' && unit !== 'day') return null;
  const t = workingTime(v.profile);
  const days = Math.round(t.daysPerMonth * 100) / 100;
  const zhDays = t.daysStated ? `每月 ${days} 天` : `法定每月 ${days} 天`;
  const enDays = `${days} days a month${t.daysStated ? '' : ' (statutory)'}`;
  if (unit === 'day') return [`${UNIT_ZH.day}按${zhDays}折算`, `a day wage at ${enDays}`];
  const zhHours = t.hoursStated ? `每天 ${t.hoursPerDay} 小时` : '法定每天 8 小时';
  const enHours = `${t.hoursPerDay} hours a day${t.hoursStated ? '' : ' (statutory)'}`;
  return [`${UNIT_ZH.hour}按${zhHours}、${zhDays}折算`, `an hourly wage at ${enHours}, ${enDays}`];
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
  ctx: RankingContext,
): Record<Factor, Reason> {
  const skillParts: [string, string][] = [];
  if (skills.wished) skillParts.push([`是求职意向：${skills.wished}`, `a trade the seeker wants: ${skills.wished}`]);
  if (skills.trade) skillParts.push([`本行：${skills.trade}`, `the seeker's own trade: ${skills.trade}`]);
  if (skills.matched.length > 0) {
    skillParts.push([`技能匹配：${skills.matched.join('、')}`, `matched ${skills.matched.join(', ')}`]);
  }
  if (skills.gaps.length > 0) {
    const gaps = skills.gaps.map((g) => g.name);
    skillParts.push([`缺少所需技能：${gaps.join('、')}`, `lacks the required ${gaps.join(', ')}`]);
  }
  if (skills.unused) {
    const trades = skills.unused.join('、');
    skillParts.push([
      `岗位不要求技能，用不上${trades}技能`,
      `an unskilled post that leaves ${skills.unused.join(', ')} unused`,
    ]);
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
  const via = placeName(location, ctx);
  if (via) locationParts.push([`在求职者愿去的${via}`, `in ${via}, which the seeker accepts`]);
  else if (location.acceptedRegion) locationParts.push(['在求职者愿去的地区', 'in a region the seeker accepts']);
  if (location.cooperation) locationParts.push(['劳务协作对口地区', 'a labour-cooperation destination']);

  const offered = Math.round(v.offeredMonthly);
  const expected = Math.round(expectedFor(s, v));
  const wageParts: [string, string][] = [[`月薪 ${offered} 元`, `pays ${yuan(offered)} yuan a month`]];
  const converted = conversion(v);
  if (converted) wageParts.push(converted);
  if (s.expectedPerUnit) {
    const { amount, unit } = s.expectedPerUnit;
    wageParts.push([
      `期望${UNIT_ZH[unit]} ${amount} 元按本岗折合每月 ${expected} 元`,
      `the expected ${amount} yuan a ${unit} comes to ${yuan(expected)} a month here`,
    ]);
  }
  if (v.profile.publicWelfare || v.designedForSupport) {
    if (designedFor(s, v))
      wageParts.push(['岗位为就近就业设计，收入按补贴看待', 'a post designed for support: its pay is a subsidy']);
  }
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
  if (extras.socialInsurance !== undefined) {
    extrasParts.push(
      extras.socialInsurance ? ['缴纳社保', 'social insurance paid'] : ['不缴社保', 'no social insurance'],
    );
  }
  if (extras.seasonal) extrasParts.push(['季节性/临时工作', 'seasonal or temporary work']);
  if (extras.repostOf) {
    extrasParts.push(['疑为中介转发的同一岗位', "looks like an agency's re-post of a direct job"]);
  } else if (extras.agency) {
    extrasParts.push(['中介/劳务派遣发布', 'posted by a labour agency']);
  }
  if (!Number.isNaN(v.retention)) {
    const pct = Math.round(v.retention * 100);
    extrasParts.push([`该单位 ${pct}% 的上岗者干满 90 天`, `${pct}% of the employer's placements stayed 90 days`]);
  }

  return { skills: line(skillParts), location: line(locationParts), wage: line(wageParts), extras: line(extrasParts) };
}
