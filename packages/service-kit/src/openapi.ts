import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Access } from './caller.ts';

/**
 * The credentials the API takes, as Swagger UI's *Authorize* offers them. Staff tokens and
 * employer API keys both travel as `Authorization: Bearer …` (the services tell them apart by
 * the key's `dj_` prefix); viewers and the SMS gateway have headers of their own.
 */
export const SECURITY_SCHEMES = {
  staffToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      '就业服务机构工作人员的令牌（`pnpm staff-token` 签发），载明角色和所辖地区。\n\n' +
      'A staff token (issued by `pnpm staff-token`), naming the bearer’s role and region.',
  },
  employerApiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'dj_… API key',
    description:
      '用人单位的 API 密钥（`dj_` 开头），只能代表本单位。\n\n' +
      'An employer’s API key (starts with `dj_`); it acts for its own employer only.',
  },
  viewerToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Viewer-Token',
    description:
      '直播观众首次登记时领取的令牌。\n\nThe token a livestream viewer is handed at their first registration.',
  },
  smsGatewayKey: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Sms-Gateway-Key',
    description:
      '短信网关回调所用的密钥（`SMS_API_KEY`）。\n\nThe SMS gateway’s key for its callbacks (`SMS_API_KEY`).',
  },
} as const;

export type SecuritySchemeName = keyof typeof SECURITY_SCHEMES;
export type SecurityRequirement = Partial<Record<SecuritySchemeName, []>>;

/** Credentials a route may take in a header of their own, by header name (lower case). */
const CREDENTIAL_HEADERS: Record<string, SecuritySchemeName> = {
  'x-viewer-token': 'viewerToken',
  'x-sms-gateway-key': 'smsGatewayKey',
};

/**
 * Who may call, as the OpenAPI says it, from the same `config.access` the authentication
 * plugin enforces (see `admit` in caller.ts): nothing said is staff. A public route that
 * declares a credential header of its own takes it as well (`{}`: or nothing). A route whose
 * credentials are more particular gives `security` in its schema, which is kept.
 */
export function securityOf(access: Access | undefined, headerNames: string[] = []): SecurityRequirement[] {
  if (access === 'public') {
    const own = headerNames.flatMap((name) => {
      const scheme = CREDENTIAL_HEADERS[name.toLowerCase()];
      return scheme ? [{ [scheme]: [] } as SecurityRequirement] : [];
    });
    return own.length > 0 ? [{}, ...own] : [];
  }
  if (access === 'staff-or-employer') return [{ staffToken: [] }, { employerApiKey: [] }];
  return [{ staffToken: [] }];
}

/**
 * A stable operationId for a route that gives none, from its method and path:
 * `GET /v1/fairs/:fairId/booths` → `getFairsByFairIdBooths`. Unique because routes are.
 */
export function derivedOperationId(method: string, url: string): string {
  const words = url
    .split('/')
    .filter((segment) => segment && segment !== 'v1')
    .flatMap((segment) => (segment.startsWith(':') ? ['by', segment.slice(1)] : [segment]))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]?.toUpperCase() + w.slice(1))].join('');
}

type RouteSchema = FastifySchema & {
  operationId?: string;
  security?: SecurityRequirement[];
  headers?: unknown;
  response?: Record<string | number, unknown>;
};

