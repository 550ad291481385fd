// The 55 minority nationalities as they appear in the names of autonomous areas, longest
// first so that 土家 is tried before 土.
const NATIONALITIES = [
  '维吾尔',
  '哈萨克',
  '柯尔克孜',
  '乌孜别克',
  '塔吉克',
  '塔塔尔',
  '俄罗斯',
  '鄂温克',
  '鄂伦春',
  '达斡尔',
  '土家',
  '蒙古',
  '朝鲜',
  '布依',
  '哈尼',
  '傈僳',
  '拉祜',
  '纳西',
  '景颇',
  '仡佬',
  '仫佬',
  '毛南',
  '撒拉',
  '布朗',
  '阿昌',
  '普米',
  '德昂',
  '独龙',
  '基诺',
  '门巴',
  '珞巴',
  '东乡',
  '保安',
  '裕固',
  '锡伯',
  '赫哲',
  '高山',
  '藏',
  '苗',
  '彝',
  '壮',
  '回',
  '侗',
  '瑶',
  '白',
  '傣',
  '佤',
  '怒',
  '羌',
  '水',
  '黎',
  '畲',
  '土',
  '京',
  '满',
].sort((a, b) => b.length - a.length);

const NATIONALITY_RUN = new RegExp(`(?:(?:${NATIONALITIES.join('|')})族)+`);
const AUTONOMOUS = new RegExp(`^(.+?)${NATIONALITY_RUN.source}自治(州|县|旗)$`);

/**
 * The short forms people write for a division: 湘西土家族苗族自治州 → 湘西, 湘西州;
 * 广西壮族自治区 → 广西; 郧西县 → 郧西. Too-short or generic stems are not offered.
 */
export function shortNames(name: string, level: 'province' | 'prefecture' | 'county'): string[] {
  const names = new Set<string>();
  const autonomous = AUTONOMOUS.exec(name);
  if (autonomous?.[1]) {
    names.add(autonomous[1]);
    names.add(autonomous[1] + autonomous[2]);
  }
  const suffixes =
    level === 'province'
      ? /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|省|市)$/
      : level === 'prefecture'
        ? /(地区|市|盟)$/
        : /(新区|县|区|市|旗)$/;
  const stem = name.replace(suffixes, '');
  if (stem !== name) names.add(stem);
  return [...names].filter((n) => n.length >= 2 && n !== name);
}
