import { Readable } from 'node:stream';
import { MAX_REPORTED_FAILURES, type Text } from '@duijie/contracts';
import ExcelJS from 'exceljs';
import { rowMessages } from '../errors.ts';
import { declaredLastRow, hasMoreRowsThan } from './xlsx-dimension.ts';

/**
 * The spreadsheets bureaus fill in: one record a row under Chinese column headers, with
 * Chinese values (月, 是/否, 初中 …). Each column knows the API field it fills.
 */
export type Column = {
  header: string;
  field: string;
  example: string;
  /** text: a number cell is refused (it has lost digits); date: a date cell or a written date, as YYYY-MM-DD. */
  kind?: 'text' | 'date';
  read?: (text: string) => unknown;
};

/** A data row: what its cells say, and the cells that could not be read (by field). */
export type SheetRow = { row: number; data: Record<string, unknown>; errors: { field: string; message: Text }[] };
/** A row to import: from a sheet, or an element of a JSON bulk request (which has no cell errors). */
export type SheetInputRow = { row: number; data: unknown; errors?: SheetRow['errors'] };

export const UNITS: Record<string, string> = {
  时: 'hour',
  小时: 'hour',
  日: 'day',
  天: 'day',
  周: 'week',
  月: 'month',
  年: 'year',
  件: 'piece',
  计件: 'piece',
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
/** 重点群体 as bureaus write them. */
export const PRIORITY_GROUPS: Record<string, string> = {
  建档立卡: 'registered_poor',
  脱贫户: 'registered_poor',
  脱贫不稳定户: 'unstable_poverty_alleviated',
  边缘易致贫户: 'marginal_poverty',
  突发严重困难户: 'sudden_hardship',
  失地农民: 'land_lost_farmer',
  高校毕业生: 'graduate',
  退役军人: 'veteran',
  残疾人: 'disabled',
  长期失业人员: 'long_term_unemployed',
  返乡农民工: 'returned_migrant',
  脱贫劳动力: 'registered_poor',
  长期失业: 'long_term_unemployed',
  两后生: 'school_leaver',
  零就业家庭: 'zero_employment_family',
};

export const groups = (text: string) => list(text).map(lookup(PRIORITY_GROUPS));

/** The failed rows a report lists, in row order and at most MAX_REPORTED_FAILURES, and how many there were. */
export function reportedFailures<F extends { row: number }>(failed: F[]): { failed: F[]; failedCount: number } {
  return { failed: failed.sort((a, b) => a.row - b.row).slice(0, MAX_REPORTED_FAILURES), failedCount: failed.length };
}

/**
 * Yields to other requests every few hundred rows: checking 10,000 rows is seconds of work,
 * and `/health` (and everyone else) should not wait for all of it.
 */
export const letOthersIn = (index: number) =>
  index % 250 === 249 ? new Promise<void>((resolve) => setImmediate(resolve)) : undefined;

/**
 * Writes rows a few hundred to a statement, letting other requests in between: on PGlite,
 * which runs in this thread, one statement of 10,000 rows held every request for seconds.
 */
export async function inStatements<T>(items: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    await write(items.slice(start, start + ROWS_PER_STATEMENT));
  }
}
const ROWS_PER_STATEMENT = 500;

/** A field path of a row error as the person with the spreadsheet knows it: 薪资单位 (wage.unit). */
export function columnNamer(columns: readonly Column[]): (field: string) => string {
  const headerOf = new Map(columns.map((c) => [c.field, c.header]));
  return (field) => {
    const header = headerOf.get(field) ?? headerOf.get(field.replace(/\.\d+(\..*)?$/, ''));
    return header ? `${header} (${field})` : field;
  };
}

/** The most data rows a sheet may have: more is refused before the rest of the file is read. */
export const MAX_SHEET_ROWS = 10_000;
/** The first cell of the template's example row starts with this; such a row is skipped. */
export const EXAMPLE_MARK = '示例';

/** A sheet over MAX_SHEET_ROWS: the reader stops at the first row past the cap. */
export class SheetTooLong extends Error {
  constructor() {
    super(`more than ${MAX_SHEET_ROWS} rows`);
  }
}

/** What the reader needs of a cell; exceljs's whole-book and streaming readers both give it. */
type CellLike = { value: unknown; text: string; effectiveType: number };

