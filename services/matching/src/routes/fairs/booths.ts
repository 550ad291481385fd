import { Booth, BoothInput } from '@duijie/contracts';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import { z } from 'zod';
import { keepsBooth } from '../../fairs/access.ts';
import { boothsOf, takeBooth } from '../../fairs/booths.ts';
import type { FairDeps } from '../../fairs/deps.ts';
import { fairOf } from '../../fairs/schedule.ts';
import { FairEmployerParams, FairParams, qrSchema, sendQr, zhEn } from './schemas.ts';

/** Booths: an employer takes one with some of its vacancies; the fair's list of them; the booth's sign. */
export async function boothRoutes(app: ServiceApp, { db, qr, clock }: FairDeps) {
  app.put(
    '/v1/fairs/:fairId/booths/:employerId',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['fairs'],
        operationId: 'takeFairBooth',
        summary: '企业设展位 · An employer takes a booth with some of its vacancies',
        description: zhEn(
          '用企业自己的 API 密钥，或由招聘会工作人员代本辖区的企业办理。再次提交即替换展位带来的岗位（或换到另一个展位号）：招聘会的岗位清单就是各展位带来的岗位。一个展位号只属于一家企业：已被另一家占用时答 409 并指明是谁。',
          'With the employer’s key, or by the fair’s staff for an employer of their region. Sending the booth ' +
            'again replaces its vacancies (or moves it to another number): the fair’s supply list is exactly ' +
            'what booths bring. A booth number holds one employer: one another employer holds is 409 naming it.',
        ),
        params: FairEmployerParams,
        body: BoothInput,
        response: { 200: Booth, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const fair = await fairOf(db, request.params.fairId);
      const { employerId } = request.params;
      await keepsBooth(db, request.caller, fair, employerId);
      return takeBooth(db, { fairId: fair.id, employerId, ...request.body }, { now: clock(), requestId: request.id });
    },
  );

  app.get(
    '/v1/fairs/:fairId/booths',
    {
      config: { access: 'public' },
      schema: {
        tags: ['fairs'],
        operationId: 'listFairBooths',
        summary: '招聘会展位 · The fair’s booths and what each brings',
        description: zhEn(
          '公开：按展位号排列的展位，每个展位的企业和岗位。',
          'Public: the booths by number, each with its employer and vacancies.',
        ),
        params: FairParams,
        response: { 200: z.object({ items: z.array(Booth) }), ...problemResponses(400, 404) },
      },
    },
    async (request) => ({ items: await boothsOf(db, (await fairOf(db, request.params.fairId)).id) }),
  );

  app.get(
    '/v1/fairs/:fairId/booths/:employerId/qr',
    {
      config: { access: 'staff-or-employer' },
      schema: qrSchema(FairEmployerParams, {
        operationId: 'getFairBoothQr',
        summary: '展位二维码 · A booth’s QR code for this fair, for its sign',
        description: zhEn(
          'SVG 或 PNG 图片，或二维码的文字。企业自己的密钥，或可代该企业办理的招聘会工作人员。',
          'SVG or PNG, or the code’s text. The employer’s own key, or the fair’s staff who may act for it.',
        ),
      }),
    },
    async (request, reply) => {
      const fair = await fairOf(db, request.params.fairId);
      await keepsBooth(db, request.caller, fair, request.params.employerId);
      const subject = { fairId: fair.id, kind: 'booth' as const, id: request.params.employerId };
      return sendQr(reply, qr, subject, request.query.format);
    },
  );
}
