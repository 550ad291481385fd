import {
  type Column,
  columnNamer,
  EDUCATION,
  groups,
  list,
  lookup,
  names,
  number,
  PRIORITY_GROUPS,
  readSheet,
  sheetTemplate,
  UNITS,
  YES_NO,
} from './sheet.ts';

const EMPLOYMENT: Record<string, string> = {
  全职: 'full_time',
  兼职: 'part_time',
  临时: 'temporary',
  季节性: 'seasonal',
  实习: 'internship',
  计件: 'piece_work',
};
const SHIFTS: Record<string, string> = { 白班: 'day', 夜班: 'night', 倒班: 'rotating', 弹性: 'flexible' };

/** The vacancy sheet bureaus already keep: one vacancy a row. */
export const COLUMNS: readonly Column[] = [
  { header: '单位编号', field: 'employerId', example: 'emp_…（API 返回的单位编号）' },
  { header: '岗位编号', field: 'externalId', example: 'HR-2026-031（贵单位自己的编号，可空）' },
  { header: '岗位名称', field: 'title', example: '电焊工' },
  { header: '岗位描述', field: 'description', example: '熟练二保焊，持证上岗' },
  { header: '工作地点', field: 'region', example: '湘西州吉首市' },
  { header: '区划代码', field: 'regionCode', example: '433101' },
  { header: '详细地址', field: 'address', example: '乾州工业园' },
  { header: '招聘人数', field: 'headcount', example: '5', read: number },
  { header: '薪资下限', field: 'wage.min', example: '4500', read: number },
  { header: '薪资上限', field: 'wage.max', example: '6000', read: number },
  { header: '薪资单位', field: 'wage.unit', example: '月', read: lookup(UNITS) },
  { header: '每月件数', field: 'wage.piecesPerMonth', example: '', read: number },
  { header: '计件月均下限', field: 'wage.monthlyEstimate.min', example: '', read: number },
  { header: '计件月均上限', field: 'wage.monthlyEstimate.max', example: '', read: number },
  { header: '薪资说明', field: 'wage.note', example: '底薪+计件，多劳多得' },
  { header: '每天工时', field: 'hoursPerDay', example: '10', read: number },
  { header: '月休天数', field: 'restDaysPerMonth', example: '4', read: number },
  { header: '缴纳社保', field: 'socialInsurance', example: '是', read: lookup(YES_NO) },
  {
    header: '技能要求',
    field: 'requiredSkills',
    example: '电焊、叉车',
    read: names,
  },
  { header: '优先技能', field: 'preferredSkills', example: '气割', read: names },
  { header: '证书要求', field: 'requiredCertificates', example: 'cert.welding', read: list },
  { header: '学历要求', field: 'minEducation', example: '初中', read: lookup(EDUCATION) },
  { header: '经验要求(月)', field: 'minExperienceMonths', example: '12', read: number },
  { header: '年龄下限', field: 'ageMin', example: '18', read: number },
  { header: '年龄上限', field: 'ageMax', example: '55', read: number },
  { header: '包住', field: 'housingProvided', example: '是', read: lookup(YES_NO) },
  { header: '包吃', field: 'mealsProvided', example: '是', read: lookup(YES_NO) },
  { header: '班次', field: 'shift', example: '白班', read: lookup(SHIFTS) },
  { header: '用工形式', field: 'employmentType', example: '全职', read: lookup(EMPLOYMENT) },
  { header: '公益岗位', field: 'publicWelfare', example: '否', read: lookup(YES_NO) },
  { header: '公益岗位对象', field: 'publicWelfareEligibility.groups', example: '', read: groups },
  { header: '公益岗位户籍地区划', field: 'publicWelfareEligibility.residenceRegionCodes', example: '', read: list },
  {
    header: '公益岗位限无法离乡',
    field: 'publicWelfareEligibility.cannotLeaveHome',
    example: '',
    read: lookup(YES_NO),
  },
  { header: '优先群体', field: 'priorityGroups', example: '退役军人', read: groups },
  { header: '驾龄要求(年)', field: 'drivingLicenceYears', example: '', read: number },
  {
    header: '有效期至',
    field: 'validThrough',
    example: '2026-12-31',
    kind: 'date',
    // A day alone is a Beijing day, valid to its end: the vacancy's own rule (instantOf).
    read: (day) => day,
  },
];

export const columnName = columnNamer(COLUMNS);

/** The rows of a vacancy sheet; rows that name no employer are `employerId`'s. */
export const readVacancySheet = (file: Buffer, format: 'xlsx' | 'csv', defaults: { employerId?: string | undefined }) =>
  readSheet(file, format, COLUMNS, defaults.employerId ? { employerId: defaults.employerId } : {});

export const vacancyTemplate = () =>
  sheetTemplate('岗位', COLUMNS, [
    ['薪资单位', Object.keys(UNITS).join(' / ')],
    ['学历要求', Object.keys(EDUCATION).join(' / ')],
    ['用工形式', Object.keys(EMPLOYMENT).join(' / ')],
    ['班次', Object.keys(SHIFTS).join(' / ')],
    ['公益岗位对象 / 优先群体', Object.keys(PRIORITY_GROUPS).join(' / ')],
    ['每天工时 / 月休天数', '时薪、日薪按本岗工时折算月薪；不填按法定每天 8 小时、每月 21.75 天'],
    ['工作地点 / 区划代码', '二选一：地名（如 湘西州吉首市）或六位区划代码'],
    ['有效期至', '日期单元格，或写 2026-12-31 / 2026/12/31 / 2026年12月31日；北京时间当天 23:59:59 到期'],
  ]);
