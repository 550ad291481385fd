import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * The spreadsheets bureaus fill in: one record a row under Chinese column headers, with
 * Chinese values (月, 是/否, 初中 …). Each column knows the API field it fills.
 */
export type Column = { header: string; field: string; example: string; read?: (text: string) => unknown };

export type SheetRow = { row: number; data: Record<string, unknown> };

export const UNITS: Record<string, string> = {
  时: 'hour',
  小时: 'hour',
  日: 'day',
  天: 'day',
  周: 'week',
  月: 'month',
  年: 'year',
  件: 'piece',
};
export const EDUCATION: Record<string, string> = {
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
export const YES_NO: Record<string, boolean> = { 是: true, 否: false, 有: true, 无: false };

export const number = (text: string) => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);
export const list = (text: string) =>
  text
    .split(/[、,，;；/]+/)
    .map((s) => s.trim())
    .filter(Boolean);
export const lookup = (table: Record<string, unknown>) => (text: string) => table[text] ?? text;
export const names = (text: string) => list(text).map((name) => ({ name }));

/** A field path of a row error as the person with the spreadsheet knows it: 薪资单位 (wage.unit). */
export function columnNamer(columns: readonly Column[]): (field: string) => string {
  const headerOf = new Map(columns.map((c) => [c.field, c.header]));
  return (field) => {
    const header = headerOf.get(field) ?? headerOf.get(field.replace(/\.\d+(\..*)?$/, ''));
    return header ? `${header} (${field})` : field;
  };
}

/** The rows of the first sheet as input objects, numbered as the spreadsheet shows them. */
export async function readSheet(
  file: Buffer,
  format: 'xlsx' | 'csv',
  columns: readonly Column[],
  defaults: Record<string, unknown> = {},
): Promise<{ rows: SheetRow[]; unknownHeaders: string[] }> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  if (format === 'xlsx') {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    sheet = workbook.worksheets[0];
  } else {
    // Every cell stays text: read as numbers, 18-digit ID numbers would lose their last digits.
    sheet = await workbook.csv.read(Readable.from([file.toString('utf8').replace(/^\uFEFF/, '')]), {
      map: (datum: string) => (datum === '' ? null : datum),
    });
  }
  if (!sheet) return { rows: [], unknownHeaders: [] };
  const headers: (Column | undefined)[] = [];
  const unknownHeaders: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cell.text.trim();
    const column = columns.find((c) => c.header === text || c.field === text);
    headers[col] = column;
    if (!column && text) unknownHeaders.push(text);
  });
  const rows: SheetRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const data: Record<string, unknown> = { ...defaults };
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

/** A template to download: the headers, one example row, and a sheet of notes. */
export async function sheetTemplate(
  name: string,
  columns: readonly Column[],
  notes: [string, string][],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Duijie';
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  sheet.addRow(columns.map((c) => c.example));
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  const notesSheet = workbook.addWorksheet('填写说明');
  notesSheet.addRow(['列', '对应字段', '说明']).font = { bold: true };
  for (const c of columns) notesSheet.addRow([c.header, c.field, c.example]);
  notesSheet.addRow([]);
  for (const [column, note] of notes) notesSheet.addRow([column, '', note]);
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
