import { createHash } from 'node:crypto';
import {
  OidcCallbackQuery,
  OidcClaimRule,
  OidcClaimRuleId,
  OidcClaimRuleInput,
  OidcClaimRuleQuery,
  OidcSignInStarted,
  pageOf,
  SignedIn,
} from '@duijie/contracts';
import type { Database } from '@duijie/db';
import type { RegionDirectory } from '@duijie/regions';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import { BROWSER_COOKIE, type StaffOidc } from '../../staff/oidc.ts';
import { createRule, deleteRule, listRules } from '../../staff/oidc-rules.ts';

type Options = { db: Database; clock: () => Date; regions: RegionDirectory; oidc: StaffOidc | undefined };

const COOKIE_PATH = '/v1/staff/oidc';

/** OIDC sign-in (when configured) and the claim rules an admin keeps for it. */
export async function staffOidcRoutes(app: ServiceApp, { db, clock, regions, oidc }: Options) {
  const configured = () => {
    if (!oidc) throw errors.oidcNotConfigured();
    return oidc;
  };
  const secure = oidc ? new URL(oidc.options.redirectUri).protocol === 'https:' : false;
  const cookie = (value: string, maxAge: number) =>
    `${BROWSER_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

  app.get(
    '/start',
    {
      config: { access: 'public' },
      schema: {
        tags: ['staff'],
        operationId: 'startOidcSignIn',
        summary: '通过统一身份认证平台登录（跳转） · Sign in through the identity platform (a redirect)',
        description:
          '跳转（302）到身份认证平台（授权码模式，PKCE、state、nonce）；以 `Accept: application/json` 请求（不含 text/html）时，' +
          '答复该地址（200），由客户端让浏览器前往。未配置 OIDC 时为 404 oidc-not-configured。\n\n' +
          'Redirects (302) to the identity platform (authorization code flow with PKCE, state and nonce); asked with ' +
          '`Accept: application/json` (without text/html), answers that address (200) for the client to send the ' +
          'browser to. 404 oidc-not-configured when OIDC is not configured.',
        response: {
          200: OidcSignInStarted,
          302: z.null().describe('Location: the provider’s authorization URL'),
          ...problemResponses(404, 503),
        },
      },
    },
    async (request, reply) => {
      const { location, browser } = await configured().start();
      reply.header('set-cookie', cookie(browser, 600)).header('cache-control', 'no-store');
      if (wantsJson(request)) return { authorizationUrl: location };
      return reply.redirect(location, 302);
    },
  );

  app.get(
    '/callback',
    {
      config: { access: 'public', audited: true },
      schema: {
        tags: ['staff'],
        operationId: 'finishOidcSignIn',
        summary: '统一身份认证平台回调：得到工作人员令牌 · The identity platform’s callback: a staff token',
        description:
          '换取授权码并校验 ID 令牌，找到与该身份关联的账号，或按映射规则创建账号，给出与密码登录相同的令牌。' +
          '浏览器得到一个页面（令牌存入本标签页，然后进入服务台）；要求 JSON 的客户端得到 JSON。' +
          '没有规则匹配为 403 oidc-no-matching-rule，账号停用为 403 account-disabled，失效或重复使用的请求为 401。\n\n' +
          'Exchanges the code and checks the ID token, finds the account linked to the person or makes one from ' +
          'the claim rules, and answers the same token a password sign-in does. A browser gets a page (the token ' +
          'kept in the tab, then the desk); a client asking for JSON gets JSON. No matching rule is 403 ' +
          'oidc-no-matching-rule, a disabled account 403 account-disabled, an expired or replayed sign-in 401.',
        querystring: OidcCallbackQuery,
        produces: ['text/html', 'application/json'],
        response: {
          200: z.union([SignedIn, z.string()]).describe('JSON when asked for, else the page (text/html)'),
          ...problemResponses(400, 401, 403, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const flow = configured();
      // Whatever the outcome, the binding is spent: a second try starts again.
      reply.header('set-cookie', cookie('', 0)).header('cache-control', 'no-store');
      const signedIn = await flow.callback({
        query: request.url.split('?')[1] ?? '',
        browser: browserCookie(request),
        requestId: request.id,
      });
      if (wantsJson(request)) return signedIn;
      return signedInPage(reply, signedIn.token);
    },
  );

  const context = (requestId: string) => ({ db, clock, requestId });

  app.get(
    '/rules',
    {
      schema: {
        tags: ['staff'],
        operationId: 'listOidcClaimRules',
        summary: '统一身份认证的映射规则（按生效顺序） · The OIDC claim rules, in the order they apply',
        querystring: OidcClaimRuleQuery,
        response: { 200: pageOf(OidcClaimRule), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listRules(db, request.caller, request.query),
  );

  app.post(
    '/rules',
    {
      config: { audited: true },
      schema: {
        tags: ['staff'],
        operationId: 'createOidcClaimRule',
        summary:
          '新增映射规则：声明值 → 地区和角色（仅限本辖区） · Add a claim rule: a claim value → region and role (within your region)',
        description:
          '首次通过 OIDC 登录的人，按创建顺序第一条匹配的规则决定其账号的地区和角色。地区可填代码或地名。\n\n' +
          'For a person signing in through OIDC the first time, the first matching rule in the order made decides ' +
          'their account’s region and role. The region may be a code or a place name.',
        body: OidcClaimRuleInput,
        response: { 201: OidcClaimRule, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createRule(context(request.id), regions, request.caller, request.body)),
  );

  app.delete(
    '/rules/:ruleId',
    {
      config: { audited: true },
      schema: {
        tags: ['staff'],
        operationId: 'deleteOidcClaimRule',
        summary: '删除映射规则（已创建的账号不受影响） · Delete a claim rule (accounts it made stay)',
        params: z.object({ ruleId: OidcClaimRuleId }),
        response: { 200: OidcClaimRule, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => deleteRule(context(request.id), request.caller, request.params.ruleId),
  );
}

function browserCookie(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === BROWSER_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

/** JSON for a client that asks for it without asking for HTML. */
const wantsJson = (request: FastifyRequest) => {
  const accept = String(request.headers.accept ?? '');
  return accept.includes('application/json') && !accept.includes('text/html');
};

// The page keeps the token where the screens read it (the tab's sessionStorage, as if pasted)
// and goes on to the desk. Its one script is fixed, allowed by its hash; the token is data.
const PAGE_SCRIPT =
  "sessionStorage.setItem('duijie.staffToken',JSON.parse(document.getElementById('signed-in').textContent).token);location.replace('/desk');";
const SCRIPT_HASH = createHash('sha256').update(PAGE_SCRIPT).digest('base64');

function signedInPage(reply: FastifyReply, token: string) {
  const data = JSON.stringify({ token }).replaceAll('<', '\\u003c');
  return reply
    .headers({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; script-src 'sha256-${SCRIPT_HASH}'; frame-ancestors 'none'`,
      'referrer-policy': 'no-referrer',
      'x-robots-tag': 'noindex',
    })
    .send(
      `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>已登录 · Signed in</title></head>` +
        `<body><p>已登录，正在进入服务台… · Signed in, opening the desk…</p><p><a href="/desk">服务台 · Desk</a></p>` +
        `<script type="application/json" id="signed-in">${data}</script><script>${PAGE_SCRIPT}</script></body></html>`,
    );
}
