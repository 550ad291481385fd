import { randomUUID } from 'node:crypto';
import { PROBLEM_CONTENT_TYPE, Problem, problemType, type Text } from '@duijie/contracts';
import fastifySwagger, { type SwaggerTransformObject } from '@fastify/swagger';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { jsonSchemaTransformObject, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ProblemType, problemTypesOf, type Raise } from './catalogue.ts';
import { commonErrors } from './common-errors.ts';
import { refuseUnusableText } from './input-hygiene.ts';
import { validatorCompiler } from './language.ts';
import type { Logger } from './logger.ts';
import { acceptMergePatch } from './merge-patch.ts';
import { ServiceMetrics } from './metrics.ts';
import { keepOnlyUsed, operationTransform, SECURITY_SCHEMES } from './openapi.ts';
import { notFoundHandler, problemErrorHandler, refuse } from './problem.ts';

export type ServiceApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Resolves (optionally with an object of details) when the dependency is fine; rejects when not. */
export type ReadinessCheck = () => Promise<unknown>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Adds a dependency that `/ready` reports on (the database, the index, …). */
    addReadinessCheck(name: string, check: ReadinessCheck): void;
    /** The service's Prometheus metrics, served at `/metrics`. */
    metrics: ServiceMetrics;
  }
}

export type ServiceAppOptions = {
  /** The service's name, as in the OpenAPI title and the logs. */
  name: string;
  description: string;
  logger: Logger;
  version?: string;
  /** Limits request bodies; bulk intake raises it. */
  bodyLimit?: number;
  /**
   * Addresses (comma-separated; proxy-addr names such as `loopback`, `uniquelocal`, or CIDRs)
   * whose `X-Forwarded-For` is believed, so `request.ip` is the real client behind them.
   * Default `loopback`: the gateway of `pnpm start`. Empty: believe no one (a public door).
   */
  trustedProxies?: string;
  /** The service's own error catalogue (`src/errors.ts`), listed with the common problems in its OpenAPI. */
  errors?: Record<string, Raise<never>>;
};

/**
 * The repository states no licence and every package is private: the code is the project's
 * own, not licensed to others. Said so, as OpenAPI wants a licence named.
 */
const LICENSE = { name: '未授予许可 · Proprietary: no licence is granted', identifier: 'LicenseRef-Proprietary' };

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * A request Node's HTTP parser refuses before Fastify sees it (most often a query with raw
 * UTF-8, `?region=凤凰县`, from a client that did not percent-encode it): a problem+json 400
 * instead of Fastify's plain JSON. No request was parsed, so there is no Accept-Language: the
 * answer says it in Chinese and in English. Nothing of the request is echoed or logged.
 */
