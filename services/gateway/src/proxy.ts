import { createHash } from 'node:crypto';
import { MERGE_PATCH, PROBLEM_CONTENT_TYPE, problemType } from '@duijie/contracts';
import type { ServiceApp } from '@duijie/service-kit';
import fastifyHttpProxy from '@fastify/http-proxy';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { AREAS, type ServiceName, serviceFor } from './areas.ts';

type Options = {
  upstreams: Record<ServiceName, string>;
  timeoutMs: number;
  /** Requests one caller may make in `rateWindowMs` across the /v1 API. */
  rateLimit: { max: number; windowMs: number };
};

/** A caller is its credentials when it presents some (hashed: keys are not kept), else its address. */
const callerOf = (request: FastifyRequest) => {
  const credentials = request.headers.authorization ?? request.headers['x-api-key'];
  return credentials ? `key:${createHash('sha256').update(String(credentials)).digest('hex')}` : `ip:${request.ip}`;
};

/**
 * Forwards `/v1/<area>/…` to the service that owns the area, with the request id, and turns
 * an unreachable service into a 502 (or a 504 when it is too slow) problem+json.
 */
export async function proxyPlugin(app: ServiceApp, { upstreams, timeoutMs, rateLimit }: Options) {
  // Bodies pass through untouched (the proxy's own catch-all parser); a merge patch is the service's to read.
  app.removeContentTypeParser(MERGE_PATCH);
  // Registered in this plugin only, so /health, /ready and /docs are never limited.
  await app.register(fastifyRateLimit, {
    max: rateLimit.max,
    timeWindow: rateLimit.windowMs,
    keyGenerator: callerOf,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `More than ${context.max} requests in ${context.after === '1 minute' ? 'a minute' : context.after}; retry after the Retry-After seconds`,
    }),
  });
  for (const [area, service] of Object.entries(AREAS)) {
    const prefix = `/v1/${area}`;
    await app.register(fastifyHttpProxy, {
      upstream: upstreams[service],
      prefix,
      rewritePrefix: prefix,
      http: { requestOptions: { timeout: timeoutMs } },
      replyOptions: {
        getUpstream: (request) => upstreams[serviceFor(request.url, area) ?? service],
        rewriteRequestHeaders: (request, headers) => ({ ...headers, 'x-request-id': request.id }),
        onError: (reply, failure) => {
          const error = ((failure as { error?: Error }).error ?? failure) as Error & { code?: string };
          const timedOut = error.code === 'FST_REPLY_FROM_GATEWAY_TIMEOUT' || /timeout/i.test(error.message);
          const status = timedOut ? 504 : 502;
          const answering = serviceFor(reply.request.url, area) ?? service;
          reply.request.log.warn({ err: error, service: answering }, 'upstream failed');
          reply
            .code(status)
            .type(PROBLEM_CONTENT_TYPE)
            .send({
              type: problemType(timedOut ? 'upstream-timeout' : 'upstream-unavailable'),
              title: timedOut ? 'Gateway Timeout' : 'Bad Gateway',
              status,
              detail: `The ${answering} service did not answer; try again shortly`,
              requestId: reply.request.id,
            });
        },
      },
    });
  }
}
