import { STATUS_CODES } from 'node:http';
import { type FieldError, PROBLEM_CONTENT_TYPE, type Problem, problemType } from '@duijie/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { maskPersonalText } from './personal-data.ts';

/**
 * An error the domain throws on purpose: it becomes a problem+json response as it is.
 * `code` is stable (clients may switch on it); `detail` says what happened this time.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** Shorthands for the problems every service has. */
export const problems = {
  notFound: (what: string, id: string) => new HttpProblem(404, `${what}-not-found`, `${what} ${id} was not found`),
  conflict: (code: string, detail: string, extra?: Record<string, unknown>) =>
    new HttpProblem(409, code, detail, undefined, extra),
  invalid: (errors: FieldError[], detail = 'The request has invalid fields') =>
    new HttpProblem(400, 'validation-error', detail, errors),
  unprocessable: (code: string, detail: string, errors?: FieldError[]) => new HttpProblem(422, code, detail, errors),
};

const title = (status: number) => STATUS_CODES[status] ?? 'Error';

/** `/wage/min` in `body` → `wage.min`. */
const fieldOf = (instancePath: string) => instancePath.replace(/^\//, '').replaceAll('/', '.') || '(root)';

type ValidationPart = FieldError['in'];

/** Maps anything thrown in a request to one problem body; never a 5xx with internals. */
export function toProblem(err: unknown, requestId: string): Problem {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const part = ((err as { validationContext?: string }).validationContext ?? 'body') as ValidationPart;
    return {
      type: problemType('validation-error'),
      title: title(400),
      status: 400,
      detail: `The request ${part} has invalid fields`,
      requestId,
      errors: err.validation.map((v) => ({
        in: part,
        field: fieldOf(v.instancePath),
        message: v.message ?? 'invalid',
      })),
    };
  }
  if (err instanceof HttpProblem) {
    return {
      ...err.extra,
      type: problemType(err.code),
      title: title(err.status),
      status: err.status,
      detail: err.message,
      requestId,
      ...(err.errors ? { errors: err.errors } : {}),
    };
  }
  const named = err as { name?: string; message?: string };
  if (named.name === 'StaleVersionError') {
    return {
      type: problemType('stale-version'),
      title: title(409),
      status: 409,
      detail: `${named.message}: read it again and retry with the current version`,
      requestId,
    };
  }
  if (named.name === 'RecordNotFoundError') {
    return { type: problemType('not-found'), title: title(404), status: 404, detail: named.message, requestId };
  }
  if (uniqueViolation(err)) {
    // A race the route's own check could not see: two requests stored the same key at once.
    return {
      type: problemType('duplicate'),
      title: title(409),
      status: 409,
      detail: 'A record with the same unique key was stored at the same time; read it and retry',
      requestId,
    };
  }
  const fastifyError = err as FastifyError;
  const status = fastifyError.statusCode ?? 500;
  if (status < 500 && !isResponseSerializationError(err)) {
    return {
      type: problemType((fastifyError.code ?? 'bad-request').toLowerCase().replaceAll('_', '-')),
      title: title(status),
      status,
      detail: fastifyError.message,
      requestId,
    };
  }
  return {
    type: problemType('internal'),
    title: title(500),
    status: 500,
    detail: 'Something went wrong on our side; quote the request id when you report it',
    requestId,
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

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

export function problemErrorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(err, request.id);
  if (problem.status >= 500) request.log.error({ err }, 'request failed');
  else request.log.info({ problem: problem.type, status: problem.status }, 'request refused');
  return sendProblem(reply, problem);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, {
    type: problemType('route-not-found'),
    title: title(404),
    status: 404,
    detail: `No route ${request.method} ${maskPersonalText(request.url.split('?')[0] ?? '')}`,
    requestId: request.id,
  });
}