/** The rows of the first sheet as input objects, numbered as the spreadsheet shows them. */
export async function readSheet(
  file: Buffer,
  format: 'xlsx' | 'csv',
  columns: readonly Column[],
  defaults: Record<string, unknown> = {},
): Promise<{ rows: SheetRow[]; unknownHeaders: string[] }> {
  const headers: (Column | undefined)[] = [];
  const unknownHeaders: string[] = [];
  const rows: SheetRow[] = [];
  let dataRows = 0;
  const take = (cells: [number, CellLike][], rowNumber: number) => {
    if (rowNumber === 1) {
      for (const [col, cell] of cells) {
        const text = cell.text.trim();
        const column = columns.find((c) => c.header === text || c.field === text);
        headers[col] = column;
        if (!column && text) unknownHeaders.push(text);
      }
      return;
    }
    const row = readRow(cells, headers, defaults, rowNumber);
    if (!row) return;
    dataRows += 1;
    if (dataRows > MAX_SHEET_ROWS) throw new SheetTooLong();
    rows.push(row);
  };
  if (format === 'xlsx') {
    // What the sheet says of its size (or its row tags, counted while unpacking) refuses a huge one
    // at once. Not at the cap itself: styled but empty rows count there; the rows read below decide.
    const declared = declaredLastRow(file);
    if (declared === undefined ? await hasMoreRowsThan(file, 2 * MAX_SHEET_ROWS) : declared > 2 * MAX_SHEET_ROWS) {
      throw new SheetTooLong();
    }
    // Streamed, row by row: a sheet over the cap is refused at its first row past it, never held whole.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache', // a date cell is a number with a date format: the styles tell which
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) take(cellsOf(row), row.number);
      break; // the first sheet only: the template's second sheet is notes
    }
  } else {
    const text = file.toString('utf8').replace(/^\uFEFF/, '');
    // Counted before parsing, with room for a header, an example and blank lines; the rows read decide.
    if (csvRecords(text) > 2 * MAX_SHEET_ROWS) throw new SheetTooLong();
    // Every cell stays text: read as numbers, 18-digit ID numbers would lose their last digits.
    const sheet = await new ExcelJS.Workbook().csv.read(Readable.from([text]), {
      map: (datum: string) => (datum === '' ? null : datum),
    });
    for (let n = 1; n <= sheet.rowCount; n++) {
      take(cellsOf(sheet.getRow(n)), n);
      await letOthersIn(n);
    }
  }
  return { rows, unknownHeaders };
}

function cellsOf(row: ExcelJS.Row): [number, CellLike][] {
  const cells: [number, CellLike][] = [];
  row.eachCell((cell, col) => {
    cells.push([col, cell]);
  });
  return cells;
}

/** One data row, or undefined for an empty row or the template's example. */
function readRow(
  cells: [number, CellLike][],
  headers: (Column | undefined)[],
  defaults: Record<string, unknown>,
  row: number,
): SheetRow | undefined {
  const data: Record<string, unknown> = { ...defaults };
  const errors: SheetRow['errors'] = [];
  let first = true;
  let filled = false;
  for (const [col, cell] of cells) {
    const column = headers[col];
    const text = cell.text.trim();
    if (text === '') continue;
    if (first && text.startsWith(EXAMPLE_MARK)) return undefined;
    first = false;
    if (!column) continue;
    filled = true;
    const value = cellValue(column, cell, text);
    if (value instanceof RowError) errors.push({ field: column.field, message: value.message });
    else setPath(data, column.field, column.read ? column.read(value) : value);
  }
  return filled ? { row, data, errors } : undefined;
}

class RowError {
  constructor(readonly message: Text) {}
}

/** The text a cell holds as its column needs it: text columns refuse numbers, date columns take date cells. */
function cellValue(column: Column, cell: CellLike, text: string): string | RowError {
  if (column.kind === 'text' && cell.effectiveType === ExcelJS.ValueType.Number) {
    // A number cell keeps 15 significant digits: an ID number's last three are gone already.
    return new RowError(rowMessages.numberCell());
  }
  if (column.kind === 'date') {
    const value = cell.value instanceof Date ? cell.value : (cell.value as { result?: unknown } | null)?.result;
    // exceljs gives a date cell as the UTC instant of the wall-clock date typed.
    const day = value instanceof Date ? value.toISOString().slice(0, 10) : sheetDate(text);
    return day ?? new RowError(rowMessages.notADate());
  }
  return text;
}

/** A date as people write it in a sheet (2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日), as YYYY-MM-DD. */
export function sheetDate(text: string): string | undefined {
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return undefined;
  const day = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) ? day : undefined;
}

/** How many records a CSV holds: line breaks outside quotes, counted without parsing the cells. */
function csvRecords(text: string): number {
  let records = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) records += 1;
  }
  return text.endsWith('\n') ? records : records + 1;
}

const GENERAL_NOTES: [string, string][] = [
  ['示例行', `第一格以“${EXAMPLE_MARK}”开头的行不导入，可留可删`],
  ['行数', `每个文件最多 ${MAX_SHEET_ROWS.toLocaleString('en')} 行，更多请分成几个文件`],
];

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
  // Marked, so that a sheet sent back with it still in place does not report it as a bad row.
  const example = sheet.addRow(columns.map((c, i) => (i === 0 ? `${EXAMPLE_MARK}：${c.example}` : c.example)));
  example.font = { italic: true, color: { argb: 'FF808080' } };
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  const notesSheet = workbook.addWorksheet('填写说明');
  notesSheet.addRow(['列', '对应字段', '说明']).font = { bold: true };
  for (const c of columns) notesSheet.addRow([c.header, c.field, c.example]);
  notesSheet.addRow([]);
  for (const [column, note] of [...notes, ...GENERAL_NOTES]) notesSheet.addRow([column, '', note]);
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
