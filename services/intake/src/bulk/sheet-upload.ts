import { HttpProblem, type ServiceApp } from '@duijie/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SheetRow } from './sheet.ts';

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Spreadsheets come as they are: the body is the file. */
export function acceptSpreadsheets(app: ServiceApp) {
  app.addContentTypeParser([CSV, XLSX], { parseAs: 'buffer', bodyLimit: 32 * 1024 * 1024 }, (_request, body, done) =>
    done(null, body),
  );
}

/** The rows of an uploaded sheet; 415 for another media type, 400 for a broken file or a column of no template. */
export async function uploadedRows(
  request: FastifyRequest,
  read: (file: Buffer, format: 'xlsx' | 'csv') => Promise<{ rows: SheetRow[]; unknownHeaders: string[] }>,
): Promise<SheetRow[]> {
  const file = request.body as unknown;
  if (!Buffer.isBuffer(file)) {
    throw new HttpProblem(415, 'unsupported-media-type', `Send the file as ${XLSX} or ${CSV}`);
  }
  const format = (request.headers['content-type'] ?? '').startsWith(CSV) ? 'csv' : 'xlsx';
  const sheet = await read(file, format).catch(() => {
    throw new HttpProblem(400, 'unreadable-spreadsheet', 'The file could not be read as a spreadsheet');
  });
  if (sheet.unknownHeaders.length > 0) {
    throw new HttpProblem(
      400,
      'unknown-columns',
      `Columns the template does not have: ${sheet.unknownHeaders.join(', ')}`,
    );
  }
  return sheet.rows;
}

/** A template as a download with its Chinese file name. */
export const sendTemplate = (reply: FastifyReply, fileName: string, file: Buffer) =>
  reply
    .type(XLSX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(file);