function requestLineRefused(err: Error & { code?: string }, socket: import('node:net').Socket) {
  if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
  const problem = commonErrors.badRequestLine();
  const both = (text: Text) => `${text.zh} · ${text.en}`;
  const body = JSON.stringify({
    type: problemType(problem.code),
    title: both(problem.title),
    status: problem.status,
    detail: problem.text ? both(problem.text) : problem.message,
  });
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * The Fastify instance every service starts from: zod type provider, request ids,
 * problem+json errors, OpenAPI at /openapi.json, and /health and /ready. It does not listen.
 */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const app = Fastify({
    loggerInstance: options.logger.child({ service: options.name }) as FastifyBaseLogger,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Keep an incoming request id (the gateway sets one) so logs correlate across services.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    ajv: { customOptions: { coerceTypes: false } },
    // The router's own refusals come before any route: a path that is not UTF-8 once decoded, or
    // a path parameter over 100 characters (no id is that long). Each is a 400 problem like any
    // bad parameter, not Fastify's plain JSON (and not a 414 no operation documents).
    frameworkErrors: (err, _request, reply) =>
      refuse(reply, commonErrors.badPath(err.code === 'FST_ERR_MAX_PARAM_LENGTH')),
    // Avvio's default (10 s) is a wall-clock limit per plugin: after a crash, or on a slow disk,
    // start-up work may hold a plugin up for longer, and the whole system then refused to start
    // (FST_ERR_PLUGIN_TIMEOUT on @fastify/swagger-ui). No limit: a slow start is a start, and a
    // service that never gets there never answers /ready, which is what supervisors watch.
    pluginTimeout: 0,
    clientErrorHandler: requestLineRefused,
    trustProxy: trustedProxiesOf(options.trustedProxies ?? 'loopback'),
  }).withTypeProvider<ZodTypeProvider>();
  const problemTypes = problemTypesOf(commonErrors, ...(options.errors ? [options.errors] : []));

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(problemErrorHandler);
  acceptMergePatch(app);
  app.setNotFoundHandler(notFoundHandler);
  refuseUnusableText(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  const metrics = new ServiceMetrics(options.name);
  app.decorate('metrics', metrics);
  app.addHook('onResponse', async (request, reply) => {
    // The route's pattern, not the URL: ids would make every request its own series.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `Duijie ${options.name}`,
        description: `${options.description}\n\n${problemTypesMarkdown(problemTypes)}`,
        version: options.version ?? '0.1.0',
        license: LICENSE,
      },
      components: { securitySchemes: { ...SECURITY_SCHEMES } },
      // Read by clients and by the gateway, which lists every service's problem types.
      'x-problem-types': problemTypes,
    } as OpenApiWithProblemTypes,
    transform: operationTransform(Problem),
    transformObject: (input) => keepOnlyUsed(problemsAsProblemJson(jsonSchemaTransformObject(input)) as never),
  });

  const checks = new Map<string, ReadinessCheck>();
  app.decorate('addReadinessCheck', (name: string, check: ReadinessCheck) => {
    checks.set(name, check);
  });

  app.after(() => {
    const config = { access: 'public' } as const;
    app.get('/openapi.json', { config, schema: { hide: true } }, async () => app.swagger());
    app.get('/metrics', { config, schema: { hide: true } }, async (_request, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );

    app.get(
      '/health',
      {
        config,
        schema: {
          tags: ['operations'],
          operationId: 'checkHealth',
          summary: '存活检查 · Liveness: the process answers',
          response: { 200: z.object({ status: z.literal('ok'), service: z.string(), uptimeSeconds: z.number() }) },
        },
      },
      async () => ({ status: 'ok' as const, service: options.name, uptimeSeconds: Math.round(process.uptime()) }),
    );

    const CheckResult = z
      .object({ ok: z.boolean(), ms: z.number(), error: z.string().optional() })
      .catchall(z.unknown());
    const Readiness = z.object({
      status: z.enum(['ready', 'not_ready']),
      service: z.string(),
      checks: z.record(z.string(), CheckResult),
    });
    app.get(
      '/ready',
      {
        config,
        schema: {
          tags: ['operations'],
          operationId: 'checkReadiness',
          summary: '就绪检查 · Readiness: every dependency answers',
          response: { 200: Readiness, 503: Readiness },
        },
      },
      async (_request, reply) => {
        const results = await Promise.all(
          [...checks].map(async ([name, check]) => {
            const started = performance.now();
            try {
              const result = await check();
              const details = typeof result === 'object' && result !== null ? result : {};
              return [name, { ok: true, ms: Math.round(performance.now() - started), ...details }] as const;
            } catch (err) {
              return [
                name,
                { ok: false, ms: Math.round(performance.now() - started), error: (err as Error).message },
              ] as const;
            }
          }),
        );
        const ready = results.every(([, r]) => r.ok);
        return reply
          .code(ready ? 200 : 503)
          .send({ status: ready ? 'ready' : 'not_ready', service: options.name, checks: Object.fromEntries(results) });
      },
    );
  });

  return app;
}

const PROBLEM_REF = '#/components/schemas/Problem';

// @fastify/swagger copies the object as it is, extensions included; its type does not list them.
type OpenApiWithProblemTypes = { info: { title: string; version: string } };

/**
 * The problem types as a table for the document's description (what Swagger UI shows a
 * developer): the `type` of a problem is `https://duijie.dev/problems/<code>`.
 */
export function problemTypesMarkdown(types: ProblemType[]): string {
  const rows = types.map((t) => `| \`${t.code}\` | ${t.status} | ${t.title.zh} | ${t.title.en} |`);
  return [
    '## 错误类型 Problem types',
    '',
    '错误以 `application/problem+json` 返回，默认中文；请求头 `Accept-Language: en` 返回英文。' +
      ' Errors are problem+json, in Chinese unless `Accept-Language` prefers `en`.' +
      ' `type` = `https://duijie.dev/problems/<code>`.',
    '',
    '| code | status | 中文 | English |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

type DocumentResponses = Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;

/**
 * Every problem is sent as application/problem+json (`sendProblem`), whatever else the route
 * produces; @fastify/swagger would list it under `application/json` or the route's `produces`
 * (a problem as `image/png`). Each response whose only schema is Problem says so here.
 */
function problemsAsProblemJson(document: ReturnType<SwaggerTransformObject>): ReturnType<SwaggerTransformObject> {
  const paths = (document as { paths?: Record<string, Record<string, { responses?: DocumentResponses }>> }).paths;
  for (const operation of Object.values(paths ?? {}).flatMap((item) => Object.values(item))) {
    for (const response of Object.values(operation.responses ?? {})) {
      const media = Object.values(response.content ?? {});
      if (media.length > 0 && media.every((m) => m.schema?.$ref === PROBLEM_REF)) {
        response.content = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_REF } } };
      }
    }
  }
  return document;
}

/** `'loopback, 10.0.0.0/8'` → the list Fastify's trustProxy takes; nothing listed → trust no one. */
function trustedProxiesOf(list: string): string[] | false {
  const entries = list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length > 0 ? entries : false;
}

/** Problem responses for a route's schema: one line per route instead of one per status. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, Problem])) as Record<number, typeof Problem>;
