import {
  type FieldError,
  inLanguage,
  type Language,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  problemType,
} from '@duijie/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type FieldProblem, HttpProblem } from './catalogue.ts';
import { commonErrors } from './common-errors.ts';
import { CONTENT_LANGUAGE, type IssueLike, issueText, languageOf } from './language.ts';
import { maskPersonalText } from './personal-data.ts';

export { HttpProblem };

const NOUNS: Record<string, string> = {
  employer: '用人单位',
  vacancy: '岗位',
  seeker: '求职者',
  subscription: '订阅',
  broadcast: '群发通知',
  link: '短链接',
  'api-key': 'API 密钥',
  import: '导入任务',
  'follow-up': '回访任务',
  fair: '招聘会',
  livestream: '直播',
  intent: '意向',
  booth: '展位',
  placement: '就业登记',
  viewer: '观众',
};

/**
 * Shorthands from before the catalogues, kept while code moves to `errors.*` (see
 * `catalogue`): prefer a catalogue entry, which says its problem in Chinese too.
 */
export const problems = {
  notFound: (what: string, id: string) =>
    new HttpProblem(404, `${what}-not-found`, {
      zh: `未找到${NOUNS[what] ?? what} ${id}`,
      en: `${what} ${id} was not found`,
    }),
  conflict: (code: string, detail: string, extra?: Record<string, unknown>) =>
    new HttpProblem(409, code, detail, undefined, extra),
  invalid: (errors: FieldProblem[], detail?: string) =>
    detail === undefined
      ? commonErrors.validation('body', errors)
      : new HttpProblem(400, 'validation-error', detail, errors),
  unprocessable: (code: string, detail: string, errors?: FieldProblem[]) => new HttpProblem(422, code, detail, errors),
};

/** `/wage/min` in `body` → `wage.min`. */
const fieldOf = (instancePath: string) => instancePath.replace(/^\//, '').replaceAll('/', '.') || '(root)';

type ValidationItem = { keyword: string; instancePath: string; message?: string; params?: Record<string, unknown> };

/** Anything thrown in a request, as the problem it is; never a 5xx with internals. */
export function asHttpProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const part = ((err as { validationContext?: string }).validationContext ?? 'body') as FieldError['in'];
    return commonErrors.validation(
      part,
      (err.validation as ValidationItem[]).map((v) => ({
        in: part,
        field: fieldOf(v.instancePath),
        message: issueText({ ...v.params, code: v.keyword, message: v.message ?? 'invalid' } as IssueLike),
      })),
    );
  }
  const named = err as {
    name?: string;
    message?: string;
    table?: string;
    id?: string;
    current?: number;
    expected?: number;
  };
  if (named.name === 'StaleVersionError') {
    return commonErrors.staleVersion(`${named.table} ${named.id}`, named.current ?? 0, named.expected ?? 0);
  }
  if (named.name === 'RecordNotFoundError') return commonErrors.recordNotFound(named.table ?? '', named.id ?? '');
  // A race the route's own check could not see: two requests stored the same key at once.
  if (uniqueViolation(err)) return commonErrors.duplicate();
  const fastifyError = err as FastifyError;
  const status = fastifyError.statusCode ?? 500;
  if (status < 500 && !isResponseSerializationError(err)) return fastifyRefusal(fastifyError, status);
  return commonErrors.internal();
}

/** Fastify's own refusals (its parsers and limits), in our words; their codes stay as Fastify names them. */
function fastifyRefusal(err: FastifyError, status: number): HttpProblem {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return commonErrors.badJson();
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return commonErrors.emptyJson();
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return commonErrors.bodyTooLarge();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return commonErrors.unsupportedMediaType(err.message.replace(/^Unsupported Media Type:?\s*/, '') || '?');
  }
  const code = (err.code ?? 'bad-request').toLowerCase().replaceAll('_', '-');
  return new HttpProblem(status, code, { zh: `请求未被接受（${code}）`, en: err.message });
}

/** Maps anything thrown in a request to one problem body, in the caller's language. */
export function toProblem(err: unknown, requestId: string, language: Language = 'zh'): Problem {
  const problem = asHttpProblem(err);
  return {
    ...problem.extra,
    type: problemType(problem.code),
    title: problem.title[language],
    status: problem.status,
    detail: problem.text ? problem.text[language] : inLanguage(problem.message, language),
    requestId,
    ...(problem.errors
      ? { errors: problem.errors.map((e) => ({ ...e, message: inLanguage(e.message, language) })) }
      : {}),
  };
}

/** PostgreSQL's unique_violation (23505), from either driver, possibly wrapped by drizzle. */
function uniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 3; depth++) {
    if (e.code === '23505') return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * Sends a problem (written in the request's language) as application/problem+json. Every 4xx
 * says its type and status in the log (the type is a code: no personal data in it).
 */
export function sendProblem(reply: FastifyReply, problem: Problem) {
  if (problem.status < 500) {
    reply.request.log.info({ problem: problem.type, status: problem.status }, 'request refused');
  }
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .header('content-language', CONTENT_LANGUAGE[languageOf(reply.request)])
    .send(problem);
}

/** Answers a request with a problem outside the error handler (a hook that refuses). */
export const refuse = (reply: FastifyReply, err: unknown) =>
  sendProblem(reply, toProblem(err, reply.request.id, languageOf(reply.request)));

export function problemErrorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(err, request.id, languageOf(request));
  if (problem.status >= 500) request.log.error({ err }, 'request failed');
  // A limit's 429 says when to come back in the header too, wherever it was raised.
  const wait = err instanceof HttpProblem ? err.extra?.retryAfterSeconds : undefined;
  if (typeof wait === 'number' && !reply.hasHeader('retry-after')) reply.header('retry-after', wait);
  return sendProblem(reply, problem);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return refuse(reply, commonErrors.routeNotFound(request.method, maskPersonalText(request.url.split('?')[0] ?? '')));
}