const headerNamesOf = (headers: unknown): string[] => {
  const shape = (headers as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
};

/**
 * The transform every service documents its routes with: zod to JSON Schema, then what each
 * operation must say and no route should have to remember — its security (from
 * `config.access`), an operationId (the route's own, else derived), and the 400 every route
 * can answer (input hygiene refuses a query with a NUL or bytes that are not UTF-8, on any route).
 */
export function operationTransform(problem: unknown): SwaggerTransform {
  return (input) => {
    const schema = (input.schema ?? {}) as RouteSchema;
    if ((schema as { hide?: boolean }).hide) return jsonSchemaTransform(input as never);
    const method = [input.route.method].flat()[0] ?? 'GET';
    const response = schema.response ?? {};
    const config = input.route.config;
    const completed: RouteSchema = {
      ...schema,
      operationId: schema.operationId ?? derivedOperationId(method, input.url),
      security: schema.security ?? securityOf(config?.access, headerNamesOf(schema.headers)),
      response: '400' in response || 400 in response ? response : { ...response, 400: problem },
      // The operations a fair desk's token may use (caller.ts).
      ...(config?.desk ? { 'x-fair-desk': true } : {}),
      // The operations a booth code's key may use.
      ...(config?.booth ? { 'x-fair-booth': true } : {}),
    };
    return jsonSchemaTransform({ ...input, schema: completed } as never);
  };
}

/** What each tag groups, in Chinese and English; the document lists the tags its operations use. */
export const TAGS: Record<string, string> = {
  operations: '运行状态：存活与就绪。\n\nOperations: liveness and readiness.',
  employers: '用人单位：登记、黑名单与 API 密钥。\n\nEmployers: registration, the blacklist and API keys.',
  vacancies:
    '岗位（供给清单）：发布、批量导入、修改与关闭。\n\nVacancies (the supply list): posting, bulk import, changes and closing.',
  seekers:
    '求职者（需求清单）：登记、导入与查阅，身份证号和手机号脱敏。\n\nSeekers (the demand list): registration, import and reading, ID numbers and phones masked.',
  imports: '导入任务：异步运行的导入的进度与逐行报告。\n\nImports: the state and row report of imports run as jobs.',
  'follow-up': '就业跟踪：确认上岗与回访。\n\nFollow-up: confirmed placements and the follow-ups after them.',
  reports:
    '统计报表：按地区汇总、动态清零、三类人员监测。\n\nReports: counts by region, 动态清零 and monitored groups.',
  vocabularies:
    '词表检索：工种、证书、地区，供自动补全。\n\nVocabularies: skills, certificates and places, for autocomplete.',
  staff:
    '工作人员账号：创建、停用、重置密码与登录（含统一身份认证 OIDC 登录及其映射规则）。\n\nStaff accounts: creating, disabling, password resets and signing in (by password, or through OIDC with the rules that map claims to region and role).',
  audit:
    '审计记录：谁对哪条记录做了什么，含查看未脱敏个人信息。\n\nThe audit trail: who did what to which record, reads of unmasked personal data too.',
  matches: '人岗匹配：排序并解释的推荐。\n\nMatches: ranked recommendations, each explained.',
  fairs: '招聘会：摊位、签到、推荐与意向。\n\nJob fairs: booths, check-in, recommendations and intents.',
  livestreams:
    '直播带岗：岗位、主播控制、观众与意向。\n\nRecruiting livestreams: vacancies, host controls, viewers and intents.',
  feeds: '实时推送：招聘会和直播的大屏数据流。\n\nLive feeds: event streams for fair and livestream screens.',
  intents:
    '求职意向：招聘会和直播中记录的意向，按招聘会、直播、岗位或单位查找。\n\nIntents: those recorded at fairs and livestreams, found by fair, livestream, vacancy or employer.',
  invitations:
    '邀约：用人单位邀请脱敏的候选人，求职者经消息中的链接答复。\n\nInvitations: an employer invites a masked candidate, who answers through the link in their message.',
  notifications:
    '消息通知：订阅、群发政策与投递记录。\n\nNotifications: subscriptions, policy broadcasts and the delivery log.',
};

type Document = {
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  tags?: { name: string; description?: string }[];
};

/**
 * Only what the operations use: the schemas they reach (through other schemas too), the
 * security schemes they name and the tags they carry. Every schema zod knows of is otherwise
 * listed, twice (as input and output), and a reader cannot tell the used from the unused.
 */
export function keepOnlyUsed<D extends Document>(document: D): D {
  const schemas = document.components?.schemas ?? {};
  const reached = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const name = key === '$ref' && typeof item === 'string' ? item.replace('#/components/schemas/', '') : null;
        if (name && !reached.has(name) && name in schemas) {
          reached.add(name);
          visit(schemas[name]);
        } else visit(item);
      }
    }
  };
  visit(document.paths);
  const operations = Object.values(document.paths ?? {}).flatMap(
    (item) => Object.values(item) as { tags?: string[]; security?: Record<string, unknown>[] }[],
  );
  const schemesUsed = new Set(operations.flatMap((op) => (op.security ?? []).flatMap((r) => Object.keys(r))));
  const tagsUsed = new Set(operations.flatMap((op) => op.tags ?? []));
  const known = new Map((document.tags ?? []).map((tag) => [tag.name, tag]));
  return {
    ...document,
    components: {
      ...document.components,
      schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name))),
      securitySchemes: Object.fromEntries(
        Object.entries({ ...SECURITY_SCHEMES, ...document.components?.securitySchemes }).filter(([name]) =>
          schemesUsed.has(name),
        ),
      ),
    },
    tags: [...tagsUsed]
      .sort()
      .map((name) => known.get(name) ?? { name, ...(TAGS[name] ? { description: TAGS[name] } : {}) }),
  };
}
