import type { Text } from '@duijie/contracts';
import { catalogue, type FieldProblem, notFound } from './catalogue.ts';

type Part = FieldProblem['in'];

const PART: Record<Part, Text> = {
  body: { zh: '请求体', en: 'body' },
  querystring: { zh: '查询参数', en: 'querystring' },
  params: { zh: '路径参数', en: 'params' },
  headers: { zh: '请求头', en: 'headers' },
  row: { zh: '表格行', en: 'row' },
};

/** `60000` → 1 分钟 / 1 minute: a window as people say it. */
export function windowText(ms: number): Text {
  const unit = (n: number, zh: string, en: string): Text => ({
    zh: `${n} ${zh}`,
    en: `${n} ${en}${n === 1 ? '' : 's'}`,
  });
  if (ms % 3_600_000 === 0) return unit(ms / 3_600_000, '小时', 'hour');
  if (ms % 60_000 === 0) return unit(ms / 60_000, '分钟', 'minute');
  return unit(Math.ceil(ms / 1000), '秒', 'second');
}

/** What a rate limit counts. */
export const COUNTED = {
  requests: { zh: '次请求', en: 'requests' },
  unknownApiKeys: { zh: '次未知 API 密钥', en: 'unknown API keys' },
} satisfies Record<string, Text>;

/**
 * The problems every service has. A service's own are in its `src/errors.ts`; both are listed
 * in its OpenAPI document.
 */
