import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * The spreadsheet bureaus fill in: one vacancy a row under Chinese column headers, with
 * Chinese values (月, 是/否, 初中 …). Each column knows the API field it fills.
 */
type Column = { header: string; field: string; example: string; read?: (text: string) => unknown };

const UNITS: Record<string, string> = {
  时: 'hour',
  小时: 'hour',
  日: 'day',
  天: 'day',
  周: 'week',
  月: 'month',
  年: 'year',
  件: 'piece',
};
const EDUCATION: Record<string, string> = {
  无: 'none',
  小学: 'primary',
  初中: 'junior_middle',
  高中: 'senior_middle',
  中专: 'vocational',
  技校: 'vocational',
  大专: 'associate',
  本科: 'bachelor',
  硕士: 'master',
  博士: 'doctorate',
};
const EMPLOYMENT: Record<string, string> = {
  全职: 'full_time',
  兼职: 'part_time',
  临时: 'temporary',
  季节性: 'seasonal',
  实习: 'internship',
  计件: 'piece_work',
};
const SHIFTS: Record<string, string> = { 白班: 'day', 夜班: 'night', 倒班: 'rotating', 弹性: 'flexible' };
const YES_NO: Record<string, boolean> = { 是: true, 否: false, 有: true, 无: false };

const number = (text: string) => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);
const list = (text: string) =>
  text
    .split(/[、,，;；/]+/)
    .map((s) => s.trim())
    .filter(Boolean);
const lookup = (table: Record<string, unknown>) => (text: string) => table[text] ?? text;

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
  {
    header: '技能要求',
    field: 'requiredSkills',
    example: '电焊、叉车',
    read: (t) => list(t).map((name) => ({ name })),
  },
  { header: '优先技能', field: 'preferredSkills', example: '气割', read: (t) => list(t).map((name) => ({ name })) },
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
  {
    header: '有效期至',
    field: 'validThrough',
    example: '2026-12-31',
    read: (t) => (/^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T23:59:59+08:00` : t),
  },
];

const headerOf = new Map(COLUMNS.map((c) => [c.field, c.header]));

/** A field path of a row error as the person with the spreadsheet knows it: 薪资单位 (wage.unit). */
export function columnName(field: string): string {
  const header = headerOf.get(field) ?? headerOf.get(field.replace(/\.\d+(\..*)?$/, ''));
  return header ? `${header} (${field})` : field;
}

export type SheetRow = { row: number; data: Record<string, unknown> };

/** The rows of the first sheet, as vacancy input objects, numbered as the spreadsheet shows them. */
export async function readVacancySheet(
  file: Buffer,
  format: 'xlsx' | 'csv',
  defaults: { employerId?: string | undefined },
): Promise<{ rows: SheetRow[]; unknownHeaders: string[] }> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  if (format === 'xlsx') {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    sheet = workbook.worksheets[0];
  } else {
    sheet = await workbook.csv.read(Readable.from([file.toString('utf8').replace(/^\uFEFF/, '')]));
  }
  if (!sheet) return { rows: [], unknownHeaders: [] };
  const headers: (Column | undefined)[] = [];
  const unknownHeaders: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cell.text.trim();
    const column = COLUMNS.find((c) => c.header === text || c.field === text);
    headers[col] = column;
    if (!column && text) unknownHeaders.push(text);
  });
  const rows: SheetRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const data: Record<string, unknown> = defaults.employerId ? { employerId: defaults.employerId } : {};
    let filled = false;
    row.eachCell((cell, col) => {
      const column = headers[col];
      const text = cell.text.trim();
      if (!column || text === '') return;
      filled = true;
      setPath(data, column.field, column.read ? column.read(text) : text);
    });
    if (filled) rows.push({ row: rowNumber, data });
  });
  return { rows, unknownHeaders };
}

/** The template bureaus download: the headers, one example row, and a sheet of notes. */
export async function vacancyTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Duijie';
  const sheet = workbook.addWorksheet('岗位');
  sheet.addRow(COLUMNS.map((c) => c.header)).font = { bold: true };
  sheet.addRow(COLUMNS.map((c) => c.example));
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  const notes = workbook.addWorksheet('填写说明');
  notes.addRow(['列', '对应字段', '说明']).font = { bold: true };
  for (const c of COLUMNS) notes.addRow([c.header, c.field, c.example]);
  notes.addRow([]);
  notes.addRow(['薪资单位', '', Object.keys(UNITS).join(' / ')]);
  notes.addRow(['学历要求', '', Object.keys(EDUCATION).join(' / ')]);
  notes.addRow(['用工形式', '', Object.keys(EMPLOYMENT).join(' / ')]);
  notes.addRow(['班次', '', Object.keys(SHIFTS).join(' / ')]);
  notes.addRow(['工作地点 / 区划代码', '', '二选一：地名（如 湘西州吉首市）或六位区划代码']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const [head, ...rest] = path.split('.');
  if (!head) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const inner = (target[head] ?? {}) as Record<string, unknown>;
  target[head] = inner;
  setPath(inner, rest.join('.'), value);
}
