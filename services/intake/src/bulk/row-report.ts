import { type BulkReport, inLanguage, type Language, type SeekerBulkReport, type Text } from '@duijie/contracts';

/** A row not stored, as an import writes it: each reason in both languages until someone reads it. */
export type RowProblem = { row: number; errors: { field: string; message: string | Text }[] };

export type Report = BulkReport | SeekerBulkReport;

/** A report as it is stored and handed around: rendered for its reader by `inReadersLanguage`. */
export type Drafted<R extends Report> = Omit<R, 'failed'> & { failed: RowProblem[] };

/** The report in the reader's language (a job's report is read later, maybe by someone else). */
export function inReadersLanguage<R extends Report>(report: Drafted<R>, language: Language): R {
  return {
    ...report,
    failed: report.failed.map((f) => ({
      row: f.row,
      errors: f.errors.map((e) => ({ field: e.field, message: inLanguage(e.message, language) })),
    })),
  } as R;
}