export const commonErrors = catalogue({
  validation: {
    status: 400,
    code: 'validation-error',
    title: { zh: '请求字段无效', en: 'Invalid fields' },
    detail: (part: Part, _errors: FieldProblem[]) => ({
      zh: `${PART[part].zh}中有无效字段`,
      en: `The request ${part} has invalid fields`,
    }),
    errors: (_part, errors) => errors,
  },
  badIdempotencyKey: {
    status: 400,
    code: 'validation-error',
    title: { zh: '请求字段无效', en: 'Invalid fields' },
    detail: () => ({
      zh: 'Idempotency-Key 应为 1 至 255 个可打印 ASCII 字符',
      en: 'Idempotency-Key must be 1 to 255 printable ASCII characters',
    }),
    errors: () => [{ in: 'headers', field: 'idempotency-key', message: { zh: '不是有效的键', en: 'not a valid key' } }],
  },
  badJson: {
    status: 400,
    code: 'fst-err-ctp-invalid-json-body',
    title: { zh: '请求体不是有效的 JSON', en: 'Body is not JSON' },
    detail: () => ({
      zh: '请求体不是有效的 JSON，而 Content-Type 声明为 JSON',
      en: "Body is not valid JSON but content-type is set to 'application/json'",
    }),
  },
  emptyJson: {
    status: 400,
    code: 'fst-err-ctp-empty-json-body',
    title: { zh: '请求体为空', en: 'Empty body' },
    detail: () => ({
      zh: 'Content-Type 声明为 JSON 时请求体不能为空',
      en: "Body cannot be empty when content-type is set to 'application/json'",
    }),
  },
  bodyTooLarge: {
    status: 413,
    code: 'fst-err-ctp-body-too-large',
    title: { zh: '请求体过大', en: 'Content Too Large' },
    detail: () => ({ zh: '请求体超过了本接口允许的大小', en: 'Request body is too large' }),
  },
  unsupportedMediaType: {
    status: 415,
    code: 'fst-err-ctp-invalid-media-type',
    title: { zh: '不支持的媒体类型', en: 'Unsupported Media Type' },
    detail: (type: string) => ({
      zh: `本接口不接受 Content-Type 为 ${type} 的请求体`,
      en: `Unsupported Media Type: ${type}`,
    }),
  },
  badPath: {
    status: 400,
    code: 'bad-path',
    title: { zh: '路径无效', en: 'Bad path' },
    detail: (tooLong: boolean) =>
      tooLong
        ? {
            zh: '路径参数超过任何编号的长度（100 个字符）',
            en: 'A path parameter is longer than any id (100 characters)',
          }
        : { zh: '路径解码后不是有效的 UTF-8', en: 'The path is not valid UTF-8 once decoded' },
    errors: (tooLong) => [
      {
        in: 'params',
        field: '(path)',
        message: tooLong ? { zh: '过长', en: 'too long' } : { zh: '不是 UTF-8', en: 'not UTF-8' },
      },
    ],
  },
  badRequestLine: {
    status: 400,
    code: 'bad-request-line',
    title: { zh: '无法解析的请求', en: 'Unparseable request' },
    detail: () => ({
      zh: '请求行或请求头无法解析：网址中的中文等字符须经百分号编码（如 curl --data-urlencode）。',
      en: 'The request line or headers could not be parsed: percent-encode non-ASCII characters in the URL.',
    }),
  },
  routeNotFound: {
    status: 404,
    code: 'route-not-found',
    title: { zh: '没有这个接口', en: 'No such route' },
    detail: (method: string, path: string) => ({ zh: `没有接口 ${method} ${path}`, en: `No route ${method} ${path}` }),
  },
  recordNotFound: {
    status: 404,
    code: 'not-found',
    title: { zh: '记录不存在', en: 'Not found' },
    detail: (table: string, id: string) => ({ zh: `未找到 ${table} 记录 ${id}`, en: `${table} ${id} not found` }),
  },
  seekerNotFound: notFound({ code: 'seeker', zh: '求职者', en: 'seeker' }),
  staleVersion: {
    status: 409,
    code: 'stale-version',
    title: { zh: '版本已过时', en: 'Stale version' },
    detail: (what: string, current: number, expected: number) => ({
      zh: `${what} 已是第 ${current} 版，而不是第 ${expected} 版：请重新读取，再以当前版本重试`,
      en: `${what} is at version ${current}, not ${expected}: read it again and retry with the current version`,
    }),
  },
  duplicate: {
    status: 409,
    code: 'duplicate',
    title: { zh: '记录重复', en: 'Duplicate' },
    detail: () => ({
      zh: '同一唯一键的记录恰好同时被保存：请读取后重试',
      en: 'A record with the same unique key was stored at the same time; read it and retry',
    }),
  },
  changeLeavesInvalid: {
    status: 422,
    code: 'change-leaves-invalid',
    title: { zh: '修改后记录无效', en: 'Change leaves the record invalid' },
    detail: (_errors: FieldProblem[]) => ({
      zh: '应用此修改后，记录将不再有效',
      en: 'The record with this change applied would be invalid',
    }),
    errors: (errors) => errors,
  },
  idempotencyKeyReused: {
    status: 422,
    code: 'idempotency-key-reused',
    title: { zh: '幂等键已用于其他请求', en: 'Idempotency-Key reused' },
    detail: () => ({
      zh: '此 Idempotency-Key 已用于另一个不同的请求',
      en: 'This Idempotency-Key was used for a different request',
    }),
  },
  idempotencyKeyInProgress: {
    status: 409,
    code: 'idempotency-key-in-progress',
    title: { zh: '同一请求仍在处理', en: 'Idempotency-Key in progress' },
    detail: () => ({
      zh: '使用此 Idempotency-Key 的第一个请求仍在处理中，请稍后重试',
      en: 'The first request with this Idempotency-Key is still being processed; retry shortly',
    }),
  },
  rateLimited: {
    status: 429,
    code: 'rate-limited',
    title: { zh: '请求过于频繁', en: 'Too Many Requests' },
    detail: (max: number, windowMs: number, retryAfterSeconds: number, what: Text) => {
      const window = windowText(windowMs);
      return {
        zh: `${window.zh}内超过 ${max} ${what.zh}；请 ${retryAfterSeconds} 秒后重试（见 Retry-After）`,
        en: `More than ${max} ${what.en} in ${window.en}; retry in ${retryAfterSeconds} s (Retry-After)`,
      };
    },
    extra: (_max, _windowMs, retryAfterSeconds, _what) => ({ retryAfterSeconds }),
  },
  credentialsRequired: {
    status: 401,
    code: 'credentials-required',
    title: { zh: '需要凭证', en: 'Credentials required' },
    detail: () => ({ zh: '请提供用人单位 API 密钥或工作人员令牌', en: 'Send an employer API key or a staff token' }),
  },
  invalidCredentials: {
    status: 401,
    code: 'invalid-credentials',
    title: { zh: '凭证格式错误', en: 'Invalid credentials' },
    detail: () => ({
      zh: 'Authorization 应为 "Bearer <密钥或令牌>"',
      en: 'Authorization must be "Bearer <key or token>"',
    }),
  },
  invalidApiKey: {
    status: 401,
    code: 'invalid-api-key',
    title: { zh: 'API 密钥无效', en: 'Invalid API key' },
    detail: () => ({ zh: '该 API 密钥不存在或已被吊销', en: 'The API key is unknown or revoked' }),
  },
  invalidStaffToken: {
    status: 401,
    code: 'invalid-staff-token',
    title: { zh: '工作人员令牌无效', en: 'Invalid staff token' },
    detail: () => ({
      zh: '工作人员令牌是伪造的、已过期或格式错误',
      en: 'The staff token is forged, expired or malformed',
    }),
  },
  staffTokenWithdrawn: {
    status: 401,
    code: 'staff-token-withdrawn',
    title: { zh: '工作人员令牌已失效', en: 'Staff token withdrawn' },
    detail: () => ({
      zh: '该令牌的账号已停用，或其密码已更改或重置：请重新登录',
      en: 'The account of this token is disabled, or its password was changed or reset: sign in again',
    }),
  },
  staffTokenRequired: {
    status: 401,
    code: 'staff-token-required',
    title: { zh: '需要工作人员令牌', en: 'Staff token required' },
    detail: () => ({
      zh: '此操作需要工作人员令牌（Authorization: Bearer <令牌>）',
      en: 'This needs a staff token (Authorization: Bearer <token>)',
    }),
  },
  adminRoleRequired: {
    status: 403,
    code: 'admin-role-required',
    title: { zh: '需要管理员角色', en: 'Admin role required' },
    detail: () => ({
      zh: '此操作需要具有管理员角色的工作人员令牌',
      en: 'This needs a staff token with the admin role',
    }),
  },
  fairDeskNotAllowed: {
    status: 403,
    code: 'fair-desk-not-allowed',
    title: { zh: '招聘会服务台账号不能进行此操作', en: 'Not for a fair desk' },
    detail: () => ({
      zh: '招聘会服务台账号只能办理现场签到、登记、打印回执和记录意向；请使用经办人员账号',
      en: "A fair desk's account serves check-ins, walk-in registration, slips and intents only; use an officer's account",
    }),
  },
  boothNotAllowed: {
    status: 403,
    code: 'booth-not-allowed',
    title: { zh: '展位密钥不能进行此操作', en: 'Not for a booth' },
    detail: () => ({
      zh: '展位码换得的密钥只能在其招聘会的展位查看候选人、记录意向；请使用用人单位自己的 API 密钥',
      en: "A booth code's key lists candidates and records intents at its own fair's booth only; use the employer's own API key",
    }),
  },
  outOfScope: {
    status: 403,
    code: 'out-of-scope',
    title: { zh: '超出管辖范围', en: 'Out of scope' },
    detail: (regionCode: string, scope: string) => ({
      zh: `地区 ${regionCode} 不在您的管辖地区 ${scope} 之内`,
      en: `Region ${regionCode} is outside your region ${scope}`,
    }),
  },
  // Raised by more than one service: one entry here rather than one per service.
  notYourEmployer: {
    status: 403,
    code: 'not-your-employer',
    title: { zh: '不是本单位的记录', en: 'Not your employer' },
    detail: (keyEmployerId: string, other?: string) => ({
      zh: other
        ? `此密钥只代表用人单位 ${keyEmployerId}，不能代表 ${other}`
        : `此密钥只代表用人单位 ${keyEmployerId}，不能操作其他单位的记录`,
      en: other
        ? `this key acts for ${keyEmployerId} only, not ${other}`
        : `This key acts for ${keyEmployerId}, not for this vacancy`,
    }),
  },
  unknownRegion: {
    status: 422,
    code: 'unknown-region',
    title: { zh: '未知的行政区划', en: 'Unknown region' },
    detail: (code: string, _field: string, _part: Part = 'body') => ({
      zh: `${code} 不是已知的行政区划代码`,
      en: `${code} is not a division code we know`,
    }),
    errors: (_code, field, part = 'body') => [
      { in: part, field, message: { zh: '不是已知的行政区划代码', en: 'not a division code we know' } },
    ],
  },
  ambiguousPlace: {
    status: 422,
    code: 'ambiguous-place',
    title: { zh: '地名对应多个地区', en: 'Ambiguous place' },
    detail: (given: string, candidates: readonly unknown[], _at: { in: Part; field: string }) => ({
      zh: `“${given}”可能是 ${candidates.length} 个地区中的任一个：请改填其中一个的区划代码`,
      en: `"${given}" could be any of ${candidates.length} places: send one of their codes`,
    }),
    errors: (_given, _candidates, at) => [
      { ...at, message: { zh: '对应多个地区：请填写区划代码', en: 'names several places: send the code' } },
    ],
    extra: (_given, candidates, _at) => ({ candidates }),
  },
  unknownPlace: {
    status: 422,
    code: 'unknown-place',
    title: { zh: '未知的地名', en: 'Unknown place' },
    detail: (
      given: string,
      unmatched: string | undefined,
      _candidates: readonly unknown[],
      _at: { in: Part; field: string },
    ) => ({
      zh: `“${given}”不是已知的地名${unmatched ? `（无法识别“${unmatched}”）` : ''}`,
      en: `"${given}" is not a place we know${unmatched ? ` (could not read "${unmatched}")` : ''}`,
    }),
    errors: (_given, _unmatched, _candidates, at) => [
      { ...at, message: { zh: '不是已知的地名', en: 'not a place we know' } },
    ],
    extra: (_given, _unmatched, candidates, _at) => ({ candidates }),
  },
  regionRequired: {
    status: 400,
    code: 'validation-error',
    title: { zh: '请求有误', en: 'Bad request' },
    detail: (_at: { in: Part; code: string; name: string }) => ({
      zh: '请填写区划代码或地名',
      en: 'Give the region code or the place by name',
    }),
    errors: (at) => [
      {
        in: at.in,
        field: at.code,
        message: {
          zh: `请填写区划代码 ${at.code} 或地名 ${at.name}`,
          en: `give the ${at.code} or the ${at.name} by name`,
        },
      },
    ],
  },
  badCursor: {
    status: 400,
    code: 'bad-cursor',
    title: { zh: '翻页游标无效', en: 'Bad cursor' },
    detail: () => ({ zh: '该游标不是本接口给出的', en: 'The cursor is not one this API gave out' }),
    errors: () => [
      {
        in: 'querystring',
        field: 'cursor',
        message: { zh: '不是上一页给出的游标', en: 'not a cursor from a previous page' },
      },
    ],
  },
  internal: {
    status: 500,
    code: 'internal',
    title: { zh: '服务器内部错误', en: 'Internal Server Error' },
    detail: () => ({
      zh: '服务端出了问题；报告时请附上请求编号（requestId）',
      en: 'Something went wrong on our side; quote the request id when you report it',
    }),
  },
});
