import { FairCode, FairCodeId, FairCodeInput, FairCodeIssued } from '@duijie/contracts';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import { z } from 'zod';
import { issueBoothCode, issueDeskCode, listFairCodes, revokeFairCode } from '../../fairs/codes.ts';
import type { FairDeps } from '../../fairs/deps.ts';
import { fairOf } from '../../fairs/schedule.ts';
import { FairEmployerParams, FairParams, zhEn } from './schemas.ts';

/** Desk codes and booth codes: short codes the fair's staff hand out, exchanged for a credential. */
export async function fairCodeRoutes(app: ServiceApp, { db, clock }: FairDeps) {
  app.post(
    '/v1/fairs/:fairId/desk-codes',
    {
      schema: {
        tags: ['fairs'],
        operationId: 'issueFairDeskCode',
        summary: '签发签到台码（只在本次答复中出现） · Issue a desk code for the fair (shown in this answer only)',
        description: zhEn(
          '由举办招聘会的工作人员签发。签到台的平板用此码（POST /v1/staff/desk-code）换得本地区招聘会服务台的令牌。码在招聘会结束时（或更早的 expiresAt）失效，可随时收回；只存其哈希。',
          'By staff who run the fair. The tablet at the door exchanges it (POST /v1/staff/desk-code) for a fair ' +
            'desk’s token of the region. It expires when the fair ends (or at an earlier expiresAt) and can be ' +
            'revoked at any time; only its hash is kept.',
        ),
        params: FairParams,
        body: FairCodeInput,
        response: { 201: FairCodeIssued, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const fair = await fairOf(db, request.params.fairId);
      const issued = await issueDeskCode({ db, now: clock() }, request.caller, fair, request.body);
      return reply.code(201).send(issued);
    },
  );

  app.post(
    '/v1/fairs/:fairId/booths/:employerId/code',
    {
      schema: {
        tags: ['fairs'],
        operationId: 'issueFairBoothCode',
        summary:
          '签发展位码（只在本次答复中出现） · Issue a booth code for an employer’s booth (shown in this answer only)',
        description: zhEn(
          '由举办招聘会、可代该企业办理的工作人员签发；企业须已在本场设展位。展位上的人用此码（POST /v1/employers/booth-code）换得只能在本场展位查看候选人、记录意向的密钥。有效期与收回同签到台码。',
          'By staff who run the fair and may act for the employer, whose booth must be at the fair. The ' +
            'booth exchanges it (POST /v1/employers/booth-code) for a key that lists candidates and records ' +
            'intents at this fair’s booth only. Expiry and revocation as for desk codes.',
        ),
        params: FairEmployerParams,
        body: FairCodeInput,
        response: { 201: FairCodeIssued, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const fair = await fairOf(db, request.params.fairId);
      const { employerId } = request.params;
      const issued = await issueBoothCode({ db, now: clock() }, request.caller, fair, employerId, request.body);
      return reply.code(201).send(issued);
    },
  );

  app.get(
    '/v1/fairs/:fairId/codes',
    {
      schema: {
        tags: ['fairs'],
        operationId: 'listFairCodes',
        summary: '本场的签到台码和展位码 · The fair’s desk and booth codes',
        description: zhEn(
          '举办招聘会的工作人员查看：新签发的在前，不含码本身。',
          'For staff who run the fair: newest first, never the codes themselves.',
        ),
        params: FairParams,
        response: { 200: z.object({ items: z.array(FairCode) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listFairCodes(db, request.caller, await fairOf(db, request.params.fairId)),
  );

  app.post(
    '/v1/fairs/:fairId/codes/:codeId/revoke',
    {
      schema: {
        tags: ['fairs'],
        operationId: 'revokeFairCode',
        summary:
          '收回签到台码或展位码：用它换得的令牌和密钥立即失效 · Revoke a desk or booth code: the tokens and keys it gave stop at once',
        params: FairParams.extend({ codeId: FairCodeId }),
        response: { 200: FairCode, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const fair = await fairOf(db, request.params.fairId);
      return revokeFairCode({ db, now: clock() }, request.caller, fair, request.params.codeId);
    },
  );
}
