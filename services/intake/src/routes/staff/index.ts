import {
  PasswordChangeInput,
  pageOf,
  SignedIn,
  SignInInput,
  StaffAccount,
  StaffAccountInput,
  StaffAccountQuery,
  StaffAccountWithPassword,
  StaffId,
  TotpConfirmInput,
  TotpEnrolment,
} from '@duijie/contracts';
import type { Database } from '@duijie/db';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import { z } from 'zod';
import { createAccount, getAccount, listAccounts, resetPassword, setAccountStatus } from '../../staff/accounts.ts';
import type { StaffSignIn } from '../../staff/sign-in.ts';
import { confirmEnrolment, resetSecondFactor, startEnrolment } from '../../staff/totp.ts';

type Options = { db: Database; clock: () => Date; signIn: StaffSignIn };

/** Staff accounts (an admin's, within their region) and signing in as one. */
export async function staffRoutes(app: ServiceApp, { db, clock, signIn }: Options) {
  const Params = z.object({ staffId: StaffId });
  const context = (requestId: string) => ({ db, clock, requestId });

  app.post(
    '',
    {
      config: { audited: true },
      schema: {
        tags: ['staff'],
        operationId: 'createStaffAccount',
        summary:
          '创建工作人员账号（一次性密码只在本次答复中出现） · Create a staff account (the one-time password is shown in this answer only)',
        description:
          '管理员在本辖区内创建账号：姓名、手机号（脱敏显示）、地区、角色（管理员、信息员、招聘会服务台）。首次登录须用一次性密码设置自己的密码。\n\n' +
          'An admin creates an account within their region: name, phone (shown masked), region and role (admin, officer, fair desk). ' +
          'The first sign-in sets the person’s own password with the one-time password.',
        body: StaffAccountInput,
        response: { 201: StaffAccountWithPassword, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAccount(context(request.id), request.caller, request.body)),
  );

  app.get(
    '',
    {
      schema: {
        tags: ['staff'],
        operationId: 'listStaffAccounts',
        summary: '本辖区的工作人员账号 · The staff accounts of your region',
        querystring: StaffAccountQuery,
        response: { 200: pageOf(StaffAccount), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listAccounts(db, request.caller, request.query),
  );

  app.get(
    '/:staffId',
    {
      schema: {
        tags: ['staff'],
        operationId: 'getStaffAccount',
        summary: '查看工作人员账号 · Read a staff account',
        params: Params,
        response: { 200: StaffAccount, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getAccount(db, request.caller, request.params.staffId),
  );

  const status = (path: string, to: 'active' | 'disabled', operationId: string, summary: string) =>
    app.post(
      `/:staffId/${path}`,
      {
        config: { audited: true },
        schema: {
          tags: ['staff'],
          operationId,
          summary,
          params: Params,
          response: { 200: StaffAccount, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => setAccountStatus(context(request.id), request.caller, request.params.staffId, to),
    );
  status(
    'disable',
    'disabled',
    'disableStaffAccount',
    '停用工作人员账号：其令牌在各服务立即失效 · Disable a staff account: its tokens are refused by every service at once',
  );
  status(
    'enable',
    'active',
    'enableStaffAccount',
    '重新启用工作人员账号（须重新登录） · Enable a staff account again (the person signs in anew)',
  );

  app.post(
    '/:staffId/reset-password',
    {
      config: { audited: true },
      schema: {
        tags: ['staff'],
        operationId: 'resetStaffPassword',
        summary:
          '重置密码：给出一次性密码，旧令牌失效，下次登录须设新密码 · Reset a password: a one-time password, old tokens withdrawn, a new password at the next sign-in',
        params: Params,
        response: { 200: StaffAccountWithPassword, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => resetPassword(context(request.id), request.caller, request.params.staffId),
  );

  app.post(
    '/me/totp',
    {
      config: { audited: true },
      schema: {
        tags: ['staff'],
        operationId: 'startTotpEnrolment',
        summary:
          '开始绑定验证器（双重验证）：密钥只在本次答复中出现 · Start enrolling an authenticator app (second factor): the secret is shown in this answer only',
        description:
          '为当前登录的账号生成密钥：把 otpauth 地址显示为二维码，用验证器应用扫描，再用应用显示的动态码确认（/me/totp/confirm）。确认前，登录不受影响。\n\n' +
          'A secret for the signed-in account: show the otpauth URI as a QR code, scan it with the authenticator app, ' +
          'then confirm with a code the app shows (/me/totp/confirm). Until confirmed, signing in is unchanged.',
        response: { 200: TotpEnrolment, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => startEnrolment(context(request.id), request.caller),
  );

  app.post(
    '/me/totp/confirm',
    {
      config: { audited: true },
      schema: {
        tags: ['staff'],
        operationId: 'confirmTotpEnrolment',
        summary:
          '用动态码确认绑定：此后登录须同时填写动态码 · Confirm with a code: from now on, signing in takes one too',
        body: TotpConfirmInput,
        response: { 200: StaffAccount, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => confirmEnrolment(context(request.id), request.caller, request.body.code),
  );

  app.post(
    '/:staffId/totp/reset',
    {
      config: { audited: true },
      schema: {
        tags: ['staff'],
        operationId: 'resetStaffTotp',
        summary:
          '重置双重验证（手机丢失或更换）：旧令牌失效 · Reset a second factor (a lost or new phone): old tokens withdrawn',
        params: Params,
        response: { 200: StaffAccount, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => resetSecondFactor(context(request.id), request.caller, request.params.staffId),
  );

  app.post(
    '/sign-in',
    {
      config: { access: 'public', audited: true },
      schema: {
        tags: ['staff'],
        operationId: 'signIn',
        summary: '用户名和密码登录，得到工作人员令牌 · Sign in with username and password for a staff token',
        description:
          '用户名不存在与密码错误的答复相同（401）。同一用户名或同一地址连续失败过多将被暂时锁定（429，见 Retry-After）。\n\n' +
          'An unknown username and a wrong password get the same answer (401). Too many failures for one username ' +
          'or from one address lock it for a while (429, see Retry-After).',
        body: SignInInput,
        response: { 200: SignedIn, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => signIn.signIn({ ...request.body, address: request.ip, requestId: request.id }),
  );

  app.post(
    '/password',
    {
      config: { access: 'public', audited: true },
      schema: {
        tags: ['staff'],
        operationId: 'changeStaffPassword',
        summary:
          '修改密码（首次登录或重置后也用此处），旧令牌失效并给出新令牌 · Change a password (also after a reset or for the first sign-in): old tokens withdrawn, a new one given',
        body: PasswordChangeInput,
        response: { 200: SignedIn, ...problemResponses(400, 401, 403, 422, 429) },
      },
    },
    async (request) =>
      signIn.changePassword({
        username: request.body.username,
        password: request.body.currentPassword,
        newPassword: request.body.newPassword,
        totp: request.body.totp,
        address: request.ip,
        requestId: request.id,
      }),
  );
}
