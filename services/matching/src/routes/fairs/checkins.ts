import { Checkin, CheckinInput } from '@duijie/contracts';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import { z } from 'zod';
import { runsFair } from '../../fairs/access.ts';
import { checkIn, slipOf } from '../../fairs/checkin.ts';
import type { FairDeps } from '../../fairs/deps.ts';
import { seekerAtFair } from '../../fairs/reach.ts';
import { fairOf } from '../../fairs/schedule.ts';
import { PER_POST } from '../../fairs/supply.ts';
import { FairParams, FairSeekerParams, qrSchema, sendQr, zhEn } from './schemas.ts';

/** Arrivals: check-in with the seeker's best booths, their printed slip, their QR code. */
export async function checkinRoutes(app: ServiceApp, deps: FairDeps) {
  const { db, qr } = deps;

  app.post(
    '/v1/fairs/:fairId/checkins',
    {
      config: { desk: true },
      schema: {
        tags: ['fairs'],
        operationId: 'checkInAtFair',
        summary: '求职者入场登记 · Check a seeker in and get their best booths',
        description: zhEn(
          '凭身份证号、手机号、本场二维码入场，或现场登记（未在名单上的求职者当场登记）。答复带上本场最适合该求职者的岗位及理由，' +
            `已推荐给每个空缺岗位 ${PER_POST} 人的岗位不再推荐。再次登记答复第一次的结果（200，\`existing: true\`）。` +
            '身份证号或手机号只能找到工作人员可查看的求职者（或已在本场入场的）；其他人一律按查无此人答复。' +
            '求职者自己的本场二维码在任何地区都能找到本人。现场登记只登记到工作人员自己的辖区。',
          'By ID number, phone, QR code, or a walk-in registered on the spot. The answer carries the fair’s best ' +
            `vacancies for the seeker, explained, leaving out vacancies already recommended to ${PER_POST} seekers ` +
            'per open place. Checking in again answers the first check-in (200, `existing: true`). An ID number or ' +
            'phone finds only seekers the staff may see (or who checked in at this fair); anyone else is answered ' +
            'as no one. The seeker’s own QR code for this fair finds them wherever they live. A walk-in is ' +
            'registered in the staff’s own region only.',
        ),
        params: FairParams,
        body: CheckinInput,
        response: { 201: Checkin, 200: Checkin, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const fair = await fairOf(db, request.params.fairId);
      const staff = runsFair(request.caller, fair);
      const checkin = await checkIn(deps, fair, staff, request.body, request.id);
      return reply.code(checkin.existing ? 200 : 201).send(checkin);
    },
  );

  app.get(
    '/v1/fairs/:fairId/checkins/:seekerId/slip',
    {
      config: { desk: true },
      schema: {
        tags: ['fairs'],
        operationId: 'printCheckinSlip',
        summary: '入场推荐单 · A checked-in seeker’s printable slip (HTML)',
        description: zhEn(
          'A6 大小的网页：最适合的展位及理由，以及求职者的本场二维码。只印姓氏。',
          'An A6 page: the seeker’s best booths with reasons, and their QR code for this fair. Only the surname is printed.',
        ),
        params: FairSeekerParams,
        produces: ['text/html'],
        response: { 200: z.string().describe('an HTML page, A6'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const fair = await fairOf(db, request.params.fairId);
      runsFair(request.caller, fair);
      return reply.type('text/html; charset=utf-8').send(await slipOf(deps, fair, request.params.seekerId));
    },
  );

  app.get(
    '/v1/fairs/:fairId/seekers/:seekerId/qr',
    {
      config: { desk: true },
      schema: qrSchema(FairSeekerParams, {
        operationId: 'getFairSeekerQr',
        summary: '求职者本场二维码 · A seeker’s QR code for this fair: scanned at the door, it checks them in',
        description: zhEn(
          'SVG 或 PNG 图片，或二维码的文字。仅限招聘会工作人员可查看的求职者（其辖区包括求职者的），或已在本场入场的；其他人答 404，与查无此人相同。',
          'SVG or PNG, or the code’s text. For seekers the fair’s staff may see (their region covers the ' +
            'seeker’s), or who checked in at this fair; anyone else is 404, as an id that is no one.',
        ),
      }),
    },
    async (request, reply) => {
      const fair = await fairOf(db, request.params.fairId);
      const seeker = await seekerAtFair(db, runsFair(request.caller, fair), fair.id, request.params.seekerId);
      return sendQr(reply, qr, { fairId: fair.id, kind: 'seeker', id: seeker.id }, request.query.format);
    },
  );
}
