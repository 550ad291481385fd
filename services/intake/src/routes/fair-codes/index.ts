import { BoothKey, DeskSignedIn, FairCodeExchange } from '@duijie/contracts';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import type { FairCodeSignIn } from '../../staff/fair-codes.ts';

type Options = { codes: FairCodeSignIn };

/** Signing in at a fair with a code its staff handed out: the desk's token, the booth's key. */
export async function fairCodeRoutes(app: ServiceApp, { codes }: Options) {
  app.post(
    '/v1/staff/desk-code',
    {
      config: { access: 'public', audited: true },
      schema: {
        tags: ['staff'],
        operationId: 'signInWithDeskCode',
        summary: '用签到台码登录，得到招聘会服务台令牌 · Sign in with a desk code for a fair desk’s token',
        description:
          '码由举办招聘会的工作人员签发（POST /v1/fairs/{fairId}/desk-codes），大小写、空格和短横线均可。令牌的角色为招聘会服务台（fair-desk），地区为招聘会的，不晚于码失效；码被收回时令牌立即失效。码不正确、已过期或已收回答 401；同一地址失败过多将被暂时锁定（429，与密码登录共用）。\n\n' +
          'Codes come from the staff who run the fair (POST /v1/fairs/{fairId}/desk-codes); any case, spaces and ' +
          'dashes are fine. The token is a fair desk’s (role fair-desk) of the fair’s region, expiring no later ' +
          'than the code, and withdrawn at once when the code is revoked. A wrong, expired or revoked code is 401; ' +
          'too many failures from one address lock it for a while (429, shared with password sign-in).',
        body: FairCodeExchange,
        response: { 200: DeskSignedIn, ...problemResponses(400, 401, 429) },
      },
    },
    async (request) => codes.deskToken({ code: request.body.code, address: request.ip, requestId: request.id }),
  );

  app.post(
    '/v1/employers/booth-code',
    {
      config: { access: 'public', audited: true },
      schema: {
        tags: ['employers'],
        operationId: 'signInWithBoothCode',
        summary: '用展位码登录，得到本场展位的密钥 · Sign in with a booth code for a key good at that booth only',
        description:
          '码由举办招聘会的工作人员为某企业的展位签发（POST /v1/fairs/{fairId}/booths/{employerId}/code）。换得的密钥代表该企业，但只能在本场查看候选人、记录意向（其他接口答 403 booth-not-allowed），码失效或被收回即失效。码不正确、已过期或已收回答 401；失败过多的地址被暂时锁定（429）。\n\n' +
          'Codes come from the staff who run the fair, for one employer’s booth ' +
          '(POST /v1/fairs/{fairId}/booths/{employerId}/code). The key acts for the employer, but only to list ' +
          'candidates and record intents at this fair (elsewhere 403 booth-not-allowed), and stops with the code. ' +
          'A wrong, expired or revoked code is 401; an address with too many failures is locked for a while (429).',
        body: FairCodeExchange,
        response: { 200: BoothKey, ...problemResponses(400, 401, 429) },
      },
    },
    async (request) => codes.boothKey({ code: request.body.code, address: request.ip, requestId: request.id }),
  );
}
