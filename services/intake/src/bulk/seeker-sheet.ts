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

const STATUS: Record<string, string> = {
  失业: 'unemployed',
  未就业: 'unemployed',
  已就业: 'employed',
  灵活就业: 'flexible',
  自主创业: 'self_employed',
  培训中: 'in_training',
  暂不求职: 'not_seeking',
};
const SCOPE: Record<string, string> = {
  本村: 'village',
  本乡镇: 'township',
  本县: 'county',
  本市州: 'prefecture',
  本省: 'province',
  不限: 'anywhere',
  仅限所列地区: 'listed',
  指定地区: 'listed',
};
const OUTCOME: Record<string, string> = {
  待就业: 'pending',
  已就业: 'placed',
  自主创业: 'self_employed',
  培训中: 'in_training',
  暂不求职: 'not_seeking',
};

/** The 求职登记 sheet officers fill in: one person a row, the 六清 fields as columns. */
export const SEEKER_COLUMNS: readonly Column[] = [
  { header: '姓名', field: 'name', example: '王某' },
  { header: '身份证号', field: 'idNumber', example: '请设为文本格式，18 位', kind: 'text' },
  { header: '手机号', field: 'phone', example: '13900000000', kind: 'text' },
  { header: '居住地区划代码', field: 'residenceRegionCode', example: '420322101201' },
  { header: '学历', field: 'education', example: '初中', read: lookup(EDUCATION) },
  {
    header: '重点群体',
    field: 'priorityGroups',
    example: '脱贫户、返乡农民工',
    read: groups,
  },
  { header: '监测对象', field: 'monitored', example: '否', read: lookup(YES_NO) },
  { header: '就业状态', field: 'employmentStatus', example: '失业', read: lookup(STATUS) },
  { header: '技能特长', field: 'skills', example: '电焊、叉车', read: names },
  { header: '证书', field: 'certificates', example: 'cert.welding', read: list },
  { header: '培训需求', field: 'trainingNeeds', example: '叉车', read: list },
  { header: '求职意向', field: 'demand.occupations', example: '电焊工', read: list },
  { header: '求职意向原话', field: 'demand.statement', example: '想去东莞学厨师，包吃住' },
  { header: '求职范围', field: 'demand.regionScope', example: '本省', read: lookup(SCOPE) },
  { header: '可接受地区', field: 'demand.acceptedRegions', example: '440300', read: list },
  { header: '期望薪资', field: 'demand.expectedWage.min', example: '4500', read: number },
  { header: '期望薪资单位', field: 'demand.expectedWage.unit', example: '月', read: lookup(UNITS) },
  { header: '需要住宿', field: 'demand.needsHousing', example: '是', read: lookup(YES_NO) },
  { header: '无法离乡', field: 'demand.cannotLeaveHome', example: '否', read: lookup(YES_NO) },
  { header: '家庭年收入', field: 'householdIncome.annualYuan', example: '36000', read: number },
  { header: '家庭人口', field: 'householdIncome.members', example: '4', read: number },
  { header: '就业去向', field: 'outcome.status', example: '待就业', read: lookup(OUTCOME) },
];

export const seekerColumnName = columnNamer(SEEKER_COLUMNS);

export const readSeekerSheet = (file: Buffer, format: 'xlsx' | 'csv') => readSheet(file, format, SEEKER_COLUMNS);

export const seekerTemplate = () =>
  sheetTemplate('求职登记', SEEKER_COLUMNS, [
    ['身份证号 / 手机号', '单元格设为文本：数字格式会丢掉后几位，这样的行不会导入'],
    ['重点群体', Object.keys(PRIORITY_GROUPS).join(' / ')],
    ['就业状态', Object.keys(STATUS).join(' / ')],
    ['求职范围', Object.keys(SCOPE).join(' / ')],
    ['就业去向', Object.keys(OUTCOME).join(' / ')],
    ['学历', Object.keys(EDUCATION).join(' / ')],
  ]);
