import type { ServiceApp } from '@duijie/service-kit';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errors } from '../errors.ts';
import { MAX_SHEET_ROWS, type SheetRow, SheetTooLong } from './sheet.ts';

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FORM = 'multipart/form-data';
export const UPLOAD_TYPES = [FORM, XLSX, CSV];

/** The largest sheet file taken: 10,000 rows of the widest template are a few megabytes. */
export const MAX_SHEET_BYTES = 16 * 1024 * 1024;

export const SHEET_LIMITS_ZH = `每个文件最多 ${MAX_SHEET_ROWS.toLocaleString('en')} 行数据、${MAX_SHEET_BYTES / 1024 / 1024} MiB：更大的表格在读完之前即以 413 拒绝。`;
export const SHEET_LIMITS = `At most ${MAX_SHEET_ROWS.toLocaleString('en')} data rows and ${MAX_SHEET_BYTES / 1024 / 1024} MiB a file: a larger sheet is refused with 413 before it is read whole.`;

/**
 * The upload as OpenAPI shows it (Swagger UI offers a file picker). It checks nothing at run
 * time: the file is read by `uploadedSheet`, whichever way it came.
 */
export const SheetUpload = z.unknown().meta({
  description: `The sheet: the file as the body, or a form with the file in the field \`file\`. ${SHEET_LIMITS}`,
  content: {
    [FORM]: {
      schema: {
        type: 'object',
        properties: { file: { type: 'string', format: 'binary', description: 'the XLSX or CSV file' } },
        required: ['file'],
      },
    },
    [XLSX]: { schema: { type: 'string', format: 'binary' } },
    [CSV]: { schema: { type: 'string', format: 'binary' } },
  },
});

/** Spreadsheets come as they are (the body is the file) or as a form upload (`curl -F file=@…`). */
export function acceptSpreadsheets(app: ServiceApp) {
  app.addContentTypeParser([CSV, XLSX], { parseAs: 'buffer', bodyLimit: MAX_SHEET_BYTES }, (_request, body, done) =>
    done(null, body),
  );
  app.register(multipart, { limits: { fileSize: MAX_SHEET_BYTES, files: 1, fields: 10 } });
}

export type Sheet = { file: Buffer; format: 'xlsx' | 'csv' };

/** The uploaded file, however it came; 415 for another media type, 413 over the size cap. */
export async function uploadedSheet(request: FastifyRequest): Promise<Sheet> {
  if (request.isMultipart()) {
    // A form that is not one (no boundary, cut short) is the client's to mend, not a 500.
    const part = await request.file().catch(() => {
      throw unreadableForm();
    });
    if (!part) throw errors.noFile();
    const file = await part.toBuffer().catch((err: { code?: string }) => {
      if (err.code !== 'FST_REQ_FILE_TOO_LARGE') throw unreadableForm();
      throw errors.sheetTooManyBytes(MAX_SHEET_BYTES, MAX_SHEET_ROWS);
    });
    const csv = part.mimetype.startsWith(CSV) || /\.csv$/i.test(part.filename);
    return { file, format: csv ? 'csv' : 'xlsx' };
  }
  const file = request.body as unknown;
  if (!Buffer.isBuffer(file)) {
    throw errors.sheetMediaType(XLSX, CSV);
  }
  return { file, format: (request.headers['content-type'] ?? '').startsWith(CSV) ? 'csv' : 'xlsx' };
}

const unreadableForm = errors.unreadableForm;

/** The rows of a sheet; 400 for a broken file or a column of no template, 413 over the row cap. */
export async function sheetRows(
  { file, format }: Sheet,
  read: (file: Buffer, format: 'xlsx' | 'csv') => Promise<{ rows: SheetRow[]; unknownHeaders: string[] }>,
): Promise<SheetRow[]> {
  const sheet = await read(file, format).catch((err: unknown) => {
    if (err instanceof SheetTooLong) {
      throw errors.sheetTooManyRows(MAX_SHEET_BYTES, MAX_SHEET_ROWS);
    }
    throw errors.unreadableSpreadsheet();
  });
  if (sheet.unknownHeaders.length > 0) {
    throw errors.unknownColumns(sheet.unknownHeaders);
  }
  return sheet.rows;
}

/** The template download as OpenAPI shows it: the XLSX file itself. */
export const TemplateDownload = {
  description: '模板文件（XLSX） · The template file (XLSX)',
  content: { [XLSX]: { schema: z.string().meta({ format: 'binary' }) } },
};

/** A template as a download with its Chinese file name. */
export const sendTemplate = (reply: FastifyReply, fileName: string, file: Buffer) =>
  reply
    .type(XLSX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(file);
