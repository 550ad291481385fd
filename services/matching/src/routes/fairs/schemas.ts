import { EmployerId, FairId, SeekerId } from '@duijie/contracts';
import { problemResponses } from '@duijie/service-kit';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { FairQrCodes, QrSubject } from '../../fairs/qr.ts';

// What the fair route files share: their path parameters and the QR code answer.

export const FairParams = z.object({ fairId: FairId });
export const FairSeekerParams = FairParams.extend({ seekerId: SeekerId });
export const FairEmployerParams = FairParams.extend({ employerId: EmployerId });

export const QrQuery = z.object({
  format: z
    .enum(['svg', 'png', 'text'])
    .default('svg')
    .describe('text: what the code says, for apps that draw their own'),
});
const QrCode = z.string().describe('the code as SVG, as PNG (binary), or its text, as `?format=` asks');

/** The schema of a route answering a QR code, as `?format=` asks. */
export const qrSchema = <P extends z.ZodType>(
  params: P,
  doc: { operationId: string; summary: string; description: string },
) => ({
  tags: ['fairs'],
  ...doc,
  params,
  querystring: QrQuery,
  produces: ['image/svg+xml', 'image/png', 'text/plain'],
  response: { 200: QrCode, ...problemResponses(400, 401, 403, 404) },
});

export async function sendQr(reply: FastifyReply, qr: FairQrCodes, subject: QrSubject, format: 'svg' | 'png' | 'text') {
  if (format === 'text') return reply.type('text/plain; charset=utf-8').send(qr.text(subject));
  return reply.type(format === 'svg' ? 'image/svg+xml' : 'image/png').send(await qr.image(subject, format));
}

/** An OpenAPI description: the Chinese paragraph, then the English one. */
export const zhEn = (zh: string, en: string) => `${zh}\n\n${en}`;
